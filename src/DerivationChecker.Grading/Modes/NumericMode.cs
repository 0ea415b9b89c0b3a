using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Modes;

/// <summary>
/// A number or a vector compared entry by entry within the key's tolerance. A vector may be written
/// as a tuple, a column or a row: the orientation is not graded. Wrong values can match a mistake
/// rule's value, or be diagnosed as the opposite sign or a constant multiple of the expected value.
/// </summary>
public sealed class NumericMode : QuantityMode
{
    public override string Name => ModeNames.Numeric;

    public override QuantityResult GradeQuantity(Quantity q, Expr answer, KeyContext context, GradingOptions options)
    {
        var value = NumericValue.TryEvaluate(answer, out var why);
        if (value is null)
            return SymbolicMode.Result(q, 0, Phrases.NotANumber(why!), null, "numeric:no-value", [], GradeVerdict.Invalid);
        var expected = NumericValue.TryEvaluate(q.Accept[0].Value, out _)!;
        if (expected.Entries.Length != value.Entries.Length)
            return SymbolicMode.Result(q, 0, Phrases.WrongCount(expected.Entries.Length, value.Entries.Length), null, "numeric:count", []);

        foreach (var accepted in q.Accept)
        {
            if (NumericValue.TryEvaluate(accepted.Value, out _) is { } a && Close(a, value, q.Tolerance))
                return SymbolicMode.Result(q, q.Points, Phrases.Right, null, "numeric:within-tolerance", Orientation(a, value));
        }
        foreach (var rule in q.Mistakes)
        {
            if (rule.Answer is { } wrong && NumericValue.TryEvaluate(wrong.Value, out _) is { } w && Close(w, value, q.Tolerance))
                return SymbolicMode.RuleResult(q, rule, null, $"mistake:value (rule {rule.Index + 1})");
        }
        var diagnosis = Diagnose(expected, value, q.Tolerance);
        if (diagnosis is not null && q.Mistakes.FirstOrDefault(m => m.Answer is null && m.Diagnosis == diagnosis.Kind) is { } byKind)
            return SymbolicMode.RuleResult(q, byKind, diagnosis, $"mistake:diagnosis-{diagnosis.Kind.ToString().ToLowerInvariant()} (rule {byKind.Index + 1})");
        var differing = Enumerable.Range(0, value.Entries.Length)
            .Where(i => !q.Tolerance.Accepts(expected.Entries[i], value.Entries[i])).Select(i => i + 1).ToList();
        var feedback = Phrases.WrongEntries(differing, value.Entries.Length);
        if (diagnosis is not null) feedback = feedback.Then(Phrases.Diagnosis(diagnosis));
        return SymbolicMode.Result(q, 0, feedback, diagnosis, "numeric:outside-tolerance", []);
    }

    internal static bool Close(NumericValue expected, NumericValue actual, Tolerance tolerance) =>
        expected.Entries.Length == actual.Entries.Length
        && expected.Entries.Zip(actual.Entries).All(p => tolerance.Accepts(p.First, p.Second));

    private static List<string> Orientation(NumericValue expected, NumericValue actual) =>
        expected.IsVector && !expected.IsScalar && expected.Rows != actual.Rows
            ? [$"written as {actual.Shape} where the key has {expected.Shape}; the orientation is not graded"]
            : [];

    /// <summary>The opposite sign, or a constant multiple, of the expected value.</summary>
    private static Diagnosis? Diagnose(NumericValue expected, NumericValue actual, Tolerance tolerance)
    {
        if (expected.Entries.All(e => tolerance.Accepts(e, 0))) return null;
        if (expected.Entries.Zip(actual.Entries).All(p => tolerance.Accepts(-p.First, p.Second)))
            return new Diagnosis(DiagnosisKind.Sign, "The value has the opposite sign.");
        var pivot = Enumerable.Range(0, expected.Entries.Length).MaxBy(i => Math.Abs(expected.Entries[i]));
        var ratio = actual.Entries[pivot] / expected.Entries[pivot];
        if (double.IsFinite(ratio) && Math.Abs(ratio) > 1e-12 && expected.Entries.Zip(actual.Entries).All(p => tolerance.Accepts(ratio * p.First, p.Second)))
            return new Diagnosis(DiagnosisKind.Factor, $"The value is {NumericValue.Format(ratio)} times the expected one.");
        return null;
    }

    public override IEnumerable<KeyFinding> VerifyQuantity(Part part, Quantity q, GradingOptions options)
    {
        var values = new List<NumericValue>();
        foreach (var a in q.Accept)
        {
            var v = NumericValue.TryEvaluate(a.Value, out var why);
            if (v is null) yield return KeyFinding.Error(a.Where, part.Id, $"an accepted answer of a numeric part must be a number or a vector: {why}");
            else values.Add(v);
        }
        if (values.Count != q.Accept.Length) yield break;
        for (var i = 1; i < values.Count; i++)
        {
            if (!Close(values[0], values[i], q.Tolerance))
                yield return KeyFinding.Error(q.Accept[i].Where, part.Id, $"this accepted value {values[i]} differs from the first, {values[0]}, beyond the tolerance");
        }
        foreach (var rule in q.Mistakes)
        {
            if (rule.Answer is not { } wrong) continue;
            var w = NumericValue.TryEvaluate(wrong.Value, out var why);
            var name = $"mistake rule {rule.Index + 1}";
            if (w is null) yield return KeyFinding.Error(wrong.Where, part.Id, $"{name}'s wrong value is not a number: {why}");
            else if (Close(values[0], w, q.Tolerance))
                yield return KeyFinding.Error(wrong.Where, part.Id, $"{name}'s wrong value {w} is within the tolerance of the accepted value {values[0]}, so the rule contradicts the key");
            else if (rule.Diagnosis is { } expected && Diagnose(values[0], w, q.Tolerance)?.Kind != expected)
                yield return KeyFinding.Error(wrong.Where, part.Id, $"{name} names the diagnosis {expected.ToString().ToLowerInvariant()}, but its value {w} is not that");
        }
    }
}
