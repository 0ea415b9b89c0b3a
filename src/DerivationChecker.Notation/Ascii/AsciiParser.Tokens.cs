using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Notation.Ascii;

internal sealed partial class AsciiReader
{
    // ---- tokens --------------------------------------------------------------------------------

    private AsciiToken Peek() => _tokens[_pos];

    private AsciiToken PeekAt(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private AsciiToken Next()
    {
        var t = _tokens[_pos];
        if (t.Kind != AsciiTokenKind.End) _pos++;
        return t;
    }

    private AsciiToken Expect(string op, string what)
    {
        var t = Peek();
        if (!t.Is(op)) throw Error(t, $"Expected '{op}' {what}, but found {t.Describe()}.");
        return Next();
    }

    /// <summary>Consumes the bracket that closes <paramref name="open"/>, or says which one is missing and where it was opened.</summary>
    private void ExpectClose(AsciiToken open)
    {
        var close = AsciiLexer.Closer(open.Text) ?? ")";
        var t = Peek();
        if (t.Is(close))
        {
            Next();
            return;
        }
        var column = open.Position + 1;
        if (t.Kind == AsciiTokenKind.End)
            throw Error(open, $"The '{open.Text}' at column {column} is never closed: add '{close}'.");
        if (t.Is(")") || t.Is("]") || t.Is("}"))
            throw Error(t, $"The '{open.Text}' at column {column} is closed by '{t.Text}'; use '{close}'.");
        var hint = StartsValue(t) ? " (put an operator such as '*' before it)" : "";
        throw Error(t, $"Expected '{close}' to close the '{open.Text}' at column {column}, but found {t.Describe()}{hint}.");
    }

    private static bool IsCloser(AsciiToken t) => t.Is(")") || t.Is("]") || t.Is("}");

    private static bool StartsValue(AsciiToken t) =>
        t.Kind is AsciiTokenKind.Number or AsciiTokenKind.Identifier or AsciiTokenKind.String || t.Is("(") || t.Is("[");

    // ---- errors and limits ---------------------------------------------------------------------

    private static ParseException Error(AsciiToken at, string message) => new(at.Position, Math.Max(1, at.Length), message);

    /// <summary>A token that cannot continue what was read before it.</summary>
    private ParseException Unexpected(AsciiToken t)
    {
        if (IsCloser(t)) return Error(t, $"There is no opening bracket for this '{t.Text}'.");
        if (StartsValue(t) && _pos > 0)
        {
            var before = _tokens[_pos - 1];
            return Error(t, $"Put an operator such as '*' between {before.Describe()} and {t.Describe()}: " +
                "a product is written out except after a number (2x) and between ')('.");
        }
        return Special(t) ?? Error(t, $"I did not expect {t.Describe()} here.");
    }

    /// <summary>A token where a value (a number, a name, '(') should start.</summary>
    private ParseException ExpectedValue(AsciiToken t)
    {
        if (t.Kind == AsciiTokenKind.End)
        {
            return _pos > 0
                ? Error(_tokens[_pos - 1], $"The answer ends too early: a value is missing after '{_tokens[_pos - 1].Text}'.")
                : Error(t, "There is nothing to read: the answer is empty.");
        }
        if (IsCloser(t))
        {
            if (!_closesSomething[_pos]) return Error(t, $"There is no opening bracket for this '{t.Text}'.");
            return _pos > 0 && _tokens[_pos - 1].Kind == AsciiTokenKind.Operator && _tokens[_pos - 1].Text is "(" or "[" or "{"
                ? Error(t, "These brackets are empty.")
                : Error(t, $"Expected a value before this '{t.Text}'.");
        }
        return Special(t) ?? Error(t, $"Expected a value (a number, a name or '(') but found {t.Describe()}.");
    }

    /// <summary>Messages for symbols students bring from other syntaxes.</summary>
    private static ParseException? Special(AsciiToken t) => t.Kind == AsciiTokenKind.Invalid && t.Text == "\""
        ? Error(t, "This '\"' starts a text that is never closed: add a matching '\"'.")
        : t.Kind != AsciiTokenKind.Operator ? null : t.Text switch
        {
            "\\" => Error(t, "Backslash commands are LaTeX; in this syntax write sqrt(x), x^2, sigma(x), diff(f, x)."),
            "|" => Error(t, "Write an absolute value as abs(x) and a norm as norm(x)."),
            "!" => Error(t, "Factorials (n!) are not supported; write the product out."),
            ":" or ":=" => Error(t, "Assignments (':' and ':=') are not supported; write an equation with '='."),
            "." => Error(t, "A '.' must be part of a number (1.5) or of .* ./ .T."),
            "_" => Error(t, "A subscript needs a name before it, as in x_1."),
            "'" => Error(t, "A prime belongs right after a name (W', sigma'(x))."),
            ";" or "$" => Error(t, "Write one answer: separate several statements with ',' instead of ';'."),
            _ => null,
        };

    private void Enter(AsciiToken at)
    {
        if (++_depth > AsciiParser.MaxDepth)
            throw Error(at, $"The expression is nested too deeply (more than {AsciiParser.MaxDepth} levels); simplify it before submitting.");
        Core.Expressions.StackGuard.Check(_depth);
    }

    private void Leave() => _depth--;

    /// <summary>Runs <paramref name="parse"/> with <paramref name="name"/> bound to <paramref name="symbol"/>.</summary>
    private T WithBound<T>(string name, Symbol symbol, Func<T> parse)
    {
        var saved = _bound;
        _bound = _bound.SetItem(name, symbol);
        try
        {
            return parse();
        }
        finally
        {
            _bound = saved;
        }
    }
}
