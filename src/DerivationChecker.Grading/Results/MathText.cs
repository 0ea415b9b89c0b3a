using System.Text;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Results;

/// <summary>
/// Turns feedback with inline math ($…$) into terminal text: each formula is rendered in Unicode
/// (ŷ_t − y_t) when the reader can read it, and in Persian it is wrapped in the directional isolates
/// U+2066 (left-to-right isolate) … U+2069 (pop), so that a formula keeps its left-to-right order
/// inside right-to-left text instead of being reordered around its operators.
/// </summary>
public static class MathText
{
    public const char LeftToRightIsolate = '\u2066';
    public const char PopDirectionalIsolate = '\u2069';

    /// <summary>A formula kept left-to-right inside Persian text; unchanged in English.</summary>
    public static string Isolate(string math, Language language) =>
        language == Language.Fa ? $"{LeftToRightIsolate}{math}{PopDirectionalIsolate}" : math;

    public static LocalizedText Render(LocalizedText text, SymbolTable? symbols = null) =>
        new(Render(text.En, Language.En, symbols), Render(text.Fa, Language.Fa, symbols));

    /// <summary>Renders every $…$ formula of <paramref name="text"/>; a lone $ stays as it is.</summary>
    public static string Render(string text, Language language, SymbolTable? symbols = null)
    {
        if (!text.Contains('$')) return text;
        var sb = new StringBuilder(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('$', i);
            var close = open < 0 ? -1 : text.IndexOf('$', open + 1);
            if (open < 0 || close < 0)
            {
                sb.Append(text, i, text.Length - i);
                break;
            }
            sb.Append(text, i, open - i);
            sb.Append(Isolate(Formula(text[(open + 1)..close], symbols), language));
            i = close + 1;
        }
        return sb.ToString();
    }

    private static string Formula(string latex, SymbolTable? symbols)
    {
        var parsed = MathReader.Read(latex, symbols, Syntax.Latex);
        return parsed.Ok ? UnicodeWriter.Write(parsed.Value!) : latex.Trim();
    }
}
