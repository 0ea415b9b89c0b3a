using System.Text;
using System.Text.Json;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// Reads a Jupyter notebook (<c>.ipynb</c>): its Markdown cells, in order, read as one Markdown
/// document (front matter may open the first cell). Code cells and outputs are not answers. A file
/// that is not a notebook's JSON is read as Markdown and flagged.
/// </summary>
public static class NotebookSubmission
{
    public static SubmissionDocument Read(string text)
    {
        var markdown = new StringBuilder();
        var cellOfLine = new List<int>();
        try
        {
            using var json = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!json.RootElement.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                return Fallback(text, new("The notebook has no cells; it was read as Markdown.", "نوت‌بوک سلولی ندارد؛ به صورت Markdown خوانده شد."));
            var index = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                index++;
                if (cell.ValueKind != JsonValueKind.Object || !cell.TryGetProperty("cell_type", out var type) || type.GetString() != "markdown") continue;
                var source = Source(cell);
                if (markdown.Length > 0)
                {
                    markdown.Append("\n\n");
                    cellOfLine.Add(index);
                    cellOfLine.Add(index);
                }
                markdown.Append(source);
                for (var n = source.Count(c => c == '\n') + 1; n > 0; n--) cellOfLine.Add(index);
            }
        }
        catch (JsonException ex)
        {
            return Fallback(text, new($"The notebook is not valid JSON ({ex.Message}); it was read as Markdown.", "فایل نوت‌بوک JSON معتبر نیست؛ به صورت Markdown خوانده شد."));
        }
        var document = MarkdownSubmission.Read(markdown.ToString(), "notebook",
            line => $"cell {(line < cellOfLine.Count ? cellOfLine[line] : cellOfLine.LastOrDefault())}");
        return document;
    }

    private static string Source(JsonElement cell)
    {
        if (!cell.TryGetProperty("source", out var source)) return "";
        return source.ValueKind switch
        {
            JsonValueKind.String => source.GetString() ?? "",
            JsonValueKind.Array => string.Concat(source.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString())),
            _ => "",
        };
    }

    private static SubmissionDocument Fallback(string text, LocalizedText message)
    {
        var read = MarkdownSubmission.Read(text, "notebook");
        return read with { Issues = read.Issues.Add(new SubmissionIssue(ClassFlags.ParseError, message)) };
    }
}
