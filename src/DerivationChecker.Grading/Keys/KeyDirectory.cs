namespace DerivationChecker.Grading.Keys;

/// <summary>
/// Where the keys live: a folder given explicitly, else answer-keys/ under $DC_HOME (the launcher
/// sets it to the repository root), else the nearest answer-keys/ above the working directory.
/// </summary>
public sealed class KeyDirectory(string path)
{
    public const string HomeVariable = "DC_HOME";
    public const string FolderName = "answer-keys";

    public string Path { get; } = path;

    public static KeyDirectory? Locate(string? explicitPath = null)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return Directory.Exists(explicitPath) ? new KeyDirectory(System.IO.Path.GetFullPath(explicitPath)) : null;
        var home = Environment.GetEnvironmentVariable(HomeVariable);
        if (!string.IsNullOrEmpty(home) && Directory.Exists(System.IO.Path.Combine(home, FolderName)))
            return new KeyDirectory(System.IO.Path.Combine(home, FolderName));
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate)) return new KeyDirectory(candidate);
        }
        return null;
    }

    /// <summary>Every key file (*.yaml, *.yml), sorted by name.</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(Path, "*.yaml").Concat(Directory.EnumerateFiles(Path, "*.yml")).Order(StringComparer.Ordinal)];

    /// <summary>The file of a set id, or null.</summary>
    public string? FileOf(string set) =>
        Files().FirstOrDefault(f => string.Equals(System.IO.Path.GetFileNameWithoutExtension(f), set, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<string> Sets() => [.. Files().Select(System.IO.Path.GetFileNameWithoutExtension).OfType<string>()];
}
