using System.CommandLine;
using System.Text;
using DerivationChecker.Cli;
using DerivationChecker.Cli.Commands;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

var root = new RootCommand(
    "DerivationChecker: reads deep-learning homework math, decides whether an answer is the same mathematics as the key, and says why.")
{
    ParseCommand.Create(),
    EquivCommand.Create(),
    DiffCommand.Create(),
    DeriveCommand.Create(),
    CheckCommand.Create(),
    KeysCommand.Create(),
    GradeCommand.Create(),
    RegradeCommand.Create(),
    RenderCommand.Create(),
};

var parsed = root.Parse(ArgumentNormalizer.Normalize(args));
if (parsed.Errors.Count > 0 && !args.Any(a => a is "--help" or "-h" or "-?"))
{
    // A usage mistake is bad input (exit 2), as scripts expect.
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"error: {error.Message}");
    Console.Error.WriteLine("Run 'dc --help' or 'dc <command> --help' for usage.");
    return ExitCodes.BadInput;
}
return parsed.Invoke();
