namespace DerivationChecker.Tests;

/// <summary>
/// Locates ../shared (the homework statement, seeds, case files and peer tests) from the test's
/// working directory, so tests read the data where it lives and never copy it into the project.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);

    private static string Find()
    {
        var env = Environment.GetEnvironmentVariable("DC_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            foreach (var candidate in new[] { System.IO.Path.Combine(dir.FullName, "shared"), System.IO.Path.Combine(dir.FullName, "..", "shared") })
            {
                if (File.Exists(System.IO.Path.Combine(candidate, "cases", "equivalence.json"))) return System.IO.Path.GetFullPath(candidate);
            }
            dir = dir.Parent;
        }
        if (File.Exists("/work/shared/cases/equivalence.json")) return "/work/shared";
        throw new DirectoryNotFoundException("Could not find the shared data folder (../shared); set DC_SHARED to its path.");
    }
}
