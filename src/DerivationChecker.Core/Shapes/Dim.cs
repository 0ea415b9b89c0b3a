using System.Collections.Immutable;
using System.Globalization;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Core.Shapes;

/// <summary>
/// Dimensions are small integer-linear expressions (4, n, d+1, 2n). They are kept in one normal
/// form (terms ordered by name, constant last) so that equal dimensions compare equal structurally.
/// </summary>
public static class Dim
{
    public static Expr Normalize(Expr dim)
    {
        if (dim is Number or Symbol) return dim;
        var terms = new SortedDictionary<string, (Symbol Symbol, BigRational Coefficient)>(StringComparer.Ordinal);
        var constant = BigRational.Zero;
        if (!Collect(dim, BigRational.One, terms, ref constant)) return dim;
        var parts = ImmutableArray.CreateBuilder<Expr>();
        foreach (var (_, (symbol, coefficient)) in terms)
        {
            if (coefficient.IsZero) continue;
            parts.Add(coefficient.IsOne ? symbol : new Multiply(new Number(coefficient), symbol));
        }
        if (!constant.IsZero || parts.Count == 0) parts.Add(new Number(constant));
        return parts.Count == 1 ? parts[0] : new Add(parts.ToImmutable());
    }

    private static bool Collect(Expr e, BigRational scale, SortedDictionary<string, (Symbol, BigRational)> terms, ref BigRational constant)
    {
        switch (e)
        {
            case Number n:
                constant += scale * n.Value;
                return true;
            case Symbol s:
                terms[s.Name] = terms.TryGetValue(s.Name, out var t) ? (s, t.Item2 + scale) : (s, scale);
                return true;
            case Negate neg:
                return Collect(neg.Operand, -scale, terms, ref constant);
            case Add add:
                foreach (var term in add.Terms)
                {
                    if (!Collect(term, scale, terms, ref constant)) return false;
                }
                return true;
            case Multiply { Factors: [Number k, var rest] }:
                return Collect(rest, scale * k.Value, terms, ref constant);
            case Multiply { Factors: [var rest, Number k] }:
                return Collect(rest, scale * k.Value, terms, ref constant);
            default:
                return false;
        }
    }

    public static bool IsOne(Expr dim) => dim is Number { Value.IsOne: true };

    public static bool Equal(Expr a, Expr b) => Normalize(a).Equals(Normalize(b));

    public static bool TryGetConstant(Expr dim, out long value)
    {
        if (Normalize(dim) is Number n && n.Value.TryGetInt64(out value)) return true;
        value = 0;
        return false;
    }

    /// <summary>"4", "n", "(d+1)" for shape texts.</summary>
    public static string Text(Expr dim)
    {
        var d = Normalize(dim);
        return d switch
        {
            Number n => n.Value.ToString(),
            Symbol s => s.Name,
            _ => "(" + DebugPrinter.Print(d) + ")",
        };
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
