using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Core.Probability;

/// <summary>
/// Expectation algebra for the derivations in the homework (Xavier's variance argument, Adam's bias
/// correction): a normal form that decides whether two expressions in E[·] and Var(·) are equal under a
/// <see cref="RandomModel"/>, and the single rewrites a derivation shows as its own steps
/// (<see cref="Linearity"/>, <see cref="Stationarity"/>, <see cref="Independence"/>, …).
/// </summary>
/// <remarks>
/// <para>The normal form (<see cref="Normalize"/>) is a canonical polynomial in the first two moments of
/// single random quantities: <b>E[X] and Var(X)</b>, with E[X] = 0 dropped for zero-mean X and every
/// member replaced by its family's representative (E[g_i] → E[g], Var(w_j) → Var(W)). E[X²] is written
/// Var(X) + E[X]² (so a zero-mean X has E[X²] = Var(X), as the homework writes it); other moments of one
/// quantity stay E[X^k]; E of a product of quantities that may depend on each other stays one opaque
/// E[…]. Σ nodes are kept (E pushed inside) and geometric sums are summed in closed form.</para>
/// <para>Only scalar quantities are treated; E[·] of a vector or matrix is left as written.</para>
/// </remarks>
public static partial class ExpectationAlgebra
{
    /// <summary>
    /// Rewrites every E[·] and Var(·) in <paramref name="e"/> (nested ones first) into the normal form above,
    /// then canonicalises the whole expression, so expressions with equal expectations normalise to equal trees.
    /// </summary>
    public static Expr Normalize(Expr e, RandomModel model)
    {
        var moments = new Moments(model).Run(e);
        var factored = Canonicalizer.Canonicalize(moments, CanonicalOptions.Factored);
        // Summed while the factors are still whole, so (1−β)·(1−βⁿ)/(1−β) cancels before anything is multiplied out.
        var summed = Canonicalizer.Canonicalize(GeometricSeries(factored), CanonicalOptions.Factored);
        return Canonicalizer.Canonicalize(summed, CanonicalOptions.Default);
    }

    private static bool IsScalar(Expr e) => ShapeInference.Infer(e) is { Ok: true, Shape: ScalarShape };

    private static Expr SumOf(IReadOnlyList<Expr> terms) => terms.Count switch
    {
        0 => Number.Zero,
        1 => terms[0],
        _ => new Add([.. terms]),
    };

    private static Expr ProductOf(IReadOnlyList<Expr> factors) => factors.Count switch
    {
        0 => Number.One,
        1 => factors[0],
        _ => new Multiply([.. factors]),
    };

    private static IReadOnlyList<Expr> FactorsOf(Expr e) => e is Multiply m ? m.Factors : [e];

    /// <summary>E[·] and Var(·) of any expression as a polynomial in E[X] and Var(X) of single quantities.</summary>
    private sealed class Moments(RandomModel model)
    {
        /// <summary>Past this many terms, E[(X+Y+…)^k] is left whole rather than multiplied out.</summary>
        private const int MaxExpandedTerms = 256;

        private readonly Canonicalizer _factored = new(CanonicalOptions.Factored);

        public Expr Run(Expr e) => e.Rewrite(node => node switch
        {
            Expectation ex => Mean(ex.Operand),
            Variance v => VarianceOf(v.Operand),
            _ => node,
        });

        private Expr Mean(Expr x)
        {
            if (!model.IsRandom(x)) return x; // E[c] = c
            x = _factored.Run(x);
            if (!model.IsRandom(x)) return x;
            if (!IsScalar(x)) return new Expectation(x);
            return x switch
            {
                // E[X + Y] = E[X] + E[Y]
                Add add => SumOf([.. add.Terms.Select(Mean)]),
                // E[Σ_i X_i] = Σ_i E[X_i]
                BigOperator { Kind: BigOperatorKind.Sum } big => big.With(body: Mean(big.Body)),
                _ => MeanOfProduct(FactorsOf(x)),
            };
        }

        private Expr MeanOfProduct(IReadOnlyList<Expr> factors)
        {
            var outside = factors.Where(f => !model.IsRandom(f)).ToList();
            var random = factors.Where(model.IsRandom).ToList();
            // E[c X] = c E[X];  E[(X + Y) Z] = E[XZ] + E[YZ]
            if (MultiplyOut(random) is { } terms) return ProductOf([.. outside, SumOf([.. terms.Select(t => Mean(ProductOf(t)))])]);
            // E[XY] = E[X] E[Y] for independent X, Y
            var groups = model.IndependentGroups(random);
            return ProductOf([.. outside, .. groups.Select(GroupMoment)]);
        }

        /// <summary>The random factors with their sums multiplied out, as a list of products; null when there is no sum (or too many terms).</summary>
        private static List<List<Expr>>? MultiplyOut(List<Expr> random)
        {
            var choices = new List<IReadOnlyList<Expr>>();
            var any = false;
            long count = 1;
            foreach (var f in random)
            {
                switch (f)
                {
                    case Add add:
                        choices.Add(add.Terms);
                        count *= add.Terms.Length;
                        any = true;
                        break;
                    // (X + Y)^k = (X + Y)⋯(X + Y) for a small integer k
                    case Power { Base: Add add, Exponent: Number { Value: { IsInteger: true } k } } when k.Sign > 0 && k <= 4:
                        for (var i = 0; i < (int)k.Numerator; i++)
                        {
                            choices.Add(add.Terms);
                            count *= add.Terms.Length;
                        }
                        any = true;
                        break;
                    default:
                        choices.Add([f]);
                        break;
                }
                if (count > MaxExpandedTerms) return null;
            }
            if (!any) return null;
            var products = new List<List<Expr>> { new() };
            foreach (var options in choices)
            {
                products = [.. products.SelectMany(p => options.Select(o => new List<Expr>(p) { o }))];
            }
            return products;
        }

        /// <summary>E of a group of random factors that may depend on each other.</summary>
        private Expr GroupMoment(List<Expr> group)
        {
            if (group.Count > 1)
            {
                // X·Σ_j Z_j = Σ_j X Z_j when X does not mention j: E moves inside the sum.
                var sum = group.OfType<BigOperator>().FirstOrDefault(b => b.Kind == BigOperatorKind.Sum
                    && group.All(f => ReferenceEquals(f, b) || !f.HasFree(b.Index.Name)));
                if (sum is null) return new Expectation(ProductOf(group));
                var others = group.Where(f => !ReferenceEquals(f, sum));
                return Mean(sum.With(body: ProductOf([.. others, sum.Body])));
            }
            var x = group[0];
            if (model.FamilyOf(x) is not null) return AtomMean(x);
            switch (x)
            {
                // E[X²] = Var(X) + E[X]²
                case Power { Base: var atom, Exponent: Number { Value: var k } } when k == 2 && model.FamilyOf(atom) is not null:
                    return new Add(new Variance(model.Representative(atom)), new Power(AtomMean(atom), Number.Two));
                // E[g_i^k] = E[g^k] for identically distributed g_i
                case Power { Base: var atom } p when model.FamilyOf(atom) is not null:
                    return new Expectation(new Power(model.Representative(atom), p.Exponent));
                case BigOperator { Kind: BigOperatorKind.Sum }:
                    return Mean(x);
                // E[(Σ_j Z_j)²] = Var(Σ_j Z_j) + E[Σ_j Z_j]² = Σ_j Var(Z_j) + (Σ_j E[Z_j])² for independent Z_j
                case Power { Base: BigOperator { Kind: BigOperatorKind.Sum } big, Exponent: Number { Value: var k } } when k == 2 && model.TermsIndependent(big):
                    return new Add(big.With(body: VarianceOf(big.Body)), new Power(big.With(body: Mean(big.Body)), Number.Two));
                default:
                    return new Expectation(x);
            }
        }

        // E[X] = 0 for zero-mean X;  E[g_i] = E[g] for identically distributed g_i
        private Expr AtomMean(Expr atom) => model.IsZeroMean(atom) ? Number.Zero : new Expectation(model.Representative(atom));

        private Expr VarianceOf(Expr z)
        {
            if (!model.IsRandom(z)) return Number.Zero; // Var(c) = 0
            z = _factored.Run(z);
            if (!model.IsRandom(z)) return Number.Zero;
            if (!IsScalar(z)) return new Variance(z);
            if (model.FamilyOf(z) is not null) return new Variance(model.Representative(z));
            switch (z)
            {
                case Add add:
                    {
                        // Var(Z + c) = Var(Z)
                        var random = add.Terms.Where(model.IsRandom).ToList();
                        if (random.Count == 1) return VarianceOf(random[0]);
                        // Var(X + Y) = Var(X) + Var(Y) for independent X, Y
                        var groups = model.IndependentGroups(random);
                        if (groups.Count > 1) return SumOf([.. groups.Select(g => VarianceOf(SumOf(g)))]);
                        return Definition(SumOf(random));
                    }
                case Multiply m when m.Factors.Any(f => !model.IsRandom(f)):
                    {
                        // Var(cZ) = c² Var(Z)
                        var constant = ProductOf([.. m.Factors.Where(f => !model.IsRandom(f))]);
                        var random = ProductOf([.. m.Factors.Where(model.IsRandom)]);
                        return new Multiply(new Power(constant, Number.Two), VarianceOf(random));
                    }
                // Var(Σ_j Z_j) = Σ_j Var(Z_j) for independent Z_j
                case BigOperator { Kind: BigOperatorKind.Sum } big when model.TermsIndependent(big):
                    return big.With(body: VarianceOf(big.Body));
                default:
                    return Definition(z);
            }
        }

        // Var(Z) = E[Z²] − E[Z]²
        private Expr Definition(Expr z) => new Add(Mean(new Power(z, Number.Two)), new Negate(new Power(Mean(z), Number.Two)));
    }
}
