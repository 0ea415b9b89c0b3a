using DerivationChecker.Classroom.Submissions;
using static DerivationChecker.Tests.Classroom.ClassroomFixture;

namespace DerivationChecker.Tests.Classroom;

/// <summary>
/// Submissions as students write them: the Markdown template, LaTeX with part markers, notebooks, and
/// files that ignore the template, where answers are found by question numbering (English or
/// Persian) or by their left-hand side, and what cannot be found is said.
/// </summary>
public sealed class SubmissionReadingTests
{
    private static readonly PartLocator Locator = new(Key.Key);

    private static LocatedAnswer Answer(SubmissionDocument document, string part) => Locator.Locate(document).Single(a => a.PartId == part);

    [Fact]
    public void The_template_gives_the_student_and_every_answer_under_its_heading()
    {
        var document = MarkdownSubmission.Read(Template("40200001", ("q1a", "Some reasoning first.\n\nAnswer: b, c"), ("q2a", "Working: $a = b$.\n\n" + RightQ2a), ("q3a", RightQ3a)));
        Assert.Equal("40200001", document.StudentId);
        Assert.Equal("Student 40200001", document.Name);
        Assert.Equal("b, c", Answer(document, "q1a").Text);
        Assert.Equal(@"\frac{\partial J_t}{\partial o_t} = \hat{y}_t - y_t", Answer(document, "q2a").Text);
        Assert.Equal(FoundBy.Template, Answer(document, "q2a").FoundBy);
        Assert.Equal("(6, 1, 2)", Answer(document, "q3a").Text);
        Assert.False(Answer(document, "q2b").Found);
        Assert.Contains("q2b", Answer(document, "q2b").Problem!.En);
    }

    [Fact]
    public void Under_a_heading_the_equation_naming_the_quantity_wins_over_later_working()
    {
        var text = Template("1", ("q2a", "$$g_{o_t} = \\hat{y}_t - y_t$$\n\nCheck: $$\\sum_i (\\hat y_{t,i} - y_{t,i}) = 0$$"));
        Assert.Equal(@"g_{o_t} = \hat{y}_t - y_t", Answer(MarkdownSubmission.Read(text), "q2a").Text);
    }

    [Fact]
    public void A_boxed_answer_is_the_answer()
    {
        var text = Template("1", ("q2b", "For $i = t-1$: $$W_{hh}^\\top W_{yh}^\\top g_{o_t}$$ In general $$\\boxed{(W_{hh}^\\top)^{t-i} W_{yh}^\\top g_{o_t}} \\quad \\text{(done)}$$"));
        Assert.Equal(@"(W_{hh}^\top)^{t-i} W_{yh}^\top g_{o_t}", Answer(MarkdownSubmission.Read(text), "q2b").Text);
    }

    [Fact]
    public void Latex_part_markers_sections_and_align_are_read()
    {
        var tex = """
            %% student-id: 40200002
            %% name: Tex Student
            \documentclass{article}
            \begin{document}
            %% part: q1b
            Answer: c
            %% part: q2b
            \begin{align*}
              \frac{\partial J_t}{\partial h_i} &= (W_{hh}^{t-i})^\top W_{yh}^\top g_{o_t} \label{x}
            \end{align*}
            \section*{q3a}
            The output is
            \[ \begin{bmatrix} 6 \\ 1 \\ 2 \end{bmatrix} \]
            % a comment with $x = 1$ is not an answer
            \end{document}
            """;
        var document = LatexSubmission.Read(tex);
        Assert.Equal("40200002", document.StudentId);
        Assert.Equal("Tex Student", document.Name);
        Assert.Equal("c", Answer(document, "q1b").Text);
        Assert.Equal(@"\begin{aligned}\frac{\partial J_t}{\partial h_i} &= (W_{hh}^{t-i})^\top W_{yh}^\top g_{o_t}\end{aligned}", Answer(document, "q2b").Text);
        Assert.Equal(FoundBy.Template, Answer(document, "q3a").FoundBy);
        Assert.Contains("bmatrix", Answer(document, "q3a").Text);
    }

    [Fact]
    public void Latex_enumerate_items_are_sub_part_labels()
    {
        var tex = """
            \section*{Question 2}
            \begin{enumerate}[(a)]
            \item We get \[ \frac{\partial J_t}{\partial o_t} = \hat{y}_t - y_t \]
            \item \[ g_{h_i} = (W_{hh}^\top)^{t-i} W_{yh}^\top g_{o_t} \]
            \end{enumerate}
            """;
        var document = LatexSubmission.Read(tex);
        Assert.Equal(FoundBy.Heading, Answer(document, "q2a").FoundBy);
        Assert.Equal(@"g_{h_i} = (W_{hh}^\top)^{t-i} W_{yh}^\top g_{o_t}", Answer(document, "q2b").Text);
    }

    [Fact]
    public void A_notebook_is_read_from_its_markdown_cells()
    {
        var notebook = """
            {"cells": [
              {"cell_type": "markdown", "metadata": {}, "source": ["---\n", "student_id: 40200003\n", "---\n", "# HW5"]},
              {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": null, "source": ["# q2a = wrong\n", "x = 1"]},
              {"cell_type": "markdown", "metadata": {}, "source": "## q2a\n\n$$\\frac{\\partial J_t}{\\partial o_t} = \\hat{y}_t - y_t$$"}
            ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """;
        var document = NotebookSubmission.Read(notebook);
        Assert.Equal("40200003", document.StudentId);
        var q2a = Answer(document, "q2a");
        Assert.Equal(@"\frac{\partial J_t}{\partial o_t} = \hat{y}_t - y_t", q2a.Text);
        Assert.Equal("cell 3", q2a.Where);
    }

    [Fact]
    public void A_broken_notebook_is_read_as_markdown_and_flagged()
    {
        var document = NotebookSubmission.Read("## q3a\n\n$$(6, 1, 2)$$\n{\"cells\": [");
        Assert.Contains(document.Issues, i => i.Flag == "parse-error");
        Assert.Equal("(6, 1, 2)", Answer(document, "q3a").Text);
    }

    [Fact]
    public void Without_the_template_persian_numbering_and_left_hand_sides_find_the_answers()
    {
        var text = """
            پاسخ تمرین پنجم

            ۱. چندگزینه‌ای

            (a) خروجی یک برچسب است، پس گزینه‌های ب و ج درست‌اند.

            (آ) تشخیص گفتار

            (ب) دسته‌بندی احساسات

            (b) پس گزینه ج.

            سوال ۲

            الف) با مشتق softmax:

            $$\frac{\partial J_t}{\partial o_t} = \hat{y}_t - y_t$$

            ب) هر گام به عقب:

            $$g_{h_i} = (W_{hh}^\top)^{t-i} W_{yh}^\top g_{o_t}$$

            و برای ماتریس وزن‌ها:

            $$\frac{\partial J_t}{\partial W_{hh}} = \sum_{i=1}^{t} g_{h_i} h_{i-1}^\top$$

            سوال سوم

            الف) خروجی $$(6, 1, 2)$$ است.
            """;
        var document = MarkdownSubmission.Read(text);
        Assert.Null(document.StudentId);
        Assert.Equal("ب, ج", Answer(document, "q1a").Text);
        Assert.Equal("ج", Answer(document, "q1b").Text);
        Assert.Equal(FoundBy.Heading, Answer(document, "q2a").FoundBy);
        Assert.Equal(@"g_{h_i} = (W_{hh}^\top)^{t-i} W_{yh}^\top g_{o_t}", Answer(document, "q2b").Text);
        var q2c = Answer(document, "q2c");
        Assert.Equal(FoundBy.LeftHandSide, q2c.FoundBy);
        Assert.StartsWith(@"\frac{\partial J_t}{\partial W_{hh}}", q2c.Text);
        Assert.Equal("(6, 1, 2)", Answer(document, "q3a").Text);
        // Not there at all: q1c, q2d, q3b are reported, each with why.
        foreach (var missing in new[] { "q1c", "q2d", "q3b" })
            Assert.False(Answer(document, missing).Found, missing);
        Assert.Contains("left side", Answer(document, "q2d").Problem!.En);
    }

    [Theory]
    [InlineData("q2a", 2, 'a')]
    [InlineData("2a", 2, 'a')]
    [InlineData("2.a) the gradient", 2, 'a')]
    [InlineData("Question 2 (b)", 2, 'b')]
    [InlineData("Q2(c)", 2, 'c')]
    [InlineData("سوال ۲ بخش الف", 2, 'a')]
    [InlineData("۲-ب", 2, 'b')]
    [InlineData("سؤال دوم قسمت ج", 2, 'c')]
    [InlineData("**۳. الف)**", 3, 'a')]
    public void Question_and_part_labels_are_read_in_both_languages(string text, int question, char sub)
    {
        var label = PartLabels.Read(text, ["q1a", "q2a", "q2b", "q2c", "q3a"], heading: true);
        Assert.NotNull(label);
        Assert.Equal(question, label.Question);
        Assert.Equal(sub, label.Sub);
    }

    [Theory]
    [InlineData("(a) many-to-one", 'a', LetterScript.Latin)]
    [InlineData("b) next", 'b', LetterScript.Latin)]
    [InlineData("الف) تابع ضرر", 'a', LetterScript.Persian)]
    [InlineData("د - آخر", 'd', LetterScript.Persian)]
    [InlineData("بخش ج", 'c', LetterScript.Persian)]
    public void Sub_part_labels_say_their_alphabet(string text, char sub, LetterScript script)
    {
        var label = PartLabels.Read(text, [], heading: false);
        Assert.NotNull(label);
        Assert.Null(label.Question);
        Assert.Equal(sub, label.Sub);
        Assert.Equal(script, label.Script);
    }

    [Theory]
    [InlineData("2.5 is the learning rate")]
    [InlineData("A neural network")]
    [InlineData("به نام خدا")]
    [InlineData("۲. هدف از این تمرین")]
    public void Prose_is_not_a_sub_part_label(string text) =>
        Assert.Null(PartLabels.Read(text, ["q2a"], heading: false)?.Sub);

    [Fact]
    public void The_real_seed_solution_is_found_by_its_persian_and_latin_numbering()
    {
        // The course's own solution sheet for this set, OCR'd: (a) (b) (c) for question 1, الف ب ج د for question 2.
        var text = SubmissionText.Read(SharedData.Path("seeds", "002_44d907c0a690614d.txt")).Text;
        var answers = Locator.Locate(MarkdownSubmission.Read(text));
        foreach (var part in new[] { "q1a", "q1b", "q1c", "q2a", "q2b", "q2c", "q2d", "q3a", "q3b" })
            Assert.True(answers.Single(a => a.PartId == part).FoundBy is not null, $"{part} was not found");
        Assert.Contains("ج", answers.Single(a => a.PartId == "q1b").Text);
        Assert.Contains(@"\frac{\partial J_t}{\partial o_t}", answers.Single(a => a.PartId == "q2a").Text);
    }

    [Fact]
    public void A_file_without_front_matter_is_named_by_its_file()
    {
        using var folder = new TempFolder();
        folder.Write("s-77.md", "## q3a\n\n$$(6, 1, 2)$$\n");
        var student = Grade(folder.Path).Students.Single();
        Assert.Equal("s-77", student.Id);
        Assert.Equal(10, Part(student, "q3a").Points);
    }
}
