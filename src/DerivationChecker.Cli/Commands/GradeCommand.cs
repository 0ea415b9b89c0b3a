using System.Collections.Immutable;
using System.CommandLine;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Outputs;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using Spectre.Console;

namespace DerivationChecker.Cli.Commands;

/// <summary>
/// <c>dc grade SET SUBMISSIONS_DIR --out OUT_DIR</c>: grades a whole class. Exit 0 when every part of
/// every student was decided with nothing flagged, 1 when something needs a person, 2 for bad input
/// (no such set or folder, a bad option), 3 when the grader itself failed (nothing half-written).
/// </summary>
public static class GradeCommand
{
    /// <summary>The grader failed: an error of its own or the output folder could not be written.</summary>
    public const int InternalFailure = 3;

    internal static readonly Option<string?> Out = new("--out")
    {
        Description = "The folder to write grades.csv, results.json, report.md, report.html and feedback/ into (created if missing).",
        HelpName = "OUT_DIR",
    };

    internal static readonly Option<string?> Lang = new("--lang") { Description = "Language of the feedback sheets: fa or en (default: the key's language).", HelpName = "fa|en" };

    internal static readonly Option<int> Jobs = new("--jobs")
    {
        Description = "Answers checked at once (default: the number of processors).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
        HelpName = "N",
    };

    internal static readonly Option<int> TimeoutMs = new("--timeout-ms")
    {
        Description = "The time one part of one student may take; past it the part is inconclusive and flagged for a person, never guessed.",
        DefaultValueFactory = _ => ClassGraderOptions.DefaultTimeoutMs,
        HelpName = "MS",
    };

    internal static readonly Option<string[]> Gradebooks = new("--gradebook")
    {
        Description = "Also write the gradebook file an LMS imports: moodle (grades-moodle.csv) or canvas (grades-canvas.csv). Repeatable.",
        HelpName = "moodle|canvas",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> Resume = new("--resume")
    {
        Description = "Keep the students OUT_DIR already graded with the same key file, engine version and time limit (and an unchanged submission); grade the rest.",
    };

    internal static readonly Option<bool> Pdf = new("--pdf")
    {
        Description = "Also write feedback/STUDENT.pdf for every student through XeLaTeX (apt-get install " + Publishing.Pdf.XeLatex.DebianPackages + "), with templates/sheet.tex.hbs.",
    };

    internal static readonly Option<bool> NoProgress = new("--no-progress") { Description = "Print no progress (by default a bar on a terminal, a line per 10% otherwise)." };

    public static Command Create()
    {
        var set = new Argument<string>("set") { Description = "The homework set (an answer key in answer-keys/, e.g. rnn-bptt-attention)." };
        var submissions = new Argument<string>("submissions") { Description = "The class folder: one file per student (.md, .txt, .tex, .ipynb) or one folder per student." };
        var command = new Command("grade", """
            Grade a whole class against a set's answer key. Writes, in OUT_DIR: grades.csv (one row per student, one column per part, total, flags), results.json (every verdict with method, diagnosis, counterexample and time), feedback/STUDENT.md (per part: points, verdict and why), report.md and report.html (score distributions, common mistakes, what needs a person, timing), and with --gradebook the file Moodle or Canvas imports.
            A submission follows templates/submission.md or .tex (a heading per part id); without the template, answers are found by their question number and letter (2a, (b), سوال ۲ بخش الف) or their left-hand side.
            With --pdf, feedback/STUDENT.pdf too.
            Exit codes: 0 graded, nothing flagged; 1 graded, some parts need a person (see the flags) or a feedback PDF could not be made; 2 bad input (no such set or folder, a bad option); 3 the grader failed (nothing was half-written).
            """)
        {
            set, submissions, Out, Lang, Jobs, TimeoutMs, Gradebooks, Resume, Pdf, CheckCommand.Keys, NoProgress,
        };
        command.SetAction(result =>
        {
            try
            {
                var output = result.GetValue(Out) ?? throw new InputException("Say where to write the grades: --out OUT_DIR.");
                var folder = result.GetValue(submissions)!;
                if (!Directory.Exists(folder)) throw new InputException($"There is no submissions folder '{folder}'.");
                var keysOption = result.GetValue(CheckCommand.Keys);
                var key = LoadKey(keysOption, result.GetValue(set)!);
                var request = new GradeRequest(key, folder, output, CheckCommand.ReadLanguage(result.GetValue(Lang), key.Key.Language),
                    ReadGradebooks(result.GetValue(Gradebooks)), result.GetValue(Resume), Options(result), keysOption);
                return Run(request, result.GetValue(NoProgress), previous: null, result.GetValue(Pdf));
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, false);
            }
        });
        return command;
    }

    internal static ClassGraderOptions Options(ParseResult result)
    {
        var jobs = result.GetValue(Jobs);
        var timeout = result.GetValue(TimeoutMs);
        if (jobs < 1) throw new InputException($"--jobs must be at least 1, not {jobs}.");
        if (timeout < 1) throw new InputException($"--timeout-ms must be at least 1, not {timeout}.");
        return new ClassGraderOptions { Jobs = jobs, Timeout = TimeSpan.FromMilliseconds(timeout) };
    }

    internal static KeyFile LoadKey(string? keysOption, string set)
    {
        var directory = KeyFiles.Directory(keysOption);
        var file = directory.FileOf(set)
            ?? throw new InputException($"There is no answer key for '{set}' in {KeyFiles.Display(directory.Path)}; the sets are: {string.Join(", ", directory.Sets())}.");
        KeyFile? key;
        IReadOnlyList<KeyError> errors;
        try
        {
            key = KeyFile.Load(file, KeyFiles.Display(file), out errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read {KeyFiles.Display(file)}: {ex.Message}");
        }
        return key ?? throw new InputException($"The key {KeyFiles.Display(file)} has errors (run 'dc keys verify'):\n" + string.Join('\n', errors.Select(e => "  " + e)));
    }

    internal static ImmutableArray<Gradebook> ReadGradebooks(IEnumerable<string>? names) =>
    [
        .. (names ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(n => n.ToLowerInvariant() switch
        {
            "moodle" => Gradebook.Moodle,
            "canvas" => Gradebook.Canvas,
            _ => throw new InputException($"--gradebook takes moodle or canvas, not '{n}'."),
        }).Distinct(),
    ];

    /// <summary>Runs a grading request with progress, prints the summary (and, for regrade, the changes); returns the exit code.</summary>
    internal static int Run(GradeRequest request, bool quiet, GradeState? previous, bool pdf = false)
    {
        // Before grading: a missing template is bad input, not something to find out afterwards.
        var template = pdf ? RenderCommand.DefaultTemplates().For(Publishing.Writers.OutputFormat.Latex) : null;
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var outcome = WithProgress(quiet, progress => ClassGrading.Run(request, progress, cancel.Token));
            var result = outcome.Run.Result;
            if (previous is not null) RegradeCommand.PrintChanges(previous, outcome.Run);
            PrintSummary(request, result, outcome.Written);
            var pdfsFailed = template is not null && !WritePdfs(request, result, template, quiet, cancel.Token);
            return result.AnyFlagged || pdfsFailed ? ExitCodes.No : ExitCodes.Ok;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: the outputs were not rewritten; the students finished so far are kept for --resume.");
            return InternalFailure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: could not write the outputs in {request.Output}: {ex.Message}");
            return InternalFailure;
        }
#pragma warning disable CA1031 // Any other failure is the grader's own: reported as such, with exit code 3, never as bad input.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"internal error: {ex}");
            return InternalFailure;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The feedback PDFs; false when one could not be made (each is reported, and the Markdown feedback stays).</summary>
    private static bool WritePdfs(GradeRequest request, ClassResult result, Publishing.Writers.SheetTemplate template, bool quiet, CancellationToken cancel)
    {
        if (Publishing.Pdf.XeLatex.Find() is null)
        {
            Console.Error.WriteLine($"error: no feedback PDFs: {Publishing.Pdf.XeLatex.MissingMessage}. The Markdown feedback is in {Path.Combine(request.Output, FeedbackSheet.Folder)}.");
            return false;
        }
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var pdfs = FeedbackPdf.WriteAll(request.Output, result, request.Key.Key, request.Language, template, request.Options.Jobs,
            quiet ? null : (done, total) =>
            {
                if (done == total || done % Math.Max(1, total / 10) == 0) Console.Error.WriteLine($"feedback PDFs: {done}/{total}");
            }, cancel).GetAwaiter().GetResult();
        Console.WriteLine($"  wrote {pdfs.Written.Count} feedback PDF{(pdfs.Written.Count == 1 ? "" : "s")} in {stopwatch.Elapsed.TotalSeconds:0.0} s ({Path.Combine(request.Output, FeedbackSheet.Folder)})");
        foreach (var (student, error) in pdfs.Failed) Console.Error.WriteLine($"error: no feedback PDF for {student}: {error}");
        return pdfs.Failed.Count == 0;
    }

    /// <summary>A progress bar with ETA on a terminal; a plain line per 10% when output is redirected; nothing when quiet.</summary>
    private static T WithProgress<T>(bool quiet, Func<Action<GradingProgress>, T> work)
    {
        if (quiet) return work(_ => { });
        if (Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            var printed = new Dictionary<string, int>();
            var gate = new object();
            return work(p =>
            {
                if (p.Total == 0 || p.Done == 0 || (p.Stage == "reading" && p.Done < p.Total)) return;
                var tenth = p.Done * 10 / p.Total;
                lock (gate)
                {
                    if (printed.TryGetValue(p.Stage, out var last) && last >= tenth) return;
                    printed[p.Stage] = tenth;
                    Console.Error.WriteLine(p.Stage == "reading"
                        ? $"read {p.Total} submissions"
                        : $"graded {p.Done}/{p.Total} students ({p.Done * 100 / p.Total}%)");
                }
            });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var gate = new object();
                result = work(p =>
                {
                    lock (gate)
                    {
                        if (!tasks.TryGetValue(p.Stage, out var task))
                            tasks[p.Stage] = task = context.AddTask(p.Stage == "reading" ? "reading submissions" : "grading students", maxValue: Math.Max(1, p.Total));
                        task.Value = p.Done;
                    }
                });
            });
        return result;
    }

    private static void PrintSummary(GradeRequest request, ClassResult result, IReadOnlyList<string> written)
    {
        var t = result.Timing;
        var parts = result.Parts.Length;
        Console.WriteLine($"graded {result.Students.Length} student{(result.Students.Length == 1 ? "" : "s")} of {result.Set} in {t.WallMs / 1000:0.0} s " +
            $"({parts} parts, {GradesCsv.Points(result.MaxPoints)} points; {t.Checks} distinct answers checked, {t.CacheHits} shared" +
            (t.Resumed > 0 ? $"; {t.Resumed} kept from the last run" : "") + ")");
        if (result.Students.Length > 0)
        {
            var stats = ClassStatistics.Of(result, request.Language);
            Console.WriteLine($"  mean {GradesCsv.Points(stats.Mean)} / {GradesCsv.Points(result.MaxPoints)}, median {GradesCsv.Points(stats.Median)}");
        }
        var flagged = result.Students.Where(s => s.Flags.Length > 0).ToList();
        if (flagged.Count > 0)
        {
            var counts = result.Students.SelectMany(s => s.Parts.SelectMany(p => p.Flags).Concat(s.Issues.Select(i => i.Flag)))
                .GroupBy(f => f).OrderBy(g => ClassFlags.Order.IndexOf(g.Key) is var i && i < 0 ? int.MaxValue : i).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"  {flagged.Count} student{(flagged.Count == 1 ? " has" : "s have")} something for a person to check: {string.Join(", ", counts)}");
        }
        else Console.WriteLine("  nothing flagged");
        var sheets = written.Count(w => w.StartsWith(FeedbackSheet.Folder, StringComparison.Ordinal));
        var files = written.Where(w => !w.StartsWith(FeedbackSheet.Folder, StringComparison.Ordinal)).Append($"{FeedbackSheet.Folder}/ ({sheets} sheets, {request.Language.Code()})");
        Console.WriteLine($"  wrote {KeyFiles.Display(Path.GetFullPath(request.Output))}: {string.Join(", ", files)}");
    }
}
