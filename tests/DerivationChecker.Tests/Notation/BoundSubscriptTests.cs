using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Notation;

/// <summary>
/// A run of letters in a subscript is a name (W_{hh}) unless one of its letters is an index in scope:
/// inside Σ_j, w_{kj} is w indexed by k and by the bound j.
/// </summary>
public sealed class BoundSubscriptTests
{
    private static readonly Symbol I = new("i", SymbolKind.BoundInteger);
    private static readonly Symbol J = new("j", SymbolKind.BoundInteger);

    private static Expr Read(string latex, params string[] symbols)
    {
        var table = SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));
        var result = LatexParser.Parse(latex, table);
        Assert.True(result.Ok, result.Error?.ToString());
        return result.Value!;
    }

    [Fact]
    public void A_bound_letter_makes_the_subscript_two_indices() =>
        Assert.Equal(
            new BigOperator(BigOperatorKind.Sum, J, new Multiply(new Indexed(S("w"), S("k"), J), new Indexed(S("a"), J)), N(1), S("n")),
            Read(@"\sum_{j=1}^{n} w_{kj} a_j"));

    [Fact]
    public void A_layer_superscript_keeps_its_place_beside_the_two_indices()
    {
        var l = S("l");
        var weight = new Indexed(new Indexed(S("W"), [l], IndexPlacement.BracketSuperscript), S("k"), J);
        var activation = new Indexed(new Indexed(S("a"), [new Add(l, N(-1))], IndexPlacement.BracketSuperscript), J);
        Assert.Equal(new BigOperator(BigOperatorKind.Sum, J, new Multiply(weight, activation)), Read(@"\sum_j W^{[l]}_{kj} a^{[l-1]}_j"));
    }

    [Fact]
    public void Nested_sums_bind_both_letters() =>
        Assert.Equal(
            new BigOperator(BigOperatorKind.Sum, I, new BigOperator(BigOperatorKind.Sum, J, new Indexed(S("A"), I, J))),
            Read(@"\sum_{i}\sum_{j} A_{ij}"));

    [Fact]
    public void A_bound_letter_first_or_twice_is_still_an_index()
    {
        Assert.Equal(new BigOperator(BigOperatorKind.Sum, J, new Indexed(S("w"), J, S("k"))), Read(@"\sum_{j} w_{jk}"));
        Assert.Equal(new BigOperator(BigOperatorKind.Sum, J, new Indexed(S("x"), J, J)), Read(@"\sum_{j} x_{jj}"));
    }

    [Fact]
    public void A_bound_letter_outside_its_sum_is_free_again() =>
        Assert.Equal(
            new Add(new BigOperator(BigOperatorKind.Sum, J, new Indexed(S("w"), S("k"), J)), S("w_{kj}")),
            Read(@"\sum_{j} w_{kj} + w_{kj}"));

    [Fact]
    public void A_letter_declared_an_index_splits_the_subscript_too()
    {
        var j = new Symbol("j", new IndexKind(N(3)));
        Assert.Equal(new Indexed(S("x"), S("i"), j), Read("x_{ij}", "j:index 3"));
    }

    [Fact]
    public void A_subscript_on_a_bracketed_expression_splits_the_same_way() =>
        Assert.Equal(
            new BigOperator(BigOperatorKind.Sum, J, new Indexed(new Multiply(S("W"), S("x")), S("k"), J)),
            Read(@"\sum_{j} \left(W x\right)_{kj}"));

    [Theory]
    [InlineData(@"W_{hh} h_{t-1}", "")]
    [InlineData(@"\sum_{t=1}^{T} W_{hh} h_{t-1}", "")]
    [InlineData(@"\sum_{j} W_{hx} x_j", "")]
    [InlineData(@"\sum_{h} W_{yh}", "W_{yh}:mat 2 4")]
    public void Names_with_no_bound_letter_or_declared_whole_stay_names(string latex, string declaration)
    {
        var e = Read(latex, declaration.Length == 0 ? [] : [declaration]);
        Assert.Contains(e.Descendants(), n => n is Symbol { Name: "W_{hh}" or "W_{hx}" or "W_{yh}" });
        Assert.DoesNotContain(e.Descendants(), n => n is Indexed { Base: Symbol { Name: "W" } });
    }

    [Fact]
    public void Letters_with_nothing_bound_and_nothing_declared_read_as_before()
    {
        Assert.Equal(S("x_{ij}"), Read("x_{ij}"));
        Assert.Equal(new KroneckerDelta(S("i"), J), Assert.IsType<BigOperator>(Read(@"\sum_{j} \delta_{ij}")).Body);
    }

    [Fact]
    public void The_sum_sees_its_index_in_the_subscript() =>
        // Σ_{j=1}^{2} w_{kj} = w_{k,1} + w_{k,2}, not 2·w_{kj}
        Assert.Equal(
            Canonicalizer.Canonicalize(Read(@"w_{k,1} + w_{k,2}")),
            Canonicalizer.Canonicalize(Read(@"\sum_{j=1}^{2} w_{kj}")));

    [Theory]
    [InlineData(@"\sum_{j=1}^{n} w_{kj} a_j")]
    [InlineData(@"\sum_j W^{[l]}_{kj} a^{[l-1]}_j")]
    [InlineData(@"\sum_{i}\sum_{j} A_{ij}")]
    public void The_two_indices_survive_write_then_read(string latex)
    {
        var first = Read(latex);
        var written = LatexWriter.Write(first);
        Assert.Equal(first, Read(written));
    }
}
