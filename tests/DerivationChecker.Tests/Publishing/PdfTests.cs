using System.Diagnostics;
using DerivationChecker.Publishing.Documents;
using DerivationChecker.Publishing.Pdf;
using DerivationChecker.Publishing.Writers;

namespace DerivationChecker.Tests.Publishing;

/// <summary>A fact that needs xelatex and poppler's pdfinfo/pdftotext; skipped, saying what to install, where they are missing.</summary>
public sealed class XeLatexFactAttribute : FactAttribute
{
    public XeLatexFactAttribute()
    {
        if (XeLatex.Find() is null) Skip = XeLatex.MissingMessage;
        else if (PdfTests.Tool("pdfinfo") is null || PdfTests.Tool("pdftotext") is null) Skip = "pdfinfo and pdftotext were not found: apt-get install poppler-utils";
    }
}

/// <summary>The demonstration sheets compiled with XeLaTeX: pages, text, and no glyph the fonts lack.</summary>
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
        var directory = Directory.CreateTempSubdirectory("dc-pdf-test-");
        try
        {
            var tex = Path.Combine(directory.FullName, "sheet.tex");
            await File.WriteAllTextAsync(tex, SheetWriterTests.Render(language, OutputFormat.Latex));
            var result = await XeLatex.CompileAsync(tex, timeLimit: TimeSpan.FromMinutes(3));
            Assert.True(result.Ok, result.Error);
            Assert.True(result.MissingCharacters.Count == 0, "The fonts lack glyphs:\n" + string.Join("\n", result.MissingCharacters));
            var info = Run("pdfinfo", result.PdfPath!);
            var pages = int.Parse(info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal))["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(pages, 2, 40);
            return Run("pdftotext", result.PdfPath!, "-");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

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
