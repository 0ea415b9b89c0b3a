using System.Collections.Immutable;
using System.Text;
using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Notation.Latex;

public sealed partial class LatexParser
{
    private static readonly HashSet<string> MatrixEnvironments = ["bmatrix", "pmatrix", "matrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array"];

    private static readonly HashSet<string> AlignEnvironments =
    [
        "aligned", "align", "align*", "split", "gathered", "gather", "gather*", "equation", "equation*", "eqnarray",
        "eqnarray*", "multline", "multline*", "alignat", "alignat*", "alignedat", "flalign", "flalign*",
    ];

    /// <summary>\begin{name} … \end{name}: matrices, cases, and aligned blocks of equations.</summary>
    private Expr ParseEnvironment()
    {
        var begin = Next();
        var name = ReadEnvironmentName(begin);
        Enter(begin);
        Expr result;
        if (MatrixEnvironments.Contains(name))
        {
            if (name == "array") SkipBraceContent();
            if (name == "vmatrix" || name == "Vmatrix") throw Error(begin, "Determinants (vmatrix) are not supported.");
            result = ParseMatrixBody(begin, name);
        }
        else if (name is "cases" or "dcases" or "rcases")
        {
            result = ParseCasesBody(begin, name);
        }
        else if (AlignEnvironments.Contains(name))
        {
            if (name.StartsWith("alignat", StringComparison.Ordinal)) SkipBraceContent();
            result = InGroupAtTop(() => ParseStatements(t => t.IsCommand("end")));
            ExpectEnd(begin, name);
        }
        else
        {
            throw Error(begin, $"The environment '{name}' is not supported here; use bmatrix, pmatrix, cases or aligned.");
        }
        Leave();
        return result;
    }

    /// <summary>Inside an aligned block, line breaks and \quad still separate statements.</summary>
    private T InGroupAtTop<T>(Func<T> parse)
    {
        var saved = _groupDepth;
        _groupDepth = 0;
        try
        {
            return parse();
        }
        finally
        {
            _groupDepth = saved;
        }
    }

    private string ReadEnvironmentName(Token begin)
    {
        if (!Peek().IsSymbol("{")) throw Error(begin, "\\begin needs an environment name in braces, as in \\begin{bmatrix}.");
        Next();
        var sb = new StringBuilder();
        while (!Peek().IsSymbol("}"))
        {
            var t = Next();
            if (t.Kind == TokenKind.End) throw Error(begin, "The environment name after \\begin is never closed.");
            sb.Append(t.Text);
        }
        Next();
        return sb.ToString();
    }

    private void ExpectEnd(Token begin, string name)
    {
        var t = Peek();
        if (!t.IsCommand("end")) throw Error(t.Kind == TokenKind.End ? begin : t, $"\\begin{{{name}}} at column {begin.Position + 1} has no \\end{{{name}}}.");
        Next();
        var endName = ReadEnvironmentName(t);
        if (endName != name) throw Error(t, $"\\begin{{{name}}} is closed by \\end{{{endName}}}; they must match.");
    }

    /// <summary>Rows separated by \\, entries by &amp;; every row the same length.</summary>
    private Expr ParseMatrixBody(Token begin, string name)
    {
        var rows = new List<List<Expr>>();
        var row = new List<Expr>();
        InGroup(() =>
        {
            while (true)
            {
                var t = Peek();
                if (t.IsCommand("end") || t.Kind == TokenKind.End) break;
                if (t.IsSymbol("&"))
                {
                    throw Error(t, "A matrix entry is empty: write a value between the '&' signs.");
                }
                row.Add(ParseExpression());
                t = Peek();
                if (t.IsSymbol("&"))
                {
                    Next();
                    continue;
                }
                if (t.IsCommand("\\") || t.IsCommand("cr"))
                {
                    Next();
                    rows.Add(row);
                    row = [];
                    continue;
                }
                if (t.IsCommand("end")) break;
                throw Error(t, $"Expected '&', '\\\\' or \\end{{{name}}} in the matrix, but found {LatexLexer.Describe(t)}.");
            }
            return 0;
        });
        if (row.Count > 0) rows.Add(row);
        ExpectEnd(begin, name);
        if (rows.Count == 0) throw Error(begin, "This matrix is empty.");
        var columns = rows[0].Count;
        for (var r = 1; r < rows.Count; r++)
        {
            if (rows[r].Count != columns)
                throw Error(begin, $"Row {r + 1} of this matrix has {rows[r].Count} entries but row 1 has {columns}; every row needs the same number.");
        }
        return new MatrixLiteral(rows.Count, columns, [.. rows.SelectMany(r => r)]);
    }

    /// <summary>\begin{cases} value &amp; condition \\ … \end{cases}.</summary>
    private Expr ParseCasesBody(Token begin, string name)
    {
        var cases = ImmutableArray.CreateBuilder<(Expr, Expr)>();
        InGroup(() =>
        {
            while (true)
            {
                var t = Peek();
                if (t.IsCommand("end") || t.Kind == TokenKind.End) break;
                var value = ParseChain();
                SkipCasePunctuation();
                Expr condition = Piecewise.Otherwise;
                if (Peek().IsSymbol("&"))
                {
                    Next();
                    while (Peek().Kind == TokenKind.Text && Peek().Text.Trim() is "if" or "for" or "when" or "if " or "," || Peek().IsSymbol(","))
                    {
                        Next();
                    }
                    if (!Peek().IsCommand("\\") && !Peek().IsCommand("end")) condition = ParseCondition();
                    SkipCasePunctuation();
                }
                cases.Add((value, condition));
                if (Peek().IsCommand("\\"))
                {
                    Next();
                    continue;
                }
                if (Peek().IsCommand("end")) break;
                throw Error(Peek(), $"Expected '\\\\' or \\end{{{name}}} after a case.");
            }
            return 0;
        });
        ExpectEnd(begin, name);
        if (cases.Count == 0) throw Error(begin, "This cases block is empty.");
        return new Piecewise(cases.ToImmutable());
    }

    /// <summary>"1, &amp; x &gt; 0 \\" and "x &gt; 0. \\": a comma or full stop that ends a value or a row is punctuation.</summary>
    private void SkipCasePunctuation()
    {
        if (!(Peek().IsSymbol(",") || Peek().IsSymbol("."))) return;
        var after = PeekAt(1);
        if (after.IsSymbol("&") || after.IsCommand("\\") || after.IsCommand("end")) Next();
    }

    /// <summary>A condition in a cases row: a relation, or "otherwise".</summary>
    private Expr ParseCondition()
    {
        var t = Peek();
        if (t.Kind == TokenKind.Text && t.Text.Trim() is "otherwise" or "else" or "o.w." or "elsewhere")
        {
            Next();
            return Piecewise.Otherwise;
        }
        var saved = _inCasesCondition;
        _inCasesCondition = true;
        Expr condition;
        try
        {
            condition = ParseChain();
        }
        finally
        {
            _inCasesCondition = saved;
        }
        if (condition is TextNode text && text.Text.Trim() is "otherwise" or "else") return Piecewise.Otherwise;
        return condition;
    }
}
