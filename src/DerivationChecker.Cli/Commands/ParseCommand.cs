using System.CommandLine;
using System.Text.Json.Nodes;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Cli.Commands;

/// <summary><c>dc parse 'LATEX'</c>: shows how the engine read the input, or where and why it could not.</summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("expression") { Description = "The expression, equation or chain to read (LaTeX or ASCII). Use '-' to read standard input." };
        var command = new Command("parse", "Show how the engine reads an expression: as LaTeX, Unicode and ASCII, with its shape.")
        {
            input, CommonOptions.Symbols, CommonOptions.Syntax, CommonOptions.Json,
        };
        command.SetAction(result =>
        {
            var json = result.GetValue(CommonOptions.Json);
            try
            {
                var context = MathContext.Build(MathContext.ParseSymbolOptions(result.GetValue(CommonOptions.Symbols) ?? []), [], result.GetValue(CommonOptions.Syntax));
                var text = CommonOptions.ReadArgument(result.GetValue(input)!);
                return Run(text, context, json);
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, json);
            }
        });
        return command;
    }

    private static int Run(string text, MathContext context, bool json)
    {
        var parsed = context.Read(text);
        var syntax = MathReader.Resolve(text, context.Syntax);
        if (!parsed.Ok)
        {
            var error = parsed.Error!;
            if (json)
            {
                Output.Json(new JsonObject
                {
                    ["ok"] = false,
                    ["syntax"] = syntax.ToString().ToLowerInvariant(),
                    ["latex"] = null,
                    ["unicode"] = null,
                    ["ascii"] = null,
                    ["shape"] = null,
                    ["error"] = Output.ErrorJson(error),
                });
            }
            else
            {
                Console.Error.WriteLine($"error: could not read this ({error.Where}): {error.Message}");
                Console.Error.WriteLine(Output.Indent(error.Pointer()));
            }
            return ExitCodes.BadInput;
        }
        var value = parsed.Value!;
        var shape = ShapeInference.Infer(value);
        var shapeText = shape.Ok ? shape.Shape!.Text : null;
        var shapeError = shape.Ok ? null : shape.Error!.Describe(Show.Unicode);
        if (json)
        {
            Output.Json(new JsonObject
            {
                ["ok"] = true,
                ["syntax"] = syntax.ToString().ToLowerInvariant(),
                ["latex"] = LatexWriter.Write(value),
                ["unicode"] = Show.Unicode(value),
                ["ascii"] = Show.Ascii(value),
                ["shape"] = shapeText,
                ["shape_error"] = shapeError,
                ["error"] = null,
                ["warnings"] = new JsonArray([.. parsed.Warnings.Select(w => (JsonNode)w)]),
            });
        }
        else
        {
            Console.WriteLine($"read as {(syntax == Syntax.Ascii ? "ASCII" : "LaTeX")}");
            Console.WriteLine($"  LaTeX:   {LatexWriter.Write(value)}");
            Console.WriteLine($"  Unicode: {Show.Unicode(value)}");
            Console.WriteLine($"  ASCII:   {Show.Ascii(value)}");
            Console.WriteLine(shape.Ok ? $"  shape:   {shapeText}" : $"  shape:   inconsistent — {shapeError}");
            foreach (var w in parsed.Warnings) Console.WriteLine($"  note:    {w}");
        }
        return ExitCodes.Ok;
    }
}
