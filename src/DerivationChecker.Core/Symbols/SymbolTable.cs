using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Symbols;

/// <summary>
/// What each declared name is. Names are canonical LaTeX spellings (<c>W_{hh}</c>, <c>\hat{y}_{t}</c>);
/// a name not declared is a real scalar. Immutable: <see cref="With"/> returns a new table.
/// </summary>
public sealed class SymbolTable
{
    public static readonly SymbolTable Empty = new(ImmutableDictionary<string, SymbolKind>.Empty, ImmutableDictionary<string, Function>.Empty);

    private readonly ImmutableDictionary<string, SymbolKind> _kinds;
    private readonly ImmutableDictionary<string, Function> _functionAliases;

    private SymbolTable(ImmutableDictionary<string, SymbolKind> kinds, ImmutableDictionary<string, Function> aliases)
    {
        _kinds = kinds;
        _functionAliases = aliases;
    }

    public IEnumerable<KeyValuePair<string, SymbolKind>> Entries => _kinds.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    public int Count => _kinds.Count;

    public SymbolKind? Lookup(string name) => _kinds.TryGetValue(name, out var kind) ? kind : null;

    public bool IsDeclared(string name) => _kinds.ContainsKey(name);

    public SymbolTable With(string name, SymbolKind kind) => new(_kinds.SetItem(name, kind), _functionAliases);

    /// <summary>Makes a name stand for a built-in function (\sigma as softmax, \phi as the step function).</summary>
    public SymbolTable WithFunctionAlias(string name, Function function) => new(_kinds, _functionAliases.SetItem(name, function));

    public Function? FunctionAlias(string name) => _functionAliases.TryGetValue(name, out var f) ? f : null;

    /// <summary>A symbol with this name and its declared kind (a real scalar when undeclared).</summary>
    public Symbol Symbol(string name) => new(name, Lookup(name) ?? SymbolKind.Real);
}
