using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Notation.Latex;

public sealed partial class LatexParser
{
    /// <summary>
    /// A function's name written as a value, the homework's shorthand: dσ/dt = σ(1 − σ) means
    /// dσ(t)/dt = σ(t)(1 − σ(t)), and so do σ'(t) = σ(1 − σ) and σ'(t) = σ − σ². When the formula differentiates or applies
    /// the function (σ declared as one) at a single point, every bare σ stands for σ at that point, and
    /// σ(… σ …), an application whose argument holds the bare name, is the product σ·(…). When it is used
    /// at two points the reader cannot tell which is meant, and says so where the shorthand stands. Each
    /// statement of a list (σ'(t) = σ(1 − σ), σ'(0) = 1/4) is read on its own.
    /// </summary>
    private Expr ResolveFunctionShorthand(Expr value)
    {
        // Without a derivative or an application there is no point to read a bare name at.
        if (_functionDerivatives.Count == 0 && _applications.Count == 0) return value;
        if (value is TupleExpr { Style: TupleStyle.Plain } statements)
            return statements.WithArgs([.. statements.Items.Select(ResolveInStatement)]);
        return ResolveInStatement(value);
    }

    private Expr ResolveInStatement(Expr value)
    {
        foreach (var name in BareNames(value))
        {
            var function = NamedFunction(name)!;
            var derivatives = _functionDerivatives.Where(d => d.Derivative.Body is Symbol s && s.Name == name && value.Contains(d.Derivative)).ToList();
            var shorthand = _applications.Where(a => Same(a.Apply.Function, function) && ContainsBare(a.Apply.Arguments, name) && value.Contains(a.Apply)).ToList();
            foreach (var (derivative, at) in derivatives)
            {
                if (derivative.Variables.Any(v => !v.Equals(derivative.Variables[0])))
                    throw Error(at, $"{name} is a function: say at which argument it is differentiated, as in \\frac{{\\partial {name}(x, y)}}{{\\partial x}}.");
            }
            var points = derivatives.Select(d => d.Derivative.Variables[0])
                .Concat(value.Descendants().OfType<Apply>().Where(a => Same(a.Function, function) && !ContainsBare(a.Arguments, name))
                    .Select(a => a.Arguments.Length == 1 ? a.Arguments[0] : new TupleExpr(a.Arguments, TupleStyle.Parentheses)))
                .Distinct().ToList();
            if (points is [var point])
            {
                value = AtPoint(value, name, function with { DerivativeOrder = 0 }, point);
                continue;
            }
            // A bare σ beside σ applied at no point or at two is left as written, unless it is differentiated or applied.
            if (derivatives.Count == 0 && shorthand.Count == 0) continue;
            var where = derivatives.Count > 0 ? derivatives[0].At : shorthand[0].At;
            switch (points)
            {
                case []:
                    throw Error(where, $"{name} is a function, so {name}(…) applies it to what follows: write the product with its argument, as in {name}(t)(1 - {name}(t)).");
                default:
                    throw Error(where, $"{name} is a function used here at {LatexWriter.Write(points[0])} and at {LatexWriter.Write(points[1])}: write its argument "
                        + $"each time ({name}'({LatexWriter.Write(points[0])}), or \\frac{{d {name}({LatexWriter.Write(points[1])})}}{{d {LatexWriter.Write(points[0])}}}) to say which is meant.");
            }
        }
        return value;
    }

    /// <summary>Every bare σ as σ(point): dσ/dt becomes dσ(t)/dt, σ(1 − σ) becomes σ(t)·(1 − σ(t)).</summary>
    private static Expr AtPoint(Expr e, string name, Function function, Expr point)
    {
        Expr Visit(Expr node) => node switch
        {
            Symbol { Name: var n } when n == name => new Apply(function, point),
            Apply { Arguments: [var argument] } a when Same(a.Function, function) && a.Function.DerivativeOrder == 0 && ContainsBare([argument], name) =>
                new Multiply(new Apply(function, point), Visit(argument)),
            _ when node.Args.Length == 0 => node,
            _ => node.WithArgs([.. node.Args.Select(Visit)]),
        };
        return Visit(e);
    }

    private static bool Same(Function a, Function b) => a with { DerivativeOrder = 0 } == b with { DerivativeOrder = 0 };

    private static bool ContainsBare(IEnumerable<Expr> arguments, string name) =>
        arguments.Any(a => a.Any(n => n is Symbol { Name: var s } && s == name));

    /// <summary>Names of declared functions written bare (as values) in <paramref name="e"/>.</summary>
    private IEnumerable<string> BareNames(Expr e) =>
        e.Descendants().OfType<Symbol>().Select(s => s.Name).Distinct().Where(n => NamedFunction(n) is not null).ToList();
}
