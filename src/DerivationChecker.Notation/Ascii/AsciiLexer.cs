using System.Globalization;

namespace DerivationChecker.Notation.Ascii;

internal enum AsciiTokenKind
{
    /// <summary>12, 1.5, .5, 1e-8, 2.5E3.</summary>
    Number,

    /// <summary>[A-Za-z][A-Za-z0-9]*, kron_delta, %e, %pi, or a pasted Greek letter spelled as its name.</summary>
    Identifier,

    /// <summary>+ - * / ^ ** @ .* ./ .T ( ) [ ] { } , = == != # &lt; &lt;= &gt; &gt;= ' _ ... and anything else of one character.</summary>
    Operator,

    /// <summary>"…": words kept as text.</summary>
    String,

    /// <summary>A character that has no meaning in this syntax (control characters, stray Unicode).</summary>
    Invalid,
    End,
}

/// <param name="SpaceBefore">Whitespace came right before this token (W' is a name, W ' is not).</param>
internal readonly record struct AsciiToken(AsciiTokenKind Kind, string Text, int Position, int Length, bool SpaceBefore)
{
    public bool Is(string op) => Kind == AsciiTokenKind.Operator && Text == op;
    public bool IsIdentifier(string name) => Kind == AsciiTokenKind.Identifier && Text == name;

    /// <summary>How a message names this token: "')'", "the name 'x'", "the end of the answer".</summary>
    public string Describe() => Kind switch
    {
        AsciiTokenKind.End => "the end of the answer",
        AsciiTokenKind.Number => $"the number {Text}",
        AsciiTokenKind.Identifier => $"the name '{Text}'",
        AsciiTokenKind.String => $"the text \"{Text}\"",
        AsciiTokenKind.Invalid => Text.Length == 1 && !char.IsControl(Text[0]) && !char.IsWhiteSpace(Text[0])
            ? $"the character '{Text}'"
            : $"the character U+{char.ConvertToUtf32(Text, 0).ToString("X4", CultureInfo.InvariantCulture)}",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// Splits the plain syntax SymPy and Maxima users type into tokens in one pass, and pairs every
/// bracket with its partner so the reader can look past a whole argument in constant time.
/// </summary>
internal static class AsciiLexer
{
    /// <summary>Pasted Greek letters read as the words typed for them; ϵ ϕ ϑ are variant forms, π and ∞ constants.</summary>
    private static readonly Dictionary<char, string> GreekCharacters = new(
        AsciiNames.Greek.Select(g => KeyValuePair.Create(g.Letter, g.Word))
            .Concat([new('ϵ', "epsilon"), new('ϕ', "phi"), new('ϑ', "theta"), new('π', "pi"), new('∞', "inf")]));

    /// <summary>Operators of two characters, longest match first.</summary>
    private static readonly string[] TwoCharacterOperators = ["**", "==", "!=", "<=", ">=", ".*", "./", ":="];

    public static List<AsciiToken> Tokenize(string input)
    {
        var tokens = new List<AsciiToken>(input.Length / 2 + 4);
        var i = 0;
        var space = false;
        while (i < input.Length)
        {
            var c = input[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
                continue;
            }
            var start = i;
            AsciiTokenKind kind;
            string text;
            if (IsDigit(c) || (c == '.' && i + 1 < input.Length && IsDigit(input[i + 1])))
            {
                i = ScanNumber(input, i);
                kind = AsciiTokenKind.Number;
                text = input[start..i];
            }
            else if (IsAsciiLetter(c))
            {
                while (i < input.Length && (IsAsciiLetter(input[i]) || IsDigit(input[i]))) i++;
                // kron_delta is the one built-in whose name has an underscore.
                if (i - start == 4 && string.CompareOrdinal(input, start, "kron_delta", 0, 10) == 0 && !IsWordCharacter(input, start + 10))
                    i = start + 10;
                kind = AsciiTokenKind.Identifier;
                text = input[start..i];
            }
            else if (c == '%' && i + 1 < input.Length && IsAsciiLetter(input[i + 1]))
            {
                i++;
                while (i < input.Length && (IsAsciiLetter(input[i]) || IsDigit(input[i]))) i++;
                kind = AsciiTokenKind.Identifier;
                text = input[start..i];
            }
            else if (GreekCharacters.TryGetValue(c, out var greek))
            {
                i++;
                kind = AsciiTokenKind.Identifier;
                text = greek;
            }
            else if (c == '"')
            {
                var close = input.IndexOf('"', i + 1);
                if (close < 0)
                {
                    i++;
                    kind = AsciiTokenKind.Invalid;
                    text = "\"";
                }
                else
                {
                    i = close + 1;
                    kind = AsciiTokenKind.String;
                    text = input[(start + 1)..close];
                }
            }
            else if (c == '.' && string.CompareOrdinal(input, i, "...", 0, 3) == 0)
            {
                i += 3;
                kind = AsciiTokenKind.Operator;
                text = "...";
            }
            else if (c == '.' && i + 1 < input.Length && input[i + 1] == 'T' && !IsWordCharacter(input, i + 2))
            {
                i += 2;
                kind = AsciiTokenKind.Operator;
                text = ".T";
            }
            else if (TwoCharacterOperator(input, i) is { } two)
            {
                i += 2;
                kind = AsciiTokenKind.Operator;
                text = two;
            }
            else if (c is '−' or '–')
            {
                i++;
                kind = AsciiTokenKind.Operator;
                text = "-";
            }
            else if ("+-*/^@()[]{},=#<>'_!:;|&\\.$?~`".Contains(c, StringComparison.Ordinal))
            {
                i++;
                kind = AsciiTokenKind.Operator;
                text = c.ToString();
            }
            else
            {
                i += char.IsSurrogatePair(input, i) ? 2 : 1;
                kind = AsciiTokenKind.Invalid;
                text = input[start..i];
            }
            tokens.Add(new AsciiToken(kind, text, start, i - start, space));
            space = false;
        }
        tokens.Add(new AsciiToken(AsciiTokenKind.End, "", input.Length, 0, space));
        return tokens;
    }

    /// <summary>
    /// For each opening bracket, the index of the token that closes it (−1 when it is never closed),
    /// so a look past a whole argument costs one step however long the argument is.
    /// </summary>
    public static int[] MatchBrackets(List<AsciiToken> tokens)
    {
        var match = new int[tokens.Count];
        Array.Fill(match, -1);
        var open = new Stack<int>();
        for (var k = 0; k < tokens.Count; k++)
        {
            var t = tokens[k];
            if (t.Kind != AsciiTokenKind.Operator) continue;
            if (t.Text is "(" or "[" or "{")
            {
                open.Push(k);
            }
            else if (t.Text is ")" or "]" or "}" && open.Count > 0 && Closes(tokens[open.Peek()].Text, t.Text))
            {
                match[open.Pop()] = k;
            }
        }
        return match;
    }

    public static string? Closer(string open) => open switch
    {
        "(" => ")",
        "[" => "]",
        "{" => "}",
        _ => null,
    };

    private static bool Closes(string open, string close) => Closer(open) == close;

    /// <summary>digits [. digits] [e[±]digits]; "2." keeps its point unless an operator (.* ./ .T) starts there.</summary>
    private static int ScanNumber(string input, int i)
    {
        while (i < input.Length && IsDigit(input[i])) i++;
        if (i < input.Length && input[i] == '.')
        {
            var next = i + 1 < input.Length ? input[i + 1] : '\0';
            if (IsDigit(next))
            {
                i++;
                while (i < input.Length && IsDigit(input[i])) i++;
            }
            else if (next is not ('*' or '/' or 'T' or '^' or '.') && !IsAsciiLetter(next))
            {
                i++;
            }
        }
        if (i < input.Length && input[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < input.Length && input[j] is '+' or '-') j++;
            // 1e-8 is a number; 2e and 2e-x are 2·e and 2·e − x.
            if (j < input.Length && IsDigit(input[j]))
            {
                while (j < input.Length && IsDigit(input[j])) j++;
                i = j;
            }
        }
        return i;
    }

    private static string? TwoCharacterOperator(string input, int i)
    {
        if (i + 1 >= input.Length) return null;
        foreach (var op in TwoCharacterOperators)
        {
            if (input[i] == op[0] && input[i + 1] == op[1]) return op;
        }
        return null;
    }

    private static bool IsWordCharacter(string input, int i) => i < input.Length && (IsAsciiLetter(input[i]) || IsDigit(input[i]) || input[i] == '_');

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
