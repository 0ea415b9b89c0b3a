using System.Text.RegularExpressions;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// Finds the chosen options in a multiple-choice part's text: "Answer: b, c" or "پاسخ: ب و ج" (the rest of that line);
/// else the letters after "گزینه" or "option" ("پس گزینه ج صحیح است"); else the whole text when it is
/// short enough to be only letters. Null when the text does not say.
/// </summary>
public static partial class ChoiceText
{
    public static string? Find(string text)
    {
        if (text.Length == 0) return null;
        var line = AnswerLine().Match(text);
        if (line.Success) return line.Groups["value"].Value.Trim();

        var letters = new List<string>();
        foreach (Match m in OptionWord().Matches(text))
        {
            foreach (var token in Tokens().Matches(text[(m.Index + m.Length)..]).Select(t => t.Value))
            {
                if (Separators.Contains(token)) continue;
                if (Letter().IsMatch(token)) letters.Add(token);
                else break;
            }
        }
        if (letters.Count > 0) return string.Join(", ", letters.Distinct());

        var plain = text.Replace("$", "", StringComparison.Ordinal).Trim();
        return plain.Length <= 24 ? plain : null;
    }

    private static readonly HashSet<string> Separators = new(StringComparer.OrdinalIgnoreCase) { "و", "and", ",", "،", "&", "؛", ";", "(", ")" };

    [GeneratedRegex(@"(?<![\p{L}])(?:answer|choice|پاسخ|جواب|گزینه(?:\u200c?ی|\u200c?های|ٔ)?\s*(?:صحیح|درست)?)\s*\**\s*[:：]\s*\**(?<value>[^\n]+)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex AnswerLine();

    [GeneratedRegex(@"(?:گزینه(?:\u200c?ی|\u200c?های|ٔ)?|\boptions?\b)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex OptionWord();

    [GeneratedRegex(@"الف|[\p{L}]+|[,،&؛;()]", RegexOptions.None, 1000)]
    private static partial Regex Tokens();

    [GeneratedRegex(@"^(?:[a-hA-H]|الف|آ|ب|ج|د|ه)$", RegexOptions.None, 1000)]
    private static partial Regex Letter();
}
