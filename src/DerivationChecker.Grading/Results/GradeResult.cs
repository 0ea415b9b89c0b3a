using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Grading.Circuits;
using DerivationChecker.Notation;

namespace DerivationChecker.Grading.Results;

/// <summary>What a grade says about an answer.</summary>
public enum GradeVerdict
{
    /// <summary>All the points.</summary>
    Full,

    /// <summary>Some points: a known mistake, a layout the key accepts in part, some quantities right.</summary>
    Partial,

    /// <summary>No points.</summary>
    None,

    /// <summary>Not graded automatically (prose): a person grades it with the rubric.</summary>
    Manual,

    /// <summary>The engine could not decide; a person must look. Never a guess.</summary>
    Inconclusive,

    /// <summary>The answer could not be read, or is not the kind of answer the part asks for.</summary>
    Invalid,
}

/// <summary>What a person should know about a grade, beyond its verdict.</summary>
[Flags]
public enum GradeFlags
{
    None = 0,

    /// <summary>A person must grade or confirm this.</summary>
    ManualReview = 1,

    /// <summary>The engine could not decide (time, size, an unsupported construct).</summary>
    Inconclusive = 2,

    /// <summary>The answer, or part of it, could not be read.</summary>
    ParseError = 4,

    /// <summary>A quantity or parameter the part asks for is missing from the answer.</summary>
    NotFound = 8,
}

public static class GradeVerdicts
{
    public static string Text(this GradeVerdict verdict) => verdict.ToString().ToLowerInvariant();

    public static IEnumerable<string> Names(this GradeFlags flags)
    {
        if (flags.HasFlag(GradeFlags.ManualReview)) yield return "manual-review";
        if (flags.HasFlag(GradeFlags.Inconclusive)) yield return "inconclusive";
        if (flags.HasFlag(GradeFlags.ParseError)) yield return "parse-error";
        if (flags.HasFlag(GradeFlags.NotFound)) yield return "not-found";
    }

    /// <summary>The verdict for decided points: full, partial or none.</summary>
    public static GradeVerdict ForPoints(decimal points, decimal max) =>
        points >= max ? GradeVerdict.Full : points > 0 ? GradeVerdict.Partial : GradeVerdict.None;
}

/// <summary>
/// The grade of one quantity of a part (a part asking for one thing has one). <see cref="Method"/>
/// says how the verdict was reached: <c>equivalent</c>, <c>mistake</c>, <c>diagnosis</c>,
/// <c>layout</c>, <c>not-equivalent</c>, <c>tolerance</c>, … followed by the checker's method.
/// </summary>
public sealed record QuantityResult(
    string Id,
    LocalizedText Label,
    decimal Points,
    decimal MaxPoints,
    GradeVerdict Verdict,
    LocalizedText Feedback,
    Diagnosis? Diagnosis,
    string Method,
    GradeFlags Flags,
    string? Graded = null)
{
    public ImmutableArray<string> Notes { get; init; } = [];

    public ParseError? ParseError { get; init; }

    /// <summary>A point where the answer and the accepted answer differ, when the checker found one.</summary>
    public Counterexample? Counterexample { get; init; }
}

/// <summary>
/// The grade of one answer to one part. <see cref="Points"/> counts only what was decided: with a
/// <see cref="GradeVerdict.Manual"/> or <see cref="GradeVerdict.Inconclusive"/> verdict a person
/// decides the rest. Feedback is in both languages, formulas rendered and isolated for Persian.
/// </summary>
public sealed record GradeResult(
    string Part,
    decimal Points,
    decimal MaxPoints,
    GradeVerdict Verdict,
    LocalizedText Feedback,
    Diagnosis? Diagnosis,
    string Method,
    GradeFlags Flags)
{
    public ImmutableArray<QuantityResult> Quantities { get; init; } = [];

    public ImmutableArray<string> Notes { get; init; } = [];

    /// <summary>Where the answer could not be read, with its position.</summary>
    public ParseError? ParseError { get; init; }

    /// <summary>For a circuit: how the network did under each step convention.</summary>
    public CircuitReport? Circuit { get; init; }

    public bool IsFullMarks => Verdict == GradeVerdict.Full;

    /// <summary>An answer that could not be read or is not the kind of answer the part asks for.</summary>
    public static GradeResult Invalid(string part, decimal max, LocalizedText feedback, string method, GradeFlags flags = GradeFlags.ParseError) =>
        new(part, 0, max, GradeVerdict.Invalid, feedback, null, method, flags);
}
