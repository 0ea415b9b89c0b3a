using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Equivalence;

/// <summary>
/// E[·] is linear whatever is random (over sums, finite Σ, numbers and counts); anything more needs to
/// know what is random, and without that the checker says so instead of guessing.
/// </summary>
public sealed class ExpectationLinearityTests
{
    private static Verdict Check(string a, string b, Definitions? definitions = null, params string[] symbols)
    {
        var table = SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));
        return new EquivalenceChecker().Check(LatexParser.Parse(a, table).ValueOrThrow(), LatexParser.Parse(b, table).ValueOrThrow(), definitions);
    }

    [Theory]
    // E[Σ_i X_i] = Σ_i E[X_i]
    [InlineData(@"E[\sum_{i=1}^{n} g_i]", @"\sum_{i=1}^{n} E[g_i]")]
    [InlineData(@"E[\sum_{i=1}^{3} g_i]", "E[g_1] + E[g_2] + E[g_3]")]
    [InlineData(@"\mathbb{E}\left[\frac{1}{n}\sum_{i=1}^{n} g_i\right]", @"\frac{1}{n}\sum_{i=1}^{n} E[g_i]", "n:dim")]
    // E[kX + c] = kE[X] + c for numbers k, c
    [InlineData("E[3X + 2]", "3E[X] + 2")]
    [InlineData("E[-X/2]", "-E[X]/2")]
    [InlineData("E[n - 1]", "n - 1", "n:dim")]
    // E[(X + Y)Z] = E[XZ] + E[YZ]
    [InlineData("E[(X + Y)^2]", "E[X^2] + 2E[XY] + E[Y^2]")]
    [InlineData("E[(X + Y)Z]", "E[XZ] + E[ZY]")]
    // Var(kX + c) = k²Var(X) for numbers k, c
    [InlineData(@"\mathrm{Var}(2X + 3)", @"4\mathrm{Var}(X)")]
    [InlineData(@"\mathrm{Var}(X/n)", @"\mathrm{Var}(X)/n^2", "n:dim")]
    public void Linearity_holds_whatever_is_random(string a, string b, params string[] symbols)
    {
        var verdict = Check(a, b, null, symbols);
        Assert.True(verdict.Kind == VerdictKind.Equivalent, $"{verdict.KindText}: {verdict.Message}");
    }

    [Theory]
    [InlineData(@"E[g_i h_i]", @"E[g_i]E[h_i]")]
    [InlineData(@"E[XY]", @"E[X]E[Y]")]
    [InlineData(@"E[\beta X]", @"E[X]")]
    [InlineData(@"E[\sum_{i=1}^{n} g_i]", @"\sum_{i=1}^{n} E[g_i] + 1")]
    public void A_product_of_random_quantities_does_not_factor(string a, string b) =>
        Assert.Equal(VerdictKind.NotEquivalent, Check(a, b, null, "n:dim").Kind);

    [Theory]
    [InlineData(@"E[\beta X]", @"\beta E[X]", "β")]
    [InlineData(@"E[(1 - \beta)\sum_{i=1}^{n}\beta^{n-i} g_i]", @"(1 - \beta)\sum_{i=1}^{n}\beta^{n-i} E[g_i]", "β")]
    [InlineData(@"\mathrm{Var}(aX)", @"a^2\mathrm{Var}(X)", "a")]
    [InlineData(@"\mathrm{Var}(X + a)", @"\mathrm{Var}(X)", "a")]
    public void A_verdict_that_hangs_on_whether_a_factor_is_random_is_left_to_a_person(string a, string b, string name)
    {
        var verdict = Check(a, b, null, "n:dim");
        Assert.Equal(VerdictKind.Inconclusive, verdict.Kind);
        Assert.Contains($"whether {name}", verdict.Message.Replace(@"\beta", "β", StringComparison.Ordinal));
    }

    [Fact]
    public void Told_which_quantities_are_random_the_others_come_out_as_constants()
    {
        var random = Definitions.None.WithRandom(["g", "X"]);
        Assert.Equal(VerdictKind.Equivalent, Check(@"E[(1 - \beta)\sum_{i=1}^{n}\beta^{n-i} g_i]", @"(1 - \beta)\sum_{i=1}^{n}\beta^{n-i} E[g_i]", random, "n:dim").Kind);
        Assert.Equal(VerdictKind.Equivalent, Check(@"\mathrm{Var}(aX + b)", @"a^2\mathrm{Var}(X)", random).Kind);
        Assert.Equal(VerdictKind.NotEquivalent, Check(@"E[\beta X]", @"E[X]", random).Kind);
        // Both random: E[gX] is not E[g]E[X] without independence.
        Assert.Equal(VerdictKind.NotEquivalent, Check("E[g X]", "E[g]E[X]", random).Kind);
    }

    [Fact]
    public void An_infinite_series_is_not_passed_through()
    {
        var verdict = Check(@"E[\sum_{i=1}^{\infty} g_i]", @"\sum_{i=1}^{\infty} E[g_i]");
        Assert.NotEqual(VerdictKind.Equivalent, verdict.Kind);
    }
}
