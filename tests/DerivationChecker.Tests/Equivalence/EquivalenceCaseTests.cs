using System.Text.Json.Nodes;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;
using Xunit.Abstractions;

namespace DerivationChecker.Tests.Equivalence;

/// <summary>
/// The checker's specification: every case of ../shared/cases/equivalence.json, with its expected
/// verdict and, where the case names one, its diagnosis (and the factor it names).
/// </summary>
public sealed class EquivalenceCaseTests(ITestOutputHelper output)
{
    public sealed record Case(string Id, string A, string B, IReadOnlyDictionary<string, string> Symbols, IReadOnlyList<string> Definitions,
        string Expected, string? Diagnosis, string? Factor)
    {
        public override string ToString() => Id;
    }

    public static IReadOnlyList<Case> Load()
    {
        var root = JsonNode.Parse(File.ReadAllText(SharedData.Path("cases", "equivalence.json")))!;
        return [.. root["cases"]!.AsArray().Select(c => new Case(
            c!["id"]!.GetValue<string>(),
            c["a"]!.GetValue<string>(),
            c["b"]!.GetValue<string>(),
            (c["symbols"] as JsonObject)?.ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>()) ?? [],
            (c["definitions"] as JsonArray)?.Select(d => d!.GetValue<string>()).ToList() ?? [],
            c["expected"]!.GetValue<string>(),
            c["diagnosis"]?.GetValue<string>(),
            c["factor"]?.GetValue<string>()))];
    }

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var c in Load()) data.Add(c.Id);
        return data;
    }

    [Fact]
    public void The_case_file_has_all_58_cases() => Assert.Equal(58, Load().Count);

    [Theory]
    [MemberData(nameof(Ids))]
    public void Case_gets_its_expected_verdict_and_diagnosis(string id)
    {
        var c = Load().Single(x => x.Id == id);
        var table = SymbolDeclarations.Build(c.Symbols);
        var a = LatexParser.Parse(c.A, table).ValueOrThrow();
        var b = LatexParser.Parse(c.B, table).ValueOrThrow();
        var definitions = Definitions.FromEquations(c.Definitions.Select(d => LatexParser.Parse(d, table).ValueOrThrow()));
        var verdict = new EquivalenceChecker().Check(a, b, definitions);
        output.WriteLine($"{c.Id}: {verdict.KindText} by {verdict.Method}: {verdict.Message}");
        if (verdict.Diagnosis is { } d) output.WriteLine($"  diagnosis {d.Kind}: {d.Detail}");

        Assert.Equal(c.Expected, verdict.KindText);
        if (c.Diagnosis is not null)
        {
            Assert.NotNull(verdict.Diagnosis);
            Assert.Equal(c.Diagnosis, verdict.Diagnosis!.Kind.ToString().ToLowerInvariant());
        }
        if (c.Factor is not null)
        {
            // The factor is checked as mathematics, not as text: it must be equivalent to the case's.
            var expected = LatexParser.Parse(c.Factor, table).ValueOrThrow();
            var factorVerdict = new EquivalenceChecker().Check(expected, verdict.Diagnosis!.Factor!);
            Assert.Equal(VerdictKind.Equivalent, factorVerdict.Kind);
        }
    }
}
