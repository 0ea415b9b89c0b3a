using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Simplification;

/// <summary>
/// A sum factor cancels against itself whichever way round it is written: inside a product a sum under an
/// integer power is oriented so that its leading term is positive, (1 − β) = −(β − 1).
/// </summary>
public sealed class CancellationTests
{
    public static TheoryData<string> Modes => [nameof(CanonicalOptions.Factored), nameof(CanonicalOptions.Default)];

    private static CanonicalOptions Options(string mode) =>
        mode == nameof(CanonicalOptions.Factored) ? CanonicalOptions.Factored : CanonicalOptions.Default;

    private static Expr Read(string latex) => LatexParser.Parse(latex, SymbolTable.Empty).ValueOrThrow();

    private static Expr Canon(string latex, string mode) => Canonicalizer.Canonicalize(Read(latex), Options(mode));

    private static void SameForm(string a, string b, string mode) =>
        Assert.Equal(LatexWriter.Write(Canon(b, mode)), LatexWriter.Write(Canon(a, mode)));

    [Theory]
    [InlineData(@"\frac{1-\beta}{1-\beta}", "1")]
    [InlineData(@"(1-\beta)(1-\beta)^{-1}", "1")]
    [InlineData(@"\frac{a-b}{b-a}", "-1")]
    [InlineData(@"\frac{(1-\beta)^2}{\beta-1}", @"\beta-1")]
    [InlineData(@"\frac{(1-\beta)(1-\beta)}{\beta-1}", @"\beta-1")]
    [InlineData(@"(1-\beta)^{-2}(\beta-1)^{3}", @"\beta-1")]
    [InlineData(@"\frac{x(1-\beta)}{1-\beta}", "x")]
    [InlineData(@"\frac{(1-\beta)(1-\beta^t)}{1-\beta}", @"1-\beta^t")]
    [InlineData(@"\frac{(1-\beta)(1-\beta^t)}{(\beta-1)(\beta^t-1)}", "1")]
    [InlineData(@"\frac{(y-x)(x+y)}{(x-y)}", "-x-y")]
    [InlineData(@"-(\beta-1)", @"1-\beta")]
    [InlineData(@"x(1-\beta)", @"-x(\beta-1)")]
    public void A_sum_factor_cancels_against_itself_or_its_negation(string a, string b)
    {
        foreach (var mode in Modes) SameForm(a, b, mode);
    }

    [Fact]
    public void A_sum_under_a_fractional_power_keeps_its_sign()
    {
        foreach (var mode in Modes)
        {
            // (1 − β)^{1/2} is real only for β ≤ 1, so its base is not turned round …
            Assert.NotEqual(Canon(@"(1-\beta)^{1/2}", mode), Canon(@"(\beta-1)^{1/2}", mode));
            // … and an integer power of the negated sum takes the fractional power's sign instead.
            SameForm(@"(1-\beta)^{1/2}(\beta-1)", @"-(1-\beta)^{3/2}", mode);
            SameForm(@"\frac{(1-\beta)^{1/2}}{\beta-1}", @"-(1-\beta)^{-1/2}", mode);
            SameForm(@"(1-\beta)^{1/2}(1-\beta)^{1/2}x", @"-x(\beta-1)", mode);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Any_expression_divided_by_itself_is_one(string mode)
    {
        var options = Options(mode);
        NoneFail(ExprGenerators.Sample(ExprGenerators.Scalar(3), 300, seed: 53), e =>
        {
            if (Canonicalizer.Canonicalize(e, options) is Number { Value.IsZero: true }) return null;
            var quotient = Canonicalizer.Canonicalize(new Divide(e, e), options);
            return quotient is Number { Value.IsOne: true } ? null : $"{LatexWriter.Write(e)} over itself became {LatexWriter.Write(quotient)}";
        });
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void A_difference_over_its_negation_is_minus_one(string mode)
    {
        var options = Options(mode);
        var samples = ExprGenerators.Sample(ExprGenerators.Scalar(2), 200, seed: 59);
        NoneFail(samples.Chunk(2).Where(p => p.Length == 2), p =>
        {
            var (a, b) = (p[0], p[1]);
            if (Canonicalizer.Canonicalize(new Add(a, new Negate(b)), options) is Number { Value.IsZero: true }) return null;
            // (a − b)/(b − a) = −1
            var quotient = Canonicalizer.Canonicalize(new Divide(new Add(a, new Negate(b)), new Add(b, new Negate(a))), options);
            return quotient is Number { Value: var v } && v == BigRational.MinusOne
                ? null
                : $"({LatexWriter.Write(a)}) − ({LatexWriter.Write(b)}) over its negation became {LatexWriter.Write(quotient)}";
        });
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Canonical_form_is_its_own_canonical_form(string mode)
    {
        var options = Options(mode);
        NoneFail(ExprGenerators.Sample(ExprGenerators.Scalar(4), 300, seed: 61), e =>
        {
            var once = Canonicalizer.Canonicalize(e, options);
            var twice = Canonicalizer.Canonicalize(once, options);
            return twice.Equals(once) ? null : $"{LatexWriter.Write(e)}\n  became {LatexWriter.Write(once)}\n  then {LatexWriter.Write(twice)}";
        });
    }

    [Fact]
    public void Factored_form_keeps_the_value_of_generated_expressions()
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var e in ExprGenerators.Sample(ExprGenerators.Scalar(4), 300, seed: 67))
        {
            var canonical = Canonicalizer.Canonicalize(e, CanonicalOptions.Factored);
            var (where, points) = Numeric.Compare(e, canonical);
            compared += points;
            if (where is not null) failures.Add($"{LatexWriter.Write(e)}\n  became {LatexWriter.Write(canonical)}\n  {where}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(8)));
        Assert.True(compared > 1500, $"only {compared} points were compared");
    }

    /// <summary>Fails with the first few samples in which <paramref name="problem"/> finds something wrong.</summary>
    private static void NoneFail<T>(IEnumerable<T> samples, Func<T, string?> problem)
    {
        var failures = samples.Select(problem).OfType<string>().Take(8).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
