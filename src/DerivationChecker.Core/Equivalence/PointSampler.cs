using System.Collections.Immutable;
using System.Globalization;
using DerivationChecker.Core.Calculus;
using System.Text;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Equivalence;

/// <summary>
/// Randomized identity testing: evaluates both sides at the same seeded points and compares,
/// exactly (modulo a prime) for rational expressions or within error bounds in doubles. A
/// difference found this way is certain; agreement at many random points is overwhelming evidence,
/// and the verdict says so ("agree at 12 random points"). Also names the usual mistakes.
/// </summary>
internal sealed class PointSampler(EquivalenceOptions options, Budget budget, Func<Expr, string> show, ImmutableArray<Recurrence> recurrences = default)
{
    /// <summary>Exact comparison, or null when the expressions cannot be evaluated exactly.</summary>
    public Verdict? Exact(Expr a, Expr b)
    {
        var indexSymbols = IndexSymbols(a, b);
        var valid = 0;
        // Over a 61-bit prime one random point already separates distinct rational functions with
        // probability ≥ 1 − degree/p; more points are needed only to cover the discrete parameters
        // (dimensions, indices, naturals, bounds of sums), which take few values each.
        var discrete = a.FreeSymbols().Concat(b.FreeSymbols()).Any(s => s.Kind.IsIntegerValued)
            || a.Any(n => n is BigOperator) || b.Any(n => n is BigOperator);
        var target = discrete ? options.ExactPoints : Math.Min(options.ExactPoints, 4);
        var pair = new PairEvaluator<ModPrime>(a, b, budget, recurrences);
        for (var p = 0; p < options.MaxAttempts && valid < target; p++)
        {
            budget.CheckTime();
            Value<ModPrime> va, vb;
            try
            {
                (va, vb, _, _) = pair.Evaluate(new Sample(p, options.Seed, indexSymbols));
            }
            catch (UnsupportedOperationException)
            {
                return null;
            }
            if (va.IsInvalid || vb.IsInvalid) continue;
            if (!ExactlyEqual(va, vb))
                return new Verdict(VerdictKind.NotEquivalent, Methods.ExactSampling,
                    "The two sides differ: exact arithmetic at a random point gives different values.", Points: valid + 1);
            valid++;
        }
        if (valid < Math.Min(target, 4)) return null;
        return Verdict.Equivalent(Methods.ExactSampling,
            $"Both sides agree exactly at {valid} random points (rational arithmetic modulo a 61-bit prime), so they are the same rational function.", valid);
    }

    private static bool ExactlyEqual(Value<ModPrime> a, Value<ModPrime> b)
    {
        if (a.ActsAsScalar && b.ActsAsScalar) return a.AsScalar.Equals(b.AsScalar);
        if (a.Tensor is not { } ta || b.Tensor is not { } tb) return false;
        if (ta.Rows != tb.Rows || ta.Columns != tb.Columns) return false;
        for (var i = 0; i < ta.Data.Length; i++)
        {
            if (!ta.Data[i].Equals(tb.Data[i])) return false;
        }
        return true;
    }


    /// <summary>
    /// Comparison in doubles with error bounds. Once the sides differ it keeps going until enough
    /// points are in hand for a diagnosis, then stops: a difference is already certain.
    /// </summary>
    public Verdict Numeric(Expr a, Expr b)
    {
        var indexSymbols = IndexSymbols(a, b);
        var agreeing = new List<PairValues<Approx>>();
        var differing = new List<PairValues<Approx>>();
        int onlyA = 0, onlyB = 0, neither = 0, uncertain = 0;
        PairValues<Approx>? onlyAExample = null;
        var pair = new PairEvaluator<Approx>(a, b, budget, recurrences);
        for (var p = 0; p < options.MaxAttempts && agreeing.Count + differing.Count < options.NumericPoints; p++)
        {
            budget.CheckTime();
            PairValues<Approx> result;
            try
            {
                result = pair.Evaluate(new Sample(p, options.Seed, indexSymbols));
            }
            catch (UncertainComparisonException)
            {
                uncertain++;
                continue;
            }
            catch (UnsupportedOperationException ex)
            {
                return Verdict.Inconclusive(Methods.Limit, $"The engine cannot evaluate {ex.Message.Replace("not supported in this number system: ", "")}; compare these by hand.");
            }
            var (okA, okB) = (!result.A.IsInvalid, !result.B.IsInvalid);
            if (okA && okB)
            {
                if (Agree(result.A, result.B, out _)) agreeing.Add(result);
                else differing.Add(result);
            }
            else if (okA)
            {
                onlyA++;
                onlyAExample ??= result;
            }
            else if (okB) onlyB++;
            else neither++;
            // A difference is certain; a diagnosis needs several points that all say the same, so keep a few.
            if (differing.Count > 0 && agreeing.Count + differing.Count >= DiagnosisPoints) break;
        }

        var valid = agreeing.Count + differing.Count;
        if (differing.Count > 0)
        {
            var first = differing[0];
            var all = agreeing.Concat(differing).ToList();
            var diagnosis = Diagnose(all, a, b);
            var tiny = differing.All(d => { Agree(d.A, d.B, out var tight); return tight; });
            var message = tiny
                ? "The two sides agree to more than 9 significant digits but are not equal: they differ beyond rounding error (a decimal written for a fraction?)."
                : "The two sides take different values at a random point.";
            if (diagnosis is not null) message += " " + diagnosis.Detail;
            return new Verdict(VerdictKind.NotEquivalent, Methods.NumericSampling, message, diagnosis, Counterexample(first), valid);
        }
        if (valid >= options.MinimumNumericPoints && ProbeBreakpoints(a, b, indexSymbols) is { } across)
        {
            var diagnosis = Diagnose([across], a, b);
            return new Verdict(VerdictKind.NotEquivalent, Methods.NumericSampling,
                "The two sides agree at random points but differ past a breakpoint of a case expression (or of ReLU, max, |·|), where random points did not reach.",
                diagnosis, Counterexample(across), valid + 1);
        }
        if (valid >= options.MinimumNumericPoints && ProbeSimpleValues(a, b, indexSymbols) is { } probe)
        {
            var diagnosis = Diagnose([probe], a, b);
            return new Verdict(VerdictKind.NotEquivalent, Methods.NumericSampling,
                "The two sides agree at random points but differ at simple values (an integer or a half), where both are defined.",
                null, Counterexample(probe), valid + 1);
        }
        if (valid >= options.MinimumNumericPoints)
        {
            var verdict = Verdict.Equivalent(Methods.NumericSampling,
                $"Both sides agree at {valid} random points (double precision, within rounding-error bounds).", valid);
            var attempts = valid + onlyA + onlyB + neither + uncertain;
            if (onlyA + onlyB > attempts / 4)
            {
                var which = onlyA > onlyB ? "the first is defined at points where the second is not" : "the second is defined at points where the first is not";
                verdict = verdict with { Notes = [$"they agree wherever both are defined, but {which}"] };
            }
            return verdict;
        }
        if (valid == 0 && onlyA >= options.MinimumNumericPoints / 2 && onlyB == 0)
        {
            var point = onlyAExample is { } example ? $" (for example at {PointText(example)})" : "";
            return new Verdict(VerdictKind.NotEquivalent, Methods.NumericSampling,
                $"The second expression is undefined wherever the first is defined{point}.",
                new Diagnosis(DiagnosisKind.Domain, "The answer is undefined (a square root or logarithm of a negative number, or a division by zero) where the expected expression has a value."),
                onlyAExample is { } ex ? new Counterexample(PointList(ex), Format(ex.A), "undefined") : null, 0);
        }
        if (valid == 0 && onlyB >= options.MinimumNumericPoints / 2 && onlyA == 0)
        {
            return new Verdict(VerdictKind.NotEquivalent, Methods.NumericSampling, "The first expression is undefined wherever the second is defined.",
                new Diagnosis(DiagnosisKind.Domain, "The expected expression is undefined where the answer has a value."));
        }
        return Verdict.Inconclusive(Methods.NumericSampling,
            $"Only {valid} of {valid + onlyA + onlyB + neither + uncertain} random points had both sides defined; that is too few to decide.", valid);
    }

    private static readonly double[] SimpleReals = [-2, 2, 0.5, -1.5];
    private static readonly double[] SimplePositives = [0.5, 2, 3];

    /// <summary>
    /// Random reals almost never hit the points where identities that need integer exponents fail:
    /// (a^b)^c and a^{bc} differ at a = −2, b = 2, c = ½, where both are defined. After agreement at
    /// random points, every combination of a few simple values is tried for up to three real scalars.
    /// It can only find a difference, never create an agreement.
    /// </summary>
    private PairValues<Approx>? ProbeSimpleValues(Expr a, Expr b, IReadOnlyList<Symbol> indexSymbols)
    {
        // Analytic expressions that agree at random points agree everywhere both are defined; only
        // branches (powers with variable or fractional exponents, roots, logs, |x|, max) need the probe.
        if (!HasBranches(a) && !HasBranches(b)) return null;
        var free = a.FreeSymbols().Concat(b.FreeSymbols()).Distinct().ToList();
        var reals = free.Where(s => s.Kind is ScalarKind { Domain: ScalarDomain.Real or ScalarDomain.Positive }).ToList();
        if (reals.Count == 0 || reals.Count > 3 || free.Any(s => !s.Kind.IsScalar)) return null;
        var combinations = reals.Aggregate<Symbol, IEnumerable<Dictionary<string, double>>>([new Dictionary<string, double>()], (acc, s) =>
            acc.SelectMany(partial => (s.Kind is ScalarKind { Domain: ScalarDomain.Positive } ? SimplePositives : SimpleReals)
                .Select(v => new Dictionary<string, double>(partial) { [s.Name] = v })));
        var p = 1000;
        var pair = new PairEvaluator<Approx>(a, b, budget, recurrences);
        foreach (var values in combinations)
        {
            budget.CheckTime();
            try
            {
                var result = pair.Evaluate(new Sample(p++, options.Seed, indexSymbols, values));
                if (result.A.IsInvalid || result.B.IsInvalid) continue;
                if (!Agree(result.A, result.B, out _)) return result;
            }
            catch (Exception ex) when (ex is UncertainComparisonException or UnsupportedOperationException)
            {
                continue;
            }
        }
        return null;
    }

    /// <summary>
    /// Random reals lie within ±2.5, so a case expression wrong only for x ≤ −5, or only on (0, 0.001),
    /// agrees at every random point. Each real scalar's breakpoints (<see cref="Breakpoints"/>) split its
    /// line into intervals, and one point inside each, on both sides of every breakpoint, is tried (the
    /// other symbols random). A value exactly at a breakpoint is not: ReLU′(0) is a matter of convention.
    /// It can only find a difference, never create an agreement.
    /// </summary>
    private PairValues<Approx>? ProbeBreakpoints(Expr a, Expr b, IReadOnlyList<Symbol> indexSymbols)
    {
        var breakpoints = Breakpoints.Of(b, Breakpoints.Of(a));
        var p = 2000;
        var pair = new PairEvaluator<Approx>(a, b, budget, recurrences);
        foreach (var (name, (symbol, at)) in breakpoints)
        {
            foreach (var value in InsideEachInterval([.. at], positive: symbol.Kind is ScalarKind { Domain: ScalarDomain.Positive }))
            {
                budget.CheckTime();
                try
                {
                    var result = pair.Evaluate(new Sample(p++, options.Seed, indexSymbols, new Dictionary<string, double> { [name] = value }));
                    if (result.A.IsInvalid || result.B.IsInvalid) continue;
                    if (!Agree(result.A, result.B, out _)) return result;
                }
                catch (Exception ex) when (ex is UncertainComparisonException or UnsupportedOperationException)
                {
                    continue;
                }
            }
        }
        return null;
    }

    /// <summary>One point before the first breakpoint, one between each two, one after the last (positive ones only for a positive symbol).</summary>
    private static IEnumerable<double> InsideEachInterval(double[] at, bool positive)
    {
        if (at.Length == 0) return [];
        IEnumerable<double> points =
        [
            at[0] - Math.Max(1, Math.Abs(at[0])),
            .. Enumerable.Range(0, at.Length - 1).Select(i => (at[i] + at[i + 1]) / 2),
            at[^1] + Math.Max(1, Math.Abs(at[^1])),
        ];
        return positive ? points.Where(v => v > 0) : points;
    }

    private static bool HasBranches(Expr e) => e.Any(n => n switch
    {
        Power p => p.Exponent is not Number { Value.IsInteger: true },
        Root => true,
        Apply { Function.Id: FunctionId.Log or FunctionId.Log2 or FunctionId.Log10 or FunctionId.Abs or FunctionId.Max or FunctionId.Min
            or FunctionId.Relu or FunctionId.Step or FunctionId.Sign or FunctionId.Asin or FunctionId.Acos } => true,
        Piecewise or Norm => true,
        _ => false,
    });

    private static bool Agree(Value<Approx> a, Value<Approx> b, out bool tight)
    {
        tight = true;
        if (a.ActsAsScalar && b.ActsAsScalar) return Approx.AgreeWith(a.AsScalar, b.AsScalar, out tight);
        if (a.Tensor is not { } ta || b.Tensor is not { } tb || ta.Rows != tb.Rows || ta.Columns != tb.Columns)
        {
            tight = false;
            return false;
        }
        var all = true;
        for (var i = 0; i < ta.Data.Length; i++)
        {
            if (!Approx.AgreeWith(ta.Data[i], tb.Data[i], out var t))
            {
                all = false;
                tight &= t;
            }
        }
        return all;
    }

    // ---- diagnosis ------------------------------------------------------------------------------

    /// <summary>A diagnosis must hold at this many points (one for expressions without variables).</summary>
    private const int DiagnosisPoints = 4;

    /// <summary>Sign, transpose or a constant factor, when every defined point says the same.</summary>
    private Diagnosis? Diagnose(List<PairValues<Approx>> points, Expr a, Expr b)
    {
        var constant = !a.FreeSymbols().Any() && !b.FreeSymbols().Any();
        if (points.Count < (constant ? 1 : DiagnosisPoints)) return null;
        if (points.All(p => Agree(Negated(p.A), p.B, out _)) && points.Any(p => !IsZero(p.A)))
            return new Diagnosis(DiagnosisKind.Sign, "The answer has the opposite sign: it is the negative of the expected expression.");

        if (points.All(p => p.A.Tensor is { } ta && p.B.Tensor is { } tb && ta.Rows == tb.Columns && ta.Columns == tb.Rows
                && Agree(new Value<Approx>(ta.Transposed()), p.B, out _)) && points.Any(p => !IsZero(p.A)))
            return new Diagnosis(DiagnosisKind.Transpose, "The answer is the transpose of the expected expression.");

        return FactorDiagnosis(points, a, b);
    }

    private static Value<Approx> Negated(Value<Approx> v) =>
        v.Tensor is { } t ? new Value<Approx>(t.Map(Approx.Negate)) : new Value<Approx>(Approx.Negate(v.Scalar));

    private static bool IsZero(Value<Approx> v) => (v.Tensor?.Data ?? [v.Scalar]).All(x => Math.Abs(x.Value) <= 4 * x.Error);

    private Diagnosis? FactorDiagnosis(List<PairValues<Approx>> points, Expr a, Expr b)
    {
        var ratios = new List<(double Ratio, Sample Sample)>();
        foreach (var p in points)
        {
            var r = PointRatio(p.A, p.B);
            if (r is null) return null;
            if (double.IsNaN(r.Value)) continue;
            ratios.Add((r.Value, p.Sample));
        }
        if (ratios.Count == 0) return null;
        if (ratios.All(r => Close(r.Ratio, ratios[0].Ratio)))
        {
            var c = ratios[0].Ratio;
            if (Close(c, 1)) return null;
            var exact = BigRational.FromDoubleApproximately(c, 1e-9, MaxFactorDenominator);
            Expr factor = exact is { } q ? FactorExpression(q, []) : new FloatNumber(c);
            return new Diagnosis(DiagnosisKind.Factor, $"The answer is the expected expression multiplied by {show(factor)}.", factor);
        }

        // A factor that depends on dimensions only, such as 1/(2n): fit c·∏ d^e with small exponents.
        var dims = a.FreeSymbols().Concat(b.FreeSymbols()).Where(s => s.Kind is ScalarKind { Domain: ScalarDomain.Dimension or ScalarDomain.Natural })
            .Select(s => s.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).Take(3).ToList();
        if (dims.Count == 0) return null;
        foreach (var exponents in ExponentCandidates(dims.Count))
        {
            double? q = null;
            var fits = true;
            foreach (var (ratio, sample) in ratios)
            {
                var denominator = 1.0;
                for (var k = 0; k < dims.Count; k++)
                {
                    if (!sample.Integers.TryGetValue(dims[k], out var d) || d == 0) { fits = false; break; }
                    denominator *= Math.Pow(d, exponents[k]);
                }
                if (!fits) break;
                var value = ratio / denominator;
                if (q is null) q = value;
                else if (!Close(q.Value, value)) { fits = false; break; }
            }
            if (!fits || q is null) continue;
            var exact = BigRational.FromDoubleApproximately(q.Value, 1e-9, MaxFactorDenominator);
            if (exact is null) continue;
            var factor = FactorExpression(exact.Value, [.. dims.Select((d, i) => (DimSymbol(a, b, d), exponents[i]))]);
            return new Diagnosis(DiagnosisKind.Factor, $"The answer is the expected expression multiplied by {show(factor)}.", factor);
        }
        return null;
    }

    /// <summary>A factor is named as a fraction only when it is a simple one (1/8, 2/3), not 20662/24339.</summary>
    private const long MaxFactorDenominator = 1000;

    private static Symbol DimSymbol(Expr a, Expr b, string name) =>
        a.FreeSymbols().Concat(b.FreeSymbols()).First(s => s.Name == name);

    /// <summary>b/a as one number when every nonzero entry has the same ratio; NaN if a is zero here; null if no single ratio.</summary>
    private static double? PointRatio(Value<Approx> a, Value<Approx> b)
    {
        var ea = a.Tensor?.Data ?? [a.AsScalar];
        var eb = b.Tensor?.Data ?? [b.AsScalar];
        if (ea.Length != eb.Length) return null;
        double? ratio = null;
        for (var i = 0; i < ea.Length; i++)
        {
            var za = Math.Abs(ea[i].Value) <= 16 * ea[i].Error + 1e-300;
            var zb = Math.Abs(eb[i].Value) <= 16 * eb[i].Error + 1e-300;
            if (za && zb) continue;
            if (za != zb) return null;
            var r = eb[i].Value / ea[i].Value;
            if (ratio is null) ratio = r;
            else if (!Close(ratio.Value, r)) return null;
        }
        return ratio ?? double.NaN;
    }

    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(x), Math.Abs(y)));

    private static IEnumerable<int[]> ExponentCandidates(int count)
    {
        var all = new List<int[]>();
        void Build(int[] current, int k)
        {
            if (k == count)
            {
                if (current.Any(e => e != 0)) all.Add((int[])current.Clone());
                return;
            }
            for (var e = -3; e <= 3; e++)
            {
                current[k] = e;
                Build(current, k + 1);
            }
        }
        Build(new int[count], 0);
        return all.OrderBy(e => e.Sum(Math.Abs));
    }

    /// <summary>q·∏ d^e written as one fraction: 1/(2n), 3n, n/2.</summary>
    private static Expr FactorExpression(BigRational q, IReadOnlyList<(Symbol Dim, int Exponent)> dims)
    {
        var numerator = new List<Expr>();
        var denominator = new List<Expr>();
        if (!q.Numerator.IsOne || dims.All(d => d.Exponent <= 0)) numerator.Add(new Number(new BigRational(q.Numerator)));
        if (!q.Denominator.IsOne) denominator.Add(new Number(new BigRational(q.Denominator)));
        foreach (var (dim, e) in dims)
        {
            if (e > 0) numerator.Add(e == 1 ? dim : new Power(dim, Number.Of(e)));
            else if (e < 0) denominator.Add(e == -1 ? dim : new Power(dim, Number.Of(-e)));
        }
        Expr Join(List<Expr> parts) => parts.Count switch
        {
            0 => Number.One,
            1 => parts[0],
            _ => new Multiply([.. parts]),
        };
        var top = Join(numerator);
        return denominator.Count == 0 ? top : new Divide(top, Join(denominator));
    }

    // ---- reporting --------------------------------------------------------------------------------

    private Counterexample Counterexample(PairValues<Approx> p)
    {
        var (a, b) = (Format(p.A), Format(p.B));
        // Values that agree to six digits are shown in full, so the difference is visible.
        if (a == b) (a, b) = (Format(p.A, "R"), Format(p.B, "R"));
        return new(PointList(p), a, b);
    }

    private List<KeyValuePair<string, string>> PointList(PairValues<Approx> p)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in p.Sample.Integers.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            list.Add(new(name, value.ToString(CultureInfo.InvariantCulture)));
        foreach (var (atom, value) in p.Drawn())
            list.Add(new(show(atom), Format(value)));
        return list;
    }

    private string PointText(PairValues<Approx> p) => string.Join(", ", PointList(p).Select(kv => $"{kv.Key} = {kv.Value}"));

    public static string Format(Value<Approx> v, string format = "G6")
    {
        if (v.Tensor is not { } t) return Format(v.Scalar, format);
        var sb = new StringBuilder();
        if (t.Columns == 1)
        {
            sb.Append('[').AppendJoin(", ", t.Data.Select(x => Format(x, format))).Append("]ᵀ");
            return sb.ToString();
        }
        sb.Append('[');
        for (var r = 0; r < t.Rows; r++)
        {
            if (r > 0) sb.Append("; ");
            sb.AppendJoin(", ", Enumerable.Range(0, t.Columns).Select(c => Format(t[r, c], format)));
        }
        return sb.Append(']').ToString();
    }

    private static string Format(Approx x, string format) => x.IsInvalid ? "undefined" : x.Value.ToString(format, CultureInfo.InvariantCulture);

    private static List<Symbol> IndexSymbols(Expr a, Expr b) =>
        [.. a.FreeSymbols().Concat(b.FreeSymbols()).Where(s => s.Kind is IndexKind).Distinct()];
}
