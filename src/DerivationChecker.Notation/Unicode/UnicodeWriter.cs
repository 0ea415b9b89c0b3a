using System.Globalization;
using System.Text;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Notation.Ascii;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Notation.Unicode;

/// <summary>
/// Writes an expression for people to read in feedback and terminals: σ(x)(1 − σ(x)), Wᵀδ, X⁻¹, ŷ_t,
/// ∑_{i=1}^{n} x_i, ∂J/∂W, ‖x‖, a ⊙ b. One-way: the text is not meant to be read back. Products are
/// juxtaposed where that cannot be misread and joined with · elsewhere; parentheses appear only where
/// the grouping would otherwise change. Node kinds it does not know print as NodeName(arg, …).
/// </summary>
public static class UnicodeWriter
{
    private enum Level
    {
        Statement,
        Relation,
        Sum,
        Signed,
        Hadamard,
        Product,
        Power,
        Postfix,
        Atom,
    }

    private const char Minus = '−';

    public static string Write(Expr e) => Render(e, Level.Statement);

    private static string Render(Expr e, Level context)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack()) return "…";
        var text = RenderBare(e);
        return LevelOf(e) < context ? $"({text})" : text;
    }

    private static Level LevelOf(Expr e) => e switch
    {
        TupleExpr { Style: TupleStyle.Plain } => Level.Statement,
        Relation => Level.Relation,
        Add => Level.Sum,
        Negate => Level.Signed,
        Number n when n.Value.Sign < 0 => Level.Signed,
        Number n when LatexWriter.DecimalText(n.Value) is null => Level.Product,
        HadamardProduct or HadamardDivide => Level.Hadamard,
        Multiply or Divide or BigOperator or Derivative => Level.Product,
        Power or Transpose or Inverse => Level.Power,
        Indexed => Level.Postfix,
        _ => Level.Atom,
    };

    private static string RenderBare(Expr e) => e switch
    {
        Number n => NumberText(n.Value),
        FloatNumber f => f.Value.ToString("G6", CultureInfo.InvariantCulture).Replace('-', Minus),
        Constant c => c.Kind switch
        {
            ConstantKind.E => "e",
            ConstantKind.Pi => "π",
            ConstantKind.Infinity => "∞",
            _ => "undefined",
        },
        Symbol s => UnicodeNames.Name(s.Name),
        TextNode t => t.Text,
        EllipsisNode => "…",
        Add add => SumText(add),
        Negate neg => Minus + Render(neg.Operand, Level.Hadamard),
        Multiply mul => ProductText(mul),
        Divide div => $"{Render(div.Numerator, Level.Product)}/{Render(div.Denominator, Level.Power)}",
        Power pow => Render(pow.Base, Level.Postfix) + ExponentText(pow.Exponent),
        Root root => RootText(root),
        Transpose t => Render(t.Operand, Level.Postfix) + "ᵀ",
        Inverse inv => Render(inv.Operand, Level.Postfix) + "⁻¹",
        HadamardProduct h => string.Join(" ⊙ ", h.Factors.Select((f, i) => Render(f, i == 0 && f is HadamardDivide ? Level.Hadamard : Level.Product))),
        HadamardDivide hd => $"{Render(hd.Left, Level.Hadamard)} ⊘ {Render(hd.Right, Level.Product)}",
        OnesVector ones => "𝟏" + (ones.Length is { } length ? SubscriptText([length], joinSimple: true) : ""),
        Diag d => $"diag({Render(d.Operand, Level.Relation)})",
        Trace tr => $"tr({Render(tr.Operand, Level.Relation)})",
        Softmax sm => $"softmax({Render(sm.Operand, Level.Relation)})",
        Norm norm => $"‖{Render(norm.Operand, Level.Relation)}‖" + norm.Kind switch
        {
            NormKind.One => "₁",
            NormKind.Infinity => "_∞",
            _ => "",
        },
        Variance va => $"Var({Render(va.Operand, Level.Relation)})",
        Expectation ex => $"E[{Render(ex.Operand, Level.Relation)}]",
        KroneckerDelta kd => "δ" + SubscriptText([kd.First, kd.Second], joinSimple: true),
        MatrixLiteral m => MatrixText(m),
        Apply ap => ApplyText(ap),
        Indexed ix => IndexedText(ix),
        BigOperator big => BigOperatorText(big),
        Derivative der => DerivativeText(der),
        Relation rel => RelationText(rel),
        Piecewise pw => "{ " + string.Join("; ", pw.Cases.Select(c => c.Condition.Equals(Piecewise.Otherwise)
            ? $"{Render(c.Value, Level.Relation)} otherwise"
            : $"{Render(c.Value, Level.Relation)} if {Render(c.Condition, Level.Relation)}")) + " }",
        TupleExpr tuple => tuple.Style switch
        {
            TupleStyle.Parentheses => $"({ListText(tuple.Items)})",
            TupleStyle.Braces => $"{{{ListText(tuple.Items)}}}",
            _ => ListText(tuple.Items),
        },
        _ => $"{e.GetType().Name}({ListText(e.Args)})",
    };

    private static string ListText(IEnumerable<Expr> items) => string.Join(", ", items.Select(i => Render(i, Level.Relation)));

    private static string NumberText(BigRational value)
    {
        var text = LatexWriter.DecimalText(value)
            ?? $"{value.Numerator.ToString(CultureInfo.InvariantCulture)}/{value.Denominator.ToString(CultureInfo.InvariantCulture)}";
        return text.Replace('-', Minus);
    }

    private static string SumText(Add add)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < add.Terms.Length; i++)
        {
            var term = add.Terms[i];
            if (i == 0)
            {
                sb.Append(Render(term, Level.Signed));
                continue;
            }
            switch (term)
            {
                case Negate neg:
                    sb.Append(" − ").Append(Render(neg.Operand, Level.Hadamard));
                    break;
                case Number { Value.Sign: < 0 } n:
                    sb.Append(" − ").Append(NumberText(-n.Value));
                    break;
                default:
                    sb.Append(" + ").Append(Render(term, Level.Hadamard));
                    break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Factors side by side where that reads unambiguously (2x, σ(x)(1 − σ(x)), Wᵀδ), with · between
    /// numbers and around names of several letters or with subscripts (lr·m, x_i·y_i). A Σ or a
    /// quotient inside a product is bracketed so it cannot swallow the factors after it.
    /// </summary>
    private static string ProductText(Multiply mul)
    {
        var sb = new StringBuilder();
        string? previousText = null;
        Expr? previous = null;
        foreach (var factor in mul.Factors)
        {
            var text = Render(factor, Level.Power);
            if (previous is not null) sb.Append(Juxtaposable(previous, previousText!, factor, text) ? "" : "·");
            sb.Append(text);
            previous = factor;
            previousText = text;
        }
        return sb.ToString();
    }

    private static bool Juxtaposable(Expr left, string leftText, Expr right, string rightText)
    {
        if (leftText.Length == 0 || rightText.Length == 0) return true;
        var first = rightText[0];
        if (char.IsDigit(first) || first == Minus) return false;
        if (first == '(') return true;
        if (left is Number { Value.Sign: >= 0 } || leftText.EndsWith(')') || leftText.EndsWith(']')) return true;
        // A raised exponent ends the factor before it: (XᵀX)⁻¹Xᵀy, b₁³f₁.
        if (UnicodeNames.IsRaised(leftText[^1]) && (char.IsLetter(first) || first is '√' or '∑' or '∏')) return true;
        return IsShortName(left) && (IsShortName(right) || right is Apply or Softmax or Root);
    }

    /// <summary>A one-letter name, possibly decorated, primed or raised to a power: x, ŷ, W′, Wᵀ, x².</summary>
    private static bool IsShortName(Expr e) => e switch
    {
        Symbol s => UnicodeNames.IsSingleLetter(UnicodeNames.Name(s.Name)),
        Constant { Kind: ConstantKind.E or ConstantKind.Pi } => true,
        Power { Base: var b, Exponent: Number { Value.IsInteger: true } } => IsShortName(b),
        Transpose { Operand: var o } => IsShortName(o),
        Inverse { Operand: var o } => IsShortName(o),
        _ => false,
    };

    /// <summary>x², x⁻¹, xⁿ with raised characters where they exist; x^(n+1), e^(−x) otherwise.</summary>
    private static string ExponentText(Expr exponent)
    {
        if (exponent is Number { Value: var v } && v.IsInteger) return UnicodeNames.Superscript(v.Numerator.ToString(CultureInfo.InvariantCulture));
        if (exponent is Symbol { Name: [var letter] } && UnicodeNames.SuperscriptLetter(letter) is { } raised) return raised.ToString();
        return "^" + Render(exponent, Level.Atom);
    }

    private static string RootText(Root root)
    {
        var radicand = Render(root.Radicand, Level.Postfix);
        if (root.Radicand is Indexed or Transpose) radicand = $"({radicand})";
        return root.Index switch
        {
            Number { Value: var v } when v == 2 => "√" + radicand,
            Number { Value: var v } when v == 3 => "∛" + radicand,
            Number { Value: var v } when v == 4 => "∜" + radicand,
            Number { Value: var v } when v.IsInteger && v.Sign > 0 => UnicodeNames.Superscript(v.Numerator.ToString(CultureInfo.InvariantCulture)) + "√" + radicand,
            _ => $"root({Render(root.Radicand, Level.Relation)}, {Render(root.Index, Level.Relation)})",
        };
    }

    private static string ApplyText(Apply ap)
    {
        var f = ap.Function;
        var args = ListText(ap.Arguments);
        if (f.Id == FunctionId.Abs && f.DerivativeOrder == 0 && ap.Arguments.Length == 1) return $"|{args}|";
        var name = f.Id switch
        {
            FunctionId.Sigmoid => "σ",
            FunctionId.Log2 => "log₂",
            FunctionId.Log10 => "log₁₀",
            FunctionId.Relu => "ReLU",
            FunctionId.Opaque => UnicodeNames.Name(f.Name),
            _ => f.Name,
        };
        return $"{name}{new string('′', f.DerivativeOrder)}({args})";
    }

    /// <summary>x_i, x₁, y_{t,i}, h_{t−1}; y^(i) and W^[l] for sample and layer indices.</summary>
    private static string IndexedText(Indexed ix)
    {
        // x_j^(i): the component of a sample, written with the sample index last as in print.
        if (ix.Placement == IndexPlacement.Subscript && ix.Base is Indexed { Placement: not IndexPlacement.Subscript, Base: Symbol inner } sup)
        {
            var superscript = sup.Placement == IndexPlacement.ParenSuperscript ? $"^({ListText(sup.Indices)})" : $"^[{ListText(sup.Indices)}]";
            return UnicodeNames.Name(inner.Name) + SubscriptText(ix.Indices, joinSimple: false) + superscript;
        }
        var baseText = ix.Base is Symbol s ? UnicodeNames.Name(s.Name) : Render(ix.Base, Level.Atom);
        if (ix.Base is Symbol && baseText.Contains('_', StringComparison.Ordinal)) baseText = $"({baseText})";
        return ix.Placement switch
        {
            IndexPlacement.ParenSuperscript => $"{baseText}^({ListText(ix.Indices)})",
            IndexPlacement.BracketSuperscript => $"{baseText}^[{ListText(ix.Indices)}]",
            _ => baseText + SubscriptText(ix.Indices, joinSimple: false),
        };
    }

    /// <summary>₁ for a number, _i for a letter, _{t−1} or _{t,i} otherwise; δ_ik joins two letters.</summary>
    private static string SubscriptText(IReadOnlyList<Expr> indices, bool joinSimple)
    {
        var texts = indices.Select(i => Render(i, Level.Sum)).ToList();
        if (texts.Count == 1 && indices[0] is Number { Value: { IsInteger: true, Sign: >= 0 } }) return UnicodeNames.Subscript(texts[0]);
        if (texts.Count == 1 && UnicodeNames.IsSingleLetter(texts[0])) return "_" + texts[0];
        if (joinSimple && texts.All(UnicodeNames.IsSingleLetter)) return "_" + string.Concat(texts);
        // Subscripts are set tight, as in print: h_{t−1}, y_{t,i}.
        return "_{" + string.Join(",", texts.Select(t => t.Replace(" ", "", StringComparison.Ordinal))) + "}";
    }

    private static string MatrixText(MatrixLiteral m)
    {
        var rows = Enumerable.Range(0, m.Rows).Select(r => string.Join(", ", Enumerable.Range(0, m.Columns).Select(c => Render(m[r, c], Level.Sum))));
        return "[" + string.Join("; ", rows) + "]";
    }

    private static string BigOperatorText(BigOperator big)
    {
        var index = UnicodeNames.Name(big.Index.Name);
        var symbol = big.Kind switch
        {
            BigOperatorKind.Sum => "∑",
            BigOperatorKind.Product => "∏",
            BigOperatorKind.Max => "max",
            BigOperatorKind.Min => "min",
            BigOperatorKind.ArgMax => "argmax",
            BigOperatorKind.ArgMin => "argmin",
            _ => "lim",
        };
        string under;
        if (big.Kind == BigOperatorKind.Limit) under = big.Lower is null ? index : $"{index}→{Render(big.Lower, Level.Sum)}";
        else under = big.Lower is null ? index : $"{index}={Render(big.Lower, Level.Sum)}";
        var scripts = under.Length == 1 && big.Upper is null ? "_" + under : "_{" + under + "}";
        if (big.Upper is not null) scripts += "^{" + Render(big.Upper, Level.Sum) + "}";
        return $"{symbol}{scripts} {Render(big.Body, Level.Product)}";
    }

    private static bool IsShortBody(Expr body) => body is Symbol or Indexed { Base: Symbol } or Apply or Softmax;

    /// <summary>∂J/∂W, d²f/dx², ∂²f/∂x∂y, ∂/∂x (x² + 1), ∇_W J.</summary>
    private static string DerivativeText(Derivative der)
    {
        var vars = der.Variables;
        if (der.Style == DerivativeStyle.Nabla)
        {
            // ∇_θ L, ∇²_θ L (the Hessian), and ∇_{x, y} L for mixed variables.
            var repeated = vars.All(v => v.Equals(vars[0]));
            var power = repeated && vars.Length > 1 ? UnicodeNames.Superscript(vars.Length.ToString(CultureInfo.InvariantCulture)) : "";
            var subscript = repeated ? "_" + Render(vars[0], Level.Atom) : "_{" + ListText(vars) + "}";
            return $"∇{power}{subscript} {Render(der.Body, Level.Power)}";
        }
        var d = der.Style == DerivativeStyle.Total ? "d" : "∂";
        var order = vars.Length > 1 ? UnicodeNames.Superscript(vars.Length.ToString(CultureInfo.InvariantCulture)) : "";
        var denominator = new StringBuilder();
        var i = 0;
        while (i < vars.Length)
        {
            var j = i;
            while (j < vars.Length && vars[j].Equals(vars[i])) j++;
            denominator.Append(d).Append(Render(vars[i], Level.Postfix));
            if (j - i > 1) denominator.Append(UnicodeNames.Superscript((j - i).ToString(CultureInfo.InvariantCulture)));
            i = j;
        }
        return IsShortBody(der.Body)
            ? $"{d}{order}{Render(der.Body, Level.Postfix)}/{denominator}"
            : $"{d}{order}/{denominator} ({Render(der.Body, Level.Relation)})";
    }

    /// <summary>The symbol of a relation (≤, ∈, ∼ …), as every writer that prints Unicode shows it.</summary>
    public static string RelationSymbol(RelationKind kind) => kind switch
    {
        RelationKind.Equal => "=",
        RelationKind.NotEqual => "≠",
        RelationKind.Less => "<",
        RelationKind.LessEqual => "≤",
        RelationKind.Greater => ">",
        RelationKind.GreaterEqual => "≥",
        RelationKind.Approx => "≈",
        RelationKind.Define => "≔",
        RelationKind.Assign => "←",
        RelationKind.Implies => "⇒",
        RelationKind.Iff => "⇔",
        RelationKind.In => "∈",
        RelationKind.Tends => "→",
        RelationKind.Given => "|",
        RelationKind.Distributed => "∼",
        _ => "?",
    };

    private static string RelationText(Relation rel)
    {
        var sb = new StringBuilder(Render(rel.Operands[0], Level.Sum));
        for (var i = 1; i < rel.Operands.Length; i++)
        {
            sb.Append(' ').Append(RelationSymbol(rel.Operators[i - 1])).Append(' ').Append(Render(rel.Operands[i], Level.Sum));
        }
        return sb.ToString();
    }
}

/// <summary>Canonical (LaTeX) names as Unicode text: \beta → β, \hat{y} → ŷ, W'_{hh} → W′_hh, \mathcal{L} → ℒ.</summary>
internal static class UnicodeNames
{
    /// <summary>LaTeX commands printed as one character: the Greek letters, their variant forms, ∇ ∂ ∞.</summary>
    private static readonly Dictionary<string, string> Commands = new(
        AsciiNames.Greek.Select(g => KeyValuePair.Create(g.Word, g.Letter.ToString()))
            .Concat([new("pi", "π"), new("varepsilon", "ε"), new("vartheta", "ϑ"), new("varrho", "ϱ"), new("varsigma", "ς"),
                new("varphi", "φ"), new("nabla", "∇"), new("partial", "∂"), new("infty", "∞")]));

    /// <summary>Combining marks for decorations, and the precomposed letters fonts draw better.</summary>
    private static readonly Dictionary<string, char> Accents = new()
    {
        ["hat"] = '\u0302', ["widehat"] = '\u0302', ["bar"] = '\u0304', ["overline"] = '\u0304', ["tilde"] = '\u0303',
        ["widetilde"] = '\u0303', ["dot"] = '\u0307', ["ddot"] = '\u0308', ["vec"] = '\u20D7', ["check"] = '\u030C',
        ["breve"] = '\u0306', ["acute"] = '\u0301', ["grave"] = '\u0300', ["underline"] = '\u0332',
    };

    private static readonly Dictionary<(char, char), char> Precomposed = new()
    {
        [('y', '\u0302')] = 'ŷ', [('Y', '\u0302')] = 'Ŷ', [('a', '\u0302')] = 'â', [('e', '\u0302')] = 'ê', [('i', '\u0302')] = 'î',
        [('o', '\u0302')] = 'ô', [('u', '\u0302')] = 'û', [('w', '\u0302')] = 'ŵ', [('W', '\u0302')] = 'Ŵ', [('c', '\u0302')] = 'ĉ',
        [('g', '\u0302')] = 'ĝ', [('h', '\u0302')] = 'ĥ', [('s', '\u0302')] = 'ŝ', [('z', '\u0302')] = 'ẑ',
        [('a', '\u0304')] = 'ā', [('e', '\u0304')] = 'ē', [('i', '\u0304')] = 'ī', [('o', '\u0304')] = 'ō', [('u', '\u0304')] = 'ū',
        [('y', '\u0304')] = 'ȳ', [('A', '\u0304')] = 'Ā', [('E', '\u0304')] = 'Ē',
        [('a', '\u0303')] = 'ã', [('n', '\u0303')] = 'ñ', [('o', '\u0303')] = 'õ', [('u', '\u0303')] = 'ũ', [('i', '\u0303')] = 'ĩ',
        [('y', '\u0303')] = 'ỹ', [('e', '\u0303')] = 'ẽ', [('A', '\u0303')] = 'Ã', [('N', '\u0303')] = 'Ñ', [('O', '\u0303')] = 'Õ',
        [('x', '\u0307')] = 'ẋ', [('y', '\u0307')] = 'ẏ', [('x', '\u0308')] = 'ẍ', [('y', '\u0308')] = 'ÿ',
    };

    private static readonly Dictionary<char, char> Script = new()
    {
        ['L'] = 'ℒ', ['H'] = 'ℋ', ['F'] = 'ℱ', ['E'] = 'ℰ', ['B'] = 'ℬ', ['M'] = 'ℳ', ['R'] = 'ℛ', ['I'] = 'ℐ',
    };

    private static readonly Dictionary<char, string> DoubleStruck = new()
    {
        ['R'] = "ℝ", ['N'] = "ℕ", ['Z'] = "ℤ", ['Q'] = "ℚ", ['C'] = "ℂ", ['E'] = "𝔼",
    };

    private const string SuperscriptDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <summary>Modifier letters a–z (there is none for q).</summary>
    private const string SuperscriptLetters = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖ ʳˢᵗᵘᵛʷˣʸᶻ";
    private const string SubscriptDigits = "₀₁₂₃₄₅₆₇₈₉";

    public static string Name(string canonical)
    {
        var sb = new StringBuilder();
        var i = 0;
        AppendName(canonical, ref i, sb, stopAtBrace: false);
        return sb.ToString();
    }

    /// <summary>Reads a canonical name from <paramref name="i"/>, converting commands, braces and primes.</summary>
    private static void AppendName(string s, ref int i, StringBuilder sb, bool stopAtBrace)
    {
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '}' && stopAtBrace) return;
            if (c == '\\')
            {
                var end = i + 1;
                while (end < s.Length && char.IsAsciiLetter(s[end])) end++;
                var command = s[(i + 1)..end];
                i = end;
                if (Commands.TryGetValue(command, out var letter))
                {
                    sb.Append(letter);
                }
                else if (i < s.Length && s[i] == '{')
                {
                    i++;
                    var inner = new StringBuilder();
                    AppendName(s, ref i, inner, stopAtBrace: true);
                    if (i < s.Length) i++;
                    sb.Append(Styled(command, inner.ToString()));
                }
                else
                {
                    sb.Append(command);
                }
                continue;
            }
            switch (c)
            {
                case '\'':
                    sb.Append('′');
                    break;
                case '{' or '}':
                    break;
                case '_' or '^' when i + 1 < s.Length && s[i + 1] == '{':
                    {
                        i += 2;
                        var inner = new StringBuilder();
                        AppendName(s, ref i, inner, stopAtBrace: true);
                        var text = inner.ToString();
                        if (c == '^' && text == "*") sb.Append('*');
                        else sb.Append(c).Append(text.Length == 1 || text.All(char.IsAsciiLetterOrDigit) ? text : "{" + text + "}");
                        break;
                    }
                default:
                    sb.Append(c);
                    break;
            }
            i++;
        }
    }

    private static string Styled(string command, string inner)
    {
        if (Accents.TryGetValue(command, out var mark))
        {
            if (inner.Length == 0) return mark.ToString();
            if (Precomposed.TryGetValue((inner[0], mark), out var composed)) return composed + inner[1..];
            return inner[..1] + mark + inner[1..];
        }
        if (inner.Length == 1 && command is "mathcal" or "mathscr" && Script.TryGetValue(inner[0], out var script)) return script.ToString();
        if (inner.Length == 1 && command == "mathbb" && DoubleStruck.TryGetValue(inner[0], out var doubled)) return doubled;
        return inner;
    }

    /// <summary>One letter with any decorations and primes (ŷ, W′, β, ℒ): such names can stand side by side.</summary>
    public static bool IsSingleLetter(string text)
    {
        var letters = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.NonSpacingMark || rune.Value == '′') continue;
            if (!Rune.IsLetter(rune)) return false;
            letters++;
        }
        return letters == 1;
    }

    /// <summary>A superscript character: a raised digit, sign, letter or ᵀ.</summary>
    public static bool IsRaised(char c) => c != ' ' && (SuperscriptDigits.Contains(c) || SuperscriptLetters.Contains(c) || c is '⁻' or 'ᵀ');

    public static char? SuperscriptLetter(char c) => c is >= 'a' and <= 'z' && SuperscriptLetters[c - 'a'] != ' ' ? SuperscriptLetters[c - 'a'] : null;

    public static string Superscript(string digits) => Map(digits, SuperscriptDigits, '⁻');

    public static string Subscript(string digits) => Map(digits, SubscriptDigits, '₋');

    private static string Map(string text, string table, char minus)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9') sb.Append(table[c - '0']);
            else if (c is '-' or Minus) sb.Append(minus);
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private const char Minus = '−';
}
