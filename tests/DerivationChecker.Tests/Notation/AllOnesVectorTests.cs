using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Tests.Notation;

/// <summary>
/// 𝟏, the all-ones vector students write as \mathbf{1} (𝟏ᵀx = Σ_i x_i): read as a vector whose length
/// comes from what it multiplies or is added to, never as an error.
/// </summary>
public sealed class AllOnesVectorTests
{
    private static SymbolTable Table(params string[] symbols) => SymbolDeclarations.Build(symbols.Select(SymbolDeclarations.ParsePair));

    private static ParseResult Read(string latex, params string[] symbols) => LatexParser.Parse(latex, Table(symbols));

    private static Expr Value(string latex, params string[] symbols)
    {
        var result = Read(latex, symbols);
        Assert.True(result.Ok, result.Error?.ToString());
        return result.Value!;
    }

    private static VerdictKind Check(string a, string b, params string[] symbols) =>
        new EquivalenceChecker().Check(Value(a, symbols), Value(b, symbols)).Kind;

    [Theory]
    [InlineData(@"\mathbf{1}^T x")]
    [InlineData(@"\mathbb{1}^\top x")]
    [InlineData(@"\boldsymbol{1}^T x")]
    [InlineData(@"\mathbf 1^T x")]
    [InlineData(@"\mathds{1}^T x")]
    [InlineData("𝟏ᵀx")]
    public void Bold_one_transposed_times_x_is_the_ones_vector_of_the_length_of_x(string latex) =>
        Assert.Equal(new Multiply(new Transpose(new OnesVector(new Symbol("n", SymbolKind.Dimension))), new Symbol("x", new VectorKind(new Symbol("n", SymbolKind.Dimension)))),
            Value(latex, "n:dim", "x:vec n"));

    [Fact]
    public void A_column_one_takes_the_columns_of_the_matrix_before_it() =>
        Assert.Equal(new OnesVector(Number.Of(3)), ((Multiply)Value(@"A\mathbf{1}", "A:mat 2 3")).Factors[1]);

    [Fact]
    public void Scalars_between_do_not_hide_what_the_one_multiplies() =>
        Assert.Equal(Value(@"\frac{1}{n}\mathbf{1}_{n}^\top X w", "n:dim", "p:dim", "X:mat n p", "w:vec p"),
            Value(@"\frac{1}{n}\mathbf{1}^\top X w", "n:dim", "p:dim", "X:mat n p", "w:vec p"));

    [Fact]
    public void A_one_added_to_a_vector_has_its_length() =>
        Assert.Equal(new Add(new Symbol("x", new VectorKind(Number.Of(4))), new Negate(new OnesVector(Number.Of(4)))), Value(@"x - \mathbf{1}", "x:vec 4"));

    [Fact]
    public void A_length_written_as_a_subscript_is_kept() =>
        Assert.Equal(new OnesVector(new Symbol("m")), Value(@"\mathbf{1}_m"));

    [Fact]
    public void Without_anything_to_take_its_length_from_it_reads_with_a_note_and_the_checker_says_it_cannot_evaluate_it()
    {
        var result = Read(@"\mathbf{1}^T x");
        Assert.True(result.Ok);
        Assert.Contains(result.Warnings, w => w.Contains("write \\mathbf{1}_n", StringComparison.Ordinal));
        var verdict = new EquivalenceChecker().Check(result.Value!, Value("x"));
        Assert.Equal(VerdictKind.Inconclusive, verdict.Kind);
        Assert.Contains("all-ones vector", verdict.Message);
    }

    [Fact]
    public void Ones_transposed_times_x_is_the_sum_of_the_entries_of_x()
    {
        Assert.Equal(VerdictKind.Equivalent, Check(@"\mathbf{1}^T x", @"\sum_{i=1}^{n} x_i", "n:dim", "x:vec n"));
        Assert.Equal(VerdictKind.Equivalent, Check(@"\mathbf{1}^T x", "x_1 + x_2 + x_3", "x:vec 3"));
        Assert.Equal(VerdictKind.NotEquivalent, Check(@"\mathbf{1}^T x", "x_1 + x_2", "x:vec 3"));
    }

    [Fact]
    public void It_is_written_back_as_it_was_read()
    {
        var value = Value(@"\mathbf{1}^T x", "n:dim", "x:vec n");
        Assert.Equal(@"\mathbf{1}_{n}^{\top} x", LatexWriter.Write(value));
        Assert.Equal(value, Value(LatexWriter.Write(value), "n:dim", "x:vec n"));
        Assert.Equal("𝟏_nᵀx", UnicodeWriter.Write(value));
    }
}
