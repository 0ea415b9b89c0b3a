using System.CommandLine;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Publishing.Documents;
using DerivationChecker.Publishing.Pdf;
using DerivationChecker.Publishing.Writers;

namespace DerivationChecker.Cli.Commands;

/// <summary>
/// <c>dc render SET [--format md|tex|pdf|html] [--lang fa|en] [--out FILE] [--template FILE]</c>: the
/// solution sheet of a set, from its key and the engine's derivations. Exit 0 written, 1 the PDF could
/// not be made (the .tex is written and the reason printed), 2 bad input.
/// </summary>
public static class RenderCommand
{
    private static readonly Option<string> Format = new("--format")
    {
        Description = "md (GitHub-style $$ math), html (MathML, no network needed), tex (XeLaTeX source) or pdf (through XeLaTeX).",
        DefaultValueFactory = _ => "md",
        HelpName = "md|tex|pdf|html",
    };

    private static readonly Option<string?> Lang = new("--lang") { Description = "Language of the sheet: fa (right to left, math left to right) or en (default: the key's language).", HelpName = "fa|en" };

    private static readonly Option<string?> Out = new("--out")
    {
        Description = "The file to write (default: standard output; for pdf, SET.LANG.pdf here). With the set 'all', a folder that gets SET.LANG.EXT for every set.",
        HelpName = "FILE",
    };

    private static readonly Option<string?> Template = new("--template")
    {
        Description = "A Handlebars template to use instead of templates/sheet.FORMAT.hbs (copy that one and edit it; for pdf, a .tex template).",
        HelpName = "FILE",
    };

    public static Command Create()
    {
        var set = new Argument<string>("set") { Description = "The homework set (an answer key in answer-keys/), or 'all' for every set (with --out DIR)." };
        var command = new Command("render", """
            Write a set's solution sheet: for each part the statement, the answer, the derivation with the rule and the engine's check of every step, the other forms the key accepts, and the common mistakes with what they earn and why they are wrong. Everything on it comes from the key and the engine.
            Exit codes: 0 written; 1 the PDF could not be made (the .tex is written beside it and the reason printed, e.g. xelatex missing); 2 bad input (no such set, a bad option, a template that cannot be read).
            """)
        {
            set, Format, Lang, Out, Template, CheckCommand.Keys,
        };
        command.SetAction(async (result, cancellation) =>
        {
            try
            {
                var format = ReadFormat(result.GetValue(Format)!);
                var template = result.GetValue(Template) is { } path
                    ? ReadTemplate(path)
                    : DefaultTemplates().For(format == "pdf" ? Publishing.Writers.OutputFormat.Latex : OutputFormat(format));
                var directory = KeyFiles.Directory(result.GetValue(CheckCommand.Keys));
                var name = result.GetValue(set)!;
                var sets = name == "all" ? directory.Sets().ToList() : [name];
                var output = result.GetValue(Out);
                if (name == "all" && output is null) throw new InputException("Rendering every set needs a folder to write them to: --out DIR.");
                var code = ExitCodes.Ok;
                foreach (var one in sets)
                {
                    var key = KeyFiles.LoadSet(directory, one);
                    var language = CheckCommand.ReadLanguage(result.GetValue(Lang), key.Language);
                    var target = name == "all" ? Path.Combine(output!, $"{one}.{Languages.Code(language)}.{format}") : output;
                    code = Math.Max(code, await RenderOne(key, language, format, template, target, cancellation));
                }
                return code;
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, false);
            }
        });
        return command;
    }

    private static async Task<int> RenderOne(AnswerKey key, Language language, string format, SheetTemplate template, string? target, CancellationToken cancellation)
    {
        var sheet = KeySheet.Build(key, language == Language.Fa ? SheetLanguage.Persian : SheetLanguage.English);
        string text;
        try
        {
            text = SheetRenderer.Render(sheet, format == "pdf" ? Publishing.Writers.OutputFormat.Latex : OutputFormat(format), template);
        }
        catch (InvalidOperationException ex)
        {
            throw new InputException(ex.Message);
        }
        if (format != "pdf")
        {
            if (target is null) Console.Write(text);
            else Write(target, text);
            return ExitCodes.Ok;
        }

        var pdf = target ?? $"{key.Set}.{Languages.Code(language)}.pdf";
        var tex = Path.ChangeExtension(pdf, ".tex");
        Write(tex, text);
        var compiled = await XeLatex.CompileAsync(tex, pdf, cancellation: cancellation);
        if (!compiled.Ok)
        {
            Console.Error.WriteLine($"error: no PDF for {key.Set}: {compiled.Error}");
            Console.Error.WriteLine($"The LaTeX is in {KeyFiles.Display(Path.GetFullPath(tex))}.");
            return ExitCodes.No;
        }
        foreach (var missing in compiled.MissingCharacters) Console.Error.WriteLine($"warning: {missing}");
        Console.Error.WriteLine($"wrote {KeyFiles.Display(compiled.PdfPath!)} (and its LaTeX, {KeyFiles.Display(Path.GetFullPath(tex))})");
        return ExitCodes.Ok;
    }

    private static string ReadFormat(string text) => text.ToLowerInvariant() switch
    {
        "md" or "markdown" => "md",
        "tex" or "latex" => "tex",
        "pdf" => "pdf",
        "html" => "html",
        _ => throw new InputException($"--format takes md, tex, pdf or html, not '{text}'."),
    };

    private static OutputFormat OutputFormat(string format) => format switch
    {
        "tex" => Publishing.Writers.OutputFormat.Latex,
        "html" => Publishing.Writers.OutputFormat.Html,
        _ => Publishing.Writers.OutputFormat.Markdown,
    };

    private static SheetTemplate ReadTemplate(string path)
    {
        try
        {
            return SheetTemplate.FromFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read the template {path}: {ex.Message}");
        }
    }

    internal static SheetTemplates DefaultTemplates()
    {
        try
        {
            var home = Environment.GetEnvironmentVariable("DC_HOME");
            return home is not null && Directory.Exists(Path.Combine(home, "templates"))
                ? SheetTemplates.FromDirectory(Path.Combine(home, "templates"))
                : SheetTemplates.Default();
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new InputException(ex.Message + " (or give --template FILE)");
        }
    }

    private static void Write(string path, string text)
    {
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot write {path}: {ex.Message}");
        }
    }
}
