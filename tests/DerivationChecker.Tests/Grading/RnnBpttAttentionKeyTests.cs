using DerivationChecker.Core.Equivalence;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// The worked-example key, answer-keys/rnn-bptt-attention.yaml: it verifies, and for every automatic
/// part an accepted answer written differently from the key earns full marks while a wrong one earns
/// less, with feedback that says what is wrong.
/// </summary>
[AnswerKeyTests("rnn-bptt-attention")]
public sealed class RnnBpttAttentionKeyTests
{
    private static readonly Lazy<AnswerKey> Key = new(() => LoadSet("rnn-bptt-attention"));

    [Fact]
    public void The_key_verifies_and_agrees_with_the_derivation()
    {
        var findings = KeyVerifier.Verify(Key.Value);
        Assert.True(findings.IsEmpty, string.Join("\n", findings.Select(f => f.Message)));
    }

    [Theory]
    [InlineData("q1a", "ج, ب")]
    [InlineData("q1b", "(c)")]
    [InlineData("q1c", "گزینه ج")]
    [InlineData("q2a", @"\frac{\partial J_t}{\partial o_t} = -(y_t - \mathrm{softmax}(o_t))")]
    [InlineData("q2b", @"g_{h_i} = (W_{yh} W_{hh}^{t-i})^\top g_{o_t}")]
    [InlineData("q2c", @"\frac{\partial J_t}{\partial W_{hh}} = \sum_{k=1}^{t} (W_{hh}^\top)^{t-k} W_{yh}^\top g_{o_t} h_{k-1}^\top")]
    [InlineData("q2d", @"\frac{dJ}{dW_{hh}} = \frac{\partial J_3}{\partial W_{hh}} + \frac{\partial J_1}{\partial W_{hh}} + \frac{\partial J_2}{\partial W_{hh}}")]
    [InlineData("q3a", "(6, 1, 2)")]
    public void An_accepted_answer_written_differently_earns_full_marks(string part, string answer) =>
        KeyAssertions.FullMarks(Key.Value, part, answer);

    [Theory]
    [InlineData("q1a", "", "a, b", "many-to-many", "خروجی تشخیص گفتار دنباله‌ای از کلمه‌هاست")]
    [InlineData("q1b", "", "آ", "future days", "روزهای آینده")]
    [InlineData("q1c", "", "d", "Conditioning on", "شرط گذاشتن روی خود")]
    [InlineData("q2a", "", @"\left(-\sum_{i=1}^2 y_{t,i} \cdot \frac{1}{\hat{y}_{t,i}} \right) \times \sigma'(o_t)",
        "chain rule is started but not finished", "قاعدهٔ زنجیره‌ای را شروع کرده‌اید ولی تمام نکرده‌اید")]
    [InlineData("q2a", "", @"y_t - \hat{y}_t", "The sign is reversed", "علامت برعکس است")]
    [InlineData("q2b", "", @"W_{hh}^{t-i} W_{yh}^\top g_{o_t}", "multiplies the gradient by", "گرادیان را در")]
    [InlineData("q2c", "", @"\sum_i g_{h_t}(i)\cdot h_{i-1}", "outer product", "ضرب خارجی")]
    [InlineData("q2c", "", @"\sum_{i=1}^{t} h_{i-1} g_{h_i}^\top", "transpose of the gradient", "ترانهادهٔ گرادیان")]
    [InlineData("q2d", "", @"\frac{\partial J_3}{\partial W_{hh}}", "sum of the losses", "مجموع ضررهای هر سه گام")]
    [InlineData("q3a", "", @"\begin{bmatrix}6\\-1\\2\end{bmatrix}", "second key", "کلید دوم")]
    public void A_wrong_answer_earns_less_with_feedback_that_says_why(string part, string quantity, string answer, string en, string fa) =>
        KeyAssertions.LessWithFeedback(Key.Value, part, quantity, answer, en, fa);

    [Fact]
    public void The_seed_answer_to_q2a_matches_its_rule_and_keeps_formulas_left_to_right_in_Persian()
    {
        var r = Grade(Key.Value, "q2a", @"\frac{\partial J_t}{\partial o_t} = \left(-\sum_{i=1}^2 y_{t,i} \cdot \frac{1}{\hat{y}_{t,i}} \right) \times \sigma'(o_t) = g_{o_t}");
        Assert.Equal((GradeVerdict.Partial, 1m), (r.Verdict, r.Points));
        Assert.Equal("mistake:answer (rule 1)", r.Method);
        Assert.Contains("\u2066∂J_t/∂ŷ_t\u2069", r.Feedback.Fa);
        Assert.DoesNotContain("$", r.Feedback.Fa);
    }

    [Fact]
    public void The_row_vector_form_of_q2b_is_recognised_as_the_other_layout()
    {
        var r = Grade(Key.Value, "q2b", @"g_{o_t}^\top W_{yh} W_{hh}^{t-i}");
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.Equal(DiagnosisKind.Transpose, r.Diagnosis?.Kind);
        Assert.Contains("numerator layout", r.Feedback.En);
    }

    [Fact]
    public void The_prose_part_is_left_to_a_person() =>
        Assert.Equal(GradeVerdict.Manual, Grade(Key.Value, "q3b", "argmax has no useful gradient").Verdict);
}
