using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// A number system the evaluator can compute in. Two exist: <see cref="Approx"/> (doubles carrying a
/// running error bound, for everything) and <see cref="ModPrime"/> (exact arithmetic modulo a 61-bit
/// prime, for rational expressions: identity testing without rounding or overflow).
/// </summary>
public interface IScalar<T> where T : struct, IScalar<T>
{
    /// <summary>True when equality is exact (a field), false for rounded arithmetic.</summary>
    static abstract bool IsExact { get; }

    static abstract T Zero { get; }
    static abstract T One { get; }

    /// <summary>A value that stands for "undefined here" (division by zero, log of a negative, overflow).</summary>
    static abstract T Invalid { get; }

    bool IsInvalid { get; }

    static abstract T FromInteger(long value);
    static abstract T FromRational(BigRational value);

    /// <summary>A literal, with its conversion cached on the node.</summary>
    static abstract T FromNumber(Number number);

    /// <summary>A sampled real. Exact systems draw uniformly from their own field instead.</summary>
    static abstract T FromSample(double value, ulong bits);

    static abstract T Add(T a, T b);
    static abstract T Subtract(T a, T b);
    static abstract T Multiply(T a, T b);
    static abstract T Divide(T a, T b);
    static abstract T Negate(T a);
    static abstract T PowInteger(T a, long exponent);

    /// <summary>a^(p/q) for an exact rational exponent (an odd root of a negative number is real).</summary>
    static abstract T PowRational(T a, BigRational exponent);

    static abstract T PowReal(T a, T exponent);
    static abstract T ApplyFunction(FunctionId function, int derivativeOrder, T x);
    static abstract T Constant(ConstantKind kind);

    /// <summary>
    /// An uninterpreted function (f, J, φ) and its derivatives: a fixed random function of the
    /// arguments, the same at every call with the same name, so identities hold for it exactly when
    /// they hold for every function.
    /// </summary>
    static abstract T ApplyOpaque(string name, int derivativeOrder, ReadOnlySpan<T> arguments);

    /// <summary>−1, 0 or 1; only for ordered systems (throws <see cref="UnsupportedOperationException"/> otherwise).</summary>
    static abstract int CompareTo(T a, T b);

    /// <summary>Exactly zero (not "small").</summary>
    bool IsExactlyZero { get; }
}

/// <summary>An operation a number system cannot do (a square root modulo a prime); the caller falls back.</summary>
public sealed class UnsupportedOperationException(string operation) : Exception($"not supported in this number system: {operation}");
