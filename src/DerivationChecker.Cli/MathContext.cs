using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation;

namespace DerivationChecker.Cli;

/// <summary>The symbols and definitions an expression is read and checked in, built from the command line or a case.</summary>
public sealed class MathContext
{
    public required SymbolTable Symbols { get; init; }
    public required Definitions Definitions { get; init; }
    public required Syntax Syntax { get; init; }

    /// <summary>Builds a context; a bad declaration or definition throws <see cref="InputException"/> with the reason.</summary>
    public static MathContext Build(IEnumerable<KeyValuePair<string, string>> symbols, IEnumerable<string> definitions, Syntax syntax)
    {
        SymbolTable table;
        try
        {
            table = SymbolDeclarations.Build(symbols);
        }
        catch (FormatException ex)
        {
            throw new InputException(ex.Message);
        }
        var equations = new List<Expr>();
        foreach (var text in definitions)
        {
            var result = MathReader.Read(text, table, syntax);
            if (!result.Ok) throw new InputException($"Could not read the definition '{text}' ({result.Error!.Where}): {result.Error.Message}");
            if (result.Value is not Relation { Operators: [RelationKind.Equal or RelationKind.Define] })
                throw new InputException($"The definition '{text}' must be an equation, LHS = RHS.");
            equations.Add(result.Value);
        }
        return new MathContext { Symbols = table, Definitions = Definitions.FromEquations(equations), Syntax = syntax };
    }

    public static IEnumerable<KeyValuePair<string, string>> ParseSymbolOptions(IEnumerable<string> values)
    {
        foreach (var v in values)
        {
            KeyValuePair<string, string> pair;
            try
            {
                pair = SymbolDeclarations.ParsePair(v);
            }
            catch (FormatException ex)
            {
                throw new InputException(ex.Message);
            }
            yield return pair;
        }
    }

    public ParseResult Read(string text) => MathReader.Read(text, Symbols, Syntax);
}

/// <summary>Bad input from the user (exit code 2), with a message that says what to change.</summary>
public sealed class InputException(string message) : Exception(message);
