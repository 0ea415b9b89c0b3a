using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>∂σ_k/∂x_i for the softmax σ_k = e^{x_k}/Σ_j e^{x_j}: quotient rule, split, write σ back, factor.</summary>
public sealed class SoftmaxJacobian : IDerivationRecipe
{
    public string Name => "softmax-jacobian";
    public string Summary => "∂σ_k/∂x_i = σ_k(δ_ik − σ_i), i.e. J = diag(σ) − σσᵀ, from the definition of softmax";
    public string Part => "linear-models-and-adam/q4b";

    public Derivation Build()
    {
        var p = new Problem(
            [("N", "dim"), ("x", "vec N"), ("\\sigma", "vec N"), ("i", "index N"), ("k", "index N")],
            [@"\sigma_k=\frac{e^{x_k}}{\sum_{j=1}^{N}e^{x_j}}", @"\sigma=\operatorname{softmax}(x)"]);
        var xi = p.Read("x_i");
        var (sigmaK, definition) = p.Definition(@"\sigma_k");
        var k = p.Symbol("k");
        var b = new DerivationBuilder(Name, "The softmax Jacobian",
            @"For the softmax $\sigma_k = e^{x_k}/\sum_{j=1}^{N} e^{x_j}$, find $\partial\sigma_k/\partial x_i$ for all $i, k$, and the Jacobian matrix.",
            p.Read(@"\frac{\partial \sigma_k}{\partial x_i}"), p.Definitions, p.Symbols);

        b.Begin(new Derivative(definition, [xi]), "definition of the softmax");
        b.Then("quotient rule", current =>
        {
            var (_, result, parts) = new Differentiator(xi).TopRule(((Derivative)current).Body, Textbook.Simplify);
            return (result, parts.Select(part => b.Sub(part.Rule, new Derivative(part.Expression, [xi]), part.Derivative)));
        });
        b.Then("split the fraction and cancel", Rearrange.SplitFraction);
        b.Then("write σ back (definition of the softmax)", current => Textbook.Display(Folding.Fold(current, sigmaK, definition, [k])));
        b.Then("factor out σ_k", current => Textbook.Display(Folding.FactorCommon(current)));
        b.Conclude();
        b.Continue("in matrix form: the Jacobian has entries J_{ki} = ∂σ_k/∂x_i", current =>
            (p.Read(@"\frac{\partial \sigma}{\partial x}"), Rearrange.IndexToMatrix(current, k, (Symbol)xi.Args[1], p.Read("N"))
                ?? throw new InvalidOperationException("the entries do not form a matrix expression")),
            note: "δ_ik σ_k is diag(σ) and σ_k σ_i is (σσᵀ)_{ki}; the Jacobian is symmetric, so σ_i(δ_ik − σ_k) is the same.");
        b.Conclude();
        return b.Build();
    }
}
