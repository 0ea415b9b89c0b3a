using System.Security.Cryptography;
using System.Text;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>A submission read from disk: the document, and a hash of the bytes read (for <c>--resume</c>).</summary>
public sealed record ReadSubmission(SubmissionDocument Document, string Sha256);

/// <summary>Reads a submission's files by their format: <c>.tex</c> as LaTeX, <c>.ipynb</c> as a notebook, anything else as Markdown.</summary>
public static class SubmissionReader
{
    public static ReadSubmission Read(SubmissionSource source, int maxBytes = SubmissionText.DefaultMaxBytes)
    {
        var documents = new List<SubmissionDocument>();
        var hashes = new StringBuilder();
        foreach (var file in source.Files)
        {
            var text = SubmissionText.Read(file, maxBytes);
            hashes.Append(text.Sha256);
            var format = Format(file);
            var document = text.Binary || text.Text.Length == 0 ? SubmissionDocument.Empty(format) : Parse(text.Text, format);
            documents.Add(document with { Issues = [.. text.Issues, .. document.Issues] });
        }
        var sha = source.Files.Length == 1 ? hashes.ToString() : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(hashes.ToString())));
        return new ReadSubmission(Combine(documents), sha);
    }

    public static SubmissionDocument Parse(string text, string format) => format switch
    {
        "latex" => LatexSubmission.Read(text),
        "notebook" => NotebookSubmission.Read(text),
        _ => MarkdownSubmission.Read(text),
    };

    public static string Format(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".tex" or ".latex" => "latex",
        ".ipynb" => "notebook",
        _ => "markdown",
    };

    /// <summary>Several files of one student, in order: the first id, name and set given win.</summary>
    private static SubmissionDocument Combine(List<SubmissionDocument> documents)
    {
        if (documents.Count == 1) return documents[0];
        if (documents.Count == 0) return SubmissionDocument.Empty("folder", new SubmissionIssue(Batch.ClassFlags.Empty, "The folder has no files.", "پوشه هیچ فایلی ندارد."));
        return new SubmissionDocument(
            documents.Select(d => d.StudentId).FirstOrDefault(v => v is not null),
            documents.Select(d => d.Name).FirstOrDefault(v => v is not null),
            documents.Select(d => d.Set).FirstOrDefault(v => v is not null),
            "folder",
            [.. documents.SelectMany(d => d.Blocks)],
            [.. documents.SelectMany(d => d.Issues).Distinct()]);
    }
}
