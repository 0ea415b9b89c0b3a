using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// answer-keys/optimizers-elman.yaml: it verifies; Newton's step, AdaGrad and the Elman network's
/// parameter count and shapes accept answers written differently from the key and give wrong ones
/// less, with feedback in both languages that names the mistake; the prose parts go to a person.
/// </summary>
[AnswerKeyTests("optimizers-elman")]
public sealed class OptimizersElmanKeyTests
{
    private static readonly Lazy<AnswerKey> Key = new(() => LoadSet("optimizers-elman"));

    [Fact]
    public void The_key_verifies_without_findings() => Assert.Empty(KeyVerifier.Verify(Key.Value));

    [Theory]
    [InlineData("q1a")]
    [InlineData("q1b")]
    [InlineData("q2")]
    public void The_prose_parts_are_left_to_a_person(string part) =>
        Assert.Equal(GradeVerdict.Manual, Grade(Key.Value, part, "an explanation in words").Verdict);

    [Theory]
    [InlineData("q1c", @"\theta_{t+1} = \theta_t - H^{-1}\frac{\partial L}{\partial \theta}")]
    [InlineData("q1c", @"\theta \leftarrow \theta_{old} - H^{-1}g")]
    // The homework's own formula: the gradient of L at θ_old.
    [InlineData("q1c", @"\theta_{new} = \theta_{old} - H^{-1}\nabla L(\theta_{old})")]
    [InlineData("q1d", @"G_t = G_{t-1} + g_t^2
        \theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{G_t} + \epsilon} \odot g_t")]
    [InlineData("q1d", @"G_t = g_t \odot g_t + G_{t-1}, \theta_{t+1} = \theta_t - \eta\, g_t \oslash (\epsilon + \sqrt{G_{t-1} + g_t \odot g_t})")]
    [InlineData("q1e", @"N_{params} = (3n_x + 3 \cdot 3 + 3) + (3 \cdot 2 + 2 \cdot 2 + 2) + (2n_y + n_y)
        h_1(t) \in \mathbb{R}^{3}
        h_2(t) \in \mathbb{R}^{2 \times 1}
        y(t) \in \mathbb{R}^{n_y}
        X \in \mathbb{R}^{L \times B \times n_x}")]
    // The count layer by layer (units × (inputs + own state + bias)), the shapes as column vectors.
    [InlineData("q1e", @"N_{params} = 3(n_x + 3 + 1) + 2(3 + 2 + 1) + n_y(2 + 1)
        h^{(1)}(t) \in \mathbb{R}^{3 \times 1}
        h_2 \in \mathbb{R}^{2}
        \hat{y}(t) \in \mathbb{R}^{n_y \times 1}
        x \in \mathbb{R}^{B \times L \times n_x}")]
    public void An_accepted_answer_written_differently_earns_full_marks(string part, string answer) =>
        KeyAssertions.FullMarks(Key.Value, part, answer);

    [Theory]
    [InlineData("q1c", "answer", @"\theta_{new} = \theta - Hg", "must be inverted", "باید وارون شود")]
    [InlineData("q1c", "answer", @"\theta_{new} = \theta + H^{-1}\nabla_\theta L", "maximum of the quadratic model", "بیشینهٔ مدل درجه‌دوم")]
    [InlineData("q1c", "answer", @"\theta_{new} = \theta - g^\top H^{-1}", "The shapes do not work", "ابعاد جور درنمی‌آیند")]
    [InlineData("q1d", "accumulator", @"G_t = G_{t-1} + g_t^\top g_t", "elementwise square", "مربع درایه‌به‌درایه")]
    [InlineData("q1d", "accumulator", @"G_t = \beta G_{t-1} + (1 - \beta) g_t \odot g_t", "RMSProp", "RMSProp")]
    [InlineData("q1d", "update", @"\theta_{t+1} = \theta_t - \eta\, g_t \oslash (\sqrt{G_{t-1}} + \epsilon)", "must use", "باید از")]
    [InlineData("q1d", "update", @"\theta_{t+1} = \theta_t - \eta\, g_t \oslash (G_t + \epsilon)", "square root is missing", "جذر جا افتاده است")]
    [InlineData("q1e", "parameters", @"N = 3n_x + 2n_y + 19", "biases are missing", "بایاس‌ها جا افتاده‌اند")]
    [InlineData("q1e", "parameters", @"N = 3n_x + 3n_y + 11", "recurrent weights are missing", "وزن‌های بازگشتی جا افتاده‌اند")]
    [InlineData("q1e", "parameters", @"N = 3n_x + 3n_y + 30", "the count is 30 but your formula gives 36", "این تعداد درست نیست")]
    [InlineData("q1e", "h1", @"h_1(t) \in \mathbb{R}^{2}", "3 units", "۳ واحد")]
    [InlineData("q1e", "h2", @"h_2(t) \in \mathbb{R}^{3}", "2 units", "۲ واحد")]
    [InlineData("q1e", "output", @"y(t) \in \mathbb{R}^{2}", "not that of the last hidden layer", "نه اندازهٔ آخرین لایهٔ پنهان")]
    [InlineData("q1e", "input", @"X \in \mathbb{R}^{B \times n_x}", "time axis is missing", "محور زمان جا افتاده است")]
    public void A_wrong_answer_earns_less_with_feedback_that_says_why(string part, string quantity, string answer, string en, string fa) =>
        KeyAssertions.LessWithFeedback(Key.Value, part, quantity, answer, en, fa);

    [Fact]
    public void The_parameter_count_is_checked_at_integers_too()
    {
        var r = Grade(Key.Value, "q1e", @"N_{params} = 3(n_x + n_y + 8)");
        var count = Assert.Single(r.Quantities, q => q.Id == "parameters");
        Assert.Equal(GradeVerdict.Full, count.Verdict);
        Assert.Contains("integers", count.Method);
    }
}
