using System.Text;
using System.Text.Json;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Outputs;
using static DerivationChecker.Tests.Classroom.ClassroomFixture;

namespace DerivationChecker.Tests.Classroom;

/// <summary>
/// A class is hostile input: a file may be empty, binary, enormous, not UTF-8, or full of LaTeX built
/// to hurt (nesting 10⁴ deep, 10^{10^{10^{10}}}, 10⁵ terms, undefined macros). Each is graded as far as
/// possible and flagged; none stops the batch, and none changes another student's grade.
/// </summary>
public sealed class HostileSubmissionTests
{
    private static readonly string Good = Template("good", ("q1a", "Answer: b, c"), ("q2a", RightQ2a), ("q2b", RightQ2b), ("q3a", RightQ3a));

    public static TheoryData<string> Cases() => ["empty", "binary", "enormous", "not-utf8", "deep", "tower", "terms", "macros"];

    /// <summary>Writes the named hostile submission (and what it must be flagged with) into a class folder.</summary>
    private static (string Student, string[] Flags, string? Part) WriteHostile(ClassroomFixture.TempFolder folder, string kind)
    {
        switch (kind)
        {
            case "empty":
                folder.Write("empty.md", "");
                return ("empty", [ClassFlags.Empty], null);
            case "binary":
                folder.WriteBytes("scan.pdf", [.. Encoding.ASCII.GetBytes("%PDF-1.7\n"), .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 31 % 256))]);
                return ("scan", [ClassFlags.Binary], null);
            case "enormous":
                // 3 MB: the first 2 MB are read (and graded); the file is flagged too-large.
                var big = new StringBuilder(Template("enormous", ("q3a", RightQ3a)));
                big.Append("## notes\n\n");
                while (big.Length < 3 * 1024 * 1024) big.Append("Lorem ipsum dolor sit amet, $x_1 + x_2$ consectetur.\n");
                folder.Write("enormous.md", big.ToString());
                return ("enormous", [ClassFlags.TooLarge], null);
            case "not-utf8":
                var persian = Template("cp1256", ("q1a", "پاسخ: ب، ج"), ("q3a", RightQ3a)).Replace('ی', 'ي').Replace('ک', 'ك');
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                folder.WriteBytes("cp1256.md", Encoding.GetEncoding(1256).GetBytes(persian));
                return ("cp1256", [ClassFlags.NotUtf8], null);
            case "deep":
                folder.Write("deep.md", Template("deep", ("q2a", "$$\\frac{\\partial J_t}{\\partial o_t} = " + new string('{', 10_000) + "x" + new string('}', 10_000) + "$$")));
                return ("deep", [ClassFlags.ParseError], "q2a");
            case "tower":
                folder.Write("tower.md", Template("tower", ("q2a", "$$\\frac{\\partial J_t}{\\partial o_t} = 10^{10^{10^{10}}} - y_t$$")));
                return ("tower", [], "q2a");
            case "terms":
                folder.Write("terms.md", Template("terms", ("q2a", "$$\\frac{\\partial J_t}{\\partial o_t} = " + string.Join(" + ", Enumerable.Range(0, 100_000).Select(i => $"x_{{{i}}}")) + "$$")));
                return ("terms", [ClassFlags.TooLarge, ClassFlags.ManualReview], "q2a");
            default:
                folder.Write("macros.md", Template("macros", ("q2a", "$$\\frac{\\partial J_t}{\\partial o_t} = \\hat{y}_t - \\mystery y_t$$"),
                    ("q2b", "$$\\frac{\\partial J_t}{\\partial h_i} = \\foo{\\bar\\baz{J}} \\newcommand{\\x}{y} \\x$$")));
                return ("macros", [ClassFlags.ManualReview, ClassFlags.ParseError], null);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_hostile_submission_is_flagged_and_leaves_the_others_alone(string kind)
    {
        using var alone = new TempFolder();
        alone.Write("good.md", Good);
        var solo = Student(Grade(alone.Path), "good");

        using var folder = new TempFolder();
        folder.Write("good.md", Good);
        var (id, flags, part) = WriteHostile(folder, kind);
        var result = Grade(folder.Path);

        Assert.Equal(2, result.Students.Length);
        Assert.Equal(Json(solo), Json(Student(result, "good")));
        var hostile = Student(result, id);
        foreach (var flag in flags) Assert.Contains(flag, hostile.Flags);
        if (kind == "tower")
        {
            // Graded, not guessed: a defined verdict with no points, or an undecided one for a person.
            var q2a = Part(hostile, "q2a");
            Assert.True(q2a.Points < 5 && (q2a.Verdict is "none" or "partial" || q2a.Flags.Contains(ClassFlags.ManualReview)), $"{q2a.Verdict} {q2a.Method}");
        }
        if (part is not null) Assert.True(Part(hostile, part).Points < 5);
    }

    [Fact]
    public void Every_hostile_submission_in_one_batch_still_grades_the_good_students_in_full()
    {
        using var folder = new TempFolder();
        folder.Write("good.md", Good);
        folder.Write("good2.md", Good.Replace("good", "good2", StringComparison.Ordinal));
        var expected = new List<(string, string[])>();
        foreach (var kind in new[] { "empty", "binary", "enormous", "not-utf8", "deep", "tower", "terms", "macros" })
        {
            var (id, flags, _) = WriteHostile(folder, kind);
            expected.Add((id, flags));
        }
        var result = Grade(folder.Path, new ClassGraderOptions { Jobs = 2 });
        Assert.Equal(2 + expected.Count, result.Students.Length);
        foreach (var good in new[] { "good", "good2" })
            Assert.Equal(25, Student(result, good).Total);
        foreach (var (id, flags) in expected)
            foreach (var flag in flags) Assert.Contains(flag, Student(result, id).Flags);
    }

    private static string Json(StudentResult student) => JsonSerializer.Serialize(student, ResultsJson.Options);

    [Fact]
    public void A_repeated_student_id_is_kept_apart_and_flagged()
    {
        using var folder = new TempFolder();
        folder.Write("a.md", Template("40200009", ("q3a", RightQ3a)));
        folder.Write("b.md", Template("40200009", ("q3a", "$$(6, 1, 0)$$")));
        var result = Grade(folder.Path);
        Assert.Equal(["40200009", "40200009-2"], result.Students.Select(s => s.Id));
        Assert.Contains(ClassFlags.DuplicateId, Student(result, "40200009-2").Flags);
        Assert.Equal(5, Student(result, "40200009-2").Total);
    }
}
