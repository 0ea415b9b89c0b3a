using System.Diagnostics;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Notation;

namespace DerivationChecker.Benchmarks;

/// <summary>
/// Where the time of a check goes, per peer case: reading, derivatives, shapes, canonical forms,
/// sampling. For finding what to optimize (run with DOTNET_TieredCompilation=0 for steady-state code).
/// </summary>
public static class Phases
{
    public static void Run()
    {
        var cases = BenchCases.Peers();
        var totals = new Dictionary<string, double>();
        void Time(string name, Action a, int reps)
        {
            for (var i = 0; i < 20; i++) a();
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < reps; i++) a();
            totals[name] = totals.GetValueOrDefault(name) + sw.Elapsed.TotalMicroseconds / reps;
        }
        foreach (var c in cases)
        {
            var before = new Dictionary<string, double>(totals);
            Expr a = null!, b = null!;
            Time("parse", () => { a = MathReader.Read(c.A, syntax: Syntax.Ascii).Value!; b = MathReader.Read(c.B, syntax: Syntax.Ascii).Value!; }, 100);
            Expr pa = null!, pb = null!;
            Time("deriv", () => { pa = DerivativeExpander.Expand(a); pb = DerivativeExpander.Expand(b); }, 100);
            Time("shape", () => { ShapeInference.Infer(pa); ShapeInference.Infer(pb); }, 100);
            Expr na = null!, nb = null!;
            Time("canon-factored", () => { var f = new Canonicalizer(CanonicalOptions.Factored); na = f.Run(pa); nb = f.Run(pb); }, 100);

            Time("rational", () => { Rationality.IsRational(na); Rationality.IsRational(nb); }, 100);
            if (Rationality.IsRational(na) && Rationality.IsRational(nb))
                Time("exact-10pts", () => { var pe = new PairEvaluator<ModPrime>(na, nb, Budget.Unlimited); for (var p = 0; p < 10; p++) pe.Evaluate(new Sample(p, 1, [])); }, 50);
            else
                Time("numeric-12pts", () => { var pe = new PairEvaluator<Approx>(na, nb, Budget.Unlimited); for (var p = 0; p < 12; p++) pe.Evaluate(new Sample(p, 1, [])); }, 50);
            Time("total-check", () => new EquivalenceChecker().Check(a, b), 50);
            Console.WriteLine($"{c.Id,-30} " + string.Join(" ", totals.Select(kv => $"{kv.Key}={kv.Value - before.GetValueOrDefault(kv.Key):F0}")));
        }
        foreach (var (k, v) in totals) Console.WriteLine($"{k,-16} {v / cases.Count,9:F1} µs avg per case");
    }
}
