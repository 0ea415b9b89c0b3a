using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Derivations;

/// <summary>How one side of a step relates to the other.</summary>
public enum StepRelation
{
    /// <summary>after = before (the usual step).</summary>
    Equal,

    /// <summary>before ≤ after (a bound).</summary>
    LessOrEqual,

    /// <summary>The equation before implies the equation after (solving, setting a derivative to zero).</summary>
    Implies,
}

public enum CheckKind
{
    /// <summary>Both sides have the same canonical form.</summary>
    Symbolic,

    /// <summary>Both sides agree at random points (exactly, for rational expressions, or within rounding).</summary>
    Numeric,

    /// <summary>The engine found the step false (a bug in the derivation: never shown to students as true).</summary>
    Failed,

    /// <summary>The engine could not decide in its limits.</summary>
    Unverified,
}

/// <summary>The engine's own check of a step: how it was verified, at how many points, and why.</summary>
public sealed record StepCheck(CheckKind Kind, int Points, string Detail)
{
    /// <summary>For a general statement checked instance by instance (T = 1..6): how many instances.</summary>
    public int Instances { get; init; }

    public bool Passed => Kind is CheckKind.Symbolic or CheckKind.Numeric;

    /// <summary>"symbolic", "numeric", or false — the form JSON and sheets show.</summary>
    public string Label => Kind switch
    {
        CheckKind.Symbolic => "symbolic",
        CheckKind.Numeric => "numeric",
        _ => "false",
    };
}

/// <summary>
/// One step: the rule applied in words, the expression before and after (after = before, or a bound
/// or an implication), optional sub-steps, and the engine's check. <see cref="Subject"/> is what the
/// expression stands for when the step changes it (unrolling m_n writes a new equation).
/// </summary>
public sealed record Step(
    string Rule,
    Expr Before,
    Expr After,
    StepCheck Check,
    ImmutableArray<Step> SubSteps,
    StepRelation Relation = StepRelation.Equal,
    string? Note = null,
    Expr? Subject = null);

/// <summary>A result a derivation reaches: Subject = Value (∂L/∂u = ŷ − y), as the answer key states it.</summary>
public sealed record Conclusion(Expr Subject, Expr Value, StepRelation Relation = StepRelation.Equal);

/// <summary>
/// A derivation the engine produced from a goal: what is derived (<see cref="Subject"/>), each step
/// with its rule and check, and the result. <see cref="Definitions"/> is the context the steps were
/// checked in (definitions and recurrences), so anyone can check them again.
/// </summary>
public sealed record Derivation(
    string Name,
    string Title,
    string Goal,
    Expr Subject,
    ImmutableArray<Step> Steps,
    Expr Result,
    Definitions Definitions,
    ImmutableArray<string> Assumptions,
    ImmutableArray<Conclusion> Results)
{
    /// <summary>The integers the derivation holds for (T = 1..6), whose instances its steps were checked in.</summary>
    public ImmutableArray<IntegerRange> Ranges { get; init; } = [];

    /// <summary>The names the problem declared (kinds and shapes), to read answers about this derivation.</summary>
    public Symbols.SymbolTable? Symbols { get; init; }

    /// <summary>What is random, for steps in E[·] and Var(·).</summary>
    public Probability.RandomModel? Model { get; init; }

    /// <summary>A verifier that checks steps the way this derivation's own checks did, with other options (tests re-check with more points).</summary>
    public StepVerifier Verifier(Equivalence.EquivalenceOptions? options = null) => new(Definitions, options)
    {
        Instances = Ranges.IsEmpty ? null : new Instances(Ranges, Definitions),
        Model = Model,
    };

    public bool AllVerified => Steps.All(Verified);

    private static bool Verified(Step s) => s.Check.Passed && s.SubSteps.All(Verified);

    /// <summary>Every step and sub-step, depth first.</summary>
    public IEnumerable<Step> AllSteps() => Steps.SelectMany(Flatten);

    private static IEnumerable<Step> Flatten(Step s) => [s, .. s.SubSteps.SelectMany(Flatten)];
}
