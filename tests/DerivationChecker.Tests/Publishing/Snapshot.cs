using System.Runtime.CompilerServices;

namespace DerivationChecker.Tests.Publishing;

/// <summary>
/// Snapshot files with Verify's convention: Name.verified.ext is committed beside the test; on a
/// mismatch (or when it is missing) the output is written to Name.received.ext and the test fails.
/// To accept a change, look at the received file and rename it over the verified one.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string received, string name, string extension, [CallerFilePath] string testFile = "")
    {
        var directory = Path.GetDirectoryName(testFile)!;
        var verifiedPath = Path.Combine(directory, $"{name}.verified.{extension}");
        var receivedPath = Path.Combine(directory, $"{name}.received.{extension}");
        received = received.ReplaceLineEndings("\n");
        if (File.Exists(verifiedPath) && File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") == received)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, received);
        Assert.Fail(File.Exists(verifiedPath)
            ? $"{name}.{extension} differs from its snapshot: compare {receivedPath} with {verifiedPath}, and rename the received file over the verified one if the change is right."
            : $"{name}.{extension} has no snapshot yet: check {receivedPath} and rename it to {Path.GetFileName(verifiedPath)}.");
    }
}
