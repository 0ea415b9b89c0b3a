using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Equivalence;

/// <summary>
/// Told nothing about what is random, the checker cannot take a factor out of E[·] or Var(·): E[βX] is
/// βE[X] when β is a constant and is not when β is random. A quantity standing alone inside some E[·] or
/// Var(·) (E[g], E[X²], Var(W)) is random, and so is every member of its family (g_i); dimensions,
/// counts and indices are constants; any other name met only beside others inside E[·] or Var(·) is
/// undecided. Sampling treats E[βX] as a value of its own, which is the random case; the checker also
/// tries the constant case (<see cref="AsConstants"/>), and a "not equivalent" stands only if it holds in both.
/// </summary>
internal static class UnknownRandomness
{
    /// <summary>Names inside a product or sum in E[·] or Var(·) that are not known to be random.</summary>
    public static IReadOnlySet<string> UndecidedNames(Expr a, Expr b)
    {
        var random = new HashSet<string>(StringComparer.Ordinal);
        var beside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in a.Descendants().Concat(b.Descendants()))
        {
            if (node is not (Expectation or Variance)) continue;
            var operand = node.Args[0] is Power { Exponent: Number } power ? power.Base : node.Args[0];
            if (operand is Symbol or Indexed) Names(operand, random);
            else if (Parts(node) is { } parts)
            {
                foreach (var part in parts) Names(part, beside);
            }
        }
        beside.ExceptWith(random);
        return beside;
    }

    /// <summary>Every name inside an E[·] or Var(·) of <paramref name="a"/> or <paramref name="b"/>.</summary>
    public static IReadOnlySet<string> NamesInMoments(Expr a, Expr b)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in a.Descendants().Concat(b.Descendants()))
        {
            if (node is Expectation or Variance) Names(node.Args[0], names);
        }
        return names;
    }

    /// <summary>
    /// <paramref name="e"/> with the parts made only of <paramref name="constants"/> taken out:
    /// E[βX] → βE[X], Var(βX) → β²Var(X), Var(X + β) → Var(X), E[β] → β, Var(β) → 0.
    /// </summary>
    public static Expr AsConstants(Expr e, IReadOnlySet<string> constants)
    {
        Expr Settle(Expr node)
        {
            // E[c] = c;  Var(c) = 0
            if (node is Expectation or Variance && IsMadeOf(node.Args[0], constants))
                return node is Expectation ? node.Args[0] : Number.Zero;
            if (Parts(node) is not { } parts) return node;
            var outside = parts.Where(p => IsMadeOf(p, constants)).ToList();
            if (outside.Count == 0) return node;
            var inside = parts.Where(p => !IsMadeOf(p, constants)).ToList();
            return node switch
            {
                // E[cX] = c E[X]
                Expectation => new Multiply([.. outside, Settle(new Expectation(Product(inside)))]),
                // Var(cX) = c² Var(X)
                Variance { Operand: Multiply } => new Multiply(new Power(Product(outside), Number.Two), Settle(new Variance(Product(inside)))),
                // Var(X + c) = Var(X)
                _ => Settle(new Variance(inside.Count == 1 ? inside[0] : new Add([.. inside]))),
            };
        }
        return e.Rewrite(Settle);
    }

    /// <summary>The factors of E[XY] and Var(XY), and the terms of Var(X + Y): what could come out if it were constant.</summary>
    private static IReadOnlyList<Expr>? Parts(Expr node) => node switch
    {
        Expectation { Operand: Multiply m } => m.Factors,
        Variance { Operand: Multiply m } => m.Factors,
        Variance { Operand: Add add } => add.Terms,
        _ => null,
    };

    private static Expr Product(List<Expr> factors) => factors.Count == 1 ? factors[0] : new Multiply([.. factors]);

    private static bool IsMadeOf(Expr e, IReadOnlySet<string> constants)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Names(e, names);
        return names.Count > 0 && names.IsSubsetOf(constants);
    }

    /// <summary>The quantities that may be random (real, positive, vector, matrix, family) that <paramref name="e"/> mentions outside E[·] and Var(·).</summary>
    private static void Names(Expr e, HashSet<string> names)
    {
        switch (e)
        {
            case Expectation or Variance:
                return;
            case Symbol s when !s.Kind.IsIntegerValued && s.Kind is not Symbols.FunctionKind:
                names.Add(s.Name);
                return;
            // g_i is a member of g; its index is not a quantity.
            case Indexed ix:
                Names(ix.Base, names);
                return;
            default:
                foreach (var arg in e.Args) Names(arg, names);
                return;
        }
    }
}
