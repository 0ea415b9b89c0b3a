using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Notation.Latex;

public sealed partial class LatexParser
{
    /// <summary>
    /// Letters: a run of adjacent letters that spells a declared name or a known word (exp, ReLU, Var,
    /// softmax, undefined) is read as that; otherwise each letter is its own factor (ab is a·b).
    /// </summary>
    private Expr ParseLetters()
    {
        var first = Peek();
        var firstAt = SkipNoise(_pos);
        var i = firstAt;
        var run = new List<Token>();
        while (_tokens[i].Kind == TokenKind.Letter && (run.Count == 0 || !_tokens[i].SpaceBefore))
        {
            run.Add(_tokens[i]);
            i++;
        }
        if (run.Count > 1)
        {
            var word = string.Concat(run.Select(r => r.Text));
            if (_table.IsDeclared(word) || _bound.ContainsKey(word))
            {
                _pos = i;
                return ParseNameWithScripts(word, first, consumed: true);
            }
            if (IsKnownWord(word))
            {
                _pos = i;
                return KnownWord(word, first)!;
            }
        }
        Next();
        var letter = first.Text;
        if (letter == "e" && !_table.IsDeclared("e") && !_bound.ContainsKey("e") && !Peek().IsSymbol("_")) return Constant.E;
        // h ∈ R^3: a bare R raised to a power right after \in is the space ℝ³, as \mathbb{R}^3 is.
        if (letter == "R" && firstAt == _setAfterInAt && Peek().IsSymbol("^") && !_table.IsDeclared("R") && !_bound.ContainsKey("R"))
            return ParseNameWithScripts("\\mathbb{R}", first);
        if (letter == "E" && !_table.IsDeclared("E") && (Peek().IsSymbol("[") || (Peek().IsCommand("left") && PeekAt(1).IsSymbol("["))))
            return ParseExpectationArgument(first);
        return ParseNameWithScripts(letter, first, consumed: true);
    }

    private static readonly HashSet<string> Words =
    [
        "exp", "log", "ln", "lg", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan", "sinh", "cosh",
        "tanh", "sigmoid", "softmax", "Softmax", "relu", "ReLU", "Relu", "max", "min", "argmax", "argmin", "diag", "tr", "Tr",
        "trace", "Var", "var", "Cov", "sign", "sgn", "undefined", "otherwise", "sqrt", "abs", "step", "det",
    ];

    /// <summary>A word this reader reads as a function or operator rather than letter by letter.</summary>
    internal static bool IsKnownWord(string word) => Words.Contains(word);

    /// <summary>A word that names a function or operator, applied to what follows; null if the word is unknown.</summary>
    private Expr? KnownWord(string word, Token at)
    {
        switch (word)
        {
            case "undefined" or "Undefined" or "undef" or "nan" or "NaN":
                return Constant.Undefined;
            case "otherwise" or "else" or "o.w.":
                return Piecewise.Otherwise;
            case "Var" or "var" or "Variance":
                return ParseOperatorArgument(at, arg => new Variance(arg));
            case "E" or "Expectation":
                return ParseExpectationArgument(at);
            case "diag" or "Diag":
                return ParseOperatorArgument(at, arg => new Diag(arg));
            case "tr" or "Tr" or "trace":
                return ParseOperatorArgument(at, arg => new Trace(arg));
            case "softmax" or "Softmax":
                return ParseOperatorArgument(at, arg => new Softmax(arg));
            case "sqrt":
                return ParseOperatorArgument(at, arg => new Root(arg, Number.Two));
            case "argmax" or "argmin" or "arg max" or "arg min" or "arg\\max":
                return ParseMaxLike(word.EndsWith("max", StringComparison.Ordinal) ? BigOperatorKind.ArgMax : BigOperatorKind.ArgMin, Function.Opaque(Compact(word)), at);
            case "max" or "min":
                return ParseMaxLike(word == "max" ? BigOperatorKind.Max : BigOperatorKind.Min, word == "max" ? Function.Max : Function.Min, at);
        }
        var function = FunctionForWord(word);
        return function is null ? null : ApplyFunction(function, at);
    }

    private static Function? FunctionForWord(string word) => word switch
    {
        "exp" => Function.Exp,
        "log" or "ln" => Function.Log,
        "lg" => Function.Log10,
        "sin" => Function.Sin,
        "cos" => Function.Cos,
        "tan" => Function.Tan,
        "sec" => Function.Sec,
        "csc" => Function.Csc,
        "cot" => Function.Cot,
        "arcsin" => Function.Asin,
        "arccos" => Function.Acos,
        "arctan" => Function.Atan,
        "sinh" => Function.Sinh,
        "cosh" => Function.Cosh,
        "tanh" => Function.Tanh,
        "sigmoid" => Function.Sigmoid,
        "relu" or "ReLU" or "Relu" => Function.Relu,
        "sign" or "sgn" => Function.Sign,
        "abs" => Function.Abs,
        "step" => Function.Step,
        _ => null,
    };

    /// <summary>A single letter as a value (used in scripts: x^n, e^x): bound index, declared name, e, or a plain symbol.</summary>
    private Expr ResolveLetter(string name, Token at)
    {
        if (_bound.TryGetValue(name, out var bound)) return bound;
        if (name == "e" && !_table.IsDeclared("e")) return Constant.E;
        _ = at;
        return _table.Symbol(name);
    }

    /// <summary>
    /// A name (letter, Greek letter, decorated letter) with the scripts that belong to it: subscripts,
    /// (i)/[l] superscripts, primes, and w^{*}. Powers and transposes are left for the caller.
    /// A function-capable name followed by ( or a prime is applied as a function.
    /// </summary>
    private Expr ParseNameWithScripts(string baseName, Token at, bool consumed = true)
    {
        _ = consumed;
        var name = baseName;
        // Primes and stars directly on the name: W', h'', w^{*}.
        var primes = 0;
        while (Peek().IsSymbol("'") && !Peek().SpaceBefore) { Next(); primes++; }

        var function = FunctionFor(name);
        if (function is not null && (primes > 0 || PrimeScriptAhead()) && IsApplicationAhead(afterPrimes: true))
        {
            while (PrimeScriptAhead()) { Next(); ReadScript(Peek()); primes++; }
            return ApplyFunction(function with { DerivativeOrder = primes }, at);
        }
        if (primes > 0 && function is null) name += new string('\'', primes);
        // Primes written as superscripts (σ^{\prime}) count like σ': they must not be dropped.
        var scriptPrimes = 0;

        Script? subscript = null;
        Script? superIndex = null;
        var transposed = false;
        while (true)
        {
            var t = Peek();
            if (t.IsSymbol("_") && subscript is null)
            {
                Next();
                subscript = ReadScript(t);
                continue;
            }
            if (t.IsSymbol("^") && superIndex is null && NameSuperscriptAhead())
            {
                Next();
                var s = ReadScript(t);
                if (s.Mark == ScriptMark.Star) name += "^{*}";
                else if (s.Mark == ScriptMark.Prime) scriptPrimes += Math.Max(1, s.Label?.Length ?? 1);
                else
                {
                    superIndex = s with { Transposed = false };
                    transposed = s.Transposed;
                }
                continue;
            }
            if (t.IsSymbol("'") && !t.SpaceBefore && subscript is not null)
            {
                Next();
                name += "'";
                continue;
            }
            break;
        }

        if (function is not null && subscript is null && superIndex is null && IsApplicationAhead(afterPrimes: primes + scriptPrimes > 0))
            return ApplyFunction(primes + scriptPrimes > 0 ? function with { DerivativeOrder = function.DerivativeOrder + primes + scriptPrimes } : function, at);
        if (primes > 0 && function is not null) name += new string('\'', primes);
        if (scriptPrimes > 0) name += new string('\'', scriptPrimes);

        if (name == "\\delta" && subscript is { Label: { Length: 2 } label } && !_table.IsDeclared("\\delta"))
            return new KroneckerDelta(ResolveLetter(label[..1], at), ResolveLetter(label[1..], at));
        if (name == "\\delta" && subscript is { Items.Length: 2 } && !_table.IsDeclared("\\delta"))
            return new KroneckerDelta(subscript.Items[0], subscript.Items[1]);
        // δ_{ik} with i and k declared indices reads as the product i·k; it is still a Kronecker delta.
        if (name == "\\delta" && subscript is { Items: [Multiply { Factors: [Symbol first, Symbol second] }] } && !_table.IsDeclared("\\delta"))
            return new KroneckerDelta(first, second);

        var resolved = ResolveName(name, subscript, superIndex, at);
        return transposed ? new Transpose(resolved) : resolved;
    }

    /// <summary>Is a ^{\prime} (or ^') coming, which on a function name means a derivative?</summary>
    private bool PrimeScriptAhead()
    {
        if (!Peek().IsSymbol("^")) return false;
        var a = PeekAt(1);
        if (a.IsCommand("prime") || a.IsSymbol("'")) return true;
        return a.IsSymbol("{") && (PeekAt(2).IsCommand("prime") || PeekAt(2).IsSymbol("'")) && PeekAt(3).IsSymbol("}");
    }

    /// <summary>Does a superscript that belongs to the name follow: ^{(i)}, ^{[l]}, ^{(i)\top}, ^{*}, ^{\prime}?</summary>
    private bool NameSuperscriptAhead()
    {
        var a = PeekAt(1);
        if (a.IsSymbol("*") || a.IsCommand("ast") || a.IsCommand("star") || a.IsCommand("prime") || a.IsSymbol("'")) return true;
        if (!a.IsSymbol("{")) return false;
        var b = PeekAt(2);
        if ((b.IsSymbol("*") || b.IsCommand("ast") || b.IsCommand("star") || b.IsCommand("prime")) && PeekAt(3).IsSymbol("}")) return true;
        // ^{\prime\prime}, ^{''}: several primes.
        if (b.IsCommand("prime") || b.IsSymbol("'"))
        {
            var k = 3;
            while (PeekAt(k).IsCommand("prime") || PeekAt(k).IsSymbol("'")) k++;
            if (PeekAt(k).IsSymbol("}")) return true;
        }
        if (!(b.IsSymbol("(") || b.IsSymbol("["))) return false;
        // Whole script bracketed: find the matching close and require '}' right after it.
        var i = SkipNoise(_pos);
        i = SkipNoise(i + 1);
        i = SkipNoise(i + 1);
        var open = _tokens[i].Text;
        var close = open == "(" ? ")" : "]";
        var depth = 0;
        for (; _tokens[i].Kind != TokenKind.End; i = i + 1)
        {
            if (_tokens[i].IsSymbol(open)) depth++;
            else if (_tokens[i].IsSymbol(close) && --depth == 0) return EndsBracketedScript(SkipNoise(i + 1));
            else if (_tokens[i].IsSymbol("}")) return false;
        }
        return false;
    }

    /// <summary>The built-in or declared function a name stands for, if it can be applied.</summary>
    private Function? FunctionFor(string name)
    {
        if (_bound.ContainsKey(name)) return null;
        if (_table.FunctionAlias(name) is { } alias) return alias;
        var kind = _table.Lookup(name);
        if (kind is FunctionKind) return Function.Opaque(name);
        if (kind is not null) return null;
        return name switch
        {
            "\\sigma" => Function.Sigmoid,
            "f" or "g" or "\\phi" or "\\psi" or "\\varphi" => Function.Opaque(name),
            _ => name.StartsWith("\\mathcal{", StringComparison.Ordinal) ? Function.Opaque(name) : null,
        };
    }

    /// <summary>Is an argument list coming: "(" (also \big(), or "\left("?</summary>
    private bool IsApplicationAhead(bool afterPrimes)
    {
        var t = Peek();
        if (t.IsSymbol("(") && (afterPrimes || !t.SpaceBefore || true)) return true;
        if (t.IsCommand("left") && PeekAt(1).IsSymbol("(")) return true;
        return false;
    }

    /// <summary>Turns a name and its scripts into a symbol or an indexed expression (see <see cref="NameResolver"/>).</summary>
    private Expr ResolveName(string name, Script? subscript, Script? superIndex, Token at)
    {
        if (superIndex is not null && superIndex.Bracket == IndexPlacement.Subscript) throw Error(at, "Internal: a superscript index must be bracketed.");
        var indices = subscript is null || subscript.Label is not null ? [] : ScriptItems(subscript, at);
        return NameResolver.Resolve(name, subscript?.Label, indices,
            superIndex is null ? null : ScriptValue(superIndex), superIndex?.Bracket ?? IndexPlacement.ParenSuperscript, _table, _bound);
    }

    // ---- function application ---------------------------------------------------------------

    /// <summary>
    /// f applied to what follows: "(args)", or without parentheses the next factors joined by
    /// juxtaposition (\log \hat{y}_{t,i}, \sin 2x). \sin^2 x is (\sin x)^2; \sin^{-1} is arcsin; \log_2 has base 2.
    /// </summary>
    private Expr ApplyFunction(Function function, Token at)
    {
        Expr? power = null;
        var primes = function.DerivativeOrder;
        while (true)
        {
            if (Peek().IsSymbol("'"))
            {
                Next();
                primes++;
                continue;
            }
            if (Peek().IsSymbol("^"))
            {
                var caret = Next();
                var script = ReadScript(caret);
                if (script.Mark == ScriptMark.Prime)
                {
                    primes++;
                    continue;
                }
                var value = ScriptValue(script);
                if (value is Number { Value: var v } && v == -1 && InverseOf(function) is { } inverse)
                {
                    function = inverse;
                    continue;
                }
                power = value;
                continue;
            }
            if (Peek().IsSymbol("_") && function.Id is FunctionId.Log)
            {
                var underscore = Next();
                var script = ReadScript(underscore);
                function = ScriptValue(script) switch
                {
                    Number { Value: var b } when b == 2 => Function.Log2,
                    Number { Value: var b } when b == 10 => Function.Log10,
                    Constant { Kind: ConstantKind.E } => Function.Log,
                    _ => throw Error(underscore, "Only logarithms to base 2, 10 and e are supported."),
                };
                continue;
            }
            break;
        }
        if (primes != function.DerivativeOrder) function = function with { DerivativeOrder = primes };
        ImmutableArray<Expr> args;
        if (IsApplicationAhead(afterPrimes: true))
        {
            args = ReadArguments();
        }
        else if (Peek().IsSymbol("[") || (Peek().IsCommand("left") && PeekAt(1).IsSymbol("[")))
        {
            args = ReadArguments();
        }
        else
        {
            if (!StartsFactor(Peek())) throw Error(Peek().Kind == TokenKind.End ? at : Peek(), $"The function {DisplayName(function)} needs an argument after it.");
            args = [ParseImplicitArgument()];
        }
        if (function.Id != FunctionId.Opaque && !function.IsVariadic && args.Length != 1)
            throw Error(at, $"The function {DisplayName(function)} takes one argument, but {args.Length} were given.");
        Expr applied = IsSoftmax(function)
            // σ'(u) with σ the softmax is its Jacobian ∂σ(u)/∂u, a matrix: read it as that derivative.
            ? function.DerivativeOrder == 0 ? new Softmax(args[0]) : new Derivative(new Softmax(args[0]), [args[0]])
            : new Apply(function, args);
        if (applied is Apply apply) _applications.Add((apply, at));
        return power is null ? applied : new Power(applied, power);
    }

    /// <summary>Marks a table alias that makes a name (usually \sigma) mean softmax.</summary>
    public static readonly Function SoftmaxAlias = Function.Opaque("softmax");

    private static bool IsSoftmax(Function f) => f.Id == FunctionId.Opaque && f.Name == SoftmaxAlias.Name;

    private static string DisplayName(Function f) => f.Name.StartsWith('\\') ? f.Name : f.Name;

    private static Function? InverseOf(Function f) => f.Id switch
    {
        FunctionId.Sin => Function.Asin,
        FunctionId.Cos => Function.Acos,
        FunctionId.Tan => Function.Atan,
        _ => null,
    };

    /// <summary>( a, b, … ) or \left( … \right) or [ … ] after a function name.</summary>
    private ImmutableArray<Expr> ReadArguments()
    {
        var t = Next();
        var viaLeft = false;
        if (t.IsCommand("left"))
        {
            viaLeft = true;
            t = Next();
        }
        var close = t.IsSymbol("[") ? "]" : ")";
        if (!viaLeft && Peek().IsSymbol(close)) throw Error(Peek(), "The argument list is empty.");
        var args = InGroup(() => ParseCommaList(x => x.IsSymbol(close) || x.IsCommand("right")));
        if (viaLeft)
        {
            ExpectRight(t);
        }
        else
        {
            var end = Peek();
            if (!end.IsSymbol(close))
                throw Error(end.Kind == TokenKind.End ? t : end, end.Kind == TokenKind.End
                    ? $"The '{t.Text}' at column {t.Position + 1} is never closed: add '{close}'."
                    : $"Expected '{close}' to close the argument list opened at column {t.Position + 1}.");
            Next();
        }
        return args;
    }

    /// <summary>The argument of a function written without parentheses: factors joined by juxtaposition.</summary>
    private Expr ParseImplicitArgument()
    {
        var factors = new List<Expr> { ParseFactor() };
        while (StartsFactor(Peek()) && !StartsFunctionOrOperator(Peek()))
        {
            factors.Add(ParseFactor());
        }
        return factors.Count == 1 ? factors[0] : new Multiply([.. factors]);
    }

    private bool StartsFunctionOrOperator(Token t)
    {
        if (t.Kind == TokenKind.Command)
        {
            return t.Text is "sum" or "prod" or "max" or "min" or "lim" or "arg" or "frac" or "dfrac" or "tfrac" or "nabla" or "sigma"
                || FunctionCommands.ContainsKey(t.Text);
        }
        if (t.Kind == TokenKind.Letter)
        {
            var i = SkipNoise(_pos);
            var word = "";
            while (_tokens[i].Kind == TokenKind.Letter && (word.Length == 0 || !_tokens[i].SpaceBefore)) word += _tokens[i++].Text;
            return word.Length > 1 && IsKnownWord(word);
        }
        return false;
    }

    private static readonly Dictionary<string, Function> FunctionCommands = new()
    {
        ["exp"] = Function.Exp, ["log"] = Function.Log, ["ln"] = Function.Log, ["lg"] = Function.Log10,
        ["sin"] = Function.Sin, ["cos"] = Function.Cos, ["tan"] = Function.Tan, ["sec"] = Function.Sec,
        ["csc"] = Function.Csc, ["cot"] = Function.Cot, ["arcsin"] = Function.Asin, ["arccos"] = Function.Acos,
        ["arctan"] = Function.Atan, ["sinh"] = Function.Sinh, ["cosh"] = Function.Cosh, ["tanh"] = Function.Tanh,
        ["sgn"] = Function.Sign,
    };

    /// <summary>E[X] (or \mathbb{E}[X], \mathbb{E}_{x}[X]): an expectation.</summary>
    private Expr ParseExpectationArgument(Token at)
    {
        if (Peek().IsSymbol("_"))
        {
            var u = Next();
            ReadScript(u);
        }
        var t = Peek();
        if (t.IsSymbol("[") || t.IsSymbol("("))
        {
            var open = Next();
            var inner = InGroup(() => ParseChain());
            ExpectSymbol(open.Text == "[" ? "]" : ")", $"to close the expectation opened at column {open.Position + 1}");
            return new Expectation(inner);
        }
        if (t.IsCommand("left"))
        {
            var left = Next();
            Next();
            var inner = InGroup(() => ParseChain());
            ExpectRight(left);
            return new Expectation(inner);
        }
        if (t.IsSymbol("{"))
        {
            return new Expectation(ParseBraceGroup());
        }
        throw Error(at, "An expectation needs its argument in brackets: E[X].");
    }

    /// <summary>An operator such as Var, diag, softmax applied to (…), […] or the next factor.</summary>
    private Expr ParseOperatorArgument(Token at, Func<Expr, Expr> build)
    {
        Expr? power = null;
        if (Peek().IsSymbol("^"))
        {
            var caret = Next();
            power = ScriptValue(ReadScript(caret));
        }
        Expr arg;
        if (IsApplicationAhead(afterPrimes: true) || Peek().IsSymbol("[") || (Peek().IsCommand("left") && PeekAt(1).IsSymbol("[")))
        {
            var args = ReadArguments();
            if (args.Length != 1) throw Error(at, "This operator takes one argument.");
            arg = args[0];
        }
        else if (Peek().IsSymbol("{"))
        {
            arg = ParseBraceGroup();
        }
        else
        {
            if (!StartsFactor(Peek())) throw Error(Peek().Kind == TokenKind.End ? at : Peek(), "This operator needs an argument after it.");
            arg = ParseImplicitArgument();
        }
        var result = build(arg);
        return power is null ? result : new Power(result, power);
    }
}
