using System.Text;

namespace DerivationChecker.Publishing.Writers;

/// <summary>
/// Finds the left-to-right runs (English words, numbers, Unicode formulas) inside right-to-left
/// (Persian) prose, so each writer can isolate them: \lr{…} in XeLaTeX, &lt;span dir="ltr"&gt; in HTML.
/// Without the isolation a run that ends in a bracket or a full stop comes out mirrored or on the
/// wrong side ("numeric (12 points)" shown as "(numeric (12 points").
/// </summary>
internal static class Bidi
{
    /// <summary>Hebrew, Arabic and Persian letters, Persian digits and Arabic punctuation (، ؛ ؟), and the presentation forms.</summary>
    public static bool IsRightToLeft(char c) =>
        c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    /// <summary>Stands for a formula inside prose while runs are found: formulas are left to right.</summary>
    public const char Formula = '\uE000';

    private static bool IsStrongLeftToRight(char c) => c == Formula || char.IsLetterOrDigit(c) && !IsRightToLeft(c);

    public static bool HasRightToLeft(string text) => text.Any(IsRightToLeft);

    /// <summary>
    /// The text as runs, each marked left-to-right or not. A left-to-right run spans from its first
    /// to its last strong left-to-right character between two right-to-left ones, widened so its
    /// brackets stay balanced; the spaces around it stay outside.
    /// </summary>
    public static IEnumerable<(string Text, bool LeftToRight)> Runs(string text)
    {
        var i = 0;
        var pending = new StringBuilder();
        while (i < text.Length)
        {
            // A gap: the stretch up to the next right-to-left character.
            var end = i;
            while (end < text.Length && !IsRightToLeft(text[end])) end++;
            var first = -1;
            var last = -1;
            for (var j = i; j < end; j++)
            {
                if (!IsStrongLeftToRight(text[j])) continue;
                if (first < 0) first = j;
                last = j;
            }
            if (first < 0)
            {
                pending.Append(text, i, end - i);
            }
            else
            {
                // At the start or the end of the text nothing right-to-left follows: the run takes its punctuation along.
                if (i == 0) first = FirstNonSpace(text, 0, end);
                if (end == text.Length) last = LastNonSpace(text, i, end);
                (first, last) = Balance(text, i, end, first, last);
                pending.Append(text, i, first - i);
                if (pending.Length > 0) yield return (pending.ToString(), false);
                pending.Clear();
                yield return (text[first..(last + 1)], true);
                pending.Append(text, last + 1, end - last - 1);
            }
            // The right-to-left stretch itself.
            var rtlEnd = end;
            while (rtlEnd < text.Length && (IsRightToLeft(text[rtlEnd]) || !IsStrongLeftToRight(text[rtlEnd]) && NextStrongIsRightToLeft(text, rtlEnd)))
                rtlEnd++;
            pending.Append(text, end, rtlEnd - end);
            i = rtlEnd;
        }
        if (pending.Length > 0) yield return (pending.ToString(), false);
    }

    private static int FirstNonSpace(string text, int start, int end)
    {
        var j = start;
        while (j < end && char.IsWhiteSpace(text[j])) j++;
        return j;
    }

    private static int LastNonSpace(string text, int start, int end)
    {
        var j = end - 1;
        while (j > start && char.IsWhiteSpace(text[j])) j--;
        return j;
    }

    private static bool NextStrongIsRightToLeft(string text, int from)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (IsRightToLeft(text[j])) return true;
            if (IsStrongLeftToRight(text[j])) return false;
        }
        return true;
    }

    /// <summary>Widens [first, last] inside [start, end) to take in the brackets that pair with those inside it.</summary>
    private static (int First, int Last) Balance(string text, int start, int end, int first, int last)
    {
        var depth = 0;
        var unopened = 0;
        for (var j = first; j <= last; j++)
        {
            if (text[j] is '(' or '[' or '{') depth++;
            else if (text[j] is ')' or ']' or '}' && --depth < 0)
            {
                unopened++;
                depth = 0;
            }
        }
        for (var j = first - 1; j >= start && unopened > 0; j--)
        {
            if (text[j] is not ('(' or '[' or '{')) continue;
            first = j;
            unopened--;
        }
        for (var j = last + 1; j < end && depth > 0; j++)
        {
            if (text[j] is not (')' or ']' or '}')) continue;
            last = j;
            depth--;
        }
        return (first, last);
    }
}
