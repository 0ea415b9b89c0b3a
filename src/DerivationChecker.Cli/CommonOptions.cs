using System.CommandLine;
using DerivationChecker.Notation;

namespace DerivationChecker.Cli;

/// <summary>Options shared by several commands, defined once so they read the same everywhere.</summary>
public static class CommonOptions
{
    public static readonly Option<string[]> Symbols = new("--sym")
    {
        Description = "Declare a symbol as NAME:KIND, e.g. 'W_{hh}:mat 4 4', 'g:vec 2', 'k:nat', 'a:pos', 'i:index N', 'h:family vec 4 over i'. Repeatable. Undeclared names are real scalars.",
        HelpName = "NAME:KIND",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<string[]> Definitions = new("--def")
    {
        Description = "A definition the checker may substitute, as 'LHS=RHS', e.g. '\\sigma_k=\\frac{e^{x_k}}{\\sum_j e^{x_j}}'. Repeatable.",
        HelpName = "LHS=RHS",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static readonly Option<Syntax> Syntax = new("--syntax")
    {
        Description = "How to read the input: latex, ascii (SymPy/Maxima style: sigma(x)*(1-sigma(x)), **, diff(f, x)), or auto.",
        DefaultValueFactory = _ => Notation.Syntax.Auto,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON object instead of text.",
    };

    public static readonly Option<int> TimeoutMs = new("--timeout-ms")
    {
        Description = "Stop a check after this many milliseconds and answer 'inconclusive'.",
        DefaultValueFactory = _ => 2000,
    };

    /// <summary>An argument of "-" means: read standard input.</summary>
    public static string ReadArgument(string value) => value == "-" ? Console.In.ReadToEnd() : value;
}
