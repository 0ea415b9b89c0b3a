using DerivationChecker.Core.Equivalence;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Equivalence;

/// <summary>
/// Case answers: a difference at a single breakpoint (ReLU′(0)) is a convention and passes; a branch
/// that is wrong on a whole interval is found however far from the random points it lies.
/// </summary>
public sealed class PiecewiseSamplingTests
{
    private static Verdict Check(string a, string b, params string[] symbols)
    {
        var table = SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));
        return new EquivalenceChecker().Check(LatexParser.Parse(a, table).ValueOrThrow(), LatexParser.Parse(b, table).ValueOrThrow());
    }

    [Theory]
    [InlineData(@"\mathrm{ReLU}'(x)", @"\begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}")]
    [InlineData(@"\mathrm{ReLU}'(x)", @"\begin{cases} 1 & x \ge 0 \\ 0 & x < 0 \end{cases}")]
    [InlineData(@"\mathrm{ReLU}(x)", @"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}")]
    [InlineData(@"|x - 3|", @"\begin{cases} x - 3 & x \ge 3 \\ 3 - x & x < 3 \end{cases}")]
    public void Cases_that_differ_at_most_at_a_breakpoint_are_equivalent(string a, string b) =>
        Assert.Equal(VerdictKind.Equivalent, Check(a, b).Kind);

    [Theory]
    // Wrong on x ≤ −5 only, far below the random points.
    [InlineData(@"\mathrm{ReLU}'(x)", @"\begin{cases} 1 & x > 0 \\ 0 & -5 < x < 0 \\ 1 & x \le -5 \end{cases}", "x")]
    // Wrong on (0, 0.001) only, narrower than the random points' spacing.
    [InlineData(@"\mathrm{ReLU}'(x)", @"\begin{cases} 1 & x > 0.001 \\ 0 & x < 0.001 \end{cases}", "x")]
    // Wrong above 50.
    [InlineData("x", @"\begin{cases} x & x < 50 \\ 0 & x \ge 50 \end{cases}", "x")]
    // A kink of ReLU far away: wrong for t > 10 only.
    [InlineData(@"\mathrm{ReLU}(t)", @"\mathrm{ReLU}(t) - \mathrm{ReLU}(t - 10)", "t")]
    // A positive variable is probed on its side only, and still caught past the breakpoint.
    [InlineData("a", @"\begin{cases} a & a < 20 \\ 20 & a \ge 20 \end{cases}", "a", "a:pos")]
    public void A_branch_wrong_on_a_whole_interval_is_caught_on_either_side_of_every_breakpoint(string a, string b, string variable, params string[] symbols)
    {
        var verdict = Check(a, b, symbols);
        Assert.True(verdict.Kind == VerdictKind.NotEquivalent, $"{verdict.KindText}: {verdict.Message}");
        Assert.Contains(verdict.Counterexample!.Point, p => p.Key == variable);
    }

    [Fact]
    public void A_wrong_branch_near_zero_is_caught_by_random_points_as_before() =>
        Assert.Equal(VerdictKind.NotEquivalent, Check(@"\mathrm{ReLU}'(x)", @"\begin{cases} 1 & x > 0 \\ -1 & x < 0 \end{cases}").Kind);
}
