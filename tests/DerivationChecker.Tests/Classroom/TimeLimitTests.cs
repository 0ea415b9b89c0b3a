using System.Diagnostics;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Grading;
using static DerivationChecker.Tests.Classroom.ClassroomFixture;

namespace DerivationChecker.Tests.Classroom;

/// <summary>
/// Every check is time-bounded: past --timeout-ms a part is inconclusive and flagged for a person,
/// never guessed, and a check that hangs or throws costs only its own part.
/// </summary>
public sealed class TimeLimitTests
{
    private static string Class(TempFolder folder)
    {
        folder.Write("a.md", Template("a", ("q2a", RightQ2a), ("q2b", RightQ2b), ("q3a", RightQ3a)));
        folder.Write("b.md", Template("b", ("q2a", RightQ2a), ("q3a", "$$(6, 1, 0)$$")));
        return folder.Path;
    }

    [Fact]
    public void A_tiny_time_limit_makes_a_heavy_part_inconclusive_and_flagged()
    {
        using var folder = new TempFolder();
        var heavy = "$$\\frac{\\partial J_t}{\\partial o_t} = \\hat{y}_t - y_t + " + string.Join(" + ", Enumerable.Range(0, 1500).Select(i => $"x_{{{i}}} - x_{{{i}}}")) + "$$";
        folder.Write("heavy.md", Template("heavy", ("q2a", heavy)));
        var q2a = Part(Student(Grade(folder.Path, new ClassGraderOptions { Timeout = TimeSpan.FromMilliseconds(1) }), "heavy"), "q2a");
        Assert.Equal("inconclusive", q2a.Verdict);
        Assert.Equal(0, q2a.Points);
        Assert.Contains(ClassFlags.Inconclusive, q2a.Flags);
        Assert.Contains(ClassFlags.ManualReview, q2a.Flags);
    }

    [Fact]
    public void A_check_that_hangs_is_cut_off_and_the_rest_of_the_class_is_graded()
    {
        using var folder = new TempFolder();
        var options = new ClassGraderOptions
        {
            Timeout = TimeSpan.FromMilliseconds(200),
            Jobs = 2,
            PartGrader = (key, part, text, o) =>
            {
                if (part.Id == "q2b") Thread.Sleep(TimeSpan.FromSeconds(30));
                return new Grader(o).Grade(key, part, text);
            },
        };
        var watch = Stopwatch.StartNew();
        var result = Grade(Class(folder), options);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        var a = Student(result, "a");
        Assert.Equal("inconclusive", Part(a, "q2b").Verdict);
        Assert.Equal([ClassFlags.ManualReview, ClassFlags.Inconclusive, ClassFlags.Timeout], Part(a, "q2b").Flags.ToArray());
        Assert.Equal(15, a.Total);
        Assert.Equal(10, Student(result, "b").Total);
    }

    [Fact]
    public void A_check_that_throws_costs_only_its_part()
    {
        using var folder = new TempFolder();
        var options = new ClassGraderOptions
        {
            PartGrader = (key, part, text, o) => part.Id == "q3a" && text.Contains('0')
                ? throw new InvalidOperationException("boom")
                : new Grader(o).Grade(key, part, text),
        };
        var result = Grade(Class(folder), options);
        var b = Student(result, "b");
        Assert.Equal("error", Part(b, "q3a").Verdict);
        Assert.Contains(ClassFlags.InternalError, Part(b, "q3a").Flags);
        Assert.Contains("boom", Part(b, "q3a").FeedbackEn);
        Assert.Equal(5, b.Total);
        Assert.Equal(20, Student(result, "a").Total);
    }
}
