using System.Text.Json.Nodes;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Notation;
using Xunit.Abstractions;

namespace DerivationChecker.Tests.Equivalence;

/// <summary>
/// Agreement with STACK's own AlgEquiv fixtures (../shared/peer-tests, read in place, never copied):
/// the "plain" rows, scored against the intended verdict. Rows with decimal floats are reported
/// separately, because STACK compares floats as converted rationals by design and a numeric-tolerance
/// engine disagrees with some of them on purpose. Every disagreement is printed with our reason.
/// </summary>
public sealed class StackAgreementTests(ITestOutputHelper output)
{
    private sealed record Row(string Id, string Student, string Teacher, int? Intended, bool HasFloat, string Note);

    private static List<Row> PlainRows() =>
        [.. JsonNode.Parse(File.ReadAllText(SharedData.Path("peer-tests", "stack-answertests.json")))!.AsArray()
            .Where(r => r!["test"]!.GetValue<string>() == "AlgEquiv" && r["plain"]?.GetValue<bool>() == true)
            .Select(r => new Row(
                r!["id"]!.ToString(),
                r["student"]!.GetValue<string>(),
                r["teacher"]!.GetValue<string>(),
                r["intended"] is JsonValue v ? v.GetValue<int>() : null,
                r["has_float"]?.GetValue<bool>() == true,
                $"{r["note"]} {r["comment"]}".Trim()))];

    [Fact]
    public void Agrees_with_stack_on_at_least_95_percent_of_the_plain_algequiv_rows_without_floats()
    {
        var rows = PlainRows();
        Assert.Equal(94, rows.Count);
        var checker = new EquivalenceChecker();
        int agreeAll = 0, agreeNoFloat = 0, noFloat = 0;
        foreach (var row in rows)
        {
            var (agrees, ours) = Judge(row, checker);
            if (agrees) agreeAll++;
            if (!row.HasFloat)
            {
                noFloat++;
                if (agrees) agreeNoFloat++;
            }
            if (!agrees)
            {
                var intended = row.Intended switch { 1 => "equivalent", 0 => "not equivalent", _ => "an error" };
                output.WriteLine($"DISAGREE {row.Id}{(row.HasFloat ? " (float)" : "")}: student {row.Student} vs teacher {row.Teacher}");
                output.WriteLine($"  STACK intends {intended}; we say {ours}");
            }
        }
        var summary = $"STACK plain AlgEquiv agreement: {agreeAll}/{rows.Count} = {100.0 * agreeAll / rows.Count:F1}% overall; "
            + $"{agreeNoFloat}/{noFloat} = {100.0 * agreeNoFloat / noFloat:F1}% without float rows";
        output.WriteLine(summary);
        Console.WriteLine($"[stack agreement] {summary}");
        Assert.True(agreeNoFloat >= 0.95 * noFloat, summary);
    }

    /// <summary>Agreement with the intended verdict; an intended error (1/0) agrees with a refusal or an "undefined" verdict.</summary>
    private static (bool Agrees, string Ours) Judge(Row row, EquivalenceChecker checker)
    {
        var teacher = MathReader.Read(row.Teacher, syntax: Syntax.Ascii);
        var student = MathReader.Read(row.Student, syntax: Syntax.Ascii);
        if (!teacher.Ok || !student.Ok)
        {
            var error = (teacher.Error ?? student.Error)!;
            return (row.Intended is null, $"error: could not read ({error})");
        }
        var verdict = checker.Check(teacher.Value!, student.Value!);
        var ours = $"{verdict.KindText} ({verdict.Method}): {verdict.Message}";
        return row.Intended switch
        {
            1 => (verdict.Kind == VerdictKind.Equivalent, ours),
            0 => (verdict.Kind == VerdictKind.NotEquivalent, ours),
            _ => (verdict.Kind == VerdictKind.Inconclusive || verdict.Diagnosis?.Kind == DiagnosisKind.Domain, ours),
        };
    }
}
