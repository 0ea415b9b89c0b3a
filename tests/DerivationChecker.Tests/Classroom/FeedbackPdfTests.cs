using System.Diagnostics;
using DerivationChecker.Classroom.Outputs;
using DerivationChecker.Grading.Results;
using DerivationChecker.Publishing.Writers;
using DerivationChecker.Tests.Publishing;
using static DerivationChecker.Tests.Classroom.ClassroomFixture;

namespace DerivationChecker.Tests.Classroom;

/// <summary>
/// dc grade --pdf: each student's feedback as a PDF through the solution sheets' LaTeX template. What
/// a student typed never reaches the LaTeX as written, and every student of the sample class gets a PDF.
/// </summary>
public sealed class FeedbackPdfTests
{
    private static readonly SheetTemplate SheetTex = SheetTemplates.Default().For(OutputFormat.Latex);

    [Fact]
    public void What_a_student_typed_reaches_the_latex_only_as_text_or_as_the_engines_formula()
    {
        using var folder = new TempFolder();
        folder.Write("macros.md", Template("macros",
            ("q2a", "$$\\frac{\\partial J_t}{\\partial o_t} = \\hat{y}_t - \\mystery y_t$$"),
            ("q2b", "$$\\frac{\\partial J_t}{\\partial h_i} = \\foo{\\bar\\baz{J}} \\newcommand{\\x}{y} \\x$$"),
            ("q3a", "$$(6, 1, 2)$$ and 100% sure $ # & ~ ^ _ {")));
        folder.Write("deep.md", Template("deep", ("q2a", "$$\\frac{\\partial J_t}{\\partial o_t} = " + new string('{', 10_000) + "x" + new string('}', 10_000) + "$$")));
        folder.Write("good.md", Template("good", ("q2a", RightQ2a)));
        var result = Grade(folder.Path);
        foreach (var student in result.Students)
        {
            // The document's body: the template's preamble defines its own commands.
            var tex = SheetRenderer.Render(FeedbackPdf.Build(result, student, Key.Key, Language.Fa), OutputFormat.Latex, SheetTex).Split(@"\begin{document}")[1];
            Assert.DoesNotContain(@"\mystery", tex);
            Assert.DoesNotContain(@"\foo", tex);
            Assert.DoesNotContain(@"\newcommand", tex);
            Assert.DoesNotContain("100% sure", tex);
            // TeX must be able to break every line: no run of 10⁴ braces without a space.
            Assert.All(tex.Split('\n'), line => Assert.True(line.Length < 5_000, $"a line of {line.Length} characters"));
        }
        var good = SheetRenderer.Render(FeedbackPdf.Build(result, Student(result, "good"), Key.Key, Language.En), OutputFormat.Latex, SheetTex);
        // A formula that reads is drawn from the engine's expression.
        Assert.Contains(@"\dcdisplay{\frac{\partial J_{t}}{\partial o_{t}} = \hat{y}_{t} - y_{t}}", good);
    }

    [Fact]
    public void The_sheet_has_the_students_total_and_a_section_per_part()
    {
        var result = Grade(SampleClass);
        var student = result.Students[0];
        var sheet = FeedbackPdf.Build(result, student, Key.Key, Language.En);
        Assert.Contains($"Total: {Phrases.Points(student.Total)} of {Phrases.Points(student.MaxPoints)}", sheet.Subtitle);
        Assert.Equal(["Summary", .. result.Parts.Select(p => p.Id)], sheet.Sections.Select(s => s.Heading.Split(' ')[0]));
    }

    [XeLatexFact]
    public async Task Every_student_of_the_sample_class_gets_a_pdf_with_their_total()
    {
        using var output = new TempFolder();
        var result = Grade(SampleClass);
        var pdfs = await FeedbackPdf.WriteAll(output.Path, result, Key.Key, Language.Fa, SheetTex, jobs: Environment.ProcessorCount);
        Assert.Empty(pdfs.Failed);
        Assert.Equal(result.Students.Length, pdfs.Written.Count);
        foreach (var student in result.Students)
        {
            var pdf = Path.Combine(output.Path, "feedback", Path.ChangeExtension(FeedbackSheet.FileName(student.Id), ".pdf"));
            var text = PdfText(pdf);
            Assert.Contains(student.Id, text);
            Assert.Contains(Phrases.Digits(student.Total), text);
        }
    }

    private static string PdfText(string pdf)
    {
        var start = new ProcessStartInfo(PdfTests.Tool("pdftotext")!) { RedirectStandardOutput = true };
        start.ArgumentList.Add(pdf);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
