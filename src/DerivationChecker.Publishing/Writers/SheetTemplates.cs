namespace DerivationChecker.Publishing.Writers;

/// <summary>
/// The default templates of a templates directory: sheet.md.hbs, sheet.html.hbs and sheet.tex.hbs
/// (the LaTeX one switches between article and xepersian on the sheet's language).
/// </summary>
public sealed class SheetTemplates
{
    private SheetTemplates(string directory) => Directory = directory;

    /// <summary>The directory the templates are read from.</summary>
    public string Directory { get; }

    public static string FileName(OutputFormat format) => format switch
    {
        OutputFormat.Html => "sheet.html.hbs",
        OutputFormat.Latex => "sheet.tex.hbs",
        _ => "sheet.md.hbs",
    };

    /// <summary>The templates in <paramref name="directory"/>; fails when one of the three is missing.</summary>
    public static SheetTemplates FromDirectory(string directory)
    {
        var missing = Enum.GetValues<OutputFormat>().Select(FileName).Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
            throw new DirectoryNotFoundException($"The templates directory {directory} lacks {string.Join(", ", missing)}.");
        return new SheetTemplates(Path.GetFullPath(directory));
    }

    /// <summary>
    /// The repository's templates/ directory: looked for beside the running program and in each
    /// directory above it, then above the working directory. Null when there is none.
    /// </summary>
    public static string? FindDefaultDirectory()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "templates");
                if (File.Exists(Path.Combine(candidate, FileName(OutputFormat.Markdown)))) return candidate;
            }
        }
        return null;
    }

    /// <summary>The default templates, from <see cref="FindDefaultDirectory"/>.</summary>
    public static SheetTemplates Default() =>
        FromDirectory(FindDefaultDirectory()
            ?? throw new DirectoryNotFoundException("No templates/ directory was found beside the program or above the working directory; pass one."));

    public SheetTemplate For(OutputFormat format) => SheetTemplate.FromFile(Path.Combine(Directory, FileName(format)));
}
