using System.Numerics;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Simplification;

/// <summary>Powers and roots, each rule with the domain condition under which it holds.</summary>
internal static class PowerRules
{
    public static Expr Power(Canonicalizer c, Expr b, Expr e)
    {
        var scalarBase = c.IsScalar(b);

        // x¹ = x
        if (e is Number { Value.IsOne: true }) return b;
        // x⁰ = 1 for scalars (for a matrix it would be the identity, so leave it)
        if (e is Number { Value.IsZero: true } && scalarBase) return Number.One;
        // 1^x = 1
        if (b is Number { Value.IsOne: true }) return Number.One;
        // e^x = exp(x)
        if (b is Constant { Kind: ConstantKind.E }) return FunctionRules.Apply(c, new Apply(Function.Exp, e));

        if (b is Number nb && e is Number ne) return Fold(nb.Value, ne.Value);

        if (!scalarBase)
        {
            // (M^a)^b = M^{ab} for integers a, b
            if (b is Expressions.Power inner && SignAnalysis.IsInteger(inner.Exponent) && SignAnalysis.IsInteger(e))
                return Power(c, inner.Base, c.Run(new Multiply(inner.Exponent, e)));
            return new Expressions.Power(b, e);
        }

        switch (b)
        {
            // (x^a)^b = x^{ab} when b is an integer or x ≥ 0;  (x^{2k})^b = |x|^{2kb}
            case Expressions.Power inner:
                {
                    if (SignAnalysis.IsInteger(e) && e is Number || SignAnalysis.IsNonNegative(inner.Base))
                        return Power(c, inner.Base, c.Run(new Multiply(inner.Exponent, e)));
                    if (SignAnalysis.IsEvenInteger(inner.Exponent))
                        return Power(c, FunctionRules.Apply(c, new Apply(Function.Abs, inner.Base)), c.Run(new Multiply(inner.Exponent, e)));
                    break;
                }
            // (e^x)^y = e^{xy}
            case Apply { Function: { Id: FunctionId.Exp, DerivativeOrder: 0 } } ex:
                return FunctionRules.Apply(c, new Apply(Function.Exp, c.Run(new Multiply(ex.Argument, e))));
            // |x|^{2k} = x^{2k}
            case Apply { Function: { Id: FunctionId.Abs, DerivativeOrder: 0 } } abs when SignAnalysis.IsEvenInteger(e):
                return Power(c, abs.Argument, e);
            // (xy)^n = xⁿyⁿ for integer n, or for any n when every factor is ≥ 0
            case Multiply m when (e is Number { Value.IsInteger: true } || m.Factors.All(SignAnalysis.IsNonNegative)) && m.Factors.All(c.IsScalar):
                return AlgebraRules.Product(c, [.. m.Factors.Select(f => f is Number n && e is Number k ? Fold(n.Value, k.Value) : Power(c, f, e))]);
            case Add sum when e is Number { Value: { IsInteger: true } k }:
                return PowerOfSum(c, sum, k);
        }
        return new Expressions.Power(b, e);
    }

    /// <summary>
    /// (a+b)ⁿ: multiplied out when small, otherwise written the way a product writes a sum factor, with its
    /// content taken out, so (a−x)^{6000} and (x−a)^{6000} get one form: (−s)ⁿ = (−1)ⁿ sⁿ.
    /// </summary>
    private static Expr PowerOfSum(Canonicalizer c, Add sum, BigRational k)
    {
        if (c.Options.Expand && k.Sign > 0 && k <= 8 && Math.Pow(sum.Terms.Length, (double)k.ToDouble()) <= c.Options.MaxExpandedTerms)
        {
            // Multiplied out directly: as a product, sum·sum would combine straight back into sum².
            var expanded = AlgebraRules.MultiplyOut(c, Enumerable.Repeat<Expr>(sum, (int)k.Numerator).ToList());
            if (expanded is not null) return expanded;
        }
        return AlgebraRules.Product(c, [new Expressions.Power(sum, new Number(k))]);
    }

    /// <summary>
    /// Exact numeric powers: 4^{-1/2} = 1/2, 2^{10} = 1024. Left as a power when the result would be
    /// huge (10^{10^{10}}) or irrational (2^{1/2}).
    /// </summary>
    public static Expr Fold(BigRational b, BigRational e)
    {
        if (e.IsInteger)
        {
            var r = b.TryPow(e.Numerator);
            return r is { } value ? new Number(value) : new Expressions.Power(new Number(b), new Number(e));
        }
        if (b.Sign < 0 && e.Denominator.IsEven) return new Expressions.Power(new Number(b), new Number(e));
        if (e.Denominator <= 64)
        {
            var root = b.TryExactRoot((int)e.Denominator);
            if (root is { } rt)
            {
                var r = rt.TryPow(e.Numerator);
                if (r is { } value) return new Number(value);
            }
        }
        // Pull perfect powers out of an integer radicand: 12^{1/2} = 2·3^{1/2}.
        if (b.IsInteger && b.Sign > 0 && e.Numerator.IsOne && e.Denominator <= 4 && b.Numerator < 1_000_000)
        {
            var q = (int)e.Denominator;
            var n = (long)b.Numerator;
            long outside = 1;
            for (long f = 2; Pow(f, q) <= n; f++)
            {
                var fq = Pow(f, q);
                while (n % fq == 0)
                {
                    n /= fq;
                    outside *= f;
                }
            }
            if (outside > 1)
            {
                var rest = n == 1 ? (Expr)Number.One : new Expressions.Power(Number.Of(n), new Number(e));
                return n == 1 ? Number.Of(outside) : new Multiply(Number.Of(outside), rest);
            }
        }
        return new Expressions.Power(new Number(b), new Number(e));
    }

    private static long Pow(long b, int e)
    {
        long r = 1;
        for (var i = 0; i < e; i++) r *= b;
        return r;
    }

    public static bool IsMatrix(Shape? s) => s is MatrixShape { IsOneByOne: false };

    public static BigInteger Abs(BigInteger x) => BigInteger.Abs(x);
}
