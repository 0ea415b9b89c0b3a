using System.CommandLine;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Outputs;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Cli.Commands;

/// <summary>
/// <c>dc regrade OUT_DIR</c>: after the key changed, grades the class of OUT_DIR again with the
/// current key (same submissions, language and gradebooks as recorded there), prints per student what
/// changed (old → new points per part) and rewrites the outputs. Exit codes as <c>dc grade</c>.
/// </summary>
public static class RegradeCommand
{
    private static readonly Option<string?> Submissions = new("--submissions")
    {
        Description = "The class folder, if it moved since OUT_DIR was graded (default: the folder recorded in OUT_DIR).",
        HelpName = "DIR",
    };

    public static Command Create()
    {
        var output = new Argument<string>("out") { Description = "A folder written by 'dc grade' (it holds .dc-grade-state.json)." };
        var command = new Command("regrade", """
            Grade the class of OUT_DIR again after its answer key changed: prints, per student, what changed (old → new points per part, and the total) and rewrites every output in OUT_DIR. The set, the class folder, the language and the gradebooks are those recorded by 'dc grade'.
            Exit codes: 0 graded, nothing flagged; 1 graded, some parts need a person; 2 bad input (no state in OUT_DIR, the class folder or key is gone); 3 the grader failed.
            """)
        {
            output, Submissions, GradeCommand.Jobs, GradeCommand.TimeoutMs, CheckCommand.Keys, GradeCommand.NoProgress,
        };
        command.SetAction(result =>
        {
            try
            {
                var folder = result.GetValue(output)!;
                if (!Directory.Exists(folder)) throw new InputException($"There is no folder '{folder}'.");
                var state = GradeState.Load(folder)
                    ?? throw new InputException($"{folder} has no readable {GradeState.FileName}: regrade a folder that 'dc grade' wrote.");
                var submissions = result.GetValue(Submissions) ?? state.Submissions
                    ?? throw new InputException("The class folder is not recorded; give it with --submissions DIR.");
                if (!Directory.Exists(submissions)) throw new InputException($"The class folder '{submissions}' does not exist any more; give it with --submissions DIR.");
                var keysOption = result.GetValue(CheckCommand.Keys) ?? (state.Keys is { } k && Directory.Exists(k) ? k : null);
                var key = GradeCommand.LoadKey(keysOption, state.Set);
                Console.WriteLine(key.Sha256 == state.KeySha256
                    ? $"regrading {state.Set}: the key is unchanged ({key.Sha256[..12]})" + (state.EngineVersion != KeyFile.EngineVersion ? $"; the engine changed ({state.EngineVersion} → {KeyFile.EngineVersion})" : "")
                    : $"regrading {state.Set}: the key changed ({state.KeySha256[..12]} → {key.Sha256[..12]})");
                var language = Languages.TryParse(state.Language, out var l) ? l : key.Key.Language;
                var options = GradeCommand.Options(result);
                if (result.GetResult(GradeCommand.TimeoutMs) is null or { Implicit: true }) options = options with { Timeout = TimeSpan.FromMilliseconds(state.TimeoutMs) };
                var request = new GradeRequest(key, submissions, folder, language, GradeCommand.ReadGradebooks(state.Gradebooks), Resume: false, options, keysOption);
                return GradeCommand.Run(request, result.GetValue(GradeCommand.NoProgress), state);
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, false);
            }
        });
        return command;
    }

    /// <summary>Per student, what changed between the recorded grades and the new ones.</summary>
    internal static void PrintChanges(GradeState before, ClassRun after)
    {
        var old = before.Students.ToDictionary(e => e.Source, e => e.Result, StringComparer.Ordinal);
        var unchanged = 0;
        foreach (var entry in after.Entries)
        {
            var now = entry.Result;
            if (!old.Remove(entry.Source, out var was))
            {
                Console.WriteLine($"  {Who(now)}: new submission, {GradesCsv.Points(now.Total)} / {GradesCsv.Points(now.MaxPoints)}");
                continue;
            }
            var changes = new List<string>();
            foreach (var part in now.Parts)
            {
                var prior = was.Parts.FirstOrDefault(p => p.Part == part.Part);
                if (prior is null) changes.Add($"{part.Part} (new part) {GradesCsv.Points(part.Points)}");
                else if (prior.Points != part.Points) changes.Add($"{part.Part} {GradesCsv.Points(prior.Points)} → {GradesCsv.Points(part.Points)}");
                else if (prior.Verdict != part.Verdict) changes.Add($"{part.Part} {prior.Verdict} → {part.Verdict}");
            }
            changes.AddRange(was.Parts.Where(p => now.Parts.All(n => n.Part != p.Part)).Select(p => $"{p.Part} (no longer in the key)"));
            if (changes.Count == 0)
            {
                unchanged++;
                continue;
            }
            var total = was.Total == now.Total ? "" : $"; total {GradesCsv.Points(was.Total)} → {GradesCsv.Points(now.Total)}";
            Console.WriteLine($"  {Who(now)}: {string.Join(", ", changes)}{total}");
        }
        foreach (var gone in old.Values) Console.WriteLine($"  {Who(gone)}: no longer in the class folder");
        Console.WriteLine($"  {unchanged} student{(unchanged == 1 ? "" : "s")} unchanged");
    }

    private static string Who(StudentResult s) => s.Name is null ? s.Id : $"{s.Id} ({s.Name})";
}
