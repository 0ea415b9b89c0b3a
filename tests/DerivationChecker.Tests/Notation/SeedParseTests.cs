using System.Text.RegularExpressions;
using DerivationChecker.Notation.Latex;
using Xunit.Abstractions;

namespace DerivationChecker.Tests.Notation;

/// <summary>
/// Every $$…$$ block of the real student solutions in ../shared/seeds (Persian, OCR noise) goes through
/// the reader: none may crash, at least 90% must be read, and the rest must fail with a position
/// inside the block and a message.
/// </summary>
public sealed partial class SeedParseTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"\$\$(.+?)\$\$", RegexOptions.Singleline)]
    private static partial Regex DisplayMath();

    public static IReadOnlyList<(string File, string Block)> Blocks() =>
        [.. Directory.GetFiles(SharedData.Path("seeds"), "*.txt").Order(StringComparer.Ordinal)
            .SelectMany(f => DisplayMath().Matches(File.ReadAllText(f)).Select(m => (Path.GetFileName(f), m.Groups[1].Value)))];

    [Fact]
    public void At_least_90_percent_of_the_seed_math_blocks_are_read_and_the_rest_fail_with_a_position()
    {
        var blocks = Blocks();
        Assert.NotEmpty(blocks);
        var read = 0;
        foreach (var (file, block) in blocks)
        {
            var result = LatexParser.Parse(block);
            if (result.Ok)
            {
                read++;
                continue;
            }
            var error = result.Error!;
            Assert.InRange(error.Position, 0, block.Length);
            Assert.False(string.IsNullOrWhiteSpace(error.Message));
            output.WriteLine($"{file}: not read ({error.Where}): {error.Message}");
            output.WriteLine("    " + error.Pointer().Replace("\n", "\n    ", StringComparison.Ordinal));
        }
        var rate = (double)read / blocks.Count;
        output.WriteLine($"seed math blocks read: {read} of {blocks.Count} ({rate:P1})");
        Console.WriteLine($"[seed parse rate] {read}/{blocks.Count} = {rate:P1}");
        Assert.True(rate >= 0.90, $"only {read} of {blocks.Count} blocks were read");
    }
}
