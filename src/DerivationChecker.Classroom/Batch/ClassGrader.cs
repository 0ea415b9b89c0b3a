using System.Collections.Immutable;
using System.Diagnostics;
using DerivationChecker.Classroom.Submissions;
using DerivationChecker.Grading;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Modes;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Batch;

public sealed record ClassGraderOptions
{
    public const int DefaultTimeoutMs = 3000;

    /// <summary>Students read and answers checked at once (default: one per processor).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>The time one part of one student may take; past it the part is inconclusive and flagged.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(DefaultTimeoutMs);

    public int MaxFileBytes { get; init; } = SubmissionText.DefaultMaxBytes;

    public int MaxAnswerChars { get; init; } = PartLocator.DefaultMaxAnswerChars;

    /// <summary>Grades one answer; the engine's <see cref="Grader"/> unless a test puts something else here.</summary>
    public Func<AnswerKey, Part, string, GradingOptions, GradeResult>? PartGrader { get; init; }
}

/// <summary>How far a run is: the stage (reading, grading) and students done of the total.</summary>
public sealed record GradingProgress(string Stage, int Done, int Total);

/// <summary>A finished run: the class result and, for the state file, every student with the hash of its submission.</summary>
public sealed record ClassRun(ClassResult Result, ImmutableArray<StateEntry> Entries);

/// <summary>
/// Grades a class: every submission read and its parts located (in parallel, each reading
/// time-bounded), then every distinct answer checked once (identical answers across the class share
/// one check), each check time-bounded, on <see cref="ClassGraderOptions.Jobs"/> workers. Nothing one
/// submission does can stop the run or change another student's grade: failures, timeouts and
/// hostile input become flagged outcomes of that student alone. Results are ordered by student id,
/// parts in the key's order, so two runs give the same result.
/// </summary>
public sealed class ClassGrader
{
    private readonly KeyFile _key;
    private readonly ClassGraderOptions _options;
    private readonly PartLocator _locator;
    private readonly Func<AnswerKey, Part, string, GradingOptions, GradeResult> _grade;
    private readonly GradingOptions _gradingOptions;

    public ClassGrader(KeyFile key, ClassGraderOptions? options = null)
    {
        _key = key;
        _options = options ?? new ClassGraderOptions();
        _locator = new PartLocator(key.Key, _options.MaxAnswerChars);
        _grade = _options.PartGrader ?? ((k, p, text, o) => new Grader(o).Grade(k, p, text));
        _gradingOptions = new GradingOptions { Timeout = _options.Timeout };
    }

    private AnswerKey Key => _key.Key;

    private int TimeoutMs => (int)_options.Timeout.TotalMilliseconds;

    /// <summary>A submission read: its answers located, or its earlier result kept (<c>--resume</c>), or why it could not be read.</summary>
    private sealed record Reading(SubmissionSource Source, string Sha256, SubmissionDocument Document, ImmutableArray<LocatedAnswer> Answers, StudentResult? Kept);

    /// <summary>One distinct answer to one part, checked once for every student who gave it.</summary>
    private sealed record Check(Part Part, string Text);

    public ClassRun Grade(IReadOnlyList<SubmissionSource> sources, GradeState? resume = null, Action<GradingProgress>? progress = null,
        Action<IReadOnlyList<StateEntry>>? checkpoint = null, CancellationToken cancel = default)
    {
        var wall = Stopwatch.StartNew();
        var kept = resume is not null && resume.Matches(Key.Set, _key.Sha256, KeyFile.EngineVersion, TimeoutMs)
            ? resume.Students.GroupBy(e => e.Source, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal)
            : [];

        // 1. Read every submission and find its answers.
        var readTimer = Stopwatch.StartNew();
        var read = 0;
        progress?.Invoke(new GradingProgress("reading", 0, sources.Count));
        var readings = BoundedWorkers<SubmissionSource, Reading>.Run(sources, _options.Jobs, ReadLimit,
            source => ReadOne(source, kept),
            (source, elapsed) => Unreadable(source, new SubmissionIssue(ClassFlags.Timeout,
                $"Reading this submission took longer than {ReadLimit.TotalMilliseconds:0} ms; a person must grade it.",
                $"خواندن این پاسخ‌نامه بیش از {ReadLimit.TotalMilliseconds:0} میلی‌ثانیه طول کشید؛ یک نفر باید آن را نمره دهد.")),
            (source, ex) => Unreadable(source, new SubmissionIssue(ClassFlags.InternalError,
                $"The submission could not be read ({ex.GetType().Name}: {PartOutcomes.Cut(ex.Message, 300)}); a person must grade it.",
                $"پاسخ‌نامه خوانده نشد ({ex.GetType().Name})؛ یک نفر باید آن را نمره دهد.")),
            completed: (_, _, _) => progress?.Invoke(new GradingProgress("reading", Interlocked.Increment(ref read), sources.Count)),
            cancel: cancel);
        readTimer.Stop();

        var ids = StudentIds(readings);

        // 2. Every distinct (part, answer) to check, and for each student what each part refers to.
        var checks = new List<Check>();
        var checkIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var users = new List<List<int>>();
        var plan = new int[readings.Length][];
        for (var s = 0; s < readings.Length; s++)
        {
            var reading = readings[s];
            plan[s] = new int[Key.Parts.Length];
            for (var p = 0; p < Key.Parts.Length; p++)
            {
                plan[s][p] = -1;
                if (reading.Kept is not null || p >= reading.Answers.Length) continue;
                var answer = reading.Answers[p];
                if (!answer.Found || answer.TooLarge) continue;
                var cacheKey = $"{Key.Set}\u001f{Key.Parts[p].Id}\u001f{MathSnippet.CacheKey(answer.Text!)}";
                if (!checkIndex.TryGetValue(cacheKey, out var index))
                {
                    index = checks.Count;
                    checkIndex[cacheKey] = index;
                    checks.Add(new Check(Key.Parts[p], answer.Text!));
                    users.Add([]);
                }
                plan[s][p] = index;
                if (!users[index].Contains(s)) users[index].Add(s);
            }
        }

        // 3. Check them; a student is finished when the last of its checks is.
        var results = new PartOutcome[checks.Count];
        var times = new double[checks.Count];
        var waiting = plan.Select((parts, s) => readings[s].Kept is null ? parts.Where(i => i >= 0).Distinct().Count() : 0).ToArray();
        var finished = new List<StateEntry>();
        var done = 0;
        void Finish(int s)
        {
            var entry = new StateEntry(readings[s].Source.Key, readings[s].Sha256, readings[s].Kept ?? Assemble(readings[s], ids[s], plan[s], results));
            lock (finished) finished.Add(entry);
            progress?.Invoke(new GradingProgress("grading", Interlocked.Increment(ref done), readings.Length));
        }
        progress?.Invoke(new GradingProgress("grading", 0, readings.Length));
        for (var s = 0; s < readings.Length; s++)
            if (waiting[s] == 0) Finish(s);

        var lastCheckpoint = Stopwatch.StartNew();
        var checkpointed = 0;
        void Checkpoint(bool force)
        {
            if (checkpoint is null || (!force && lastCheckpoint.Elapsed < TimeSpan.FromSeconds(2))) return;
            List<StateEntry> snapshot;
            lock (finished) snapshot = [.. finished];
            if (snapshot.Count == checkpointed) return;
            checkpoint(snapshot);
            checkpointed = snapshot.Count;
            lastCheckpoint.Restart();
        }

        var checkTimer = Stopwatch.StartNew();
        BoundedWorkers<Check, PartOutcome>.Run(checks, _options.Jobs, _options.Timeout,
            check => PartOutcomes.WithUnknownCommands(PartOutcomes.From(_grade(Key, check.Part, check.Text, _gradingOptions), check.Part), check.Part, check.Text),
            (check, _) => PartOutcomes.TimedOut(check.Part, _options.Timeout),
            (check, ex) => PartOutcomes.Failed(check.Part, ex),
            keepLate: outcome => outcome.Verdict == "inconclusive",
            completed: (index, outcome, elapsed) =>
            {
                results[index] = outcome;
                times[index] = elapsed.TotalMilliseconds;
                foreach (var s in users[index])
                    if (Interlocked.Decrement(ref waiting[s]) == 0) Finish(s);
            },
            tick: () => Checkpoint(force: false),
            cancel: cancel);
        checkTimer.Stop();

        List<StateEntry> entries;
        lock (finished) entries = [.. finished.OrderBy(e => e.Result.Id, StringComparer.Ordinal).ThenBy(e => e.Source, StringComparer.Ordinal)];
        var timing = new GradingTiming(wall.Elapsed.TotalMilliseconds, readTimer.Elapsed.TotalMilliseconds, checkTimer.Elapsed.TotalMilliseconds,
            readings.Count(r => r.Kept is null), readings.Count(r => r.Kept is not null), checks.Count,
            plan.Sum(parts => parts.Count(i => i >= 0)) - checks.Count,
            [.. PartTimes(readings, ids, plan, times)]);
        var result = new ClassResult(Key.Set, Key.Course, Key.Title.En, Key.Title.Fa, _key.Sha256, KeyFile.EngineVersion, MaxPoints,
            [.. Key.Parts.Select(p => new PartInfo(p.Id, p.Mode, PartOutcomes.Normalize(p.Points), p.Statement.En, p.Statement.Fa))],
            [.. entries.Select(e => e.Result)]) { Timing = timing };
        return new ClassRun(result, [.. entries]);
    }

    private TimeSpan ReadLimit => _options.Timeout * 2 + TimeSpan.FromSeconds(1);

    private decimal MaxPoints => PartOutcomes.Normalize(Key.TotalPoints ?? Key.Parts.Sum(p => p.Points));

    private Reading ReadOne(SubmissionSource source, Dictionary<string, StateEntry> kept)
    {
        var read = SubmissionReader.Read(source, _options.MaxFileBytes);
        if (kept.TryGetValue(source.Key, out var entry) && entry.Sha256 == read.Sha256)
            return new Reading(source, read.Sha256, read.Document, [], entry.Result);
        var answers = read.Document.Blocks.IsEmpty ? [] : _locator.Locate(read.Document, _options.Timeout);
        return new Reading(source, read.Sha256, read.Document, answers, null);
    }

    private static Reading Unreadable(SubmissionSource source, SubmissionIssue issue) =>
        new(source, "", SubmissionDocument.Empty(SubmissionReader.Format(source.Files.FirstOrDefault() ?? ""), issue), [], null);

    /// <summary>Each student's id: from the front matter, else the file name; a repeated id gets -2, -3 … and is flagged.</summary>
    private static string[] StudentIds(Reading[] readings)
    {
        var raw = readings.Select(r => r.Kept?.Id ?? Clean(r.Document.StudentId) ?? r.Source.DefaultId).ToArray();
        var ids = new string[raw.Length];
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < raw.Length; i++)
        {
            var id = raw[i];
            for (var n = 2; !used.Add(id); n++) id = $"{raw[i]}-{n}";
            ids[i] = id;
        }
        return ids;
    }

    private static string? Clean(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim();

    private StudentResult Assemble(Reading reading, string id, int[] plan, PartOutcome[] results)
    {
        var document = reading.Document;
        var issues = document.Issues.Select(i => new Issue(i.Flag, i.Message.En, i.Message.Fa)).ToList();
        if (id != (Clean(document.StudentId) ?? reading.Source.DefaultId))
            issues.Add(new Issue(ClassFlags.DuplicateId, $"Another submission has the same student id; this one is listed as {id}.",
                $"پاسخ‌نامهٔ دیگری همین شمارهٔ دانشجویی را دارد؛ این یکی با شناسهٔ {id} آمده است."));
        if (document.Set is { } set && !string.Equals(set.Trim(), Key.Set, StringComparison.OrdinalIgnoreCase))
            issues.Add(new Issue(ClassFlags.FrontMatter, $"The front matter names the set '{set}'; it was graded against {Key.Set}.",
                $"سربرگ فایل مجموعهٔ «{set}» را نام می‌برد؛ با کلید {Key.Set} نمره داده شد."));

        var parts = new PartOutcome[Key.Parts.Length];
        for (var p = 0; p < parts.Length; p++)
        {
            var part = Key.Parts[p];
            var answer = p < reading.Answers.Length ? reading.Answers[p] : null;
            PartOutcome outcome;
            if (answer is null || (!answer.Found && answer.Problem is null))
                outcome = PartOutcomes.Missing(part, new LocalizedText($"No answer to {part.Id} was found.", $"پاسخی برای {part.Id} پیدا نشد."));
            else if (!answer.Found)
                outcome = answer.FoundBy is null || part.Mode is ModeNames.Symbolic or ModeNames.Numeric or ModeNames.Count
                    ? PartOutcomes.Missing(part, answer.Problem!)
                    : PartOutcomes.Unclear(part, answer.Problem!);
            else if (answer.TooLarge)
                outcome = PartOutcomes.TooLarge(part, _options.MaxAnswerChars);
            else
                outcome = results[plan[p]];
            if (answer?.Text is { } text)
                outcome = outcome with { Answer = new AnswerInfo(PartOutcomes.Cut(text, 2000), answer.FoundBy, answer.Where, answer.TooLarge || text.Length > 2000) };
            parts[p] = outcome;
        }
        var flags = ClassFlags.Sorted(issues.Select(i => i.Flag).Concat(parts.SelectMany(p => p.Flags)));
        return new StudentResult(id, Clean(document.Name), reading.Source.Key, document.Format,
            PartOutcomes.Normalize(parts.Sum(p => p.Points)), MaxPoints, flags, [.. issues], [.. parts]);
    }

    private IEnumerable<PartTiming> PartTimes(Reading[] readings, string[] ids, int[][] plan, double[] times)
    {
        var seen = new HashSet<int>();
        var order = Enumerable.Range(0, readings.Length).OrderBy(s => ids[s], StringComparer.Ordinal);
        foreach (var s in order)
        {
            if (readings[s].Kept is not null) continue;
            for (var p = 0; p < plan[s].Length; p++)
            {
                if (plan[s][p] < 0) continue;
                var first = seen.Add(plan[s][p]);
                yield return new PartTiming(ids[s], Key.Parts[p].Id, first ? Math.Round(times[plan[s][p]], 3) : 0, !first);
            }
        }
    }
}
