using System.Collections.Immutable;
using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Equivalence;

/// <summary>
/// Equations from the context that the checker may substitute: G = g ⊙ g, σ_k = e^{x_k}/Σ_j e^{x_j}
/// (k, a declared index, is a parameter), Var(Z) = E[Z²] − E[Z]² (Z, mentioned nowhere else, is a
/// parameter). Substitution repeats until nothing changes, with a round and size limit, so a
/// recursive definition (h_t = σ(U h_{t−1} + …)) cannot loop.
/// </summary>
public sealed class Definitions
{
    private const int MaxRounds = 8;
    private const int MaxSize = 200_000;

    private readonly ImmutableArray<(Expr Lhs, Expr Rhs)> _equations;

    public Definitions(IEnumerable<(Expr Lhs, Expr Rhs)> equations)
    {
        _equations = [.. equations];
        Recurrences = Recurrence.Find(_equations);
        _evaluable = new Lazy<ImmutableArray<Recurrence>>(() =>
            [.. Recurrences.Select(r => r with { Body = Expand([r.Body], out _)[0], Initial = r.Initial.ToImmutableDictionary(kv => kv.Key, kv => Expand([kv.Value], out _)[0]) })]);
    }

    /// <summary>The sequences these equations define step by step (m_t from m_{t−1}), as written.</summary>
    public ImmutableArray<Recurrence> Recurrences { get; }

    /// <summary>
    /// The recurrences with the other definitions substituted into each step (h_t = σ(U h_{t−1} + q_t)
    /// with q_t written out), which is what sampling runs.
    /// </summary>
    public ImmutableArray<Recurrence> Evaluable => _evaluable.Value;

    private readonly Lazy<ImmutableArray<Recurrence>> _evaluable;

    public static readonly Definitions None = new([]);

    /// <summary>
    /// The random quantities, when the context says which they are (a family's name covers its members:
    /// g covers g_i); every other name in an E[·] or Var(·) is then a constant, E[βg] = βE[g]. Null when
    /// the context does not say, and a factor whose randomness decides a comparison leaves it undecided.
    /// </summary>
    public ImmutableHashSet<string>? RandomNames { get; private init; }

    /// <summary>These definitions, with <paramref name="names"/> the only random quantities.</summary>
    public Definitions WithRandom(IEnumerable<string> names) => new(_equations) { RandomNames = [.. names] };

    public int Count => _equations.Length;

    /// <summary>Reads definitions from equations (a = b); anything else is refused.</summary>
    public static Definitions FromEquations(IEnumerable<Expr> equations) =>
        new(equations.Select(e => e is Relation { Operands: [var l, var r], Operators: [RelationKind.Equal or RelationKind.Define] }
            ? (l, r)
            : throw new ArgumentException($"A definition must be an equation LHS = RHS, not {e}.")));

    /// <summary>Substitutes every definition into each of <paramref name="targets"/>; parameters are decided against all of them.</summary>
    public ImmutableArray<Expr> Expand(IReadOnlyList<Expr> targets, out IReadOnlyList<int> used)
    {
        var usedSet = new SortedSet<int>();
        if (_equations.IsEmpty)
        {
            used = [];
            return [.. targets];
        }
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in targets)
        {
            foreach (var s in t.FreeSymbols()) mentioned.Add(s.Name);
        }
        // A recurrence is not substituted: the sampler runs it for each integer index, which also keeps
        // h_0 (the first term) from being rewritten in terms of a nonexistent h_{−1}.
        var rules = _equations.Select((eq, i) => new Rule(i, eq.Lhs, eq.Rhs, Parameters(eq.Lhs, mentioned)))
            .Where(rule => !IsRecurrence(rule.Lhs, rule.Rhs)).ToArray();
        var results = ImmutableArray.CreateBuilder<Expr>(targets.Count);
        foreach (var target in targets)
        {
            var e = target;
            for (var round = 0; round < MaxRounds; round++)
            {
                var next = Substitute(e, rules, usedSet);
                if (next.Equals(e) || next.Size > MaxSize) break;
                e = next;
            }
            results.Add(e);
        }
        used = [.. usedSet];
        return results.MoveToImmutable();
    }

    public (Expr Lhs, Expr Rhs) this[int index] => _equations[index];

    /// <summary>These definitions without the one of <paramref name="name"/> (h, or h_t for a family).</summary>
    public Definitions Without(Symbol name) =>
        new(_equations.Where(eq => !(eq.Lhs.Equals(name) || eq.Lhs is Indexed { Base: var b } && b.Equals(name)))) { RandomNames = RandomNames };

    private bool IsRecurrence(Expr lhs, Expr rhs) => Recurrences.Any(r => r.Term(r.Step).Equals(lhs) && r.Body.Equals(rhs));

    private sealed record Rule(int Index, Expr Lhs, Expr Rhs, ImmutableHashSet<string> Parameters);

    /// <summary>Index subscripts of declared index kind, and one-letter function arguments mentioned nowhere else.</summary>
    private static ImmutableHashSet<string> Parameters(Expr lhs, HashSet<string> mentioned)
    {
        var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        switch (lhs)
        {
            case Indexed ix:
                foreach (var i in ix.Indices)
                {
                    if (i is Symbol { Kind: IndexKind } s) names.Add(s.Name);
                }
                break;
            case Expressions.Apply or Variance or Expectation:
                foreach (var a in lhs.Args)
                {
                    if (a is Symbol s && !mentioned.Contains(s.Name)) names.Add(s.Name);
                }
                break;
        }
        return names.ToImmutable();
    }

    /// <summary>
    /// One round of substitution, bottom-up. The name of an indexed scalar quantity is not a use of
    /// that name: with J = Σ_t J_t defined, the J in J_2 stays (J_2 has a definition of its own);
    /// an entry ŷ_k of a vector is a use of ŷ.
    /// </summary>
    private static Expr Substitute(Expr e, Rule[] rules, SortedSet<int> used)
    {
        if (e.Args.Length == 0) return Apply(e, rules, used);
        var args = e.Args;
        var changed = false;
        var rebuilt = ImmutableArray.CreateBuilder<Expr>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            // ŷ_k is an entry of the vector ŷ, so ŷ's definition applies there; J_2 is a quantity of its own.
            var child = i == 0 && e is Indexed && args[0] is Symbol { Kind: not (VectorKind or MatrixKind) } ? args[0] : Substitute(args[i], rules, used);
            changed |= !ReferenceEquals(child, args[i]);
            rebuilt.Add(child);
        }
        return Apply(changed ? e.WithArgs(rebuilt.MoveToImmutable()) : e, rules, used);
    }

    private static Expr Apply(Expr node, Rule[] rules, SortedSet<int> used)
    {
        foreach (var rule in rules)
        {
            var bindings = new Dictionary<string, Expr>(StringComparer.Ordinal);
            if (!Match(rule.Lhs, node, rule.Parameters, bindings)) continue;
            used.Add(rule.Index);
            if (bindings.Count == 0) return rule.Rhs;
            var map = new Dictionary<Expr, Expr>();
            foreach (var s in rule.Lhs.Descendants().OfType<Symbol>())
            {
                if (bindings.TryGetValue(s.Name, out var value)) map[s] = value;
            }
            return rule.Rhs.Substitute(map);
        }
        return node;
    }

    private static bool Match(Expr pattern, Expr target, ImmutableHashSet<string> parameters, Dictionary<string, Expr> bindings)
    {
        if (pattern is Symbol p && parameters.Contains(p.Name))
        {
            if (bindings.TryGetValue(p.Name, out var bound)) return bound.Equals(target);
            bindings[p.Name] = target;
            return true;
        }
        if (pattern.GetType() != target.GetType()) return false;
        if (pattern.Args.Length == 0) return pattern.Equals(target);
        if (pattern.Args.Length != target.Args.Length) return false;
        // Same kind and payload: compare by rebuilding the target's node with the pattern's children.
        if (!pattern.WithArgs(target.Args).Equals(target)) return false;
        for (var i = 0; i < pattern.Args.Length; i++)
        {
            if (!Match(pattern.Args[i], target.Args[i], parameters, bindings)) return false;
        }
        return true;
    }
}
