using System.Collections.Immutable;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Outputs;

/// <summary>What to write besides the fixed files: the feedback's language and the gradebooks asked for.</summary>
public sealed record OutputOptions(Language Language, ImmutableArray<Gradebook> Gradebooks);

/// <summary>
/// Writes a class result into an output folder: results.json, grades.csv, the gradebooks asked for,
/// one feedback sheet per student (stale sheets of students no longer in the class removed), and the
/// report in Markdown and HTML. Every file is written atomically.
/// </summary>
public static class OutputFolder
{
    /// <summary>Writes everything; returns the paths written, relative to <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Write(string folder, ClassResult result, OutputOptions options)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Text(string name, string text)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, name), text);
            written.Add(name);
        }

        Text("results.json", ResultsJson.Write(result));
        GradesCsv.Write(Path.Combine(folder, GradesCsv.FileName), result);
        written.Add(GradesCsv.FileName);
        foreach (var gradebook in options.Gradebooks.Distinct())
        {
            var name = GradesCsv.GradebookFileName(gradebook);
            GradesCsv.WriteGradebook(Path.Combine(folder, name), result, gradebook);
            written.Add(name);
        }

        var feedback = Path.Combine(folder, FeedbackSheet.Folder);
        Directory.CreateDirectory(feedback);
        var sheets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var student in result.Students)
        {
            var name = FeedbackSheet.FileName(student.Id);
            for (var n = 2; !sheets.Add(name); n++) name = FeedbackSheet.FileName($"{student.Id}-{n}");
            Text(Path.Combine(FeedbackSheet.Folder, name), FeedbackSheet.Write(result, student, options.Language));
        }
        foreach (var stale in Directory.EnumerateFiles(feedback, "*.md").Where(f => !sheets.Contains(Path.GetFileName(f))))
            File.Delete(stale);

        Text(ClassReport.MarkdownFile, ClassReport.Markdown(result, options.Language));
        Text(ClassReport.HtmlFile, ClassReport.Html(result, options.Language));
        return written;
    }
}
