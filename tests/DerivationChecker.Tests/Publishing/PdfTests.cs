using System.Diagnostics;
using DerivationChecker.Publishing.Documents;
using DerivationChecker.Publishing.Pdf;
using DerivationChecker.Publishing.Writers;

namespace DerivationChecker.Tests.Publishing;

/// <summary>A fact that needs xelatex and poppler's pdfinfo/pdftotext; skipped, saying what to install, where they are missing.</summary>
public sealed class XeLatexFactAttribute : FactAttribute
{
    public XeLatexFactAttribute() => Skip = PdfTests.MissingTools();
}

/// <summary>A theory that needs xelatex and poppler's pdfinfo/pdftotext; skipped, saying what to install, where they are missing.</summary>
public sealed class XeLatexTheoryAttribute : TheoryAttribute
{
    public XeLatexTheoryAttribute() => Skip = PdfTests.MissingTools();
}

/// <summary>The demonstration sheets and every set's solution sheet compiled with XeLaTeX: pages, text, and no glyph the fonts lack.</summary>
public sealed class PdfTests
{
    [XeLatexFact]
    public async Task English_demo_sheet_compiles_to_a_pdf()
    {
        var text = await Compile(SheetLanguage.English);
        Assert.Contains("The softmax Jacobian", text);
        Assert.Contains("verified: numeric", text);
    }

    [XeLatexFact]
    public async Task Persian_demo_sheet_compiles_to_a_pdf()
    {
        var text = await Compile(SheetLanguage.Persian);
        Assert.Contains("softmax", text);
        // Persian words come out of the PDF (pdftotext may give them in visual order, so look for letters, not words).
        Assert.Contains(text, c => c is >= '\u0600' and <= '\u06FF');
        Assert.Contains("۱۲", text);
    }

    public static IEnumerable<object[]> SetsAndLanguages =>
        KeySheetTests.SetNames.SelectMany(set => new[] { new object[] { set, SheetLanguage.English }, [set, SheetLanguage.Persian] });

    [XeLatexTheory]
    [MemberData(nameof(SetsAndLanguages))]
    public async Task Every_solution_sheet_compiles_to_a_pdf(string set, SheetLanguage language)
    {
        var key = KeySheetTests.Key(set);
        var (pages, text) = await CompileLatex(KeySheetTests.Render(set, language, OutputFormat.Latex));
        // About a page per part: statements, answers, mistakes, and the derivations that run long.
        Assert.InRange(pages, Math.Max(1, key.Parts.Length / 2), 3 * key.Parts.Length);
        foreach (var part in key.Parts) Assert.Contains(part.Id, text);
        if (language == SheetLanguage.Persian)
        {
            Assert.Contains(text, c => c is >= '\u0600' and <= '\u06FF');
            Assert.True(Digits(text), "The PDF has no Persian digits (page numbers and points are written in them).");
        }
        else
        {
            Assert.Contains("Solutions:", text);
            Assert.Contains("points)", text);
        }
    }

    /// <summary>Persian page numbers and points come out in Persian digits.</summary>
    private static bool Digits(string text) => text.Any(c => c is >= '۰' and <= '۹');

    [XeLatexFact]
    public async Task A_failing_file_reports_the_error_lines_of_its_log()
    {
        var directory = Directory.CreateTempSubdirectory("dc-pdf-test-");
        try
        {
            var tex = Path.Combine(directory.FullName, "broken.tex");
            await File.WriteAllTextAsync(tex, "\\documentclass{article}\n\\begin{document}\n\\notacommand\n\\end{document}\n");
            var result = await XeLatex.CompileAsync(tex);
            Assert.False(result.Ok);
            Assert.Contains("Undefined control sequence", result.Error);
            Assert.Contains("\\notacommand", result.Error);
            Assert.False(File.Exists(Path.ChangeExtension(tex, ".pdf")));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> Compile(SheetLanguage language)
    {
        var (pages, text) = await CompileLatex(SheetWriterTests.Render(language, OutputFormat.Latex));
        Assert.InRange(pages, 2, 40);
        return text;
    }

    /// <summary>Compiles LaTeX that must compile with every glyph present; its page count and its text.</summary>
    private static async Task<(int Pages, string Text)> CompileLatex(string latex)
    {
        var directory = Directory.CreateTempSubdirectory("dc-pdf-test-");
        try
        {
            var tex = Path.Combine(directory.FullName, "sheet.tex");
            await File.WriteAllTextAsync(tex, latex);
            var result = await XeLatex.CompileAsync(tex, timeLimit: TimeSpan.FromMinutes(3));
            Assert.True(result.Ok, result.Error);
            Assert.True(result.MissingCharacters.Count == 0, "The fonts lack glyphs:\n" + string.Join("\n", result.MissingCharacters));
            var info = Run("pdfinfo", result.PdfPath!);
            var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            return (pages, Run("pdftotext", result.PdfPath!, "-"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>What to install for the PDF tests, or null when xelatex, pdfinfo and pdftotext are all there.</summary>
    internal static string? MissingTools() =>
        XeLatex.Find() is null ? XeLatex.MissingMessage
        : Tool("pdfinfo") is null || Tool("pdftotext") is null ? "pdfinfo and pdftotext were not found: apt-get install poppler-utils"
        : null;

    internal static string? Tool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Tool(tool)!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
