using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Modes;

/// <summary>Prose is not graded automatically: the result asks for a person and shows the rubric.</summary>
public sealed class ProseMode : IGradingMode
{
    public string Name => ModeNames.Prose;

    public GradeResult Grade(AnswerKey key, Part part, string answer, GradingOptions options)
    {
        var rubric = ((ProseSpec)part.Spec).Rubric;
        var feedback = MathText.Render(Phrases.Manual(rubric.Select(r => (r.Points, r.Text))), part.Context.Symbols);
        return new GradeResult(part.QualifiedId(key), 0, part.Points, GradeVerdict.Manual, feedback, null, "manual", GradeFlags.ManualReview);
    }

    public IEnumerable<KeyFinding> Verify(AnswerKey key, Part part, GradingOptions options) => [];
}
