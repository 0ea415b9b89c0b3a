using Stopwatch = System.Diagnostics.Stopwatch;
using System.Text;
using System.Text.Json;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Ascii;
using DerivationChecker.Notation.Latex;
using static DerivationChecker.Tests.Build;

namespace DerivationChecker.Tests.Notation;

/// <summary>What the plain SymPy/Maxima syntax is read as: the same tree the LaTeX reader builds for the same mathematics.</summary>
public sealed class AsciiReaderTests
{
    internal static SymbolTable Table(string declarations) =>
        SymbolDeclarations.Build(declarations.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(SymbolDeclarations.ParsePair));

    private static Expr Read(string text, string declarations = "")
    {
        var result = AsciiParser.Parse(text, Table(declarations));
        Assert.True(result.Ok, $"{text}: {result.Error}");
        return result.Value!;
    }

    private static ParseError Fail(string text, string declarations = "")
    {
        var result = AsciiParser.Parse(text, Table(declarations));
        Assert.False(result.Ok, $"{text} was read as {result.Value}");
        return result.Error!;
    }

    // ---- the shared case files ------------------------------------------------------------------

    /// <summary>Every lhs and rhs of ../shared/bench-peers/cases.json (read where it lives).</summary>
    public static TheoryData<string, string> BenchInputs()
    {
        var data = new TheoryData<string, string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("bench-peers", "cases.json")));
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            var id = row.GetProperty("id").GetString()!;
            data.Add($"{id} lhs", row.GetProperty("lhs").GetString()!);
            data.Add($"{id} rhs", row.GetProperty("rhs").GetString()!);
        }
        return data;
    }

    /// <summary>Student and teacher answers of the plain AlgEquiv rows of STACK's answer-test fixtures.</summary>
    public static TheoryData<string, string> StackPlainInputs()
    {
        var data = new TheoryData<string, string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("peer-tests", "stack-answertests.json")));
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            if (row.GetProperty("test").GetString() != "AlgEquiv") continue;
            if (!row.TryGetProperty("plain", out var plain) || plain.ValueKind != JsonValueKind.True) continue;
            var id = row.GetProperty("id").GetString()!;
            data.Add($"{id} student", row.GetProperty("student").GetString()!);
            data.Add($"{id} teacher", row.GetProperty("teacher").GetString()!);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BenchInputs))]
    public void Every_bench_peer_case_is_read(string id, string text)
    {
        var result = AsciiParser.Parse(text);
        Assert.True(result.Ok, $"{id}: {result.Error}\n{result.Error?.Pointer()}");
    }

    [Theory]
    [MemberData(nameof(StackPlainInputs))]
    public void Every_plain_stack_answer_is_read(string id, string text)
    {
        var result = AsciiParser.Parse(text);
        Assert.True(result.Ok, $"{id}: {result.Error}\n{result.Error?.Pointer()}");
    }

    [Fact]
    public void Division_by_zero_is_read_as_written_for_the_checker_to_reject() =>
        Assert.Equal(new Divide(N(1), N(0)), Read("1/0"));

    // ---- the same tree as LaTeX ------------------------------------------------------------------

    [Theory]
    [InlineData("beta_1^n*g", @"\beta_1^{n} g", "")]
    [InlineData("sigma(x)*(1-sigma(x))", @"\sigma(x)\cdot(1-\sigma(x))", "")]
    [InlineData("sigma(x)(1-sigma(x))", @"\sigma(x)(1-\sigma(x))", "")]
    [InlineData("-2*x + a - 2 - b", @"-2x + a - 2 - b", "")]
    [InlineData("-x^2", @"-x^2", "")]
    [InlineData("2^-1", @"2^{-1}", "")]
    [InlineData("a*b/c", @"\frac{a b}{c}", "")]
    [InlineData("a/b/c", @"a/b/c", "")]
    [InlineData("1/2x + 2x^2 + 3(x+1)", @"1/2x + 2x^2 + 3(x+1)", "")]
    [InlineData("W_hh*h_(t-1) + W_xh*x_t", @"W_{hh} h_{t-1} + W_{xh} x_t", "")]
    [InlineData("y[t,i] + y_(t,i)", @"y_{t,i} + y_{t,i}", "")]
    [InlineData("hat(y)_t - y_t", @"\hat{y}_t - y_t", "")]
    [InlineData("sigma'(x)", @"\sigma'(x)", "")]
    [InlineData("W'", @"W'", "")]
    [InlineData("lr*m/(sqrt(v)+eps)", @"\frac{\mathrm{lr} \cdot m}{\sqrt{v}+\epsilon}", "")]
    [InlineData("exp(-x)/(1+exp(-x))^2", @"\frac{\exp(-x)}{(1+\exp(-x))^2}", "")]
    [InlineData("%e^x + e^x + pi + %pi", @"e^{x} + e^x + \pi + \pi", "")]
    [InlineData("log(x) + ln(x) + log2(x) + log10(x)", @"\log x + \ln x + \log_2 x + \log_{10} x", "")]
    [InlineData("abs(x) + max(a, b) + tanh(x) + relu(x)", @"|x| + \max(a, b) + \tanh(x) + \operatorname{ReLU}(x)", "")]
    [InlineData("sum(x_i*y_i, i, 1, n)", @"\sum_{i=1}^{n} x_i y_i", "")]
    [InlineData("sum(sum(a_ij, j, 1, n), i, 1, m)", @"\sum_{i=1}^{m} \sum_{j=1}^{n} a_{ij}", "")]
    [InlineData("prod(x_k, k, 1, n)", @"\prod_{k=1}^{n} x_k", "")]
    [InlineData("E[X] + Var(X)", @"\mathbb{E}[X] + \operatorname{Var}(X)", "")]
    [InlineData("delta(i,k) + delta_ik", @"\delta_{i,k} + \delta_{ik}", "")]
    [InlineData("matrix([1,2],[3,4])", @"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}", "")]
    [InlineData("[a, b, c]", @"[a, b, c]", "")]
    [InlineData("a .* b ./ c", @"a \odot b \oslash c", "")]
    [InlineData("piecewise((x, x > 0), (0, otherwise))", @"\begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}", "")]
    [InlineData("0 <= s <= 1, a != b", @"0 \leq s \leq 1, a \neq b", "")]
    [InlineData("softmax(z)_i", @"\operatorname{softmax}(z)_i", "")]
    [InlineData("x^T", @"x^{T}", "")]
    [InlineData("W^T*delta", @"W^{T} \delta", "W:mat n m;\\delta:vec n")]
    [InlineData("W.T @ delta", @"W^\top \delta", "W:mat n m;\\delta:vec n")]
    [InlineData("W^-1*x", @"W^{-1} x", "W:mat n n;x:vec n")]
    [InlineData("x_i", @"x_i", "x:vec n")]
    [InlineData("y_t", @"y_t", "y_t:vec n")]
    [InlineData("x^T", @"x^T", "T:nat")]
    public void Ascii_and_latex_give_the_same_tree(string ascii, string latex, string declarations)
    {
        var table = Table(declarations);
        var fromLatex = LatexParser.Parse(latex, table);
        Assert.True(fromLatex.Ok, fromLatex.Error?.ToString());
        Assert.Equal(fromLatex.Value, Read(ascii, declarations));
    }

    // ---- numbers and signs -----------------------------------------------------------------------

    [Theory]
    [InlineData("12", 12, 1)]
    [InlineData("1.5", 3, 2)]
    [InlineData(".5", 1, 2)]
    [InlineData("1e-8", 1, 100_000_000)]
    [InlineData("2.5E3", 2500, 1)]
    [InlineData("0.333", 333, 1000)]
    public void Numbers_are_exact(string text, long numerator, long denominator) => Assert.Equal(Q(numerator, denominator), Read(text));

    [Fact]
    public void A_minus_on_a_number_literal_is_a_negative_number()
    {
        Assert.Equal(N(-2), Read("-2"));
        Assert.Equal(new Add(S("a"), N(-2)), Read("a-2"));
        Assert.Equal(new Add(S("a"), new Negate(S("b"))), Read("a-b"));
        Assert.Equal(new Negate(S("x")), Read("-x"));
        Assert.Equal(new Negate(new Multiply(N(2), S("x"))), Read("-2*x"));
        Assert.Equal(new Multiply(S("a"), new Negate(S("b"))), Read("a*-b"));
    }

    [Fact]
    public void Powers_bind_tighter_than_signs_and_associate_to_the_right()
    {
        Assert.Equal(new Negate(new Power(S("x"), N(2))), Read("-x^2"));
        Assert.Equal(new Power(N(2), N(-1)), Read("2^-1"));
        Assert.Equal(new Power(S("a"), new Power(S("b"), S("c"))), Read("a^b^c"));
        Assert.Equal(new Power(S("a"), new Power(S("b"), S("c"))), Read("a**b**c"));
        Assert.Equal(new Power(new Power(S("a"), S("b")), S("c")), Read("(a^b)^c"));
    }

    // ---- products --------------------------------------------------------------------------------

    [Fact]
    public void Products_are_flat_and_quotients_take_everything_before_them()
    {
        Assert.Equal(new Multiply(S("a"), S("b"), S("c")), Read("a*b*c"));
        Assert.Equal(new Multiply(S("a"), S("b"), S("c")), Read("a @ b @ c"));
        Assert.Equal(new Divide(new Multiply(S("a"), S("b")), S("c")), Read("a*b/c"));
        Assert.Equal(new Divide(new Divide(S("a"), S("b")), S("c")), Read("a/b/c"));
        Assert.Equal(new Multiply(new Divide(S("a"), S("b")), S("c")), Read("a/b*c"));
        Assert.Equal(new Add(S("a"), S("b"), S("c")), Read("a+b+c"));
    }

    [Fact]
    public void Implicit_products_follow_numbers_and_join_brackets()
    {
        Assert.Equal(new Multiply(N(2), S("x")), Read("2x"));
        Assert.Equal(new Multiply(N(2), S("x")), Read("2 x"));
        Assert.Equal(new Multiply(N(2), new Add(S("x"), N(1))), Read("2(x+1)"));
        Assert.Equal(new Multiply(N(2), new Power(S("x"), N(2))), Read("2x^2"));
        Assert.Equal(new Multiply(new Add(S("a"), S("b")), new Add(S("a"), new Negate(S("b")))), Read("(a+b)(a-b)"));
        Assert.Contains("operator such as '*'", Fail("x y").Message, StringComparison.Ordinal);
        Assert.Contains("operator such as '*'", Fail("(a+b)x").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entrywise_operations_bind_looser_than_products()
    {
        Assert.Equal(new HadamardProduct(new Multiply(S("a"), S("b")), S("c")), Read("a*b .* c"));
        Assert.Equal(new HadamardProduct(S("a"), S("b"), S("c")), Read("a .* b .* c"));
        Assert.Equal(new HadamardProduct(new HadamardDivide(S("a"), S("b")), S("c")), Read("a ./ b .* c"));
        Assert.Equal(new HadamardDivide(new HadamardDivide(S("a"), S("b")), S("c")), Read("a./b./c"));
    }

    // ---- names -----------------------------------------------------------------------------------

    [Theory]
    [InlineData("beta", @"\beta")]
    [InlineData("eps", @"\epsilon")]
    [InlineData("epsilon", @"\epsilon")]
    [InlineData("lamda", @"\lambda")]
    [InlineData("Omega", @"\Omega")]
    [InlineData("lr", "lr")]
    [InlineData("x1", "x1")]
    [InlineData("g16", "g16")]
    [InlineData("W_hh", "W_{hh}")]
    [InlineData("hat(y)", @"\hat{y}")]
    [InlineData("bar(x)", @"\bar{x}")]
    [InlineData("tilde(beta)", @"\tilde{\beta}")]
    [InlineData("W'", "W'")]
    [InlineData("W''_hh", "W''_{hh}")]
    [InlineData("x_max", "x_{max}")]
    public void Words_are_one_symbol_with_the_latex_name(string text, string name) => Assert.Equal(S(name), Read(text));

    [Fact]
    public void Subscripts_and_brackets_index()
    {
        Assert.Equal(new Indexed(S("x"), N(1)), Read("x_1"));
        Assert.Equal(new Indexed(S("x"), N(12)), Read("x_12"));
        Assert.Equal(new Indexed(S("h"), S("t")), Read("h_t"));
        Assert.Equal(new Indexed(S("x"), new Add(S("t"), N(-1))), Read("x_(t-1)"));
        Assert.Equal(new Indexed(S("y"), S("t"), S("i")), Read("y_(t,i)"));
        Assert.Equal(new Indexed(S("y"), S("t"), S("i")), Read("y[t,i]"));
        Assert.Equal(new Indexed(S("y"), S("t"), S("i")), Read("y_t[i]"));
        Assert.Equal(new Indexed(S(@"\hat{y}"), S("t")), Read("hat(y)_t"));
        Assert.Equal(new Indexed(S(@"\hat{y}"), S("t")), Read("hat(y_t)"));
        Assert.Equal(new Indexed(S("W_{hh}"), S("i")), Read("W_hh[i]"));
        Assert.Equal(new Indexed(S("x"), S(@"\alpha")), Read("x_alpha"));
        Assert.Equal(new Indexed(S("e"), N(1)), Read("e_1"));
    }

    [Fact]
    public void Declared_kinds_travel_with_the_name()
    {
        const string decls = "x:vec n;W:mat n n;y_t:vec n;i:index n";
        var x = new Symbol("x", new VectorKind(new Symbol("n", SymbolKind.Dimension)));
        Assert.Equal(new Indexed(x, new Symbol("i", new IndexKind(new Symbol("n", SymbolKind.Dimension)))), Read("x_i", decls));
        Assert.IsType<VectorKind>(Assert.IsType<Symbol>(Read("y_t", decls)).Kind);
        var transposed = Assert.IsType<Symbol>(Assert.IsType<Transpose>(Read("W^T", decls)).Operand);
        Assert.IsType<MatrixKind>(transposed.Kind);
        Assert.IsType<Inverse>(Read("W^-1", decls));
        Assert.IsType<Power>(Read("y^-1", decls));
    }

    [Fact]
    public void A_bare_T_exponent_is_a_transpose_unless_T_is_a_declared_scalar_on_a_scalar()
    {
        Assert.Equal(new Transpose(S("x")), Read("x^T"));
        Assert.Equal(new Transpose(S("x")), Read("x.T"));
        Assert.Equal(new Power(S("x"), new Symbol("T", SymbolKind.Natural)), Read("x^T", "T:nat"));
        Assert.IsType<Transpose>(Read("W^T", "T:nat;W:mat 2 3"));
        Assert.Equal(new Power(S("x"), S("T")), Read("x^(T)"));
    }

    [Fact]
    public void Constants_are_constants_unless_declared()
    {
        Assert.Equal(Constant.Pi, Read("pi"));
        Assert.Equal(Constant.Pi, Read("%pi"));
        Assert.Equal(Constant.E, Read("e"));
        Assert.Equal(Constant.E, Read("%e"));
        Assert.Equal(Constant.Infinity, Read("inf"));
        Assert.Equal(Constant.Infinity, Read("infinity"));
        Assert.Equal(new Symbol("e", SymbolKind.Positive), Read("e", "e:pos"));
        Assert.Equal(Constant.E, Read("%e", "e:pos"));
        Assert.Equal(new Symbol(@"\pi", SymbolKind.Positive), Read("pi", @"\pi:pos"));
    }

    // ---- functions and operators -----------------------------------------------------------------

    [Theory]
    [InlineData("sigma", FunctionId.Sigmoid)]
    [InlineData("sigmoid", FunctionId.Sigmoid)]
    [InlineData("tanh", FunctionId.Tanh)]
    [InlineData("exp", FunctionId.Exp)]
    [InlineData("log", FunctionId.Log)]
    [InlineData("ln", FunctionId.Log)]
    [InlineData("log2", FunctionId.Log2)]
    [InlineData("log10", FunctionId.Log10)]
    [InlineData("abs", FunctionId.Abs)]
    [InlineData("relu", FunctionId.Relu)]
    [InlineData("step", FunctionId.Step)]
    [InlineData("sign", FunctionId.Sign)]
    [InlineData("sin", FunctionId.Sin)]
    [InlineData("sec", FunctionId.Sec)]
    [InlineData("asin", FunctionId.Asin)]
    [InlineData("arcsin", FunctionId.Asin)]
    [InlineData("arccos", FunctionId.Acos)]
    [InlineData("atan", FunctionId.Atan)]
    [InlineData("cosh", FunctionId.Cosh)]
    public void Built_in_functions_apply(string name, FunctionId id)
    {
        var apply = Assert.IsType<Apply>(Read($"{name}(x)"));
        Assert.Equal(id, apply.Function.Id);
        Assert.Equal(S("x"), apply.Argument);
    }

    [Fact]
    public void Operators_build_their_own_nodes()
    {
        Assert.Equal(new Root(S("x"), N(2)), Read("sqrt(x)"));
        Assert.Equal(new Softmax(S("z")), Read("softmax(z)"));
        Assert.Equal(new Diag(S("v")), Read("diag(v)"));
        Assert.Equal(new Trace(S("A")), Read("trace(A)"));
        Assert.Equal(new Trace(S("A")), Read("tr(A)"));
        Assert.Equal(new Norm(S("x")), Read("norm(x)"));
        Assert.Equal(new Norm(S("x"), NormKind.One), Read("norm(x, 1)"));
        Assert.Equal(new Norm(S("x"), NormKind.Infinity), Read("norm(x, inf)"));
        Assert.Equal(new Inverse(S("A")), Read("inv(A)"));
        Assert.Equal(new Inverse(S("A")), Read("inverse(A)"));
        Assert.Equal(new Transpose(S("A")), Read("transpose(A)"));
        Assert.Equal(new Variance(S("X")), Read("Var(X)"));
        Assert.Equal(new Expectation(S("X")), Read("E[X]"));
        Assert.Equal(new Expectation(S("X")), Read("E(X)"));
        Assert.Equal(new KroneckerDelta(S("i"), S("k")), Read("delta(i,k)"));
        Assert.Equal(new KroneckerDelta(S("i"), S("k")), Read("kron_delta(i, k)"));
        Assert.Equal(new Apply(Function.Max, S("a"), S("b"), S("c")), Read("max(a, b, c)"));
        Assert.Equal(new Apply(Function.Sigmoid.Prime(), S("x")), Read("sigma'(x)"));
        Assert.Equal(new Apply(Function.Opaque("f"), S("x"), S("y")), Read("f(x, y)"));
        Assert.Equal(new Apply(Function.Opaque("h"), S("x")), Read("h(x)"));
        Assert.Equal(new Apply(Function.Opaque("loss").Prime(), S("x")), Read("loss'(x)"));
        Assert.Equal(new Apply(Function.Opaque(@"\phi"), S("x")), Read("phi(x)"));
    }

    [Fact]
    public void Derivatives_repeat_a_variable_for_its_order()
    {
        Assert.Equal(new Derivative(S("f"), [S("x")], DerivativeStyle.Total), Read("diff(f, x)"));
        Assert.Equal(new Derivative(S("f"), [S("x"), S("x")], DerivativeStyle.Total), Read("diff(f, x, 2)"));
        Assert.Equal(new Derivative(S("f"), [S("x"), S("y")], DerivativeStyle.Total), Read("diff(f, x, y)"));
        Assert.Equal(new Derivative(S("f"), [S("x"), S("x"), S("y")], DerivativeStyle.Total), Read("diff(f, x, 2, y, 1)"));
        Assert.Equal(new Derivative(S("y"), [S("x")], DerivativeStyle.Total), Read("'diff(y, x)"));
    }

    [Fact]
    public void Sums_bind_their_index_while_the_body_is_read()
    {
        var i = new Symbol("i", SymbolKind.BoundInteger);
        Assert.Equal(new BigOperator(BigOperatorKind.Sum, i, new Indexed(S("x"), i), N(1), S("n")), Read("sum(x_i, i, 1, n)"));
        Assert.Equal(new BigOperator(BigOperatorKind.Sum, i, new Indexed(S("x"), i)), Read("sum(x_i, i)"));
        Assert.Equal(new BigOperator(BigOperatorKind.Product, i, i, N(1), S("n")), Read("product(i, i, 1, n)"));
        var declared = new Symbol("i", new IndexKind(new Symbol("n", SymbolKind.Dimension)));
        Assert.Equal(new BigOperator(BigOperatorKind.Sum, declared, declared, N(1), new Symbol("n", SymbolKind.Dimension)), Read("sum(i, i, 1, n)", "i:index n"));
        // The bounds are outside the binding: sum(i, i, 1, i) ends at the free i.
        Assert.Equal(new BigOperator(BigOperatorKind.Sum, i, i, N(1), S("i")), Read("sum(i, i, 1, i)"));
        Assert.Equal(new BigOperator(BigOperatorKind.Limit, S("x"), new Divide(new Apply(Function.Sin, S("x")), S("x")), N(0)), Read("limit(sin(x)/x, x, 0)"));
    }

    [Fact]
    public void Matrices_rows_and_cases()
    {
        Assert.Equal(new MatrixLiteral(2, 2, [N(1), N(2), N(3), N(4)]), Read("matrix([1,2],[3,4])"));
        Assert.Equal(new MatrixLiteral(2, 1, [S("a"), S("b")]), Read("matrix([a],[b])"));
        Assert.Equal(new MatrixLiteral(1, 3, [S("a"), S("b"), S("c")]), Read("[a, b, c]"));
        Assert.Equal(S("a"), Read("[a]"));
        var pw = Assert.IsType<Piecewise>(Read("piecewise((x, x > 0), (0, True))"));
        Assert.Equal(Piecewise.Otherwise, pw.ConditionAt(1));
        Assert.Equal(new Relation(S("x"), RelationKind.Greater, N(0)), pw.ConditionAt(0));
    }

    [Fact]
    public void Relations_chain_and_commas_separate_statements()
    {
        Assert.Equal(new Relation([S("a"), S("b"), S("c")], [RelationKind.Equal, RelationKind.Equal]), Read("a = b == c"));
        Assert.Equal(new Relation(S("a"), RelationKind.NotEqual, S("b")), Read("a != b"));
        Assert.Equal(new Relation(S("a"), RelationKind.NotEqual, S("b")), Read("a # b"));
        Assert.Equal(new Relation([N(0), S("s"), N(1)], [RelationKind.LessEqual, RelationKind.Less]), Read("0 <= s < 1"));
        Assert.Equal(new Relation([S("x"), S("y")], [RelationKind.GreaterEqual]), Read("x >= y"));
        Assert.Equal(new TupleExpr([S("a"), S("b")], TupleStyle.Plain), Read("a, b"));
        Assert.Equal(new TupleExpr([S("a"), S("b")], TupleStyle.Parentheses), Read("(a, b)"));
        Assert.Equal(new TupleExpr([S("a"), S("b")], TupleStyle.Braces), Read("{a, b}"));
    }

    [Fact]
    public void The_symbol_table_decides_what_a_name_can_do()
    {
        Assert.Equal(new Softmax(S("z")), Read("sigma(z)", @"\sigma:softmax"));
        Assert.Equal(new Apply(Function.Opaque("J"), S("w")), Read("J(w)", "J:fn"));
        Assert.Contains("declared", Fail("W(x+1)", "W:mat 2 2").Message, StringComparison.Ordinal);
        Assert.Contains("index", Fail("sum(i(x), i, 1, n)").Message, StringComparison.Ordinal);
        Assert.Contains("Jacobian", Fail("sigma'(z)", @"\sigma:softmax").Message, StringComparison.Ordinal);
    }

    // ---- errors ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("abc*(x y)", 7, "Expected ')' to close the '(' at column 5")]
    [InlineData("(x+1", 0, "is never closed: add ')'")]
    [InlineData("f(x", 1, "is never closed: add ')'")]
    [InlineData("[x+1)", 4, "closed by ')'")]
    [InlineData("x+1)", 3, "no opening bracket")]
    [InlineData("", 0, "empty")]
    [InlineData("   ", 0, "empty")]
    [InlineData("2+", 1, "ends too early")]
    [InlineData("2*", 1, "ends too early")]
    [InlineData("x y", 2, "operator such as '*'")]
    [InlineData("exp + 1", 0, "is a function")]
    [InlineData("sum(x)", 0, "needs its variable")]
    [InlineData("sum(x_i, 2, 1, n)", 9, "must be its variable")]
    [InlineData("f(x,)", 4, "comma must be followed")]
    [InlineData("matrix([1,2],[3])", 13, "Row 2")]
    [InlineData("x_", 1, "Expected an index")]
    [InlineData("x_i_j", 3, "one subscript")]
    [InlineData(@"\frac{1}{2}", 0, "LaTeX")]
    [InlineData("|x|", 0, "abs(x)")]
    [InlineData("n!", 1, "Factorials")]
    [InlineData("x := 2", 2, "Assignments")]
    [InlineData("%i", 0, "imaginary")]
    [InlineData("1e99999", 0, "not a number")]
    [InlineData("sin(x, y)", 0, "one argument")]
    [InlineData("diff(f)", 0, "variable")]
    [InlineData("log(x, 3)", 0, "base 2, 10 and e")]
    [InlineData("(x)'", 3, "prime")]
    [InlineData("f()", 2, "empty")]
    [InlineData("x + \"text", 4, "never closed")]
    [InlineData("hat(y-1)", 5, "must decorate a single name")]
    [InlineData("x_kron_delta", 2, "not an index")]
    public void Errors_say_what_was_expected_and_where(string text, int position, string fragment)
    {
        var error = Fail(text);
        Assert.Equal(position, error.Position);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    // ---- hostile input -----------------------------------------------------------------------------

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "deep parentheses", Repeat("(", 100_000) + "x" + Repeat(")", 100_000) },
        { "deep calls", Repeat("f(", 100_000) + "x" + Repeat(")", 100_000) },
        { "deep sums", Repeat("sum(", 10_000) + "x" + Repeat(", i)", 10_000) },
        { "unclosed parentheses", Repeat("(", 100_000) },
        { "stray closers", Repeat(")]}", 30_000) },
        { "a hundred thousand signs", Repeat("-", 100_000) + "x" },
        { "a hundred thousand divisions", "x" + Repeat("/x", 100_000) },
        { "a hundred thousand powers", "x" + Repeat("^x", 100_000) },
        { "a hundred thousand transposes", "x" + Repeat(".T", 100_000) },
        { "a hundred thousand entrywise divisions", "x" + Repeat("./x", 100_000) },
        { "binary garbage", Encoding.Latin1.GetString([.. Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 256))]) },
        { "NUL and control characters", "x\0 + \u0001y\u001b[2J" },
        { "lone surrogates", "x + \ud800 + \udc00y" },
        { "only operators", "+-*/^_.,=<>!#@'" },
        { "huge number", Repeat("9", 50_000) },
        { "huge exponent", "1e" + Repeat("9", 5000) },
        { "long name", Repeat("a", 100_000) },
        { "unclosed text", "\"" + Repeat("x", 10_000) },
        { "nested matrices", Repeat("matrix([", 5000) },
        { "nested subscripts", Repeat("x_(", 10_000) + "1" + Repeat(")", 10_000) },
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Hostile_input_gives_a_tree_or_a_positioned_error_quickly(string name, string input)
    {
        var watch = Stopwatch.StartNew();
        var result = AsciiParser.Parse(input);
        watch.Stop();
        Assert.True(result.Ok || result.Error is { Message.Length: > 0 }, name);
        if (!result.Ok) Assert.InRange(result.Error!.Position, 0, input.Length);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"{name} took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Nesting_is_limited_to_a_hundred_levels()
    {
        Assert.True(AsciiParser.Parse(Repeat("(", 60) + "x" + Repeat(")", 60)).Ok);
        var error = Fail(Repeat("(", 200) + "x" + Repeat(")", 200));
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
        Assert.Equal(AsciiParser.MaxDepth, error.Position);
    }

    [Fact]
    public void A_hundred_thousand_terms_are_read_in_linear_time()
    {
        var text = string.Join("+", Enumerable.Range(0, 100_000).Select(i => $"2*x_{i}^2-sin(y)/3"));
        var watch = Stopwatch.StartNew();
        var result = AsciiParser.Parse(text);
        watch.Stop();
        Assert.True(result.Ok, result.Error?.ToString());
        Assert.Equal(200_000, Assert.IsType<Add>(result.Value).Terms.Length);
        Assert.True(watch.ElapsedMilliseconds < 10_000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Random_text_never_throws()
    {
        const string alphabet = "xyzeT21.0()[]{}+-*/^_,=<>!#@'%\" sumdifqrtpE";
        var random = new Random(20261122);
        for (var k = 0; k < 20_000; k++)
        {
            var chars = new char[random.Next(1, 40)];
            for (var j = 0; j < chars.Length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
            var text = new string(chars);
            var result = AsciiParser.Parse(text);
            if (!result.Ok) Assert.InRange(result.Error!.Position, 0, text.Length);
        }
    }
}
