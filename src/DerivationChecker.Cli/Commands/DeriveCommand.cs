using System.CommandLine;
using System.Text.Json.Nodes;
using DerivationChecker.Derivations;
using DerivationChecker.Derivations.Rendering;

namespace DerivationChecker.Cli.Commands;

/// <summary><c>dc derive GOAL</c>: a derivation the engine works out and checks step by step.</summary>
public static class DeriveCommand
{
    public enum Format
    {
        Md,
        Tex,
        Json,
    }

    public static Command Create()
    {
        var goal = new Argument<string?>("goal") { Description = "The derivation to run (see --list).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the derivations, one line each." };
        var format = new Option<Format>("--format") { Description = "Output format: md (Markdown with $$ math), tex (a LaTeX fragment) or json.", DefaultValueFactory = _ => Format.Md };
        var command = new Command("derive", "Work out a homework derivation step by step; every step is checked by the engine.")
        {
            goal, list, format,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(list))
            {
                var width = DerivationCatalog.All.Max(r => r.Name.Length);
                foreach (var r in DerivationCatalog.All) Console.WriteLine($"{r.Name.PadRight(width)}  {r.Summary}  [{r.Part}]");
                return ExitCodes.Ok;
            }
            var name = result.GetValue(goal);
            if (name is null) return Output.Fail("Name a derivation (see 'dc derive --list').", false);
            var recipe = DerivationCatalog.Find(name);
            if (recipe is null) return Output.Fail($"There is no derivation '{name}'. Run 'dc derive --list' to see them.", false);
            var derivation = recipe.Build();
            switch (result.GetValue(format))
            {
                case Format.Json:
                    Output.Json(DerivationJson.Render(derivation));
                    break;
                case Format.Tex:
                    Console.Write(DerivationLatex.Render(derivation));
                    break;
                default:
                    Console.Write(DerivationMarkdown.Render(derivation));
                    break;
            }
            // A derivation with a step the engine could not verify is not a success.
            return derivation.AllVerified ? ExitCodes.Ok : ExitCodes.Inconclusive;
        });
        return command;
    }
}
