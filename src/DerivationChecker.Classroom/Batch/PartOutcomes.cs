using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Classroom.Batch;

/// <summary>The outcomes of a part: from the grader's result, or made here when the grader could not run (not found, too large, timed out, failed).</summary>
public static class PartOutcomes
{
    /// <summary>Texts in the outputs are cut here: a counterexample over 10⁵ symbols helps nobody.</summary>
    private const int MaxText = 4000;

    public static PartOutcome From(GradeResult r, Part part)
    {
        var counterexample = r.Quantities.Select(q => q.Counterexample).FirstOrDefault(c => c is not null);
        return new PartOutcome(
            part.Id,
            Normalize(r.Points),
            Normalize(r.MaxPoints),
            r.Verdict.Text(),
            Cut(r.Method),
            Diagnosis(r.Diagnosis),
            counterexample is null ? null : new CounterexampleInfo(
                [.. counterexample.Point.Take(20).Select(p => new PointValue(p.Key, Cut(p.Value)))], Cut(counterexample.ValueA), Cut(counterexample.ValueB)),
            Cut(r.Feedback.En),
            Cut(r.Feedback.Fa),
            [.. ClassFlags.Sorted(r.Flags.Names())],
            // Select(n => Cut(n)), not Select(Cut): the method group would bind to the overload that passes the index as max.
            [.. r.Notes.Take(10).Select(n => Cut(n))],
            r.ParseError is { } e ? new ParseErrorInfo(e.Line, e.Column, Cut(e.Message), e.Pointer()) : null,
            null,
            [.. r.Quantities.Select(q => new QuantityOutcome(q.Id, Cut(q.Label.En), Normalize(q.Points), Normalize(q.MaxPoints), q.Verdict.Text(), Cut(q.Method),
                Diagnosis(q.Diagnosis), q.Graded is null ? null : Cut(q.Graded)))]);
    }

    /// <summary>
    /// The reader takes an unknown command (\grad, a student's own macro) for a variable name and says
    /// so in a warning; a grade resting on such a guess is flagged for a person, with the commands named.
    /// </summary>
    public static PartOutcome WithUnknownCommands(PartOutcome outcome, Part part, string text)
    {
        if (outcome.Verdict is "full" || !text.Contains('\\')) return outcome;
        var unknown = text.Split('\n')
            .Select(line => part.Context.Read(line))
            .SelectMany(r => r.Warnings)
            .Where(w => w.StartsWith("Unknown command", StringComparison.Ordinal))
            .Select(w => w.Split(' ')[2])
            .Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count == 0) return outcome;
        var list = string.Join(", ", unknown);
        return outcome with
        {
            FeedbackEn = $"The answer uses {list}, which the grader does not know; it was read as a plain name, so a person will check this grade.\n{outcome.FeedbackEn}",
            FeedbackFa = $"در پاسخ {MathText.Isolate(list, Language.Fa)} به کار رفته که بررسی‌کننده آن را نمی‌شناسد و آن را یک نام ساده خوانده است؛ پس یک نفر این نمره را بررسی می‌کند.\n{outcome.FeedbackFa}",
            Flags = ClassFlags.Sorted([.. outcome.Flags, ClassFlags.ManualReview]),
            Notes = outcome.Notes.Add($"unknown commands read as names: {list}"),
        };
    }

    /// <summary>No answer to the part was found in the submission.</summary>
    public static PartOutcome Missing(Part part, LocalizedText why) =>
        Made(part, "missing", "not-found", why, [ClassFlags.NotFound]);

    /// <summary>An answer was found but not which option, or which parameters: a person reads it.</summary>
    public static PartOutcome Unclear(Part part, LocalizedText why) =>
        Made(part, "invalid", "not-found", why, [ClassFlags.ManualReview, ClassFlags.NotFound]);

    public static PartOutcome TooLarge(Part part, int maxChars) => Made(part, "inconclusive", "too-large",
        new($"The answer is longer than the grader reads ({maxChars:N0} characters); a person will grade it.",
            $"پاسخ طولانی‌تر از حدی است که بررسی می‌شود ({maxChars:N0} نویسه)؛ یک نفر آن را نمره می‌دهد."),
        [ClassFlags.ManualReview, ClassFlags.TooLarge]);

    public static PartOutcome TimedOut(Part part, TimeSpan limit) => Made(part, "inconclusive", "timeout",
        new($"Checking this answer took longer than {limit.TotalMilliseconds:0} ms, so the grader stopped; a person will grade it.",
            $"بررسی این پاسخ بیش از {limit.TotalMilliseconds:0} میلی‌ثانیه طول کشید و متوقف شد؛ یک نفر آن را نمره می‌دهد."),
        [ClassFlags.ManualReview, ClassFlags.Inconclusive, ClassFlags.Timeout]);

    public static PartOutcome Failed(Part part, Exception ex) => Made(part, "error", "internal-error",
        new($"The grader failed on this answer ({ex.GetType().Name}: {Cut(ex.Message, 300)}); a person will grade it.",
            $"بررسی‌کننده روی این پاسخ با خطا روبه‌رو شد ({ex.GetType().Name})؛ یک نفر آن را نمره می‌دهد."),
        [ClassFlags.ManualReview, ClassFlags.InternalError]);

    private static PartOutcome Made(Part part, string verdict, string method, LocalizedText feedback, ImmutableArray<string> flags) =>
        new(part.Id, 0, Normalize(part.Points), verdict, method, null, null, MathText.Render(feedback.En, Language.En), MathText.Render(feedback.Fa, Language.Fa),
            ClassFlags.Sorted(flags), [], null, null, []);

    private static DiagnosisInfo? Diagnosis(Diagnosis? d) =>
        d is null ? null : new DiagnosisInfo(d.Kind.ToString().ToLowerInvariant(), Cut(d.Detail), d.Factor is null ? null : Cut(LatexWriter.Write(d.Factor)));

    /// <summary>2.50 and 2.5 are the same points: trailing zeros dropped so outputs read the same.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    public static string Cut(string text, int max = MaxText) => text.Length <= max ? text : text[..max] + " …";
}
