using System.Globalization;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Circuits;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// answer-keys/rnn-gradients-circuits.yaml: it verifies against the engine's derivations of q1 and
/// q3b; accepted answers written differently earn full marks and typical mistakes (the order of a
/// product of Jacobians, a missing transpose, |w|/2, clipping that rescales) earn less with feedback
/// that names them; q6's reference traces 1110100 to 1110000 and q7's is right only with φ(0) = 0.
/// </summary>
[AnswerKeyTests("rnn-gradients-circuits")]
public sealed class RnnGradientsCircuitsKeyTests
{
    private static readonly Lazy<AnswerKey> Key = new(() => LoadSet("rnn-gradients-circuits"));

    private const string Q7Reference = @"W = \begin{bmatrix}-1&-1\\1&1\end{bmatrix},\ b = (1, -1),\ v = (1, 1),\ r = 1,\ c = -1,\ c_0 = 0";

    [Fact]
    public void The_key_verifies_and_both_derivations_agree_with_it() =>
        KeyAssertions.VerifiesWithDerivations(Key.Value, "rnn-closed-form", "rnn-vanishing-bound");

    [Theory]
    [InlineData("q1", @"h_t = (-1)^{t}\left(h_0 + \sum_{k=1}^{t}(-1)^{k}x_k\right)" + "\n"
        + @"y_T = \frac{1}{1 + e^{-10\left((-1)^T h_0 + \sum_{i=1}^{T}(-1)^{T+i}x_i\right)}}")]
    // h(1 − h) for σ', the backward step through the named Jacobian, and J_k defined on the way.
    [InlineData("q3a", @"\frac{\partial h_{t+1}}{\partial h_t} = \mathrm{diag}(h_{t+1}\odot(1-h_{t+1}))W" + "\n"
        + @"\frac{\partial L}{\partial h_t} = \left(\frac{\partial h_{t+1}}{\partial h_t}\right)^\top\frac{\partial L}{\partial h_{t+1}}" + "\n"
        + @"J_k = \mathrm{diag}(\sigma'(z_{k+1}))W" + "\n"
        + @"\frac{\partial h_T}{\partial h_t} = \prod_{k=0}^{T-t-1} J_{T-1-k}")]
    [InlineData("q3b", @"\left|\frac{\partial L}{\partial h_t}\right| \le 4^{t-T}|w|^{T-t}\left|\frac{\partial L}{\partial h_T}\right|")]
    [InlineData("q3c", @"\frac{dL}{dh_t} = w\,\frac{dL}{dh_{t+1}}\sigma(z_{t+1})(1-\sigma(z_{t+1})) + M\,\frac{dL}{dh_{t+2}}\sigma(z_{t+2})(1-\sigma(z_{t+2}))")]
    [InlineData("q4", @"g_i \leftarrow \mathrm{clip}(g_i, -c, c)" + "\n"
        + @"g \leftarrow \begin{cases} g & \|g\| \le c \\ \frac{c}{\|g\|} g & \text{otherwise}\end{cases}")]
    // σ′ as the product of two diagonals, the backward step through h(1 − h), the product counted from the end.
    [InlineData("q3a", @"\frac{\partial h_{t+1}}{\partial h_t} = \mathrm{diag}(\sigma(z_{t+1}))\,\mathrm{diag}(1 - \sigma(z_{t+1}))\,W" + "\n"
        + @"\frac{\partial L}{\partial h_t} = W^\top\left(\frac{\partial L}{\partial h_{t+1}} \odot h_{t+1} \odot (1 - h_{t+1})\right)" + "\n"
        + @"\frac{\partial h_T}{\partial h_t} = \prod_{k=1}^{T-t}\mathrm{diag}(\sigma'(z_{T-k+1}))W")]
    [InlineData("q4", @"g_i \leftarrow \max(\min(g_i, c), -c)" + "\n" + @"g \leftarrow \frac{g}{\max(1, \|g\|/c)}")]
    // The cases of clipping by value, one of them g_i < −c.
    [InlineData("q4", @"g_i \leftarrow \begin{cases} c & g_i > c \\ -c & g_i < -c \\ g_i & \text{otherwise} \end{cases}" + "\n" + @"g \leftarrow \min\left(1, \frac{c}{\|g\|}\right) g")]
    // δ on both sides: δ_T is ∂L/∂h_T.
    [InlineData("q3b", @"|\delta_t| \le |\delta_T| \left(\frac{|w|}{4}\right)^{T-t}")]
    [InlineData("q6", "w_1 = 2, w_2 = 2, w_3 = 1, b_1 = -3, b_2 = 0")]
    [InlineData("q7", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-1.5, 0.5),\ v = (1, 1),\ r = 1,\ c_0 = -0.5,\ c = -1.5")]
    public void An_accepted_answer_written_differently_earns_full_marks(string part, string answer) =>
        KeyAssertions.FullMarks(Key.Value, part, answer);

    [Theory]
    [InlineData("q1", "hidden", @"h_t = (-1)^t h_0 + \sum_{i=1}^{t}(-1)^{i}x_i" + "\n" + @"y = \sigma(10 h_T)",
        "not (−1)ⁱ", "علامت")]
    [InlineData("q3a", "jacobian", @"\frac{\partial h_{t+1}}{\partial h_t} = W\,\mathrm{diag}(\sigma'(z_{t+1}))" + "\n"
        + @"\frac{\partial L}{\partial h_t} = \frac{\partial h_{t+1}}{\partial h_t}\frac{\partial L}{\partial h_{t+1}}" + "\n"
        + @"\frac{\partial h_T}{\partial h_t} = \prod_{k=t}^{T-1}\mathrm{diag}(\sigma'(z_{k+1}))W",
        "The factors are in the wrong order", "ترتیب ضرب")]
    [InlineData("q3a", "backward", @"\frac{\partial L}{\partial h_t} = \frac{\partial h_{t+1}}{\partial h_t}\frac{\partial L}{\partial h_{t+1}}",
        "The transpose is missing", "ترانهاده جا افتاده")]
    [InlineData("q1", "output", @"y = \sigma(10 h_T)", "substitute the closed form of h_T", "شکل بستهٔ")]
    [InlineData("q3a", "unrolled", @"\frac{\partial h_T}{\partial h_t} = W^{T-t}", "The derivatives of the sigmoid are missing", "مشتق‌های سیگموید جا افتاده‌اند")]
    [InlineData("q3b", "", @"\left|\frac{\partial L}{\partial h_t}\right| \le \left|\frac{\partial L}{\partial h_T}\right|\left(\frac{|w|}{2}\right)^{T-t}",
        "is 1/4, not 1/2", "کران مشتق سیگموید")]
    [InlineData("q3b", "", @"\left|\frac{\partial L}{\partial h_t}\right| \le \left|\frac{\partial L}{\partial h_T}\right|\left(\frac{w}{4}\right)^{T-t}",
        "The absolute value of w is missing", "قدرمطلق")]
    [InlineData("q3c", "", @"\delta_t = \delta_{t+1}\sigma'(z_{t+1})w", "Only the path through h_{t+1}", "فقط مسیر")]
    [InlineData("q3c", "", @"\delta_t = \delta_{t+1}\sigma'(z_{t+1})w + \delta_{t+2}\sigma'(z_{t+1})M", "not σ′(z_{t+1})", "نه")]
    [InlineData("q4", "by-value", @"g_i \leftarrow c\,g_i" + "\n" + @"g \leftarrow c\,g", "rescales every coordinate by c", "در c ضرب می‌کند")]
    [InlineData("q4", "by-norm", @"g_i \leftarrow \min(\max(g_i, -c), c)" + "\n" + @"g \leftarrow \frac{c\,g}{\|g\|}",
        "also the small ones", "حتی کوچک‌ها")]
    // w_2 = 0: the state only looks at the current input.
    [InlineData("q6", "", "w_1 = 1, w_2 = 0, w_3 = 1, b_1 = -0.5, b_2 = 0", "fails first on x = 01", "نخستین ورودیِ نادرست \u2066x = 01\u2069 است")]
    // Right only when φ(0) = 1, which the question rules out.
    [InlineData("q7", "", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-2, 0),\ v = (1, 1),\ r = 1,\ c_0 = -1,\ c = -2",
        "The question uses φ(0)=0", "سؤال قرارداد \u2066φ(0)=0\u2069 را به کار می‌برد")]
    public void A_wrong_answer_earns_less_with_feedback_that_says_why(string part, string quantity, string answer, string en, string fa) =>
        KeyAssertions.LessWithFeedback(Key.Value, part, quantity, answer, en, fa);

    [Fact]
    public void The_transposed_jacobian_earns_part_of_the_points_and_is_called_the_other_layout()
    {
        var r = Grade(Key.Value, "q3a", @"\frac{\partial h_{t+1}}{\partial h_t} = W^\top\mathrm{diag}(\sigma'(W h_t + U x_{t+1}))");
        var jacobian = Assert.Single(r.Quantities, q => q.Id == "jacobian");
        Assert.Equal((GradeVerdict.Partial, 3m), (jacobian.Verdict, jacobian.Points));
        Assert.Equal(DiagnosisKind.Transpose, jacobian.Diagnosis?.Kind);
        Assert.Contains("denominator layout", jacobian.Feedback.En);
        Assert.Contains("چیدمان مخرج", jacobian.Feedback.Fa);
    }

    [Fact]
    public void The_backward_step_as_a_row_vector_earns_full_marks_and_says_which_layout_it_is()
    {
        var r = Grade(Key.Value, "q3a", @"\frac{\partial L}{\partial h_t} = \left(\frac{\partial L}{\partial h_{t+1}}\right)^\top \mathrm{diag}(\sigma'(z_{t+1}))W");
        var backward = Assert.Single(r.Quantities, q => q.Id == "backward");
        Assert.Equal(GradeVerdict.Full, backward.Verdict);
        Assert.Equal(DiagnosisKind.Transpose, backward.Diagnosis?.Kind);
        Assert.Contains("numerator layout", backward.Feedback.En);
    }

    [Fact]
    public void The_product_of_transposed_jacobians_is_the_transpose_of_the_unrolled_jacobian()
    {
        var r = Grade(Key.Value, "q3a", @"\frac{\partial h_T}{\partial h_t} = \prod_{k=t}^{T-1} W^\top\mathrm{diag}(\sigma'(z_{k+1}))");
        var unrolled = Assert.Single(r.Quantities, q => q.Id == "unrolled");
        Assert.Equal((GradeVerdict.Partial, 3m), (unrolled.Verdict, unrolled.Points));
        Assert.Contains("latest step on the left", unrolled.Feedback.En);
    }

    [Fact]
    public void A_wrong_definition_of_J_k_counts_where_it_is_used()
    {
        // J_k with the factors swapped: the product that uses it is wrong, and the note says why it was read so.
        var r = Grade(Key.Value, "q3a", @"J_k = W\,\mathrm{diag}(\sigma'(z_{k+1}))" + "\n" + @"\frac{\partial h_T}{\partial h_t} = \prod_{k=0}^{T-t-1} J_{T-1-k}");
        var unrolled = Assert.Single(r.Quantities, q => q.Id == "unrolled");
        Assert.Equal(0m, unrolled.Points);
        Assert.Contains(r.Notes, n => n.StartsWith("Your own definition J_k", StringComparison.Ordinal));
    }

    [Fact]
    public void A_product_written_with_dots_goes_to_a_person()
    {
        var r = Grade(Key.Value, "q3a", @"J_k = \mathrm{diag}(\sigma'(z_{k+1}))W" + "\n" + @"\frac{\partial h_T}{\partial h_t} = J_{T-1} J_{T-2} \cdots J_t");
        Assert.Equal(GradeVerdict.Inconclusive, Assert.Single(r.Quantities, q => q.Id == "unrolled").Verdict);
        Assert.True(r.Flags.HasFlag(GradeFlags.ManualReview));
    }

    [Fact]
    public void The_all_ones_reference_traces_1110100_to_1110000_with_the_questions_step()
    {
        var spec = (CircuitSpec)Key.Value.FindPart("q6")!.Spec;
        Assert.Equal(StepRequirement.Inclusive, spec.Step);
        var read = AssignmentReader.Read(spec.Reference, Key.Value.FindPart("q6")!.Context, spec.ParameterNames);
        var parameters = read.Values.ToDictionary(kv => kv.Key, kv => kv.Value.Entries.ToArray());
        var inputs = "1110100".Select(c => new[] { c - '0' }).ToList();
        var outputs = CircuitSimulator.Trace(spec.Architecture, parameters, inputs, StepConvention.Inclusive);
        Assert.Equal("1110000", string.Concat(outputs.Select(y => y.ToString(CultureInfo.InvariantCulture))));

        var r = Grade(Key.Value, "q6", spec.Reference);
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.Contains("Right only under f(z)=1 iff z≥0.5", r.Feedback.En);
    }

    [Fact]
    public void An_all_ones_network_that_forgets_a_zero_says_where_it_fails()
    {
        // w_2 = 0: the state only looks at the current input.
        var r = Grade(Key.Value, "q6", "w_1 = 1, w_2 = 0, w_3 = 1, b_1 = -0.5, b_2 = 0");
        Assert.Equal(GradeVerdict.None, r.Verdict);
        Assert.Contains("fails first on x = 01", r.Feedback.En);
    }

    [Fact]
    public void The_q7_reference_is_right_only_with_the_strict_step_and_the_feedback_says_so()
    {
        var r = Grade(Key.Value, "q7", Q7Reference);
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.True(r.Circuit!.Strict.Passed);
        Assert.False(r.Circuit.Inclusive.Passed);
        Assert.Contains("Right only under φ(0)=0", r.Feedback.En);
        Assert.Contains("\u2066φ(0)=0", r.Feedback.Fa);
    }

    [Fact]
    public void A_q7_network_that_needs_phi_of_0_equal_1_earns_nothing_and_is_told_the_questions_step()
    {
        var r = Grade(Key.Value, "q7", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-2, 0),\ v = (1, 1),\ r = 1,\ c_0 = -1,\ c = -2");
        Assert.Equal(GradeVerdict.None, r.Verdict);
        Assert.True(r.Circuit!.Inclusive.Passed);
        Assert.Contains("The question uses φ(0)=0", r.Feedback.En);
    }

    [Theory]
    [InlineData("q2")]
    [InlineData("q5")]
    public void The_prose_parts_are_left_to_a_person(string part) =>
        Assert.Equal(GradeVerdict.Manual, Grade(Key.Value, part, "Scheduled sampling.").Verdict);

    [Fact]
    public void Every_formula_in_the_keys_texts_renders() => KeyAssertions.EveryFormulaRenders(Key.Value);
}
