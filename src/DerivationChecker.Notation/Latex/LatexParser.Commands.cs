using System.Collections.Immutable;
using System.Text;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Notation.Latex;

public sealed partial class LatexParser
{
    private static readonly HashSet<string> GreekLetters =
    [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi",
        "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Upsilon", "Phi", "Psi", "Omega", "ell",
    ];

    private static readonly Dictionary<string, string> Accents = new()
    {
        ["hat"] = "hat", ["widehat"] = "hat", ["bar"] = "bar", ["overline"] = "bar", ["tilde"] = "tilde",
        ["widetilde"] = "tilde", ["dot"] = "dot", ["ddot"] = "ddot", ["check"] = "check", ["breve"] = "breve",
        ["acute"] = "acute", ["grave"] = "grave", ["underline"] = "underline",
    };

    private Expr ParseCommand()
    {
        var t = Peek();
        var name = t.Text;
        if (GreekLetters.Contains(name))
        {
            Next();
            var canonical = name switch
            {
                "varepsilon" => "\\epsilon",
                "vartheta" => "\\theta",
                "varphi" => "\\phi",
                "varrho" => "\\rho",
                "varsigma" => "\\sigma",
                "Sigma" when Peek().IsSymbol("_") || Peek().IsSymbol("^") => null,
                _ => "\\" + name,
            };
            if (canonical is null) return ParseBigOperator(t, BigOperatorKind.Sum);
            return ParseNameWithScripts(canonical, t);
        }
        if (FunctionCommands.TryGetValue(name, out var function))
        {
            Next();
            return ApplyFunction(function, t);
        }
        switch (name)
        {
            case "frac" or "dfrac" or "tfrac" or "cfrac":
                Next();
                return ParseFraction(t);
            case "sqrt":
                Next();
                return ParseSquareRoot(t);
            case "left":
                Next();
                return ParseLeftRight(t);
            case "sum":
                Next();
                return ParseBigOperator(t, BigOperatorKind.Sum);
            case "prod":
                Next();
                return ParseBigOperator(t, BigOperatorKind.Product);
            case "max" or "min":
                Next();
                return ParseMaxLike(name == "max" ? BigOperatorKind.Max : BigOperatorKind.Min, name == "max" ? Function.Max : Function.Min, t);
            case "argmax" or "argmin":
                Next();
                return ParseMaxLike(name == "argmax" ? BigOperatorKind.ArgMax : BigOperatorKind.ArgMin, Function.Opaque(name), t);
            case "arg":
                {
                    Next();
                    var next = Peek();
                    if (next.IsCommand("max") || next.IsCommand("min"))
                    {
                        Next();
                        return ParseMaxLike(next.Text == "max" ? BigOperatorKind.ArgMax : BigOperatorKind.ArgMin, Function.Opaque("arg" + next.Text), t);
                    }
                    throw Error(t, "\\arg must be followed by \\max or \\min.");
                }
            case "lim":
                Next();
                return ParseLimit(t);
            case "nabla":
                Next();
                return ParseNabla(t);
            case "partial":
                throw Error(t, "Write a partial derivative as \\frac{\\partial f}{\\partial x}.");
            case "infty":
                Next();
                return Constant.Infinity;
            case "pi":
                Next();
                return _table.IsDeclared("\\pi") ? ParseNameWithScripts("\\pi", t) : Constant.Pi;
            case "dots" or "ldots" or "cdots" or "vdots" or "ddots" or "dotsc" or "dotsb" or "dotsm":
                Next();
                return EllipsisNode.Instance;
            case "begin":
                return ParseEnvironment();
            case "|" or "lVert":
                Next();
                return ParseNorm(t);
            case "lvert":
                Next();
                return ParseAbsoluteUntil(t, "rvert");
            case "{" or "lbrace":
                {
                    Next();
                    var items = InGroup(() => ParseCommaList(x => x.IsCommand("}") || x.IsCommand("rbrace")));
                    var close = Peek();
                    if (!(close.IsCommand("}") || close.IsCommand("rbrace"))) throw Error(t, $"The '\\{{' at column {t.Position + 1} is never closed: add '\\}}'.");
                    Next();
                    return items.Length == 1 ? items[0] : new TupleExpr(items, TupleStyle.Braces);
                }
            case "mathbf" or "boldsymbol" or "bm" or "mathbfit" or "vec" or "mathbold" or "pmb" or "symbf" or "textbf" or "mathit":
                Next();
                return OnesAhead() ? ParseOnes(t) : ParseFontName(t, decorate: null);
            case "mathcal" or "mathscr" or "mathfrak" or "cal":
                Next();
                return ParseFontName(t, decorate: name == "cal" ? "mathcal" : name);
            case "mathbb" or "mathds" or "mathbbm" or "Bbb":
                Next();
                return OnesAhead() ? ParseOnes(t) : ParseBlackboard(t);
            case "R" when !_table.IsDeclared("\\R"):
                // \R is the usual macro for \mathbb{R}.
                Next();
                return ParseNameWithScripts("\\mathbb{R}", t);
            case "mathrm" or "operatorname" or "mathsf" or "mathtt" or "textrm" or "textsf" or "texttt" or "rm":
                Next();
                return ParseUprightWord(t);
            case "boxed" or "fbox" or "cancel" or "bcancel" or "xcancel" or "mathring" or "text":
                {
                    Next();
                    return ParseBraceArgument(t);
                }
            case "textcolor" or "colorbox":
                {
                    Next();
                    Next(); // colour
                    SkipBraceContent();
                    return ParseBraceArgument(t);
                }
            case "underbrace" or "overbrace":
                {
                    Next();
                    var inner = ParseBraceArgument(t);
                    if (Peek().IsSymbol("_") || Peek().IsSymbol("^"))
                    {
                        var s = Next();
                        ReadScript(s);
                    }
                    return inner;
                }
            case "underset" or "overset" or "stackrel":
                {
                    Next();
                    SkipBraceArgument(t);
                    return ParseBraceArgument(t);
                }
            case "Pr":
                Next();
                return ApplyFunction(Function.Opaque("P"), t);
            case "E":
                Next();
                return ParseExpectationArgument(t);
            case "Var" or "var" or "Cov":
                Next();
                return ParseOperatorArgument(t, arg => new Variance(arg));
            case "diag":
                Next();
                return ParseOperatorArgument(t, arg => new Diag(arg));
            case "tr" or "Tr" or "trace":
                Next();
                return ParseOperatorArgument(t, arg => new Trace(arg));
            case "softmax":
                Next();
                return ParseOperatorArgument(t, arg => new Softmax(arg));
            case "det":
                throw Error(t, "Determinants are not supported.");
            case "newcommand" or "renewcommand" or "def" or "let" or "DeclareMathOperator" or "input" or "include" or "usepackage":
                throw Error(t, $"Macro definitions and file commands (\\{name}) are not allowed in an answer; write the mathematics out.");
        }
        if (Accents.TryGetValue(name, out var accent))
        {
            Next();
            return ParseDecorated(t, accent);
        }
        // A size followed by a bracket is skipped as layout (SkipNoise); one met here has none.
        if (IsBigDelimiter(name)) throw Error(t, $"\\{name} must be followed by a bracket, as in \\bigl( … \\bigr).");
        if (_table.IsDeclared("\\" + name))
        {
            Next();
            return ParseNameWithScripts("\\" + name, t);
        }
        if (Peek().Kind == TokenKind.Command && name.Length > 0 && char.IsLetter(name[0]))
        {
            Next();
            if (Peek().IsSymbol("{"))
                throw Error(t, $"I do not know the command \\{name}. If it is a variable, write it as a letter; if it is a function, use \\operatorname{{{name}}}.");
            _warnings.Add($"Unknown command \\{name} at column {t.Position + 1} was read as a variable name.");
            return ParseNameWithScripts("\\" + name, t);
        }
        throw Unexpected(t);
    }

    private Expr ParseAbsoluteUntil(Token open, string closer)
    {
        var inner = InGroupKeepingAbs(() => ParseChain());
        var close = Peek();
        if (!close.IsCommand(closer))
            throw Error(open, $"The absolute value opened at column {open.Position + 1} is never closed.");
        Next();
        return new Apply(Function.Abs, inner);
    }

    /// <summary>{…} as an argument of a command (or a single token).</summary>
    private Expr ParseBraceArgument(Token at)
    {
        if (Peek().IsSymbol("{")) return ParseBraceGroup();
        if (Peek().Kind == TokenKind.End) throw Error(at, $"\\{at.Text} needs an argument.");
        return ParseFactor();
    }

    private void SkipBraceArgument(Token at)
    {
        if (!Peek().IsSymbol("{")) throw Error(at, $"\\{at.Text} needs its arguments in braces.");
        SkipBraceContent();
    }

    /// <summary>Skips a {…} group whose content is not mathematics (a colour name).</summary>
    private void SkipBraceContent()
    {
        if (!Peek().IsSymbol("{")) return;
        _pos = SkipBraceGroup(SkipNoise(_pos));
    }

    /// <summary>\hat{y}, \bar x, \tilde{W}: a decorated name. \hat{y_t} is the same as \hat{y}_t.</summary>
    private Expr ParseDecorated(Token at, string accent)
    {
        var (inner, subscriptTokens) = ReadDecoratedBase(at);
        var name = $"\\{accent}{{{inner}}}";
        if (subscriptTokens)
        {
            // \hat{y_t}: the subscript was inside the braces; it was pushed back to read as \hat{y}_t.
        }
        return ParseNameWithScripts(name, at);
    }

    /// <summary>
    /// Reads the base of a decoration: one letter, a Greek letter, or a braced name. A subscript written
    /// inside the braces is re-read outside, so both spellings give one name.
    /// </summary>
    private (string Name, bool MovedSubscript) ReadDecoratedBase(Token at)
    {
        var t = Peek();
        if (t.Kind == TokenKind.Letter)
        {
            Next();
            return (t.Text, false);
        }
        if (t.Kind == TokenKind.Command && GreekLetters.Contains(t.Text))
        {
            Next();
            return ("\\" + NormalizeGreek(t.Text), false);
        }
        if (!t.IsSymbol("{")) throw Error(at, $"\\{at.Text} must be followed by a letter or a name in braces.");
        var open = Next();
        var sb = new StringBuilder();
        var first = Peek();
        if (first.Kind == TokenKind.Letter)
        {
            Next();
            sb.Append(first.Text);
        }
        else if (first.Kind == TokenKind.Command && GreekLetters.Contains(first.Text))
        {
            Next();
            sb.Append('\\').Append(NormalizeGreek(first.Text));
        }
        else if (first.Kind == TokenKind.Command && first.Text is "mathbf" or "boldsymbol" or "bm" or "mathrm" && PeekAt(1).IsSymbol("{"))
        {
            Next();
            Next();
            while (Peek().Kind == TokenKind.Letter) sb.Append(Next().Text);
            ExpectSymbol("}", "to close the name");
        }
        else if (first.Kind == TokenKind.Command && first.Text is "theta" or "mu")
        {
            Next();
            sb.Append('\\').Append(first.Text);
        }
        else
        {
            throw Error(first, $"\\{at.Text} must decorate a single name, such as \\{at.Text}{{y}}.");
        }
        // Letters after the first join it only when they form a declared multi-letter name.
        if (Peek().IsSymbol("}"))
        {
            Next();
            return (sb.ToString(), false);
        }
        if (Peek().IsSymbol("_") || Peek().IsSymbol("^") || Peek().IsSymbol("'"))
        {
            // Move the inner scripts outside: drop the closing brace from the stream.
            var closeIndex = FindMatchingBrace(open);
            if (closeIndex < 0) throw Error(open, "This '{' is never closed.");
            _tokens.RemoveAt(closeIndex);
            return (sb.ToString(), true);
        }
        throw Error(Peek(), $"\\{at.Text} must decorate a single name, such as \\{at.Text}{{y}}.");
    }

    /// <summary>Token index of the '}' matching an already consumed '{' (scanning from the cursor).</summary>
    private int FindMatchingBrace(Token open)
    {
        _ = open;
        var depth = 1;
        for (var i = _pos; _tokens[i].Kind != TokenKind.End; i++)
        {
            if (_tokens[i].IsSymbol("{")) depth++;
            else if (_tokens[i].IsSymbol("}") && --depth == 0) return i;
        }
        return -1;
    }

    private static string NormalizeGreek(string name) => name switch
    {
        "varepsilon" => "epsilon",
        "vartheta" => "theta",
        "varphi" => "phi",
        "varrho" => "rho",
        "varsigma" => "sigma",
        _ => name,
    };

    /// <summary>\mathbf{x} is x (bold marks a vector, not a different name); \mathcal{L} is its own name.</summary>
    private Expr ParseFontName(Token at, string? decorate)
    {
        var (inner, _) = ReadDecoratedBase(at);
        var name = decorate is null ? inner : $"\\{decorate}{{{inner}}}";
        if (decorate is null && inner.Length == 1 && inner == "e" && !_table.IsDeclared("e")) return Constant.E;
        return ParseNameWithScripts(name, at);
    }

    /// <summary>{1} or 1 after a bold or blackboard font command: the all-ones vector 𝟏.</summary>
    private bool OnesAhead() =>
        (Peek().IsSymbol("{") && PeekAt(1).Is(TokenKind.Number, "1") && PeekAt(2).IsSymbol("}")) || Peek().Is(TokenKind.Number, "1");

    /// <summary>
    /// \mathbf{1}, \mathbb{1}, \boldsymbol{1}: the all-ones vector. \mathbf{1}_n gives its length; otherwise
    /// the length is found from what it multiplies once the whole formula is read (<see cref="OnesVectors"/>).
    /// </summary>
    private Expr ParseOnes(Token at)
    {
        if (Next().IsSymbol("{"))
        {
            Next();
            Next();
        }
        if (!Peek().IsSymbol("_"))
        {
            _onesWithoutLength ??= at;
            return OnesVector.OfUnknownLength;
        }
        var underscore = Next();
        var script = ReadScript(underscore);
        return new OnesVector(ScriptValue(script));
    }

    /// <summary>\mathbb{R} is the name of a set; \mathbb{E}[X] is an expectation.</summary>
    private Expr ParseBlackboard(Token at)
    {
        var (inner, _) = ReadDecoratedBase(at);
        if (inner == "E") return ParseExpectationArgument(at);
        return ParseNameWithScripts($"\\mathbb{{{inner}}}", at);
    }

    /// <summary>
    /// \mathrm{…}, \operatorname{…}: a known operator (Var, diag, softmax, ReLU, argmax), e (Euler's
    /// number), or a multi-letter name (\mathrm{lr} is the symbol lr).
    /// </summary>
    private Expr ParseUprightWord(Token at)
    {
        if (Peek().IsSymbol("*")) Next();
        string word;
        if (Peek().IsSymbol("{"))
        {
            var open = Next();
            var sb = new StringBuilder();
            while (!Peek().IsSymbol("}"))
            {
                var t = Next();
                if (t.Kind == TokenKind.End) throw Error(open, "This '{' is never closed.");
                if (t.Kind == TokenKind.Command && t.Text is "," or ";" or "!" or " ") continue;
                if (t.Kind == TokenKind.Command) sb.Append('\\');
                sb.Append(t.Text);
            }
            Next();
            word = sb.ToString();
        }
        else
        {
            var t = Next();
            if (t.Kind is not (TokenKind.Letter or TokenKind.Number)) throw Error(at, $"\\{at.Text} needs a word in braces.");
            word = t.Text;
        }
        if (word.Length == 0) throw Error(at, $"\\{at.Text}{{}} is empty.");
        var compact = Compact(word);
        if (compact == "e" && !_table.IsDeclared("e")) return Constant.E;
        if (compact == "E") return ParseExpectationArgument(at);
        if (KnownWord(compact, at) is { } known) return known;
        if (compact.Length == 1) return ParseNameWithScripts(compact, at);
        if (_table.Lookup(compact) is FunctionKind || IsApplicationAhead(afterPrimes: true) && !_table.IsDeclared(compact))
            return ApplyFunction(Function.Opaque(compact), at);
        return ParseNameWithScripts(compact, at);
    }

    // ---- fractions, roots, derivatives ------------------------------------------------------

    /// <summary>\frac{a}{b}, or a derivative \frac{\partial f}{\partial x}, \frac{d}{dx}(…), \frac{dJ}{dW}.</summary>
    private Expr ParseFraction(Token at)
    {
        if (LooksLikeDerivative()) return ParseDerivativeFraction(at);
        var numerator = ReadFractionPart(at, "numerator");
        var denominator = ReadFractionPart(at, "denominator");
        return new Divide(numerator, denominator);
    }

    private Expr ReadFractionPart(Token at, string part)
    {
        var t = Peek();
        if (t.IsSymbol("{"))
        {
            var open = Next();
            if (Peek().IsSymbol("}")) throw Error(Peek(), $"The {part} of this fraction is empty.");
            if (Peek().Kind == TokenKind.End) throw Error(open, $"The {part} of the fraction at column {at.Position + 1} is not closed: write it and add '}}'.");
            var inner = InGroup(() => ParseStatements(x => x.IsSymbol("}")));
            var close = Peek();
            if (!close.IsSymbol("}"))
                throw Error(close.Kind == TokenKind.End ? open : close, $"The {part} of the fraction at column {at.Position + 1} is not closed: add '}}'.");
            Next();
            return inner;
        }
        if (t.Kind == TokenKind.End || IsAnyClosing(t))
            throw Error(t.Kind == TokenKind.End ? at : t, $"The fraction at column {at.Position + 1} needs a {part} in braces, as in \\frac{{a}}{{b}}.");
        // \frac12 and \frac ab: a single token.
        var script = ReadSingleTokenScript(at, t);
        return ScriptValue(script);
    }

    /// <summary>Both parts start with ∂ (or d followed by a name): this fraction is a derivative.</summary>
    private bool LooksLikeDerivative()
    {
        var i = SkipNoise(_pos);
        if (!_tokens[i].IsSymbol("{")) return false;
        var numStart = SkipNoise(i + 1);
        var numEnd = SkipBraceGroup(i) - 1;
        if (numEnd <= numStart || !StartsDifferential(numStart, numEnd, numeratorSide: true)) return false;
        var denOpen = SkipNoise(numEnd + 1);
        if (!_tokens[denOpen].IsSymbol("{")) return false;
        var denStart = SkipNoise(denOpen + 1);
        var denEnd = SkipBraceGroup(denOpen) - 1;
        return denEnd > denStart && StartsDifferential(denStart, denEnd, numeratorSide: false);
    }

    private bool StartsDifferential(int i, int end, bool numeratorSide)
    {
        var t = _tokens[i];
        if (t.IsCommand("partial")) return true;
        var isD = t.Is(TokenKind.Letter, "d") || (t.Kind == TokenKind.Text && t.Text == "d")
            || (t.Kind == TokenKind.Command && t.Text is "mathrm" or "operatorname" && _tokens[SkipNoise(i + 1)].IsSymbol("{") && _tokens[SkipNoise(i + 2)].Is(TokenKind.Letter, "d") && _tokens[SkipNoise(i + 3)].IsSymbol("}"));
        if (!isD) return false;
        var after = t.Kind == TokenKind.Command ? SkipNoise(i + 4) : SkipNoise(i + 1);
        if (after >= end) return numeratorSide;
        var next = _tokens[after];
        if (next.IsSymbol("^")) return true;
        return next.Kind is TokenKind.Letter || (next.Kind == TokenKind.Command && (GreekLetters.Contains(next.Text) || Accents.ContainsKey(next.Text) || next.Text is "mathbf" or "boldsymbol" or "bm" or "mathcal" or "vec" or "left"))
            || (numeratorSide && next.IsSymbol("("));
    }

    private void ConsumeDifferential()
    {
        var t = Next();
        if (t.Kind == TokenKind.Command && t.Text is "mathrm" or "operatorname")
        {
            Next();
            Next();
            Next();
        }
    }

    private Expr ParseDerivativeFraction(Token at)
    {
        var open = Next(); // {
        var style = Peek().IsCommand("partial") ? DerivativeStyle.Partial : DerivativeStyle.Total;
        ConsumeDifferential();
        var order = 1;
        if (Peek().IsSymbol("^"))
        {
            var caret = Next();
            if (ScriptValue(ReadScript(caret)) is Number { Value: var n } && n.TryGetInt64(out var k) && k is >= 1 and <= 4) order = (int)k;
            else throw Error(caret, "The order of a derivative must be a whole number from 1 to 4.");
        }
        Expr? body = null;
        if (!Peek().IsSymbol("}"))
        {
            body = InGroup(() => ParseStatements(x => x.IsSymbol("}")));
        }
        ExpectSymbol("}", $"to close the numerator opened at column {open.Position + 1}");
        var denOpen = ExpectSymbol("{", "for the denominator of the derivative");
        var variables = ImmutableArray.CreateBuilder<Expr>();
        while (!Peek().IsSymbol("}"))
        {
            var d = Peek();
            if (d.Kind == TokenKind.End) throw Error(denOpen, "The denominator of this derivative is never closed.");
            if (!(d.IsCommand("partial") || d.Is(TokenKind.Letter, "d") || (d.Kind == TokenKind.Text && d.Text == "d") || d.IsCommand("mathrm") || d.IsCommand("operatorname")))
                throw Error(d, "Each variable in the denominator of a derivative needs its own ∂ (or d), as in \\partial x \\partial y.");
            ConsumeDifferential();
            var variable = InGroup(() => ParseFactor());
            var times = 1;
            if (variable is Power { Exponent: Number { Value: var p } } pw && p.TryGetInt64(out var pk) && pk is >= 2 and <= 4)
            {
                variable = pw.Base;
                times = (int)pk;
            }
            for (var k = 0; k < times; k++) variables.Add(variable);
        }
        Next();
        if (variables.Count == 0) throw Error(denOpen, "The derivative has no variable.");
        if (variables.Count != order && !(order == 1 && variables.Count == 1))
        {
            if (variables.Count < order)
            {
                var last = variables[^1];
                while (variables.Count < order) variables.Add(last);
            }
        }
        if (body is null)
        {
            // \frac{d}{dx} f: the operator applies to the rest of the product.
            if (!StartsFactor(Peek()) && !Peek().IsSymbol("-"))
                throw Error(Peek().Kind == TokenKind.End ? at : Peek(), "This derivative needs something to differentiate after it.");
            body = ParseProductAllowingSign();
        }
        var derivative = new Derivative(body, variables.ToImmutable(), style);
        if (body is Symbol s && NamedFunction(s.Name) is not null) _functionDerivatives.Add((derivative, at));
        return derivative;
    }

    /// <summary>The function a name stands for by declaration (σ: sigmoid, f: fn); an undeclared σ may be a number.</summary>
    private Function? NamedFunction(string name) =>
        _table.FunctionAlias(name) is { } alias ? (IsSoftmax(alias) ? null : alias)
        : _table.Lookup(name) is FunctionKind ? Function.Opaque(name) : null;

    private Expr ParseSquareRoot(Token at)
    {
        Expr index = Number.Two;
        if (Peek().IsSymbol("["))
        {
            var open = Next();
            index = InGroup(() => ParseExpression());
            ExpectSymbol("]", $"to close the root index opened at column {open.Position + 1}");
        }
        var t = Peek();
        if (t.Kind == TokenKind.End || IsAnyClosing(t)) throw Error(at, "\\sqrt needs something under it, as in \\sqrt{x}.");
        var radicand = t.IsSymbol("{") ? ParseBraceGroup() : ParseFactor();
        return new Root(radicand, index);
    }

    /// <summary>
    /// ∇_w L: the gradient of what follows with respect to the subscript variable. A power is the order:
    /// ∇²_θ L (or ∇_θ² L) is the Hessian, the derivative by θ taken twice.
    /// </summary>
    private Expr ParseNabla(Token at)
    {
        Script? subscript = null;
        int? order = null;
        while ((Peek().IsSymbol("_") && subscript is null) || (Peek().IsSymbol("^") && order is null))
        {
            var script = Next();
            if (script.IsSymbol("_"))
            {
                subscript = ReadScript(script);
                continue;
            }
            order = ScriptValue(ReadScript(script)) is Number { Value: var n } && n.TryGetInt64(out var k) && k is >= 1 and <= 4
                ? (int)k
                : throw Error(script, "The power of \\nabla is the order of the derivative, a whole number from 1 to 4: \\nabla^2_\\theta L is the Hessian.");
        }
        if (subscript is null)
        {
            if (!StartsFactor(Peek())) throw Error(at, "\\nabla needs something after it.");
            var operand = ParseProductAllowingSign();
            // ∇L(θ_old): the gradient of the function L at the point θ_old; ∇²L(θ) its Hessian there.
            if (operand is Apply { Function: { Id: FunctionId.Opaque } f, Arguments: [var point] })
                return new Apply(f with { DerivativeOrder = f.DerivativeOrder + (order ?? 1) }, point);
            for (var k = 0; k < (order ?? 1); k++) operand = new Apply(Function.Opaque("\\nabla"), operand);
            return operand;
        }
        var variable = subscript.Label is not null ? _table.Symbol(subscript.Label) : ScriptValue(subscript);
        if (!StartsFactor(Peek())) throw Error(Peek().Kind == TokenKind.End ? at : Peek(), "\\nabla needs something to differentiate after it.");
        var body = ParseProductAllowingSign();
        var gradient = new Derivative(body, [.. Enumerable.Repeat(variable, order ?? 1)], DerivativeStyle.Nabla);
        // ∇_θ L with L declared a function is the gradient of L(θ) (∇²_θ L its Hessian).
        if (body is Symbol s && NamedFunction(s.Name) is not null) _functionDerivatives.Add((gradient, at));
        return gradient;
    }

    // ---- big operators ---------------------------------------------------------------------------

    /// <summary>
    /// \sum_{i=1}^{n} body, \prod_{j=i+1}^{T} body: the bound index is in scope in the body, which is the
    /// rest of the product (\sum_i a_i b_i + c sums a_i b_i only).
    /// </summary>
    private Expr ParseBigOperator(Token at, BigOperatorKind kind)
    {
        Script? sub = null;
        Script? sup = null;
        Token? subToken = null;
        Token? supToken = null;
        for (var k = 0; k < 2; k++)
        {
            if (Peek().IsSymbol("_") && sub is null)
            {
                subToken = Next();
                sub = InScript(() => ReadScript(subToken.Value));
            }
            else if (Peek().IsSymbol("^") && sup is null)
            {
                supToken = Next();
                sup = InScript(() => ReadScript(supToken.Value));
            }
        }
        Symbol index;
        Expr? lower = null;
        Expr? upper = null;
        if (sub is null)
        {
            throw Error(at, kind == BigOperatorKind.Sum
                ? "Say what the sum runs over, as in \\sum_{i=1}^{n}."
                : "Say what the product runs over, as in \\prod_{j=1}^{n}.");
        }
        (index, lower) = BoundIndex(sub, subToken!.Value, kind);
        if (sup is not null)
        {
            upper = ScriptValue(sup);
            // \sum_{t=1}^{t=3}: the upper bound repeats the index.
            if (upper is Relation { Operands: [Symbol s, var value], Operators: [RelationKind.Equal] } && s.Name == index.Name) upper = value;
        }
        var symbol = index;
        var body = WithBound(symbol.Name, symbol, () =>
        {
            var t = Peek();
            if (!StartsFactor(t) && !t.IsSymbol("-"))
                throw Error(t.Kind == TokenKind.End ? at : t, kind == BigOperatorKind.Sum ? "This sum has nothing to add up after it." : "This product has nothing to multiply after it.");
            return ParseProductAllowingSign();
        });
        return new BigOperator(kind, symbol, body, lower, upper);
    }

    /// <summary>The index of a big operator from its subscript: i=1, i, j\neq i, or a bare index with a declared range.</summary>
    private (Symbol Index, Expr? Lower) BoundIndex(Script sub, Token at, BigOperatorKind kind)
    {
        if (sub.Label is not null) throw Error(at, $"The subscript '{sub.Label}' is not an index; write it as i=1.");
        if (sub.Items.Length != 1) throw Error(at, "Write the index of the sum as one variable, as in i=1.");
        var item = sub.Items[0];
        switch (item)
        {
            case Relation { Operands: [var left, var right], Operators: [RelationKind.Equal] }:
                return (BoundSymbol(left, at, kind), right);
            case Relation { Operands: [var left, _], Operators: [RelationKind.In or RelationKind.NotEqual or RelationKind.Less or RelationKind.LessEqual or RelationKind.Tends] }:
                return (BoundSymbol(left, at, kind), null);
            default:
                return (BoundSymbol(item, at, kind), null);
        }
    }

    private Symbol BoundSymbol(Expr written, Token at, BigOperatorKind kind)
    {
        if (written is not Symbol s) throw Error(at, "The index of a sum or product must be a single variable, such as i.");
        var declared = _table.Lookup(s.Name);
        var integer = kind is BigOperatorKind.Sum or BigOperatorKind.Product;
        if (declared is IndexKind) return new Symbol(s.Name, declared);
        return new Symbol(s.Name, integer ? SymbolKind.BoundInteger : declared ?? SymbolKind.Real);
    }

    /// <summary>max/min: \max(0, x) applies the function; \max_t σ'(t) is a maximum over t.</summary>
    private Expr ParseMaxLike(BigOperatorKind kind, Function function, Token at)
    {
        if (Peek().IsSymbol("_"))
        {
            var underscore = Next();
            var sub = InScript(() => ReadScript(underscore));
            var (index, _) = BoundIndex(sub, underscore, kind);
            var body = WithBound(index.Name, index, () =>
            {
                if (!StartsFactor(Peek())) throw Error(at, $"This {kind.ToString().ToLowerInvariant()} needs an expression after it.");
                return ParseProductAllowingSign();
            });
            return new BigOperator(kind, index, body);
        }
        if (kind is BigOperatorKind.ArgMax or BigOperatorKind.ArgMin)
        {
            return ApplyFunction(function, at);
        }
        if (Peek().IsCommand("{") || (Peek().IsCommand("left") && PeekAt(1).IsCommand("{")))
        {
            var set = ParsePrimary();
            var items = set is TupleExpr tuple ? tuple.Items : [set];
            return new Apply(function, items);
        }
        return ApplyFunction(function, at);
    }

    /// <summary>\lim_{x \to a} f.</summary>
    private Expr ParseLimit(Token at)
    {
        if (!Peek().IsSymbol("_")) throw Error(at, "Say where the limit goes, as in \\lim_{x \\to 0}.");
        var underscore = Next();
        var sub = InScript(() => ReadScript(underscore));
        if (sub.Items is not [Relation { Operands: [Symbol s, var target] }])
            throw Error(underscore, "Write the limit's subscript as x \\to a.");
        var index = new Symbol(s.Name, _table.Lookup(s.Name) ?? SymbolKind.Real);
        var body = WithBound(index.Name, index, () => ParseProductAllowingSign());
        return new BigOperator(BigOperatorKind.Limit, index, body, target);
    }
}
