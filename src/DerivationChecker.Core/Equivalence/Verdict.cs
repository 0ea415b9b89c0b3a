using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Equivalence;

public enum VerdictKind
{
    Equivalent,
    NotEquivalent,

    /// <summary>The engine could not decide within its limits; a human must look.</summary>
    Inconclusive,
}

public enum DiagnosisKind
{
    /// <summary>b = −a.</summary>
    Sign,

    /// <summary>b = c·a for a constant c ≠ 1 (a number, or an expression in dimension symbols).</summary>
    Factor,

    /// <summary>b = aᵀ.</summary>
    Transpose,

    /// <summary>One side, or the pair, has no consistent shape.</summary>
    Shape,

    /// <summary>One side is undefined wherever the other is defined.</summary>
    Domain,
}

/// <summary>What exactly is wrong, when it is one of the mistakes students make most.</summary>
public sealed record Diagnosis(DiagnosisKind Kind, string Detail, Expr? Factor = null, ShapeError? ShapeError = null);

/// <summary>A point where the two sides differ, with both values, in plain numbers.</summary>
public sealed record Counterexample(IReadOnlyList<KeyValuePair<string, string>> Point, string ValueA, string ValueB);

/// <summary>
/// The answer to "are a and b the same mathematics?", with how it was reached (<see cref="Method"/>),
/// why (<see cref="Message"/>) and, when they differ, where.
/// </summary>
public sealed record Verdict(
    VerdictKind Kind,
    string Method,
    string Message,
    Diagnosis? Diagnosis = null,
    Counterexample? Counterexample = null,
    int Points = 0)
{
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static Verdict Equivalent(string method, string message, int points = 0) => new(VerdictKind.Equivalent, method, message, Points: points);

    public static Verdict Inconclusive(string method, string message, int points = 0) => new(VerdictKind.Inconclusive, method, message, Points: points);

    public string KindText => Kind switch
    {
        VerdictKind.Equivalent => "equivalent",
        VerdictKind.NotEquivalent => "not-equivalent",
        _ => "inconclusive",
    };
}

/// <summary>Names of the ways a verdict is reached, as they appear in JSON.</summary>
public static class Methods
{
    /// <summary>Both sides rewrite to the same canonical form.</summary>
    public const string Canonical = "canonical";

    /// <summary>Exact arithmetic modulo a 61-bit prime at random points (rational expressions).</summary>
    public const string ExactSampling = "exact-sampling";

    /// <summary>Double precision with error bounds at random points.</summary>
    public const string NumericSampling = "numeric-sampling";

    /// <summary>Shape inference decided it.</summary>
    public const string Shape = "shape";

    /// <summary>The check stopped on a limit or an unsupported construct.</summary>
    public const string Limit = "limit";
}
