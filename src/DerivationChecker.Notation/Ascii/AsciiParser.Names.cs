using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Notation.Ascii;

/// <summary>The spellings of names in the plain syntax, shared by the reader and the writer.</summary>
internal static class AsciiNames
{
    /// <summary>
    /// The Greek letters: the word typed for each, which is its LaTeX name without the backslash
    /// (beta is \beta), and the letter printed for it.
    /// </summary>
    public static readonly IReadOnlyList<(string Word, char Letter)> Greek =
    [
        ("alpha", 'α'), ("beta", 'β'), ("gamma", 'γ'), ("delta", 'δ'), ("epsilon", 'ε'), ("zeta", 'ζ'), ("eta", 'η'),
        ("theta", 'θ'), ("iota", 'ι'), ("kappa", 'κ'), ("lambda", 'λ'), ("mu", 'μ'), ("nu", 'ν'), ("xi", 'ξ'),
        ("rho", 'ρ'), ("sigma", 'σ'), ("tau", 'τ'), ("upsilon", 'υ'), ("phi", 'φ'), ("chi", 'χ'), ("psi", 'ψ'),
        ("omega", 'ω'), ("Gamma", 'Γ'), ("Delta", 'Δ'), ("Theta", 'Θ'), ("Lambda", 'Λ'), ("Xi", 'Ξ'), ("Sigma", 'Σ'),
        ("Upsilon", 'Υ'), ("Phi", 'Φ'), ("Psi", 'Ψ'), ("Omega", 'Ω'), ("ell", 'ℓ'),
    ];

    private static readonly HashSet<string> GreekWords = [.. Greek.Select(g => g.Word)];

    /// <summary>Other spellings of the same letters: eps (common in optimiser code), lamda (SymPy's, as lambda is a Python keyword).</summary>
    private static readonly Dictionary<string, string> GreekAliases = new()
    {
        ["eps"] = "epsilon", ["varepsilon"] = "epsilon", ["vartheta"] = "theta", ["varphi"] = "phi",
        ["varrho"] = "rho", ["varsigma"] = "sigma", ["lamda"] = "lambda",
    };

    /// <summary>The decorations that make a new name: hat(y) is \hat{y}.</summary>
    public static readonly HashSet<string> Decorations = ["hat", "bar", "tilde"];

    /// <summary>The canonical name of a typed word: \beta for beta and eps, the word itself otherwise.</summary>
    public static string Canonical(string word)
    {
        if (GreekAliases.TryGetValue(word, out var greek)) return "\\" + greek;
        return GreekWords.Contains(word) || word == "pi" ? "\\" + word : word;
    }

    /// <summary>True for words that name a Greek letter (and so one symbol, never a label).</summary>
    public static bool IsGreek(string word) => GreekWords.Contains(word) || GreekAliases.ContainsKey(word);

    /// <summary>The typed word for a canonical Greek name (\beta → beta), or null.</summary>
    public static string? GreekWord(string canonical) =>
        canonical.Length > 1 && canonical[0] == '\\' && (GreekWords.Contains(canonical[1..]) || canonical == "\\pi") ? canonical[1..] : null;
}

internal sealed partial class AsciiReader
{
    /// <summary>
    /// Words that only make sense applied to an argument: exp alone is a mistake, not a variable
    /// named "exp". (sigma, delta, E, step, sign, max, min and tr are also names.)
    /// </summary>
    private static readonly HashSet<string> FunctionOnlyWords =
    [
        "exp", "log", "ln", "log2", "log10", "sqrt", "root", "abs", "Abs", "relu", "ReLU", "sigmoid", "tanh", "softmax",
        "diag", "trace", "norm", "inv", "inverse", "transpose", "diff", "sum", "prod", "product", "limit", "matrix",
        "piecewise", "kron_delta", "sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "arcsin",
        "arccos", "arctan", "sinh", "cosh", "Var", "Heaviside",
    ];

    /// <summary>A subscript: a word that belongs to the name (hh in W_hh), or index expressions.</summary>
    private sealed record Script(string? Label, ImmutableArray<Expr> Items);

    /// <summary>
    /// A word: a constant (pi, %e, inf), a call f(…), a decorated name hat(y), E[X], or a name with its
    /// primes, subscript and bracket indices.
    /// </summary>
    private Expr ParseIdentifier()
    {
        var t = Next();
        var text = t.Text;
        if (text.StartsWith('%')) return PercentConstant(t);
        var primes = 0;
        while (PeekAt(primes).Is("'") && !PeekAt(primes).SpaceBefore) primes++;
        var decoration = AsciiNames.Decorations.Contains(text) && !IsDeclaredOrBound(text);
        if (decoration && primes == 0 && Peek().Is("(")) return ParseDecorated(t);
        for (var k = 0; k < primes; k++) Next();
        if (Peek().Is("(")) return ParseCall(t, primes);
        var canonical = AsciiNames.Canonical(text);
        if (!IsDeclaredOrBound(canonical))
        {
            if (FunctionOnlyWords.Contains(text))
                throw Error(t, $"'{text}' is a function: write its argument in parentheses, as in {text}(x).");
            if (primes == 0 && text == "E" && Peek().Is("[")) return ParseExpectationBrackets(t);
            if (primes == 0 && WordConstant(text) is { } constant && !(text == "e" && (Peek().Is("_") || Peek().Is("[")))) return constant;
        }
        return ParseName(canonical, primes, null);
    }

    /// <summary>A word this reader applies as a function: a built-in (sigma, log2, Heaviside) or a form such as sum, norm, diff.</summary>
    internal static bool IsFunctionWord(string word) => BuiltInFunctions.ContainsKey(word) || FunctionOnlyWords.Contains(word);

    /// <summary>A word the reader takes as a plain name when nothing follows it: not a function, constant or Greek letter.</summary>
    internal static bool IsPlainName(string word) =>
        word.Length > 0 && AsciiLexer.IsAsciiLetter(word[0]) && word.All(c => AsciiLexer.IsAsciiLetter(c) || AsciiLexer.IsDigit(c))
        && !FunctionOnlyWords.Contains(word) && WordConstant(word) is null && !AsciiNames.IsGreek(word) && word != "E";

    private bool IsDeclaredOrBound(string name) => _table.IsDeclared(name) || _bound.ContainsKey(name);

    /// <summary>Maxima's %e and %pi are always the constants.</summary>
    private static Expr PercentConstant(AsciiToken t) => t.Text switch
    {
        "%e" => Constant.E,
        "%pi" => Constant.Pi,
        "%i" => throw Error(t, "The imaginary unit %i is not supported: the checker works with real numbers."),
        "%inf" or "%infinity" => Constant.Infinity,
        _ => throw Error(t, $"The Maxima constant {t.Text} is not supported; only %e and %pi are."),
    };

    /// <summary>Words that are constants unless declared: e, pi, inf/infinity/oo, undefined.</summary>
    private static Expr? WordConstant(string word) => word switch
    {
        "e" => Constant.E,
        "pi" => Constant.Pi,
        "inf" or "infinity" or "oo" => Constant.Infinity,
        "undefined" or "und" or "nan" => Constant.Undefined,
        _ => null,
    };

    /// <summary>hat(y), bar(x), tilde(W): the decorated name, with a subscript written inside moved outside (hat(y_t) is hat(y)_t).</summary>
    private Expr ParseDecorated(AsciiToken at)
    {
        var open = Next();
        var inner = Peek();
        if (inner.Kind != AsciiTokenKind.Identifier || inner.Text.StartsWith('%') || inner.Text.Contains('_', StringComparison.Ordinal))
            throw Error(inner.Kind == AsciiTokenKind.End ? at : inner, $"{at.Text}(…) must decorate a single name, such as {at.Text}(y).");
        Next();
        Script? subscript = null;
        if (Peek().Is("_"))
        {
            var underscore = Next();
            subscript = ReadSubscript(underscore);
        }
        if (!Peek().Is(")")) throw Error(Peek().Kind == AsciiTokenKind.End ? open : Peek(), $"{at.Text}(…) must decorate a single name, such as {at.Text}(y) or {at.Text}(y_t).");
        Next();
        var name = $"\\{at.Text}{{{AsciiNames.Canonical(inner.Text)}}}";
        return ParseName(name, 0, subscript);
    }

    /// <summary>
    /// A name with the scripts that belong to it: primes (W', h''), one subscript (x_1, h_t, x_(t-1),
    /// W_hh), primes after it and bracket indices (x[t, i]), resolved through <see cref="NameResolver"/>
    /// like the LaTeX reader's names.
    /// </summary>
    private Expr ParseName(string name, int primes, Script? subscript)
    {
        name += new string('\'', primes);
        if (Peek().Is("_"))
        {
            var underscore = Next();
            if (subscript is not null) throw Error(underscore, "This name already has a subscript; write all indices in one, as in x_(i,j).");
            subscript = ReadSubscript(underscore);
        }
        while (subscript is not null && Peek().Is("'") && !Peek().SpaceBefore)
        {
            Next();
            name += "'";
        }
        var brackets = ImmutableArray<Expr>.Empty;
        if (Peek().Is("[")) brackets = ReadBracketIndices();
        var after = Peek();
        if (after.Is("_") || after.Is("["))
            throw Error(after, "A name takes one subscript or one bracket of indices; write them together, as in x_(i,j) or x[i, j].");
        // hat(y)(1-hat(y)) is a product, as every ')(' is; x_1(…) is neither a product nor a call.
        if (after.Is("(") && !_tokens[_pos - 1].Is(")"))
            throw Error(after, "To multiply, write '*' before this '(': only a plain name such as f can be called as a function.");
        if (after.Is("'") && !after.SpaceBefore)
            throw Error(after, "Write primes right after the name, before its subscript: W'_hh.");

        if (name == "\\delta" && brackets.IsEmpty && !_table.IsDeclared("\\delta") && KroneckerFrom(subscript) is { } delta) return delta;
        if (subscript?.Label is { } label)
        {
            var named = NameResolver.Resolve(name, label, [], null, IndexPlacement.ParenSuperscript, _table, _bound);
            return brackets.IsEmpty ? named : new Indexed(named, brackets);
        }
        var indices = subscript is null ? brackets : subscript.Items.AddRange(brackets);
        return NameResolver.Resolve(name, null, indices, null, IndexPlacement.ParenSuperscript, _table, _bound);
    }

    /// <summary>delta_ik, delta_(i,k): the Kronecker delta, read as the LaTeX reader reads δ_{ik}.</summary>
    private Expr? KroneckerFrom(Script? subscript)
    {
        if (subscript is { Label: { Length: 2 } pair }) return new KroneckerDelta(ResolveLetter(pair[..1]), ResolveLetter(pair[1..]));
        if (subscript is { Items.Length: 2 } two) return new KroneckerDelta(two.Items[0], two.Items[1]);
        if (subscript is { Items: [Multiply { Factors: [Symbol first, Symbol second] }] }) return new KroneckerDelta(first, second);
        return null;
    }

    /// <summary>
    /// What follows '_': a number (x_1), a letter or Greek word (h_t, x_alpha), a word that belongs to the
    /// name (W_hh, unless every letter is an index in scope: w_kj inside a sum over j), or a bracketed
    /// list of index expressions (x_(t-1), y_(t,i)).
    /// </summary>
    private Script ReadSubscript(AsciiToken underscore)
    {
        var t = Peek();
        switch (t.Kind)
        {
            case AsciiTokenKind.Number:
                {
                    Next();
                    if (!Core.Numbers.BigRational.TryParseDecimal(t.Text, out var value)) throw Error(t, $"'{t.Text}' is not a number I can read.");
                    return new Script(null, [new Number(value)]);
                }
            case AsciiTokenKind.Identifier:
                Next();
                if (t.Text.StartsWith('%')) return new Script(null, [PercentConstant(t)]);
                if (t.Text.Contains('_', StringComparison.Ordinal))
                    throw Error(t, $"'{t.Text}' is a function, not an index; write x_(…) around an index expression.");
                if (t.Text.Length == 1 || AsciiNames.IsGreek(t.Text) || WordConstant(t.Text) is not null)
                    return new Script(null, [ResolveWord(t.Text)]);
                if (t.Text.All(AsciiLexer.IsAsciiLetter) && t.Text.All(c => IsIndexName(c.ToString())))
                {
                    var letters = t.Text.Select(c => ResolveLetter(c.ToString())).ToImmutableArray();
                    return new Script(null, [new Multiply(letters)]);
                }
                return new Script(t.Text, []);
            case AsciiTokenKind.Operator when t.Is("("):
                {
                    var open = Next();
                    if (Peek().Is(")")) throw Error(Peek(), "This subscript is empty: write an index between '(' and ')'.");
                    var items = ParseCommaList(open);
                    ExpectClose(open);
                    return new Script(null, items);
                }
            default:
                throw Error(t.Kind == AsciiTokenKind.End ? underscore : t, "Expected an index after '_', such as x_1, x_t or x_(t-1).");
        }
    }

    /// <summary>[i] or [t, i] after a name or a bracketed expression.</summary>
    private ImmutableArray<Expr> ReadBracketIndices()
    {
        var open = Next();
        if (Peek().Is("]")) throw Error(Peek(), "These brackets are empty: write an index between '[' and ']'.");
        var items = ParseCommaList(open);
        ExpectClose(open);
        return items;
    }

    private bool IsIndexName(string name) => _bound.ContainsKey(name) || _table.Lookup(name) is IndexKind;

    /// <summary>A word as a single value (in a subscript): a constant, a bound index, or a declared or plain symbol.</summary>
    private Expr ResolveWord(string word)
    {
        var canonical = AsciiNames.Canonical(word);
        if (!IsDeclaredOrBound(canonical) && WordConstant(word) is { } constant) return constant;
        return ResolveLetter(canonical);
    }

    /// <summary>A single name as a value: a bound index, e, or a declared (or plain real) symbol.</summary>
    private Expr ResolveLetter(string name)
    {
        if (_bound.TryGetValue(name, out var bound)) return bound;
        if (name == "e" && !_table.IsDeclared("e")) return Constant.E;
        return _table.Symbol(name);
    }
}
