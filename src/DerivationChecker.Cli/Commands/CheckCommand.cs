using System.CommandLine;
using System.Text.Json.Nodes;
using DerivationChecker.Grading;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Modes;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Cli.Commands;

/// <summary>
/// <c>dc check SET/PART --answer 'LATEX'</c>: grades one answer against the set's key. Exit 0 full
/// marks, 1 not (including manual and inconclusive), 2 bad input. <c>dc check SET --list</c> lists the parts.
/// </summary>
public static class CheckCommand
{
    private static readonly Option<string?> Answer = new("--answer")
    {
        Description = "The answer as a student writes it (LaTeX; several equations separated by commas or lines; option letters; parameter assignments). '-' reads standard input.",
        HelpName = "TEXT",
    };

    private static readonly Option<string?> AnswerFile = new("--answer-file") { Description = "Read the answer from this file.", HelpName = "FILE" };

    private static readonly Option<bool> List = new("--list") { Description = "List the set's parts with their statements and points." };

    internal static readonly Option<string?> Keys = new("--keys")
    {
        Description = "The folder of answer keys (default: answer-keys/ of the repository, found through DC_HOME).",
        HelpName = "DIR",
    };

    private static readonly Option<string?> Lang = new("--lang") { Description = "Feedback language: fa or en (default: the key's language).", HelpName = "fa|en" };

    public static Command Create()
    {
        var target = new Argument<string?>("target") { Description = "SET/PART to grade (e.g. rnn-bptt-attention/q2a), or SET with --list.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("check", "Grade an answer to one homework part against its answer key: verdict, points and feedback.")
        {
            target, Answer, AnswerFile, List, Lang, Keys, CommonOptions.Json, CommonOptions.TimeoutMs,
        };
        command.SetAction(result =>
        {
            var json = result.GetValue(CommonOptions.Json);
            try
            {
                var text = result.GetValue(target) ?? throw new InputException("Name the part to check, SET/PART (e.g. rnn-bptt-attention/q2a), or SET with --list.");
                var directory = KeyFiles.Directory(result.GetValue(Keys));
                var slash = text.IndexOf('/');
                var set = slash < 0 ? text : text[..slash];
                var key = KeyFiles.LoadSet(directory, set);
                var language = ReadLanguage(result.GetValue(Lang), key.Language);
                if (result.GetValue(List)) return ListParts(key, language, json);
                if (slash < 0) throw new InputException($"Name the part as {set}/PART; the parts are {string.Join(", ", key.Parts.Select(p => p.Id))} (or use --list).");
                var part = key.FindPart(text[(slash + 1)..])
                    ?? throw new InputException($"The set {set} has no part '{text[(slash + 1)..]}'; its parts are {string.Join(", ", key.Parts.Select(p => p.Id))}.");
                var answer = ReadAnswer(result.GetValue(Answer), result.GetValue(AnswerFile));
                var timeout = TimeSpan.FromMilliseconds(Math.Max(1, result.GetValue(CommonOptions.TimeoutMs)));
                var grade = new Grader(new GradingOptions { Timeout = timeout }).Grade(key, part, answer);
                if (json) Output.Json(GradeJson(grade, language));
                else PrintGrade(grade, language);
                return grade.Verdict switch
                {
                    GradeVerdict.Full => ExitCodes.Ok,
                    GradeVerdict.Invalid => ExitCodes.BadInput,
                    _ => ExitCodes.No,
                };
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, json);
            }
        });
        return command;
    }

    internal static Language ReadLanguage(string? text, Language fallback)
    {
        if (text is null) return fallback;
        return Languages.TryParse(text, out var language) ? language : throw new InputException($"--lang takes fa or en, not '{text}'.");
    }

    private static string ReadAnswer(string? answer, string? file)
    {
        if (answer is not null && file is not null) throw new InputException("Give the answer once: --answer or --answer-file.");
        if (file is not null)
        {
            try
            {
                return File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"Cannot read the answer file {file}: {ex.Message}");
            }
        }
        return answer is null ? throw new InputException("Give the answer with --answer 'LATEX', --answer-file FILE, or --answer - (standard input).") : CommonOptions.ReadArgument(answer);
    }

    private static void PrintGrade(GradeResult grade, Language language)
    {
        Console.WriteLine($"{grade.Part}: {grade.Verdict.Text()} — {Phrases.Points(grade.Points)} of {Phrases.Points(grade.MaxPoints)} points");
        var feedback = grade.Feedback.For(language);
        if (feedback.Length > 0) Console.WriteLine(Output.Indent(feedback));
        if (grade.ParseError is { } error) Console.WriteLine(Output.Indent(error.Pointer()));
        if (grade.Quantities.Length > 1)
        {
            foreach (var q in grade.Quantities)
                Console.WriteLine($"  · {q.Label.For(language)}: {q.Verdict.Text()}, {Phrases.Points(q.Points)}/{Phrases.Points(q.MaxPoints)}");
        }
        if (grade.Diagnosis is { } d) Console.WriteLine($"  diagnosis: {d.Kind.ToString().ToLowerInvariant()}");
        Console.WriteLine($"  how: {grade.Method}");
        var flags = string.Join(", ", grade.Flags.Names());
        if (flags.Length > 0) Console.WriteLine($"  flags: {flags}");
        foreach (var note in grade.Notes) Console.WriteLine($"  note: {note}");
    }

    public static JsonObject GradeJson(GradeResult grade, Language language) => new()
    {
        ["part"] = grade.Part,
        ["verdict"] = grade.Verdict.Text(),
        ["points"] = grade.Points,
        ["max_points"] = grade.MaxPoints,
        ["language"] = language.Code(),
        ["feedback"] = grade.Feedback.For(language),
        ["feedback_en"] = grade.Feedback.En,
        ["feedback_fa"] = grade.Feedback.Fa,
        ["diagnosis"] = DiagnosisJson(grade.Diagnosis),
        ["method"] = grade.Method,
        ["flags"] = new JsonArray([.. grade.Flags.Names().Select(f => (JsonNode)f)]),
        ["error"] = grade.ParseError is { } e ? Output.ErrorJson(e) : null,
        ["quantities"] = new JsonArray([.. grade.Quantities.Select(q => (JsonNode)new JsonObject
        {
            ["id"] = q.Id,
            ["label"] = q.Label.For(language),
            ["verdict"] = q.Verdict.Text(),
            ["points"] = q.Points,
            ["max_points"] = q.MaxPoints,
            ["feedback"] = q.Feedback.For(language),
            ["diagnosis"] = DiagnosisJson(q.Diagnosis),
            ["method"] = q.Method,
            ["flags"] = new JsonArray([.. q.Flags.Names().Select(f => (JsonNode)f)]),
            ["graded"] = q.Graded,
        })]),
        ["circuit"] = grade.Circuit is { } c ? new JsonObject
        {
            ["architecture"] = c.Architecture,
            ["max_length"] = c.MaxLength,
            ["strict"] = ConventionJson(c.Strict),
            ["inclusive"] = ConventionJson(c.Inclusive),
        } : null,
        ["notes"] = new JsonArray([.. grade.Notes.Select(n => (JsonNode)n)]),
    };

    private static JsonObject ConventionJson(Grading.Circuits.ConventionResult r) => new()
    {
        ["passed"] = r.Passed,
        ["inputs_checked"] = r.InputsChecked,
        ["first_failure"] = r.FirstFailure is { } f ? new JsonObject
        {
            ["input"] = f.Input,
            ["length"] = f.Length,
            ["expected"] = f.Expected,
            ["actual"] = f.Actual,
        } : null,
    };

    private static JsonObject? DiagnosisJson(Core.Equivalence.Diagnosis? d) => d is null ? null : new JsonObject
    {
        ["kind"] = d.Kind.ToString().ToLowerInvariant(),
        ["detail"] = d.Detail,
        ["factor"] = d.Factor is null ? null : Show.Latex(d.Factor),
    };

    private static int ListParts(AnswerKey key, Language language, bool json)
    {
        if (json)
        {
            Output.Json(new JsonObject
            {
                ["set"] = key.Set,
                ["course"] = key.Course,
                ["title"] = key.Title.For(language),
                ["total_points"] = key.Parts.Sum(p => p.Points),
                ["parts"] = new JsonArray([.. key.Parts.Select(p => (JsonNode)new JsonObject
                {
                    ["id"] = p.Id,
                    ["mode"] = p.Mode,
                    ["points"] = p.Points,
                    ["statement"] = MathText.Render(p.Statement.For(language), language, p.Context.Symbols),
                    ["derivation"] = p.Derivation,
                })]),
            });
            return ExitCodes.Ok;
        }
        Console.WriteLine($"{key.Set} — {MathText.Render(key.Title.For(language), language)} ({key.Course})");
        var width = key.Parts.Max(p => p.Id.Length);
        foreach (var p in key.Parts)
        {
            Console.WriteLine($"  {p.Id.PadRight(width)}  {p.Mode}, {Phrases.Points(p.Points)} points");
            var statement = MathText.Render(p.Statement.For(language), language, p.Context.Symbols);
            foreach (var line in statement.Split('\n')) Console.WriteLine($"  {new string(' ', width)}    {line}");
        }
        Console.WriteLine($"total: {Phrases.Points(key.Parts.Sum(p => p.Points))} points");
        return ExitCodes.Ok;
    }
}
