using DerivationChecker.Core.Equivalence;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Equivalence;

/// <summary>Statements that are not formulas get a reason, never a verdict on some part of them.</summary>
public sealed class UngradableStatementTests
{
    [Theory]
    [InlineData(@"x \sim \mathcal{N}(0, 1)", "x")]
    [InlineData("x", @"x \sim N(0, 1)")]
    [InlineData(@"w \sim N(0, \tau^2)", @"w \sim N(0, \tau^2)")]
    public void A_distribution_statement_is_not_compared(string a, string b)
    {
        var verdict = new EquivalenceChecker().Check(LatexParser.Parse(a).ValueOrThrow(), LatexParser.Parse(b).ValueOrThrow());
        Assert.Equal(VerdictKind.Inconclusive, verdict.Kind);
        Assert.Contains("distributed", verdict.Message);
    }
}
