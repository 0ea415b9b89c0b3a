using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Cli;

/// <summary>How expressions appear in terminal messages and JSON.</summary>
public static class Show
{
    public static string Unicode(Expr e) => Notation.Unicode.UnicodeWriter.Write(e);
    public static string Ascii(Expr e) => Notation.Ascii.AsciiWriter.Write(e);
    public static string Latex(Expr e) => LatexWriter.Write(e);
}
