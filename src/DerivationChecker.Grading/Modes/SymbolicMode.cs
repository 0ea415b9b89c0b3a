using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Modes;

/// <summary>
/// Symbolic equivalence. In order: equivalent to an accepted answer earns full marks; equivalent to
/// a mistake rule's wrong answer earns that rule's points; a transpose is graded by the layout rule;
/// otherwise a rule naming the checker's diagnosis (sign, factor, shape, domain) applies; otherwise
/// nothing, with the diagnosis and a counterexample. An undecided check is never guessed.
/// </summary>
public sealed class SymbolicMode : QuantityMode
{
    public override string Name => ModeNames.Symbolic;

    public override QuantityResult GradeQuantity(Quantity q, Expr answer, KeyContext context, GradingOptions options)
    {
        var checker = options.Checker();
        Verdict? decided = null;
        Verdict? undecided = null;
        foreach (var accepted in q.Accept)
        {
            var v = checker.Check(accepted.Value, answer, context.Definitions);
            if (v.Kind == VerdictKind.Equivalent)
                return Result(q, q.Points, Phrases.Right, null, $"equivalent:{v.Method}", v.Notes);
            if (v.Kind == VerdictKind.Inconclusive) undecided ??= v;
            else if (decided is null || (decided.Diagnosis is null && v.Diagnosis is not null)) decided = v;
        }

        var byAnswer = MatchAnswerRule(q, answer, context, checker);
        if (byAnswer is not null) return RuleResult(q, byAnswer, decided?.Diagnosis, $"mistake:answer (rule {byAnswer.Index + 1})");
        if (decided is null)
        {
            var reason = undecided?.Message ?? "no accepted answer could be compared";
            return Result(q, 0, Phrases.Inconclusive(reason), null, $"inconclusive:{undecided?.Method}", undecided?.Notes ?? [],
                GradeVerdict.Inconclusive, GradeFlags.Inconclusive | GradeFlags.ManualReview);
        }

        var diagnosis = decided.Diagnosis;
        if (diagnosis?.Kind == DiagnosisKind.Transpose && q.Layout is { } layout)
        {
            var verdict = layout.Transpose switch
            {
                TransposeCredit.Full => GradeVerdict.Full,
                TransposeCredit.Partial => GradeVerdict.Partial,
                _ => GradeVerdict.None,
            };
            return Result(q, layout.Points, layout.Feedback, diagnosis, $"layout:transpose-{layout.Transpose.ToString().ToLowerInvariant()}", decided.Notes, verdict);
        }
        if (diagnosis is not null && q.Mistakes.FirstOrDefault(m => m.Diagnosis == diagnosis.Kind) is { } rule)
            return RuleResult(q, rule, diagnosis, $"mistake:diagnosis-{diagnosis.Kind.ToString().ToLowerInvariant()} (rule {rule.Index + 1})") with { Counterexample = decided.Counterexample };
        return Result(q, 0, Phrases.NotEquivalent(decided), diagnosis, $"not-equivalent:{decided.Method}", decided.Notes) with { Counterexample = decided.Counterexample };
    }

    /// <summary>The first rule whose wrong answer the student's answer is equivalent to.</summary>
    internal static MistakeRule? MatchAnswerRule(Quantity q, Expr answer, KeyContext context, EquivalenceChecker checker) =>
        q.Mistakes.FirstOrDefault(m => m.Answer is { } wrong && checker.Check(wrong.Value, answer, context.Definitions).Kind == VerdictKind.Equivalent);

    internal static QuantityResult RuleResult(Quantity q, MistakeRule rule, Diagnosis? diagnosis, string method) =>
        Result(q, rule.Points, rule.Feedback, diagnosis, method, []);

    internal static QuantityResult Result(Quantity q, decimal points, LocalizedText feedback, Diagnosis? diagnosis, string method,
        IReadOnlyList<string> notes, GradeVerdict? verdict = null, GradeFlags flags = GradeFlags.None) =>
        new(q.Id, q.DisplayLabel, points, q.Points, verdict ?? GradeVerdicts.ForPoints(points, q.Points), feedback, diagnosis, method, flags)
        {
            Notes = [.. notes],
        };

    public override IEnumerable<KeyFinding> VerifyQuantity(Part part, Quantity q, GradingOptions options)
    {
        var checker = options.Checker();
        var definitions = part.Context.Definitions;
        var first = q.Accept[0];
        foreach (var other in q.Accept.Skip(1))
        {
            var v = checker.Check(first.Value, other.Value, definitions);
            if (v.Kind != VerdictKind.Equivalent)
                yield return KeyFinding.Error(other.Where, part.Id, v.Kind == VerdictKind.Inconclusive
                    ? $"the engine cannot decide whether this accepted answer equals the first one ({v.Message})"
                    : $"this accepted answer is not equivalent to the first one, {first.Latex}: {v.Message}");
        }
        foreach (var rule in q.Mistakes)
        {
            if (rule.Answer is not { } wrong) continue;
            var v = checker.Check(first.Value, wrong.Value, definitions);
            var name = $"mistake rule {rule.Index + 1}";
            if (v.Kind == VerdictKind.Equivalent)
                yield return KeyFinding.Error(wrong.Where, part.Id, $"{name}'s wrong answer is equivalent to the accepted answer {first.Latex}, so the rule contradicts the key");
            else if (v.Kind == VerdictKind.Inconclusive)
                yield return KeyFinding.Error(wrong.Where, part.Id, $"the engine cannot decide whether {name}'s wrong answer differs from the accepted answer ({v.Message})");
            else if (rule.Diagnosis is { } expected && v.Diagnosis?.Kind != expected)
                yield return KeyFinding.Error(wrong.Where, part.Id,
                    $"{name} names the diagnosis {expected.ToString().ToLowerInvariant()}, but the checker diagnoses its wrong answer as {v.Diagnosis?.Kind.ToString().ToLowerInvariant() ?? "nothing in particular"}: {v.Message}");
        }
        if (q.Layout is { } layout && ShapeInference.Infer(first.Value).Shape is ScalarShape)
            yield return KeyFinding.Warning(layout.Where, part.Id, "the accepted answer is a scalar, so its transpose is itself and the layout rule never applies");
    }
}
