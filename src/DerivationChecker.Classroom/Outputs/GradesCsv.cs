using System.Globalization;
using CsvHelper;
using DerivationChecker.Classroom.Batch;

namespace DerivationChecker.Classroom.Outputs;

/// <summary>The learning-management systems whose grade import a gradebook file is written for.</summary>
public enum Gradebook
{
    Moodle,
    Canvas,
}

/// <summary>
/// grades.csv — one row per student: id, name, file, one column per part, total, flags and the parts
/// that need a person — and the gradebook files Moodle's and Canvas's grade import read.
/// </summary>
public static class GradesCsv
{
    public const string FileName = "grades.csv";

    public static string GradebookFileName(Gradebook gradebook) => $"grades-{gradebook.ToString().ToLowerInvariant()}.csv";

    /// <summary>
    /// LF line ends; a name or id a student wrote that starts like a formula (=, +, -, @) is escaped, so a
    /// spreadsheet never runs it.
    /// </summary>
    private static CsvWriterOptions Options(bool byteOrderMark) => new() { NewLine = "\n", WriteByteOrderMark = byteOrderMark, Injection = CsvInjection.Escape };

    public static string Points(decimal points) => PartOutcomes.Normalize(points).ToString(CultureInfo.InvariantCulture);

    /// <summary>UTF-8 with a byte-order mark, so that spreadsheet programs show Persian names.</summary>
    public static void Write(string path, ClassResult result) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, Options(byteOrderMark: true), leaveOpen: true);
        foreach (var header in new[] { "student_id", "name", "file" }.Concat(result.Parts.Select(p => p.Id)).Concat(["total", "flags", "needs_review"]))
            csv.WriteField(header);
        csv.EndRecord();
        foreach (var student in result.Students)
        {
            csv.WriteField(student.Id);
            csv.WriteField(student.Name ?? "");
            csv.WriteField(student.Source);
            foreach (var part in student.Parts) csv.WriteField(Points(part.Points));
            csv.WriteField(Points(student.Total));
            csv.WriteField(string.Join(';', student.Flags));
            csv.WriteField(string.Join(';', student.NeedsReview.Select(p => p.Part)));
            csv.EndRecord();
        }
    });

    /// <summary>
    /// Moodle (Grades → Import → CSV file): "ID number" to map to the user field idnumber, the student's
    /// name for reading, the homework's grade as "SET (Real)" and a "SET (Feedback)" text, named as
    /// Moodle's own export names them so the import page's mapping is obvious. UTF-8 with a BOM, which
    /// Moodle's reader strips.
    /// Canvas (Grades → Import): its export's columns, Student, ID, SIS User ID, SIS Login ID, Section,
    /// then the homework as one assignment column, and the "Points Possible" row; the student id goes in
    /// SIS User ID, which Canvas matches students by when ID (its internal id) is empty. UTF-8, no BOM.
    /// </summary>
    public static void WriteGradebook(string path, ClassResult result, Gradebook gradebook) => AtomicFile.Write(path, stream =>
    {
        using var csv = CsvWriter.Create(stream, Options(byteOrderMark: gradebook == Gradebook.Moodle), leaveOpen: true);
        if (gradebook == Gradebook.Moodle)
        {
            foreach (var header in MoodleHeaders(result)) csv.WriteField(header);
            csv.EndRecord();
            foreach (var s in result.Students)
            {
                csv.WriteField(s.Id);
                csv.WriteField(s.Name ?? "");
                csv.WriteField(Points(s.Total));
                csv.WriteField(Summary(s));
                csv.EndRecord();
            }
        }
        else
        {
            foreach (var header in CanvasHeaders(result)) csv.WriteField(header);
            csv.EndRecord();
            foreach (var field in new[] { "    Points Possible", "", "", "", "", Points(result.MaxPoints) }) csv.WriteField(field);
            csv.EndRecord();
            foreach (var s in result.Students)
            {
                csv.WriteField(s.Name ?? s.Id);
                csv.WriteField("");
                csv.WriteField(s.Id);
                csv.WriteField("");
                csv.WriteField("");
                csv.WriteField(Points(s.Total));
                csv.EndRecord();
            }
        }
    });

    public static IReadOnlyList<string> MoodleHeaders(ClassResult result) => ["ID number", "Full name", $"{result.Set} (Real)", $"{result.Set} (Feedback)"];

    public static IReadOnlyList<string> CanvasHeaders(ClassResult result) => ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", result.Set];

    /// <summary>One line for the gradebook's feedback column: points per part and what needs a person.</summary>
    private static string Summary(StudentResult s)
    {
        var parts = string.Join(", ", s.Parts.Select(p => $"{p.Part} {Points(p.Points)}/{Points(p.MaxPoints)}"));
        var review = s.NeedsReview.Select(p => p.Part).ToList();
        return review.Count == 0 ? parts : $"{parts}; to be checked by a person: {string.Join(", ", review)}";
    }
}
