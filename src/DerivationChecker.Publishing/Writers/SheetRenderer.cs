using HandlebarsDotNet;
using DerivationChecker.Publishing.Documents;

namespace DerivationChecker.Publishing.Writers;

public enum OutputFormat
{
    Markdown,
    Html,
    Latex,
}

/// <summary>A Handlebars template of a sheet: its text and where it came from (for error messages).</summary>
public sealed record SheetTemplate(string Text, string Origin)
{
    public static SheetTemplate FromFile(string path) =>
        File.Exists(path)
            ? new SheetTemplate(File.ReadAllText(path), Path.GetFullPath(path))
            : throw new FileNotFoundException($"No template at {path}.", path);
}

/// <summary>
/// Lays a sheet out through a Handlebars template: the sheet becomes data in the template's format
/// (prose escaped, formulas written as LaTeX or MathML) and the template places it.
/// </summary>
public static class SheetRenderer
{
    // Escaping is done per format before the data reaches the template, so Handlebars must not escape again.
    private static readonly IHandlebars Handlebars = HandlebarsDotNet.Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });

    public static string Render(Sheet sheet, OutputFormat format, SheetTemplate template)
    {
        HandlebarsTemplate<object, object> compiled;
        try
        {
            compiled = Handlebars.Compile(template.Text);
        }
        catch (HandlebarsException e)
        {
            throw new InvalidOperationException($"The template {template.Origin} could not be read: {e.Message}", e);
        }
        return compiled(Model(sheet, format));
    }

    /// <summary>The data a template of <paramref name="format"/> sees (its variables are listed in templates/README.md).</summary>
    public static IReadOnlyDictionary<string, object?> Model(Sheet sheet, OutputFormat format)
    {
        var rtl = sheet.Language == SheetLanguage.Persian;
        SheetFormat spelling = format switch
        {
            OutputFormat.Html => new HtmlFormat(rtl),
            OutputFormat.Latex => new LatexFormat(rtl),
            _ => new MarkdownFormat(rtl),
        };
        return SheetModel.Build(sheet, spelling);
    }
}
