using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Solving;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>σ'(t) = σ(t)(1 − σ(t)) and its maximum ¼ at t = 0, from σ(t) = 1/(1 + e^{−t}).</summary>
public sealed class SigmoidDerivativeMax : IDerivationRecipe
{
    public string Name => "sigmoid-derivative-max";
    public string Summary => "σ'(t) = σ(t)(1 − σ(t)) ≤ ¼, with equality only at t = 0 (so 0 < σ' ≤ ¼, not ≤ 1)";
    public string Part => "linear-models-and-adam/q2a";

    public Derivation Build()
    {
        var p = new Problem([("t", "real")], [@"\sigma(t) = \frac{1}{1+e^{-t}}"]);
        var t = p.Symbol("t");
        var (sigma, definition) = p.Definition(@"\sigma(t)");
        var b = new DerivationBuilder(Name, "The derivative of the sigmoid and its maximum",
            @"For $\sigma(t) = 1/(1+e^{-t})$, find $\sigma'(t)$ in terms of $\sigma(t)$ and its largest value.",
            p.Read(@"\sigma'(t)"), p.Definitions, p.Symbols);

        b.Begin(new Derivative(definition, [t], DerivativeStyle.Total), "definition of σ");
        b.Then("quotient rule with (e^u)' = e^u", current =>
        {
            var (_, result, parts) = new Differentiator(t).TopRule(((Derivative)current).Body, Textbook.Simplify);
            return (Textbook.Simplify(result), parts.Select(part => b.Sub(part.Rule, new Derivative(part.Expression, [t], DerivativeStyle.Total), part.Derivative)));
        });
        b.Then("write e^{−t} = 1/σ(t) − 1 (solve the definition of σ) and multiply out", current =>
            Textbook.Display(Polynomials.InTermsOf(current, sigma, definition, t)
                ?? throw new InvalidOperationException("σ' could not be written in terms of σ")));
        b.Then("factor out σ(t)", current => Textbook.Display(Folding.FactorCommon(current)));
        b.Conclude();
        b.Then("complete the square in σ(t)", current => Polynomials.CompleteSquare(current, sigma)
            ?? throw new InvalidOperationException("σ(1 − σ) is not quadratic in σ"));
        b.Bound("a square is never negative", Polynomials.DropNegativeSquares);
        b.Conclude();
        b.Solve("the bound is reached only where the square is zero",
            builder => new Relation(builder.BeforeLastBound, RelationKind.Equal, builder.Current),
            equation => Solver.Isolate(equation, t), t);
        b.Conclude();
        return b.Build();
    }
}
