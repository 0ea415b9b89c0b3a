using System.Text;
using System.Text.RegularExpressions;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// A formula taken from a submission, tidied for the reader: Persian and Arabic digits as ASCII
/// (OCR and Persian keyboards produce them), align-like environments as aligned, labels, tags and
/// equation numbers dropped, trailing punctuation dropped, and <c>$</c> signs removed.
/// </summary>
public static partial class MathSnippet
{
    public static string Clean(string latex)
    {
        var sb = new StringBuilder(latex.Length);
        foreach (var c in latex)
        {
            sb.Append(c switch
            {
                >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
                >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
                '٫' => '.',
                '$' => ' ',
                '\u200c' or '\u200e' or '\u200f' => ' ',
                _ => c,
            });
        }
        var text = Tags().Replace(sb.ToString(), " ");
        text = AlignLike().Replace(text, m => $@"\{m.Groups["end"].Value}{{aligned}}");
        return TrimEnd(text);
    }

    /// <summary>Drops what ends a displayed formula in prose: spaces, \, \quad and one full stop or comma.</summary>
    private static string TrimEnd(string text)
    {
        string[] spacing = [@"\,", @"\;", @"\!", @"\quad", @"\qquad", "~"];
        var punctuationDropped = false;
        while (true)
        {
            text = text.TrimEnd();
            var space = spacing.FirstOrDefault(s => text.EndsWith(s, StringComparison.Ordinal) && !text.EndsWith(@"\" + s, StringComparison.Ordinal));
            if (space is not null)
            {
                text = text[..^space.Length];
                continue;
            }
            if (!punctuationDropped && text.Length > 1 && text[^1] is '.' or ',' or ';' or '؛' or '،' && text[^2] is not '\\' and not '.')
            {
                text = text[..^1];
                punctuationDropped = true;
                continue;
            }
            return text;
        }
    }

    /// <summary>The contents of every <c>\boxed{…}</c> (braces balanced), in order.</summary>
    public static IEnumerable<string> Boxed(string latex)
    {
        var at = 0;
        while ((at = latex.IndexOf(@"\boxed", at, StringComparison.Ordinal)) >= 0)
        {
            var open = latex.IndexOf('{', at);
            if (open < 0) yield break;
            var depth = 0;
            var close = -1;
            for (var i = open; i < latex.Length; i++)
            {
                if (latex[i] == '\\') { i++; continue; }
                if (latex[i] == '{') depth++;
                else if (latex[i] == '}' && --depth == 0) { close = i; break; }
            }
            if (close < 0) yield break;
            yield return latex[(open + 1)..close];
            at = close;
        }
    }

    /// <summary>The key used to grade identical answers once: whitespace runs as one space.</summary>
    public static string CacheKey(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\\(?:label|tag\*?)\s*\{[^{}]*\}|\\nonumber|\\notag", RegexOptions.None, 1000)]
    private static partial Regex Tags();

    [GeneratedRegex(@"\\(?<end>begin|end)\{(?:align|eqnarray|gather|flalign|multline)\*?\}", RegexOptions.None, 1000)]
    private static partial Regex AlignLike();

    [GeneratedRegex(@"\s+", RegexOptions.None, 1000)]
    private static partial Regex Whitespace();
}
