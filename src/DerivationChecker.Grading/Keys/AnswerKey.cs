using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Circuits;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Keys;

/// <summary>Where something was written in a key: file, 1-based line and column, and the field's path (parts.q2a.mistakes[1].answer).</summary>
public sealed record SourceRef(string File, int Line, int Column, string Field)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}";
}

/// <summary>A formula of the key, as written and as read in the key's context.</summary>
public sealed record KeyExpr(string Latex, Expr Value, SourceRef Where);

/// <summary>One homework set's answer key (answer-keys/SET.yaml); see answer-keys/README.md for the format.</summary>
public sealed record AnswerKey(
    string File,
    string Set,
    string Course,
    LocalizedText Title,
    Language Language,
    KeyContext Context,
    ImmutableArray<Part> Parts,
    decimal? TotalPoints)
{
    public Part? FindPart(string id) => Parts.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// One part of a set (q2a): its points, statement, grading mode, and what that mode needs
/// (<see cref="Spec"/>). <see cref="Context"/> is the key's context plus the part's own definitions.
/// </summary>
public sealed record Part(
    string Id,
    decimal Points,
    LocalizedText Statement,
    string Mode,
    string? Derivation,
    KeyContext Context,
    PartSpec Spec,
    SourceRef Where)
{
    /// <summary>set/part, as the CLI and the results name it.</summary>
    public string QualifiedId(AnswerKey key) => $"{key.Set}/{Id}";

    /// <summary>
    /// Names a student may define in the answer and use in it (∂q_t/∂x_i = …, J_k = …): such an
    /// equation is the student's own definition, substituted into the statements that are graded.
    /// </summary>
    public ImmutableArray<KeyExpr> Intermediates { get; init; } = [];
}

/// <summary>What a part's grading mode needs from the key.</summary>
public abstract record PartSpec;

/// <summary>
/// Symbolic, numeric and count parts: the quantities the part asks for. A part asking for one thing
/// has one quantity (<see cref="Listed"/> false: the key wrote its fields on the part itself).
/// </summary>
public sealed record QuantitiesSpec(ImmutableArray<Quantity> Quantities, bool Listed) : PartSpec;

/// <summary>
/// One quantity a part asks for: the names a student may write on the left of its equation, the
/// accepted answers (right-hand sides), its share of the points, and how typical mistakes are graded.
/// </summary>
public sealed record Quantity(
    string Id,
    LocalizedText? Label,
    ImmutableArray<KeyExpr> Names,
    decimal Points,
    string Mode,
    ImmutableArray<KeyExpr> Accept,
    LayoutRule? Layout,
    ImmutableArray<MistakeRule> Mistakes,
    SourceRef Where)
{
    /// <summary>Numeric mode: how far a value may be from the accepted one.</summary>
    public Tolerance Tolerance { get; init; } = Tolerance.Default;

    /// <summary>Count mode: the symbols checked at small integers (default: those of the accepted answer).</summary>
    public ImmutableArray<KeyExpr> Variables { get; init; } = [];

    /// <summary>Count mode: the integers each variable takes in the check.</summary>
    public ImmutableArray<long> CheckValues { get; init; } = [1, 2, 3, 4];

    /// <summary>The label to show: the key's, else the first name in Unicode, else the id.</summary>
    public LocalizedText DisplayLabel => Label ?? (Names.IsEmpty ? LocalizedText.Both(Id) : LocalizedText.Both("$" + Names[0].Latex + "$"));
}

/// <summary>
/// A typical mistake and what it earns. It matches an answer equivalent to <see cref="Answer"/>, or,
/// when it names a <see cref="Diagnosis"/>, an answer the checker diagnoses that way against the
/// accepted answer. With both, <see cref="Answer"/> is also an example keys verify checks.
/// </summary>
public sealed record MistakeRule(int Index, KeyExpr? Answer, DiagnosisKind? Diagnosis, decimal Points, LocalizedText Feedback, SourceRef Where);

public enum TransposeCredit
{
    Full,
    Partial,
    None,
}

/// <summary>What the transpose of the accepted answer (the other layout) earns, and what the student is told.</summary>
public sealed record LayoutRule(TransposeCredit Transpose, decimal Points, LocalizedText Feedback, SourceRef Where);

/// <summary>|answer − key| ≤ absolute + relative·|key|, entry by entry.</summary>
public sealed record Tolerance(double Absolute, double Relative)
{
    public static readonly Tolerance Default = new(1e-9, 1e-6);

    public bool Accepts(double expected, double actual) =>
        Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
}

/// <summary>Multiple choice: the options (letters a, b, …), the correct ones, and how partial answers earn.</summary>
public sealed record ChoiceSpec(
    ImmutableArray<ChoiceOption> Options,
    ImmutableArray<char> Correct,
    bool SubsetCredit,
    decimal? WrongOptionPenalty,
    ImmutableArray<ChoiceMistake> Mistakes) : PartSpec;

/// <summary>An option, and optionally why it is right or wrong (shown when a student chooses it wrongly or misses it).</summary>
public sealed record ChoiceOption(char Letter, LocalizedText Text, LocalizedText? Feedback);

/// <summary>A specific wrong choice (the exact set of letters), with its points and feedback.</summary>
public sealed record ChoiceMistake(ImmutableArray<char> Choice, decimal Points, LocalizedText Feedback, SourceRef Where);

/// <summary>Which step conventions a circuit answer must be right under for full marks.</summary>
public enum StepRequirement
{
    /// <summary>Right under at least one convention.</summary>
    Either,

    /// <summary>Right under both φ(0)=0 and φ(0)=1.</summary>
    Both,

    /// <summary>Right under φ(0)=0 (φ(z)=1 iff z &gt; threshold).</summary>
    Strict,

    /// <summary>Right under φ(0)=1 (φ(z)=1 iff z ≥ threshold).</summary>
    Inclusive,
}

/// <summary>
/// A threshold network graded by simulation: the architecture, the name each of its parameters has
/// in this homework, the reference answer, the step requirement and the longest input simulated.
/// </summary>
public sealed record CircuitSpec(
    CircuitArchitecture Architecture,
    ImmutableDictionary<string, KeyExpr> ParameterNames,
    string Reference,
    SourceRef ReferenceWhere,
    StepRequirement Step,
    int MaxLength,
    decimal? OneConventionPoints,
    LocalizedText? OneConventionFeedback) : PartSpec;

/// <summary>Prose: graded by a person with these rubric points.</summary>
public sealed record ProseSpec(ImmutableArray<RubricItem> Rubric) : PartSpec;

public sealed record RubricItem(decimal Points, LocalizedText Text);
