using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace DerivationChecker.Classroom.Batch;

/// <summary>
/// A class graded against one key: every student with every part, in student-id order. It is what
/// results.json holds (less <see cref="Timing"/>, which is written apart so that two runs give the same
/// bytes) and what every other output is written from.
/// </summary>
public sealed record ClassResult(
    string Set,
    string Course,
    string TitleEn,
    string TitleFa,
    string KeySha256,
    string EngineVersion,
    decimal MaxPoints,
    ImmutableArray<PartInfo> Parts,
    ImmutableArray<StudentResult> Students)
{
    /// <summary>How long things took; never part of the comparison of two runs.</summary>
    public GradingTiming Timing { get; init; } = GradingTiming.None;

    /// <summary>Anything flagged in the class: a person is needed somewhere.</summary>
    [JsonIgnore]
    public bool AnyFlagged => Students.Any(s => s.Flags.Length > 0);
}

/// <summary>A part of the key as the outputs show it.</summary>
public sealed record PartInfo(string Id, string Mode, decimal Points, string StatementEn, string StatementFa);

/// <summary>
/// One student's grade: who (id from front matter, else the file name), from which file, every part's
/// outcome in the key's order, the total of decided points, and the flags of the submission and its parts.
/// </summary>
public sealed record StudentResult(
    string Id,
    string? Name,
    string Source,
    string Format,
    decimal Total,
    decimal MaxPoints,
    ImmutableArray<string> Flags,
    ImmutableArray<Issue> Issues,
    ImmutableArray<PartOutcome> Parts)
{
    /// <summary>The parts a person must look at (any flag).</summary>
    [JsonIgnore]
    public IEnumerable<PartOutcome> NeedsReview => Parts.Where(p => p.Flags.Length > 0);
}

/// <summary>Something wrong with a whole submission (a flag and a message in English and Persian).</summary>
public sealed record Issue(string Flag, string MessageEn, string MessageFa);

/// <summary>
/// The grade of one part for one student: points, verdict (full, partial, none, manual, inconclusive,
/// invalid, missing, error), how it was reached, the diagnosis and counterexample, feedback in both
/// languages, flags, the parse error if any, and the answer that was graded with where it was found.
/// </summary>
public sealed record PartOutcome(
    string Part,
    decimal Points,
    decimal MaxPoints,
    string Verdict,
    string Method,
    DiagnosisInfo? Diagnosis,
    CounterexampleInfo? Counterexample,
    string FeedbackEn,
    string FeedbackFa,
    ImmutableArray<string> Flags,
    ImmutableArray<string> Notes,
    ParseErrorInfo? Error,
    AnswerInfo? Answer,
    ImmutableArray<QuantityOutcome> Quantities)
{
    public string Feedback(Grading.Results.Language language) => language == Grading.Results.Language.Fa ? FeedbackFa : FeedbackEn;
}

public sealed record QuantityOutcome(string Id, string Label, decimal Points, decimal MaxPoints, string Verdict, string Method, DiagnosisInfo? Diagnosis, string? Graded);

/// <summary>What exactly is wrong: sign, factor (with the factor in LaTeX), transpose, shape or domain.</summary>
public sealed record DiagnosisInfo(string Kind, string Detail, string? Factor);

/// <summary>A point where the answer and the key differ, with both values.</summary>
public sealed record CounterexampleInfo(ImmutableArray<PointValue> Point, string Expected, string Actual);

public sealed record PointValue(string Name, string Value);

/// <summary>Where the answer could not be read: 1-based line and column within the answer, the message with its hint, and a pointer.</summary>
public sealed record ParseErrorInfo(int Line, int Column, string Message, string Pointer);

/// <summary>The answer as graded, how it was found (template, heading, left-hand-side) and where in the file.</summary>
public sealed record AnswerInfo(string Text, string? FoundBy, string? Where, bool Truncated);

/// <summary>Times of a run: the whole, reading, checking, how many checks the cache saved, and each part's time.</summary>
public sealed record GradingTiming(
    double WallMs,
    double ReadMs,
    double CheckMs,
    int Graded,
    int Resumed,
    int Checks,
    int CacheHits,
    ImmutableArray<PartTiming> Parts)
{
    public static readonly GradingTiming None = new(0, 0, 0, 0, 0, 0, 0, []);
}

public sealed record PartTiming(string Student, string Part, double Ms, bool Cached);
