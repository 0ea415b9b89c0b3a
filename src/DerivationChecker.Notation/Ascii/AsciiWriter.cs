using System.Globalization;
using System.Numerics;
using System.Text;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Notation.Ascii;

/// <summary>
/// Writes an expression in the plain syntax that <see cref="AsciiParser"/> reads back into the same tree:
/// explicit '*', parentheses wherever the reading would otherwise change (a sum as a factor, a
/// negative number as a base, a quotient after another factor), Maxima's %e and %pi for the constants,
/// and .T for transposes so no symbol table is needed to read them. Node kinds this syntax cannot
/// spell fall back to <c>NodeName(arg, …)</c>.
/// </summary>
public static class AsciiWriter
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

    public static string Write(Expr e)
    {
        var sb = new StringBuilder();
        new Writer(sb).Emit(e, Level.Statement);
        return sb.ToString();
    }

    private sealed class Writer(StringBuilder sb)
    {
        public void Emit(Expr e, Level context)
        {
            if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                sb.Append("...");
                return;
            }
            var wrap = LevelOf(e) < context;
            if (wrap) sb.Append('(');
            EmitBare(e);
            if (wrap) sb.Append(')');
        }

        private static Level LevelOf(Expr e) => e switch
        {
            TupleExpr { Style: TupleStyle.Plain } => Level.Statement,
            Relation => Level.Relation,
            Add => Level.Sum,
            Negate => Level.Signed,
            Number n when n.Value.Sign < 0 => Level.Signed,
            Number n when NumberText(n.Value) is null => Level.Product,
            HadamardProduct or HadamardDivide => Level.Hadamard,
            Multiply or Divide => Level.Product,
            Power => Level.Power,
            Transpose or Indexed => Level.Postfix,
            _ => Level.Atom,
        };

        private void EmitBare(Expr e)
        {
            switch (e)
            {
                case Number n:
                    sb.Append(NumberText(n.Value) ?? $"{n.Value.Numerator.ToString(CultureInfo.InvariantCulture)}/{n.Value.Denominator.ToString(CultureInfo.InvariantCulture)}");
                    return;
                case FloatNumber f:
                    sb.Append(double.IsFinite(f.Value) ? f.Value.ToString("R", CultureInfo.InvariantCulture) : "undefined");
                    return;
                case Constant c:
                    sb.Append(c.Kind switch
                    {
                        ConstantKind.E => "%e",
                        ConstantKind.Pi => "%pi",
                        ConstantKind.Infinity => "inf",
                        _ => "undefined",
                    });
                    return;
                case Symbol s:
                    sb.Append(NameText(s.Name)?.Text ?? s.Name);
                    return;
                case TextNode t:
                    sb.Append('"').Append(t.Text.Replace('"', '\'')).Append('"');
                    return;
                case EllipsisNode:
                    sb.Append("...");
                    return;
                case Add add:
                    EmitSum(add);
                    return;
                case Negate neg:
                    sb.Append('-');
                    Emit(neg.Operand, Level.Hadamard);
                    return;
                case Multiply mul:
                    for (var i = 0; i < mul.Factors.Length; i++)
                    {
                        var f = mul.Factors[i];
                        if (i > 0) sb.Append('*');
                        // (a*b)*c and c*(a/b) would read as a*b*c and (c*a)/b.
                        var wrap = f is Multiply || (i > 0 && f is Divide);
                        Emit(f, wrap ? Level.Power : Level.Product);
                    }
                    return;
                case Divide div:
                    Emit(div.Numerator, Level.Product);
                    sb.Append('/');
                    Emit(div.Denominator, Level.Power);
                    return;
                case Power pow:
                    Emit(pow.Base, Level.Postfix);
                    sb.Append('^');
                    // A bare T exponent is read as a transpose mark.
                    if (pow.Exponent is Symbol { Name: "T" }) sb.Append("(T)");
                    else Emit(pow.Exponent, Level.Power);
                    return;
                case Root root:
                    if (root.Index is Number { Value: var v } && v == 2) EmitCall("sqrt", root.Radicand);
                    else EmitCall("root", root.Radicand, root.Index);
                    return;
                case Transpose t:
                    Emit(t.Operand, Level.Postfix);
                    sb.Append(".T");
                    return;
                case Inverse inv:
                    EmitCall("inv", inv.Operand);
                    return;
                case HadamardProduct h:
                    for (var i = 0; i < h.Factors.Length; i++)
                    {
                        if (i > 0) sb.Append(" .* ");
                        var f = h.Factors[i];
                        var first = i == 0 && f is HadamardDivide;
                        Emit(f, first ? Level.Hadamard : Level.Product);
                    }
                    return;
                case HadamardDivide hd:
                    Emit(hd.Left, Level.Hadamard);
                    sb.Append(" ./ ");
                    Emit(hd.Right, Level.Product);
                    return;
                case OnesVector { Length: { } length }:
                    EmitCall("ones", length);
                    return;
                case OnesVector:
                    sb.Append("ones");
                    return;
                case Diag d:
                    EmitCall("diag", d.Operand);
                    return;
                case Trace tr:
                    EmitCall("trace", tr.Operand);
                    return;
                case Softmax sm:
                    EmitCall("softmax", sm.Operand);
                    return;
                case Norm norm:
                    if (norm.Kind == NormKind.Two) EmitCall("norm", norm.Operand);
                    else EmitCall("norm", norm.Operand, norm.Kind == NormKind.One ? Number.One : Constant.Infinity);
                    return;
                case Variance va:
                    EmitCall("Var", va.Operand);
                    return;
                case Expectation ex:
                    sb.Append("E[");
                    Emit(ex.Operand, Level.Relation);
                    sb.Append(']');
                    return;
                case KroneckerDelta kd:
                    EmitCall("kron_delta", kd.First, kd.Second);
                    return;
                case MatrixLiteral m:
                    EmitMatrix(m);
                    return;
                case Apply ap:
                    EmitApply(ap);
                    return;
                case Indexed ix:
                    EmitIndexed(ix);
                    return;
                case BigOperator big:
                    EmitBigOperator(big);
                    return;
                case Derivative der:
                    EmitDerivative(der);
                    return;
                case Relation rel:
                    EmitRelation(rel);
                    return;
                case Piecewise pw:
                    sb.Append("piecewise(");
                    for (var i = 0; i < pw.Count; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        sb.Append('(');
                        Emit(pw.ValueAt(i), Level.Relation);
                        sb.Append(", ");
                        if (pw.ConditionAt(i).Equals(Piecewise.Otherwise)) sb.Append("otherwise");
                        else Emit(pw.ConditionAt(i), Level.Relation);
                        sb.Append(')');
                    }
                    sb.Append(')');
                    return;
                case TupleExpr tuple when tuple.Items.Length >= 2:
                    EmitTuple(tuple);
                    return;
                default:
                    EmitFallback(e);
                    return;
            }
        }

        /// <summary>NodeName(arg, …) for node kinds (or payloads) this syntax has no spelling for.</summary>
        private void EmitFallback(Expr e) => EmitCall(e.GetType().Name, [.. e.Args]);

        private void EmitCall(string name, params Expr[] args)
        {
            sb.Append(name).Append('(');
            for (var i = 0; i < args.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                Emit(args[i], Level.Relation);
            }
            sb.Append(')');
        }

        private void EmitSum(Add add)
        {
            for (var i = 0; i < add.Terms.Length; i++)
            {
                var term = add.Terms[i];
                if (i == 0)
                {
                    // A sum as the first term would be merged: (a + b) + c.
                    Emit(term, Level.Signed);
                    continue;
                }
                switch (term)
                {
                    case Negate neg:
                        sb.Append(" - ");
                        Emit(neg.Operand, Level.Hadamard);
                        break;
                    case Number { Value.Sign: < 0 } n:
                        sb.Append(" - ");
                        Emit(new Number(-n.Value), Level.Hadamard);
                        break;
                    default:
                        sb.Append(" + ");
                        Emit(term, Level.Hadamard);
                        break;
                }
            }
        }

        private void EmitApply(Apply ap)
        {
            var f = ap.Function;
            var name = f.Id switch
            {
                FunctionId.Sigmoid => "sigmoid",
                FunctionId.Opaque => NameText(f.Name)?.Text ?? f.Name,
                _ => f.Name,
            };
            sb.Append(name).Append('\'', f.DerivativeOrder).Append('(');
            for (var i = 0; i < ap.Arguments.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                Emit(ap.Arguments[i], Level.Relation);
            }
            sb.Append(')');
        }

        /// <summary>x_1, h_t, x_(t - 1), y_(t, i), W_hh[i]; any other base takes its indices in brackets: f(x)[i].</summary>
        private void EmitIndexed(Indexed ix)
        {
            if (ix.Placement != IndexPlacement.Subscript)
            {
                EmitFallback(ix);
                return;
            }
            var indices = ix.Indices;
            // A word index that is not a plain name (the sum in x_sum) can only be typed as a label after a bracketed base: (x)_sum.
            if (indices is [Symbol { Name: var word }] && word.Length > 1 && !AsciiReader.IsPlainName(word)
                && word.All(c => AsciiLexer.IsAsciiLetter(c) || AsciiLexer.IsDigit(c)) && AsciiLexer.IsAsciiLetter(word[0]))
            {
                sb.Append('(');
                EmitBare(ix.Base);
                sb.Append(")_").Append(word);
                return;
            }
            if (ix.Base is Symbol s && NameText(s.Name) is { } name)
            {
                sb.Append(name.Text);
                if (name.Subscripted)
                {
                    EmitList("[", indices, "]");
                }
                else if (indices.Length == 1 && SimpleIndex(indices[0]) is { } simple)
                {
                    sb.Append('_').Append(simple);
                }
                else
                {
                    EmitList("_(", indices, ")");
                }
                return;
            }
            Emit(ix.Base, Level.Atom);
            EmitList("[", indices, "]");
        }

        private void EmitList(string open, IReadOnlyList<Expr> items, string close)
        {
            sb.Append(open);
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0) sb.Append(", ");
                Emit(items[i], Level.Relation);
            }
            sb.Append(close);
        }

        /// <summary>An index written without brackets after '_': a whole number, a letter or a Greek letter.</summary>
        private static string? SimpleIndex(Expr index) => index switch
        {
            Number { Value: var v } when v.IsInteger && v.Sign >= 0 => v.Numerator.ToString(CultureInfo.InvariantCulture),
            Symbol { Name: var n } when n.Length == 1 && AsciiLexer.IsAsciiLetter(n[0]) => n,
            Symbol { Name: var n } => AsciiNames.GreekWord(n),
            _ => null,
        };

        private void EmitMatrix(MatrixLiteral m)
        {
            if (m.Rows == 1 && m.Columns >= 2)
            {
                EmitList("[", m.Args, "]");
                return;
            }
            sb.Append("matrix(");
            for (var r = 0; r < m.Rows; r++)
            {
                if (r > 0) sb.Append(", ");
                sb.Append('[');
                for (var c = 0; c < m.Columns; c++)
                {
                    if (c > 0) sb.Append(", ");
                    Emit(m[r, c], Level.Sum);
                }
                sb.Append(']');
            }
            sb.Append(')');
        }

        /// <summary>sum(body, i, a, b), prod(body, i, a, b), limit(body, x, a).</summary>
        private void EmitBigOperator(BigOperator big)
        {
            var name = big.Kind switch
            {
                BigOperatorKind.Sum => "sum",
                BigOperatorKind.Product => "prod",
                BigOperatorKind.Limit when big.HasLower && !big.HasUpper => "limit",
                _ => null,
            };
            var index = NameText(big.Index.Name);
            if (name is null || index is null || index.Subscripted || (big.HasUpper && !big.HasLower))
            {
                EmitFallback(big);
                return;
            }
            sb.Append(name).Append('(');
            Emit(big.Body, Level.Relation);
            sb.Append(", ").Append(index.Text);
            if (big.Lower is not null)
            {
                sb.Append(", ");
                Emit(big.Lower, Level.Relation);
            }
            if (big.Upper is not null)
            {
                sb.Append(", ");
                Emit(big.Upper, Level.Relation);
            }
            sb.Append(')');
        }

        /// <summary>diff(f, x), diff(f, x, 2), diff(f, x, y): a repeated variable is written once with its count.</summary>
        private void EmitDerivative(Derivative der)
        {
            var vars = der.Variables;
            sb.Append("diff(");
            Emit(der.Body, Level.Relation);
            var i = 0;
            while (i < vars.Length)
            {
                var j = i;
                while (j < vars.Length && vars[j].Equals(vars[i])) j++;
                sb.Append(", ");
                Emit(vars[i], Level.Relation);
                if (j - i > 1) sb.Append(", ").Append((j - i).ToString(CultureInfo.InvariantCulture));
                i = j;
            }
            sb.Append(')');
        }

        private void EmitRelation(Relation rel)
        {
            if (rel.Operators.Any(o => RelationText(o) is null))
            {
                EmitFallback(rel);
                return;
            }
            for (var i = 0; i < rel.Operands.Length; i++)
            {
                if (i > 0) sb.Append(' ').Append(RelationText(rel.Operators[i - 1])).Append(' ');
                Emit(rel.Operands[i], Level.Sum);
            }
        }

        private static string? RelationText(RelationKind kind) => kind switch
        {
            RelationKind.Equal => "=",
            RelationKind.NotEqual => "!=",
            RelationKind.Less => "<",
            RelationKind.LessEqual => "<=",
            RelationKind.Greater => ">",
            RelationKind.GreaterEqual => ">=",
            RelationKind.Distributed => "~",
            _ => null,
        };

        private void EmitTuple(TupleExpr tuple)
        {
            var (open, close) = tuple.Style switch
            {
                TupleStyle.Parentheses => ("(", ")"),
                TupleStyle.Braces => ("{", "}"),
                _ => ("", ""),
            };
            EmitList(open, tuple.Items, close);
        }
    }

    /// <summary>
    /// A number as the reader reads it back exactly: digits, a terminating decimal (1.5), or a decimal
    /// mantissa with an exponent (1e-40) when the decimal would be long. Null when the number has no
    /// finite decimal form (1/3).
    /// </summary>
    private static string? NumberText(BigRational value)
    {
        if (value.IsInteger) return value.Numerator.ToString(CultureInfo.InvariantCulture);
        var d = value.Denominator;
        var twos = 0;
        var fives = 0;
        while (d % 2 == 0) { d /= 2; twos++; }
        while (d % 5 == 0) { d /= 5; fives++; }
        if (!d.IsOne) return null;
        var places = Math.Max(twos, fives);
        if (places <= 30) return LatexWriter.DecimalText(value);
        var mantissa = value.Numerator * BigInteger.Pow(10, places) / value.Denominator;
        return $"{mantissa.ToString(CultureInfo.InvariantCulture)}e-{places.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>How a canonical name is typed, and whether that text already ends in a subscript.</summary>
    internal sealed record TypedName(string Text, bool Subscripted);

    /// <summary>
    /// The typed form of a canonical name: \beta → beta, \hat{y} → hat(y), W'_{hh} → W'_hh,
    /// h_{t-1} → h_(t - 1). Null when the name has no plain spelling (\mathcal{L}).
    /// </summary>
    internal static TypedName? NameText(string name)
    {
        var i = 0;
        string? text = null;
        foreach (var decoration in AsciiNames.Decorations)
        {
            var prefix = $"\\{decoration}{{";
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var close = name.IndexOf('}', prefix.Length);
            if (close < 0) return null;
            var inner = NameText(name[prefix.Length..close]);
            if (inner is null || inner.Subscripted) return null;
            text = $"{decoration}({inner.Text})";
            i = close + 1;
        }
        if (text is null)
        {
            if (i < name.Length && name[i] == '\\')
            {
                var end = i + 1;
                while (end < name.Length && AsciiLexer.IsAsciiLetter(name[end])) end++;
                text = AsciiNames.GreekWord(name[i..end]);
                if (text is null) return null;
                i = end;
            }
            else if (i < name.Length && AsciiLexer.IsAsciiLetter(name[i]))
            {
                var end = i;
                while (end < name.Length && (AsciiLexer.IsAsciiLetter(name[end]) || AsciiLexer.IsDigit(name[end]))) end++;
                text = name[i..end];
                i = end;
            }
            else return null;
        }
        var primes = 0;
        while (i < name.Length && name[i] == '\'') { primes++; i++; }
        text += new string('\'', primes);
        if (i == name.Length) return new TypedName(text, false);
        if (!name.AsSpan(i).StartsWith("_{", StringComparison.Ordinal) || name[^1] != '}') return null;
        var label = name[(i + 2)..^1];
        if (label.Length > 0 && label.All(c => AsciiLexer.IsAsciiLetter(c) || AsciiLexer.IsDigit(c))) return new TypedName($"{text}_{label}", true);
        // A declared name such as h_{t-1} or y_{t,i}: its subscript is LaTeX; type it in brackets.
        var parsed = LatexParser.Parse(label);
        if (!parsed.Ok) return null;
        var items = parsed.Value is TupleExpr { Style: TupleStyle.Plain } list ? list.Items : [parsed.Value!];
        return new TypedName($"{text}_({string.Join(", ", items.Select(Write))})", true);
    }
}
