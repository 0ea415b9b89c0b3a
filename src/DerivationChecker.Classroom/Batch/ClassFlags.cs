using System.Collections.Immutable;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Batch;

/// <summary>
/// The flags of a class grade, as they appear in grades.csv, results.json and the report. Every flag
/// means a person should look; the order here is the order they are listed in.
/// </summary>
public static class ClassFlags
{
    /// <summary>A person must grade or confirm this part (prose, an undecided check, a failure).</summary>
    public const string ManualReview = "manual-review";

    /// <summary>The engine could not decide within its limits.</summary>
    public const string Inconclusive = "inconclusive";

    /// <summary>Grading the part took longer than <c>--timeout-ms</c>.</summary>
    public const string Timeout = "timeout";

    /// <summary>The answer, or part of it, could not be read.</summary>
    public const string ParseError = "parse-error";

    /// <summary>No answer to the part (or to one of its quantities) was found.</summary>
    public const string NotFound = "not-found";

    /// <summary>The file, or one answer, is larger than the grader reads.</summary>
    public const string TooLarge = "too-large";

    public const string Empty = "empty";

    /// <summary>Not a text file (a PDF, an image, a Word file).</summary>
    public const string Binary = "binary";

    /// <summary>Read in another encoding than UTF-8.</summary>
    public const string NotUtf8 = "not-utf8";

    /// <summary>The front matter could not be read, or names another set.</summary>
    public const string FrontMatter = "front-matter";

    /// <summary>Two submissions name the same student id.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>The grader itself failed on this input; the message says how.</summary>
    public const string InternalError = "internal-error";

    public static readonly ImmutableArray<string> Order =
        [ManualReview, Inconclusive, Timeout, ParseError, NotFound, TooLarge, Empty, Binary, NotUtf8, FrontMatter, DuplicateId, InternalError];

    /// <summary>Distinct flags in <see cref="Order"/>.</summary>
    public static ImmutableArray<string> Sorted(IEnumerable<string> flags)
    {
        var set = flags.ToHashSet(StringComparer.Ordinal);
        return [.. Order.Where(set.Contains), .. set.Where(f => !Order.Contains(f)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The grader's flags by name.</summary>
    public static IEnumerable<string> Of(GradeFlags flags) => flags.Names();
}
