using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Notation;

/// <summary>
/// dσ/dt and σ(1 − σ) with σ declared as the sigmoid: the name of a function written as a value stands
/// for the function at the one point the formula uses it at, and the reader asks when there are two.
/// </summary>
public sealed class FunctionNameShorthandTests
{
    private static readonly string[] Sigmoid = [@"\sigma:sigmoid"];

    private static ParseResult Read(string latex, params string[] symbols) =>
        LatexParser.Parse(latex, SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair)));

    private static Verdict Check(string a, string b, params string[] symbols) =>
        new EquivalenceChecker().Check(Read(a, symbols).ValueOrThrow(), Read(b, symbols).ValueOrThrow());

    [Theory]
    [InlineData(@"\frac{d\sigma}{dt}")]
    [InlineData(@"\frac{d}{dt}\sigma")]
    [InlineData(@"\frac{\partial \sigma}{\partial t}")]
    public void The_derivative_of_the_function_named_sigma_by_t_is_sigma_prime_of_t(string latex)
    {
        Assert.Equal(new Apply(Function.Sigmoid, S("t")), Assert.IsType<Derivative>(Read(latex, Sigmoid).ValueOrThrow()).Body);
        var verdict = Check(@"\sigma'(t)", latex, Sigmoid);
        Assert.True(verdict.Kind == VerdictKind.Equivalent, verdict.Message);
        Assert.Equal(VerdictKind.Equivalent, Check(@"\sigma(t)(1 - \sigma(t))", latex, Sigmoid).Kind);
    }

    [Fact]
    public void The_gradient_of_a_declared_function_by_a_vector_is_its_gradient_at_that_vector()
    {
        string[] symbols = ["L:fn", @"\theta:vec 3"];
        Assert.Equal(VerdictKind.Equivalent, Check(@"\nabla_\theta L", @"\nabla L(\theta)", symbols).Kind);
        Assert.Equal(VerdictKind.Equivalent, Check(@"\frac{\partial L}{\partial \theta}", @"\nabla L(\theta)", symbols).Kind);
    }

    [Fact]
    public void A_second_derivative_and_a_declared_function_read_the_same_way()
    {
        Assert.Equal(VerdictKind.Equivalent, Check(@"\frac{d^2\sigma}{dt^2}", @"\sigma''(t)", Sigmoid).Kind);
        Assert.Equal(VerdictKind.Equivalent, Check(@"\frac{df}{dx}", "f'(x)", "f:fn").Kind);
    }

    [Theory]
    [InlineData(@"\frac{d\sigma}{dt} = \sigma(1 - \sigma)")]
    [InlineData(@"\sigma'(t) = \sigma(1 - \sigma)")]
    [InlineData(@"\sigma'(t) = \sigma - \sigma^2")]
    public void The_homeworks_shorthand_sigma_of_one_minus_sigma_is_a_product_at_that_point(string latex)
    {
        var equation = Assert.IsType<Relation>(Read(latex, Sigmoid).ValueOrThrow());
        Assert.DoesNotContain(equation.Right.Descendants(), n => n is Symbol { Name: @"\sigma" });
        Assert.Equal(VerdictKind.Equivalent, Check(@"\sigma(t)(1 - \sigma(t))", LatexWriter.Write(equation.Right), Sigmoid).Kind);
    }

    [Fact]
    public void Each_statement_of_a_list_has_its_own_point() =>
        Assert.True(Read(@"\sigma'(t) = \sigma(1 - \sigma), \sigma'(0) = \frac{1}{4}", Sigmoid).Ok);

    [Theory]
    [InlineData(@"\frac{d\sigma}{dt} + \sigma(z)", "at t and at z")]
    [InlineData(@"\sigma(1 - \sigma)", "write the product with its argument")]
    public void With_no_point_or_two_points_the_reader_says_where_and_what_to_write(string latex, string message)
    {
        var result = Read(latex, Sigmoid);
        Assert.False(result.Ok);
        Assert.Equal(1, result.Error!.Column);
        Assert.Contains(message, result.Error.Message);
    }

    [Fact]
    public void An_undeclared_sigma_is_a_number_and_stays_one() =>
        Assert.Equal(new Derivative(S(@"\sigma"), [S("t")], DerivativeStyle.Total), Read(@"\frac{d\sigma}{dt}").ValueOrThrow());
}
