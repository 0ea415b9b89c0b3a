using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>Reading answers as students write them and matching each equation to a quantity by its left-hand side.</summary>
public sealed class AnswerMatchingTests
{
    // linear-models-and-adam/q1a in miniature: the gradient and the update.
    private static readonly Lazy<AnswerKey> Key = new(() => Parse(Header(symbols: "    'n': dim") + """
          - id: q1a
            points: 4
            mode: symbolic
            statement: gradient and update
            quantities:
              - id: gradient
                names: ['\frac{\partial L}{\partial w_j}', '\nabla_{w_j} L', 'g_j']
                points: 2
                accept: ['-\frac{1}{n}\sum_{i=1}^{n}(y^{(i)}-\hat{y}^{(i)})x_j^{(i)}']
                mistakes:
                  - diagnosis: sign
                    points: 1
                    feedback: {en: The minus sign is missing., fa: علامت منفی جا افتاده است.}
              - id: update
                names: ['w_j']
                points: 2
                accept: ['w_j + \frac{\alpha}{n}\sum_{i=1}^{n}(y^{(i)}-\hat{y}^{(i)})x_j^{(i)}']
        """));

    private const string Gradient = @"\frac{1}{n}\sum_{i=1}^{n}(\hat{y}^{(i)}-y^{(i)})x_j^{(i)}";
    private const string Update = @"w_j - \frac{\alpha}{n}\sum_{i=1}^{n}(\hat{y}^{(i)}-y^{(i)})x_j^{(i)}";

    [Theory]
    [InlineData(@"\frac{\partial L}{\partial w_j} = " + Gradient + @",\quad w_j \leftarrow " + Update)]
    [InlineData(@"\frac{dL}{dw_j} = " + Gradient + "\n" + @"w_j := " + Update)]
    [InlineData(@"w_j \leftarrow " + Update + @"; \nabla_{w_j} L = " + Gradient)]
    [InlineData(@"$$g_j = \frac{\partial L}{\partial w_j} = " + Gradient + "$$\n" + @"w_j = " + Update)]
    public void Each_equation_is_graded_as_the_quantity_its_left_side_names(string answer)
    {
        var r = Grade(Key.Value, "q1a", answer);
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.Equal(4, r.Points);
        Assert.Equal(2, r.Quantities.Length);
    }

    [Fact]
    public void Quantities_are_graded_separately()
    {
        var r = Grade(Key.Value, "q1a", @"\frac{\partial L}{\partial w_j} = -" + Gradient + @", w_j \leftarrow " + Update);
        Assert.Equal((GradeVerdict.Partial, 3m), (r.Verdict, r.Points));
        Assert.Contains("The minus sign is missing.", r.Feedback.En);
    }

    [Fact]
    public void A_missing_quantity_and_an_unmatched_equation_are_reported()
    {
        var r = Grade(Key.Value, "q1a", @"\frac{\partial L}{\partial w_j} = " + Gradient + @", b = 3");
        Assert.Equal((GradeVerdict.Partial, 2m), (r.Verdict, r.Points));
        Assert.True(r.Flags.HasFlag(GradeFlags.NotFound));
        Assert.Contains("No answer for w_j", r.Feedback.En);
        Assert.Contains("does not say which quantity", r.Feedback.En);
    }

    [Fact]
    public void A_chain_is_graded_by_its_last_expression_that_is_not_a_name()
    {
        var context = Key.Value.Parts[0].Context;
        var answer = AnswerReader.Read(@"\frac{\partial L}{\partial w_j} = " + Gradient + " = g_j", context);
        var q = ((QuantitiesSpec)Key.Value.Parts[0].Spec).Quantities[0];
        var match = QuantityMatcher.Match(answer, [q]);
        Assert.Equal(context.Read(Gradient).Value, match.Matched[0].Value);
    }

    [Fact]
    public void A_derivative_with_d_partial_or_nabla_names_the_same_thing()
    {
        var context = Key.Value.Parts[0].Context;
        var q = ((QuantitiesSpec)Key.Value.Parts[0].Spec).Quantities[0];
        Assert.True(QuantityMatcher.Names(q, context.Read(@"\frac{dL}{dw_j}").Value!));
        Assert.True(QuantityMatcher.Names(q, context.Read(@"\nabla_{w_j} L").Value!));
        Assert.False(QuantityMatcher.Names(q, context.Read(@"\frac{\partial L}{\partial w_k}").Value!));
    }

    [Fact]
    public void A_matrix_written_over_several_lines_is_one_statement()
    {
        var answer = AnswerReader.Read("W = \\begin{bmatrix}1&1\\\\\n-1&-1\\end{bmatrix}\nb = 2", Key.Value.Context);
        Assert.Equal(2, answer.Items.Length);
        Assert.All(answer.Items, i => Assert.True(i.IsEquation));
    }

    [Fact]
    public void A_parse_error_points_into_the_answer_as_given()
    {
        var answer = AnswerReader.Read("a = 1\nb = \\frac{1}{2", Key.Value.Context);
        Assert.False(answer.Ok);
        Assert.Equal(2, answer.Error!.Line);
    }

    [Theory]
    [InlineData("b, c", "bc")]
    [InlineData("ب، ج", "bc")]
    [InlineData("گزینه‌های آ و د", "ad")]
    [InlineData("(B) and (c)", "bc")]
    [InlineData("الف", "a")]
    public void Option_letters_may_be_Latin_or_Persian(string text, string letters)
    {
        var read = ChoiceReader.Read(text);
        Assert.True(read.Ok, string.Join(", ", read.Unknown));
        Assert.Equal(letters, new string([.. read.Letters]));
    }

    [Fact]
    public void A_distribution_statement_is_an_assumption_not_an_answer()
    {
        // Graded as the product w_j·∼·N(0, τ²) it would have been compared with the update.
        var r = Grade(Key.Value, "q1a", @"w_j \sim \mathcal{N}(0, \tau^2)" + "\n" + @"\frac{\partial L}{\partial w_j} = " + Gradient + "\n" + @"w_j \leftarrow " + Update);
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.Contains(r.Notes, n => n.Contains("w_j ∼", StringComparison.Ordinal) && n.Contains("not graded", StringComparison.Ordinal));

        var alone = Grade(Key.Value, "q1a", @"w_j \sim \mathcal{N}(0, \tau^2)");
        Assert.Equal(0m, alone.Points);
        Assert.All(alone.Quantities, q => Assert.Equal("not-found", q.Method));
    }
}
