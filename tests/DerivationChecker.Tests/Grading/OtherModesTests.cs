using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>Numeric, multiple choice, closed-form count and prose parts.</summary>
public sealed class OtherModesTests
{
    private static readonly Lazy<AnswerKey> Key = new(() => Parse(Header(symbols: """
            'n_x': dim
            'n_y': dim
        """) + """
          - id: num
            points: 4
            mode: numeric
            statement: a vector
            accept: ['(6, 1, 2)']
            tolerance: {absolute: 0.01}
            mistakes:
              - answer: '(6, 1, 0)'
                points: 2
                feedback: {en: The third value., fa: مقدار سوم.}
              - diagnosis: sign
                points: 1
                feedback: {en: Opposite sign., fa: علامت برعکس.}
          - id: quarter
            points: 1
            mode: numeric
            statement: the maximum of σ'
            accept: ['\frac{1}{4}']
          - id: one
            points: 2
            mode: choice
            statement: pick one
            options: {a: one, b: two, c: three, d: four}
            correct: c
          - id: many
            points: 6
            mode: choice
            statement: pick several
            options:
              a: one
              b: two
              c: {text: three, feedback: {en: Three is odd., fa: سه فرد است.}}
            correct: [a, b]
            subset_credit: true
            wrong_option_penalty: 1
            mistakes:
              - {answer: 'b, c', points: 0.5, feedback: {en: Half right., fa: نیمه درست.}}
          - id: count
            points: 3
            mode: count
            statement: trainable parameters of the Elman network
            variables: ['n_x', 'n_y']
            accept: ['3n_x + 3n_y + 24']
            mistakes:
              - diagnosis: factor
                points: 1
                feedback: {en: Off by a factor., fa: یک ضریب.}
          - id: essay
            points: 3
            mode: prose
            statement: explain
            rubric:
              - {points: 2, text: {en: 'names $\sigma''$', fa: 'نام بردن از $\sigma''$'}}
              - {points: 1, text: the bound}
        """));

    [Theory]
    [InlineData("(6, 1, 2)")]
    [InlineData(@"\begin{bmatrix}6 & 1 & 2\end{bmatrix}")]
    [InlineData(@"\begin{bmatrix}6\\1\\2.001\end{bmatrix}")]
    [InlineData("6, 1, 2")]
    [InlineData(@"output = \begin{bmatrix}\frac{12}{2}\\1\\2\end{bmatrix}")]
    public void A_numeric_vector_within_tolerance_in_any_orientation_is_right(string answer) =>
        Assert.Equal(GradeVerdict.Full, Grade(Key.Value, "num", answer).Verdict);

    [Fact]
    public void Numeric_mistakes_match_by_value_and_by_sign()
    {
        Assert.Equal(2, Grade(Key.Value, "num", "(6, 1, 0.001)").Points);
        var sign = Grade(Key.Value, "num", "(-6, -1, -2)");
        Assert.Equal((1m, "Opposite sign."), (sign.Points, sign.Feedback.En));
        var wrong = Grade(Key.Value, "num", "(6, 2, 2)");
        Assert.Equal(GradeVerdict.None, wrong.Verdict);
        Assert.Contains("entry 2 of 3", wrong.Feedback.En);
        Assert.Contains("3 numbers", Grade(Key.Value, "num", "(6, 1)").Feedback.En);
        Assert.Equal(GradeVerdict.Invalid, Grade(Key.Value, "num", "(6, 1, t)").Verdict);
    }

    [Fact]
    public void A_number_may_be_written_as_an_expression() =>
        Assert.Equal(GradeVerdict.Full, Grade(Key.Value, "quarter", "0.25").Verdict);

    [Theory]
    [InlineData("c", 2)]
    [InlineData("ج", 2)]
    [InlineData("C", 2)]
    [InlineData("b", 0)]
    [InlineData("c, d", 0)]
    public void A_single_answer_choice(string answer, double points) =>
        Assert.Equal((decimal)points, Grade(Key.Value, "one", answer).Points);

    [Theory]
    [InlineData("a, b", 6)]
    [InlineData("آ، ب", 6)]
    [InlineData("a", 3)]
    [InlineData("ب", 3)]
    [InlineData("a, c", 2)]
    [InlineData("b, c", 0.5)]
    [InlineData("c", 0)]
    public void Several_correct_options_with_subset_credit_and_a_penalty(string answer, double points) =>
        Assert.Equal((decimal)points, Grade(Key.Value, "many", answer).Points);

    [Fact]
    public void A_wrong_option_explains_itself_and_an_unknown_letter_is_invalid()
    {
        var r = Grade(Key.Value, "many", "a, c");
        Assert.Contains("Three is odd.", r.Feedback.En);
        Assert.Contains("(ج)", r.Feedback.Fa);
        var bad = Grade(Key.Value, "one", "e");
        Assert.Equal(GradeVerdict.Invalid, bad.Verdict);
        Assert.Contains("a, b, c, d", bad.Feedback.En);
    }

    [Theory]
    [InlineData("(3n_x+9+3)+(6+4+2)+(2n_y+n_y)")]
    [InlineData("3(n_x + n_y + 8)")]
    public void A_count_written_differently_is_right_symbolically_and_at_integers(string answer)
    {
        var r = Grade(Key.Value, "count", answer);
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.EndsWith("+integers", r.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_count_gets_an_integer_counterexample_or_its_rule()
    {
        var r = Grade(Key.Value, "count", "3n_x + 3n_y + 21");
        Assert.Equal(GradeVerdict.None, r.Verdict);
        Assert.Contains("with n_x = 1, n_y = 1 the count is 30 but your formula gives 27", r.Feedback.En);
        Assert.Equal(1, Grade(Key.Value, "count", "6n_x + 6n_y + 48").Points);
    }

    [Fact]
    public void Prose_is_left_to_a_person_with_the_rubric()
    {
        var r = Grade(Key.Value, "essay", "because the gradient vanishes");
        Assert.Equal((GradeVerdict.Manual, 0m, 3m), (r.Verdict, r.Points, r.MaxPoints));
        Assert.True(r.Flags.HasFlag(GradeFlags.ManualReview));
        Assert.Contains("(2) names σ′", r.Feedback.En);
        Assert.Contains("(۲)", r.Feedback.Fa);
    }

    [Fact]
    public void An_unknown_part_is_invalid_and_not_found()
    {
        var r = Grade(Key.Value, "zz", "1");
        Assert.Equal(GradeVerdict.Invalid, r.Verdict);
        Assert.True(r.Flags.HasFlag(GradeFlags.NotFound));
    }
}
