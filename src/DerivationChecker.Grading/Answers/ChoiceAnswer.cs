using System.Collections.Immutable;

namespace DerivationChecker.Grading.Answers;

/// <summary>The option letters a student chose (a, b, …), or the words that are not an option.</summary>
public sealed record ChoiceAnswer(ImmutableArray<char> Letters, ImmutableArray<string> Unknown)
{
    public bool Ok => Unknown.IsEmpty && !Letters.IsEmpty;
}

/// <summary>
/// Reads a multiple-choice answer: letters a–h in any case, or the Persian option letters in abjad
/// order (آ or الف = a, ب = b, ج = c, د = d, ه = e), separated by commas (also ،), spaces,
/// semicolons, slashes, "and" or "و"; "(b)", "b)" and the word "گزینه" / "option" are allowed.
/// </summary>
public static class ChoiceReader
{
    private static readonly Dictionary<string, char> Persian = new(StringComparer.Ordinal)
    {
        ["آ"] = 'a', ["ا"] = 'a', ["الف"] = 'a',
        ["ب"] = 'b',
        ["ج"] = 'c',
        ["د"] = 'd',
        ["ه"] = 'e', ["هـ"] = 'e',
    };

    private static readonly HashSet<string> Noise = new(StringComparer.OrdinalIgnoreCase) { "و", "and", "option", "options", "گزینه", "گزینه‌های", "گزینه‌ی", "گزینهٔ" };

    public static ChoiceAnswer Read(string text)
    {
        var letters = new SortedSet<char>();
        var unknown = ImmutableArray.CreateBuilder<string>();
        var separators = new[] { ',', '،', ';', '؛', '/', '&', ' ', '\t', '\n', '\r', '(', ')', '[', ']', '.', '$' };
        foreach (var raw in text.Split(separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var token = raw.Trim().Replace("\\text{", "", StringComparison.Ordinal).Trim('{', '}', '\\');
            if (token.Length == 0 || Noise.Contains(token)) continue;
            if (token.Length == 1 && char.IsAsciiLetter(token[0]) && char.ToLowerInvariant(token[0]) <= 'h')
                letters.Add(char.ToLowerInvariant(token[0]));
            else if (Persian.TryGetValue(token, out var letter))
                letters.Add(letter);
            else
                unknown.Add(raw);
        }
        return new ChoiceAnswer([.. letters], unknown.ToImmutable());
    }

    /// <summary>The Persian option letter of a, b, c, … (abjad order).</summary>
    public static string PersianLetter(char letter) => letter switch
    {
        'a' => "آ",
        'b' => "ب",
        'c' => "ج",
        'd' => "د",
        'e' => "ه",
        _ => letter.ToString(),
    };
}
