using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Probability;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;
using static DerivationChecker.Core.Probability.ExpectationAlgebra;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Probability;

/// <summary>Expectation algebra: the identities the Xavier and Adam derivations rest on, and the rewrites that show them.</summary>
public sealed class ExpectationAlgebraTests
{
    private static readonly SymbolTable Table = SymbolDeclarations.Build([new("n", "dim")]);

    private static Expr P(string latex) => LatexParser.Parse(latex, Table).ValueOrThrow();

    private static Expr Canonical(string latex) => Canonicalizer.Canonicalize(P(latex), CanonicalOptions.Default);

    /// <summary>X and Y independent (q2c's product rule).</summary>
    private static readonly RandomModel XY = RandomModel.Empty.Random("X", "Y");

    /// <summary>Xavier: w_j i.i.d. like W, a_j i.i.d. like a, all zero-mean, w independent of a.</summary>
    private static readonly RandomModel Xavier = RandomModel.Empty.Iid("w", S("W")).Iid("a", S("a")).ZeroMean("w", "a");

    /// <summary>Adam: g_i stationary, E[g_i] = E[g].</summary>
    private static readonly RandomModel Adam = RandomModel.Empty.Stationary("g", S("g"));

    private static void SameNormalForm(Expr a, Expr b, RandomModel model)
    {
        var (na, nb) = (Normalize(a, model), Normalize(b, model));
        Assert.True(na.Equals(nb), $"{DebugPrinter.Print(na)}\n  ≠\n{DebugPrinter.Print(nb)}");
    }

    private static void SameNormalForm(string a, string b, RandomModel model) => SameNormalForm(P(a), P(b), model);

    private static void Same(Expr expected, Expr actual) =>
        Assert.True(expected.Equals(actual), $"expected {DebugPrinter.Print(expected)}\n  but got {DebugPrinter.Print(actual)}");

    // ---- the homework's identities ---------------------------------------------------------------

    [Fact]
    public void Product_variance_follows_from_the_definition_and_independence() =>
        // Var(XY) = E[X]²Var(Y) + Var(X)E[Y]² + Var(X)Var(Y) for independent X, Y
        SameNormalForm(@"\mathrm{Var}(XY)", @"E[X]^2\mathrm{Var}(Y) + \mathrm{Var}(X)E[Y]^2 + \mathrm{Var}(X)\mathrm{Var}(Y)", XY);

    [Fact]
    public void Product_variance_holds_through_each_route()
    {
        var lhs = P(@"\mathrm{Var}(XY)");
        SameNormalForm(lhs, VarianceDefinition(lhs), XY);
        SameNormalForm(lhs, ProductVariance(lhs, XY), XY);
        SameNormalForm(lhs, P(@"E[X^2 Y^2] - E[XY]^2"), XY);
        SameNormalForm(lhs, P(@"E[X^2]E[Y^2] - E[X]^2E[Y]^2"), XY);
    }

    [Fact]
    public void Variance_of_a_sum_of_iid_zero_mean_products_is_n_VarW_Vara() =>
        // Var(Σ_j w_j a_j) = n Var(W) Var(a)
        Same(Canonical(@"n\mathrm{Var}(W)\mathrm{Var}(a)"), Normalize(P(@"\mathrm{Var}\left(\sum_{j=1}^{n} w_j a_j\right)"), Xavier));

    [Fact]
    public void Variance_of_the_sum_agrees_with_its_definition() =>
        SameNormalForm(@"\mathrm{Var}\left(\sum_{j=1}^{n} w_j a_j\right)",
            @"E\left[\left(\sum_{j=1}^{n} w_j a_j\right)^2\right] - E\left[\sum_{j=1}^{n} w_j a_j\right]^2", Xavier);

    [Fact]
    public void Variance_of_the_sum_without_zero_means_keeps_every_product_term() =>
        SameNormalForm(@"\mathrm{Var}\left(\sum_{j=1}^{n} w_j a_j\right)",
            @"n\left(E[W]^2\mathrm{Var}(a) + \mathrm{Var}(W)E[a]^2 + \mathrm{Var}(W)\mathrm{Var}(a)\right)",
            RandomModel.Empty.Iid("w", S("W")).Iid("a", S("a")));

    [Fact]
    public void Xavier_in_the_homework_notation_gives_n_VarW_Vara_of_the_layer_before()
    {
        // a^{[l]} = Σ_j W^{[l]}_{kj} a^{[l-1]}_j with W^{[l]}_{kj}, a^{[l-1]}_j i.i.d. and zero-mean
        var model = RandomModel.Empty.Iid("W", P("W^{[l]}")).Iid("a", P("a^{[l-1]}")).ZeroMean("W", "a");
        Same(Canonical(@"n\mathrm{Var}(W^{[l]})\mathrm{Var}(a^{[l-1]})"),
            Normalize(P(@"\mathrm{Var}\left(\sum_{j=1}^{n} W^{[l]}_{kj} a^{[l-1]}_j\right)"), model));
    }

    [Fact]
    public void Xavier_step_by_step()
    {
        var start = P(@"\mathrm{Var}\left(\sum_{j=1}^{n} w_j a_j\right)");
        var split = VarianceOfIndependentSum(start, Xavier);
        Same(P(@"\sum_{j=1}^{n}\mathrm{Var}(w_j a_j)"), split);
        var product = ProductVariance(split, Xavier);
        Same(P(@"\sum_{j=1}^{n}\left(E[w_j]^2\mathrm{Var}(a_j) + \mathrm{Var}(w_j)E[a_j]^2 + \mathrm{Var}(w_j)\mathrm{Var}(a_j)\right)"), product);
        var zero = ZeroMeans(product, Xavier);
        Same(P(@"\sum_{j=1}^{n}\left(0^2\mathrm{Var}(a_j) + \mathrm{Var}(w_j)0^2 + \mathrm{Var}(w_j)\mathrm{Var}(a_j)\right)"), zero);
        var stationary = Stationarity(zero, Xavier);
        Same(P(@"\sum_{j=1}^{n}\left(0^2\mathrm{Var}(a) + \mathrm{Var}(W)0^2 + \mathrm{Var}(W)\mathrm{Var}(a)\right)"), stationary);
        foreach (var step in new[] { split, product, zero, stationary }) SameNormalForm(start, step, Xavier);
        Same(Canonical(@"n\mathrm{Var}(W)\mathrm{Var}(a)"), Canonicalizer.Canonicalize(stationary, CanonicalOptions.Default));
    }

    [Fact]
    public void Adam_first_moment_is_one_minus_beta_to_the_n_times_E_g() =>
        // E[m_n] = E[(1−β)Σ_{i=1}^{n} β^{n−i} g_i] = (1 − βⁿ)E[g]
        SameNormalForm(@"E\left[(1-\beta)\sum_{i=1}^{n}\beta^{n-i}g_i\right]", @"(1-\beta^n)E[g]", Adam);

    [Fact]
    public void Adam_first_moment_step_by_step()
    {
        var start = P(@"E\left[(1-\beta)\sum_{i=1}^{n}\beta^{n-i}g_i\right]");
        var linear = Linearity(start, Adam);
        Same(P(@"(1-\beta)\sum_{i=1}^{n}\beta^{n-i}E[g_i]"), linear);
        var stationary = Stationarity(linear, Adam);
        Same(P(@"(1-\beta)\sum_{i=1}^{n}\beta^{n-i}E[g]"), stationary);
        var summed = GeometricSeries(stationary);
        Same(P(@"(1-\beta)\left(\frac{1-\beta^n}{1-\beta}E[g]\right)"), summed);
        SameNormalForm(summed, P(@"(1-\beta^n)E[g]"), Adam);
        // the seed's correction divides by (1 − β), not (1 − βⁿ): not the same
        Assert.NotEqual(Normalize(summed, Adam), Normalize(P(@"(1-\beta)E[g]"), Adam));
    }

    [Fact]
    public void A_wrong_identity_does_not_normalize_equal()
    {
        // Var(X + Y) = Var(X) + Var(Y) ≠ Var(X) when Var(Y) may be nonzero
        Assert.NotEqual(Normalize(P(@"\mathrm{Var}(X+Y)"), XY), Normalize(P(@"\mathrm{Var}(X)"), XY));
        SameNormalForm(@"\mathrm{Var}(X+Y)", @"\mathrm{Var}(X)+\mathrm{Var}(Y)", XY);
        // Var(XY) ≠ Var(X)Var(Y) unless the means vanish
        Assert.NotEqual(Normalize(P(@"\mathrm{Var}(XY)"), XY), Normalize(P(@"\mathrm{Var}(X)\mathrm{Var}(Y)"), XY));
        SameNormalForm(@"\mathrm{Var}(XY)", @"\mathrm{Var}(X)\mathrm{Var}(Y)", XY.ZeroMean("X", "Y"));
        // dependent quantities: E[XY] stays whole
        var dependent = XY.Dependent("X", "Y");
        Assert.NotEqual(Normalize(P("E[XY]"), dependent), Normalize(P("E[X]E[Y]"), dependent));
        // g_i and g_k may be the same member: E[g_i g_k] ≠ E[g]²
        var iid = RandomModel.Empty.Iid("g", S("g"));
        Assert.NotEqual(Normalize(P("E[g_i g_k]"), iid), Normalize(P("E[g]^2"), iid));
        SameNormalForm("E[g_1 g_2]", "E[g]^2", iid);
    }

    // ---- the normal form ---------------------------------------------------------------------------

    [Fact]
    public void Second_moments_are_written_as_variance_plus_squared_mean()
    {
        Same(Canonical(@"\mathrm{Var}(X) + E[X]^2"), Normalize(P("E[X^2]"), XY));
        Same(Canonical(@"\mathrm{Var}(W)"), Normalize(P("E[w_j^2]"), Xavier));
        Same(Canonical("E[X^3]"), Normalize(P("E[X^3]"), XY));
    }

    [Fact]
    public void Deterministic_quantities_stay_outside()
    {
        Same(Canonical(@"\beta E[X] + n"), Normalize(P(@"E[\beta X + n]"), XY));
        Same(Canonical(@"\beta"), Normalize(P(@"E[\beta]"), XY));
        Same(Canonical(@"(1-\beta)^2\mathrm{Var}(X)"), Normalize(P(@"\mathrm{Var}((1-\beta)X + \alpha)"), XY));
        Same(P(@"(1-\beta)E[X]"), Linearity(P(@"E[(1-\beta)X]"), XY));
    }

    [Fact]
    public void Normalizing_twice_changes_nothing()
    {
        var once = Normalize(P(@"\mathrm{Var}\left(\sum_{j=1}^{n} w_j a_j\right) + E[X^3] + E[w_j]"), Xavier.Random("X"));
        Same(once, Normalize(once, Xavier.Random("X")));
    }

    // ---- each named rewrite does its own thing and nothing else --------------------------------------

    [Fact]
    public void Linearity_only_pushes_E_through_sums_and_constants()
    {
        Same(P("E[X] + E[Y]"), Linearity(P("E[X + Y]"), XY));
        Same(P(@"\sum_{i=1}^{n} E[g_i]"), Linearity(P(@"E\left[\sum_{i=1}^{n} g_i\right]"), Adam));
        Same(P(@"E[XY]"), Linearity(P(@"E[XY]"), XY));
        Same(P(@"\mathrm{Var}(X+Y)"), Linearity(P(@"\mathrm{Var}(X+Y)"), XY));
        Same(P(@"E[g_i]"), Linearity(P(@"E[g_i]"), Adam));
    }

    [Fact]
    public void Stationarity_only_replaces_a_member_by_its_representative()
    {
        Same(P("E[g]"), Stationarity(P("E[g_i]"), Adam));
        Same(P("E[g^2]"), Stationarity(P("E[g_i^2]"), Adam));
        Same(P(@"\mathrm{Var}(W)"), Stationarity(P(@"\mathrm{Var}(w_j)"), Xavier));
        Same(P("E[g_i + g_k]"), Stationarity(P("E[g_i + g_k]"), Adam));
        Same(P("E[X]"), Stationarity(P("E[X]"), XY));
        Same(P(@"E[w_j]"), Stationarity(P(@"E[w_j]"), RandomModel.Empty.Random("w")));
    }

    [Fact]
    public void Independence_only_factors_expectations_of_products()
    {
        Same(P("E[X]E[Y]"), Independence(P("E[XY]"), XY));
        Same(P("E[X^2]E[Y^2]"), Independence(P("E[(XY)^2]"), XY));
        Same(P(@"E[\beta X]E[Y]"), Independence(P(@"E[\beta X Y]"), XY));
        Same(P("E[X + Y]"), Independence(P("E[X + Y]"), XY));
        Same(P("E[g_i g_k]"), Independence(P("E[g_i g_k]"), RandomModel.Empty.Iid("g", S("g"))));
        Same(P("E[g_1]E[g_2]"), Independence(P("E[g_1 g_2]"), RandomModel.Empty.Iid("g", S("g"))));
        Same(P("E[XY]"), Independence(P("E[XY]"), XY.Dependent("X", "Y")));
    }

    [Fact]
    public void Variance_definition_only_rewrites_Var()
    {
        Same(new Add(P(@"E[(X+Y)^2] - E[X+Y]^2"), P("E[X]")), VarianceDefinition(P(@"\mathrm{Var}(X+Y) + E[X]")));
    }

    [Fact]
    public void Variance_of_an_independent_sum_splits_only_independent_terms()
    {
        Same(P(@"\sum_{j=1}^{n}\mathrm{Var}(w_j a_j)"), VarianceOfIndependentSum(P(@"\mathrm{Var}\left(\sum_{j=1}^{n} w_j a_j\right)"), Xavier));
        Same(P(@"\mathrm{Var}(X) + \mathrm{Var}(Y)"), VarianceOfIndependentSum(P(@"\mathrm{Var}(X+Y)"), XY));
        var iid = RandomModel.Empty.Iid("g", S("g")).Iid("w", S("W"));
        // g_1 is shared by every term; g_i and g_k may be equal; X and Y may depend on each other
        Same(P(@"\mathrm{Var}\left(\sum_{j=1}^{n} g_1 w_j\right)"), VarianceOfIndependentSum(P(@"\mathrm{Var}\left(\sum_{j=1}^{n} g_1 w_j\right)"), iid));
        Same(P(@"\mathrm{Var}(g_i + g_k)"), VarianceOfIndependentSum(P(@"\mathrm{Var}(g_i + g_k)"), iid));
        Same(P(@"\mathrm{Var}(X+Y)"), VarianceOfIndependentSum(P(@"\mathrm{Var}(X+Y)"), XY.Dependent("X", "Y")));
        Same(P(@"\sum_{j=1}^{n}\mathrm{Var}(g_{2j+1})"), VarianceOfIndependentSum(P(@"\mathrm{Var}\left(\sum_{j=1}^{n} g_{2j+1}\right)"), iid));
    }

    [Fact]
    public void Product_variance_only_splits_products_of_independent_factors()
    {
        Same(P(@"E[X]^2\mathrm{Var}(Y) + \mathrm{Var}(X)E[Y]^2 + \mathrm{Var}(X)\mathrm{Var}(Y)"), ProductVariance(P(@"\mathrm{Var}(XY)"), XY));
        Same(P(@"\mathrm{Var}(XY)"), ProductVariance(P(@"\mathrm{Var}(XY)"), XY.Dependent("X", "Y")));
        Same(P(@"\mathrm{Var}(\beta X)"), ProductVariance(P(@"\mathrm{Var}(\beta X)"), XY));
    }

    [Fact]
    public void Zero_means_only_drop_E_of_a_zero_mean_quantity()
    {
        Same(P(@"0 + \mathrm{Var}(w_j)"), ZeroMeans(P(@"E[w_j] + \mathrm{Var}(w_j)"), Xavier));
        Same(P("E[w_j^2]"), ZeroMeans(P("E[w_j^2]"), Xavier));
        Same(P("E[X]"), ZeroMeans(P("E[X]"), XY));
    }

    // ---- geometric series ---------------------------------------------------------------------------

    [Theory]
    [InlineData(@"\sum_{i=1}^{n}\beta^{n-i}")]
    [InlineData(@"\sum_{i=1}^{n}\beta^{i-1}")]
    [InlineData(@"\sum_{i=2}^{n}\beta^{i}")]
    [InlineData(@"\sum_{i=1}^{n}(1-\beta)\beta^{n-i}E[g]")]
    [InlineData(@"\sum_{i=0}^{n} 3c^{2i+1}")]
    [InlineData(@"\sum_{t=1}^{n}\beta_2^{n-t}(1-\beta_2)")]
    public void Geometric_series_keeps_the_value(string latex)
    {
        var sum = P(latex);
        var closed = GeometricSeries(sum);
        Assert.NotEqual(sum, closed);
        Assert.DoesNotContain(closed.Descendants(), n => n is BigOperator);
        var verdict = new EquivalenceChecker().Check(sum, closed);
        Assert.True(verdict.Kind == VerdictKind.Equivalent, $"{DebugPrinter.Print(closed)}: {verdict.Message}");
    }

    [Fact]
    public void Geometric_series_keeps_the_coefficient_beside_the_closed_form()
    {
        Same(P(@"\frac{1-\beta^{n}}{1-\beta}"), GeometricSeries(P(@"\sum_{i=1}^{n}\beta^{n-i}")));
        Same(P(@"(1-\beta)\left(E[g]\frac{1-\beta^{n}}{1-\beta}\right)"), GeometricSeries(P(@"(1-\beta)\sum_{i=1}^{n}E[g]\beta^{n-i}")));
    }

    [Theory]
    [InlineData(@"\sum_{i=1}^{n}\beta^{n-i}g_i")]
    [InlineData(@"\sum_{i=1}^{n}\beta^{i^2}")]
    [InlineData(@"\sum_{i=1}^{n}1^{i}")]
    [InlineData(@"\sum_{i=1}^{n} i")]
    public void Non_geometric_sums_are_left_alone(string latex) => Same(P(latex), GeometricSeries(P(latex)));
}
