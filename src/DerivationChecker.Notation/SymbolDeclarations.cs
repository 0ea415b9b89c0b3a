using System.Globalization;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Notation;

/// <summary>
/// Reads symbol declarations as the case files and the command line write them: a name in LaTeX
/// (<c>W_{hh}</c>, <c>\hat{y}_t</c>) and a kind (<c>real</c>, <c>pos</c>, <c>nat</c>, <c>dim</c>,
/// <c>index D</c>, <c>vec D [pos]</c>, <c>mat R C [pos]</c>, <c>onehot D</c>, <c>prob D</c>,
/// <c>family vec D over i</c>, <c>fn</c>). Dimension names used in kinds are declared as dimensions.
/// </summary>
public static class SymbolDeclarations
{
    public static SymbolTable Build(IEnumerable<KeyValuePair<string, string>> declarations, SymbolTable? start = null)
    {
        var table = start ?? SymbolTable.Empty;
        var implicitDims = new List<string>();
        foreach (var (name, kindText) in declarations)
        {
            var canonical = CanonicalName(name);
            var kind = ParseKind(kindText, implicitDims);
            table = kind is null ? AliasOrThrow(table, canonical, kindText) : table.With(canonical, kind);
        }
        foreach (var dim in implicitDims)
        {
            if (!table.IsDeclared(dim)) table = table.With(dim, SymbolKind.Dimension);
        }
        return table;
    }

    /// <summary>Reads "NAME:KIND" (the command-line form); the kind follows the last colon.</summary>
    public static KeyValuePair<string, string> ParsePair(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new FormatException($"'{text}' is not a declaration; write NAME:KIND, for example 'W_{{hh}}:mat 4 4' or 'a:pos'.");
        return new KeyValuePair<string, string>(text[..colon].Trim(), text[(colon + 1)..].Trim());
    }

    private static SymbolTable AliasOrThrow(SymbolTable table, string name, string kindText) => kindText.Trim() switch
    {
        "softmax" => table.WithFunctionAlias(name, LatexParser.SoftmaxAlias),
        "sigmoid" => table.WithFunctionAlias(name, Function.Sigmoid),
        "step" => table.WithFunctionAlias(name, Function.Step),
        "relu" => table.WithFunctionAlias(name, Function.Relu),
        "tanh" => table.WithFunctionAlias(name, Function.Tanh),
        _ => throw new FormatException(
            $"'{kindText}' is not a kind I know (for {name}). Use real, pos, nat, dim, index D, vec D, mat R C, onehot D, prob D, family vec D over i, or fn."),
    };

    /// <summary>The canonical spelling of a declared name, as the reader builds it.</summary>
    public static string CanonicalName(string name)
    {
        var result = LatexParser.Parse(name.Trim());
        return result.Value switch
        {
            Symbol s => s.Name,
            Indexed { Base: Symbol b, Placement: IndexPlacement.Subscript } ix =>
                $"{b.Name}_{{{string.Join(",", ix.Indices.Select(LatexWriter.Write))}}}",
            Apply { Function: var f } when f.Id == FunctionId.Opaque => f.Name,
            Apply { Function: var f } => f.Id == FunctionId.Sigmoid ? "\\sigma" : f.Name,
            Constant { Kind: ConstantKind.E } => "e",
            Constant { Kind: ConstantKind.Pi } => "\\pi",
            _ => throw new FormatException($"'{name}' is not a name I can declare; write a letter or a name such as W_{{hh}} or \\hat{{y}}_t."),
        };
    }

    public static SymbolKind? ParseKind(string text, List<string>? implicitDims = null)
    {
        var words = text.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return null;
        var positive = words[^1] == "pos" && words.Length > 1;
        if (positive) words = words[..^1];
        switch (words[0])
        {
            case "real" or "scalar" when words.Length == 1:
                return SymbolKind.Real;
            case "pos" or "positive" when words.Length == 1:
                return SymbolKind.Positive;
            case "nat" or "natural" when words.Length == 1:
                return SymbolKind.Natural;
            case "dim" or "dimension" when words.Length == 1:
                return SymbolKind.Dimension;
            case "fn" or "function" when words.Length == 1:
                return SymbolKind.Function;
            case "index" when words.Length == 2:
                return new IndexKind(Dimension(words[1], implicitDims));
            case "vec" or "vector" when words.Length == 2:
                return new VectorKind(Dimension(words[1], implicitDims), positive ? EntryDomain.Positive : EntryDomain.Real);
            case "onehot" when words.Length == 2:
                return new VectorKind(Dimension(words[1], implicitDims), EntryDomain.OneHot);
            case "prob" when words.Length == 2:
                return new VectorKind(Dimension(words[1], implicitDims), EntryDomain.Probability);
            case "mat" or "matrix" when words.Length == 3:
                return new MatrixKind(Dimension(words[1], implicitDims), Dimension(words[2], implicitDims), positive);
            case "family" when words.Length >= 4 && words[^2] == "over":
                {
                    var member = ParseKind(string.Join(' ', words[1..^2]) + (positive ? " pos" : ""), implicitDims)
                        ?? throw new FormatException($"'{text}': the member kind of a family is not a kind I know.");
                    return new FamilyKind(member, words[^1]);
                }
            default:
                return null;
        }
    }

    private static Expr Dimension(string text, List<string>? implicitDims)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n < 1) throw new FormatException($"A dimension must be at least 1, not {text}.");
            return Number.Of(n);
        }
        var name = CanonicalName(text);
        implicitDims?.Add(name);
        return new Symbol(name, SymbolKind.Dimension);
    }
}
