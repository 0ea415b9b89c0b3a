using System.Collections.Immutable;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// One student's submission in a class folder: a file (<c>s01.md</c>), or a folder of files
/// (<c>s01/answers.md</c>, as LMS downloads give them), read together in name order.
/// <see cref="Key"/> is the path relative to the class folder, stable across runs for <c>--resume</c>.
/// </summary>
public sealed record SubmissionSource(string Key, string DefaultId, ImmutableArray<string> Files)
{
    /// <summary>Extensions read as text: Markdown, plain text, LaTeX, notebooks.</summary>
    public static readonly ImmutableArray<string> TextExtensions = [".md", ".markdown", ".txt", ".text", ".tex", ".latex", ".ipynb", ""];

    /// <summary>
    /// Every submission in <paramref name="folder"/>, sorted by name: each file, and each folder, at
    /// the top level. Hidden files (.name), README files and <paramref name="exclude"/> (the output
    /// folder, when it lies inside) are skipped.
    /// </summary>
    public static ImmutableArray<SubmissionSource> Find(string folder, string? exclude = null)
    {
        var root = Path.GetFullPath(folder);
        var skip = exclude is null ? null : Path.GetFullPath(exclude).TrimEnd(Path.DirectorySeparatorChar);
        var sources = ImmutableArray.CreateBuilder<SubmissionSource>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.') || name.StartsWith("README", StringComparison.OrdinalIgnoreCase)) continue;
            if (skip is not null && string.Equals(Path.GetFullPath(entry).TrimEnd(Path.DirectorySeparatorChar), skip, StringComparison.Ordinal)) continue;
            if (Directory.Exists(entry))
            {
                var files = Directory.EnumerateFiles(entry, "*", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 4, IgnoreInaccessible = true })
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal).ToImmutableArray();
                // A student's folder is read for its text files; with none, its other files say what was sent.
                var text = files.Where(f => TextExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).ToImmutableArray();
                sources.Add(new SubmissionSource(name, name, text.IsEmpty ? files : text));
            }
            else
            {
                sources.Add(new SubmissionSource(name, Path.GetFileNameWithoutExtension(name), [entry]));
            }
        }
        return sources.ToImmutable();
    }
}
