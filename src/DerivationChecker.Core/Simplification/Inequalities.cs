using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Simplification;

/// <summary>Moves of a bound: absolute values through products, a factor replaced by its maximum.</summary>
public static class Inequalities
{
    /// <summary>
    /// |a·b·∏_k c_k| = |a|·|b|·∏_k |c_k|, |wⁿ| = |w|ⁿ, and |c| = c for a factor known to be positive
    /// (σ'(z) &gt; 0). Applied to every absolute value in <paramref name="e"/>.
    /// </summary>
    public static Expr AbsoluteValues(Expr e) => e.Rewrite(node =>
        node is Apply { Function: { Id: FunctionId.Abs, DerivativeOrder: 0 }, Arguments: [var inner] } ? Abs(inner) : node);

    private static Expr Abs(Expr e) => e switch
    {
        _ when SignAnalysis.IsNonNegative(e) => e,
        Negate n => Abs(n.Operand),
        Multiply m => new Multiply([.. m.Factors.Select(Abs)]),
        Divide d => new Divide(Abs(d.Numerator), Abs(d.Denominator)),
        Power { Base: var b, Exponent: var k } when SignAnalysis.IsInteger(k) => new Power(Abs(b), k),
        BigOperator { Kind: BigOperatorKind.Product } p => p.With(body: Abs(p.Body)),
        Number n => new Number(n.Value.Abs()),
        _ => new Apply(Function.Abs, e),
    };

    /// <summary>
    /// In a product of nonnegative factors, each factor matching <paramref name="bounded"/> replaced by
    /// <paramref name="maximum"/>, which can only make the product larger (σ'(z) ≤ ¼).
    /// </summary>
    public static Expr ReplaceByMaximum(Expr e, Func<Expr, bool> bounded, Expr maximum) =>
        e.Rewrite(node => bounded(node) ? maximum : node);

    /// <summary>aⁿ bⁿ = (ab)ⁿ for factors with the same (symbolic) exponent.</summary>
    public static Expr CombinePowers(Expr e) => e.Rewrite(node =>
    {
        if (node is not Multiply m) return node;
        var groups = m.Factors.Select((f, i) => (f, i)).Where(x => x.f is Power { Exponent: not Number }).GroupBy(x => ((Power)x.f).Exponent).Where(g => g.Count() > 1).ToList();
        if (groups.Count == 0) return node;
        var factors = m.Factors.ToList();
        foreach (var g in groups)
        {
            var bases = g.Select(x => ((Power)x.f).Base).ToList();
            var first = g.First().i;
            factors[first] = new Power(new Multiply([.. bases]), g.Key);
            foreach (var (_, i) in g.Skip(1)) factors[i] = Number.One;
        }
        var kept = factors.Where(f => f is not Number { Value.IsOne: true }).ToList();
        return kept.Count == 1 ? kept[0] : new Multiply([.. kept]);
    });
}
