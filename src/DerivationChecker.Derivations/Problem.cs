using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Derivations;

/// <summary>
/// The statement of a homework problem as the engine reads it: declared symbols and the given
/// definitions, and expressions written in LaTeX as the homework writes them. Only what the problem
/// states is parsed here; everything a derivation concludes is computed by the engine.
/// </summary>
public sealed class Problem
{
    public Problem(IEnumerable<(string Name, string Kind)> symbols, IEnumerable<string>? definitions = null)
    {
        Symbols = SymbolDeclarations.Build(symbols.Select(s => new KeyValuePair<string, string>(s.Name, s.Kind)));
        DefinitionTexts = [.. definitions ?? []];
        Definitions = Definitions.FromEquations(DefinitionTexts.Select(Read));
    }

    public SymbolTable Symbols { get; }

    public Definitions Definitions { get; }

    public IReadOnlyList<string> DefinitionTexts { get; }

    /// <summary>Reads LaTeX in this problem's symbol table (a statement's formula, never a result).</summary>
    public Expr Read(string latex) => LatexParser.Parse(latex, Symbols).ValueOrThrow();

    /// <summary>The declared symbol (with its kind) of a name.</summary>
    public Symbol Symbol(string name) => (Symbol)Read(name);

    /// <summary>The definition whose left side is <paramref name="lhs"/> (σ_k, h_t), by its written form.</summary>
    public (Expr Lhs, Expr Rhs) Definition(string lhs)
    {
        var target = Read(lhs);
        for (var i = 0; i < Definitions.Count; i++)
        {
            if (Definitions[i].Lhs.Equals(target)) return Definitions[i];
        }
        throw new ArgumentException($"No definition of {lhs} in this problem.");
    }
}

/// <summary>A named derivation the engine can produce: <c>dc derive NAME</c>.</summary>
public interface IDerivationRecipe
{
    string Name { get; }

    /// <summary>One line for <c>dc derive --list</c>.</summary>
    string Summary { get; }

    /// <summary>The homework part whose answer this derivation reaches (set/part), for keys and sheets.</summary>
    string Part { get; }

    Core.Derivations.Derivation Build();
}
