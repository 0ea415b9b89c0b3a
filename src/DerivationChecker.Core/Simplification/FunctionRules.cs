using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Core.Simplification;

/// <summary>exp, log and absolute value, with the sign conditions that make each rule true.</summary>
internal static class FunctionRules
{
    public static Expr Apply(Canonicalizer c, Apply ap)
    {
        if (ap.Function.DerivativeOrder != 0 || ap.Arguments.Length != 1) return ap;
        var x = ap.Argument;
        switch (ap.Function.Id)
        {
            case FunctionId.Exp:
                // e⁰ = 1
                if (x is Number { Value.IsZero: true }) return Number.One;
                // e^{ln a} = a for a > 0 (for a ≤ 0 the left side is undefined)
                if (x is Apply { Function: { Id: FunctionId.Log, DerivativeOrder: 0 } } log && SignAnalysis.IsPositive(log.Argument)) return log.Argument;
                // e^{k ln a} = a^k for a > 0
                if (x is Multiply { Factors: [Number k, Apply { Function: { Id: FunctionId.Log, DerivativeOrder: 0 } } log2] } && SignAnalysis.IsPositive(log2.Argument))
                    return PowerRules.Power(c, log2.Argument, k);
                return ap;
            case FunctionId.Log:
                // ln 1 = 0
                if (x is Number { Value.IsOne: true }) return Number.Zero;
                // ln e^x = x
                if (x is Apply { Function: { Id: FunctionId.Exp, DerivativeOrder: 0 } } ex) return ex.Argument;
                if (x is Constant { Kind: ConstantKind.E }) return Number.One;
                // ln a^b = b ln a for a > 0
                if (x is Power p && SignAnalysis.IsPositive(p.Base))
                    return AlgebraRules.Product(c, [p.Exponent, Apply(c, new Apply(Function.Log, p.Base))]);
                // ln(ab) = ln a + ln b for a, b > 0
                if (x is Multiply m && m.Factors.All(SignAnalysis.IsPositive))
                    return AlgebraRules.Sum(c, [.. m.Factors.Select(f => Apply(c, new Apply(Function.Log, f)))]);
                return ap;
            case FunctionId.Abs:
                // |a| = a for a ≥ 0
                if (SignAnalysis.IsNonNegative(x)) return x;
                if (x is Number n) return new Number(n.Value.Abs());
                // |−a| = |a|;  |ka| = |k||a|
                if (x is Multiply { Factors: [Number factor, .. var rest] })
                {
                    var inner = rest.Length == 1 ? rest[0] : new Multiply([.. rest]);
                    return AlgebraRules.Product(c, [new Number(factor.Value.Abs()), Apply(c, new Apply(Function.Abs, inner))]);
                }
                if (x is Apply { Function: { Id: FunctionId.Abs, DerivativeOrder: 0 } }) return x;
                return ap;
            case FunctionId.Sin when x is Number { Value.IsZero: true }:
            case FunctionId.Tan when x is Number { Value.IsZero: true }:
            case FunctionId.Tanh when x is Number { Value.IsZero: true }:
                return Number.Zero;
            case FunctionId.Cos when x is Number { Value.IsZero: true }:
                return Number.One;
            case FunctionId.Sigmoid when x is Number { Value.IsZero: true }:
                return new Number(BigRational.Half);
            default:
                return ap;
        }
    }
}
