using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Solving;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Simplification;

/// <summary>
/// An expression seen as a polynomial in one quantity (σ(t), a symbol): its coefficients, the
/// square completed, and an expression rewritten in terms of a defined quantity.
/// </summary>
public static class Polynomials
{
    private const int MaxDegree = 8;

    /// <summary>Coefficients by degree of <paramref name="e"/> as a polynomial in <paramref name="atom"/>, or null.</summary>
    public static SortedDictionary<int, Expr>? Coefficients(Expr e, Expr atom)
    {
        var s = new Symbol("⟨s⟩", SymbolKind.Real);
        var expanded = Canonicalizer.Canonicalize(e.Substitute(atom, s), CanonicalOptions.Default);
        var result = new SortedDictionary<int, Expr>();
        foreach (var term in expanded is Add a ? a.Terms : [expanded])
        {
            var degree = 0;
            var rest = new List<Expr>();
            foreach (var f in term is Multiply m ? m.Factors : [term])
            {
                if (f.Equals(s)) degree += 1;
                else if (f is Power { Base: var b, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } k } } && b.Equals(s) && k <= MaxDegree) degree += (int)k.Numerator;
                else if (f.Contains(s)) return null;
                else rest.Add(f);
            }
            Expr coefficient = rest.Count switch
            {
                0 => Number.One,
                1 => rest[0],
                _ => new Multiply([.. rest]),
            };
            result[degree] = result.TryGetValue(degree, out var known) ? new Add(known, coefficient) : coefficient;
        }
        foreach (var k in result.Keys.ToList()) result[k] = Canonicalizer.Canonicalize(result[k], CanonicalOptions.Factored);
        return result;
    }

    /// <summary>a s² + b s + c = c − b²/(4a) + a (s + b/(2a))², or null when e is not quadratic in the atom.</summary>
    public static Expr? CompleteSquare(Expr e, Expr atom)
    {
        var k = Coefficients(e, atom);
        if (k is null || k.Keys.Any(d => d > 2) || !k.TryGetValue(2, out var a)) return null;
        var b = k.TryGetValue(1, out var b1) ? b1 : Number.Zero;
        var c = k.TryGetValue(0, out var c0) ? c0 : Number.Zero;
        var shift = Canonicalizer.Canonicalize(new Divide(b, new Multiply(Number.Two, a)), CanonicalOptions.Factored);
        var constant = Canonicalizer.Canonicalize(new Add(c, new Negate(new Divide(new Power(b, Number.Two), new Multiply(Number.Of(4), a)))), CanonicalOptions.Factored);
        var square = new Multiply(a, new Power(new Add(atom, shift), Number.Two));
        return Textbook.Display(new Add(constant, Canonicalizer.Canonicalize(square, CanonicalOptions.Factored)));
    }

    /// <summary>
    /// Rewrites <paramref name="e"/> in terms of <paramref name="name"/> = <paramref name="definition"/>:
    /// solves the definition for a part of it (e^{−t} = 1/σ − 1 from σ = 1/(1 + e^{−t})), substitutes,
    /// and multiplies out. Null when no part of the definition both solves and removes the variable.
    /// </summary>
    public static Expr? InTermsOf(Expr e, Expr name, Expr definition, Symbol variable)
    {
        var canonicalDefinition = Canonicalizer.Canonicalize(definition, CanonicalOptions.Factored);
        var target = Canonicalizer.Canonicalize(e, CanonicalOptions.Factored);
        var candidates = canonicalDefinition.Descendants().Where(n => n.Contains(variable) && !n.Equals(canonicalDefinition))
            .Distinct().OrderByDescending(n => n.Size).ToList();
        foreach (var part in candidates)
        {
            if (!target.Contains(part)) continue;
            var steps = Solver.Isolate(new Relation(name, RelationKind.Equal, canonicalDefinition), part);
            if (steps is not { Count: > 0 } || LeftOutside(steps[^1].Equation.Operands[1])) continue;
            var solved = Canonicalizer.Canonicalize(steps[^1].Equation.Operands[1], CanonicalOptions.Factored);
            var rewritten = Canonicalizer.Canonicalize(target.Substitute(part, solved), CanonicalOptions.Default);
            if (!LeftOutside(rewritten)) return rewritten;
        }
        return null;

        // The variable is still there other than inside the name itself.
        bool LeftOutside(Expr x) => x.Substitute(name, new Symbol("⟨name⟩", SymbolKind.Real)).Contains(variable);
    }

    /// <summary>Upper bound by dropping every term −c·(…)² with c ≥ 0 (a square is never negative).</summary>
    public static Expr DropNegativeSquares(Expr e)
    {
        if (Canonicalizer.Canonicalize(e, CanonicalOptions.Factored) is not Add add) return e;
        var kept = add.Terms.Where(t => !IsNegativeSquare(t)).ToList();
        return Textbook.Display(kept.Count switch
        {
            0 => Number.Zero,
            1 => kept[0],
            _ => new Add([.. kept]),
        });
    }

    // c·u²·v⁴… with c < 0: never positive.
    private static bool IsNegativeSquare(Expr t)
    {
        var (c, rest) = AlgebraRules.SplitCoefficient(t);
        var factors = rest is Multiply m ? m.Factors : [rest];
        return c.Sign < 0 && factors.All(f => IsSquare(f) || SignAnalysis.IsPositive(f)) && factors.Any(IsSquare);
    }

    private static bool IsSquare(Expr f) => f is Power { Exponent: Number { Value: { IsInteger: true } k } } && k.Numerator.IsEven && k.Sign > 0;
}
