using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Notation;

public enum Syntax
{
    /// <summary>LaTeX unless the text looks like calculator syntax (explicit *, **, %e, diff(…)).</summary>
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
    /// Which syntax text is in. Backslashes and braces mean LaTeX; *, **, %, or a call such as
    /// exp( sqrt( diff( sigma( with no backslash mean the ASCII syntax SymPy and Maxima users type.
    /// </summary>
    public static Syntax Resolve(string text, Syntax syntax)
    {
        if (syntax != Syntax.Auto) return syntax;
        if (text.Contains('\\') || text.Contains('{') || text.Contains('}')) return Syntax.Latex;
        if (text.Contains('*') || text.Contains('%') || text.Contains("diff(", StringComparison.Ordinal) || text.Contains("sqrt(", StringComparison.Ordinal)) return Syntax.Ascii;
        return Syntax.Latex;
    }
}
