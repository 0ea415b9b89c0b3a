using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Notation.Latex;

/// <summary>
/// Reads LaTeX math as students write it into the expression tree, exactly as written (no
/// simplification). Recursive descent over the levels
/// statements (, \\ &amp;) › relations › sums › ⊙ ⊘ › products (juxtaposition, \cdot, /) › signs ›
/// scripts (^ _ ') › atoms. Names are resolved with the symbol table: a subscript on a vector picks a
/// component, on a family picks a member, and elsewhere is part of the name. Errors carry the position
/// and say what was expected; nesting is limited so no input can overflow the stack.
/// </summary>
public sealed partial class LatexParser
{
    /// <summary>Deeper nesting than this is refused (hostile input such as 10^{10^{10^{…}}}).</summary>
    public const int MaxDepth = 100;

    private readonly string _input;
    private readonly List<Token> _tokens;
    private readonly SymbolTable _table;
    private readonly List<string> _warnings = [];
    private ImmutableDictionary<string, Symbol> _bound = ImmutableDictionary<string, Symbol>.Empty;
    private int _pos;
    private int _depth;
    private int _groupDepth;
    private int _absDepth;
    private int _scriptDepth;

    /// <summary>The first \mathbf{1} written without a length, for the note when its length cannot be found.</summary>
    private Token? _onesWithoutLength;

    /// <summary>dσ/dt read with σ the name of a function, and every application of a function, for <see cref="ResolveFunctionShorthand"/>.</summary>
    private readonly List<(Derivative Derivative, Token At)> _functionDerivatives = [];
    private readonly List<(Apply Apply, Token At)> _applications = [];

    /// <summary>Reading the condition of a cases row, where '&lt;' is always a comparison.</summary>
    private bool _inCasesCondition;

    /// <summary>Token index where the set after \in starts (h ∈ R³ names the space ℝ³), or −1.</summary>
    private int _setAfterInAt = -1;

    private LatexParser(string input, SymbolTable table)
    {
        _input = input;
        _table = table;
        _tokens = LatexLexer.Tokenize(input);
    }

    public static ParseResult Parse(string input, SymbolTable? table = null)
    {
        input ??= "";
        var body = StripMathDelimiters(input, out var offset);
        var parser = new LatexParser(body, table ?? SymbolTable.Empty);
        try
        {
            var value = OnesVectors.ResolveLengths(parser.ResolveFunctionShorthand(parser.ParseTop()));
            if (OnesVectors.AnyUnknown(value) && parser._onesWithoutLength is { } ones)
                parser._warnings.Add($"The all-ones vector \\{ones.Text}{{1}} at column {ones.Position + offset + 1} multiplies nothing that gives its length; write \\{ones.Text}{{1}}_n to give it.");
            return ParseResult.Success(value, parser._warnings);
        }
        catch (ParseException ex)
        {
            return ParseResult.Failure(new ParseError(input, ex.Position + offset, Math.Max(1, ex.Length), ex.Message));
        }
        catch (InsufficientExecutionStackException)
        {
            return ParseResult.Failure(new ParseError(input, 0, 1, "The expression is nested too deeply to read."));
        }
    }

    /// <summary>$$…$$, \[…\], $…$ and \(…\) around the math are not part of it.</summary>
    private static string StripMathDelimiters(string input, out int offset)
    {
        var trimmed = input.Trim();
        offset = input.IndexOf(trimmed, StringComparison.Ordinal);
        foreach (var (open, close) in new[] { ("$$", "$$"), ("\\[", "\\]"), ("\\(", "\\)"), ("$", "$") })
        {
            if (trimmed.Length >= open.Length + close.Length && trimmed.StartsWith(open, StringComparison.Ordinal) && trimmed.EndsWith(close, StringComparison.Ordinal))
            {
                offset += open.Length;
                return trimmed[open.Length..^close.Length];
            }
        }
        return trimmed;
    }

    private Expr ParseTop()
    {
        if (Peek().Kind == TokenKind.End) throw Error(Peek(), "There is nothing to read: the answer is empty.");
        var result = ParseStatements(t => t.Kind == TokenKind.End);
        var end = Peek();
        if (end.Kind != TokenKind.End) throw Unexpected(end);
        return result;
    }

    // ---- token access ----------------------------------------------------------------------

    private Token Peek() => PeekAt(0);

    /// <summary>The token <paramref name="ahead"/> places on, skipping spacing and layout commands.</summary>
    private Token PeekAt(int ahead)
    {
        var i = _pos;
        while (true)
        {
            i = SkipNoise(i);
            if (ahead == 0 || _tokens[i].Kind == TokenKind.End) return _tokens[i];
            ahead--;
            i++;
        }
    }

    private Token Next()
    {
        _pos = SkipNoise(_pos);
        var t = _tokens[_pos];
        if (t.Kind != TokenKind.End) _pos++;
        return t;
    }

    /// <summary>Index of the next meaningful token at or after <paramref name="i"/>.</summary>
    private int SkipNoise(int i)
    {
        while (true)
        {
            var t = _tokens[i];
            if (t.Kind == TokenKind.Command)
            {
                if (NoiseCommands.Contains(t.Text))
                {
                    i++;
                    continue;
                }
                if ((t.Text is "quad" or "qquad") && _groupDepth > 0)
                {
                    i++;
                    continue;
                }
                if (t.Text is "label" or "tag" or "hspace" or "vspace" or "color" or "phantom" or "hphantom" or "vphantom")
                {
                    i = SkipBraceGroup(i + 1);
                    continue;
                }
                // \bigl( … \bigr) is ( … ) drawn larger: the size is layout, the bracket is the mathematics.
                if (IsBigDelimiter(t.Text) && IsDelimiter(_tokens[i + 1]))
                {
                    i += _tokens[i + 1].IsSymbol(".") ? 2 : 1;
                    continue;
                }
            }
            return i;
        }
    }

    /// <summary>Skips one {…} group (or an optional star) starting at <paramref name="i"/>; returns the index after it.</summary>
    private int SkipBraceGroup(int i)
    {
        if (_tokens[i].IsSymbol("*")) i++;
        if (!_tokens[i].IsSymbol("{")) return i;
        var depth = 0;
        for (; _tokens[i].Kind != TokenKind.End; i++)
        {
            if (_tokens[i].IsSymbol("{")) depth++;
            else if (_tokens[i].IsSymbol("}") && --depth == 0) return i + 1;
        }
        return i;
    }

    private static readonly HashSet<string> NoiseCommands =
    [
        ",", ";", ":", "!", " ", ">", "enspace", "thinspace", "medspace", "thickspace", "negthinspace",
        "negmedspace", "negthickspace", "displaystyle", "textstyle", "scriptstyle", "scriptscriptstyle",
        "limits", "nolimits", "nonumber", "notag", "left.", "right.", "allowbreak", "nobreak", "relax",
        "mathstrut", "strut", "space", "hfill", "quad@", "middle",
    ];

    private bool TryConsumeSymbol(string text)
    {
        if (!Peek().IsSymbol(text)) return false;
        Next();
        return true;
    }

    private bool TryConsumeCommand(string name)
    {
        if (!Peek().IsCommand(name)) return false;
        Next();
        return true;
    }

    private Token ExpectSymbol(string text, string what)
    {
        var t = Peek();
        if (!t.IsSymbol(text)) throw Error(t, $"Expected '{text}' {what}, but found {LatexLexer.Describe(t)}.");
        return Next();
    }

    // ---- errors ------------------------------------------------------------------------------

    private static ParseException Error(Token at, string message) => new(at.Position, Math.Max(1, at.Length), message);

    private ParseException Unexpected(Token t) => t.Kind switch
    {
        TokenKind.End => Error(t, "The answer ends too early: something is missing at the end."),
        TokenKind.Symbol when t.Text is ")" or "]" => Error(t, $"There is no opening bracket for this '{t.Text}'."),
        TokenKind.Symbol when t.Text == "}" => Error(t, "There is no '{' for this '}' to close."),
        TokenKind.Command when t.Text == "right" => Error(t, "This \\right has no matching \\left."),
        TokenKind.Command when t.Text == "end" => Error(t, "This \\end has no matching \\begin."),
        _ => Error(t, $"I did not expect {LatexLexer.Describe(t)} here."),
    };

    private void Enter(Token at)
    {
        if (++_depth > MaxDepth)
            throw Error(at, $"The expression is nested too deeply (more than {MaxDepth} levels); simplify it before submitting.");
        StackGuard.Check(_depth);
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

    private T InGroup<T>(Func<T> parse)
    {
        _groupDepth++;
        var savedAbs = _absDepth;
        _absDepth = 0;
        try
        {
            return parse();
        }
        finally
        {
            _groupDepth--;
            _absDepth = savedAbs;
        }
    }
}
