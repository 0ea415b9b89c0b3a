using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Notation.Latex;

public sealed partial class LatexParser
{
    private Expr ParsePrimary()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case TokenKind.Number:
                {
                    Next();
                    if (!BigRational.TryParseDecimal(t.Text, out var value)) throw Error(t, $"'{t.Text}' is not a number I can read.");
                    return new Number(value);
                }
            case TokenKind.Letter:
                return ParseLetters();
            case TokenKind.Text:
                return ParseTextToken();
            case TokenKind.Symbol:
                return t.Text switch
                {
                    "(" => ParseBracketed(Next(), ")"),
                    "[" => ParseBracketed(Next(), "]"),
                    "{" => ParseBraceGroup(),
                    "|" => ParseAbsolute(Next(), closeWithRight: false),
                    _ => throw (t.Text is "-" or "+" ? Error(t, $"A second sign here is ambiguous; put the negative part in parentheses.") : Unexpected(t)),
                };
            case TokenKind.Command:
                return ParseCommand();
            default:
                throw Unexpected(t);
        }
    }

    /// <summary>{…}: TeX grouping, or a set when the braces hold a comma list (only with \{ \}).</summary>
    private Expr ParseBraceGroup()
    {
        var open = Next();
        if (Peek().IsSymbol("}")) throw Error(Peek(), "These braces are empty.");
        var inner = InGroup(() => ParseStatements(t => t.IsSymbol("}")));
        ExpectSymbol("}", $"to close the '{{' at column {open.Position + 1}");
        return inner;
    }

    /// <summary>
    /// ( … ) or [ … ]: grouping, a tuple (a, b), or for square brackets with commas a row vector
    /// [6, 1, 2]. <paramref name="close"/> is the expected closing symbol.
    /// </summary>
    private Expr ParseBracketed(Token open, string close)
    {
        if (Peek().IsSymbol(close)) throw Error(Peek(), $"These brackets are empty: write something between '{open.Text}' and '{close}'.");
        var items = InGroup(() => ParseCommaList(t => t.IsSymbol(close) || IsAnyClosing(t)));
        var end = Peek();
        if (!end.IsSymbol(close))
        {
            if (IsAnyClosing(end))
                throw Error(end, $"The '{open.Text}' at column {open.Position + 1} is closed by '{end.Text}'; use '{close}'.");
            throw Error(end.Kind == TokenKind.End ? open : end,
                end.Kind == TokenKind.End
                    ? $"The '{open.Text}' at column {open.Position + 1} is never closed: add '{close}'."
                    : $"Expected '{close}' to close the '{open.Text}' at column {open.Position + 1}.");
        }
        Next();
        return Bracketed(open.Text, items, open);
    }

    private static bool IsAnyClosing(Token t) => t.IsSymbol(")") || t.IsSymbol("]") || t.IsSymbol("}") || t.IsCommand("right") || t.IsCommand("end");

    private Expr Bracketed(string open, ImmutableArray<Expr> items, Token at)
    {
        if (items.Length == 1) return items[0];
        if (open == "[")
        {
            if (items.Any(i => i is Relation or TupleExpr)) throw Error(at, "A bracketed list must hold values only.");
            return new MatrixLiteral(1, items.Length, items);
        }
        return new TupleExpr(items, open == "{" ? TupleStyle.Braces : TupleStyle.Parentheses);
    }

    private ImmutableArray<Expr> ParseCommaList(Func<Token, bool> stop)
    {
        var items = ImmutableArray.CreateBuilder<Expr>();
        while (true)
        {
            items.Add(ParseChain());
            if (!Peek().IsSymbol(",")) break;
            Next();
            if (stop(Peek())) throw Error(Peek(), "A comma must be followed by another item.");
        }
        return items.ToImmutable();
    }

    /// <summary>|x| (or \left| x \right|): an absolute value.</summary>
    private Expr ParseAbsolute(Token open, bool closeWithRight)
    {
        _absDepth++;
        Expr inner;
        try
        {
            if (closeWithRight)
            {
                inner = InGroup(() => ParseChain());
            }
            else
            {
                inner = ParseChain();
            }
        }
        finally
        {
            _absDepth--;
        }
        if (closeWithRight)
        {
            ExpectRight(open);
            return new Apply(Function.Abs, inner);
        }
        var close = Peek();
        if (!close.IsSymbol("|")) throw Error(open, $"The '|' at column {open.Position + 1} is never closed: add a matching '|'.");
        Next();
        return new Apply(Function.Abs, inner);
    }

    /// <summary>Reads \right and its delimiter.</summary>
    private void ExpectRight(Token open)
    {
        var t = Peek();
        if (!t.IsCommand("right"))
            throw Error(t.Kind == TokenKind.End ? open : t, $"The \\left at column {open.Position + 1} has no matching \\right.");
        Next();
        var delimiter = Next();
        if (delimiter.Kind == TokenKind.End) throw Error(t, "\\right needs a delimiter after it.");
    }

    /// <summary>\left⟨delimiter⟩ … \right⟨delimiter⟩ with any pairing of delimiters.</summary>
    private Expr ParseLeftRight(Token left)
    {
        var delimiter = Next();
        if (delimiter.Kind == TokenKind.End) throw Error(left, "\\left needs a delimiter after it.");
        if (delimiter.IsSymbol("|") || delimiter.IsCommand("lvert"))
            return ParseAbsolute(left, closeWithRight: true);
        if (delimiter.IsCommand("|") || delimiter.IsCommand("lVert"))
        {
            var inner = InGroup(() => ParseChain());
            ExpectRight(left);
            return ApplyNormSubscript(new Norm(inner));
        }
        var open = delimiter.Kind == TokenKind.Command
            ? delimiter.Text switch
            {
                "{" or "lbrace" => "{",
                "langle" => "<",
                "lfloor" or "lceil" => "(",
                _ => "(",
            }
            : delimiter.Text switch
            {
                "[" => "[",
                "." => ".",
                _ => "(",
            };
        if (Peek().IsCommand("right")) throw Error(Peek(), "The \\left … \\right pair is empty.");
        var items = InGroup(() => ParseCommaList(t => t.IsCommand("right")));
        ExpectRight(left);
        return open switch
        {
            "." => items.Length == 1 ? items[0] : new TupleExpr(items, TupleStyle.Plain),
            "<" => throw Error(left, "Angle brackets ⟨a, b⟩ are not supported; write the inner product as a^T b."),
            _ => Bracketed(open, items, left),
        };
    }

    /// <summary>‖x‖₁, ‖x‖₂, ‖x‖_∞ read their kind from a subscript.</summary>
    private Expr ApplyNormSubscript(Norm norm)
    {
        if (!Peek().IsSymbol("_")) return norm;
        var underscore = Next();
        var script = ReadScript(underscore);
        var kind = script.Items.Length == 1 ? script.Items[0] switch
        {
            Number { Value: var v } when v == 1 => NormKind.One,
            Number { Value: var v } when v == 2 => NormKind.Two,
            Constant { Kind: ConstantKind.Infinity } => NormKind.Infinity,
            _ => (NormKind?)null,
        } : null;
        if (kind is null) throw Error(underscore, "A norm's subscript must be 1, 2 or \\infty.");
        return new Norm(norm.Operand, kind.Value);
    }

    /// <summary>\| x \|, \lVert x \rVert, or ‖x‖ (lexed as \|).</summary>
    private Expr ParseNorm(Token open)
    {
        _absDepth++;
        Expr inner;
        try
        {
            inner = InGroupKeepingAbs(() => ParseChain());
        }
        finally
        {
            _absDepth--;
        }
        var close = Peek();
        if (!(close.IsCommand("|") || close.IsCommand("rVert")))
            throw Error(open, $"The norm opened at column {open.Position + 1} is never closed: add \\| (or \\rVert).");
        Next();
        return ApplyNormSubscript(new Norm(inner));
    }

    private T InGroupKeepingAbs<T>(Func<T> parse)
    {
        _groupDepth++;
        try
        {
            return parse();
        }
        finally
        {
            _groupDepth--;
        }
    }

    /// <summary>\text{…} inside math: a known word (softmax, Var, undefined), a function name, or words kept as text.</summary>
    private Expr ParseTextToken()
    {
        var t = Next();
        var word = t.Text.Trim();
        var compact = Compact(word);
        if (compact.Length == 0) return new TextNode("");
        if (KnownWord(compact, t) is { } known) return known;
        if (compact.Length == 1 && LatexLexer.IsAsciiLetter(compact[0]))
        {
            return ParseNameWithScripts(compact, t);
        }
        if (Peek().IsSymbol("(") || Peek().IsCommand("left"))
        {
            return ApplyFunction(Function.Opaque(compact), t);
        }
        return new TextNode(word);
    }
}
