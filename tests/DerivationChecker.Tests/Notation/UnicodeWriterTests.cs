using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation.Ascii;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Notation.Unicode;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Notation;

/// <summary>Spot checks of the text people read in feedback: the mathematics as it is printed in a textbook.</summary>
public sealed class UnicodeWriterTests
{
    private static string FromAscii(string text, string declarations = "")
    {
        var result = AsciiParser.Parse(text, AsciiReaderTests.Table(declarations));
        Assert.True(result.Ok, result.Error?.ToString());
        return UnicodeWriter.Write(result.Value!);
    }

    private static string FromLatex(string latex)
    {
        var result = LatexParser.Parse(latex);
        Assert.True(result.Ok, result.Error?.ToString());
        return UnicodeWriter.Write(result.Value!);
    }

    [Theory]
    [InlineData("sigma(x)*(1-sigma(x))", "σ(x)(1 − σ(x))")]
    [InlineData("sigma'(x)", "σ′(x)")]
    [InlineData("W^T", "Wᵀ")]
    [InlineData("W.T*delta", "Wᵀδ")]
    [InlineData("hat(y)", "ŷ")]
    [InlineData("hat(y)_t - y_t", "ŷ_t − y_t")]
    [InlineData("W_hh*h_(t-1)", "W_hh·h_{t−1}")]
    [InlineData("(X.T*X)^-1*X.T*y", "(XᵀX)⁻¹Xᵀy", "X:mat n d;y:vec n")]
    [InlineData("(1-b_1)*(b_1^3*f_1 + b_1*f_2)", "(1 − b₁)(b₁³f₁ + b₁·f₂)")]
    [InlineData("x^2 + x^-1 + x^10", "x² + x⁻¹ + x¹⁰")]
    [InlineData("beta_1^n", "β₁ⁿ")]
    [InlineData("sqrt(x) + sqrt(x+1)", "√x + √(x + 1)")]
    [InlineData("sum(x_i, i, 1, n)", "∑_{i=1}^{n} x_i")]
    [InlineData("prod(x_k + 1, k, 1, n)", "∏_{k=1}^{n} (x_k + 1)")]
    [InlineData("norm(x) + norm(x, 1)", "‖x‖ + ‖x‖₁")]
    [InlineData("abs(x)", "|x|")]
    [InlineData("a .* b ./ c", "a ⊙ b ⊘ c")]
    [InlineData("delta(i, k)", "δ_ik")]
    [InlineData("E[X] + Var(X)", "E[X] + Var(X)")]
    [InlineData("(a+b)/(c+d) + a/(b*c) + a*b/c", "(a + b)/(c + d) + a/(bc) + ab/c")]
    [InlineData("matrix([1,2],[3,4])", "[1, 2; 3, 4]")]
    [InlineData("a - b - 2 + -x + (-y)*z", "a − b − 2 − x + (−y)z")]
    [InlineData("2x + 2*3 + lr*m", "2x + 2·3 + lr·m")]
    [InlineData("x_1 + g_16", "x₁ + g₁₆")]
    [InlineData("a <= b, a != b, a >= b", "a ≤ b, a ≠ b, a ≥ b")]
    [InlineData("exp(-x) + e^x + pi + inf", "exp(−x) + eˣ + π + ∞")]
    [InlineData("diff(J, W)", "dJ/dW")]
    [InlineData("diff(f, x, 2)", "d²f/dx²")]
    [InlineData("diff(x^2 + 1, x)", "d/dx (x² + 1)")]
    [InlineData("piecewise((x, x > 0), (0, otherwise))", "{ x if x > 0; 0 otherwise }")]
    [InlineData("tilde(x) + bar(x) + eps", "x̃ + x̄ + ε")]
    [InlineData("inv(W)", "W⁻¹")]
    public void Plain_syntax_is_printed_as_mathematics(string ascii, string expected, string declarations = "") =>
        Assert.Equal(expected, FromAscii(ascii, declarations));

    [Theory]
    [InlineData(@"\frac{\partial J}{\partial W}", "∂J/∂W")]
    [InlineData(@"\frac{\partial J_t}{\partial W_{hh}}", "∂J_t/∂W_hh")]
    [InlineData(@"\frac{\partial^2 f}{\partial x \partial y}", "∂²f/∂x∂y")]
    [InlineData(@"\nabla_w L", "∇_w L")]
    [InlineData(@"\mathcal{L}", "ℒ")]
    [InlineData(@"y^{(i)}", "y^(i)")]
    [InlineData(@"\lim_{x \to 0} f(x)", "lim_{x→0} f(x)")]
    [InlineData(@"x \in \mathbb{R}", "x ∈ ℝ")]
    [InlineData(@"w^{*}", "w*")]
    public void Latex_only_notation_is_printed_too(string latex, string expected) => Assert.Equal(expected, FromLatex(latex));

    [Fact]
    public void The_minus_sign_is_the_typographic_one()
    {
        var text = UnicodeWriter.Write(new Add(S("a"), new Negate(S("b")), N(-3)));
        Assert.Equal("a − b − 3", text);
        Assert.DoesNotContain('-', text);
    }

    private sealed class Mystery(Expr a) : Expr([a])
    {
        protected override Expr Rebuild(ImmutableArray<Expr> args) => new Mystery(args[0]);
    }

    [Fact]
    public void Node_kinds_it_does_not_know_print_by_name() =>
        Assert.Equal("Mystery(x²)", UnicodeWriter.Write(new Mystery(new Power(S("x"), N(2)))));
}
