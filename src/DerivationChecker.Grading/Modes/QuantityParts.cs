using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Modes;

/// <summary>
/// Grades a part made of quantities: reads the answer, matches its statements to the quantities by
/// their left-hand sides, grades each with its own mode, and reports what is missing or unmatched.
/// </summary>
internal static class QuantityParts
{
    public static GradeResult Grade(AnswerKey key, Part part, string text, GradingOptions options)
    {
        var spec = (QuantitiesSpec)part.Spec;
        var id = part.QualifiedId(key);
        var answer = AnswerReader.Read(text, part.Context);
        if (!answer.Ok)
            return GradeResult.Invalid(id, part.Points, Phrases.ParseError(answer.Error!), "parse") with { ParseError = answer.Error };
        if (answer.IsEmpty) return GradeResult.Invalid(id, part.Points, Phrases.EmptyAnswer, "empty", GradeFlags.NotFound);

        var (own, rest) = StudentDefinitions.Split(answer, part, spec.Quantities);
        var match = QuantityMatcher.Match(CombineBareNumbers(rest, spec), spec.Quantities);
        var ownNotes = new List<string>();
        var results = ImmutableArray.CreateBuilder<QuantityResult>();
        foreach (var q in spec.Quantities)
        {
            if (match.For(q) is { } found)
            {
                var mode = GradingModes.ForQuantity(q.Mode);
                var value = own.Apply(found.Value, ownNotes);
                results.Add(Render(mode.GradeQuantity(q, value, part.Context, options), part) with { Graded = UnicodeWriter.Write(value) });
            }
            else
            {
                var label = Label(q, part);
                results.Add(new QuantityResult(q.Id, label, 0, q.Points, GradeVerdict.None, Phrases.Missing(label.En), null, "not-found", GradeFlags.NotFound));
            }
        }
        var unmatched = match.Unmatched.Select(u => Phrases.Unmatched(UnicodeWriter.Write(u.Source))).ToList();
        return Combine(id, part, results.ToImmutable(), unmatched, [.. match.Notes, .. ownNotes], spec.Listed);
    }

    /// <summary>"6, 1, 2" for a single numeric quantity is one vector, not three answers.</summary>
    private static StudentAnswer CombineBareNumbers(StudentAnswer answer, QuantitiesSpec spec)
    {
        if (spec.Quantities is not [{ Mode: ModeNames.Numeric }] || answer.Items.Length < 2 || answer.Items.Any(i => i.IsEquation)) return answer;
        var tuple = new TupleExpr([.. answer.Items.Select(i => i.Source)], TupleStyle.Parentheses);
        return answer with { Items = [new AnswerItem(tuple, [tuple])] };
    }

    private static QuantityResult Render(QuantityResult r, Part part) =>
        r with { Feedback = MathText.Render(r.Feedback, part.Context.Symbols), Label = MathText.Render(r.Label, part.Context.Symbols) };

    private static LocalizedText Label(Quantity q, Part part) => MathText.Render(q.DisplayLabel, part.Context.Symbols);

    private static GradeResult Combine(string id, Part part, ImmutableArray<QuantityResult> results, List<LocalizedText> unmatched,
        ImmutableArray<string> notes, bool listed)
    {
        var points = results.Sum(r => r.Points);
        var flags = results.Aggregate(GradeFlags.None, (f, r) => f | r.Flags);
        GradeVerdict verdict;
        if (results.Any(r => r.Verdict == GradeVerdict.Inconclusive)) verdict = GradeVerdict.Inconclusive;
        else if (results.All(r => r.Verdict == GradeVerdict.Invalid)) verdict = GradeVerdict.Invalid;
        else verdict = GradeVerdicts.ForPoints(points, part.Points);
        if (verdict == GradeVerdict.Inconclusive) flags |= GradeFlags.Inconclusive | GradeFlags.ManualReview;

        var feedback = listed
            ? LocalizedText.Lines(results.Select(r => r.Feedback.Prefixed(r.Label)))
            : results[0].Feedback;
        feedback = LocalizedText.Lines([feedback, .. unmatched]);
        var method = results.Length == 1 ? results[0].Method : string.Join("; ", results.Select(r => $"{r.Id}: {r.Method}"));
        return new GradeResult(id, points, part.Points, verdict, feedback, results.Select(r => r.Diagnosis).FirstOrDefault(d => d is not null), method, flags)
        {
            Quantities = results,
            Notes = [.. notes, .. results.SelectMany(r => r.Notes)],
            ParseError = results.Select(r => r.ParseError).FirstOrDefault(e => e is not null),
        };
    }

    /// <summary>The quantity-mode checks of every quantity of a part.</summary>
    public static IEnumerable<KeyFinding> Verify(Part part, GradingOptions options) =>
        ((QuantitiesSpec)part.Spec).Quantities.SelectMany(q => GradingModes.ForQuantity(q.Mode).VerifyQuantity(part, q, options));
}
