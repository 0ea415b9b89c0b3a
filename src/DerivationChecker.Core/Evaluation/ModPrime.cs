using System.Numerics;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// Arithmetic modulo the Mersenne prime p = 2⁶¹ − 1. Reduction mod p maps every rational function
/// (and matrix expression) with rational coefficients homomorphically, so two rational expressions
/// that differ as functions differ at a random point with probability at least 1 − degree/p
/// (Schwartz–Zippel): exact identity testing with no rounding and no overflow — (x−a)^{6000} included.
/// </summary>
public readonly struct ModPrime : IScalar<ModPrime>
{
    public const ulong P = (1UL << 61) - 1;

    private readonly ulong _value;
    private readonly bool _invalid;

    private ModPrime(ulong value, bool invalid = false)
    {
        _value = value;
        _invalid = invalid;
    }

    public ulong Value => _value;

    public static bool IsExact => true;
    public static ModPrime Zero => new(0);
    public static ModPrime One => new(1);
    public static ModPrime Invalid => new(0, invalid: true);
    public bool IsInvalid => _invalid;
    public bool IsExactlyZero => !_invalid && _value == 0;

    private static ulong Reduce(ulong x)
    {
        var r = (x & P) + (x >> 61);
        return r >= P ? r - P : r;
    }

    private static ulong MulMod(ulong a, ulong b)
    {
        var product = (UInt128)a * b;
        var lo = (ulong)product & P;
        var hi = (ulong)(product >> 61);
        var r = lo + hi;
        return r >= P ? r - P : r;
    }

    public static ModPrime FromInteger(long value)
    {
        var r = value % (long)P;
        return new ModPrime((ulong)(r < 0 ? r + (long)P : r));
    }

    private static ulong FromBig(BigInteger value)
    {
        var r = (ulong)BigInteger.Remainder(BigInteger.Abs(value), P);
        return value.Sign < 0 && r != 0 ? P - r : r;
    }

    public static ModPrime FromRational(BigRational value)
    {
        var den = FromBig(value.Denominator);
        if (den == 0) return Invalid;
        return new ModPrime(MulMod(FromBig(value.Numerator), Inverse(den)));
    }

    public static ModPrime FromNumber(Number number)
    {
        if (number.ModularCache is not { } v)
        {
            var converted = FromRational(number.Value);
            // P itself never occurs as a residue, so it marks "the denominator is divisible by p".
            v = converted._invalid ? P : converted._value;
            number.ModularCache = v;
        }
        return v == P ? Invalid : new ModPrime(v);
    }

    /// <summary>Exact systems ignore the double and use the random bits as a uniform field element.</summary>
    public static ModPrime FromSample(double value, ulong bits) => new(Reduce(bits >> 3));

    public static ModPrime Add(ModPrime a, ModPrime b)
    {
        if (a._invalid || b._invalid) return Invalid;
        var r = a._value + b._value;
        return new ModPrime(r >= P ? r - P : r);
    }

    public static ModPrime Subtract(ModPrime a, ModPrime b)
    {
        if (a._invalid || b._invalid) return Invalid;
        return new ModPrime(a._value >= b._value ? a._value - b._value : a._value + P - b._value);
    }

    public static ModPrime Multiply(ModPrime a, ModPrime b) =>
        a._invalid || b._invalid ? Invalid : new ModPrime(MulMod(a._value, b._value));

    public static ModPrime Divide(ModPrime a, ModPrime b)
    {
        if (a._invalid || b._invalid || b._value == 0) return Invalid;
        return new ModPrime(MulMod(a._value, Inverse(b._value)));
    }

    public static ModPrime Negate(ModPrime a) => a._invalid ? Invalid : new ModPrime(a._value == 0 ? 0 : P - a._value);

    public static ModPrime PowInteger(ModPrime a, long exponent)
    {
        if (a._invalid) return Invalid;
        if (exponent < 0)
        {
            if (a._value == 0) return Invalid;
            return new ModPrime(Pow(Inverse(a._value), exponent == long.MinValue ? long.MaxValue : -exponent));
        }
        return new ModPrime(Pow(a._value, exponent));
    }

    private static ulong Pow(ulong b, long e)
    {
        ulong result = 1;
        var x = b;
        var n = (ulong)e;
        while (n > 0)
        {
            if ((n & 1) != 0) result = MulMod(result, x);
            x = MulMod(x, x);
            n >>= 1;
        }
        return result;
    }

    /// <summary>Fermat: a^{p−2} is a⁻¹.</summary>
    private static ulong Inverse(ulong a) => Pow(a, (long)(P - 2));

    public static ModPrime PowRational(ModPrime a, BigRational exponent)
    {
        if (exponent.TryGetInt64(out var n)) return PowInteger(a, n);
        throw new UnsupportedOperationException("a fractional power");
    }

    public static ModPrime PowReal(ModPrime a, ModPrime exponent) => throw new UnsupportedOperationException("a real power");

    public static ModPrime ApplyFunction(FunctionId function, int derivativeOrder, ModPrime x) =>
        throw new UnsupportedOperationException(function.ToString());

    public static ModPrime Constant(ConstantKind kind) => throw new UnsupportedOperationException(kind.ToString());

    public static ModPrime ApplyOpaque(string name, int derivativeOrder, ReadOnlySpan<ModPrime> arguments)
    {
        var h = RandomSource.Hash(name, (ulong)derivativeOrder);
        foreach (var a in arguments)
        {
            if (a._invalid) return Invalid;
            h = RandomSource.Combine(h, a._value);
        }
        return new ModPrime(Reduce(h >> 3));
    }

    public static int CompareTo(ModPrime a, ModPrime b) => throw new UnsupportedOperationException("an order comparison");

    public bool Equals(ModPrime other) => !_invalid && !other._invalid && _value == other._value;

    public override string ToString() => _invalid ? "invalid" : $"{_value} (mod p)";
}
