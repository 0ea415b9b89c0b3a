using System.Text;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Outputs;
using static DerivationChecker.Tests.Classroom.ClassroomFixture;

namespace DerivationChecker.Tests.Classroom;

/// <summary>
/// The outputs a TA trusts: the same bytes on every run (timings aside), --resume that grades nobody
/// twice and everybody again when the key changes, writes that are whole or absent, and gradebook
/// files in the columns Moodle and Canvas import.
/// </summary>
public sealed class OutputTests
{
    [Fact]
    public void A_common_mistake_of_a_part_with_several_quantities_names_the_wrong_one()
    {
        // q1e asks for the count and the shapes: the count is right, h₁'s space is not.
        using var folder = new TempFolder();
        var key = LoadKey(Path.Combine(Tests.Grading.GradingTestKeys.KeysFolder, "optimizers-elman.yaml"));
        folder.Write("a.md", Template("a", ("q1e", "$$N_{params} = 3n_x + 3n_y + 24$$\n\n$$h_1 \\in \\mathbb{R}^{2}$$")));
        var mistake = Assert.Single(ClassStatistics.Of(Grade(folder.Path, key: key), DerivationChecker.Grading.Results.Language.En).Mistakes, m => m.Part == "q1e");
        Assert.StartsWith("h₁:", mistake.Text);
        Assert.DoesNotContain("Right.", mistake.Text);
    }

    [Fact]
    public void A_parts_notes_reach_the_results_whole()
    {
        // q2a: ŷ_t − y_t is right through the key's definition ŷ_t = softmax(o_t), and the grade says so in a note.
        using var folder = new TempFolder();
        folder.Write("a.md", Template("a", ("q2a", "$$g_{o_t} = \\hat{y}_t - y_t$$")));
        var q2a = Part(Student(Grade(folder.Path), "a"), "q2a");
        Assert.Equal("full", q2a.Verdict);
        Assert.Contains("used 1 definition from the context", q2a.Notes);
    }

    [Fact]
    public void Two_runs_write_the_same_grades_and_results()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        Run(SampleClass, first.Path, options: new ClassGraderOptions { Jobs = 2 });
        Run(SampleClass, second.Path, options: new ClassGraderOptions { Jobs = 1 });
        Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, "grades.csv")), File.ReadAllBytes(Path.Combine(second.Path, "grades.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, "grades-moodle.csv")), File.ReadAllBytes(Path.Combine(second.Path, "grades-moodle.csv")));
        Assert.Equal(
            ResultsJson.WithoutTiming(File.ReadAllText(Path.Combine(first.Path, "results.json"))),
            ResultsJson.WithoutTiming(File.ReadAllText(Path.Combine(second.Path, "results.json"))));
        foreach (var sheet in Directory.EnumerateFiles(Path.Combine(first.Path, "feedback")))
            Assert.Equal(File.ReadAllText(sheet), File.ReadAllText(Path.Combine(second.Path, "feedback", Path.GetFileName(sheet))));
    }

    [Fact]
    public void Resume_grades_nobody_again_until_the_key_or_a_submission_changes()
    {
        using var output = new TempFolder();
        using var keys = new TempFolder();
        using var folder = new TempFolder();
        folder.Write("a.md", Template("a", ("q2a", RightQ2a), ("q3a", RightQ3a)));
        folder.Write("b.md", Template("b", ("q3a", "$$(6, 1, 0)$$")));
        var keyPath = Path.Combine(keys.Path, "rnn-bptt-attention.yaml");
        File.Copy(Key.Path, keyPath);

        var first = Run(folder.Path, output.Path, key: LoadKey(keyPath));
        Assert.Equal(2, first.Run.Result.Timing.Graded);
        var grades = File.ReadAllBytes(Path.Combine(output.Path, "grades.csv"));

        var again = Run(folder.Path, output.Path, resume: true, key: LoadKey(keyPath));
        Assert.Equal(0, again.Run.Result.Timing.Graded);
        Assert.Equal(2, again.Run.Result.Timing.Resumed);
        Assert.Equal(grades, File.ReadAllBytes(Path.Combine(output.Path, "grades.csv")));

        folder.Write("b.md", Template("b", ("q3a", RightQ3a)));
        var changedFile = Run(folder.Path, output.Path, resume: true, key: LoadKey(keyPath));
        Assert.Equal(1, changedFile.Run.Result.Timing.Graded);
        Assert.Equal(10, Student(changedFile.Run.Result, "b").Total);

        File.AppendAllText(keyPath, "\n# a comment changes the key file, so every grade is made again\n");
        var changedKey = Run(folder.Path, output.Path, resume: true, key: LoadKey(keyPath));
        Assert.Equal(2, changedKey.Run.Result.Timing.Graded);
        Assert.Equal(0, changedKey.Run.Result.Timing.Resumed);
        Assert.Equal(first.Run.Result.KeySha256.Length, changedKey.Previous!.KeySha256.Length);
    }

    [Fact]
    public void A_write_that_fails_leaves_neither_a_partial_file_nor_a_temporary_one()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "grades.csv");
        File.WriteAllText(target, "the old grades\n");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("student_id,q1a\n40200001,"));
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("disk full", ex.Message);
        Assert.Equal("the old grades\n", File.ReadAllText(target));
        Assert.Equal(["grades.csv"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName));

        var fresh = Path.Combine(folder.Path, "new.csv");
        Assert.Throws<IOException>(() => AtomicFile.Write(fresh, _ => throw new IOException("gone")));
        Assert.False(File.Exists(fresh));
        Assert.Equal(["grades.csv"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Grades_csv_has_a_column_per_part_the_total_and_the_flags()
    {
        using var output = new TempFolder();
        using var folder = new TempFolder();
        folder.Write("a.md", Template("40200001", ("q2a", RightQ2a), ("q3a", RightQ3a), ("q3b", "Argmax has no gradient.")));
        Run(folder.Path, output.Path);
        var bytes = File.ReadAllBytes(Path.Combine(output.Path, "grades.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("student_id,name,file,q1a,q1b,q1c,q2a,q2b,q2c,q2d,q3a,q3b,total,flags,needs_review", lines[0]);
        Assert.Equal("40200001,Student 40200001,a.md,0,0,0,5,0,0,0,10,0,15,manual-review;not-found,q1a;q1b;q1c;q2b;q2c;q2d;q3b", lines[1]);
    }

    [Fact]
    public void Gradebook_files_have_the_columns_moodle_and_canvas_import()
    {
        using var output = new TempFolder();
        using var folder = new TempFolder();
        folder.Write("a.md", "---\nstudent_id: 40200001\nname: \"=HYPERLINK(1)\"\n---\n\n## q3a\n\n$$(6, 1, 2)$$\n");
        Run(folder.Path, output.Path);

        var moodle = File.ReadAllBytes(Path.Combine(output.Path, "grades-moodle.csv"));
        Assert.Equal([0xEF, 0xBB, 0xBF], moodle[..3]);
        var moodleLines = Encoding.UTF8.GetString(moodle[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ID number,Full name,rnn-bptt-attention (Real),rnn-bptt-attention (Feedback)", moodleLines[0]);
        // A name that a spreadsheet would run as a formula is escaped with a quote.
        Assert.StartsWith("40200001,\"'=HYPERLINK(1)\",10,\"q1a 0/5,", moodleLines[1]);

        var canvas = File.ReadAllBytes(Path.Combine(output.Path, "grades-canvas.csv"));
        Assert.NotEqual(0xEF, canvas[0]);
        var canvasLines = Encoding.UTF8.GetString(canvas).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Student,ID,SIS User ID,SIS Login ID,Section,rnn-bptt-attention", canvasLines[0]);
        Assert.Equal("    Points Possible,,,,,55", canvasLines[1]);
        Assert.Equal("\"'=HYPERLINK(1)\",,40200001,,,10", canvasLines[2]);
    }

    [Fact]
    public void The_sample_class_writes_every_output_with_the_grades_it_was_written_for()
    {
        using var output = new TempFolder();
        var outcome = Run(SampleClass, output.Path);
        foreach (var file in new[] { "grades.csv", "results.json", "report.md", "report.html", "grades-moodle.csv", "grades-canvas.csv", GradeState.FileName })
            Assert.True(File.Exists(Path.Combine(output.Path, file)), file);
        var result = outcome.Run.Result;
        Assert.Equal(result.Students.Length, Directory.EnumerateFiles(Path.Combine(output.Path, "feedback")).Count());

        // Right answers in several forms: full marks on every automatic part (q3b is prose: a person grades it).
        foreach (var id in new[] { "40110001", "40110002", "40110005-kazemi", "40110006" })
            Assert.Equal(45, Student(result, id).Total);
        // The typical mistakes of the key, each with its points.
        var karimi = Student(result, "40110003");
        Assert.Equal([0, 0, 5, 1, 2, 2, 1, 3, 0], karimi.Parts.Select(p => p.Points));
        var lee = Student(result, "40110004");
        Assert.Equal([2.5m, 0, 0, 2, 3, 3, 3, 5, 0], lee.Parts.Select(p => p.Points));
        Assert.Equal("layout:transpose-partial", Part(lee, "q2c").Method);
        // Found without the template: by heading numbering and by left-hand side.
        Assert.Equal("left-hand-side", Part(Student(result, "40110005-kazemi"), "q2c").Answer!.FoundBy);
        // Malformed, empty, hostile, not UTF-8, binary: flagged.
        Assert.Contains(ClassFlags.ParseError, Student(result, "40110008").Flags);
        Assert.Contains(ClassFlags.Empty, Student(result, "40110009-empty").Flags);
        Assert.Contains(ClassFlags.ParseError, Student(result, "40110010").Flags);
        Assert.Contains(ClassFlags.NotUtf8, Student(result, "40110011").Flags);
        Assert.Contains(ClassFlags.Binary, Student(result, "40110012-scan").Flags);

        var html = File.ReadAllText(Path.Combine(output.Path, "report.html"));
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        var sheet = File.ReadAllText(Path.Combine(output.Path, "feedback", "40110003.md"));
        Assert.Contains("<div dir=\"rtl\">", sheet);
        Assert.Contains("$$", sheet);
    }
}
