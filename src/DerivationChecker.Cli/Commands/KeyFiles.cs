using DerivationChecker.Grading.Keys;

namespace DerivationChecker.Cli.Commands;

/// <summary>Finding and loading answer keys for <c>dc check</c> and <c>dc keys</c>.</summary>
internal static class KeyFiles
{
    public static KeyDirectory Directory(string? keysOption) =>
        KeyDirectory.Locate(keysOption)
        ?? throw new InputException(keysOption is null
            ? "Cannot find the answer keys: run through ./dc (it sets DC_HOME to the repository) or give --keys DIR."
            : $"The keys folder '{keysOption}' does not exist.");

    /// <summary>A path as the user reads it: relative to the working directory when it is below it.</summary>
    public static string Display(string path)
    {
        var relative = Path.GetRelativePath(System.IO.Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }

    public static KeyLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"Cannot read {path}: {ex.Message}");
        }
        return KeyLoader.Parse(text, Display(path));
    }

    /// <summary>The key of a set, loaded; a missing set or a key with errors is bad input with the reasons.</summary>
    public static AnswerKey LoadSet(KeyDirectory directory, string set)
    {
        var file = directory.FileOf(set)
            ?? throw new InputException($"There is no answer key for '{set}' in {Display(directory.Path)}; the sets are: {string.Join(", ", directory.Sets())}.");
        var loaded = Load(file);
        if (loaded.Key is null)
            throw new InputException($"The key {Display(file)} has errors (run 'dc keys verify'):\n" + string.Join('\n', loaded.Errors.Select(e => "  " + e)));
        return loaded.Key;
    }
}
