using System.Collections.Immutable;
using System.Text.Json;
using DerivationChecker.Classroom.Outputs;

namespace DerivationChecker.Classroom.Batch;

/// <summary>
/// What an output folder remembers of its run (OUT/.dc-grade-state.json), for <c>--resume</c> and
/// <c>dc regrade</c>: the key's hash, the engine version and the time limit the grades were made with,
/// how the run was asked for, and every graded student with the hash of the file they were graded from.
/// It is written during the run as students finish (a checkpoint) and once more at the end.
/// </summary>
public sealed record GradeState(
    int Format,
    string Set,
    string KeySha256,
    string EngineVersion,
    int TimeoutMs,
    string? Submissions,
    string? Keys,
    string? Language,
    ImmutableArray<string> Gradebooks,
    ImmutableArray<StateEntry> Students)
{
    public const string FileName = ".dc-grade-state.json";
    public const int CurrentFormat = 1;

    /// <summary>Whether students graded under this state may be kept: same set, key, engine and time limit.</summary>
    public bool Matches(string set, string keySha256, string engineVersion, int timeoutMs) =>
        Format == CurrentFormat && Set == set && KeySha256 == keySha256 && EngineVersion == engineVersion && TimeoutMs == timeoutMs;

    /// <summary>The state of an output folder, or null when it has none or it cannot be read.</summary>
    public static GradeState? Load(string outputFolder)
    {
        var path = Path.Combine(outputFolder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<GradeState>(File.ReadAllText(path), ResultsJson.Options);
        }
        catch (Exception ex) when (ex is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }

    public void Save(string outputFolder) =>
        AtomicFile.WriteAllText(Path.Combine(outputFolder, FileName), JsonSerializer.Serialize(this, ResultsJson.Options));
}

/// <summary>A graded student: the submission (its path in the class folder and the hash of what was read) and the result.</summary>
public sealed record StateEntry(string Source, string Sha256, StudentResult Result);
