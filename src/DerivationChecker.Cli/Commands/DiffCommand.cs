using System.CommandLine;
using System.Text.Json.Nodes;
using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Simplification;
using Symbol = DerivationChecker.Core.Expressions.Symbol;

namespace DerivationChecker.Cli.Commands;

/// <summary><c>dc diff EXPR --wrt X</c>: the derivative, simplified to the form a textbook prints.</summary>
public static class DiffCommand
{
    private static readonly Option<string> With = new("--wrt")
    {
        Description = "The variable: a scalar (x), a component (x_i), or a declared vector or matrix (w, W_{hh}); matrix results use denominator layout.",
        Required = true,
        HelpName = "X",
    };

    public static Command Create()
    {
        var expression = new Argument<string>("expression") { Description = "The expression to differentiate ('-' reads standard input)." };
        var command = new Command("diff", "Differentiate an expression: scalars, components (∂x_k/∂x_i = δ_ik), gradients and Jacobians.")
        {
            expression, With, CommonOptions.Symbols, CommonOptions.Definitions, CommonOptions.Syntax, CommonOptions.Json,
        };
        command.SetAction(result =>
        {
            var json = result.GetValue(CommonOptions.Json);
            try
            {
                var context = MathContext.Build(MathContext.ParseSymbolOptions(result.GetValue(CommonOptions.Symbols) ?? []),
                    result.GetValue(CommonOptions.Definitions) ?? [], result.GetValue(CommonOptions.Syntax));
                return Run(CommonOptions.ReadArgument(result.GetValue(expression)!), result.GetValue(With)!, context, json);
            }
            catch (InputException ex)
            {
                return Output.Fail(ex.Message, json);
            }
        });
        return command;
    }

    private static int Run(string text, string variableText, MathContext context, bool json)
    {
        var parsed = context.Read(text);
        if (!parsed.Ok) throw new InputException($"Could not read the expression ({parsed.Error!.Where}): {parsed.Error.Message}");
        var variable = context.Read(variableText);
        if (!variable.Ok || variable.Value is not (Symbol or Indexed))
            throw new InputException($"'{variableText}' is not a variable to differentiate by; write a name such as x, x_i or W_{{hh}}.");
        var body = context.Definitions.Expand([parsed.Value!], out _)[0];
        Expr derivative;
        try
        {
            derivative = variable.Value is Symbol { Kind: not Core.Symbols.ScalarKind and not Core.Symbols.IndexKind } matrixVariable
                ? MatrixDerivative.Differentiate(body, matrixVariable)
                : Differentiator.Differentiate(body, variable.Value!);
        }
        catch (NotDifferentiableException ex)
        {
            throw new InputException(ex.Message);
        }
        var result = Textbook.Simplify(derivative);
        var shape = ShapeInference.Infer(result);
        if (json)
        {
            Output.Json(new JsonObject
            {
                ["latex"] = Show.Latex(result),
                ["unicode"] = Show.Unicode(result),
                ["ascii"] = Show.Ascii(result),
                ["shape"] = shape.Ok ? shape.Shape!.Text : null,
                ["wrt"] = Show.Latex(variable.Value!),
            });
        }
        else
        {
            Console.WriteLine(Show.Latex(result));
        }
        return ExitCodes.Ok;
    }
}
