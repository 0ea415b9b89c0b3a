using System.Collections.Immutable;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Outputs;

/// <summary>What the class report shows: per-part distributions, the most common mistakes, what needs a person.</summary>
public sealed record ClassStatistics(
    ImmutableArray<PartStatistics> Parts,
    ImmutableArray<(decimal Points, int Count)> Totals,
    decimal Mean,
    decimal Median,
    ImmutableArray<Mistake> Mistakes,
    ImmutableArray<ReviewItem> Review)
{
    public static ClassStatistics Of(ClassResult result, Language language)
    {
        var parts = result.Parts.Select((info, i) =>
        {
            var outcomes = result.Students.Select(s => s.Parts[i]).ToList();
            return new PartStatistics(info,
                [.. outcomes.GroupBy(o => o.Points).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))],
                outcomes.Count == 0 ? 0 : Math.Round(outcomes.Average(o => o.Points), 2),
                [.. outcomes.GroupBy(o => o.Verdict).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))],
                outcomes.Count(o => o.Flags.Length > 0));
        }).ToImmutableArray();

        var totals = result.Students.Select(s => s.Total).Order().ToList();
        var median = totals.Count == 0 ? 0 : totals.Count % 2 == 1 ? totals[totals.Count / 2] : (totals[totals.Count / 2 - 1] + totals[totals.Count / 2]) / 2;
        var mistakes = result.Students
            .SelectMany(s => s.Parts.Where(IsMistake).Select(p => (Student: s.Id, Part: p)))
            .GroupBy(x => (x.Part.Part, Signature(x.Part), Text: MistakeLine(x.Part, language)))
            .Select(g => new Mistake(g.Key.Part, g.Key.Item2, g.Key.Text, g.Count(), [.. g.Select(x => x.Student)]))
            .OrderByDescending(m => m.Count).ThenBy(m => result.Parts.IndexOf(result.Parts.First(p => p.Id == m.Part))).ThenBy(m => m.Kind, StringComparer.Ordinal)
            .Take(15).ToImmutableArray();
        // A submission with nothing to read (empty, binary, unreadable) is one row, not one per part.
        var review = result.Students.SelectMany(s => s.Issues.FirstOrDefault(i => i.Flag is ClassFlags.Empty or ClassFlags.Binary or ClassFlags.InternalError or ClassFlags.Timeout) is { } whole
                ? [new ReviewItem(s.Id, "all", [whole.Flag], language == Language.Fa ? whole.MessageFa : whole.MessageEn)]
                : s.NeedsReview.Select(p => new ReviewItem(s.Id, p.Part, p.Flags, Reason(p, language))))
            .ToImmutableArray();
        return new ClassStatistics(parts, [.. totals.GroupBy(t => t).Select(g => (g.Key, g.Count()))],
            totals.Count == 0 ? 0 : Math.Round(totals.Average(), 2), median, mistakes, review);
    }

    /// <summary>A wrong or partly wrong answer the grader could explain (not a missing or undecided one).</summary>
    private static bool IsMistake(PartOutcome p) => p.Verdict is "partial" or "none" or "invalid" && p.Method is not "not-found" and not "empty";

    /// <summary>What kind of mistake: the key's rule, the layout rule, the diagnosis, or a parse error.</summary>
    private static string Signature(PartOutcome p)
    {
        // A part asking for several quantities: the first one that is not right is the mistake.
        var method = p.Quantities.Length == 1 ? p.Quantities[0].Method
            : p.Quantities.FirstOrDefault(q => q.Verdict != "full") is { } wrong ? wrong.Method : p.Method;
        var colon = method.IndexOf(':', StringComparison.Ordinal);
        return method.StartsWith("mistake:", StringComparison.Ordinal) || method.StartsWith("layout:", StringComparison.Ordinal) || method.StartsWith("choice:", StringComparison.Ordinal)
            ? method
            : p.Diagnosis is { } d ? $"diagnosis:{d.Kind}" : colon > 0 ? method[..colon] : method;
    }

    private static string Reason(PartOutcome p, Language language) =>
        p.Verdict == "manual" ? (language == Language.Fa ? "تشریحی: یک نفر با معیارهای کلید نمره می‌دهد" : "prose: graded by a person with the key's rubric") : FirstLine(p.Feedback(language));

    /// <summary>The first line of the feedback that is not a quantity's "label: Right." (in a part asking for several).</summary>
    private static string MistakeLine(PartOutcome p, Language language)
    {
        var right = Phrases.Right.For(language);
        var lines = p.Feedback(language).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return FirstLine(lines.FirstOrDefault(l => !(p.Quantities.Length > 1 && l.EndsWith(": " + right, StringComparison.Ordinal))) ?? "");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "";
        return line.Length > 220 ? line[..220] + " …" : line;
    }
}

/// <summary>One part across the class: how many students got each number of points, the mean, the verdicts, how many are flagged.</summary>
public sealed record PartStatistics(PartInfo Part, ImmutableArray<(decimal Points, int Count)> Histogram, decimal Mean,
    ImmutableArray<(string Verdict, int Count)> Verdicts, int Flagged);

/// <summary>A mistake several students made: the part, its kind, the feedback they got, and who.</summary>
public sealed record Mistake(string Part, string Kind, string Text, int Count, ImmutableArray<string> Students);

/// <summary>A part of a student that a person must look at, and why.</summary>
public sealed record ReviewItem(string Student, string Part, ImmutableArray<string> Flags, string Reason);
