using System.Diagnostics;
using System.Text;

namespace DerivationChecker.Publishing.Pdf;

/// <summary>What a XeLaTeX run gave: the PDF, or why there is none, and the glyphs the fonts lacked.</summary>
public sealed record PdfResult(string? PdfPath, string? Error, IReadOnlyList<string> MissingCharacters)
{
    public bool Ok => PdfPath is not null;
}

/// <summary>
/// Compiles a .tex file to PDF with xelatex in a scratch directory (twice when the first run asks
/// for it), within a time limit. Failures come back with the relevant lines of the log.
/// </summary>
public static class XeLatex
{
    /// <summary>The Debian packages that make the default templates compile (Persian included).</summary>
    public const string DebianPackages = "texlive-xetex texlive-lang-arabic fonts-noto-core";

    public static string MissingMessage =>
        $"xelatex was not found on PATH, so no PDF can be made. Install it with: apt-get install {DebianPackages}";

    /// <summary>The full path of xelatex on PATH, or null.</summary>
    public static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "xelatex.exe" } : ["xelatex"])
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// Compiles <paramref name="texPath"/>; the PDF is written beside it (or to <paramref name="pdfPath"/>).
    /// </summary>
    public static Task<PdfResult> CompileAsync(string texPath, string? pdfPath = null, TimeSpan? timeLimit = null, CancellationToken cancellation = default)
    {
        if (Find() is not null && !File.Exists(texPath)) return Task.FromResult(new PdfResult(null, $"No file at {texPath}.", []));
        return Compile(texPath, source => File.Copy(texPath, source), pdfPath ?? Path.ChangeExtension(texPath, ".pdf"), timeLimit, cancellation);
    }

    /// <summary>Compiles LaTeX held in memory (a feedback sheet) to <paramref name="pdfPath"/>, with no .tex file left behind.</summary>
    public static Task<PdfResult> CompileTextAsync(string latex, string pdfPath, TimeSpan? timeLimit = null, CancellationToken cancellation = default) =>
        Compile($"the LaTeX of {pdfPath}", source => File.WriteAllText(source, latex), pdfPath, timeLimit, cancellation);

    /// <summary>Writes the source into a scratch directory with <paramref name="writeSource"/> and runs xelatex there; <paramref name="name"/> names it in errors.</summary>
    private static async Task<PdfResult> Compile(string name, Action<string> writeSource, string pdfPath, TimeSpan? timeLimit, CancellationToken cancellation)
    {
        var xelatex = Find();
        if (xelatex is null) return new PdfResult(null, MissingMessage, []);
        var limit = timeLimit ?? TimeSpan.FromMinutes(2);

        var work = Directory.CreateTempSubdirectory("dc-xelatex-");
        try
        {
            const string JobName = "sheet";
            writeSource(Path.Combine(work.FullName, JobName + ".tex"));
            var log = Path.Combine(work.FullName, JobName + ".log");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(limit);
            // A second pass settles references and labels when the first one asks for it.
            for (var pass = 1; ; pass++)
            {
                int exitCode;
                try
                {
                    exitCode = await RunAsync(xelatex, work.FullName, JobName, deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    return new PdfResult(null, $"xelatex did not finish within {limit.TotalSeconds:0} s.{Relevant(log)}", []);
                }
                if (exitCode != 0 || !File.Exists(Path.Combine(work.FullName, JobName + ".pdf")))
                    return new PdfResult(null, $"xelatex failed on {name} (exit code {exitCode}).{Relevant(log)}", []);
                if (pass == 2 || !NeedsRerun(File.ReadAllText(log))) break;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(pdfPath))!);
            File.Copy(Path.Combine(work.FullName, JobName + ".pdf"), pdfPath, overwrite: true);
            return new PdfResult(Path.GetFullPath(pdfPath), null, MissingCharacters(File.ReadAllText(log)));
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static async Task<int> RunAsync(string xelatex, string directory, string jobName, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(xelatex)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", jobName + ".tex" }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("xelatex could not be started.");
        process.StandardInput.Close();
        // Drain the output so a chatty run never blocks on a full pipe; the log file has what matters.
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        try
        {
            await process.WaitForExitAsync(cancellation);
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return process.ExitCode;
    }

    private static bool NeedsRerun(string log) =>
        log.Contains("Rerun to get", StringComparison.Ordinal) || log.Contains("There were undefined references", StringComparison.Ordinal)
        || log.Contains("Label(s) may have changed", StringComparison.Ordinal);

    /// <summary>"Missing character: There is no ᵀ (U+1D40) in font …" lines: text the PDF will not show.</summary>
    public static IReadOnlyList<string> MissingCharacters(string log) =>
        [.. log.Split('\n').Where(l => l.StartsWith("Missing character:", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct()];

    /// <summary>The error lines of a log (each "! …" with the lines that place it), or its last lines.</summary>
    private static string Relevant(string logPath)
    {
        if (!File.Exists(logPath)) return " No log was written.";
        var lines = File.ReadAllLines(logPath);
        var picked = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('!')) continue;
            for (var j = i; j < Math.Min(lines.Length, i + 6); j++) picked.Append("\n  ").Append(lines[j]);
            if (picked.Length > 4000) break;
        }
        if (picked.Length == 0)
            foreach (var line in lines.TakeLast(12)) picked.Append("\n  ").Append(line);
        return "\nFrom the log:" + picked;
    }
}
