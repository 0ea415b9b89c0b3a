using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Core.Simplification;

/// <summary>
/// Writes an expression back in terms of a defined quantity: with σ_k = e^{x_k}/Σ_j e^{x_j}, the
/// product e^{x_i + x_k}(Σ_j e^{x_j})^{−2} is σ_i σ_k. Products are opened into factors (e^{a+b} into
/// e^a e^b, s^{−2} into two s^{−1}) and the definition's factors are matched, parameters bound,
/// as many times as they occur.
/// </summary>
public static class Folding
{
    /// <summary>
    /// Replaces occurrences of <paramref name="definition"/>'s right side by its left side.
    /// <paramref name="parameters"/> are the left side's symbols that match anything (k in σ_k).
    /// </summary>
    public static Expr Fold(Expr e, Expr lhs, Expr rhs, IReadOnlyCollection<Symbol> parameters)
    {
        var pattern = Factors(Canonicalizer.Canonicalize(rhs, CanonicalOptions.Factored));
        var target = Canonicalizer.Canonicalize(e, CanonicalOptions.Factored);
        var whole = Canonicalizer.Canonicalize(rhs, CanonicalOptions.Factored);
        var folded = target.Rewrite(node => node switch
        {
            // A sum folds only as a whole (U h_{j−1} + q_j is z_j).
            Expressions.Add when whole is Expressions.Add => Replace(node, whole, lhs, parameters),
            Multiply or Apply or Power => FoldProduct(node, pattern, lhs, parameters),
            _ => node,
        });
        return Canonicalizer.Canonicalize(folded, CanonicalOptions.Factored);
    }

    /// <summary>
    /// Replaces every instance of <paramref name="lhs"/> by <paramref name="rhs"/>, parameters bound
    /// (a known result applied: ∂h_T/∂h_t with ∂h_T/∂h_i = … and i a parameter). No canonicalization.
    /// </summary>
    public static Expr Replace(Expr e, Expr lhs, Expr rhs, IReadOnlyCollection<Symbol> parameters) => e.Rewrite(node =>
    {
        var bindings = new Dictionary<Symbol, Expr>();
        return Unify(lhs, node, parameters, bindings) ? Instantiate(rhs, bindings) : node;
    });

    private static Expr FoldProduct(Expr product, List<Expr> pattern, Expr lhs, IReadOnlyCollection<Symbol> parameters)
    {
        var factors = Factors(product);
        var coefficient = BigRational.One;
        factors.RemoveAll(f =>
        {
            if (f is not Number n) return false;
            coefficient *= n.Value;
            return true;
        });
        var replacements = new List<Expr>();
        while (TryMatch(factors, pattern, parameters, out var used, out var bindings))
        {
            foreach (var index in used.OrderDescending()) factors.RemoveAt(index);
            replacements.Add(Instantiate(lhs, bindings));
        }
        if (replacements.Count == 0) return product;
        var all = new List<Expr> { new Number(coefficient) };
        all.AddRange(replacements);
        all.AddRange(factors);
        return Canonicalizer.Canonicalize(new Multiply([.. all]), CanonicalOptions.Factored);
    }

    /// <summary>A product opened into unit factors: e^{a+b} → e^a, e^b; s^n → n copies of s (s^{−n} → n of s^{−1}).</summary>
    private static List<Expr> Factors(Expr e)
    {
        var result = new List<Expr>();
        void Add(Expr f)
        {
            switch (f)
            {
                case Multiply m:
                    foreach (var g in m.Factors) Add(g);
                    return;
                case Apply { Function: { Id: FunctionId.Exp, DerivativeOrder: 0 }, Argument: Expressions.Add sum }:
                    foreach (var t in sum.Terms) result.Add(new Apply(Function.Exp, t));
                    return;
                case Power { Exponent: Number { Value: { IsInteger: true } n } } p when n.Abs() is var a && a > 1 && a <= 16:
                    var unit = n.Sign > 0 ? p.Base : new Power(p.Base, Number.MinusOne);
                    for (var k = 0; k < (int)a.Numerator; k++) result.Add(unit);
                    return;
                default:
                    result.Add(f);
                    return;
            }
        }
        Add(e);
        return result;
    }

    private static bool TryMatch(List<Expr> factors, List<Expr> pattern, IReadOnlyCollection<Symbol> parameters,
        out List<int> used, out Dictionary<Symbol, Expr> bindings)
    {
        used = [];
        bindings = [];
        return MatchFrom(0, factors, pattern, parameters, used, bindings);
    }

    private static bool MatchFrom(int p, List<Expr> factors, List<Expr> pattern, IReadOnlyCollection<Symbol> parameters, List<int> used, Dictionary<Symbol, Expr> bindings)
    {
        if (p == pattern.Count) return true;
        for (var i = 0; i < factors.Count; i++)
        {
            if (used.Contains(i)) continue;
            var snapshot = new Dictionary<Symbol, Expr>(bindings);
            if (!Unify(pattern[p], factors[i], parameters, bindings)) continue;
            used.Add(i);
            if (MatchFrom(p + 1, factors, pattern, parameters, used, bindings)) return true;
            used.RemoveAt(used.Count - 1);
            bindings.Clear();
            foreach (var kv in snapshot) bindings[kv.Key] = kv.Value;
        }
        return false;
    }

    private static bool Unify(Expr pattern, Expr target, IReadOnlyCollection<Symbol> parameters, Dictionary<Symbol, Expr> bindings)
    {
        if (pattern is Symbol s && parameters.Contains(s))
        {
            if (bindings.TryGetValue(s, out var bound)) return bound.Equals(target);
            bindings[s] = target;
            return true;
        }
        if (pattern.GetType() != target.GetType() || pattern.Args.Length != target.Args.Length) return false;
        if (pattern.Args.Length == 0) return pattern.Equals(target);
        if (!pattern.WithArgs(target.Args).Equals(target)) return false;
        for (var i = 0; i < pattern.Args.Length; i++)
        {
            if (!Unify(pattern.Args[i], target.Args[i], parameters, bindings)) return false;
        }
        return true;
    }

    private static Expr Instantiate(Expr lhs, Dictionary<Symbol, Expr> bindings) =>
        bindings.Count == 0 ? lhs : lhs.Substitute(bindings.ToDictionary(kv => (Expr)kv.Key, kv => kv.Value));

    /// <summary>
    /// Writes a sum as (common factor)·(sum of the rest): σ_k δ_ik − σ_i σ_k = σ_k(δ_ik − σ_i). The
    /// common factor is the largest multiset of scalar factors every term shares.
    /// </summary>
    public static Expr FactorCommon(Expr e)
    {
        var canonical = Canonicalizer.Canonicalize(e, CanonicalOptions.Factored);
        if (canonical is not Expressions.Add add) return canonical;
        var termFactors = add.Terms.Select(t => ScalarFactors(t)).ToList();
        var common = new List<Expr>(termFactors[0]);
        foreach (var other in termFactors.Skip(1))
        {
            var remaining = new List<Expr>(other);
            common = common.Where(f =>
            {
                var at = remaining.IndexOf(f);
                if (at < 0) return false;
                remaining.RemoveAt(at);
                return true;
            }).ToList();
        }
        common.RemoveAll(f => f is Number);
        if (common.Count == 0) return canonical;
        var rests = termFactors.Select(fs =>
        {
            var rest = new List<Expr>(fs);
            foreach (var c in common) rest.Remove(c);
            return rest.Count switch
            {
                0 => (Expr)Number.One,
                1 => rest[0],
                _ => Canonicalizer.Canonicalize(new Multiply([.. rest]), CanonicalOptions.Factored),
            };
        }).ToList();
        var outside = common.GroupBy(f => f).Select(g => g.Count() == 1 ? g.Key : new Power(g.Key, Number.Of(g.Count())));
        return new Multiply([.. outside, new Expressions.Add([.. rests])]);
    }

    /// <summary>A term's factors with whole powers opened (σ² is σ·σ), so σ − σ² shares σ.</summary>
    private static List<Expr> ScalarFactors(Expr term)
    {
        var result = new List<Expr>();
        foreach (var f in term is Multiply m ? m.Factors : [term])
        {
            if (f is Power { Exponent: Number { Value: { IsInteger: true, Sign: > 0 } k } } p && k.Numerator <= 16)
                result.AddRange(Enumerable.Repeat(p.Base, (int)k.Numerator));
            else result.Add(f);
        }
        return result;
    }

    public static ImmutableArray<Expr> TermsOf(Expr e) => e is Expressions.Add a ? a.Terms : [e];
}
