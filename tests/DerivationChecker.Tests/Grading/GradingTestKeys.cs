using DerivationChecker.Grading;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Tests.Grading;

/// <summary>Keys for the grading tests: the repository's answer-keys/, and small keys written inline.</summary>
public static class GradingTestKeys
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string KeysFolder => Path.Combine(Root.Value, "answer-keys");

    public static AnswerKey LoadSet(string set)
    {
        var result = KeyLoader.Load(Path.Combine(KeysFolder, set + ".yaml"));
        Assert.True(result.Ok, string.Join('\n', result.Errors));
        return result.Key!;
    }

    /// <summary>A key from YAML text that must load; <paramref name="file"/>'s stem is its set id.</summary>
    public static AnswerKey Parse(string yaml, string file = "test-set.yaml")
    {
        var result = KeyLoader.Parse(yaml, file);
        Assert.True(result.Ok, string.Join('\n', result.Errors));
        return result.Key!;
    }

    public static GradeResult Grade(AnswerKey key, string part, string answer) => new Grader().Grade(key, part, answer);

    /// <summary>The header every inline key shares; parts follow.</summary>
    public static string Header(string symbols = "", string definitions = "") => $"""
        set: test-set
        course: Test course
        title: {"{"}en: A test set, fa: مجموعهٔ آزمایشی{"}"}
        language: en
        context:
          symbols:
        {(symbols.Length == 0 ? "    'x': real" : symbols)}
          definitions: [{definitions}]
        parts:

        """;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DerivationChecker.sln")) && Directory.Exists(Path.Combine(dir.FullName, "answer-keys")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Could not find the repository root (DerivationChecker.sln with answer-keys/ beside it).");
    }
}
