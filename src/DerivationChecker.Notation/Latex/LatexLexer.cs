using System.Globalization;
using System.Text;

namespace DerivationChecker.Notation.Latex;

public enum TokenKind
{
    /// <summary>\name or \ followed by one non-letter (\, \{ \|).</summary>
    Command,

    /// <summary>One letter.</summary>
    Letter,

    /// <summary>Digits with at most one decimal point: 12, 1.5; digits split only by spaces are one number, as in TeX (1 0 is 10).</summary>
    Number,

    /// <summary>Any other single character: + - ^ _ ( ) [ ] { } | , = &lt; &gt; ' &amp; ! / * : ;</summary>
    Symbol,

    /// <summary>Raw text of a \text{…} argument (the lexer reads it verbatim).</summary>
    Text,
    End,
}

/// <param name="SpaceBefore">Whitespace came right before this token (words like "exp" need adjacent letters).</param>
public readonly record struct Token(TokenKind Kind, string Text, int Position, int Length, bool SpaceBefore)
{
    public bool Is(TokenKind kind, string text) => Kind == kind && Text == text;
    public bool IsSymbol(string text) => Kind == TokenKind.Symbol && Text == text;
    public bool IsCommand(string name) => Kind == TokenKind.Command && Text == name;
    public override string ToString() => Kind == TokenKind.Command ? "\\" + Text : Text;
}

/// <summary>
/// Splits LaTeX math into tokens, mapping the Unicode students paste (σ ∂ ∑ × · − ⊙ ≤ ᵀ ², Persian
/// digits) onto the commands they stand for, so the parser sees one vocabulary.
/// </summary>
public static class LatexLexer
{
    private static readonly Dictionary<char, string> UnicodeCommands = new()
    {
        ['α'] = "alpha", ['β'] = "beta", ['γ'] = "gamma", ['δ'] = "delta", ['ε'] = "epsilon", ['ϵ'] = "epsilon",
        ['ζ'] = "zeta", ['η'] = "eta", ['θ'] = "theta", ['ϑ'] = "theta", ['ι'] = "iota", ['κ'] = "kappa", ['λ'] = "lambda",
        ['μ'] = "mu", ['ν'] = "nu", ['ξ'] = "xi", ['π'] = "pi", ['ρ'] = "rho", ['σ'] = "sigma", ['τ'] = "tau",
        ['υ'] = "upsilon", ['φ'] = "phi", ['ϕ'] = "phi", ['χ'] = "chi", ['ψ'] = "psi", ['ω'] = "omega",
        ['Γ'] = "Gamma", ['Δ'] = "Delta", ['Θ'] = "Theta", ['Λ'] = "Lambda", ['Ξ'] = "Xi", ['Φ'] = "Phi",
        ['Ψ'] = "Psi", ['Ω'] = "Omega",
        ['Σ'] = "sum", ['∑'] = "sum", ['Π'] = "prod", ['∏'] = "prod", ['∂'] = "partial", ['∇'] = "nabla",
        ['√'] = "sqrt", ['×'] = "times", ['·'] = "cdot", ['⋅'] = "cdot", ['∙'] = "cdot", ['⊙'] = "odot",
        ['⊘'] = "oslash", ['∘'] = "circ", ['⊗'] = "otimes", ['≤'] = "le", ['⩽'] = "le", ['≥'] = "ge", ['⩾'] = "ge",
        ['≠'] = "ne", ['≈'] = "approx", ['→'] = "to", ['⟶'] = "to", ['←'] = "leftarrow", ['⇒'] = "Rightarrow",
        ['⟹'] = "Rightarrow", ['⇔'] = "iff", ['∈'] = "in", ['∞'] = "infty", ['…'] = "dots", ['⋯'] = "cdots",
        ['‖'] = "|", ['ℝ'] = "R@bb", ['∣'] = "mid", ['±'] = "pm", ['≔'] = "coloneqq", ['∼'] = "sim",
    };

    private static readonly Dictionary<char, string> Superscripts = new()
    {
        ['⁰'] = "0", ['¹'] = "1", ['²'] = "2", ['³'] = "3", ['⁴'] = "4", ['⁵'] = "5", ['⁶'] = "6", ['⁷'] = "7",
        ['⁸'] = "8", ['⁹'] = "9", ['ⁿ'] = "n", ['ᵢ'] = "i", ['ᵀ'] = "T",
    };

    private static readonly Dictionary<char, char> Subscripts = new()
    {
        ['₀'] = '0', ['₁'] = '1', ['₂'] = '2', ['₃'] = '3', ['₄'] = '4', ['₅'] = '5', ['₆'] = '6', ['₇'] = '7',
        ['₈'] = '8', ['₉'] = '9', ['ᵢ'] = 'i', ['ⱼ'] = 'j', ['ₖ'] = 'k', ['ₜ'] = 't', ['ₙ'] = 'n',
    };

    public static List<Token> Tokenize(string input)
    {
        var tokens = new List<Token>(input.Length / 2 + 4);
        var i = 0;
        var space = false;
        while (i < input.Length)
        {
            var c = input[i];
            if (char.IsWhiteSpace(c) || c == '~' || IsInvisible(c))
            {
                space = true;
                i++;
                continue;
            }
            if (c == '%')
            {
                while (i < input.Length && input[i] != '\n') i++;
                continue;
            }
            var start = i;
            if (c == '\\')
            {
                i++;
                if (i >= input.Length)
                {
                    tokens.Add(new Token(TokenKind.Symbol, "\\", start, 1, space));
                    break;
                }
                if (IsAsciiLetter(input[i]))
                {
                    while (i < input.Length && IsAsciiLetter(input[i])) i++;
                    var name = input[(start + 1)..i];
                    if (name is "text" or "textrm" or "textit" or "textbf" or "mbox" or "textnormal" && TryReadTextArgument(input, ref i, out var text))
                    {
                        tokens.Add(new Token(TokenKind.Text, text, start, i - start, space));
                    }
                    else if (name is "vert" or "Vert")
                    {
                        // \vert is the bar | and \Vert the double bar ‖ under another name: one reading for both spellings.
                        tokens.Add(name == "vert" ? new Token(TokenKind.Symbol, "|", start, i - start, space) : new Token(TokenKind.Command, "|", start, i - start, space));
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Command, name, start, i - start, space));
                    }
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Command, input[i].ToString(), start, 2, space));
                    i++;
                }
                space = false;
                continue;
            }
            var digit = DigitValue(c);
            if (digit >= 0 || (c == '.' && i + 1 < input.Length && DigitValue(input[i + 1]) >= 0 && !(i > 0 && input[i - 1] == '.')))
            {
                var sb = new StringBuilder();
                var seenDot = false;
                while (i < input.Length)
                {
                    var d = DigitValue(input[i]);
                    if (d >= 0)
                    {
                        sb.Append((char)('0' + d));
                        i++;
                    }
                    else if ((input[i] == '.' || input[i] == '٫') && !seenDot && i + 1 < input.Length && DigitValue(input[i + 1]) >= 0)
                    {
                        seenDot = true;
                        sb.Append('.');
                        i++;
                    }
                    else if (DigitsAfterSpaces(input, i) is var resume and > 0)
                    {
                        // TeX ignores spaces in math, so "1 0" typesets as 10: OCR splits numbers this way.
                        // Explicit spacing (\, \ ~ \quad) is a command, not a space, and keeps digits apart.
                        i = resume;
                    }
                    else break;
                }
                tokens.Add(new Token(TokenKind.Number, sb.ToString(), start, i - start, space));
                space = false;
                continue;
            }
            if (IsAsciiLetter(c))
            {
                i++;
                // A combining accent after a letter decorates it: ŷ written as y + U+0302.
                if (i < input.Length && CombiningAccent(input[i]) is { } accent)
                {
                    AddDecorated(tokens, accent, c.ToString(), start, i + 1 - start, space);
                    i++;
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Letter, c.ToString(), start, 1, space));
                }
                space = false;
                continue;
            }
            if (PrecomposedAccent(c) is { } pre)
            {
                AddDecorated(tokens, pre.Accent, pre.Letter, start, 1, space);
                i++;
                space = false;
                continue;
            }
            if (c == '.' && i + 2 < input.Length && input[i + 1] == '.' && input[i + 2] == '.')
            {
                tokens.Add(new Token(TokenKind.Command, "dots", start, 3, space));
                i += 3;
                space = false;
                continue;
            }
            if (Superscripts.TryGetValue(c, out var sup))
            {
                // x² → x^{2}; ⁻¹ → ^{-1}; ᵀ → ^{\top}
                var text = new StringBuilder(sup);
                var length = 1;
                tokens.Add(new Token(TokenKind.Symbol, "^", start, 1, space));
                tokens.Add(new Token(TokenKind.Symbol, "{", start, 0, false));
                if (sup == "T") tokens.Add(new Token(TokenKind.Command, "top", start, 1, false));
                else AddScriptText(tokens, text.ToString(), start);
                tokens.Add(new Token(TokenKind.Symbol, "}", start + length - 1, 0, false));
                i++;
                space = false;
                continue;
            }
            if (c == '⁻')
            {
                var j = i + 1;
                var sb = new StringBuilder("-");
                while (j < input.Length && Superscripts.TryGetValue(input[j], out var s2) && char.IsDigit(s2[0]))
                {
                    sb.Append(s2);
                    j++;
                }
                tokens.Add(new Token(TokenKind.Symbol, "^", start, 1, space));
                tokens.Add(new Token(TokenKind.Symbol, "{", start, 0, false));
                AddScriptText(tokens, sb.ToString(), start);
                tokens.Add(new Token(TokenKind.Symbol, "}", j - 1, 0, false));
                i = j;
                space = false;
                continue;
            }
            if (Subscripts.TryGetValue(c, out var sub))
            {
                tokens.Add(new Token(TokenKind.Symbol, "_", start, 1, space));
                tokens.Add(new Token(char.IsDigit(sub) ? TokenKind.Number : TokenKind.Letter, sub.ToString(), start, 1, false));
                i++;
                space = false;
                continue;
            }
            if (UnicodeCommands.TryGetValue(c, out var command))
            {
                if (command == "|")
                {
                    tokens.Add(new Token(TokenKind.Command, "|", start, 1, space));
                }
                else if (command.EndsWith("@bb", StringComparison.Ordinal))
                {
                    tokens.Add(new Token(TokenKind.Command, "mathbb", start, 1, space));
                    tokens.Add(new Token(TokenKind.Symbol, "{", start, 0, false));
                    tokens.Add(new Token(TokenKind.Letter, command[..1], start, 1, false));
                    tokens.Add(new Token(TokenKind.Symbol, "}", start, 0, false));
                }
                else
                {
                    tokens.Add(new Token(TokenKind.Command, command, start, 1, space));
                }
                i++;
                space = false;
                continue;
            }
            // Letters of the mathematical alphabets are surrogate pairs: 𝔼 (U+1D53C) is the blackboard E of
            // expectations, 𝟏 and 𝟙 (U+1D7CF, U+1D7D9) the all-ones vector. Each reads as its font command.
            if (c == '\ud835' && i + 1 < input.Length && input[i + 1] switch
                {
                    '\udd3c' => ("mathbb", TokenKind.Letter, "E"),
                    '\udfcf' or '\udfd9' => ("mathbf", TokenKind.Number, "1"),
                    _ => ((string, TokenKind, string)?)null,
                } is (string font, TokenKind kind, string letter))
            {
                tokens.Add(new Token(TokenKind.Command, font, start, 2, space));
                tokens.Add(new Token(TokenKind.Symbol, "{", start, 0, false));
                tokens.Add(new Token(kind, letter, start, 2, false));
                tokens.Add(new Token(TokenKind.Symbol, "}", start, 0, false));
                i += 2;
                space = false;
                continue;
            }
            var mapped = c switch
            {
                '−' or '–' or '—' or '‐' or '‑' => '-',
                '∗' or '⋆' => '*',
                '⁄' or '∕' or '÷' => '/',
                '،' or '٬' => ',',
                '（' => '(',
                '）' => ')',
                '′' or '’' or 'ʹ' => '\'',
                '″' => '"',
                '⟨' => '<',
                '⟩' => '>',
                _ => c,
            };
            if (mapped == '"')
            {
                tokens.Add(new Token(TokenKind.Symbol, "'", start, 1, space));
                tokens.Add(new Token(TokenKind.Symbol, "'", start, 1, false));
            }
            else if (char.IsSurrogate(mapped) && i + 1 < input.Length)
            {
                tokens.Add(new Token(TokenKind.Symbol, input.Substring(i, 2), start, 2, space));
                i++;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Symbol, mapped.ToString(), start, 1, space));
            }
            i++;
            space = false;
        }
        tokens.Add(new Token(TokenKind.End, "", input.Length, 0, space));
        return tokens;
    }

    /// <summary>Where digits resume after a run of spaces or tabs starting at <paramref name="i"/>, or −1.</summary>
    private static int DigitsAfterSpaces(string input, int i)
    {
        var j = i;
        while (j < input.Length && input[j] is ' ' or '\t') j++;
        return j > i && j < input.Length && DigitValue(input[j]) >= 0 ? j : -1;
    }

    private static void AddScriptText(List<Token> tokens, string text, int position)
    {
        foreach (var ch in text)
        {
            tokens.Add(char.IsDigit(ch)
                ? new Token(TokenKind.Number, ch.ToString(), position, 1, false)
                : ch == '-'
                    ? new Token(TokenKind.Symbol, "-", position, 1, false)
                    : new Token(TokenKind.Letter, ch.ToString(), position, 1, false));
        }
    }

    private static void AddDecorated(List<Token> tokens, string accent, string letter, int start, int length, bool space)
    {
        tokens.Add(new Token(TokenKind.Command, accent, start, length, space));
        tokens.Add(new Token(TokenKind.Symbol, "{", start, 0, false));
        tokens.Add(new Token(TokenKind.Letter, letter, start, length, false));
        tokens.Add(new Token(TokenKind.Symbol, "}", start, 0, false));
    }

    private static string? CombiningAccent(char c) => c switch
    {
        '\u0302' => "hat",
        '\u0304' or '\u0305' => "bar",
        '\u0303' => "tilde",
        '\u0307' => "dot",
        _ => null,
    };

    private static (string Accent, string Letter)? PrecomposedAccent(char c) => c switch
    {
        'ŷ' => ("hat", "y"),
        'Ŷ' => ("hat", "Y"),
        'ĥ' => ("hat", "h"),
        'â' => ("hat", "a"),
        'ê' => ("hat", "e"),
        'ô' => ("hat", "o"),
        'û' => ("hat", "u"),
        'ĝ' => ("hat", "g"),
        'ẑ' => ("hat", "z"),
        'ȳ' => ("bar", "y"),
        'ā' => ("bar", "a"),
        'ỹ' => ("tilde", "y"),
        'ã' => ("tilde", "a"),
        _ => null,
    };

    private static bool TryReadTextArgument(string input, ref int i, out string text)
    {
        var j = i;
        while (j < input.Length && char.IsWhiteSpace(input[j])) j++;
        if (j >= input.Length || input[j] != '{')
        {
            text = "";
            return false;
        }
        var depth = 0;
        var sb = new StringBuilder();
        for (var k = j; k < input.Length; k++)
        {
            var ch = input[k];
            if (ch == '{')
            {
                if (depth++ > 0) sb.Append(ch);
            }
            else if (ch == '}')
            {
                if (--depth == 0)
                {
                    i = k + 1;
                    text = sb.ToString().Trim();
                    return true;
                }
                sb.Append(ch);
            }
            else sb.Append(ch);
        }
        text = "";
        return false;
    }

    public static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    /// <summary>Zero-width joiners and direction marks that OCR leaves inside Persian math.</summary>
    private static bool IsInvisible(char c) => c is '\u200c' or '\u200d' or '\u200e' or '\u200f' or '\u202a' or '\u202b' or '\u202c' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\ufeff' or '\u00ad';

    /// <summary>0-9, Persian ۰-۹ and Arabic-Indic ٠-٩ digits.</summary>
    public static int DigitValue(char c)
    {
        if (c is >= '0' and <= '9') return c - '0';
        if (c is >= '۰' and <= '۹') return c - '۰';
        if (c is >= '٠' and <= '٩') return c - '٠';
        return -1;
    }

    public static string Describe(Token t) => t.Kind switch
    {
        TokenKind.End => "the end of the input",
        TokenKind.Command => $"'\\{t.Text}'",
        TokenKind.Text => $"the text '{t.Text}'",
        _ => $"'{t.Text}'",
    };

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
