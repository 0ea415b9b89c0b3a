using System.Globalization;
using System.Numerics;

namespace DerivationChecker.Core.Numbers;

/// <summary>
/// An exact rational number p/q in lowest terms with q &gt; 0. Students write 0.5, 1.5 and \frac{1}{2n};
/// the key and the answer must compare exactly (0.33 is not 1/3), so every literal is read into this type.
/// </summary>
public readonly struct BigRational : IEquatable<BigRational>, IComparable<BigRational>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public static readonly BigRational Zero = new(BigInteger.Zero, BigInteger.One, normalized: true);
    public static readonly BigRational One = new(BigInteger.One, BigInteger.One, normalized: true);
    public static readonly BigRational MinusOne = new(BigInteger.MinusOne, BigInteger.One, normalized: true);
    public static readonly BigRational Half = new(BigInteger.One, new BigInteger(2), normalized: true);

    private BigRational(BigInteger numerator, BigInteger denominator, bool normalized)
    {
        Numerator = numerator;
        Denominator = denominator;
        _ = normalized;
    }

    public BigRational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }
        Numerator = numerator;
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public BigRational(BigInteger integer) : this(integer, BigInteger.One, normalized: true) { }

    public static implicit operator BigRational(int value) => new(new BigInteger(value));
    public static implicit operator BigRational(long value) => new(new BigInteger(value));
    public static implicit operator BigRational(BigInteger value) => new(value);

    public bool IsZero => Numerator.IsZero;
    public bool IsOne => Numerator.IsOne && Denominator.IsOne;
    public bool IsInteger => Denominator.IsOne;
    public int Sign => Numerator.Sign;

    /// <summary>True when the value fits a long and is an integer.</summary>
    public bool TryGetInt64(out long value)
    {
        if (IsInteger && Numerator >= long.MinValue && Numerator <= long.MaxValue)
        {
            value = (long)Numerator;
            return true;
        }
        value = 0;
        return false;
    }

    public static BigRational operator +(BigRational a, BigRational b) =>
        a.Denominator == b.Denominator
            ? new BigRational(a.Numerator + b.Numerator, a.Denominator)
            : new BigRational(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static BigRational operator -(BigRational a, BigRational b) => a + (-b);
    public static BigRational operator -(BigRational a) => new(-a.Numerator, a.Denominator, normalized: true);
    public static BigRational operator *(BigRational a, BigRational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static BigRational operator /(BigRational a, BigRational b)
    {
        if (b.IsZero) throw new DivideByZeroException("Division by zero.");
        return new BigRational(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    }

    public BigRational Reciprocal() => One / this;
    public BigRational Abs() => Sign < 0 ? -this : this;

    /// <summary>
    /// this^exponent for an integer exponent, or null when the result would have more than
    /// <paramref name="maxBits"/> bits (so 10^{10^{10}} never allocates a gigabyte).
    /// </summary>
    public BigRational? TryPow(BigInteger exponent, int maxBits = 4096)
    {
        if (exponent.IsZero) return One;
        if (IsZero) return exponent.Sign > 0 ? Zero : null;
        if (Numerator.IsOne && Denominator.IsOne) return One;
        if (Numerator == BigInteger.MinusOne && Denominator.IsOne) return exponent.IsEven ? One : MinusOne;
        var magnitudeBits = Math.Max(Numerator.GetBitLength(), Denominator.GetBitLength());
        if (BigInteger.Abs(exponent) * magnitudeBits > maxBits) return null;
        var e = (int)BigInteger.Abs(exponent);
        var result = new BigRational(BigInteger.Pow(Numerator, e), BigInteger.Pow(Denominator, e));
        return exponent.Sign < 0 ? result.Reciprocal() : result;
    }

    /// <summary>The exact q-th root when it exists (4^{1/2} = 2, (8/27)^{1/3} = 2/3), otherwise null.</summary>
    public BigRational? TryExactRoot(int q)
    {
        if (q <= 0) return null;
        if (q == 1) return this;
        if (Sign < 0)
        {
            if (q % 2 == 0) return null;
            return -(-this).TryExactRoot(q);
        }
        var n = IntegerRoot(Numerator, q);
        var d = IntegerRoot(Denominator, q);
        if (n is null || d is null) return null;
        return new BigRational(n.Value, d.Value);
    }

    private static BigInteger? IntegerRoot(BigInteger value, int q)
    {
        if (value.IsZero || value.IsOne) return value;
        if (value.GetBitLength() > 4096) return null;
        var guess = new BigInteger(Math.Round(Math.Exp(BigInteger.Log(value) / q)));
        for (var candidate = guess - 1; candidate <= guess + 1; candidate++)
        {
            if (candidate.Sign >= 0 && BigInteger.Pow(candidate, q) == value) return candidate;
        }
        return null;
    }

    public double ToDouble()
    {
        var n = (double)Numerator;
        var d = (double)Denominator;
        if (!double.IsInfinity(n) && !double.IsInfinity(d)) return n / d;
        // Scale both down so huge literals still give a usable double.
        var shift = (int)Math.Max(Numerator.GetBitLength(), Denominator.GetBitLength()) - 1000;
        return (double)(Numerator >> shift) / (double)(Denominator >> shift);
    }

    /// <summary>Parses "12", "-3", "0.25", "1e-8", "2.5E3" exactly.</summary>
    public static bool TryParseDecimal(string text, out BigRational value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text)) return false;
        var s = text.Trim();
        var sign = 1;
        if (s.StartsWith('-')) { sign = -1; s = s[1..]; }
        else if (s.StartsWith('+')) s = s[1..];
        var exponent = 0;
        var ePos = s.IndexOfAny(['e', 'E']);
        if (ePos >= 0)
        {
            if (!int.TryParse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)) return false;
            if (Math.Abs(exponent) > 4000) return false;
            s = s[..ePos];
        }
        var dot = s.IndexOf('.');
        var digits = dot >= 0 ? s.Remove(dot, 1) : s;
        if (digits.Length == 0 || digits.Any(c => c is < '0' or > '9')) return false;
        var fractionDigits = dot >= 0 ? s.Length - dot - 1 : 0;
        var numerator = BigInteger.Parse(digits, CultureInfo.InvariantCulture) * sign;
        var scale = exponent - fractionDigits;
        value = scale >= 0
            ? new BigRational(numerator * BigInteger.Pow(10, scale))
            : new BigRational(numerator, BigInteger.Pow(10, -scale));
        return true;
    }

    /// <summary>
    /// The simplest rational within a relative <paramref name="tolerance"/> of <paramref name="x"/>
    /// (continued fractions, denominators up to <paramref name="maxDenominator"/>), used to name a
    /// numeric factor such as 2 or 1/8 found by sampling. Null when none is close enough.
    /// </summary>
    public static BigRational? FromDoubleApproximately(double x, double tolerance = 1e-9, long maxDenominator = 10000)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return null;
        if (x == 0) return Zero;
        var sign = Math.Sign(x);
        var y = Math.Abs(x);
        if (y > 1e15) return null;
        long h0 = 0, h1 = 1, k0 = 1, k1 = 0;
        var rest = y;
        for (var i = 0; i < 40; i++)
        {
            var a = Math.Floor(rest);
            if (a > 1e15) break;
            var ia = (long)a;
            var h2 = ia * h1 + h0;
            var k2 = ia * k1 + k0;
            if (k2 > maxDenominator) break;
            h0 = h1; h1 = h2; k0 = k1; k1 = k2;
            if (Math.Abs((double)h1 / k1 - y) <= tolerance * Math.Max(1, y)) return new BigRational(sign * h1, k1);
            var frac = rest - a;
            if (frac < 1e-15) break;
            rest = 1 / frac;
        }
        return null;
    }

    public bool Equals(BigRational other) => Numerator == other.Numerator && Denominator == other.Denominator;
    public override bool Equals(object? obj) => obj is BigRational r && Equals(r);
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);
    public int CompareTo(BigRational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);
    public static bool operator ==(BigRational a, BigRational b) => a.Equals(b);
    public static bool operator !=(BigRational a, BigRational b) => !a.Equals(b);
    public static bool operator <(BigRational a, BigRational b) => a.CompareTo(b) < 0;
    public static bool operator >(BigRational a, BigRational b) => a.CompareTo(b) > 0;
    public static bool operator <=(BigRational a, BigRational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(BigRational a, BigRational b) => a.CompareTo(b) >= 0;

    public override string ToString() =>
        Denominator.IsOne
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
