using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Tests;

/// <summary>Short constructors so expected trees in tests read like the mathematics.</summary>
public static class Build
{
    public static Symbol S(string name) => new(name);
    public static Number N(long value) => Number.Of(value);
    public static Number Q(long numerator, long denominator) => new(new BigRational(numerator, denominator));
}
