using DerivationChecker.Core.Equivalence;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// answer-keys/linear-models-and-adam.yaml: it verifies; for every automatic part an accepted answer
/// written differently from the key earns full marks and a wrong one earns less, with feedback in both
/// languages that says what is wrong; and the real student solution (seeds/001_…, read where it lives)
/// gets the grades and the diagnoses a careful TA would give it.
/// </summary>
[AnswerKeyTests("linear-models-and-adam")]
public sealed class LinearModelsAndAdamKeyTests
{
    private static readonly Lazy<AnswerKey> Key = new(() => LoadSet("linear-models-and-adam"));

    /// <summary>The seed's one-line display formulas ($$ … $$), in order, as the student wrote them.</summary>
    private static readonly Lazy<string[]> SeedFormulas = new(() =>
        [.. File.ReadLines(SharedData.Path("seeds", "001_e34f0158ba71e7fd.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 4 && line.StartsWith("$$", StringComparison.Ordinal) && line.EndsWith("$$", StringComparison.Ordinal))
            .Select(line => line[2..^2].Trim())]);

    private static IEnumerable<string> SeedLinesStartingWith(string prefix) =>
        SeedFormulas.Value.Where(f => f.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>No findings at all: every part naming a derivation was compared with what it reaches.</summary>
    [Fact]
    public void The_key_verifies_and_agrees_with_every_derivation_it_names() => Assert.Empty(KeyVerifier.Verify(Key.Value));

    [Fact]
    public void The_parts_add_up_and_the_prose_parts_are_left_to_a_person()
    {
        Assert.Equal(100m, Key.Value.Parts.Sum(p => p.Points));
        foreach (var part in new[] { "q1c", "q3a", "q3c", "q4a" })
            Assert.Equal(GradeVerdict.Manual, Grade(Key.Value, part, "an explanation in words").Verdict);
    }

    [Theory]
    [InlineData("q1a", @"\nabla_{w_j} L = \frac{1}{n}\sum_{i=1}^{n} x_j^{(i)}(\hat{y}^{(i)} - y^{(i)})
        w_j \leftarrow w_j - \alpha\frac{\partial L}{\partial w_j}")]
    [InlineData("q1b", @"L = \frac{1}{2n}(y - Xw)^\top(y - Xw)
        \frac{\partial L}{\partial w} = \frac{1}{n}(X^\top X w - X^\top y) = 0
        \hat{w} = (X^\top X)^{-1}(X^\top y)")]
    // The gradient as a single fraction, the update with the gradient written out and the sum reordered.
    [InlineData("q1a", @"\frac{\partial L}{\partial w_j} = \frac{\sum_{i=1}^{n} x_j^{(i)}\hat{y}^{(i)} - \sum_{i=1}^{n} x_j^{(i)}y^{(i)}}{n}
        w_j^{new} = w_j - \frac{\alpha}{n}\sum_{i=1}^{n} x_j^{(i)}(\hat{y}^{(i)} - y^{(i)})")]
    // The prediction written out as the statement defines it, with its own summation index.
    [InlineData("q1a", @"\frac{\partial L}{\partial w_j} = \frac{1}{n}\sum_{i=1}^{n}\left(\sum_{k=0}^{d} w_k x_k^{(i)} - y^{(i)}\right)x_j^{(i)}
        w_j \leftarrow w_j + \frac{\alpha}{n}\sum_{i=1}^{n}\left(y^{(i)} - \sum_{k=0}^{d} w_k x_k^{(i)}\right)x_j^{(i)}")]
    [InlineData("q1b", @"L(w) = \frac{1}{2n}\|y - Xw\|^2
        \nabla_w L = \frac{X^\top X w - X^\top y}{n}
        w^{*} = (X^\top X)^{-1}X^\top y")]
    [InlineData("q2a", @"\frac{d}{dt}\sigma(t) = \sigma(t) - \sigma(t)^2, \sigma'(0) = 0.25")]
    [InlineData("q2b", @"\frac{d}{dx}\mathrm{ReLU}(x) = \begin{cases} 0 & x < 0 \\ 1 & x > 0 \end{cases}")]
    [InlineData("q2c", @"\mathrm{Var}(XY) = \mathrm{Var}(X)\mathrm{Var}(Y) + \mathrm{Var}(Y)E[X]^2 + \mathrm{Var}(X)E[Y]^2
        \mathrm{Var}(z^{[l]}) = \mathrm{Var}(a^{[l-1]})\, n^{[l-1]}\,\mathrm{Var}(W^{[l]})
        \mathrm{Var}(W^{[l]}) = (n^{[l-1]})^{-1}")]
    [InlineData("q3b", @"\lambda = \sigma^2\tau^{-2}")]
    [InlineData("q3d", @"m_4 = (1 - \beta_1)g_4 + \beta_1(1 - \beta_1)g_3 + \beta_1^2(1 - \beta_1)g_2 + \beta_1^3(1 - \beta_1)g_1
        m_n = \sum_{i=1}^{n}(1 - \beta_1)\beta_1^{n-i}g_i
        E[m_n] = E[g_t] - \beta_1^n E[g_t]
        \hat{m}_n = m_n(1 - \beta_1^n)^{-1}
        \hat{v}_n = \frac{v_n}{1 - \beta_2^n}
        \theta_n = \theta_{n-1} - \frac{\alpha\hat{m}_n}{\epsilon + \sqrt{\hat{v}_n}}")]
    [InlineData("q4b", @"J_{ik} = \sigma_i(\delta_{ik} - \sigma_k), \frac{\partial \sigma}{\partial x} = -\sigma\sigma^T + \mathrm{diag}(\sigma)")]
    // m_n with the sum re-indexed from the newest gradient; each quantity in another form than the key's.
    [InlineData("q3d", @"m_4 = (1 - \beta_1)\left(g_4 + \beta_1 g_3 + \beta_1^2 g_2 + \beta_1^3 g_1\right)
        m_n = (1 - \beta_1)\sum_{k=1}^{n}\beta_1^{k-1}g_{n-k+1}
        E[m_n] = E[g] - \beta_1^n E[g]
        \hat{m}_n = \frac{m_n}{1 - \beta_1^n}
        \hat{v}_n = v_n(1 - \beta_2^n)^{-1}
        \theta_n = \theta_{n-1} - \alpha\,\hat{m}_n(\sqrt{\hat{v}_n} + \epsilon)^{-1}")]
    [InlineData("q4b", @"\frac{\partial \sigma_k}{\partial x_i} = \delta_{ik}\sigma_k - \sigma_k\sigma_i, J = \mathrm{diag}(\sigma) - \sigma\sigma^\top")]
    [InlineData("q4c", @"\frac{\partial L}{\partial \hat{y}_i} = -y_i\hat{y}_i^{-1}
        \nabla_u L = -(y - \hat{y})
        \frac{\partial L}{\partial h} = W'\frac{\partial L}{\partial u}
        \frac{\partial L}{\partial x} = W(W'(\hat{y} - y))
        \frac{\partial L}{\partial W'} = h\hat{y}^\top - hy^\top
        \frac{\partial L}{\partial W} = x(\hat{y} - y)^\top W'^\top")]
    [InlineData("q4c", @"\frac{\partial L}{\partial \hat{y}_i} = -\frac{y_i}{\hat{y}_i}
        \frac{\partial L}{\partial u} = \hat{y} - y
        \nabla_h L = W'\hat{y} - W'y
        \nabla_x L = WW'\hat{y} - WW'y
        \frac{\partial L}{\partial W'} = h(\hat{y} - y)^\top
        \frac{\partial L}{\partial W} = x\hat{y}^\top W'^\top - xy^\top W'^\top")]
    public void An_accepted_answer_written_differently_earns_full_marks(string part, string answer) =>
        KeyAssertions.FullMarks(Key.Value, part, answer);

    [Theory]
    [InlineData("q1a", "gradient", @"\frac{\partial L}{\partial w_j} = \sum_{i=1}^{n}(\hat{y}^{(i)} - y^{(i)}) x_j^{(i)}", "1/n is missing", "جا افتاده است")]
    [InlineData("q1a", "update", @"w_j := w_j + \alpha\frac{\partial L}{\partial w_j}", "goes uphill", "در جهت افزایش هزینه")]
    [InlineData("q1b", "loss", @"L(w) = \frac{1}{2n}(Xw - y)(Xw - y)^\top", "is an n×n matrix", "ماتریسی n×n است")]
    [InlineData("q1b", "gradient", @"\nabla_w L = -\frac{1}{n}X^\top(Xw - y)", "The sign is reversed", "علامت برعکس است")]
    [InlineData("q1b", "solution", @"w^{*} = X^{-1}y", "not square", "غیرمربعی")]
    [InlineData("q2a", "derivative", @"\sigma'(t) = -\frac{e^{-t}}{(1 + e^{-t})^2}", "The sign is reversed", "علامت برعکس است")]
    [InlineData("q2a", "maximum", @"\max_t \sigma'(t) = 1", "is true but not the maximum", "درست است ولی بیشینه نیست")]
    [InlineData("q2b", "answer", @"\mathrm{ReLU}'(x) = \begin{cases} x & x > 0 \\ 0 & x < 0 \end{cases}", "That is ReLU itself", "این خود ReLU است")]
    // Right near 0, wrong for x ≤ −5: found past the breakpoint, where random points do not reach.
    [InlineData("q2b", "answer", @"\mathrm{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & -5 < x < 0 \\ 1 & x \le -5 \end{cases}",
        "at x = -10 the expected answer is 0 but yours gives 1", "مقدار پاسخ درست \u20660\u2069 است ولی پاسخ شما \u20661\u2069 می‌دهد")]
    [InlineData("q2c", "product-variance", @"\mathrm{Var}(XY) = \mathrm{Var}(X)\mathrm{Var}(Y)", "only when both means are zero", "فقط وقتی برقرار است")]
    [InlineData("q2c", "layer-variance", @"\mathrm{Var}(a^{[l]}) = \mathrm{Var}(W^{[l]})\mathrm{Var}(a^{[l-1]})", "The factor n^[l − 1] is missing", "جا افتاده است")]
    [InlineData("q2c", "weight-variance", @"\mathrm{Var}(W^{[l]}) = \frac{2}{n^{[l-1]}}", "He initialisation", "مقداردهی He")]
    [InlineData("q3b", "answer", @"\lambda = \frac{\tau^2}{\sigma^2}", "Inverted", "برعکس است")]
    [InlineData("q3d", "m4", @"m_4 = \beta_1 m_2 + (1 - \beta_1) g_3", "the step for", "این گام مربوط به")]
    [InlineData("q3d", "m-n", @"m_n = (1 - \beta_1)\sum_{i=1}^{n}\beta_1^{i} g_i", "The exponents run the wrong way", "توان‌ها برعکس‌اند")]
    [InlineData("q3d", "expectation", @"E[m_n] = E[g]", "finite geometric series", "سری هندسی متناهی")]
    [InlineData("q3d", "m-hat", @"\hat{m}_n = m_n(1 - \beta_1^n)", "Multiplying makes the bias worse", "ضرب کردن اریبی را بیشتر می‌کند")]
    [InlineData("q3d", "v-hat", @"\hat{v}_n = \frac{v_n}{1 - \beta_1^n}", "averaged with β_2", "با \u2066β_2\u2069 میانگین‌گیری می‌شود")]
    [InlineData("q3d", "update", @"\theta_n = \theta_{n-1} - \alpha\frac{m_n}{\sqrt{v_n} + \epsilon}", "without bias correction", "بدون اصلاح اریبی")]
    [InlineData("q4b", "entry", @"\frac{\partial \sigma_k}{\partial x_i} = -\sigma_i\sigma_k", "only for", "فقط برای")]
    [InlineData("q4b", "matrix", @"J = -\sigma\sigma^\top", "diagonal term is missing", "جملهٔ قطری جا افتاده است")]
    [InlineData("q4c", "dyhat", @"\frac{\partial L}{\partial \hat{y}_i} = -\frac{1}{\hat{y}_i}", "The factor y_i is missing", "جا افتاده است")]
    [InlineData("q4c", "du", @"\frac{\partial L}{\partial u} = y - \hat{y}", "The sign is reversed", "علامت برعکس است")]
    [InlineData("q4c", "dh", @"\frac{\partial L}{\partial h} = W'^\top(\hat{y} - y)", "the gradient with respect to h has N entries", "گرادیان نسبت به h مثل خود h دارای N درایه است")]
    [InlineData("q4c", "dx", @"\nabla_x L = W^\top W'(\hat{y} - y)", "WW′(ŷ − y) has d entries, like x", "دارای d درایه است، مثل x")]
    [InlineData("q4c", "dW2", @"\frac{\partial L}{\partial W'} = (\hat{y} - y)h^\top", "transpose of the gradient", "ترانهادهٔ گرادیان")]
    [InlineData("q4c", "dW", @"\frac{\partial L}{\partial W} = x(\hat{y} - y)^\top", "carried back through W'", "از W' به عقب")]
    public void A_wrong_answer_earns_less_with_feedback_that_says_why(string part, string quantity, string answer, string en, string fa) =>
        KeyAssertions.LessWithFeedback(Key.Value, part, quantity, answer, en, fa);

    [Fact]
    public void The_seed_drops_the_minus_sign_in_both_the_gradient_and_the_update_of_q1a()
    {
        // The derivation as the student wrote it: ∂L/∂w_j = … on one line, each further step on a line of
        // its own starting with "=", then the update twice (w_j := w_j − α ∂L/∂w_j, then written out).
        var formulas = SeedFormulas.Value;
        var first = Array.FindIndex(formulas, f => f.StartsWith(@"\frac{\partial L}{\partial w_j}", StringComparison.Ordinal));
        var last = Array.FindLastIndex(formulas, f => f.StartsWith("w_j :=", StringComparison.Ordinal));
        Assert.True(first >= 0 && last > first, "the seed's q1a formulas were not found");
        var r = Grade(Key.Value, "q1a", string.Join('\n', formulas[first..(last + 1)]));

        Assert.Equal((GradeVerdict.Partial, 2m), (r.Verdict, r.Points));
        var gradient = Assert.Single(r.Quantities, q => q.Id == "gradient");
        Assert.Equal(DiagnosisKind.Sign, gradient.Diagnosis?.Kind);
        Assert.Contains("The sign is reversed", gradient.Feedback.En);
        Assert.Contains("علامت برعکس است", gradient.Feedback.Fa);
        var update = Assert.Single(r.Quantities, q => q.Id == "update");
        Assert.Contains("goes uphill", update.Feedback.En);
        Assert.Contains("در جهت افزایش هزینه", update.Feedback.Fa);
    }

    [Fact]
    public void The_seed_loss_and_gradient_of_q1b_are_off_by_exactly_2n_and_its_solution_is_right()
    {
        // Its matrix-form loss after the line with 1/(2n), its gradient set to zero, and its solution.
        var lines = SeedLinesStartingWith("L(w) =").Where(f => !f.Contains(@"\frac{1}{2n}", StringComparison.Ordinal))
            .Concat(SeedLinesStartingWith(@"\frac{\partial L}{\partial w} ="))
            .Concat(SeedLinesStartingWith("w = "))
            .ToList();
        Assert.True(lines.Count >= 3, "the seed's q1b formulas were not found");
        var r = Grade(Key.Value, "q1b", string.Join('\n', lines));

        var loss = Assert.Single(r.Quantities, q => q.Id == "loss");
        Assert.Equal(1m, loss.Points);
        Assert.Contains("This is 2n times the loss", loss.Feedback.En);
        Assert.Contains("برابر هزینه است", loss.Feedback.Fa);
        var gradient = Assert.Single(r.Quantities, q => q.Id == "gradient");
        Assert.Equal(2m, gradient.Points);
        Assert.Contains("off by exactly the factor 2n", gradient.Feedback.En);
        Assert.Contains("دقیقاً ضریب", gradient.Feedback.Fa);
        Assert.Equal(GradeVerdict.Full, Assert.Single(r.Quantities, q => q.Id == "solution").Verdict);
    }

    [Fact]
    public void The_loss_is_named_L_of_w_in_the_feedback_not_L_times_w()
    {
        var loss = Assert.Single(Grade(Key.Value, "q1b", @"\nabla_w L = \frac{1}{n}X^\top(Xw - y)").Quantities, q => q.Id == "loss");
        Assert.Contains("No answer for L(w)", loss.Feedback.En);
    }

    [Fact]
    public void The_checker_itself_finds_the_factor_2n_in_a_scaled_gradient_no_rule_names()
    {
        var r = Grade(Key.Value, "q1b", @"\nabla_w L = 4n X^\top(Xw - y)");
        var gradient = Assert.Single(r.Quantities, q => q.Id == "gradient");
        Assert.Equal(DiagnosisKind.Factor, gradient.Diagnosis?.Kind);
        Assert.Contains("Only a constant factor is wrong", gradient.Feedback.En);
    }

    [Fact]
    public void The_seed_answers_to_q2a_q2b_q2c_and_q4b_are_right_where_it_gives_them()
    {
        var derivative = Assert.Single(SeedLinesStartingWith(@"\sigma'(t) = \sigma(t)"));
        Assert.Equal(GradeVerdict.Full, Assert.Single(Grade(Key.Value, "q2a", derivative).Quantities, q => q.Id == "derivative").Verdict);

        var relu = Assert.Single(SeedLinesStartingWith("ReLU'(x)"));
        Assert.Equal(GradeVerdict.Full, Grade(Key.Value, "q2b", relu).Verdict);

        var xavier = SeedLinesStartingWith("Var(XY)")
            .Concat(SeedLinesStartingWith(@"\operatorname{Var}\left(a^{[l]}\right) ="))
            .Concat(SeedLinesStartingWith(@"\operatorname{Var}\left(W^{[l]}\right) = \frac"));
        var q2c = Grade(Key.Value, "q2c", string.Join('\n', xavier));
        Assert.True(q2c.Verdict == GradeVerdict.Full, $"{q2c.Method}: {q2c.Feedback.En}");

        var jacobian = SeedLinesStartingWith(@"\frac{\partial \sigma_k}{\partial x_i}").Last();
        Assert.Equal(GradeVerdict.Full, Assert.Single(Grade(Key.Value, "q4b", jacobian).Quantities, q => q.Id == "entry").Verdict);
    }

    [Fact]
    public void The_seed_proposal_to_divide_by_1_minus_beta1_is_graded_as_an_over_correction()
    {
        // The seed proposes this in words; the formula is written here.
        var r = Grade(Key.Value, "q3d", @"\hat{m}_n = \frac{m_n}{1 - \beta_1}");
        var corrected = Assert.Single(r.Quantities, q => q.Id == "m-hat");
        Assert.Equal((GradeVerdict.None, 0m), (corrected.Verdict, corrected.Points));
        Assert.Contains("over-corrects", corrected.Feedback.En);
        Assert.Contains("بیش از حد اصلاح می‌کند", corrected.Feedback.Fa);
    }

    [Theory]
    // Linearity of E with β₁ a constant (the key lists g, m and v as the random quantities).
    [InlineData(@"E[m_n] = E\left[(1 - \beta_1)\sum_{i=1}^{n}\beta_1^{n-i}g_i\right]")]
    [InlineData(@"E[m_n] = \sum_{i=1}^{n}E[(1 - \beta_1)\beta_1^{n-i}g_i]")]
    [InlineData(@"E[m_n] = E[(1 - \beta_1^n) g]")]
    public void The_expectation_of_the_closed_form_is_taken_by_linearity(string answer)
    {
        var expectation = Assert.Single(Grade(Key.Value, "q3d", answer).Quantities, q => q.Id == "expectation");
        Assert.True(expectation.Verdict == GradeVerdict.Full, $"{expectation.Method}: {expectation.Feedback.En}");
    }

    [Fact]
    public void The_seed_uses_sigma_for_both_variances_in_q3b()
    {
        var r = Grade(Key.Value, "q3b", @"\lambda = \frac{\sigma^2}{\sigma^2}");
        Assert.Equal(GradeVerdict.Partial, r.Verdict);
        Assert.Contains("different parameters", r.Feedback.En);
        Assert.Contains("دو پارامتر متفاوت", r.Feedback.Fa);
    }

    [Theory]
    [InlineData(@"\frac{\partial \sigma_k}{\partial x_i} = \sigma_k(\delta_{ik} - \sigma_i)")]
    [InlineData(@"\frac{\partial \sigma_k}{\partial x_i} = \sigma_i(\delta_{ik} - \sigma_k)")]
    [InlineData(@"\frac{\partial \sigma(x)_k}{\partial x_i} = \sigma(x)_i(\delta_{ik} - \sigma(x)_k)")]
    public void The_softmax_jacobian_is_symmetric_so_both_index_arrangements_are_right_in_either_notation(string entry)
    {
        var r = Grade(Key.Value, "q4b", entry + @", J = \mathrm{diag}(\sigma) - \sigma\sigma^\top");
        Assert.True(r.Verdict == GradeVerdict.Full, $"{entry}: {r.Feedback.En}");
    }

    [Fact]
    public void A_gradient_written_as_a_row_vector_is_recognised_as_the_other_layout()
    {
        var r = Grade(Key.Value, "q1b", @"\nabla_w L = \frac{1}{n}(Xw - y)^\top X");
        var gradient = Assert.Single(r.Quantities, q => q.Id == "gradient");
        Assert.Equal((GradeVerdict.Full, DiagnosisKind.Transpose), (gradient.Verdict, gradient.Diagnosis?.Kind));
        Assert.Contains("numerator layout", gradient.Feedback.En);
    }
}
