using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Simplification;

/// <summary>Moves on sums and products over an index that a derivation shows as steps of their own.</summary>
public static class BigOperators
{
    /// <summary>
    /// Factors that do not depend on the index leave the operator: Σ_j c f(j) = c Σ_j f(j) and
    /// ∏_{j=a}^{b} c f(j) = c^{b−a+1} ∏_{j=a}^{b} f(j) (scalar c).
    /// </summary>
    public static Expr PullOutConstants(Expr e) => e.Rewrite(node =>
    {
        if (node is not BigOperator { Kind: BigOperatorKind.Sum or BigOperatorKind.Product } big) return node;
        // ∏_{j=a}^{b} A = A^{b−a+1} for a (square) matrix A the same at every j.
        if (big.Kind == BigOperatorKind.Product && !big.Body.HasFree(big.Index.Name) && big.Lower is not null && big.Upper is not null
            && ShapeInference.Infer(big.Body).Shape is MatrixShape { IsSquare: true, IsOneByOne: false })
            return new Power(big.Body, Canonicalizer.Canonicalize(new Add(big.Upper, new Negate(big.Lower), Number.One), CanonicalOptions.Default));
        var factors = Flatten(big.Body).ToList();
        var constant = factors.Where(f => !f.HasFree(big.Index.Name) && ShapeInference.Infer(f).Shape?.ActsAsScalar == true).ToList();
        if (constant.Count == 0) return node;
        var rest = factors.Where(f => !constant.Contains(f)).ToList();
        if (big.Kind == BigOperatorKind.Product && factors.Any(f => ShapeInference.Infer(f).Shape?.ActsAsScalar != true)) return node;
        Expr body = rest.Count switch
        {
            0 => Number.One,
            1 => rest[0],
            _ => new Multiply([.. rest]),
        };
        var remaining = rest.Count == 0 && big.Kind == BigOperatorKind.Product ? null : new BigOperator(big.Kind, big.Index, body, big.Lower, big.Upper);
        Expr outside = constant.Count == 1 ? constant[0] : new Multiply([.. constant]);
        if (big.Kind == BigOperatorKind.Product)
        {
            if (big.Lower is null || big.Upper is null) return node;
            var count = Canonicalizer.Canonicalize(new Add(big.Upper, new Negate(big.Lower), Number.One), CanonicalOptions.Default);
            outside = new Power(outside, count);
        }
        return remaining is null ? outside : new Multiply(outside, remaining);
    });

    private static IEnumerable<Expr> Flatten(Expr e) => e is Multiply m ? m.Factors.SelectMany(Flatten) : [e];
}
