using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Notation;

/// <summary>
/// One way of turning a written name into the tree, shared by the LaTeX and ASCII readers so
/// <c>y_t</c> and <c>y_{t}</c> mean the same: whole declared names first (y_t, \hat{y}_t, m_t), then a
/// declared prefix with the rest as indices (y_{t,i} with y_t declared), families written g_{h_i},
/// labels folded into the name (W_{hh}), and otherwise the base with its indices.
/// </summary>
internal static class NameResolver
{
    /// <param name="name">Canonical base name: x, \beta, \hat{y}, W'.</param>
    /// <param name="label">A word subscript that belongs to the name (hh in W_{hh}), or null.</param>
    /// <param name="indices">Subscript indices (empty when none or when <paramref name="label"/> is set).</param>
    /// <param name="superIndex">A (i) or [l] superscript index, or null.</param>
    public static Expr Resolve(string name, string? label, ImmutableArray<Expr> indices, Expr? superIndex, IndexPlacement superPlacement,
        SymbolTable table, ImmutableDictionary<string, Symbol> bound)
    {
        Expr WithSuper(Expr value) => superIndex is null ? value : new Indexed(value, [superIndex], superPlacement);

        if (label is not null) return WithSuper(table.Symbol($"{name}_{{{label}}}"));
        var baseSymbol = bound.TryGetValue(name, out var b) ? b : table.Symbol(name);
        if (indices.IsDefaultOrEmpty) return WithSuper(baseSymbol);
        // A declared W_{hh} is that name even inside a sum over h.
        if (!bound.ContainsKey(name) && indices is [var only] && Letters(only) is { } written && table.Lookup($"{name}_{{{written}}}") is not null)
            return WithSuper(table.Symbol($"{name}_{{{written}}}"));
        indices = SplitIndexRuns(indices, table, bound);
        // Looking up declared names costs a LaTeX rendering of the indices; an empty table has none to find.
        if (!bound.ContainsKey(name) && table.Count > 0)
        {
            var full = $"{name}_{{{IndexText(indices)}}}";
            if (table.Lookup(full) is not null) return WithSuper(table.Symbol(full));
            for (var k = indices.Length - 1; k >= 1; k--)
            {
                var prefix = $"{name}_{{{IndexText(indices.Take(k))}}}";
                if (table.Lookup(prefix) is not null) return new Indexed(WithSuper(table.Symbol(prefix)), [.. indices.Skip(k)]);
            }
            if (indices.Length == 1 && indices[0] is Indexed { Base: Symbol inner, Placement: IndexPlacement.Subscript } innerIndexed
                && table.Lookup($"{name}_{{{inner.Name}}}") is FamilyKind)
            {
                return new Indexed(table.Symbol($"{name}_{{{inner.Name}}}"), innerIndexed.Indices);
            }
        }
        if (!bound.ContainsKey(name))
        {
            // W_{hh,t}: a word before the indices is part of the name.
            if (indices.Length >= 1 && LetterRun(indices[0], bound, table) is { } word)
            {
                var named = table.Symbol($"{name}_{{{word}}}");
                return indices.Length == 1 ? WithSuper(named) : new Indexed(WithSuper(named), [.. indices.Skip(1)]);
            }
        }
        return new Indexed(WithSuper(baseSymbol), indices);
    }

    /// <summary>
    /// w_{kj} inside a sum over j: a run of single letters of which one or more is an index (bound by an
    /// enclosing Σ or ∏, or declared an index) is that many indices, k and j, not the product k·j.
    /// </summary>
    public static ImmutableArray<Expr> SplitIndexRuns(ImmutableArray<Expr> indices, SymbolTable table, ImmutableDictionary<string, Symbol> bound)
    {
        bool IsIndex(Expr letter) => letter is Symbol s && (bound.ContainsKey(s.Name) || table.Lookup(s.Name) is IndexKind);
        bool IsIndexRun(Expr e) => Letters(e) is not null && ((Multiply)e).Factors.Any(IsIndex);
        if (!indices.Any(IsIndexRun)) return indices;
        return [.. indices.SelectMany(i => IsIndexRun(i) ? ((Multiply)i).Factors : [i])];
    }

    /// <summary>The letters of a run of single-letter names read as a product (k·j → "kj"), or null.</summary>
    private static string? Letters(Expr e) =>
        e is Multiply m && m.Factors.All(f => f is Symbol { Name.Length: 1 }) ? string.Concat(m.Factors.Select(f => ((Symbol)f).Name)) : null;

    /// <summary>hh read as h·h (two undeclared, unbound letters): the word "hh".</summary>
    private static string? LetterRun(Expr e, ImmutableDictionary<string, Symbol> bound, SymbolTable table)
    {
        if (e is not Multiply m || m.Factors.Length < 2) return null;
        var letters = new List<string>();
        foreach (var f in m.Factors)
        {
            if (f is not Symbol { Kind: ScalarKind { Domain: ScalarDomain.Real } } s || s.Name.Length != 1 || bound.ContainsKey(s.Name) || table.IsDeclared(s.Name)) return null;
            letters.Add(s.Name);
        }
        return string.Concat(letters);
    }

    /// <summary>Canonical text of indices for looking names up: "t", "t,i", "t-1".</summary>
    public static string IndexText(IEnumerable<Expr> indices) => string.Join(",", indices.Select(i => LatexWriter.Write(i)));
}
