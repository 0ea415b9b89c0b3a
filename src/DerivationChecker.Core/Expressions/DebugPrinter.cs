using System.Globalization;
using System.Text;

namespace DerivationChecker.Core.Expressions;

/// <summary>
/// A compact, unambiguous, fully parenthesised form for debugging and test failure messages.
/// It covers every node kind generically, so a new node kind prints before any writer knows it.
/// </summary>
public static class DebugPrinter
{
    public static string Print(Expr e)
    {
        var sb = new StringBuilder();
        Write(e, sb, 0);
        return sb.ToString();
    }

    private static void Write(Expr e, StringBuilder sb, int depth)
    {
        if (depth > 200)
        {
            sb.Append('…');
            return;
        }
        switch (e)
        {
            case Number n:
                sb.Append(n.Value.ToString());
                return;
            case FloatNumber f:
                sb.Append(f.Value.ToString("R", CultureInfo.InvariantCulture));
                return;
            case Constant c:
                sb.Append(c.Kind switch
                {
                    ConstantKind.E => "e",
                    ConstantKind.Pi => "pi",
                    ConstantKind.Infinity => "inf",
                    _ => "undefined",
                });
                return;
            case Symbol s:
                sb.Append(s.Name);
                return;
            case TextNode t:
                sb.Append('"').Append(t.Text).Append('"');
                return;
            case EllipsisNode:
                sb.Append("...");
                return;
            case Add a:
                Join(a.Terms, " + ", sb, depth);
                return;
            case Multiply m:
                Join(m.Factors, "*", sb, depth);
                return;
            case Negate neg:
                sb.Append('-');
                WrapOperand(neg.Operand, sb, depth);
                return;
            case Divide d:
                WrapOperand(d.Numerator, sb, depth);
                sb.Append('/');
                WrapOperand(d.Denominator, sb, depth);
                return;
            case Power p:
                WrapOperand(p.Base, sb, depth);
                sb.Append('^');
                WrapOperand(p.Exponent, sb, depth);
                return;
            case Transpose t:
                WrapOperand(t.Operand, sb, depth);
                sb.Append("^T");
                return;
            case Inverse inv:
                WrapOperand(inv.Operand, sb, depth);
                sb.Append("^-1");
                return;
            case Indexed ix:
                WrapOperand(ix.Base, sb, depth);
                sb.Append(ix.Placement switch
                {
                    IndexPlacement.ParenSuperscript => "^(",
                    IndexPlacement.BracketSuperscript => "^[",
                    _ => "_{",
                });
                Join(ix.Indices, ",", sb, depth);
                sb.Append(ix.Placement switch
                {
                    IndexPlacement.ParenSuperscript => ")",
                    IndexPlacement.BracketSuperscript => "]",
                    _ => "}",
                });
                return;
            case Apply ap:
                sb.Append(ap.Function.Name).Append('\'', ap.Function.DerivativeOrder).Append('(');
                Join(ap.Arguments, ", ", sb, depth);
                sb.Append(')');
                return;
            case BigOperator big:
                sb.Append(big.Kind.ToString().ToLowerInvariant()).Append('[').Append(big.Index.Name);
                if (big.Lower is not null) { sb.Append('='); Write(big.Lower, sb, depth + 1); }
                if (big.Upper is not null) { sb.Append(".."); Write(big.Upper, sb, depth + 1); }
                sb.Append("](");
                Write(big.Body, sb, depth + 1);
                sb.Append(')');
                return;
            case Relation r:
                for (var i = 0; i < r.Operands.Length; i++)
                {
                    if (i > 0) sb.Append(' ').Append(r.Operators[i - 1]).Append(' ');
                    Write(r.Operands[i], sb, depth + 1);
                }
                return;
            default:
                sb.Append(e.GetType().Name).Append('(');
                Join(e.Args, ", ", sb, depth);
                sb.Append(')');
                return;
        }
    }

    private static void WrapOperand(Expr e, StringBuilder sb, int depth)
    {
        var atomic = e is Symbol or Constant || e is Number { Value.IsInteger: true, Value.Sign: >= 0 } || e is Apply || e is Indexed;
        if (!atomic) sb.Append('(');
        Write(e, sb, depth + 1);
        if (!atomic) sb.Append(')');
    }

    private static void Join(IEnumerable<Expr> items, string separator, StringBuilder sb, int depth)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first) sb.Append(separator);
            first = false;
            if (separator is "*" or " + ") WrapOperand(item, sb, depth);
            else Write(item, sb, depth + 1);
        }
    }
}
