namespace DerivationChecker.Publishing.Writers;

internal enum ScriptPosition
{
    Baseline,
    Subscript,
    Superscript,
}

/// <summary>
/// The scripts in prose as the derivations write it in Unicode (σ_k, J_{ki}, W_hh, (e^u)′, h_{T−1}):
/// "_" or "^" followed by a braced group, by a run of ASCII letters and digits, or by one other
/// letter. TeX and HTML raise or lower them; elsewhere they stay as typed.
/// </summary>
internal static class ProseScripts
{
    public static IEnumerable<(string Text, ScriptPosition Position)> Split(string text)
    {
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is not ('_' or '^') || i + 1 >= text.Length || i == 0 || char.IsWhiteSpace(text[i - 1]))
            {
                i++;
                continue;
            }
            var (script, next) = ReadScript(text, i + 1);
            if (script is null)
            {
                i++;
                continue;
            }
            if (i > start) yield return (text[start..i], ScriptPosition.Baseline);
            yield return (script, c == '_' ? ScriptPosition.Subscript : ScriptPosition.Superscript);
            start = i = next;
        }
        if (start < text.Length) yield return (text[start..], ScriptPosition.Baseline);
    }

    private static (string? Script, int Next) ReadScript(string text, int from)
    {
        if (text[from] == '{')
        {
            var depth = 0;
            for (var j = from; j < text.Length; j++)
            {
                if (text[j] == '{') depth++;
                else if (text[j] == '}' && --depth == 0) return j > from + 1 ? (text[(from + 1)..j], j + 1) : (null, from);
            }
            return (null, from);
        }
        if (char.IsAsciiLetterOrDigit(text[from]))
        {
            var j = from;
            while (j < text.Length && char.IsAsciiLetterOrDigit(text[j])) j++;
            return (text[from..j], j);
        }
        return char.IsLetter(text[from]) ? (text[from].ToString(), from + 1) : (null, from);
    }
}
