using System.Collections.Immutable;

namespace DerivationChecker.Core.Expressions;

/// <summary>Traversals written once for every node kind, through <see cref="Expr.Args"/>.</summary>
public static class ExprOps
{
    /// <summary>Rebuilds bottom-up, applying <paramref name="post"/> to every node after its children.</summary>
    public static Expr Rewrite(this Expr e, Func<Expr, Expr> post)
    {
        if (e.Args.Length == 0) return post(e);
        ImmutableArray<Expr>.Builder? changed = null;
        for (var i = 0; i < e.Args.Length; i++)
        {
            var child = e.Args[i];
            var updated = child.Rewrite(post);
            if (changed is null && !ReferenceEquals(updated, child))
            {
                changed = ImmutableArray.CreateBuilder<Expr>(e.Args.Length);
                for (var j = 0; j < i; j++) changed.Add(e.Args[j]);
            }
            changed?.Add(updated);
        }
        return post(changed is null ? e : e.WithArgs(changed.MoveToImmutable()));
    }

    /// <summary>Every node, parents before children.</summary>
    public static IEnumerable<Expr> Descendants(this Expr e)
    {
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            for (var i = n.Args.Length - 1; i >= 0; i--) stack.Push(n.Args[i]);
        }
    }

    public static bool Any(this Expr e, Func<Expr, bool> predicate)
    {
        foreach (var n in e.Descendants())
        {
            if (predicate(n)) return true;
        }
        return false;
    }

    public static bool Contains(this Expr e, Expr sub) => e.Any(n => n.Equals(sub));

    /// <summary>Symbols that occur free (not bound by a Σ, ∏, max or lim), by name.</summary>
    public static IReadOnlySet<Symbol> FreeSymbols(this Expr e)
    {
        var result = new HashSet<Symbol>();
        CollectFree(e, ImmutableHashSet<string>.Empty, result);
        return result;
    }

    private static void CollectFree(Expr e, ImmutableHashSet<string> bound, HashSet<Symbol> result)
    {
        switch (e)
        {
            case Symbol s:
                if (!bound.Contains(s.Name)) result.Add(s);
                return;
            case BigOperator big:
                if (big.Lower is not null) CollectFree(big.Lower, bound, result);
                if (big.Upper is not null) CollectFree(big.Upper, bound, result);
                CollectFree(big.Body, bound.Add(big.Index.Name), result);
                return;
            default:
                foreach (var a in e.Args) CollectFree(a, bound, result);
                return;
        }
    }

    /// <summary>True when <paramref name="name"/> occurs free in <paramref name="e"/>.</summary>
    public static bool HasFree(this Expr e, string name) => e.FreeSymbols().Any(s => s.Name == name);

    /// <summary>
    /// Replaces every free occurrence of a key by its value. Capture-avoiding: a bound index that
    /// occurs free in a replacement is renamed first, and a key mentioning a bound index is not
    /// replaced under that binder.
    /// </summary>
    public static Expr Substitute(this Expr e, IReadOnlyDictionary<Expr, Expr> map)
    {
        if (map.Count == 0) return e;
        var replacementNames = new HashSet<string>();
        foreach (var value in map.Values)
        {
            foreach (var s in value.FreeSymbols()) replacementNames.Add(s.Name);
        }
        return SubstituteCore(e, map, replacementNames);
    }

    public static Expr Substitute(this Expr e, Expr target, Expr replacement) =>
        e.Substitute(new Dictionary<Expr, Expr> { [target] = replacement });

    private static Expr SubstituteCore(Expr e, IReadOnlyDictionary<Expr, Expr> map, HashSet<string> replacementNames)
    {
        if (map.TryGetValue(e, out var direct)) return direct;
        if (e.Args.Length == 0) return e;
        if (e is BigOperator big)
        {
            var index = big.Index;
            var lower = big.Lower is null ? null : SubstituteCore(big.Lower, map, replacementNames);
            var upper = big.Upper is null ? null : SubstituteCore(big.Upper, map, replacementNames);
            var inner = map.Where(kv => !kv.Key.HasFree(index.Name)).ToDictionary(kv => kv.Key, kv => kv.Value);
            var body = big.Body;
            if (replacementNames.Contains(index.Name))
            {
                var fresh = FreshSymbol(index, body, replacementNames);
                body = body.Substitute(index, fresh);
                index = fresh;
            }
            body = inner.Count == 0 ? body : SubstituteCore(body, inner, replacementNames);
            return new BigOperator(big.Kind, index, body, lower, upper);
        }
        ImmutableArray<Expr>.Builder? changed = null;
        for (var i = 0; i < e.Args.Length; i++)
        {
            var child = e.Args[i];
            var updated = SubstituteCore(child, map, replacementNames);
            if (changed is null && !ReferenceEquals(updated, child))
            {
                changed = ImmutableArray.CreateBuilder<Expr>(e.Args.Length);
                for (var j = 0; j < i; j++) changed.Add(e.Args[j]);
            }
            changed?.Add(updated);
        }
        return changed is null ? e : e.WithArgs(changed.MoveToImmutable());
    }

    private static readonly string[] FreshCandidates = ["j", "k", "l", "m", "p", "q", "r", "s", "u", "v"];

    private static Symbol FreshSymbol(Symbol index, Expr body, HashSet<string> avoid)
    {
        var used = new HashSet<string>(avoid);
        foreach (var n in body.Descendants())
        {
            if (n is Symbol s) used.Add(s.Name);
        }
        foreach (var name in FreshCandidates)
        {
            if (!used.Contains(name)) return new Symbol(name, index.Kind);
        }
        for (var primes = "'"; ; primes += "'")
        {
            if (!used.Contains(index.Name + primes)) return new Symbol(index.Name + primes, index.Kind);
        }
    }
}
