using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Notation.Ascii;

/// <summary>
/// Reads the plain syntax SymPy and Maxima users type (<c>beta_1^n*g</c>, <c>sigma(x)*(1-sigma(x))</c>,
/// <c>diff(f, x)</c>, <c>sum(x_i, i, 1, n)</c>) into the same tree the LaTeX reader builds for the same
/// mathematics. Never throws: every failure is a <see cref="ParseError"/> with a position and a message
/// that says what was expected. Nesting is limited to <see cref="MaxDepth"/> levels and reading is
/// linear in the length of the text.
/// </summary>
public static class AsciiParser
{
    /// <summary>Deeper nesting than this is refused (hostile input such as ((((…)))) or a/b/c/… chains).</summary>
    public const int MaxDepth = 100;

    public static ParseResult Parse(string input, SymbolTable? table = null)
    {
        input ??= "";
        try
        {
            return ParseResult.Success(new AsciiReader(input, table ?? SymbolTable.Empty).ReadAll());
        }
        catch (ParseException ex)
        {
            return ParseResult.Failure(new ParseError(input, ex.Position, Math.Max(1, ex.Length), ex.Message));
        }
        catch (InsufficientExecutionStackException)
        {
            return ParseResult.Failure(new ParseError(input, 0, 1, "The expression is nested too deeply to read."));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OverflowException or FormatException)
        {
            // A node refused what the reader built: report it rather than crash the caller.
            return ParseResult.Failure(new ParseError(input, 0, 1, $"I could not read this answer ({ex.Message})."));
        }
    }
}

/// <summary>
/// Recursive descent over the levels statements (,) › relations › sums › signs › .* ./ › products
/// (* / @, 2x, )( ) › powers (^ **, right-associative) › postfix (.T, _i, [i]) › atoms, mirroring
/// <see cref="Latex.LatexParser"/> level for level so both readers build one tree.
/// </summary>
internal sealed partial class AsciiReader
{
    private readonly List<AsciiToken> _tokens;
    private readonly int[] _match;
    private readonly bool[] _closesSomething;
    private readonly SymbolTable _table;
    private ImmutableDictionary<string, Symbol> _bound = ImmutableDictionary<string, Symbol>.Empty;
    private int _pos;
    private int _depth;

    public AsciiReader(string input, SymbolTable table)
    {
        _table = table;
        _tokens = AsciiLexer.Tokenize(input);
        _match = AsciiLexer.MatchBrackets(_tokens);
        _closesSomething = new bool[_tokens.Count];
        foreach (var close in _match)
        {
            if (close >= 0) _closesSomething[close] = true;
        }
    }

    public Expr ReadAll()
    {
        if (Peek().Kind == AsciiTokenKind.End) throw new ParseException(0, 1, "There is nothing to read: the answer is empty.");
        var result = ParseStatements();
        // Maxima ends a statement with ';' or '$'.
        if ((Peek().Is(";") || Peek().Is("$")) && PeekAt(1).Kind == AsciiTokenKind.End) Next();
        if (Peek().Kind != AsciiTokenKind.End) throw Unexpected(Peek());
        return result;
    }

    // ---- statements and relations ------------------------------------------------------------

    /// <summary>Top-level items separated by commas: several statements on one line.</summary>
    private Expr ParseStatements()
    {
        var items = new List<Expr> { ParseChain() };
        while (Peek().Is(","))
        {
            Next();
            if (Peek().Kind == AsciiTokenKind.End) throw Error(Peek(), "A comma must be followed by another item.");
            items.Add(ParseChain());
        }
        return items.Count == 1 ? items[0] : new TupleExpr([.. items], TupleStyle.Plain);
    }

    /// <summary>
    /// a = b = c, 0 &lt;= s &lt;= 1: one chain of relations. As in the LaTeX reader, a bracketed
    /// relation continued by another operator extends its chain.
    /// </summary>
    private Expr ParseChain()
    {
        var first = ParseExpression();
        if (RelationOf(Peek()) is null) return first;
        var operands = new List<Expr>();
        var operators = new List<RelationKind>();
        if (first is Relation rel)
        {
            operands.AddRange(rel.Operands);
            operators.AddRange(rel.Operators);
        }
        else
        {
            operands.Add(first);
        }
        while (RelationOf(Peek()) is { } kind)
        {
            Next();
            operators.Add(kind);
            operands.Add(ParseExpression());
        }
        return new Relation([.. operands], [.. operators]);
    }

    private static RelationKind? RelationOf(AsciiToken t) => t.Kind != AsciiTokenKind.Operator ? null : t.Text switch
    {
        "=" or "==" => RelationKind.Equal,
        "!=" or "#" => RelationKind.NotEqual,
        "<" => RelationKind.Less,
        "<=" => RelationKind.LessEqual,
        ">" => RelationKind.Greater,
        ">=" => RelationKind.GreaterEqual,
        _ => null,
    };

    // ---- sums, signs, Hadamard products, products ----------------------------------------------

    /// <summary>term (± term)*: subtraction is the sum of a negation, one flat sum however long.</summary>
    private Expr ParseExpression()
    {
        var first = ParseSigned();
        if (!Peek().Is("+") && !Peek().Is("-")) return first;
        var terms = new List<Expr> { first };
        while (true)
        {
            if (Peek().Is("+"))
            {
                Next();
                terms.Add(ParseSigned());
            }
            else if (Peek().Is("-"))
            {
                Next();
                terms.Add(Negated(ParseSigned()));
            }
            else break;
        }
        return new Add([.. terms]);
    }

    /// <summary>−x of a number literal is that negative number (−2); otherwise a negation node.</summary>
    private static Expr Negated(Expr e) => e is Number n ? new Number(-n.Value) : new Negate(e);

    /// <summary>A sign applies to the whole product after it: -2*x is −(2·x), -x^2 is −(x²).</summary>
    private Expr ParseSigned() => WithSigns(ParseHadamard);

    /// <summary>
    /// Signs before an operand (after a sum's '+', a '*', a '.*' or a '^': a*-b, 2^-1): each minus
    /// negates what follows, and a minus on a number literal makes a negative number.
    /// </summary>
    private Expr WithSigns(Func<Expr> operand)
    {
        var t = Peek();
        if (t.Is("-"))
        {
            Next();
            Enter(t);
            var inner = WithSigns(operand);
            Leave();
            return Negated(inner);
        }
        if (t.Is("+"))
        {
            Next();
            return WithSigns(operand);
        }
        return operand();
    }

    /// <summary>
    /// product (.* product | ./ product)*: entrywise operations bind looser than matrix products.
    /// a .* b .* c is one flat product; a ./ b ./ c nests to the left.
    /// </summary>
    private Expr ParseHadamard()
    {
        var left = ParseProduct();
        List<Expr>? factors = null;
        var divisions = 0;
        while (true)
        {
            var t = Peek();
            if (t.Is(".*"))
            {
                Next();
                var right = WithSigns(ParseProduct);
                factors ??= left is HadamardProduct h ? [.. h.Factors] : [left];
                factors.Add(right);
            }
            else if (t.Is("./"))
            {
                Next();
                Enter(t);
                divisions++;
                var current = factors is null ? left : new HadamardProduct([.. factors]);
                factors = null;
                left = new HadamardDivide(current, WithSigns(ParseProduct));
            }
            else break;
        }
        for (var k = 0; k < divisions; k++) Leave();
        return factors is null ? left : new HadamardProduct([.. factors]);
    }

    /// <summary>
    /// factor ((* | @ | / | implicit) factor)*. a*b/c is (a·b)/c and a/b/c is (a/b)/c, as in the LaTeX
    /// reader. A product is written out with '*' except after a number (2x, 2(x+1)) and between ')('.
    /// </summary>
    private Expr ParseProduct()
    {
        var factors = new List<Expr> { ParseFactor() };
        var numberLast = IsNumberLiteral(factors[^1]);
        var divisions = 0;
        while (true)
        {
            var t = Peek();
            if (t.Is("*") || t.Is("@"))
            {
                Next();
                factors.Add(WithSigns(ParseFactor));
                numberLast = IsNumberLiteral(factors[^1]);
            }
            else if (t.Is("/"))
            {
                Next();
                Enter(t);
                divisions++;
                var denominator = WithSigns(ParseFactor);
                numberLast = IsNumberLiteral(denominator);
                var numerator = factors.Count == 1 ? factors[0] : new Multiply([.. factors]);
                factors.Clear();
                factors.Add(new Divide(numerator, denominator));
            }
            else if (ImplicitProductAhead(numberLast, t))
            {
                factors.Add(ParseFactor());
                numberLast = IsNumberLiteral(factors[^1]);
            }
            else break;
        }
        for (var k = 0; k < divisions; k++) Leave();
        return factors.Count == 1 ? factors[0] : new Multiply([.. factors]);
    }

    /// <summary>The factor just read is a number as typed (2, -2, 1.5), not one inside brackets or a script.</summary>
    private bool IsNumberLiteral(Expr factor) => factor is Number && _tokens[_pos - 1].Kind == AsciiTokenKind.Number;

    /// <summary>
    /// 2x, 2 sigma(x), 2(x+1) and 1/2x after a number literal; (a+b)(a-b) and f(x)(1-f(x)) between ')('.
    /// Everywhere else a product needs its '*', so a typo such as "x y" is reported rather than guessed.
    /// </summary>
    private bool ImplicitProductAhead(bool numberLast, AsciiToken next)
    {
        if (numberLast) return next.Kind == AsciiTokenKind.Identifier || next.Is("(");
        return _tokens[_pos - 1].Is(")") && next.Is("(");
    }

    // ---- powers and postfix ----------------------------------------------------------------------

    /// <summary>postfix (^ signed factor)?: right-associative, so a^b^c is a^(b^c); signs are allowed, as in 2^-1.</summary>
    private Expr ParseFactor()
    {
        var start = Peek();
        Enter(start);
        var value = ParsePostfix();
        if (Peek().Is("^") || Peek().Is("**"))
        {
            Next();
            value = TransposeMarkAhead() ? ApplyLetterT(value) : ApplyExponent(value, WithSigns(ParseFactor));
        }
        Leave();
        return value;
    }

    /// <summary>A bare T as the whole exponent (X^T) is a transpose mark, as ^{T} is in LaTeX.</summary>
    private bool TransposeMarkAhead()
    {
        if (!Peek().IsIdentifier("T")) return false;
        var after = PeekAt(1);
        return !(after.Is("(") || after.Is("[") || after.Is("_") || after.Is("^") || after.Is("**") || after.Is(".T") || (after.Is("'") && !after.SpaceBefore));
    }

    /// <summary>X^T: a transpose when X is a vector or matrix or T is not a declared quantity; otherwise the power X^T.</summary>
    private Expr ApplyLetterT(Expr value)
    {
        var t = Next();
        Enter(t);
        Leave();
        if (IsNonScalar(value) || (_table.Lookup("T") is null && !_bound.ContainsKey("T"))) return new Transpose(value);
        return new Power(value, _bound.TryGetValue("T", out var bound) ? bound : _table.Symbol("T"));
    }

    /// <summary>X^-1 of a vector or matrix is its inverse; every other exponent is a power.</summary>
    private static Expr ApplyExponent(Expr value, Expr exponent) =>
        exponent is Number { Value: var v } && v == BigRational.MinusOne && IsNonScalar(value)
            ? new Inverse(value)
            : new Power(value, exponent);

    /// <summary>True when the expression's shape (from the declared kinds) is a vector or matrix.</summary>
    private static bool IsNonScalar(Expr e)
    {
        var result = ShapeInference.Infer(e);
        return result.Ok && result.Shape is MatrixShape;
    }

    /// <summary>An atom followed by .T, and (when it is not a name, which reads its own) _i or [i].</summary>
    private Expr ParsePostfix()
    {
        var value = ParsePrimary();
        var chained = 0;
        while (true)
        {
            var t = Peek();
            if (t.Is(".T"))
            {
                Next();
                Enter(t);
                chained++;
                value = new Transpose(value);
            }
            else if (t.Is("_") && value is not Number)
            {
                Next();
                Enter(t);
                chained++;
                var script = ReadSubscript(t);
                value = new Indexed(value, script.Label is null ? script.Items : [_table.Symbol(script.Label)]);
            }
            else if (t.Is("[") && value is not Number)
            {
                Enter(t);
                chained++;
                value = new Indexed(value, ReadBracketIndices());
            }
            else if (t.Is("'") && !t.SpaceBefore)
            {
                throw Error(t, "A prime after an expression is ambiguous; write the derivative as diff(…, x).");
            }
            else break;
        }
        for (var k = 0; k < chained; k++) Leave();
        return value;
    }

    // ---- atoms ---------------------------------------------------------------------------------

    private Expr ParsePrimary()
    {
        var t = Peek();
        switch (t.Kind)
        {
            case AsciiTokenKind.Number:
                {
                    Next();
                    if (!BigRational.TryParseDecimal(t.Text, out var value)) throw Error(t, $"'{t.Text}' is not a number I can read.");
                    return new Number(value);
                }
            case AsciiTokenKind.Identifier:
                return ParseIdentifier();
            case AsciiTokenKind.String:
                Next();
                return new TextNode(t.Text);
            case AsciiTokenKind.Operator:
                switch (t.Text)
                {
                    case "(":
                        return ParseParenthesized();
                    case "[":
                        return ParseRowVector();
                    case "{":
                        return ParseSet();
                    case "...":
                        Next();
                        return EllipsisNode.Instance;
                    case "'" when PeekAt(1).Kind == AsciiTokenKind.Identifier:
                        // Maxima's noun quote ('diff(y, x)) leaves the meaning unchanged.
                        Next();
                        return ParseIdentifier();
                    case "-" or "+":
                        throw Error(t, "A second sign here is ambiguous; put the negative part in parentheses.");
                }
                break;
        }
        throw ExpectedValue(t);
    }

    /// <summary>( … ): grouping, or a tuple (a, b).</summary>
    private Expr ParseParenthesized()
    {
        var open = Next();
        if (Peek().Is(")")) throw Error(Peek(), "These parentheses are empty: write something between '(' and ')'.");
        var items = ParseCommaList(open);
        ExpectClose(open);
        return items.Length == 1 ? items[0] : new TupleExpr(items, TupleStyle.Parentheses);
    }

    /// <summary>[a, b, c]: a row vector (a 1×n matrix literal); [a] is a.</summary>
    private Expr ParseRowVector()
    {
        var open = Next();
        if (Peek().Is("]")) throw Error(Peek(), "These brackets are empty: write something between '[' and ']'.");
        var items = ParseCommaList(open);
        ExpectClose(open);
        if (items.Length == 1) return items[0];
        if (items.Any(i => i is Relation or TupleExpr)) throw Error(open, "A bracketed list must hold values only.");
        return new MatrixLiteral(1, items.Length, items);
    }

    /// <summary>{a, b}: a set, as Maxima writes one.</summary>
    private Expr ParseSet()
    {
        var open = Next();
        if (Peek().Is("}")) throw Error(Peek(), "These braces are empty: write something between '{' and '}'.");
        var items = ParseCommaList(open);
        ExpectClose(open);
        return items.Length == 1 ? items[0] : new TupleExpr(items, TupleStyle.Braces);
    }

    /// <summary>chain (, chain)* inside brackets opened by <paramref name="open"/>.</summary>
    private ImmutableArray<Expr> ParseCommaList(AsciiToken open)
    {
        var items = ImmutableArray.CreateBuilder<Expr>();
        var close = AsciiLexer.Closer(open.Text);
        while (true)
        {
            items.Add(ParseChain());
            if (!Peek().Is(",")) break;
            Next();
            if (Peek().Is(close ?? ")") || Peek().Kind == AsciiTokenKind.End) throw Error(Peek(), "A comma must be followed by another item.");
        }
        return items.ToImmutable();
    }
}
