using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;

namespace DerivationChecker.Grading.Keys;

/// <summary>
/// The symbols and definitions a key's formulas and its students' answers are read and checked in:
/// what <c>dc equiv --sym … --def …</c> would be given for this homework. A part may declare more
/// symbols (or give a name another kind) and add definitions: <see cref="With"/>.
/// </summary>
public sealed class KeyContext
{
    private KeyContext(ImmutableArray<KeyValuePair<string, string>> declarations, SymbolTable symbols, ImmutableArray<KeyExpr> definitions,
        ImmutableArray<string>? random)
    {
        Declarations = declarations;
        Symbols = symbols;
        DefinitionFormulas = definitions;
        Random = random;
        var equations = Definitions.FromEquations(definitions.Select(d => d.Value));
        Definitions = random is { } names ? equations.WithRandom(names) : equations;
    }

    public static readonly KeyContext Empty = new([], SymbolTable.Empty, [], null);

    /// <summary>NAME: KIND as the key wrote them (the CLI's --sym).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Declarations { get; }

    public SymbolTable Symbols { get; }

    public ImmutableArray<KeyExpr> DefinitionFormulas { get; }

    public Definitions Definitions { get; }

    /// <summary>
    /// The random quantities (symbol names; a family's name covers its members), when the key says which
    /// they are: every other name inside E[·] and Var(·) is then a constant. Null when it does not say.
    /// </summary>
    public ImmutableArray<string>? Random { get; }

    /// <summary>Builds the symbol table; a bad declaration throws <see cref="FormatException"/> with the reason.</summary>
    public static KeyContext FromDeclarations(IEnumerable<KeyValuePair<string, string>> declarations)
    {
        var list = declarations.ToImmutableArray();
        return new KeyContext(list, SymbolDeclarations.Build(list), [], null);
    }

    /// <summary>Reads LaTeX (or the ASCII syntax, when the text looks like it) in this context.</summary>
    public ParseResult Read(string text) => MathReader.Read(text, Symbols, Syntax.Auto);

    /// <summary>This context with more definitions after its own.</summary>
    public KeyContext With(IEnumerable<KeyExpr> moreDefinitions)
    {
        var more = moreDefinitions.ToImmutableArray();
        return more.IsEmpty ? this : new KeyContext(Declarations, Symbols, DefinitionFormulas.AddRange(more), Random);
    }

    /// <summary>This context with these random quantities besides its own (symbol names; a family's name for its members).</summary>
    public KeyContext WithRandom(IEnumerable<string> names)
    {
        var more = names.ToImmutableArray();
        return more.IsEmpty ? this : new KeyContext(Declarations, Symbols, DefinitionFormulas, [.. Random ?? [], .. more]);
    }

    /// <summary>
    /// This context with more declarations (a later one wins), its definitions read again in the new
    /// table so that their symbols carry the new kinds. Throws <see cref="FormatException"/> for a bad
    /// declaration or a definition that no longer reads.
    /// </summary>
    public KeyContext WithSymbols(IEnumerable<KeyValuePair<string, string>> moreDeclarations)
    {
        var more = moreDeclarations.ToImmutableArray();
        if (more.IsEmpty) return this;
        var redeclared = more.Select(d => SymbolDeclarations.CanonicalName(d.Key)).ToHashSet(StringComparer.Ordinal);
        var all = Declarations.Where(d => !redeclared.Contains(SymbolDeclarations.CanonicalName(d.Key))).Concat(more).ToImmutableArray();
        var table = SymbolDeclarations.Build(all);
        var definitions = DefinitionFormulas.Select(d =>
        {
            var read = MathReader.Read(d.Latex, table, Syntax.Auto);
            return read.Ok ? d with { Value = read.Value! } : throw new FormatException($"the definition {d.Latex} cannot be read with these symbols: {read.Error}");
        }).ToImmutableArray();
        return new KeyContext(all, table, definitions, Random);
    }
}
