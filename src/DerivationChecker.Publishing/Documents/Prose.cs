using System.Collections.Immutable;
using System.Text;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Publishing.Documents;

/// <summary>Prose as the derivations write it: words with $…$ formulas in LaTeX (\$ is a dollar sign).</summary>
public static class Prose
{
    public static ImmutableArray<Inline> Parse(string text) => Parse(text, null);

    /// <summary>Prose whose formulas are read with <paramref name="symbols"/> (a key's context: g_{o_t} as one name).</summary>
    public static ImmutableArray<Inline> Parse(string text, SymbolTable? symbols)
    {
        var runs = ImmutableArray.CreateBuilder<Inline>();
        var words = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '$')
            {
                words.Append('$');
                i += 2;
                continue;
            }
            var close = c == '$' ? ClosingDollar(text, i + 1) : -1;
            if (close < 0)
            {
                words.Append(c);
                i++;
                continue;
            }
            if (words.Length > 0) runs.Add(new TextRun(words.ToString()));
            words.Clear();
            var latex = text[(i + 1)..close];
            var parsed = LatexParser.Parse(latex, symbols);
            runs.Add(parsed.Value is { } formula ? new InlineMath(formula, latex) : new UnreadMath(latex));
            i = close + 1;
        }
        if (words.Length > 0) runs.Add(new TextRun(words.ToString()));
        return runs.ToImmutable();
    }

    private static int ClosingDollar(string text, int from)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\\') j++;
            else if (text[j] == '$') return j > from ? j : -1;
        }
        return -1;
    }
}
