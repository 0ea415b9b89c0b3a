using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Calculus;

/// <summary>Derivatives: the textbook facts, and agreement with central finite differences on generated expressions.</summary>
public sealed class DifferentiatorTests
{
    private static void DerivativeIs(string f, string variable, string expected, params string[] symbols)
    {
        var table = SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));
        var fx = LatexParser.Parse(f, table).ValueOrThrow();
        var x = LatexParser.Parse(variable, table).ValueOrThrow();
        var derivative = Differentiator.Differentiate(fx, x);
        var verdict = new EquivalenceChecker().Check(LatexParser.Parse(expected, table).ValueOrThrow(), derivative);
        Assert.True(verdict.Kind == VerdictKind.Equivalent, $"d/d{variable} {f} gave {LatexWriter.Write(derivative)}: {verdict.Message}");
    }

    [Theory]
    [InlineData(@"\ln x", "x", @"\frac{1}{x}")]
    [InlineData(@"\sigma(x)", "x", @"\sigma(x)(1-\sigma(x))")]
    [InlineData(@"\tanh(x)", "x", @"1-\tanh^2(x)")]
    [InlineData("e^{x}", "x", "e^{x}")]
    [InlineData("x^5", "x", "5x^4")]
    [InlineData(@"\sqrt{x}", "x", @"\frac{1}{2\sqrt{x}}")]
    [InlineData(@"\frac{1}{1+e^{-x}}", "x", @"\frac{e^{-x}}{(1+e^{-x})^2}")]
    [InlineData(@"\sin(x)\cos(x)", "x", @"\cos^2(x)-\sin^2(x)")]
    [InlineData("a^x", "x", @"a^x \ln a")]
    [InlineData(@"\frac{1}{2}(wx-y)^2", "w", "(wx-y)x")]
    public void Textbook_derivatives(string f, string x, string expected) => DerivativeIs(f, x, expected, "a:pos");

    [Fact]
    public void Component_derivative_is_a_kronecker_delta() =>
        DerivativeIs("x_k", "x_i", @"\delta_{ki}", "N:dim", "x:vec N", "i:index N", "k:index N");

    [Fact]
    public void Derivative_of_a_sum_over_components() =>
        DerivativeIs(@"\sum_{j=1}^{N} e^{x_j}", "x_i", "e^{x_i}", "N:dim", "x:vec N", "i:index N");

    [Fact]
    public void Softmax_component_derivative() =>
        DerivativeIs(@"\frac{e^{x_k}}{\sum_{j=1}^{N} e^{x_j}}", "x_i",
            @"\frac{e^{x_k}}{\sum_{j=1}^{N} e^{x_j}}\left(\delta_{ik}-\frac{e^{x_i}}{\sum_{j=1}^{N} e^{x_j}}\right)", "N:dim", "x:vec N", "i:index N", "k:index N");

    [Fact]
    public void Derivatives_agree_with_central_finite_differences()
    {
        var x = new Symbol("x");
        var failures = new List<string>();
        var compared = 0;
        foreach (var f in ExprGenerators.Sample(ExprGenerators.Smooth(4), 300, seed: 5))
        {
            var derivative = Differentiator.Differentiate(f, x);
            for (var p = 0; p < 4; p++)
            {
                var x0 = Numeric.At(x, p)!.Value.Value;
                var h = 1e-5 * Math.Max(1, Math.Abs(x0));
                var plus = Numeric.At(f.Substitute(x, new FloatNumber(x0 + h)), p);
                var minus = Numeric.At(f.Substitute(x, new FloatNumber(x0 - h)), p);
                var exact = Numeric.At(derivative, p);
                if (plus is null || minus is null || exact is null) continue;
                if (Math.Abs(plus.Value.Value) > 1e6) continue;
                var estimate = (plus.Value.Value - minus.Value.Value) / (2 * h);
                var scale = Math.Max(1, Math.Max(Math.Abs(estimate), Math.Abs(exact.Value.Value)));
                compared++;
                if (Math.Abs(estimate - exact.Value.Value) > 1e-4 * scale)
                    failures.Add($"d/dx {LatexWriter.Write(f)} = {LatexWriter.Write(derivative)}: {exact.Value.Value} but finite difference {estimate} at x = {x0}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(8)));
        Assert.True(compared > 800, $"only {compared} points were compared");
    }
}
