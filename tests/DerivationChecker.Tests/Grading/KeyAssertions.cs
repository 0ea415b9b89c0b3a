using System.Text.RegularExpressions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// Marks the class that tests one answer key (answer-keys/<paramref name="set"/>.yaml). Such a class has
/// the two theories <see cref="KeyAssertions.AcceptedTheory"/> and <see cref="KeyAssertions.WrongTheory"/>;
/// <see cref="KeyCoverageTests"/> checks that their cases cover every automatically graded part.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class AnswerKeyTestsAttribute(string set) : Attribute
{
    public string Set { get; } = set;
}

/// <summary>What the tests of every answer key ask of the key and of answers to it.</summary>
internal static partial class KeyAssertions
{
    /// <summary>The theory (string part, string answer) whose answers, written differently from the key, earn full marks.</summary>
    public const string AcceptedTheory = "An_accepted_answer_written_differently_earns_full_marks";

    /// <summary>
    /// The theory (string part, string quantity, string answer, string en, string fa) whose wrong answers
    /// earn less on <c>quantity</c> ("" for the part as a whole), with feedback containing both phrases.
    /// </summary>
    public const string WrongTheory = "A_wrong_answer_earns_less_with_feedback_that_says_why";

    public static void FullMarks(AnswerKey key, string part, string answer)
    {
        var r = Grade(key, part, answer);
        Assert.True(r.Verdict == GradeVerdict.Full, $"{part}: {r.Verdict} {r.Method}: {r.Feedback.En}");
        Assert.Equal(r.MaxPoints, r.Points);
    }

    /// <summary>
    /// The answer loses points on <paramref name="quantity"/> (on the part as a whole when it is empty),
    /// and that feedback contains <paramref name="en"/> in English and <paramref name="fa"/> in Persian.
    /// </summary>
    public static void LessWithFeedback(AnswerKey key, string part, string quantity, string answer, string en, string fa)
    {
        Assert.False(string.IsNullOrWhiteSpace(en) || string.IsNullOrWhiteSpace(fa), "a wrong answer's test names its feedback in both languages");
        var r = Grade(key, part, answer);
        Assert.True(r.Points < r.MaxPoints, $"{part}: {r.Points}/{r.MaxPoints}");
        Assert.NotEqual(GradeVerdict.Full, r.Verdict);
        var (points, max, feedback, method) = (r.Points, r.MaxPoints, r.Feedback, r.Method);
        if (quantity.Length > 0)
        {
            var q = Assert.Single(r.Quantities, q => q.Id == quantity);
            (points, max, feedback, method) = (q.Points, q.MaxPoints, q.Feedback, q.Method);
        }
        Assert.True(points < max, $"{part}/{quantity}: {points}/{max} {method}");
        Assert.True(feedback.En.Contains(en, StringComparison.Ordinal), $"{part}/{quantity}: expected '{en}' in: {feedback.En}");
        Assert.True(feedback.Fa.Contains(fa, StringComparison.Ordinal), $"{part}/{quantity}: expected '{fa}' in: {feedback.Fa}");
    }

    /// <summary>No errors, and each named derivation was compared (one that compares nothing says so in a warning).</summary>
    public static void VerifiesWithDerivations(AnswerKey key, params string[] derivations)
    {
        var findings = KeyVerifier.Verify(key);
        Assert.DoesNotContain(findings, f => f.Severity == FindingSeverity.Error);
        Assert.DoesNotContain(findings, f => f.Message.Contains("derivation", StringComparison.Ordinal));
        Assert.Equal(derivations, key.Parts.Where(p => p.Derivation is not null).Select(p => p.Derivation!));
    }

    /// <summary>Every text the key shows (statements, labels, feedback, rubrics) renders its formulas.</summary>
    public static void EveryFormulaRenders(AnswerKey key)
    {
        foreach (var part in key.Parts)
        {
            // A formula the reader cannot read would be shown to students as its LaTeX source.
            foreach (var formula in Texts(part).SelectMany(t => new[] { t.En, t.Fa }).SelectMany(s => InlineMath().Matches(s)).Select(m => m.Groups[1].Value))
                Assert.True(MathReader.Read(formula, part.Context.Symbols, Syntax.Latex).Ok, $"{part.Id}: ${formula}$ does not read");
        }
    }

    private static IEnumerable<LocalizedText> Texts(Part part)
    {
        yield return part.Statement;
        switch (part.Spec)
        {
            case QuantitiesSpec q:
                foreach (var quantity in q.Quantities)
                {
                    if (quantity.Label is { } label) yield return label;
                    if (quantity.Layout is { } layout) yield return layout.Feedback;
                    foreach (var m in quantity.Mistakes) yield return m.Feedback;
                }
                break;
            case ProseSpec p:
                foreach (var item in p.Rubric) yield return item.Text;
                break;
            case CircuitSpec { OneConventionFeedback: { } feedback }:
                yield return feedback;
                break;
        }
    }

    [GeneratedRegex(@"\$([^$]+)\$")]
    private static partial Regex InlineMath();
}
