using System.Text.RegularExpressions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// answer-keys/lstm-adam-cell.yaml: it verifies against the engine's derivations of q1b and q1c; an
/// accepted answer written differently earns full marks and a typical mistake earns less with feedback
/// that names it; q2's reference is right under both step conventions with c_0 = −0.5 and only under
/// φ(0) = 0 with c_0 = 0. The seed student's own answers are read from ../shared at test time.
/// </summary>
[AnswerKeyTests("lstm-adam-cell")]
public sealed partial class LstmAdamCellKeyTests
{
    private static readonly Lazy<AnswerKey> Key = new(() => LoadSet("lstm-adam-cell"));

    // ∂q_t/∂x_i = μ^{t−i}SW/(√m_t + ε) − v_t(1 − β)β^{t−i}W²x_i / (√m_t (√m_t + ε)²), both paths.
    private const string DqDx = @"\frac{\mu^{t-i}SW}{\sqrt{m_t}+\epsilon}-\frac{v_t(1-\beta)\beta^{t-i}W^2x_i}{\sqrt{m_t}(\sqrt{m_t}+\epsilon)^2}";

    [Fact]
    public void The_key_verifies_and_both_derivations_agree_with_it() =>
        KeyAssertions.VerifiesWithDerivations(Key.Value, "lstm-adam-dhT-dxi", "lstm-adam-dhT-dhi");

    [Theory]
    // σ'(z) written as h(1 − h), U taken out of the product, ∂q_t/∂x_i as one fraction.
    [InlineData("q1b", @"\frac{\partial h_T}{\partial x_i} = \sum_{t=i}^{T} U^{T-t} \left(\prod_{j=t+1}^{T} h_j(1-h_j)\right) h_t(1-h_t) \cdot \frac{SW\mu^{t-i}\sqrt{m_t}(\epsilon+\sqrt{m_t}) - W^2 x_i v_t (1-\beta)\beta^{t-i}}{\sqrt{m_t}(\epsilon+\sqrt{m_t})^2}")]
    // The homework's own two equations: ∂q_t/∂x_i first, then used in the sum.
    [InlineData("q1b", @"\frac{\partial q_t}{\partial x_i} = " + DqDx + "\n"
        + @"\frac{\partial h_T}{\partial x_i} = \sum_{t=i}^{T}\left(\prod_{j=t+1}^{T}\sigma'(z_j)U\right)\sigma'(z_t)\frac{\partial q_t}{\partial x_i}")]
    [InlineData("q1c", @"\frac{\partial h_T}{\partial h_i} = U^{T-i}\prod_{j=i+1}^{T}\sigma'(z_j)")]
    // The seed's step before its last line, in this test's own LaTeX: each factor written out.
    [InlineData("q1c", @"\frac{\partial h_T}{\partial h_i} = \prod_{j=i+1}^{T} \sigma\left(U h_{j-1} + \frac{v_j}{\sqrt{m_j}+\epsilon}\right)\left(1 - \sigma\left(U h_{j-1} + \frac{v_j}{\sqrt{m_j}+\epsilon}\right)\right) U")]
    // Twice the reference's weights and biases of the first layer: the same network.
    [InlineData("q2", @"W = \begin{bmatrix}2&2\\-2&-2\end{bmatrix},\ b = \begin{bmatrix}-3\\1\end{bmatrix},\ v = (1, 1),\ r = 1,\ c_0 = -0.5,\ c = -1.5")]
    public void An_accepted_answer_written_differently_earns_full_marks(string part, string answer) =>
        KeyAssertions.FullMarks(Key.Value, part, answer);

    [Theory]
    [InlineData("q1b", "", @"\sum_{t=i}^{T}\left(\prod_{j=t+1}^{T}U\sigma'(z_j)\right)\left(" + DqDx + @"\right)",
        "The factor σ′(z_t) is missing", "جا افتاده است")]
    [InlineData("q1b", "", @"\frac{\partial q_t}{\partial x_i} = \frac{\mu^{t-i}SW}{\sqrt{m_t}+\epsilon}" + "\n"
        + @"\frac{\partial h_T}{\partial x_i} = \sum_{t=i}^{T}\left(\prod_{j=t+1}^{T}\sigma'(z_j)U\right)\sigma'(z_t)\frac{\partial q_t}{\partial x_i}",
        "Only the path through v_t is there", "فقط مسیر")]
    [InlineData("q1b", "", @"\sum_{t=i}^{T}\left(\prod_{j=t}^{T}\sigma'(z_j)U\right)\sigma'(z_t)\left(" + DqDx + @"\right)",
        "starts one step too early", "یک گام زودتر")]
    [InlineData("q1b", "", @"\sum_{t=i}^{T}U^{T-i}\left(\prod_{j=t+1}^{T}\sigma'(z_j)\right)\sigma'(z_t)\left(" + DqDx + @"\right)",
        "The power of U is wrong inside the sum", "توان")]
    [InlineData("q1b", "", @"\left(\prod_{j=i+1}^{T}\sigma'(z_j)U\right)\sigma'(z_i)\left(\frac{SW}{\sqrt{m_i}+\epsilon}-\frac{v_i(1-\beta)W^2x_i}{\sqrt{m_i}(\sqrt{m_i}+\epsilon)^2}\right)",
        "This is only the term t = i", "فقط جملهٔ")]
    [InlineData("q1c", "", @"U^{T-i+1}\prod_{j=i+1}^{T}\sigma'(z_j)", "One factor of U too many", "اضافه")]
    [InlineData("q1c", "", @"\prod_{j=i+1}^{T}h_j(1-h_j) \cdot U^{T-i}", "is inside the product", "داخل حاصل‌ضرب")]
    [InlineData("q1c", "", @"U^{T-i}\prod_{j=i}^{T}h_j(1-h_j)", "The product starts one step too early", "یک گام زودتر")]
    [InlineData("q1c", "", "U^{T-i}", "The derivative of the sigmoid is missing", "مشتق سیگموید")]
    // The seed's c_0 = 0: a unit sits on its threshold, so only φ(0) = 0 works.
    [InlineData("q2", "", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-1.5, 0.5),\ v = (1, 1),\ r = 1,\ c_0 = 0,\ c = -1.5",
        "Right only under φ(0)=0", "هر بایاس را وسط دو حالتی بگذارید")]
    // r = 0: the output forgets the earlier steps.
    [InlineData("q2", "", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-1.5, 0.5),\ v = (1, 1),\ r = 0,\ c_0 = -0.5,\ c = -1.5",
        "Wrong under both step conventions", "با هیچ‌یک از دو قرارداد پله درست نیست")]
    public void A_wrong_answer_earns_less_with_feedback_that_says_why(string part, string quantity, string answer, string en, string fa) =>
        KeyAssertions.LessWithFeedback(Key.Value, part, quantity, answer, en, fa);

    [Fact]
    public void A_students_own_definition_of_dq_dx_is_substituted_and_said_so()
    {
        var r = Grade(Key.Value, "q1b", @"\frac{\partial q_t}{\partial x_i} = " + DqDx + "\n"
            + @"\frac{\partial h_T}{\partial x_i} = \sum_{t=i}^{T}U^{T-t}\left(\prod_{j=t+1}^{T}\sigma'(z_j)\right)\sigma'(z_t)\frac{\partial q_t}{\partial x_i}");
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.Contains(r.Notes, n => n.StartsWith("Your own definition ∂q_t/∂x_i", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_its_definition_dq_dx_cannot_be_decided_and_goes_to_a_person()
    {
        // The engine differentiates q_t through v_t and m_t only for a concrete number of steps.
        var r = Grade(Key.Value, "q1b", @"\sum_{t=i}^{T}\left(\prod_{j=t+1}^{T}\sigma'(z_j)U\right)\sigma'(z_t)\frac{\partial q_t}{\partial x_i}");
        Assert.Equal(GradeVerdict.Inconclusive, r.Verdict);
        Assert.True(r.Flags.HasFlag(GradeFlags.ManualReview));
    }

    [Fact]
    public void The_seeds_unfinished_q1b_is_flagged_for_a_person_not_guessed()
    {
        var line = Formulas(Seed()).First(f => f.StartsWith(@"\frac{\partial h_T}{\partial x_i}", StringComparison.Ordinal));
        var r = Grade(Key.Value, "q1b", line);
        Assert.Equal(GradeVerdict.Inconclusive, r.Verdict);
        Assert.True(r.Flags.HasFlag(GradeFlags.ManualReview));
    }

    [Fact]
    public void The_seeds_q1c_answer_is_read_with_U_inside_the_product_and_told_so()
    {
        // Its last line ∏_{j=i+1}^{T} (σ(…)(1 − σ(…))) · U^{T−i}: right if U^{T−i} stood outside the product.
        var last = Formulas(Seed()).Last(f => f.StartsWith(@"\frac{\partial h_T}{\partial h_i}", StringComparison.Ordinal));
        Assert.Contains("U^{T-i}", last);
        var r = Grade(Key.Value, "q1c", last);
        Assert.Equal((GradeVerdict.Partial, 8m), (r.Verdict, r.Points));
        Assert.Contains("inside the product", r.Feedback.En);
    }

    [Fact]
    public void The_seeds_network_is_right_under_both_step_conventions_with_c0_minus_half()
    {
        var r = Grade(Key.Value, "q2", SeedSummary());
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.True(r.Circuit!.PassesBoth);
        Assert.Contains("Right under both step conventions", r.Feedback.En);
    }

    [Fact]
    public void With_the_c0_of_the_seeds_text_it_is_right_only_under_the_strict_step()
    {
        var seed = Seed();
        Assert.Contains("c_0=0", seed);
        var r = Grade(Key.Value, "q2", SeedSummary().Replace("c_0 = -0.5", "c_0 = 0", StringComparison.Ordinal));
        Assert.True(r.Circuit!.Strict.Passed);
        Assert.False(r.Circuit.Inclusive.Passed);
        Assert.Equal((GradeVerdict.Partial, 12m), (r.Verdict, r.Points));
        Assert.Contains("Right only under φ(0)=0", r.Feedback.En);
        Assert.Contains("exactly on its threshold", r.Feedback.En);
        Assert.Contains("\u2066φ(0)=1", r.Feedback.Fa);
    }

    [Fact]
    public void A_network_that_needs_phi_of_0_equal_1_is_told_which_convention_it_needs()
    {
        // Every unit sits exactly on its threshold when it should fire: right only when φ(0) = 1.
        var r = Grade(Key.Value, "q2", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-2, 0),\ v = (1, 1),\ r = 1,\ c_0 = -1,\ c = -2");
        Assert.Equal((GradeVerdict.Partial, 12m), (r.Verdict, r.Points));
        Assert.Contains("Right only under φ(0)=1", r.Feedback.En);
        Assert.Contains("Under φ(0)=0", r.Feedback.En);
    }

    [Theory]
    [InlineData("q1a")]
    [InlineData("q1d")]
    [InlineData("q1e")]
    public void The_prose_parts_are_left_to_a_person(string part) =>
        Assert.Equal(GradeVerdict.Manual, Grade(Key.Value, part, "The gradient vanishes.").Verdict);

    [Fact]
    public void The_rubric_says_the_cells_moment_names_are_the_reverse_of_Adams()
    {
        var rubric = ((ProseSpec)Key.Value.FindPart("q1e")!.Spec).Rubric;
        Assert.Contains(rubric, i => i.Text.En.Contains("swapped relative to Adam", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_formula_in_the_keys_texts_renders() => KeyAssertions.EveryFormulaRenders(Key.Value);

    private static string Seed() => File.ReadAllText(SharedData.Path("seeds", "000_4e33ceb8df271320.txt"));

    /// <summary>The $$…$$ display formulas of a seed, in order.</summary>
    internal static IEnumerable<string> Formulas(string text) =>
        DisplayMath().Matches(text).Select(m => m.Groups[1].Value.Trim());

    /// <summary>
    /// The network of the seed's summary. The seed names the bias B and the last constant c^t; the
    /// question (and the key) call them b and c, and a circuit answer is read by those names.
    /// </summary>
    private static string SeedSummary()
    {
        var seed = Seed();
        var summary = seed[seed.LastIndexOf("خلاصه", StringComparison.Ordinal)..];
        return string.Join("\n", Formulas(summary))
            .Replace("B =", "b =", StringComparison.Ordinal)
            .Replace("c^t", "c", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\$\$(.+?)\$\$", RegexOptions.Singleline)]
    private static partial Regex DisplayMath();
}
