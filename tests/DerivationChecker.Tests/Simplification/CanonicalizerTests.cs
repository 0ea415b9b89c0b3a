using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Simplification;

/// <summary>Canonical forms: equal mathematics gets one form, and the form keeps the value.</summary>
public sealed class CanonicalizerTests
{
    private static Expr Canon(string latex, params string[] symbols)
    {
        var table = SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));
        return Canonicalizer.Canonicalize(LatexParser.Parse(latex, table).ValueOrThrow());
    }

    private static void SameForm(string a, string b, params string[] symbols) =>
        Assert.Equal(Canon(a, symbols), Canon(b, symbols));

    [Theory]
    [InlineData("x + x", "2x")]
    [InlineData("3n_x+3n_y+24", "(3n_x+9+3)+(6+4+2)+(2n_y+n_y)")]
    [InlineData("x \\cdot x^{2}", "x^3")]
    [InlineData(@"\frac{1}{2}\left(\frac{1}{2}-1\right)^2", @"\frac{1}{8}")]
    [InlineData("(a+b)^2", "a^2 + 2ab + b^2")]
    [InlineData("e^{a}e^{b}", "e^{a+b}")]
    [InlineData("4^{-1/2}", "0.5")]
    [InlineData(@"\sqrt{12}", @"2\sqrt{3}")]
    [InlineData(@"\delta_{ki}", @"\delta_{ik}")]
    [InlineData(@"\delta_{ii}", "1")]
    [InlineData(@"\sum_{t=1}^{3} x_t", "x_1 + x_2 + x_3")]
    [InlineData(@"\sum_{i=1}^{n} c", "nc")]
    [InlineData("E[2X + 3]", "2E[X] + 3")]
    [InlineData("(a - x)^{6000}", "(x - a)^{6000}")]
    public void Equal_mathematics_has_one_form(string a, string b) => SameForm(a, b);

    [Theory]
    [InlineData(@"\sqrt{a^2}", "a", "a:pos")]
    [InlineData(@"\log(ab)", @"\log a + \log b", "a:pos", "b:pos")]
    [InlineData(@"e^{\ln a}", "a", "a:pos")]
    [InlineData(@"\sqrt{x^2}", "|x|")]
    public void Rules_over_partial_operations_fire_under_their_conditions(string a, string b, params string[] symbols) => SameForm(a, b, symbols);

    [Theory]
    [InlineData(@"\sqrt{x^2}", "x")]
    [InlineData(@"\log(ab)", @"\log a + \log b")]
    [InlineData(@"e^{\ln x}", "x")]
    [InlineData("(x^a)^b", "x^{ab}")]
    public void Rules_over_partial_operations_do_not_fire_without_their_conditions(string a, string b) =>
        Assert.NotEqual(Canon(a), Canon(b));

    [Fact]
    public void Transpose_pushes_through_products_in_reverse_order() =>
        SameForm("(ABx)^T", "x^T B^T A^T", "A:mat 3 3", "B:mat 3 3", "x:vec 3");

    [Fact]
    public void Matrix_factors_keep_their_order() =>
        Assert.NotEqual(Canon("AB", "A:mat 3 3", "B:mat 3 3"), Canon("BA", "A:mat 3 3", "B:mat 3 3"));

    [Fact]
    public void Inverse_of_a_product_splits_only_for_square_factors()
    {
        SameForm("(AB)^{-1}", "B^{-1}A^{-1}", "A:mat 3 3", "B:mat 3 3");
        Assert.IsType<Multiply>(Canon("(X^T X)^{-1} X^T y", "X:mat 5 3", "y:vec 5"));
        Assert.Contains(Canon("(X^T X)^{-1}", "X:mat 5 3").Descendants(), n => n is Inverse);
    }

    [Fact]
    public void Scalars_commute_past_matrices() => SameForm("W (2 x)", "2 W x", "W:mat 3 3", "x:vec 3");

    [Fact]
    public void Canonical_form_keeps_the_value_of_generated_expressions()
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var e in ExprGenerators.Sample(ExprGenerators.Scalar(4), 300, seed: 31))
        {
            var canonical = Canonicalizer.Canonicalize(e);
            var (where, points) = Numeric.Compare(e, canonical);
            compared += points;
            if (where is not null) failures.Add($"{LatexWriter.Write(e)}\n  became {LatexWriter.Write(canonical)}\n  {where}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(8)));
        // Most of the 300 × 8 comparisons must really happen (not be skipped as undefined).
        Assert.True(compared > 1500, $"only {compared} points were compared");
    }
}
