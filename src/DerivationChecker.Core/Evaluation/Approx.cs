using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// A double with a first-order bound on its accumulated rounding error. Two values are judged equal
/// when they differ by no more than a few times their combined bound, so the same test tells
/// (19601−13860√2)^{7/4} = (5√2−7)^7 (large cancellation, loose bound) from
/// 2^{0.196078431373 t} ≠ 2^{t/5.1} (tight bound, difference 10⁻¹³).
/// </summary>
public readonly struct Approx : IScalar<Approx>
{
    private const double Eps = 1.1102230246251565e-16;

    public double Value { get; }

    /// <summary>An upper estimate of |computed − exact|.</summary>
    public double Error { get; }

    public Approx(double value, double error)
    {
        Value = value;
        Error = error;
    }

    private static Approx Rounded(double value, double error) =>
        double.IsFinite(value) && double.IsFinite(error) ? new Approx(value, error + Eps * Math.Abs(value)) : Invalid;

    public static bool IsExact => false;
    public static Approx Zero => new(0, 0);
    public static Approx One => new(1, 0);
    public static Approx Invalid => new(double.NaN, double.NaN);
    public bool IsInvalid => !double.IsFinite(Value);
    public bool IsExactlyZero => Value == 0 && Error == 0;

    public static Approx FromInteger(long value) => new(value, Math.Abs(value) > (1L << 53) ? Eps * Math.Abs(value) : 0);

    public static Approx FromRational(BigRational value)
    {
        var d = value.ToDouble();
        var exact = value.IsInteger && Math.Abs(d) < 9e15;
        return exact ? new Approx(d, 0) : Rounded(d, 0);
    }

    public static Approx FromSample(double value, ulong bits) => new(value, 0);

    public static Approx FromNumber(Number number)
    {
        if (number.DoubleCache is not { } d)
        {
            d = number.Value.ToDouble();
            number.DoubleIsExact = number.Value.IsInteger && Math.Abs(d) < 9e15;
            number.DoubleCache = d;
        }
        return number.DoubleIsExact ? new Approx(d, 0) : Rounded(d, 0);
    }

    // Exact inputs whose result is exactly representable stay exact (error 0), so that 2 × ½ is the
    // integer 1 and (−2)^{2·½} is defined; the error-free transforms below detect it cheaply.

    public static Approx Add(Approx a, Approx b)
    {
        var s = a.Value + b.Value;
        if (a.Error == 0 && b.Error == 0 && double.IsFinite(s))
        {
            // TwoSum: the exact rounding error of a + b.
            var bb = s - a.Value;
            if ((a.Value - (s - bb)) + (b.Value - bb) == 0) return new Approx(s, 0);
        }
        return Rounded(s, a.Error + b.Error);
    }

    public static Approx Subtract(Approx a, Approx b) => Add(a, Negate(b));

    public static Approx Multiply(Approx a, Approx b)
    {
        var p = a.Value * b.Value;
        if (a.Error == 0 && b.Error == 0 && double.IsFinite(p) && Math.FusedMultiplyAdd(a.Value, b.Value, -p) == 0) return new Approx(p, 0);
        return Rounded(p, Math.Abs(a.Value) * b.Error + Math.Abs(b.Value) * a.Error + a.Error * b.Error);
    }

    public static Approx Divide(Approx a, Approx b)
    {
        var den = Math.Abs(b.Value);
        if (den == 0 || den <= 4 * b.Error) return Invalid;
        var q = a.Value / b.Value;
        if (a.Error == 0 && b.Error == 0 && double.IsFinite(q) && Math.FusedMultiplyAdd(-q, b.Value, a.Value) == 0) return new Approx(q, 0);
        return Rounded(q, (a.Error + Math.Abs(q) * b.Error) / (den - b.Error));
    }

    public static Approx Negate(Approx a) => new(-a.Value, a.Error);

    public static Approx PowInteger(Approx a, long exponent)
    {
        if (exponent == 0) return One;
        if (exponent < 0)
        {
            var positive = PowInteger(a, -exponent);
            return positive.IsInvalid ? Invalid : Divide(One, positive);
        }
        var v = Math.Pow(a.Value, exponent);
        // d(x^n) = n x^{n-1} dx, plus the rounding of pow itself (a few ulps for large n).
        var derivative = exponent * Math.Pow(Math.Abs(a.Value), exponent - 1);
        return Rounded(v, derivative * a.Error + 4 * Eps * Math.Abs(v));
    }

    public static Approx PowRational(Approx a, BigRational exponent)
    {
        if (exponent.IsInteger && exponent.TryGetInt64(out var n)) return PowInteger(a, n);
        var p = exponent.ToDouble();
        if (a.Value < 0)
        {
            // Real odd roots of negative numbers: (−8)^{1/3} = −2; even denominators have no real value.
            if (exponent.Denominator.IsEven) return Invalid;
            var magnitude = PowReal(new Approx(-a.Value, a.Error), new Approx(p, 0));
            if (magnitude.IsInvalid) return Invalid;
            return exponent.Numerator.IsEven ? magnitude : Negate(magnitude);
        }
        return PowReal(a, new Approx(p, Eps * Math.Abs(p)));
    }

    public static Approx PowReal(Approx a, Approx exponent)
    {
        if (a.Value < 0)
        {
            // A negative base needs an exact integer exponent.
            if (exponent.Error == 0 && Math.Abs(exponent.Value) < 1e15 && exponent.Value == Math.Floor(exponent.Value))
                return PowInteger(a, (long)exponent.Value);
            return Invalid;
        }
        if (a.Value == 0)
        {
            if (exponent.Value > 0 && a.Error == 0) return Zero;
            return exponent.Value == 0 && exponent.Error == 0 ? One : Invalid;
        }
        var v = Math.Pow(a.Value, exponent.Value);
        var err = Math.Abs(v) * (Math.Abs(exponent.Value / a.Value) * a.Error + Math.Abs(Math.Log(a.Value)) * exponent.Error) + 4 * Eps * Math.Abs(v);
        return Rounded(v, err);
    }

    public static Approx ApplyFunction(FunctionId function, int derivativeOrder, Approx x)
    {
        var (value, slope) = Elementary.Evaluate(function, derivativeOrder, x.Value);
        if (!double.IsFinite(value) || !double.IsFinite(slope)) return Invalid;
        // A kink (|x|, ReLU) or a jump (step, sign) inside the error interval makes the value uncertain.
        if (x.Error > 0 && Elementary.HasSingularityNear(function, derivativeOrder, x.Value, x.Error)) return Invalid;
        return Rounded(value, Math.Abs(slope) * x.Error + 4 * Eps * Math.Abs(value));
    }

    public static Approx Constant(ConstantKind kind) => kind switch
    {
        ConstantKind.E => Rounded(Math.E, 0),
        ConstantKind.Pi => Rounded(Math.PI, 0),
        _ => Invalid,
    };

    public static Approx ApplyOpaque(string name, int derivativeOrder, ReadOnlySpan<Approx> arguments)
    {
        // f(v) = Σ_k a_k sin(b_k u + c_k) + d·u with u = Σ w_i v_i: smooth, generic, reproducible from the name.
        var seed = RandomSource.Hash(name, 0x0F0F);
        double u = 0, uError = 0;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i].IsInvalid) return Invalid;
            var w = 0.5 + RandomSource.Unit(RandomSource.Combine(seed, (ulong)(100 + i)));
            u += w * arguments[i].Value;
            uError += w * arguments[i].Error;
        }
        double value = 0, slope = 0;
        for (var k = 0; k < 3; k++)
        {
            var a = 0.3 + RandomSource.Unit(RandomSource.Combine(seed, (ulong)(3 * k)));
            var b = 0.4 + 1.2 * RandomSource.Unit(RandomSource.Combine(seed, (ulong)(3 * k + 1)));
            var c = 6.28 * RandomSource.Unit(RandomSource.Combine(seed, (ulong)(3 * k + 2)));
            var phase = b * u + c;
            var scale = a * Math.Pow(b, derivativeOrder);
            value += scale * SinDerivative(derivativeOrder, phase);
            slope += scale * b * SinDerivative(derivativeOrder + 1, phase);
        }
        var d = 0.2 + RandomSource.Unit(RandomSource.Combine(seed, 99));
        value += derivativeOrder == 0 ? d * u : derivativeOrder == 1 ? d : 0;
        slope += derivativeOrder == 0 ? d : 0;
        return Rounded(value, Math.Abs(slope) * uError + 8 * Eps * Math.Abs(value));
    }

    private static double SinDerivative(int order, double x) => (order % 4) switch
    {
        0 => Math.Sin(x),
        1 => Math.Cos(x),
        2 => -Math.Sin(x),
        _ => -Math.Cos(x),
    };

    public static int CompareTo(Approx a, Approx b)
    {
        var d = a.Value - b.Value;
        var tol = 4 * (a.Error + b.Error);
        if (Math.Abs(d) <= tol)
        {
            if (a.Error == 0 && b.Error == 0) return 0;
            throw new UncertainComparisonException();
        }
        return d < 0 ? -1 : 1;
    }

    /// <summary>
    /// Are two values equal within their error bounds? <paramref name="tight"/> reports a difference
    /// that is real but tiny (agreement to more than 9 significant digits).
    /// </summary>
    public static bool AgreeWith(Approx a, Approx b, out bool tight)
    {
        var diff = Math.Abs(a.Value - b.Value);
        var bound = 16 * (a.Error + b.Error) + 1e-300;
        var scale = Math.Max(Math.Abs(a.Value), Math.Abs(b.Value));
        tight = diff <= 1e-9 * scale;
        return diff <= bound;
    }

    public override string ToString() => $"{Value:R} ± {Error:G2}";
}

/// <summary>A comparison too close to call under the current error bound (the point is skipped).</summary>
public sealed class UncertainComparisonException() : Exception("comparison within rounding error");
