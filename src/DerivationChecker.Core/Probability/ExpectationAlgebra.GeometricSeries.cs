using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Core.Probability;

public static partial class ExpectationAlgebra
{
    /// <summary>
    /// Sums every geometric Σ in closed form: Σ_{i=a}^{b} k·c^{b−i} → k·(1 − c^{b−a+1})/(1 − c), likewise
    /// c^{i−a}, and in general c^{s·i+r} for a nonzero integer s, with c, k and r free of i. Factors free of
    /// i stay as they are, beside the closed form; nothing else is simplified. Needs no random model.
    /// </summary>
    /// <remarks>
    /// Holds for c^{|s|} ≠ 1 (the closed form is 0/0 there; a ratio that is the number 1 is left to the
    /// canonicaliser's Σ c = (b − a + 1)c) and b ≥ a − 1, where an empty sum is 0 on both sides.
    /// </remarks>
    public static Expr GeometricSeries(Expr e) => e.Rewrite(node =>
        node is BigOperator { Kind: BigOperatorKind.Sum, Lower: { } a, Upper: { } b } big ? SumGeometric(big, a, b) ?? node : node);

    private static Expr? SumGeometric(BigOperator big, Expr lower, Expr upper)
    {
        var i = big.Index;
        var factors = FactorsOf(big.Body);
        var at = -1;
        for (var k = 0; k < factors.Count; k++)
        {
            if (!factors[k].HasFree(i.Name)) continue;
            if (at >= 0) return null;
            at = k;
        }
        if (at < 0 || factors[at] is not Power { Base: var c, Exponent: var p } || c.HasFree(i.Name) || !factors.All(IsScalar)) return null;

        // The exponent moves by s each step: s·i + r.
        var step = Expanded(new Add(p.Substitute(i, new Add(i, Number.One)), new Negate(p)));
        if (step is not Number { Value: { IsInteger: true, IsZero: false } s }) return null;
        var ratio = s.Abs().IsOne ? c : Factored(new Power(c, new Number(s.Abs())));
        if (ratio is Number { Value.IsOne: true }) return null;

        // Σ_{i=a}^{b} c^{s·i+r} = c^{m}·(1 − q^{b−a+1})/(1 − q) with q = c^{|s|} and m the smallest exponent (at i = a for s > 0, at i = b for s < 0)
        var smallest = Expanded(p.Substitute(i, s.Sign > 0 ? lower : upper));
        var count = Expanded(new Add(upper, new Negate(lower), Number.One));
        var closed = new Divide(new Add(Number.One, new Negate(new Power(ratio, count))), new Add(Number.One, new Negate(ratio)));

        var result = new List<Expr>(factors.Count + 1);
        for (var k = 0; k < factors.Count; k++)
        {
            if (k != at)
            {
                result.Add(factors[k]);
                continue;
            }
            if (smallest is not Number { Value.IsZero: true }) result.Add(new Power(c, smallest));
            result.Add(closed);
        }
        return ProductOf(result);
    }

    private static Expr Factored(Expr e) => Canonicalizer.Canonicalize(e, CanonicalOptions.Factored);

    /// <summary>Exponents and bounds multiplied out, so n − (i + 1) − (n − i) is seen to be −1.</summary>
    private static Expr Expanded(Expr e) => Canonicalizer.Canonicalize(e, CanonicalOptions.Default);
}
