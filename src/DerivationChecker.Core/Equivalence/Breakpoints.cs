using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Equivalence;

/// <summary>
/// Where a real scalar's value switches an expression from one formula to another: the constants a
/// case expression compares it with (x &lt; 0, −5 &lt; x ≤ 0.001), and the kinks of ReLU, step, sign, |·|,
/// max and min of an affine argument (ReLU(x − 3) at 3). Only affine comparisons in one variable are
/// found; they are what case answers to the homework write.
/// </summary>
internal static class Breakpoints
{
    /// <summary>The breakpoints of each real scalar in <paramref name="e"/>, by the symbol's name.</summary>
    public static Dictionary<string, (Symbol Symbol, SortedSet<double> At)> Of(Expr e, Dictionary<string, (Symbol, SortedSet<double>)>? into = null)
    {
        var found = into ?? new Dictionary<string, (Symbol, SortedSet<double>)>(StringComparer.Ordinal);
        void Add((Symbol S, double K, double C)? affine, double equals)
        {
            if (affine is not { } f || f.K == 0) return;
            var root = (equals - f.C) / f.K;
            if (!double.IsFinite(root)) return;
            if (!found.TryGetValue(f.S.Name, out var entry)) found[f.S.Name] = entry = (f.S, new SortedSet<double>());
            entry.Item2.Add(root);
        }
        foreach (var node in e.Descendants())
        {
            switch (node)
            {
                case Piecewise pw:
                    foreach (var (_, condition) in pw.Cases)
                    {
                        if (condition is not Relation rel) continue;
                        for (var i = 0; i + 1 < rel.Operands.Length; i++)
                        {
                            var (left, right) = (rel.Operands[i], rel.Operands[i + 1]);
                            if (Constant(right) is { } r) Add(Affine(left), r);
                            else if (Constant(left) is { } l) Add(Affine(right), l);
                        }
                    }
                    break;
                case Apply { Function.Id: FunctionId.Relu or FunctionId.Step or FunctionId.Sign or FunctionId.Abs, Arguments: [var argument] }:
                    Add(Affine(argument), 0);
                    break;
                case Apply { Function.Id: FunctionId.Max or FunctionId.Min, Arguments: [var first, var second] }:
                    if (Constant(second) is { } s) Add(Affine(first), s);
                    else if (Constant(first) is { } f) Add(Affine(second), f);
                    break;
            }
        }
        return found;
    }

    /// <summary>e = K·s + C for one real scalar s, or null.</summary>
    private static (Symbol S, double K, double C)? Affine(Expr e)
    {
        switch (e)
        {
            case Symbol { Kind: ScalarKind { Domain: ScalarDomain.Real or ScalarDomain.Positive } } s:
                return (s, 1, 0);
            case Negate neg when Affine(neg.Operand) is { } inner:
                return (inner.S, -inner.K, -inner.C);
            case Multiply { Factors: [Number k, var rest] } when Affine(rest) is { } inner:
                return (inner.S, k.Value.ToDouble() * inner.K, k.Value.ToDouble() * inner.C);
            case Add add:
                {
                    (Symbol S, double K, double C)? variable = null;
                    var constant = 0.0;
                    foreach (var term in add.Terms)
                    {
                        if (Constant(term) is { } c) constant += c;
                        else if (variable is null && Affine(term) is { } a) variable = a;
                        else return null;
                    }
                    return variable is { } v ? (v.S, v.K, v.C + constant) : null;
                }
            default:
                return null;
        }
    }

    private static double? Constant(Expr e) => e switch
    {
        Number n => n.Value.ToDouble(),
        Negate { Operand: Number n } => -n.Value.ToDouble(),
        _ => null,
    };
}
