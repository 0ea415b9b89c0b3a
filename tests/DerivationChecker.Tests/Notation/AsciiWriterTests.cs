using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Ascii;
using DerivationChecker.Notation.Latex;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Notation;

/// <summary>read(write(e)) = e for every tree the plain-syntax reader builds, and the text is what a SymPy or Maxima user would type.</summary>
public sealed class AsciiWriterTests
{
    private static void AssertRoundTrip(Expr e, SymbolTable? table = null)
    {
        var text = AsciiWriter.Write(e);
        var back = AsciiParser.Parse(text, table);
        Assert.True(back.Ok, $"{e} was written as {text}, which does not read: {back.Error}");
        Assert.True(e.Equals(back.Value), $"{e} was written as {text}, which reads as {back.Value}");
    }

    private static void AssertTextRoundTrips(string text, string declarations = "")
    {
        var table = AsciiReaderTests.Table(declarations);
        var first = AsciiParser.Parse(text, table);
        Assert.True(first.Ok, $"{text}: {first.Error}");
        AssertRoundTrip(first.Value!, table);
    }

    [Theory]
    [MemberData(nameof(AsciiReaderTests.BenchInputs), MemberType = typeof(AsciiReaderTests))]
    public void Bench_peer_cases_round_trip(string id, string text)
    {
        _ = id;
        AssertTextRoundTrips(text);
    }

    [Theory]
    [MemberData(nameof(AsciiReaderTests.StackPlainInputs), MemberType = typeof(AsciiReaderTests))]
    public void Plain_stack_answers_round_trip(string id, string text)
    {
        _ = id;
        AssertTextRoundTrips(text);
    }

    [Theory]
    [InlineData("beta_1^n*g", "")]
    [InlineData("sigma(x)*(1-sigma(x))", "")]
    [InlineData("-2*x + a - 2 - b - -c", "")]
    [InlineData("-(a+b) - (a-b) + (a+b) + c", "")]
    [InlineData("(-2)*x + (-2)^x + x^-2 + 2^-x", "")]
    [InlineData("c*(a/b) + a/b*c + a/(b*c) + (a*b)*c + a*(b*c) + (-1)/x", "")]
    [InlineData("a^b^c + (a^b)^c + x_i^2 + sin(x)^2", "")]
    [InlineData("W_hh*h_(t-1) + W_xh*x_t + y[t,i] + W_hh[i]", "")]
    [InlineData("hat(y)_t - y_t + bar(x)_1 + tilde(beta) + W' + W''_hh[k]", "")]
    [InlineData("lr*m/(sqrt(v)+eps) + root(x, 3)", "")]
    [InlineData("%e^x + e^x + pi + inf + undefined", "")]
    [InlineData("log(x) + log2(x) + log10(x) + abs(x) + max(a, b, c) + relu(x) + step(x) + sign(x)", "")]
    [InlineData("sigma'(x) + f''(x) + phi(x) + h(x, y) + tanh'(z)", "")]
    [InlineData("sum(x_i*y_i, i, 1, n) + sum(x_i, i) + prod(x_k, k, 1) + limit(sin(x)/x, x, 0)", "")]
    [InlineData("sum(sum(a_ij, j, 1, n), i, 1, m) + sum(w_kj, j, 1, n)", "")]
    [InlineData("E[X] + Var(X) + delta(i,k) + diag(v) + trace(A) + softmax(z)_i", "")]
    [InlineData("norm(x) + norm(x, 1) + norm(x, inf) + inv(A) + transpose(A) + A.T", "")]
    [InlineData("diff(f, x) + diff(f, x, 2) + diff(f, x, y) + diff(sigma(w*x), w, 3, x)", "")]
    [InlineData("matrix([1,2],[3,4]) + matrix([a],[b]) + matrix([a]) + [a, b, c] + [[1, 2], [3, 4]]", "")]
    [InlineData("a .* b ./ c + a ./ b .* c + a*b .* c + a .* (b .* c) + (-a) .* b", "")]
    [InlineData("piecewise((x, x > 0), (-x, otherwise))", "")]
    [InlineData("0 <= s < 1, a != b, x = y = z, (a, b), {a, b}", "")]
    [InlineData("x^(T) + x^T + 1e-40 + 0.000001 + 2.5 + \"some words\" + ...", "")]
    [InlineData("f(x)[i] + (a+b)_k + %pi_1 + (x_i)[j] + x_(-1) + x_(lr) + x_e + e_1", "")]
    [InlineData("W^T*delta + W^-1*x + x_i + y_t[i]", "W:mat n n;\\delta:vec n;x:vec n;y_t:vec n")]
    [InlineData("x^T + e + pi + sum(e_k, e, 1, n)", "T:nat;e:pos;\\pi:pos")]
    [InlineData("sigma(z) + J'(w) + sum(w_ij, i, 1, n)", "\\sigma:softmax;J:fn;i:index n")]
    public void Written_text_reads_back_as_the_same_tree(string text, string declarations) => AssertTextRoundTrips(text, declarations);

    [Fact]
    public void Generated_expressions_round_trip()
    {
        foreach (var e in ExprGenerators.Sample(ExprGenerators.Scalar(4), 400, seed: 77))
        {
            AssertRoundTrip(e, ExprGenerators.Table);
        }
    }

    [Theory]
    [InlineData(@"\sigma(x)\cdot(1-\sigma(x))")]
    [InlineData(@"\frac{\exp(-x)}{(1+\exp(-x))^2}")]
    [InlineData(@"\sum_{i=1}^{n} x_i y_i - \prod_{k=1}^{n} x_k")]
    [InlineData(@"W_{hh} h_{t-1} + \hat{y}_t - \beta_1^{n} g")]
    [InlineData(@"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix} \odot A \oslash B")]
    [InlineData(@"\|x\|_1 + |x| + \mathbb{E}[X] + \operatorname{Var}(X) + \delta_{ik}")]
    public void Trees_read_from_latex_round_trip_through_the_plain_syntax(string latex)
    {
        var tree = LatexParser.Parse(latex);
        Assert.True(tree.Ok, tree.Error?.ToString());
        AssertRoundTrip(tree.Value!);
    }

    [Theory]
    [InlineData("a-(b-c)", "a - (b - c)")]
    [InlineData("(-2)*x", "(-2)*x")]
    [InlineData("c*(a/b)", "c*(a/b)")]
    [InlineData("W.T", "W.T")]
    [InlineData("x^(T)", "x^(T)")]
    [InlineData("x^-1", "x^(-1)")]
    [InlineData("e^x*pi", "%e^x*%pi")]
    [InlineData("hat(y)_t", "hat(y)_t")]
    [InlineData("W_hh", "W_hh")]
    [InlineData("eps", "epsilon")]
    [InlineData("delta_ik", "kron_delta(i, k)")]
    [InlineData("sigma(x)", "sigmoid(x)")]
    [InlineData("diff(f, x, x, y)", "diff(f, x, 2, y)")]
    [InlineData("sum(x_i, i, 1, n)", "sum(x_i, i, 1, n)")]
    [InlineData("x_(t-1)", "x_(t - 1)")]
    [InlineData("2.50", "2.5")]
    public void Text_is_what_a_sympy_or_maxima_user_types(string input, string expected)
    {
        var tree = AsciiParser.Parse(input);
        Assert.True(tree.Ok, tree.Error?.ToString());
        Assert.Equal(expected, AsciiWriter.Write(tree.Value!));
    }

    [Fact]
    public void Numbers_too_long_for_a_decimal_use_an_exponent()
    {
        var tiny = new Number(new BigRational(1, System.Numerics.BigInteger.Pow(10, 40)));
        Assert.Equal("1e-40", AsciiWriter.Write(tiny));
        AssertRoundTrip(tiny);
    }

    private sealed class Mystery(Expr a, Expr b) : Expr([a, b])
    {
        protected override Expr Rebuild(ImmutableArray<Expr> args) => new Mystery(args[0], args[1]);
    }

    [Fact]
    public void Node_kinds_without_a_spelling_fall_back_to_their_name()
    {
        Assert.Equal("Mystery(x, 2)", AsciiWriter.Write(new Mystery(S("x"), N(2))));
        Assert.Equal("1 + Mystery(x, y)", AsciiWriter.Write(new Add(N(1), new Mystery(S("x"), S("y")))));
        var argmax = new BigOperator(BigOperatorKind.ArgMax, new Symbol("t"), S("f"));
        Assert.Equal("BigOperator(t, f)", AsciiWriter.Write(argmax));
    }
}
