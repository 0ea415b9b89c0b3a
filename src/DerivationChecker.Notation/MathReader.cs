using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Notation;

public enum Syntax
{
    /// <summary>LaTeX unless the text looks like calculator syntax (explicit *, **, %e, diff(…), sigma or lambda spelled out).</summary>
    Auto,
    Latex,
    Ascii,
}

/// <summary>The one entry point for reading math text in either syntax.</summary>
public static class MathReader
{
    public static ParseResult Read(string text, SymbolTable? table = null, Syntax syntax = Syntax.Auto) =>
        Resolve(text, syntax) == Syntax.Ascii
            ? Ascii.AsciiParser.Parse(text, table)
            : LatexParser.Parse(text, table);

    /// <summary>
    /// Which syntax text is in. Backslashes and braces mean LaTeX; *, **, %, diff( or sqrt( mean the
    /// ASCII syntax SymPy and Maxima users type, and so does a word that only that syntax reads as one
    /// name: a Greek letter spelled out (sigma, lambda, tau) or a function such as sum, norm or log2.
    /// Words both read alike (exp, log, tanh, max) leave the text LaTeX, where "x exp(x)" needs no '*'.
    /// </summary>
    public static Syntax Resolve(string text, Syntax syntax)
    {
        if (syntax != Syntax.Auto) return syntax;
        if (text.Contains('\\') || text.Contains('{') || text.Contains('}')) return Syntax.Latex;
        if (text.Contains('*') || text.Contains('%') || text.Contains("diff(", StringComparison.Ordinal) || text.Contains("sqrt(", StringComparison.Ordinal)) return Syntax.Ascii;
        if (HasAsciiOnlyWord(text)) return Syntax.Ascii;
        return Syntax.Latex;
    }

    private static readonly char[] Digits = [.. "0123456789"];

    /// <summary>
    /// A word typed in Latin letters that LaTeX would read letter by letter (lambda as l·a·m·b·d·a) but the
    /// ASCII syntax reads as one Greek letter or function. A pasted σ is LaTeX's too, so it does not count.
    /// </summary>
    private static bool HasAsciiOnlyWord(string text)
    {
        foreach (var token in Ascii.AsciiLexer.Tokenize(text))
        {
            if (token.Kind != Ascii.AsciiTokenKind.Identifier || !Ascii.AsciiLexer.IsAsciiLetter(text[token.Position])) continue;
            var word = token.Text;
            if (LatexParser.IsKnownWord(word)) continue;
            // beta1 is β₁ typed without its underscore: still a Greek letter LaTeX would spell out.
            var letters = word.TrimEnd(Digits);
            if (Ascii.AsciiNames.IsGreek(letters) || letters == "pi" || Ascii.AsciiReader.IsFunctionWord(word)) return true;
        }
        return false;
    }
}
