using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Ascii;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Notation.Unicode;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Notation;

/// <summary>
/// Spellings found in real (often OCR'd) answers: each is read as TeX would typeset it and as the
/// student meant it, or refused with a positioned message saying what to write.
/// </summary>
public sealed class StudentNotationTests
{
    private static SymbolTable Table(string[] symbols) => SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));

    private static Expr Read(string latex, params string[] symbols)
    {
        var result = LatexParser.Parse(latex, Table(symbols));
        Assert.True(result.Ok, $"{latex}: {result.Error}");
        return result.Value!;
    }

    private static ParseError Fail(string latex, params string[] symbols)
    {
        var result = LatexParser.Parse(latex, Table(symbols));
        Assert.False(result.Ok, $"{latex} was read as {result.Value}");
        return result.Error!;
    }

    private static Expr ReadAuto(string text, params string[] symbols)
    {
        var result = MathReader.Read(text, Table(symbols));
        Assert.True(result.Ok, $"{text}: {result.Error}");
        return result.Value!;
    }

    // ---- < followed by a minus sign ------------------------------------------------------------

    [Fact]
    public void Less_than_a_negative_is_a_comparison_not_an_arrow()
    {
        Assert.Equal(new Relation(S("x"), RelationKind.Less, new Negate(S("c"))), Read("x < -c"));
        Assert.Equal(new Relation(S("x"), RelationKind.Less, N(-1)), Read("x < - 1"));
    }

    [Theory]
    [InlineData(@"\begin{cases} c & g > c \\ -c & g < -c \\ g & \text{otherwise} \end{cases}")]
    [InlineData(@"\begin{cases} c & g > c \\ -c & g<-c \\ g & \text{otherwise} \end{cases}")]
    public void In_a_cases_condition_less_minus_is_always_a_comparison(string latex)
    {
        var cases = Assert.IsType<Piecewise>(Read(latex));
        Assert.Equal(new Relation(S("g"), RelationKind.Less, new Negate(S("c"))), cases.ConditionAt(1));
    }

    [Theory]
    [InlineData(@"w \leftarrow w - a")]
    [InlineData(@"w \gets w - a")]
    [InlineData("w ← w - a")]
    public void Arrows_written_as_arrows_are_updates(string latex) =>
        Assert.Equal(new Relation(S("w"), RelationKind.Assign, new Add(S("w"), new Negate(S("a")))), Read(latex));

    [Fact]
    public void In_the_ascii_syntax_less_minus_is_less_than_a_negative_as_in_sympy() =>
        Assert.Equal(new Relation(S("x"), RelationKind.Less, N(-1)), AsciiParser.Parse("x<-1").Value);

    // ---- punctuation in cases -----------------------------------------------------------------

    [Theory]
    [InlineData(@"\mathrm{ReLU}'(x) = \begin{cases} 1, & x > 0 \\ 0, & x < 0 \end{cases}")]
    [InlineData(@"\mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0, \\ 0 & x < 0. \end{cases}")]
    [InlineData(@"\mathrm{ReLU}'(x) = \begin{cases} 1, & \text{if } x > 0, \\ 0, & \text{if } x < 0 \end{cases}")]
    public void A_comma_or_full_stop_in_a_cases_row_is_punctuation(string latex) =>
        Assert.Equal(Read(@"\mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}"), Read(latex));

    // ---- \big and friends ------------------------------------------------------------------------

    [Theory]
    [InlineData(@"\bigl(a - b\bigr) x")]
    [InlineData(@"\big(a - b\big) x")]
    [InlineData(@"\Bigl(a - b\Bigr) x")]
    [InlineData(@"\biggl(a - b\biggr) x")]
    [InlineData(@"\Biggl(a - b\Biggr) x")]
    [InlineData(@"\bigl[a - b\bigr] x")]
    [InlineData(@"\Bigl[a - b\Bigr] x")]
    [InlineData(@"\biggl\{a - b\biggr\} x")]
    [InlineData(@"\Big(a - b\Big) x")]
    public void Big_delimiters_of_every_size_read_as_plain_brackets(string latex) =>
        Assert.Equal(Read("(a - b) x"), Read(latex));

    [Fact]
    public void Big_delimiters_inside_a_sum_and_around_arguments_and_bars()
    {
        Assert.Equal(
            Read(@"\frac{1}{n}\sum_{i=1}^{n}(\hat{y}^{(i)} - y^{(i)})\, x^{(i)}_j"),
            Read(@"\frac{1}{n}\sum_{i=1}^{n}\bigl(\hat{y}^{(i)} - y^{(i)}\bigr)\, x^{(i)}_j"));
        Assert.Equal(Read(@"\sigma(z)"), Read(@"\sigma\bigl(z\bigr)"));
        Assert.Equal(Read("|x - y|"), Read(@"\big|x - y\big|"));
        Assert.Equal(Read(@"\|g\|"), Read(@"\Bigl\|g\Bigr\|"));
    }

    [Fact]
    public void A_size_command_without_a_bracket_is_refused_where_it_stands() =>
        Assert.Equal(0, Fail(@"\big x").Position);

    // ---- \vert and \Vert -------------------------------------------------------------------------

    [Fact]
    public void Vert_reads_as_a_bar()
    {
        Assert.Equal(Read(@"\frac{|w|}{4}"), Read(@"\frac{\vert w \vert}{4}"));
        Assert.Equal(Read(@"\left( \frac{|w|}{4} \right)^{T-t}"), Read(@"\left( \frac{\vert w \vert}{4} \right)^{T-t}"));
        Assert.Equal(Read("|x| + |y|"), Read(@"\vert x \vert + \vert y \vert"));
        Assert.Equal(Read("P(A | B)"), Read(@"P(A \vert B)"));
    }

    [Fact]
    public void Capital_vert_reads_as_a_norm_bar()
    {
        Assert.Equal(Read(@"\|w\|"), Read(@"\Vert w \Vert"));
        Assert.Equal(Read(@"\frac{c}{\|g\|}"), Read(@"\frac{c}{\Vert g \Vert}"));
    }

    // ---- a full stop ending a formula or an aligned row ---------------------------------------------

    [Fact]
    public void A_full_stop_ending_an_aligned_row_is_punctuation()
    {
        Assert.Equal(
            Read(@"\begin{align*} L(w) &= \frac{1}{2n}(Xw-y)^\top(Xw-y) \end{align*}"),
            Read(@"\begin{align*} L(w) &= \frac{1}{2n}(Xw-y)^\top(Xw-y). \end{align*}"));
        Assert.Equal(
            Read(@"\begin{aligned} a &= b \\ c &= d \end{aligned}"),
            Read(@"\begin{aligned} a &= b. \\ c &= d. \end{aligned}"));
    }

    [Fact]
    public void A_full_stop_ending_a_formula_is_punctuation() => Assert.Equal(Read("a = b"), Read("a = b."));

    [Fact]
    public void A_full_stop_inside_a_formula_is_still_refused() => Assert.Equal(2, Fail("a . b = c").Position);

    // ---- x^{(i)\top} ----------------------------------------------------------------------------------

    [Theory]
    [InlineData(@"x^{(i)\top}")]
    [InlineData(@"x^{(i)T}")]
    [InlineData(@"x^{(i)\intercal}")]
    [InlineData(@"x^{(i) \top}")]
    public void A_sample_index_followed_by_a_transpose_mark_is_the_transposed_sample(string latex) =>
        Assert.Equal(new Transpose(Read("x^{(i)}", "x:vec 3")), Read(latex, "x:vec 3"));

    [Fact]
    public void A_transposed_sample_multiplies_on() =>
        Assert.Equal(Read(@"(x^{(i)})^\top w", "x:vec 3", "w:vec 3"), Read(@"x^{(i)\top} w", "x:vec 3", "w:vec 3"));

    [Fact]
    public void A_bracketed_index_with_a_transpose_on_a_bracket_is_refused() =>
        Assert.Contains("name", Fail(@"(a+b)^{(i)\top}").Message, StringComparison.Ordinal);

    // ---- Hessians -----------------------------------------------------------------------------------

    private static readonly string[] Theta = ["p:dim", @"\theta:vec p"];

    /// <summary>p×p for a p-vector: the shape of a Hessian.</summary>
    private static MatrixShape Square(Expr vector)
    {
        var column = Assert.IsType<MatrixShape>(ShapeInference.Infer(vector).Shape);
        return new MatrixShape(column.Rows, column.Rows);
    }

    [Theory]
    [InlineData(@"\nabla^2_\theta L")]
    [InlineData(@"\nabla_\theta^2 L")]
    [InlineData(@"\nabla^{2}_{\theta} L")]
    [InlineData("∇²_θ L")]
    public void Nabla_squared_with_a_variable_is_the_second_derivative(string latex)
    {
        var theta = (Symbol)Read(@"\theta", Theta);
        var hessian = Read(latex, Theta);
        Assert.Equal(new Derivative(S("L"), [theta, theta], DerivativeStyle.Nabla), hessian);
        Assert.Equal(Square(theta), ShapeInference.Infer(hessian).Shape);
    }

    [Theory]
    [InlineData(@"\nabla^2 L(\theta)")]
    [InlineData(@"\nabla^{2} L\left(\theta\right)")]
    public void Nabla_squared_of_a_function_at_a_point_is_its_second_derivative_there(string latex)
    {
        var symbols = Theta.Append("L:fn").ToArray();
        var theta = (Symbol)Read(@"\theta", Theta);
        var hessian = Read(latex, symbols);
        Assert.Equal(new Apply(Function.Opaque("L").Prime().Prime(), theta), hessian);
        Assert.Equal(Square(theta), ShapeInference.Infer(hessian).Shape);
    }

    [Fact]
    public void A_hessian_is_written_back_as_nabla_squared()
    {
        var hessian = Read(@"\nabla_\theta^2 L", Theta);
        Assert.Equal(@"\nabla^{2}_{\theta} L", LatexWriter.Write(hessian));
        Assert.Equal("∇²_θ L", UnicodeWriter.Write(hessian));
        Assert.Equal(hessian, Read(LatexWriter.Write(hessian), Theta));
    }

    [Fact]
    public void Nabla_to_a_power_that_is_not_an_order_is_refused() =>
        Assert.Contains("order", Fail(@"\nabla^x_\theta L").Message, StringComparison.Ordinal);

    // ---- digits split by spaces ---------------------------------------------------------------------

    [Theory]
    [InlineData("1 0", 10)]
    [InlineData("1 000 000", 1000000)]
    [InlineData("۱ ۰", 10)]
    public void Digits_separated_only_by_spaces_are_one_number_as_in_tex(string latex, long value) =>
        Assert.Equal(N(value), Read(latex));

    [Fact]
    public void An_ocr_split_ten_inside_a_formula()
    {
        Assert.Equal(Read(@"\sigma(10(x + y))"), Read(@"\sigma ( 1 0 ( x + y ) )"));
        Assert.Equal(Q(21, 2), Read("1 0.5"));
    }

    [Theory]
    [InlineData(@"1\,0")]
    [InlineData(@"1\ 0")]
    [InlineData(@"1~0")]
    [InlineData(@"1\cdot 0")]
    public void Explicit_spacing_keeps_digits_apart(string latex) => Assert.NotEqual(N(10), Read(latex));

    [Fact]
    public void A_single_token_script_still_takes_one_digit() =>
        Assert.Equal(new Multiply(new Indexed(S("x"), N(1)), N(2)), Read("x_1 2"));

    [Fact]
    public void In_the_ascii_syntax_spaced_digits_are_not_joined() => Assert.NotEqual(N(10), AsciiParser.Parse("1 0").Value);

    // ---- which syntax: Greek and function words without a backslash -----------------------------------

    [Theory]
    [InlineData("lambda = sigma^2/tau^2")]
    [InlineData("alpha + beta")]
    [InlineData("theta - eta g")]
    [InlineData("sigma'(0) = 1/4")]
    [InlineData("sum(x_i, i, 1, n)")]
    [InlineData("log2(x)")]
    [InlineData("norm(g)")]
    public void Greek_names_and_ascii_only_function_names_mean_the_ascii_syntax(string text) =>
        Assert.Equal(Syntax.Ascii, MathReader.Resolve(text, Syntax.Auto));

    [Theory]
    [InlineData("x exp(x)")]
    [InlineData("log x")]
    [InlineData("sin x cos x")]
    [InlineData("tanh(x)^2 + 1")]
    [InlineData("2x + 1")]
    [InlineData("max(0, x)")]
    [InlineData(@"\lambda = \sigma^2/\tau^2")]
    [InlineData("alpha_{t}")]
    [InlineData("Var(XY) = E[X^2]E[Y^2] - E[X]^2E[Y]^2")]
    public void Latex_keeps_what_it_reads_right(string text) =>
        Assert.Equal(Syntax.Latex, MathReader.Resolve(text, Syntax.Auto));

    [Fact]
    public void A_bare_greek_equation_reads_with_its_greek_letters() =>
        Assert.Equal(
            new Relation(S(@"\lambda"), RelationKind.Equal, new Divide(new Power(S(@"\sigma"), N(2)), new Power(S(@"\tau"), N(2)))),
            ReadAuto("lambda = sigma^2/tau^2"));

    // ---- a prime on a function applied to a number ---------------------------------------------------------

    [Theory]
    [InlineData("sigma'(0) = 1/4")]
    [InlineData("sigma'(0)=1/4")]
    public void A_primed_sigmoid_at_a_number_is_its_derivative_there(string text)
    {
        var expected = new Relation(new Apply(Function.Sigmoid.Prime(), N(0)), RelationKind.Equal, new Divide(N(1), N(4)));
        Assert.Equal(expected, ReadAuto(text));
        Assert.Equal(expected, ReadAuto(text, @"\sigma:sigmoid"));
    }

    [Theory]
    [InlineData("sigma'(t)", "t")]
    [InlineData("sigma'(-2)", "-2")]
    [InlineData("sigma'(x + 1)", "x + 1")]
    [InlineData("tanh'(0)", "0")]
    public void A_prime_on_a_known_function_is_the_derivative_at_any_argument(string text, string argument)
    {
        var applied = Assert.IsType<Apply>(ReadAuto(text));
        Assert.Equal(1, applied.Function.DerivativeOrder);
        Assert.Equal(Read(argument), applied.Argument);
    }

    // ---- R^n after \in ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(@"h_1 \in R^3")]
    [InlineData(@"h_1 \in \R^3")]
    [InlineData(@"h_1 \in \Bbb{R}^3")]
    [InlineData(@"h_1 \in \mathbb R^3")]
    [InlineData(@"h_1 \in R^{3}")]
    [InlineData("h_1 ∈ R³")]
    public void A_bare_R_to_a_power_after_in_is_the_real_space(string latex) =>
        Assert.Equal(Read(@"h_1 \in \mathbb{R}^{3}"), Read(latex));

    [Fact]
    public void Every_space_of_a_list_of_memberships_is_real()
    {
        Assert.Equal(
            Read(@"y \in \mathbb{R}^{n_y}, \quad X \in \mathbb{R}^{B \times L \times n_x}"),
            Read(@"y \in R^{n_y}, \quad X \in R^{B \times L \times n_x}"));
    }

    [Fact]
    public void R_elsewhere_or_declared_or_without_a_power_stays_a_name()
    {
        Assert.Equal(new Power(S("R"), N(3)), Read("R^3"));
        Assert.Equal(new Relation(S("x"), RelationKind.In, S("R")), Read(@"x \in R"));
        Assert.Equal(Read("x \\in R^3", "R:dim"), new Relation(S("x"), RelationKind.In, new Power(new Symbol("R", SymbolKind.Dimension), N(3))));
    }
}
