using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Notation.Latex;

public sealed partial class LatexParser
{
    // ---- statements and relations ------------------------------------------------------------

    /// <summary>
    /// Statements separated by commas, \quad, line breaks (\\) and alignment marks (&amp;). A line that
    /// starts with a relation (&amp;= c) continues the chain above it.
    /// </summary>
    private Expr ParseStatements(Func<Token, bool> stop)
    {
        var items = new List<Expr>();
        while (true)
        {
            while (IsStatementSeparator(Peek())) Next();
            var t = Peek();
            if (stop(t) || t.Kind == TokenKind.End) break;
            if (RelationOf(t) is not null)
            {
                // "= x" continues a line written earlier (OCR splits derivations into blocks): "… = x".
                items.Add(ContinueChain(items.Count > 0 ? Pop(items) : EllipsisNode.Instance));
            }
            else
            {
                items.Add(ParseChain());
            }
            var after = Peek();
            if (after.IsSymbol(".") && EndsRow(PeekAt(1)))
            {
                // "L(w) &= … ." closing a formula or an aligned row: the full stop is the sentence's, not the mathematics'.
                Next();
                after = Peek();
            }
            if (stop(after) || after.Kind == TokenKind.End) break;
            if (!IsStatementSeparator(after)) throw Unexpected(after);
        }
        if (items.Count == 0) throw Error(Peek(), "There is nothing to read here.");
        return items.Count == 1 ? items[0] : new TupleExpr([.. items], TupleStyle.Plain);
    }

    private static bool EndsRow(Token t) =>
        t.Kind == TokenKind.End || t.IsCommand("\\") || t.IsCommand("newline") || t.IsCommand("cr") || t.IsCommand("end");

    private static Expr Pop(List<Expr> items)
    {
        var last = items[^1];
        items.RemoveAt(items.Count - 1);
        return last;
    }

    private bool IsStatementSeparator(Token t) =>
        t.IsSymbol(",") || t.IsSymbol("&") || t.IsSymbol(";") || t.IsCommand("\\") || t.IsCommand("newline")
        || (t.Kind == TokenKind.Command && t.Text is "quad" or "qquad" && _groupDepth == 0);

    private Expr ParseChain()
    {
        var first = ParseExpression();
        return RelationOf(Peek()) is null ? first : ContinueChain(first);
    }

    /// <summary>Appends "op operand" pairs to a chain (or starts one from a single operand).</summary>
    private Expr ContinueChain(Expr start)
    {
        var operands = new List<Expr>();
        var operators = new List<RelationKind>();
        if (start is Relation rel)
        {
            operands.AddRange(rel.Operands);
            operators.AddRange(rel.Operators);
        }
        else
        {
            operands.Add(start);
        }
        while (RelationOf(Peek()) is { } kind)
        {
            ConsumeRelation();
            while (Peek().IsSymbol("&")) Next();
            operators.Add(kind);
            _setAfterInAt = kind == RelationKind.In ? SkipNoise(_pos) : -1;
            operands.Add(kind == RelationKind.Distributed ? AsDistribution(ParseExpression()) : ParseExpression());
            _setAfterInAt = -1;
        }
        return new Relation([.. operands], [.. operators]);
    }

    /// <summary>After ∼, N(0, 1) names a distribution with its parameters, not N times a pair.</summary>
    private static Expr AsDistribution(Expr e) =>
        e is Multiply { Factors: [Symbol family, TupleExpr { Style: TupleStyle.Parentheses } parameters] }
            ? new Apply(Function.Opaque(family.Name), parameters.Items)
            : e;

    /// <summary>The relation a token starts, if any (two-token spellings such as := and &lt;= included).</summary>
    private RelationKind? RelationOf(Token t)
    {
        if (t.Kind == TokenKind.Symbol)
        {
            var next = PeekAt(1);
            return t.Text switch
            {
                "=" => RelationKind.Equal,
                "<" when next.IsSymbol("=") => RelationKind.LessEqual,
                ">" when next.IsSymbol("=") => RelationKind.GreaterEqual,
                // In a cases condition '<' always compares (g<-c); elsewhere "<-" written together and followed by a space is the update arrow.
                "<" when IsArrowAhead() && !_inCasesCondition => RelationKind.Assign,
                "<" => RelationKind.Less,
                ">" => RelationKind.Greater,
                ":" when next.IsSymbol("=") => RelationKind.Define,
                "!" when next.IsSymbol("=") => RelationKind.NotEqual,
                "|" when _absDepth == 0 && _groupDepth > 0 && !HasClosingBar() => RelationKind.Given,
                _ => null,
            };
        }
        if (t.Kind != TokenKind.Command) return null;
        return t.Text switch
        {
            "ne" or "neq" => RelationKind.NotEqual,
            "lt" => RelationKind.Less,
            "gt" => RelationKind.Greater,
            "le" or "leq" or "leqslant" or "leqq" => RelationKind.LessEqual,
            "ge" or "geq" or "geqslant" or "geqq" => RelationKind.GreaterEqual,
            "approx" or "simeq" or "cong" => RelationKind.Approx,
            "equiv" => RelationKind.Equal,
            "coloneqq" or "coloneq" or "triangleq" or "doteq" => RelationKind.Define,
            "leftarrow" or "gets" or "longleftarrow" => RelationKind.Assign,
            "to" or "rightarrow" or "longrightarrow" when _scriptDepth > 0 => RelationKind.Tends,
            "to" or "rightarrow" or "Rightarrow" or "implies" or "Longrightarrow" or "longrightarrow" or "mapsto" => RelationKind.Implies,
            "iff" or "Leftrightarrow" or "Longleftrightarrow" or "leftrightarrow" => RelationKind.Iff,
            "in" => RelationKind.In,
            "mid" => RelationKind.Given,
            "sim" => RelationKind.Distributed,
            _ => null,
        };
    }

    private void ConsumeRelation()
    {
        var arrow = IsArrowAhead() && !_inCasesCondition;
        var t = Next();
        if (t.Kind == TokenKind.Symbol && t.Text is "<" or ">" or ":" or "!" && (Peek().IsSymbol("=") || arrow))
            Next();
    }

    /// <summary>
    /// w &lt;- w − a, R's assignment arrow: "&lt;-" written together and followed by a space. Otherwise
    /// g_i &lt; -c and x&lt;-1 compare with a negative number.
    /// </summary>
    private bool IsArrowAhead() =>
        Peek().IsSymbol("<") && PeekAt(1) is { } minus && minus.IsSymbol("-") && !minus.SpaceBefore && PeekAt(2).SpaceBefore;

    /// <summary>True when a '|' later in the current group can close an absolute value opened here.</summary>
    private bool HasClosingBar()
    {
        var depth = 0;
        for (var i = SkipNoise(_pos) + 1; _tokens[i].Kind != TokenKind.End; i++)
        {
            var t = _tokens[i];
            if (t.IsSymbol("(") || t.IsSymbol("[") || t.IsSymbol("{") || t.IsCommand("left")) depth++;
            else if (t.IsSymbol(")") || t.IsSymbol("]") || t.IsSymbol("}") || t.IsCommand("right"))
            {
                if (depth-- == 0) return false;
            }
            else if (t.IsSymbol("|") && depth == 0) return true;
        }
        return false;
    }

    // ---- sums, Hadamard products, products ----------------------------------------------------

    /// <summary>term (± term)*, where subtraction becomes the sum of a negation.</summary>
    private Expr ParseExpression()
    {
        var first = ParseSigned();
        var t = Peek();
        if (!t.IsSymbol("+") && !t.IsSymbol("-") && !t.IsCommand("pm") && !t.IsCommand("mp")) return first;
        var terms = new List<Expr> { first };
        while (true)
        {
            t = Peek();
            if (t.IsSymbol("+"))
            {
                Next();
                terms.Add(ParseSigned());
            }
            else if (t.IsSymbol("-"))
            {
                Next();
                terms.Add(Negated(ParseSigned()));
            }
            else if (t.IsCommand("pm") || t.IsCommand("mp"))
            {
                throw Error(t, "'±' stands for two answers; write each of them separately.");
            }
            else break;
        }
        return new Add([.. terms]);
    }

    /// <summary>−x of a number literal is that negative number; otherwise a negation node.</summary>
    private static Expr Negated(Expr e) => e is Number n ? new Number(-n.Value) : new Negate(e);

    private Expr ParseSigned()
    {
        var t = Peek();
        if (t.IsSymbol("-"))
        {
            Next();
            Enter(t);
            var inner = ParseSigned();
            Leave();
            return Negated(inner);
        }
        if (t.IsSymbol("+"))
        {
            Next();
            return ParseSigned();
        }
        return ParseHadamard();
    }

    /// <summary>product (⊙ product | ⊘ product)*: entrywise operations bind looser than matrix products.</summary>
    private Expr ParseHadamard()
    {
        var left = ParseProduct();
        var nesting = 0;
        while (true)
        {
            var t = Peek();
            if (t.Kind != TokenKind.Command) break;
            if (t.Text is "odot" or "circ" or "otimes" or "bigodot")
            {
                Next();
                var right = ParseProductAllowingSign();
                left = left is HadamardProduct h ? new HadamardProduct(h.Factors.Add(right)) : new HadamardProduct(left, right);
            }
            else if (t.Text is "oslash")
            {
                Next();
                Nest(t, ref nesting);
                left = new HadamardDivide(left, ParseProductAllowingSign());
            }
            else break;
        }
        return left;
    }

    private Expr ParseProductAllowingSign()
    {
        if (Peek().IsSymbol("-"))
        {
            Next();
            return Negated(ParseProductAllowingSign());
        }
        return ParseProduct();
    }

    /// <summary>
    /// factor ((\cdot | \times | * | / | juxtaposition) factor)*. A Σ, ∏ or ∂/∂x met here takes the rest
    /// of the product as its body.
    /// </summary>
    private Expr ParseProduct()
    {
        var factors = new List<Expr> { ParseFactor() };
        var nesting = 0;
        while (true)
        {
            var t = Peek();
            if (IsExplicitTimes(t))
            {
                Next();
                factors.Add(ParseFactorAllowingSign());
            }
            else if (t.IsSymbol("/"))
            {
                Next();
                Nest(t, ref nesting);
                var denominator = ParseFactorAllowingSign();
                var numerator = factors.Count == 1 ? factors[0] : new Multiply([.. factors]);
                factors.Clear();
                factors.Add(new Divide(numerator, denominator));
            }
            else if (StartsFactor(t))
            {
                factors.Add(ParseFactor());
            }
            else break;
        }
        return factors.Count == 1 ? factors[0] : new Multiply([.. factors]);
    }

    /// <summary>
    /// A loop that wraps its result again (a/b/c/…, x^T^T…) nests as deeply as recursion does, so it
    /// counts toward the same limit: a 100 000-deep tree would overflow the stack in any later pass.
    /// </summary>
    private void Nest(Token at, ref int nesting)
    {
        if (++nesting + _depth > MaxDepth)
            throw Error(at, $"The expression is nested too deeply (more than {MaxDepth} levels); simplify it before submitting.");
    }

    private static bool IsExplicitTimes(Token t) =>
        t.IsSymbol("*") || (t.Kind == TokenKind.Command && t.Text is "cdot" or "times" or "ast" or "star" or "cdotp" or "bullet");

    private Expr ParseFactorAllowingSign()
    {
        var t = Peek();
        if (t.IsSymbol("-"))
        {
            Next();
            return Negated(ParseFactorAllowingSign());
        }
        if (t.IsSymbol("+"))
        {
            Next();
            return ParseFactorAllowingSign();
        }
        return ParseFactor();
    }

    /// <summary>Can this token begin a factor in an implicit product (2x, W h_{t-1}, σ(x)(1−σ(x)))?</summary>
    private bool StartsFactor(Token t)
    {
        switch (t.Kind)
        {
            case TokenKind.Number:
            case TokenKind.Letter:
            case TokenKind.Text:
                return true;
            case TokenKind.Symbol:
                return t.Text switch
                {
                    "(" or "[" or "{" => true,
                    "|" => _absDepth == 0 && RelationOf(t) is null,
                    _ => false,
                };
            case TokenKind.Command:
                // Inside |…| or ‖…‖ a bar closes; it cannot open another.
                if (t.Text is "|") return _absDepth == 0;
                if (t.Text is "lVert" or "lvert" or "{") return true;
                if (t.Text is "left") return !PeekAt(1).IsSymbol("|") || _absDepth == 0;
                // A size command left here has no bracket after it: read it, to refuse it where it stands.
                if (IsBigDelimiter(t.Text)) return true;
                return !NonFactorCommands.Contains(t.Text) && RelationOf(t) is null && !IsExplicitTimes(t);
            default:
                return false;
        }
    }

    private static readonly HashSet<string> NonFactorCommands =
    [
        "right", "end", "\\", "newline", "quad", "qquad", "odot", "oslash", "circ", "otimes", "bigodot", "pm", "mp",
        "}", "rVert", "rvert", "rangle", "rfloor", "rceil", "dagger", "top", "prime", "intercal", "over", "choose",
    ];

    private static bool IsBigDelimiter(string command) => command is "big" or "Big" or "bigg" or "Bigg" or "bigl" or "Bigl" or "biggl" or "Biggl"
        or "bigr" or "Bigr" or "biggr" or "Biggr" or "bigm" or "Bigm" or "biggm" or "Biggm";

    /// <summary>A token that can follow \left, \right or \big: a bracket, a bar, or the empty delimiter '.'.</summary>
    private static bool IsDelimiter(Token t) => t.Kind switch
    {
        TokenKind.Symbol => t.Text is "(" or ")" or "[" or "]" or "|" or "/" or ".",
        TokenKind.Command => t.Text is "{" or "}" or "|" or "lbrace" or "rbrace" or "langle" or "rangle" or "lvert" or "rvert" or "lVert" or "rVert"
            or "lfloor" or "rfloor" or "lceil" or "rceil" or "backslash",
        _ => false,
    };

    // ---- scripts ----------------------------------------------------------------------------------

    /// <summary>An atom followed by its powers, transposes, subscripts and primes.</summary>
    private Expr ParseFactor()
    {
        var start = Peek();
        Enter(start);
        var value = ParsePrimary();
        var nesting = 0;
        while (true)
        {
            var t = Peek();
            if (t.IsSymbol("^"))
            {
                Next();
                Nest(t, ref nesting);
                value = ApplySuperscript(value, ReadScript(t));
            }
            else if (t.IsSymbol("_"))
            {
                Next();
                Nest(t, ref nesting);
                var script = ReadScript(t);
                value = new Indexed(value, NameResolver.SplitIndexRuns(ScriptItems(script, t), _table, _bound));
            }
            else if (t.IsSymbol("'"))
            {
                throw Error(t, "A prime after an expression is ambiguous; write the derivative as \\frac{d}{dx}(…).");
            }
            else if (t.IsSymbol("!") && !PeekAt(1).IsSymbol("="))
            {
                throw Error(t, "Factorials (n!) are not supported; write the product out.");
            }
            else break;
        }
        Leave();
        return value;
    }

    /// <summary>Applies ^{…}: a transpose mark, an inverse of a matrix, or a power.</summary>
    private Expr ApplySuperscript(Expr value, Script script)
    {
        switch (script.Mark)
        {
            case ScriptMark.Transpose:
                return new Transpose(value);
            case ScriptMark.LetterT:
                return IsNonScalar(value) || _table.Lookup("T") is null && !_bound.ContainsKey("T") ? new Transpose(value) : new Power(value, ResolveLetter("T", script.Token));
            case ScriptMark.Prime:
                throw Error(script.Token, "A prime after an expression is ambiguous; write the derivative as \\frac{d}{dx}(…).");
            case ScriptMark.Star:
            case ScriptMark.Dagger:
                throw Error(script.Token, "A starred or daggered superscript only makes sense on a name, such as w^{*}.");
        }
        var exponent = ScriptValue(script);
        if (exponent is Number { Value: var v } && v == BigRational.MinusOne && IsNonScalar(value)) return new Inverse(value);
        return new Power(value, exponent);
    }

    /// <summary>True when the expression's shape (from the declared kinds) is a vector or matrix.</summary>
    private static bool IsNonScalar(Expr e)
    {
        var result = ShapeInference.Infer(e);
        // 𝟏 is a vector even before its length is known.
        return result.Ok && (result.Shape is MatrixShape || e is OnesVector);
    }

    private enum ScriptMark
    {
        None,
        Transpose,

        /// <summary>A bare T: a transpose unless T is a declared quantity and the base is a scalar.</summary>
        LetterT,
        Prime,
        Star,
        Dagger,
    }

    /// <summary>
    /// The content of a ^ or _ script. <see cref="Items"/> are comma-separated expressions;
    /// <see cref="Label"/> is a word such as "hh" or "MAP" that belongs to a name; <see cref="Bracket"/>
    /// records a (i) or [l] written as the whole script, and <see cref="Transposed"/> a transpose mark
    /// after it (x^{(i)\top}: the sample, then its transpose).
    /// </summary>
    private sealed record Script(Token Token, ScriptMark Mark, ImmutableArray<Expr> Items, string? Label, IndexPlacement Bracket, bool Transposed = false);

    /// <summary>Reads one script argument: a braced group, or a single token as TeX does (x^12 is x^{1}2).</summary>
    private Script ReadScript(Token at)
    {
        var t = Peek();
        if (t.IsSymbol("{"))
        {
            var open = Next();
            var script = ReadScriptGroup(open);
            ExpectSymbol("}", $"to close the script opened at column {open.Position + 1}");
            return script;
        }
        return ReadSingleTokenScript(at, t);
    }

    private Script ReadSingleTokenScript(Token at, Token t, bool braced = false)
    {
        switch (t.Kind)
        {
            case TokenKind.Number:
                {
                    Next();
                    if (!braced && t.Text.Length > 1 && !t.Text.Contains('.'))
                    {
                        // x^12 is x^{1}·2 in TeX; give the remaining digits back to the stream.
                        _pos--;
                        _tokens[_pos] = t with { Text = t.Text[1..], Position = t.Position + 1, Length = t.Length - 1, SpaceBefore = false };
                        return new Script(t, ScriptMark.None, [new Number(int.Parse(t.Text[..1], System.Globalization.CultureInfo.InvariantCulture))], null, IndexPlacement.Subscript);
                    }
                    BigRational.TryParseDecimal(t.Text, out var value);
                    return new Script(t, ScriptMark.None, [new Number(value)], null, IndexPlacement.Subscript);
                }
            case TokenKind.Letter:
                Next();
                if (t.Text == "T") return new Script(t, ScriptMark.LetterT, [], null, IndexPlacement.Subscript);
                return new Script(t, ScriptMark.None, [ResolveLetter(t.Text, t)], null, IndexPlacement.Subscript);
            case TokenKind.Symbol when t.Text == "*":
                Next();
                return new Script(t, ScriptMark.Star, [], null, IndexPlacement.Subscript);
            case TokenKind.Symbol when t.Text == "'":
                Next();
                return new Script(t, ScriptMark.Prime, [], null, IndexPlacement.Subscript);
            case TokenKind.Symbol when t.Text is "-" or "+":
                {
                    // e^-x (OCR drops braces): a sign and one token.
                    Next();
                    var inner = ReadSingleTokenScript(at, Peek());
                    var value = ScriptValue(inner);
                    return new Script(t, ScriptMark.None, [t.Text == "-" ? Negated(value) : value], null, IndexPlacement.Subscript);
                }
            case TokenKind.Command when t.Text is "top" or "intercal" or "mathsf@T":
                Next();
                return new Script(t, ScriptMark.Transpose, [], null, IndexPlacement.Subscript);
            case TokenKind.Command when t.Text is "prime":
                Next();
                return new Script(t, ScriptMark.Prime, [], null, IndexPlacement.Subscript);
            case TokenKind.Command when t.Text is "ast" or "star":
                Next();
                return new Script(t, ScriptMark.Star, [], null, IndexPlacement.Subscript);
            case TokenKind.Command when t.Text is "dagger":
                Next();
                return new Script(t, ScriptMark.Dagger, [], null, IndexPlacement.Subscript);
            case TokenKind.Command when t.Text is "mathrm" or "mathsf" or "text" or "mathbf" or "operatorname" && PeekAt(1).IsSymbol("{") && PeekAt(2).Is(TokenKind.Letter, "T") && PeekAt(3).IsSymbol("}"):
                Next(); Next(); Next(); Next();
                return new Script(t, ScriptMark.Transpose, [], null, IndexPlacement.Subscript);
            case TokenKind.Text:
                Next();
                if (t.Text == "T") return new Script(t, ScriptMark.Transpose, [], null, IndexPlacement.Subscript);
                return new Script(t, ScriptMark.None, [], Compact(t.Text), IndexPlacement.Subscript);
            case TokenKind.End:
                throw Error(at, $"The '{at.Text}' needs something after it.");
            default:
                {
                    _scriptDepth++;
                    try
                    {
                        var value = ParsePrimary();
                        return new Script(t, ScriptMark.None, [value], null, IndexPlacement.Subscript);
                    }
                    finally
                    {
                        _scriptDepth--;
                    }
                }
        }
    }

    /// <summary>The inside of a braced script: a mark, a label word, a (i)/[l] index, or a list of expressions.</summary>
    private Script ReadScriptGroup(Token open)
    {
        var first = Peek();
        if (first.IsSymbol("}")) throw Error(first, "This script is empty: write something inside the braces.");
        // Marks written inside braces: ^{T}, ^{\top}, ^{\prime}, ^{*}, ^{\mathsf{T}}.
        if (PeekAt(1).IsSymbol("}"))
        {
            var single = ReadSingleTokenScript(open, first, braced: true);
            if (single.Mark != ScriptMark.None || single.Label is not null) return single.Mark == ScriptMark.LetterT ? single with { Mark = ScriptMark.LetterT } : single;
            return single;
        }
        if (first.Kind == TokenKind.Command && first.Text is "mathrm" or "mathsf" or "text" or "operatorname" && PeekAt(1).IsSymbol("{") && PeekAt(2).Is(TokenKind.Letter, "T") && PeekAt(3).IsSymbol("}") && PeekAt(4).IsSymbol("}"))
        {
            Next(); Next(); Next(); Next();
            return new Script(first, ScriptMark.Transpose, [], null, IndexPlacement.Subscript);
        }
        if (first.IsSymbol("\'") || first.IsCommand("prime"))
        {
            var primes = 0;
            while (Peek().IsSymbol("'") || Peek().IsCommand("prime")) { Next(); primes++; }
            if (Peek().IsSymbol("}")) return new Script(first, ScriptMark.Prime, [], new string('\'', primes), IndexPlacement.Subscript);
        }
        if (TryReadLabel(out var label)) return new Script(first, ScriptMark.None, [], label, IndexPlacement.Subscript);

        // (i) or [l] filling the whole script, or followed by a transpose mark: x^{(i)\top}.
        if ((first.IsSymbol("(") || first.IsSymbol("[")) && ClosesScriptRightAfterMatch())
        {
            var placement = first.IsSymbol("(") ? IndexPlacement.ParenSuperscript : IndexPlacement.BracketSuperscript;
            Next();
            var inner = InScript(() => InGroup(() => ParseExpression()));
            ExpectSymbol(first.IsSymbol("(") ? ")" : "]", "to close the index");
            var markEnd = TransposeMarkEnd(SkipNoise(_pos));
            if (markEnd > 0) _pos = markEnd;
            return new Script(first, ScriptMark.None, [inner], null, placement, Transposed: markEnd > 0);
        }
        var items = InScript(() => InGroup(() => ParseScriptItems()));
        return new Script(first, ScriptMark.None, items, null, IndexPlacement.Subscript);
    }

    private T InScript<T>(Func<T> parse)
    {
        _scriptDepth++;
        try
        {
            return parse();
        }
        finally
        {
            _scriptDepth--;
        }
    }

    private ImmutableArray<Expr> ParseScriptItems()
    {
        var items = ImmutableArray.CreateBuilder<Expr>();
        items.Add(ParseChain());
        while (Peek().IsSymbol(","))
        {
            Next();
            items.Add(ParseChain());
        }
        return items.ToImmutable();
    }

    /// <summary>True when the bracket at the cursor closes right before the script's closing brace (or a transpose mark and the brace).</summary>
    private bool ClosesScriptRightAfterMatch()
    {
        var i = SkipNoise(_pos);
        var open = _tokens[i].Text;
        var close = open == "(" ? ")" : "]";
        var depth = 0;
        for (; _tokens[i].Kind != TokenKind.End; i++)
        {
            if (_tokens[i].IsSymbol(open)) depth++;
            else if (_tokens[i].IsSymbol(close) && --depth == 0) return EndsBracketedScript(SkipNoise(i + 1));
            else if (_tokens[i].IsSymbol("}")) return false;
        }
        return false;
    }

    /// <summary>After the (i) of a script: its closing brace, or a transpose mark and then the brace (x^{(i)\top}).</summary>
    private bool EndsBracketedScript(int i)
    {
        if (_tokens[i].IsSymbol("}")) return true;
        var markEnd = TransposeMarkEnd(i);
        return markEnd > 0 && _tokens[SkipNoise(markEnd)].IsSymbol("}");
    }

    /// <summary>
    /// Where a transpose mark starting at token <paramref name="i"/> ends (\top, \intercal, T, \mathsf{T},
    /// \text{T}), or −1. After a bracketed index T can only be a transpose: an index has no power.
    /// </summary>
    private int TransposeMarkEnd(int i)
    {
        var t = _tokens[i];
        if (t.IsCommand("top") || t.IsCommand("intercal") || t.Is(TokenKind.Letter, "T") || (t.Kind == TokenKind.Text && t.Text == "T")) return i + 1;
        if (t.Kind == TokenKind.Command && t.Text is "mathrm" or "mathsf" or "operatorname" or "mathbf")
        {
            var open = SkipNoise(i + 1);
            var letter = SkipNoise(open + 1);
            var close = SkipNoise(letter + 1);
            if (_tokens[open].IsSymbol("{") && _tokens[letter].Is(TokenKind.Letter, "T") && _tokens[close].IsSymbol("}")) return close + 1;
        }
        return -1;
    }

    /// <summary>
    /// A script made only of adjacent letters (hh, yh, MAP, \text{old}) is a label that belongs to a
    /// name, unless a letter is an index currently bound or declared: w_{kj} inside Σ_j is w indexed
    /// by k and j (see <see cref="NameResolver.SplitIndexRuns"/>).
    /// </summary>
    private bool TryReadLabel(out string label)
    {
        label = "";
        var i = SkipNoise(_pos);
        var start = i;
        var letters = new List<string>();
        while (_tokens[i].Kind == TokenKind.Letter && (letters.Count == 0 || !_tokens[i].SpaceBefore))
        {
            letters.Add(_tokens[i].Text);
            i++;
        }
        if (_tokens[i].Kind == TokenKind.Text && letters.Count == 0)
        {
            label = Compact(_tokens[i].Text);
            if (!_tokens[SkipNoise(i + 1)].IsSymbol("}")) return false;
            _pos = i + 1;
            return label.Length > 0;
        }
        if (letters.Count < 2 || !_tokens[SkipNoise(i)].IsSymbol("}")) return false;
        if (letters.Any(IsIndexName)) return false;
        _pos = i;
        label = string.Concat(letters);
        _ = start;
        return true;
    }

    private bool IsIndexName(string name) =>
        _bound.ContainsKey(name) || _table.Lookup(name) is Core.Symbols.IndexKind;

    private static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>The script as a single value (an exponent).</summary>
    private Expr ScriptValue(Script script)
    {
        RefuseTransposedIndex(script);
        if (script.Mark == ScriptMark.LetterT) return ResolveLetter("T", script.Token);
        if (script.Label is not null) return new Symbol(script.Label);
        if (script.Items.Length == 1)
        {
            var item = script.Items[0];
            return script.Bracket == IndexPlacement.Subscript ? item : item;
        }
        if (script.Items.Length == 0) throw Error(script.Token, "This script is empty.");
        throw Error(script.Token, "An exponent cannot be a list; remove the comma.");
    }

    /// <summary>^{(i)\top} on anything but a name (a bracket, a function, a subscript) has no reading.</summary>
    private void RefuseTransposedIndex(Script script)
    {
        if (script.Transposed)
            throw Error(script.Token, "A sample index with a transpose, ^{(i)\\top}, only makes sense on a name, such as x^{(i)\\top}.");
    }

    /// <summary>The script as a list of indices.</summary>
    private ImmutableArray<Expr> ScriptItems(Script script, Token at)
    {
        RefuseTransposedIndex(script);
        if (script.Mark == ScriptMark.LetterT) return [ResolveLetter("T", script.Token)];
        if (script.Label is not null) return [new Symbol(script.Label)];
        if (script.Items.IsEmpty) throw Error(at, "This subscript is empty.");
        return script.Items;
    }
}
