using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using DerivationChecker.Grading;
using DerivationChecker.Grading.Keys;

namespace DerivationChecker.Classroom.Batch;

/// <summary>A loaded answer key with the SHA-256 of its file, so that grades record exactly which key they came from.</summary>
public sealed record KeyFile(string Path, AnswerKey Key, string Sha256)
{
    /// <summary>Loads a key; null with the key's errors when it does not load.</summary>
    public static KeyFile? Load(string path, string display, out IReadOnlyList<KeyError> errors)
    {
        var bytes = File.ReadAllBytes(path);
        var loaded = KeyLoader.Parse(new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF'), display);
        errors = loaded.Errors;
        return loaded.Key is null ? null : new KeyFile(path, loaded.Key, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    /// <summary>The grading engine's version (its assembly's informational version, with the commit when built from git).</summary>
    public static string EngineVersion { get; } =
        typeof(Grader).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(Grader).Assembly.GetName().Version?.ToString() ?? "unknown";
}
