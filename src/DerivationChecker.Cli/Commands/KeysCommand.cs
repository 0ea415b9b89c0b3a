using System.CommandLine;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Modes;

namespace DerivationChecker.Cli.Commands;

/// <summary>
/// <c>dc keys verify [FILE]</c>: loads every key (or one file) and checks it against the engine.
/// Exit 0 when every key loads and verifies (warnings allowed), 1 when one fails, 2 for bad input.
/// </summary>
public static class KeysCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("file") { Description = "One key file to verify (default: every key in the keys folder).", Arity = ArgumentArity.ZeroOrOne };
        var verify = new Command("verify", "Check the answer keys: valid format, accepted answers equivalent, wrong answers really wrong, circuits pass their simulation, derivations agree.")
        {
            file, CheckCommand.Keys, CommonOptions.TimeoutMs,
        };
        verify.SetAction(result =>
        {
            try
            {
                var one = result.GetValue(file);
                IReadOnlyList<string> files = one is not null
                    ? File.Exists(one) ? [one] : throw new InputException($"There is no key file '{one}'.")
                    : KeyFiles.Directory(result.GetValue(CheckCommand.Keys)).Files();
                if (files.Count == 0) throw new InputException("There are no key files (*.yaml) to verify.");
                var options = new GradingOptions { Timeout = TimeSpan.FromMilliseconds(Math.Max(1, result.GetValue(CommonOptions.TimeoutMs))) };
                var failed = 0;
                foreach (var path in files)
                {
                    if (!VerifyOne(path, options)) failed++;
                }
                Console.WriteLine(failed == 0 ? $"all {files.Count} key{(files.Count == 1 ? "" : "s")} verified" : $"{failed} of {files.Count} key{(files.Count == 1 ? "" : "s")} failed");
                return failed == 0 ? ExitCodes.Ok : ExitCodes.No;
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, false);
            }
        });
        return new Command("keys", "Work with the answer keys (answer-keys/*.yaml).") { verify };
    }

    private static bool VerifyOne(string path, GradingOptions options)
    {
        var display = KeyFiles.Display(path);
        var loaded = KeyFiles.Load(path);
        if (loaded.Key is not { } key)
        {
            Console.WriteLine($"{display}: FAILED to load ({loaded.Errors.Length} error{(loaded.Errors.Length == 1 ? "" : "s")})");
            foreach (var e in loaded.Errors) Console.WriteLine(Output.Indent("error: " + e));
            return false;
        }
        var findings = KeyVerifier.Verify(key, options);
        var errors = findings.Count(f => f.Severity == FindingSeverity.Error);
        var warnings = findings.Length - errors;
        var parts = $"{key.Parts.Length} part{(key.Parts.Length == 1 ? "" : "s")}, {Grading.Results.Phrases.Points(key.Parts.Sum(p => p.Points))} points";
        Console.WriteLine(errors == 0
            ? $"{display}: ok ({parts}{(warnings > 0 ? $", {warnings} warning{(warnings == 1 ? "" : "s")}" : "")})"
            : $"{display}: FAILED ({errors} error{(errors == 1 ? "" : "s")}{(warnings > 0 ? $", {warnings} warning{(warnings == 1 ? "" : "s")}" : "")})");
        foreach (var f in findings.OrderBy(f => f.Severity).ThenBy(f => f.Where.Line)) Console.WriteLine(Output.Indent(f.ToString()));
        return errors == 0;
    }
}
