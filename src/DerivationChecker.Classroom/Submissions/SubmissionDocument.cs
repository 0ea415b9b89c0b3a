using System.Collections.Immutable;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Submissions;

public enum BlockKind
{
    /// <summary>A Markdown heading, a LaTeX sectioning command, or a <c>%% part:</c> marker.</summary>
    Heading,

    /// <summary>Prose, with its inline math kept between dollar signs.</summary>
    Paragraph,

    /// <summary>Display math: <c>$$…$$</c>, <c>\[…\]</c>, an equation or align environment.</summary>
    DisplayMath,
}

/// <summary>
/// One block of a submission, in reading order. <see cref="Text"/> is the heading's or paragraph's text
/// (inline math as <c>$…$</c>) or the display math's LaTeX; <see cref="InlineMath"/> the inline formulas
/// of a paragraph; <see cref="Where"/> says where it is in the file ("line 12", "cell 3").
/// </summary>
public sealed record DocBlock(BlockKind Kind, string Text, string Where, int Level = 0)
{
    public ImmutableArray<string> InlineMath { get; init; } = [];

    /// <summary>A block inside a list or quote: a number there is an enumeration, not a question.</summary>
    public bool Nested { get; init; }

    /// <summary>A part id the student marked explicitly (<c>%% part: q2a</c> in LaTeX).</summary>
    public string? Marker { get; init; }
}

/// <summary>
/// A submission as read: who wrote it (from front matter, else the file name), its blocks, and what
/// went wrong while reading it (each a flag with a message the feedback and report show).
/// </summary>
public sealed record SubmissionDocument(
    string? StudentId,
    string? Name,
    string? Set,
    string Format,
    ImmutableArray<DocBlock> Blocks,
    ImmutableArray<SubmissionIssue> Issues)
{
    public static SubmissionDocument Empty(string format, params SubmissionIssue[] issues) => new(null, null, null, format, [], [.. issues]);
}

/// <summary>A problem with a whole submission: a flag (see <see cref="Batch.ClassFlags"/>) and what happened, in both languages.</summary>
public sealed record SubmissionIssue(string Flag, LocalizedText Message)
{
    public SubmissionIssue(string flag, string en, string fa) : this(flag, new LocalizedText(en, fa)) { }
}
