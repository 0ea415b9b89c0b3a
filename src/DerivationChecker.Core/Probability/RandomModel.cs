using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Core.Probability;

/// <summary>
/// Which quantities are random and how, written the way a homework states its assumptions:
/// <c>RandomModel.Empty.Random("X", "Y")</c> ("X and Y independent"),
/// <c>.Iid("w", W).ZeroMean("w")</c> ("the w_j are i.i.d. with mean 0, distributed as W"),
/// <c>.Stationary("g", g)</c> ("g_i stationary: E[g_i] = E[g]").
/// </summary>
/// <remarks>
/// A name makes the symbol and every indexed quantity built on it random: declaring <c>a</c> makes
/// <c>a</c>, <c>a_j</c>, <c>a^{[l-1]}_j</c> and <c>a^{[l]}</c> random, all of the family <c>a</c>. Everything else
/// (β, n, α, numbers, dimension symbols) is deterministic. A <em>member</em> of a family is a quantity
/// with a subscript (g_i, w_{kj}, a^{[l-1]}_j); its superscripts ([l], (i)) are part of what it is.
/// Independence: quantities of different families are independent unless declared <see cref="Dependent"/>;
/// two quantities of one family are independent only when the family's members are
/// (<see cref="Iid"/>, <see cref="IndependentMembers"/>), both are members of the same layer, and
/// their subscripts provably differ (g_1 and g_2, g_i and g_{i+1} — never g_i and g_k, which may be equal).
/// </remarks>
public sealed record RandomModel
{
    public static RandomModel Empty { get; } = new();

    /// <summary>Names of random symbols and families (the base name of g_i, w_{kj}, a^{[l-1]}_j).</summary>
    public ImmutableHashSet<string> RandomNames { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Families whose members at different indices are mutually independent.</summary>
    public ImmutableHashSet<string> IndependentFamilies { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Families whose members are identically distributed, each with the quantity that stands for all of them (g→g, w→W, a→a^{[l-1]}).</summary>
    public ImmutableDictionary<string, Expr> Representatives { get; init; } = ImmutableDictionary<string, Expr>.Empty;

    /// <summary>Families (or symbols) with E[X] = 0.</summary>
    public ImmutableHashSet<string> ZeroMeanNames { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Families that may depend on each other (m and g in Adam); all others are independent.</summary>
    public ImmutableList<ImmutableHashSet<string>> DependentGroups { get; init; } = ImmutableList<ImmutableHashSet<string>>.Empty;

    /// <summary>These symbols and families are random.</summary>
    public RandomModel Random(params string[] names) => this with { RandomNames = RandomNames.Union(names) };

    /// <summary>Members of the family at different indices are mutually independent (not necessarily identically distributed).</summary>
    public RandomModel IndependentMembers(string family) => Random(family) with { IndependentFamilies = IndependentFamilies.Add(family) };

    /// <summary>Members of the family are identically distributed, like <paramref name="representative"/>: E[g_i] = E[g], Var(w_j) = Var(W).</summary>
    public RandomModel Stationary(string family, Expr representative) =>
        Random(family) with { Representatives = Representatives.SetItem(family, representative) };

    /// <summary>Members of the family are independent and identically distributed, like <paramref name="representative"/>.</summary>
    public RandomModel Iid(string family, Expr representative) => Stationary(family, representative).IndependentMembers(family);

    /// <summary>E[X] = 0 for these symbols and every member of these families.</summary>
    public RandomModel ZeroMean(params string[] names) => Random(names) with { ZeroMeanNames = ZeroMeanNames.Union(names) };

    /// <summary>These families may depend on each other, so E of their product does not factor.</summary>
    public RandomModel Dependent(params string[] names) => Random(names) with { DependentGroups = DependentGroups.Add([.. names]) };

    // ---- what the algebra asks of the model ---------------------------------------------------------

    /// <summary>True when <paramref name="e"/> mentions a random quantity outside E[·] and Var(·) (E[X] itself is a number).</summary>
    public bool IsRandom(Expr e) => Atoms(e).Count > 0;

    /// <summary>The family of a random quantity (X, g_i, w_{kj}, a^{[l-1]}_j, or a representative such as W), or null when it is not one.</summary>
    internal string? FamilyOf(Expr e)
    {
        if (e is not (Symbol or Indexed)) return null;
        foreach (var (family, representative) in Representatives)
        {
            if (representative.Equals(e)) return family;
        }
        var root = Root(e);
        if (root is null) return null;
        if (RandomNames.Contains(root.Name)) return root.Name;
        return SplitLabel(root.Name) is { } split && RandomNames.Contains(split.Name) ? split.Name : null;
    }

    /// <summary>The random quantities in <paramref name="e"/>, each with whether it mentions an index bound inside <paramref name="e"/>.</summary>
    internal IReadOnlyList<RandomAtom> Atoms(Expr e)
    {
        var found = new List<RandomAtom>();
        Collect(e, ImmutableHashSet<string>.Empty, found);
        return found;
    }

    private void Collect(Expr e, ImmutableHashSet<string> bound, List<RandomAtom> found)
    {
        switch (e)
        {
            // E[X] and Var(X) are numbers, whatever X is.
            case Expectation or Variance:
                return;
            case Symbol or Indexed when FamilyOf(e) is { } family:
                {
                    var names = e.FreeSymbols().Select(s => s.Name).Concat(Subscripts(e).OfType<Symbol>().Select(s => s.Name));
                    found.Add(new RandomAtom(e, family, names.Any(bound.Contains)));
                    return;
                }
            case BigOperator big:
                if (big.Lower is not null) Collect(big.Lower, bound, found);
                if (big.Upper is not null) Collect(big.Upper, bound, found);
                Collect(big.Body, bound.Add(big.Index.Name), found);
                return;
            default:
                foreach (var a in e.Args) Collect(a, bound, found);
                return;
        }
    }

    /// <summary>The quantity that stands for a member of an identically distributed family (g_i → g), or the atom itself.</summary>
    internal Expr Representative(Expr atom)
    {
        if (FamilyOf(atom) is not { } family || !Representatives.TryGetValue(family, out var representative)) return atom;
        if (Subscripts(atom).IsEmpty) return atom;
        // w_j stands for W, a^{[l-1]}_j for a^{[l-1]}, but a^{[l]}_j is another layer and keeps its own law.
        var stem = Stem(atom);
        return stem is Symbol || stem.Equals(Stem(representative)) ? representative : atom;
    }

    internal bool IsZeroMean(Expr atom) =>
        FamilyOf(atom) is { } family && (ZeroMeanNames.Contains(family) || (Root(atom) is { } root && ZeroMeanNames.Contains(root.Name)));

    internal bool MayDepend(string family, string other) =>
        family == other || DependentGroups.Any(g => g.Contains(family) && g.Contains(other));

    internal bool Independent(RandomAtom a, RandomAtom b)
    {
        if (a.Family != b.Family) return !MayDepend(a.Family, b.Family);
        if (!IndependentFamilies.Contains(a.Family) || a.UnderBinder || b.UnderBinder) return false;
        if (!Stem(a.Atom).Equals(Stem(b.Atom))) return false;
        var (ia, ib) = (Subscripts(a.Atom), Subscripts(b.Atom));
        return ia.Length > 0 && ia.Length == ib.Length && Enumerable.Range(0, ia.Length).Any(p => ProvablyDifferent(ia[p], ib[p]));
    }

    /// <summary>Two random factors are independent when every pair of their random quantities is.</summary>
    internal bool Independent(Expr x, Expr y)
    {
        var (ax, ay) = (Atoms(x), Atoms(y));
        return ax.All(a => ay.All(b => Independent(a, b)));
    }

    /// <summary>The random factors split into mutually independent groups (in order of first appearance).</summary>
    internal List<List<Expr>> IndependentGroups(IReadOnlyList<Expr> factors)
    {
        var group = Enumerable.Range(0, factors.Count).ToArray();
        int Find(int i) => group[i] == i ? i : group[i] = Find(group[i]);
        for (var i = 0; i < factors.Count; i++)
        {
            for (var j = i + 1; j < factors.Count; j++)
            {
                if (Find(i) != Find(j) && !Independent(factors[i], factors[j])) group[Find(j)] = Find(i);
            }
        }
        var result = new List<List<Expr>>();
        var at = new Dictionary<int, List<Expr>>();
        for (var i = 0; i < factors.Count; i++)
        {
            if (!at.TryGetValue(Find(i), out var list))
            {
                list = [];
                at[Find(i)] = list;
                result.Add(list);
            }
            list.Add(factors[i]);
        }
        return result;
    }

    /// <summary>
    /// The terms of Σ_j Z_j are mutually independent: every random quantity in Z_j is a member of a family
    /// with independent members, indexed one-to-one by j (w_j, a^{[l-1]}_j, g_{2j+1}), one member per family
    /// per term, and no two families in the term may depend on each other.
    /// </summary>
    internal bool TermsIndependent(BigOperator big)
    {
        var atoms = Atoms(big.Body);
        if (atoms.Count == 0) return false;
        var j = big.Index;
        foreach (var atom in atoms)
        {
            if (atom.UnderBinder || !IndependentFamilies.Contains(atom.Family)) return false;
            if (!Subscripts(atom.Atom).Any(index => OneToOne(index, j))) return false;
        }
        var byFamily = atoms.GroupBy(a => a.Family).ToList();
        if (byFamily.Any(f => f.Select(a => a.Atom).Distinct().Count() > 1)) return false;
        return byFamily.All(f => byFamily.All(g => f.Key == g.Key || !MayDepend(f.Key, g.Key)));
    }

    // ---- the parts of a random quantity's name --------------------------------------------------------

    private static Symbol? Root(Expr e)
    {
        while (e is Indexed ix) e = ix.Base;
        return e as Symbol;
    }

    /// <summary>w_{kj} → (w, [k, j]): a letter subscript read into the name is still a list of indices.</summary>
    private static (string Name, ImmutableArray<Expr> Letters)? SplitLabel(string name)
    {
        var at = name.IndexOf("_{", StringComparison.Ordinal);
        if (at <= 0 || !name.EndsWith('}')) return null;
        var label = name[(at + 2)..^1];
        if (label.Length == 0 || !label.All(char.IsAsciiLetter)) return null;
        return (name[..at], [.. label.Select(ch => (Expr)new Symbol(ch.ToString()))]);
    }

    /// <summary>The subscripts that pick a member out of its family, innermost first: a^{[l-1]}_j → [j], W^{[l]}_{kj} → [k, j].</summary>
    internal ImmutableArray<Expr> Subscripts(Expr atom)
    {
        var levels = new List<ImmutableArray<Expr>>();
        var e = atom;
        while (e is Indexed ix)
        {
            if (ix.Placement == IndexPlacement.Subscript) levels.Add(ix.Indices);
            e = ix.Base;
        }
        var result = ImmutableArray.CreateBuilder<Expr>();
        if (e is Symbol s && !RandomNames.Contains(s.Name) && SplitLabel(s.Name) is { } split) result.AddRange(split.Letters);
        for (var i = levels.Count - 1; i >= 0; i--) result.AddRange(levels[i]);
        return result.ToImmutable();
    }

    /// <summary>The quantity without its member subscripts: a^{[l-1]}_j → a^{[l-1]}, W^{[l]}_{kj} → W^{[l]}, g_i → g.</summary>
    private Expr Stem(Expr atom) => atom switch
    {
        Indexed { Placement: IndexPlacement.Subscript } ix => Stem(ix.Base),
        Indexed ix => new Indexed(Stem(ix.Base), ix.Indices, ix.Placement),
        Symbol s when !RandomNames.Contains(s.Name) && SplitLabel(s.Name) is { } split => new Symbol(split.Name, s.Kind),
        _ => atom,
    };

    private static bool ProvablyDifferent(Expr x, Expr y) =>
        Canonicalizer.Canonicalize(new Add(x, new Negate(y)), CanonicalOptions.Default) is Number { Value.IsZero: false };

    /// <summary>Distinct j give distinct values of <paramref name="index"/>: it moves by a nonzero constant when j does.</summary>
    private static bool OneToOne(Expr index, Symbol j)
    {
        if (index is Symbol s && s.Name == j.Name) return true;
        if (!index.HasFree(j.Name)) return false;
        var step = index.Substitute(j, new Add(j, Number.One));
        return ProvablyDifferent(step, index);
    }
}

/// <summary>One random quantity as it occurs in an expression; <see cref="UnderBinder"/> when it mentions an index bound there.</summary>
internal readonly record struct RandomAtom(Expr Atom, string Family, bool UnderBinder);
