using System.Collections.Immutable;
using DerivationChecker.Classroom.Outputs;
using DerivationChecker.Classroom.Submissions;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Batch;

/// <summary>What <c>dc grade</c> is asked to do.</summary>
public sealed record GradeRequest(
    KeyFile Key,
    string Submissions,
    string Output,
    Language Language,
    ImmutableArray<Gradebook> Gradebooks,
    bool Resume,
    ClassGraderOptions Options,
    string? KeysFolder = null);

/// <summary>A run done: the result, the output folder's state before it (for <c>dc regrade</c>'s comparison), and the files written.</summary>
public sealed record GradeOutcome(ClassRun Run, GradeState? Previous, IReadOnlyList<string> Written);

/// <summary>
/// One <c>dc grade</c> (or <c>dc regrade</c>) run from start to finish: find the submissions, grade
/// them (keeping the students already graded with the same key and engine when resuming), checkpoint
/// the state as students finish, write the outputs, and save the final state.
/// </summary>
public static class ClassGrading
{
    public static GradeOutcome Run(GradeRequest request, Action<GradingProgress>? progress = null, CancellationToken cancel = default)
    {
        var sources = SubmissionSource.Find(request.Submissions, exclude: request.Output);
        var previous = GradeState.Load(request.Output);
        Directory.CreateDirectory(request.Output);
        var grader = new ClassGrader(request.Key, request.Options);
        var run = grader.Grade(sources, request.Resume ? previous : null, progress,
            checkpoint: entries => State(request, entries).Save(request.Output), cancel: cancel);
        var written = OutputFolder.Write(request.Output, run.Result, new OutputOptions(request.Language, request.Gradebooks));
        State(request, run.Entries).Save(request.Output);
        return new GradeOutcome(run, previous, written);
    }

    private static GradeState State(GradeRequest request, IEnumerable<StateEntry> entries) => new(
        GradeState.CurrentFormat,
        request.Key.Key.Set,
        request.Key.Sha256,
        KeyFile.EngineVersion,
        (int)request.Options.Timeout.TotalMilliseconds,
        Path.GetFullPath(request.Submissions),
        request.KeysFolder is null ? null : Path.GetFullPath(request.KeysFolder),
        request.Language.Code(),
        [.. request.Gradebooks.Select(g => g.ToString().ToLowerInvariant())],
        [.. entries.OrderBy(e => e.Source, StringComparer.Ordinal)]);
}
