using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using DerivationChecker.Core.Equivalence;

namespace DerivationChecker.Benchmarks;

/// <summary>
/// Times each case the way the peer harness times Maxima and SymPy (median of repeated checks in one
/// warm process) and prints our figures beside theirs, with the ratio, in one table.
/// </summary>
public static class PeerComparison
{
    private sealed record Timing(BenchCase Case, string Verdict, bool Right, double MedianUs, double P95Us, double MaxUs);

    public static int Run(string[] args)
    {
        var reps = IntOption(args, "--reps", 200);
        var maxima = Option(args, "--maxima");
        var sympy = Option(args, "--sympy");
        var include = Option(args, "--cases") ?? "peers";
        var cases = include == "all" ? BenchCases.All() : include == "equivalence" ? BenchCases.Equivalence() : BenchCases.Peers();
        var checker = new EquivalenceChecker();

        // Warm the whole process first, as the peers' numbers are for a warm Maxima: .NET compiles hot
        // methods again with full optimization only after they have run for a while (tiered JIT).
        var warmUntil = Stopwatch.GetTimestamp() + 3 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < warmUntil)
        {
            foreach (var c in cases) c.Run(checker);
        }

        var timings = new List<Timing>();
        foreach (var c in cases)
        {
            for (var i = 0; i < 30; i++) c.Run(checker);
            var samples = new double[reps];
            Verdict verdict = c.Run(checker);
            for (var i = 0; i < reps; i++)
            {
                var start = Stopwatch.GetTimestamp();
                verdict = c.Run(checker);
                samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            Array.Sort(samples);
            var right = verdict.Kind == (c.ExpectedEquivalent ? VerdictKind.Equivalent : VerdictKind.NotEquivalent);
            timings.Add(new Timing(c, verdict.KindText, right, samples[reps / 2], samples[(int)(reps * 0.95)], samples[^1]));
        }

        var maximaTimes = LoadPeer(maxima, "radcan");
        var sympyTimes = LoadPeer(sympy, "simplify");
        Console.WriteLine($"# Equivalence checks: DerivationChecker beside {(maxima is null ? "" : "warm Maxima (radcan)")}{(sympy is null ? "" : ", SymPy (simplify)")}");
        Console.WriteLine();
        Console.WriteLine($"Ours: parse both sides + decide, median of {reps} runs in one warm process (.NET {Environment.Version}, {Environment.ProcessorCount} cores).");
        if (maxima is not null) Console.WriteLine("Maxima: check time of radcan(ev(L)-ev(R)) = 0 per the peer harness (parse timed separately by it, shown as +parse).");
        Console.WriteLine();
        Console.WriteLine("| case | expected | ours | ours median µs | ours max µs | Maxima radcan µs | Maxima verdict | ratio (Maxima/ours) |" + (sympy is null ? "" : " SymPy simplify ms |"));
        Console.WriteLine("|---|---|---|---:|---:|---:|---|---:|" + (sympy is null ? "" : "---:|"));
        foreach (var t in timings)
        {
            var m = maximaTimes.GetValueOrDefault(t.Case.Id);
            var s = sympyTimes.GetValueOrDefault(t.Case.Id);
            var ratio = m.Seconds is { } ms ? (ms * 1e6 / t.MedianUs).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "";
            Console.WriteLine($"| {t.Case.Id} | {(t.Case.ExpectedEquivalent ? "equivalent" : "not-equivalent")} | {t.Verdict}{(t.Right ? "" : " ✗")} | {F(t.MedianUs)} | {F(t.MaxUs)} | {(m.Seconds is { } x ? F(x * 1e6) + (m.ParseSeconds is { } p ? $" (+{F(p * 1e6)} parse)" : "") : "")} | {m.Verdict} | {ratio} |"
                + (sympy is null ? "" : $" {(s.Seconds is { } y ? (y * 1e3).ToString("0.0", CultureInfo.InvariantCulture) : "")} |"));
        }
        var medians = timings.Select(t => t.MedianUs).Order().ToList();
        var ourMedian = medians[medians.Count / 2];
        Console.WriteLine();
        Console.WriteLine($"verdicts right: {timings.Count(t => t.Right)} of {timings.Count}");
        Console.WriteLine($"ours: median of per-case medians {F(ourMedian)} µs; slowest case median {F(medians[^1])} µs; slowest single run {F(timings.Max(t => t.MaxUs))} µs");
        if (maximaTimes.Count > 0)
        {
            var mx = timings.Where(t => maximaTimes.GetValueOrDefault(t.Case.Id).Seconds is not null)
                .Select(t => maximaTimes[t.Case.Id].Seconds!.Value * 1e6).Order().ToList();
            var mxMedian = mx[mx.Count / 2];
            Console.WriteLine($"Maxima radcan: median of per-case medians {F(mxMedian)} µs over {mx.Count} cases");
            Console.WriteLine($"ratio of medians (Maxima / ours): {mxMedian / ourMedian:0.0}×");
        }
        if (sympyTimes.Count > 0)
        {
            var sy = sympyTimes.Values.Where(v => v.Seconds is not null).Select(v => v.Seconds!.Value * 1e6).Order().ToList();
            if (sy.Count > 0) Console.WriteLine($"SymPy simplify: median of per-case medians {F(sy[sy.Count / 2])} µs ({sy[sy.Count / 2] / ourMedian:0}× ours)");
        }
        return timings.All(t => t.Right) ? 0 : 1;
    }

    private static string F(double us) => us.ToString(us < 10 ? "0.00" : us < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    private readonly record struct PeerResult(double? Seconds, double? ParseSeconds, string Verdict);

    private static Dictionary<string, PeerResult> LoadPeer(string? path, string method)
    {
        var result = new Dictionary<string, PeerResult>();
        if (path is null) return result;
        foreach (var r in JsonNode.Parse(File.ReadAllText(path))!["results"]!.AsArray())
        {
            if (r!["method"]!.GetValue<string>() != method) continue;
            result[r["id"]!.GetValue<string>()] = new PeerResult(
                r["median_s"]?.GetValue<double>(), r["median_parse_s"]?.GetValue<double>(), r["verdict"]?.ToString() ?? "");
        }
        return result;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } v && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
