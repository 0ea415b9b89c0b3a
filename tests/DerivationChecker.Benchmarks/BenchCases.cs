using System.Text.Json.Nodes;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;

namespace DerivationChecker.Benchmarks;

/// <summary>A timed case: two expressions in one syntax, their context, and the verdict they must get.</summary>
public sealed record BenchCase(string Id, string Source, string A, string B, Syntax Syntax, IReadOnlyDictionary<string, string> Symbols, IReadOnlyList<string> Definitions, bool ExpectedEquivalent)
{
    public override string ToString() => Id;

    /// <summary>Everything a user's check does: read both sides (and the context), then decide.</summary>
    public Verdict Run(EquivalenceChecker checker)
    {
        var table = Symbols.Count == 0 ? SymbolTable.Empty : SymbolDeclarations.Build(Symbols);
        var a = MathReader.Read(A, table, Syntax).ValueOrThrow();
        var b = MathReader.Read(B, table, Syntax).ValueOrThrow();
        var definitions = Definitions.Count == 0
            ? Core.Equivalence.Definitions.None
            : Core.Equivalence.Definitions.FromEquations(Definitions.Select(d => MathReader.Read(d, table, Syntax).ValueOrThrow()));
        return checker.Check(a, b, definitions);
    }
}

/// <summary>Both case files, read from ../shared where they live.</summary>
public static class BenchCases
{
    public static string Shared { get; } = FindShared();

    public static IReadOnlyList<BenchCase> Peers() =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(Shared, "bench-peers", "cases.json")))!.AsArray().Select(c => new BenchCase(
            c!["id"]!.GetValue<string>(), "bench-peers", c["lhs"]!.GetValue<string>(), c["rhs"]!.GetValue<string>(), Syntax.Ascii,
            new Dictionary<string, string>(), [], c["expected"]!.GetValue<bool>()))];

    public static IReadOnlyList<BenchCase> Equivalence() =>
        [.. JsonNode.Parse(File.ReadAllText(Path.Combine(Shared, "cases", "equivalence.json")))!["cases"]!.AsArray().Select(c => new BenchCase(
            c!["id"]!.GetValue<string>(), "equivalence", c["a"]!.GetValue<string>(), c["b"]!.GetValue<string>(), Syntax.Latex,
            (c["symbols"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()) ?? [],
            (c["definitions"] as JsonArray)?.Select(d => d!.GetValue<string>()).ToList() ?? [],
            c["expected"]!.GetValue<string>() == "equivalent"))];

    public static IReadOnlyList<BenchCase> All() => [.. Equivalence(), .. Peers()];

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("DC_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared"), Path.Combine(dir.FullName, "..", "shared") })
            {
                if (File.Exists(Path.Combine(candidate, "cases", "equivalence.json"))) return Path.GetFullPath(candidate);
            }
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (File.Exists(Path.Combine(candidate, "cases", "equivalence.json"))) return Path.GetFullPath(candidate);
        }
        throw new DirectoryNotFoundException("Could not find ../shared; set DC_SHARED.");
    }
}
