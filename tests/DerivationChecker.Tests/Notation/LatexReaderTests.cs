using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Notation;

/// <summary>What each construct students write is read as (the tree, exactly as written).</summary>
public sealed class LatexReaderTests
{
    private static Expr Read(string latex, params string[] symbols)
    {
        var table = SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));
        var result = LatexParser.Parse(latex, table);
        Assert.True(result.Ok, result.Error?.ToString());
        return result.Value!;
    }

    [Theory]
    [InlineData(@"\frac{a}{b}")]
    [InlineData(@"\dfrac{a}{b}")]
    [InlineData(@"\tfrac{a}{b}")]
    [InlineData(@"a/b")]
    public void Fractions_are_divisions(string latex) => Assert.Equal(new Divide(S("a"), S("b")), Read(latex));

    [Fact]
    public void Frac_with_single_token_arguments_splits_digits_as_tex_does() =>
        Assert.Equal(new Divide(N(1), N(2)), Read(@"\frac12"));

    [Fact]
    public void Square_and_nth_roots() =>
        Assert.Equal(new Multiply(new Root(S("x"), N(2)), new Root(S("y"), N(3))), Read(@"\sqrt{x}\sqrt[3]{y}"));

    [Fact]
    public void Left_right_delimiters_group() =>
        Assert.Equal(new Multiply(N(2), new Add(S("x"), N(1))), Read(@"2\left(x+1\right)"));

    [Theory]
    [InlineData(@"a\cdot b")]
    [InlineData(@"a\times b")]
    [InlineData(@"a b")]
    [InlineData(@"ab")]
    [InlineData("a·b")]
    [InlineData("a×b")]
    public void Products_explicit_and_implicit(string latex) => Assert.Equal(new Multiply(S("a"), S("b")), Read(latex));

    [Theory]
    [InlineData(@"a\odot b")]
    [InlineData("a⊙b")]
    [InlineData(@"a\circ b")]
    public void Hadamard_products(string latex) => Assert.Equal(new HadamardProduct(S("a"), S("b")), Read(latex));

    [Fact]
    public void Subtraction_is_the_sum_of_a_negation_and_negative_literals_fold() =>
        Assert.Equal(new Add(S("a"), new Negate(S("b")), N(-2)), Read("a-b-2"));

    [Fact]
    public void Unicode_minus_and_greek() =>
        Assert.Equal(new Add(S(@"\sigma"), new Negate(S(@"\beta"))), Read("σ − β"));

    [Fact]
    public void Sum_with_bounds_binds_its_index_and_takes_the_rest_of_the_product()
    {
        var i = new Symbol("i", SymbolKind.BoundInteger);
        var expected = new Add(new BigOperator(BigOperatorKind.Sum, i, new Multiply(new Indexed(S("a"), i), new Indexed(S("b"), i)), N(1), S("n")), S("c"));
        Assert.Equal(expected, Read(@"\sum_{i=1}^{n} a_i b_i + c"));
    }

    [Fact]
    public void Sum_upper_bound_written_as_index_equation() =>
        Assert.Equal(Read(@"\sum_{t=1}^{3} x_t"), Read(@"\sum_{t=1}^{t=3} x_t"));

    [Fact]
    public void Kronecker_delta_with_two_indices() =>
        Assert.Equal(new KroneckerDelta(S("i"), S("k")), Read(@"\delta_{ik}"));

    [Fact]
    public void Kronecker_delta_with_declared_indices() =>
        Assert.IsType<KroneckerDelta>(Read(@"\delta_{ik}", "N:dim", "i:index N", "k:index N"));

    [Theory]
    [InlineData(@"\hat{y}")]
    [InlineData(@"\hat y")]
    [InlineData("ŷ")]
    public void Hat_decorations_name_one_symbol(string latex) => Assert.Equal(S(@"\hat{y}"), Read(latex));

    [Theory]
    [InlineData(@"\mathbf{x}")]
    [InlineData(@"\boldsymbol{x}")]
    [InlineData(@"\vec{x}")]
    public void Bold_is_the_same_name(string latex) => Assert.Equal(S("x"), Read(latex));

    [Fact]
    public void Decorated_name_with_subscript_inside_or_outside_braces_is_the_same() =>
        Assert.Equal(Read(@"\hat{y}_t"), Read(@"\hat{y_t}"));

    [Fact]
    public void Label_subscripts_belong_to_the_name() => Assert.Equal(S("W_{hh}"), Read("W_{hh}"));

    [Fact]
    public void Declared_matrix_with_label_subscript_keeps_its_kind() =>
        Assert.Equal(new Symbol("W_{hh}", new MatrixKind(N(4), N(4))), Read("W_{hh}", "W_{hh}:mat 4 4"));

    [Fact]
    public void Time_index_is_an_index_expression() =>
        Assert.Equal(new Indexed(S("h"), new Add(S("t"), N(-1))), Read("h_{t-1}"));

    [Fact]
    public void Sample_superscript_is_an_index_not_a_power() =>
        Assert.Equal(new Indexed(new Indexed(S("x"), [S("i")], IndexPlacement.ParenSuperscript), S("j")), Read("x_j^{(i)}"));

    [Fact]
    public void Sample_superscript_in_either_order() => Assert.Equal(Read("x_j^{(i)}"), Read("x^{(i)}_j"));

    [Fact]
    public void Beta_one_to_the_n_is_a_power() =>
        Assert.Equal(new Power(new Indexed(S(@"\beta"), N(1)), S("n")), Read(@"\beta_1^{n}"));

    [Theory]
    [InlineData("W'")]
    [InlineData(@"W^{\prime}")]
    public void Primed_names(string latex) => Assert.Equal(S("W'"), Read(latex));

    [Fact]
    public void Prime_on_a_function_is_its_derivative() =>
        Assert.Equal(new Apply(Function.Sigmoid.Prime(), S("x")), Read(@"\sigma'(x)"));

    [Theory]
    [InlineData(@"W^T")]
    [InlineData(@"W^\top")]
    [InlineData(@"W^{T}")]
    [InlineData(@"W^{\top}")]
    [InlineData("Wᵀ")]
    [InlineData(@"W^{\mathsf{T}}")]
    public void Transpose_marks_on_a_matrix(string latex) =>
        Assert.IsType<Transpose>(Read(latex, "W:mat 3 3"));

    [Fact]
    public void Superscript_T_is_a_power_when_T_is_a_declared_scalar() =>
        Assert.IsType<Power>(Read("x^T", "T:dim"));

    [Fact]
    public void Inverse_of_a_matrix_and_reciprocal_of_a_scalar()
    {
        Assert.IsType<Inverse>(Read("X^{-1}", "X:mat 3 3"));
        Assert.Equal(new Power(S("x"), N(-1)), Read("x^{-1}"));
    }

    [Theory]
    [InlineData(@"\log x")]
    [InlineData(@"\ln x")]
    [InlineData(@"\log(x)")]
    [InlineData(@"\log\left(x\right)")]
    [InlineData("log(x)")]
    public void Logarithms_are_natural(string latex) => Assert.Equal(new Apply(Function.Log, S("x")), Read(latex));

    [Fact]
    public void Exp_and_e_to_the_x_are_different_trees_for_the_same_value()
    {
        Assert.Equal(new Apply(Function.Exp, S("x")), Read(@"\exp(x)"));
        Assert.Equal(new Power(Constant.E, S("x")), Read("e^{x}"));
    }

    [Fact]
    public void Function_power_applies_to_the_value() =>
        Assert.Equal(new Power(new Apply(Function.Tanh, S("x")), N(2)), Read(@"\tanh^2(x)"));

    [Fact]
    public void Application_versus_product()
    {
        Assert.Equal(new Apply(Function.Sigmoid, S("x")), Read(@"\sigma(x)"));
        Assert.Equal(new Multiply(S("x"), new Add(N(1), new Negate(S("x")))), Read("x(1-x)"));
    }

    [Fact]
    public void Softmax_component_after_application() =>
        Assert.Equal(new Indexed(new Apply(Function.Sigmoid, S("x")), S("k")), Read(@"\sigma(\mathbf{x})_k"));

    [Theory]
    [InlineData(@"\max(0,x)")]
    [InlineData("max(0, x)")]
    public void Max_as_a_function(string latex) => Assert.Equal(new Apply(Function.Max, N(0), S("x")), Read(latex));

    [Theory]
    [InlineData("|x|")]
    [InlineData(@"\left|x\right|")]
    public void Absolute_values(string latex) => Assert.Equal(new Apply(Function.Abs, S("x")), Read(latex));

    [Theory]
    [InlineData(@"\lVert g\rVert")]
    [InlineData(@"\|g\|")]
    [InlineData("‖g‖")]
    [InlineData(@"\left\| g \right\|")]
    public void Norms(string latex) => Assert.Equal(new Norm(S("g")), Read(latex));

    [Fact]
    public void Bmatrix_and_bracket_row()
    {
        Assert.Equal(new MatrixLiteral(3, 1, [N(6), N(1), N(2)]), Read(@"\begin{bmatrix}6\\1\\2\end{bmatrix}"));
        Assert.Equal(new MatrixLiteral(1, 3, [N(6), N(1), N(2)]), Read(@"\left[6, 1, 2\right]"));
        Assert.Equal(new MatrixLiteral(2, 2, [N(1), N(2), N(3), N(4)]), Read(@"\begin{pmatrix}1&2\\3&4\end{pmatrix}"));
    }

    [Fact]
    public void Derivative_notations()
    {
        Assert.Equal(new Derivative(S("J"), [S("W")], DerivativeStyle.Partial), Read(@"\frac{\partial J}{\partial W}"));
        Assert.Equal(new Derivative(S("J"), [S("W")], DerivativeStyle.Total), Read(@"\frac{dJ}{dW}"));
        Assert.Equal(new Derivative(new Power(S("x"), N(2)), [S("x")], DerivativeStyle.Total), Read(@"\frac{d}{dx} x^2"));
        Assert.Equal(new Derivative(S("f"), [S("x"), S("x")], DerivativeStyle.Partial), Read(@"\frac{\partial^2 f}{\partial x^2}"));
        Assert.Equal(new Derivative(S("L"), [S("w")], DerivativeStyle.Nabla), Read(@"\nabla_w L"));
    }

    [Fact]
    public void Expectation_and_variance()
    {
        Assert.Equal(new Expectation(new Power(S("X"), N(2))), Read("E[X^2]"));
        Assert.Equal(new Variance(S("Y")), Read(@"\mathrm{Var}(Y)"));
        Assert.Equal(new Variance(S("Y")), Read(@"\operatorname{Var}\left(Y\right)"));
        Assert.Equal(new Variance(new Multiply(S("X"), S("Y"))), Read("Var(XY)"));
    }

    [Fact]
    public void Equations_and_chains()
    {
        var chain = Assert.IsType<Relation>(Read("a = b = c"));
        Assert.Equal(3, chain.Operands.Length);
        Assert.True(chain.IsEquationChain);
    }

    [Fact]
    public void Aligned_continuation_lines_extend_the_chain()
    {
        var chain = Assert.IsType<Relation>(Read(@"\begin{aligned} f &= g \\ &= h \end{aligned}"));
        Assert.Equal(new Expr[] { S("f"), S("g"), S("h") }, chain.Operands.ToArray());
    }

    [Fact]
    public void Comma_separated_assignments_are_statements()
    {
        var list = Assert.IsType<TupleExpr>(Read("r = 1, c_0 = -0.5"));
        Assert.Equal(TupleStyle.Plain, list.Style);
        Assert.Equal(new Relation(new Indexed(S("c"), N(0)), RelationKind.Equal, new Number(new(-1, 2))), list.Items[1]);
    }

    [Fact]
    public void Cases_with_undefined()
    {
        var pw = Assert.IsType<Piecewise>(Read(@"\begin{cases} 1 & x > 0 \\ 0 & x < 0 \\ undefined & x = 0 \end{cases}"));
        Assert.Equal(3, pw.Count);
        Assert.Equal(Constant.Undefined, pw.ValueAt(2));
    }

    [Fact]
    public void Persian_digits_are_digits() => Assert.Equal(new Add(S("x"), N(25)), Read("x+۲۵"));

    [Fact]
    public void Decimals_are_exact() => Assert.Equal(new Number(new(3, 2)), Read("1.5"));

    [Fact]
    public void Math_delimiters_around_the_input_are_ignored() => Assert.Equal(S("x"), Read("$$x$$"));

    [Fact]
    public void Component_of_a_declared_vector_and_member_of_a_family()
    {
        var x = new Symbol("x", new VectorKind(N(3)));
        Assert.Equal(new Indexed(x, S("i")), Read("x_i", "x:vec 3"));
        var g = new Symbol("g_{h}", new FamilyKind(new VectorKind(N(4)), "i"));
        Assert.Equal(new Indexed(g, S("i")), Read("g_{h_i}", "g_h:family vec 4 over i"));
    }

    [Fact]
    public void Declared_subscripted_name_wins_over_indexing() =>
        Assert.Equal(new Indexed(new Symbol("y_{t}", new VectorKind(N(2), EntryDomain.OneHot)), S("i")), Read("y_{t,i}", "y_t:onehot 2"));

    [Theory]
    [InlineData(@"x \sim \mathcal{N}(0, 1)", @"\mathcal{N}")]
    [InlineData(@"x \sim N(0, 1)", "N")]
    [InlineData("x ∼ N(0, 1)", "N")]
    public void A_distribution_statement_is_a_relation_and_its_family_is_applied_to_its_parameters(string latex, string family) =>
        Assert.Equal(new Relation(S("x"), RelationKind.Distributed, new Apply(Function.Opaque(family), N(0), N(1))), Read(latex));

    [Theory]
    [InlineData("g < -c")]
    [InlineData("g<-c")]
    [InlineData(@"g \lt -c")]
    public void Less_than_a_negative_is_a_comparison_not_an_arrow(string latex) =>
        Assert.Equal(new Relation(S("g"), RelationKind.Less, new Negate(S("c"))), Read(latex));

    [Fact]
    public void The_assignment_arrow_is_written_together_and_followed_by_a_space() =>
        Assert.Equal(RelationKind.Assign, Assert.Single(Assert.IsType<Relation>(Read("w <- w - a")).Operators));
}
