using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Modes;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading;

/// <summary>Grades a student's answer to one part of a key with the part's mode.</summary>
public sealed class Grader(GradingOptions? options = null)
{
    public GradingOptions Options { get; } = options ?? GradingOptions.Default;

    public GradeResult Grade(AnswerKey key, Part part, string answer) =>
        GradingModes.For(part.Mode).Grade(key, part, answer, Options);

    /// <summary>Grades by part id; an unknown part is an invalid result flagged not-found.</summary>
    public GradeResult Grade(AnswerKey key, string partId, string answer)
    {
        var part = key.FindPart(partId);
        if (part is not null) return Grade(key, part, answer);
        var parts = string.Join(", ", key.Parts.Select(p => p.Id));
        return GradeResult.Invalid($"{key.Set}/{partId}", 0,
            new LocalizedText($"The set {key.Set} has no part {partId}; its parts are {parts}.", $"مجموعهٔ {key.Set} بخشی به نام {partId} ندارد؛ بخش‌ها: {parts}."),
            "part-not-found", GradeFlags.NotFound);
    }
}
