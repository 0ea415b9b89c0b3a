namespace DerivationChecker.Grading.Keys;

public enum FindingSeverity
{
    /// <summary>The key contradicts itself or the engine: <c>dc keys verify</c> fails.</summary>
    Error,

    /// <summary>Worth a look, but not a contradiction (a derivation that does not exist yet).</summary>
    Warning,
}

/// <summary>What <c>dc keys verify</c> found about a key: where (file, line, field), which part, and what.</summary>
public sealed record KeyFinding(FindingSeverity Severity, SourceRef Where, string? Part, string Message)
{
    public override string ToString() =>
        $"{(Severity == FindingSeverity.Error ? "error" : "warning")}: {Where.File}:{Where.Line}: {(Part is null ? "" : $"part {Part}: ")}{Where.Field}: {Message}";

    public static KeyFinding Error(SourceRef where, string part, string message) => new(FindingSeverity.Error, where, part, message);

    public static KeyFinding Warning(SourceRef where, string part, string message) => new(FindingSeverity.Warning, where, part, message);
}
