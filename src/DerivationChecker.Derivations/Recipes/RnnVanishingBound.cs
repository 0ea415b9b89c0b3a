using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>|∂L/∂h_t| ≤ |∂L/∂h_T| (|w|/4)^{T−t} for the scalar sigmoid RNN: why gradients vanish.</summary>
public sealed class RnnVanishingBound : IDerivationRecipe
{
    public string Name => "rnn-vanishing-bound";
    public string Summary => "|∂L/∂h_t| ≤ |∂L/∂h_T| (|w|/4)^{T−t} for h_t = σ(w h_{t−1} + u x_t), since σ' ≤ ¼ (checked for T = 1..6)";
    public string Part => "rnn-gradients-circuits/q3b";

    public Derivation Build()
    {
        var p = new Problem(
            [("T", "nat"), ("t", "index T"), ("k", "index T"), ("w", "real"), ("u", "real"),
             ("x", "family real over t"), ("h", "family real over t"), ("z", "family real over t"), ("\\ell", "fn")],
            [@"h_t = \sigma(w h_{t-1} + u x_t)", @"z_t = w h_{t-1} + u x_t", @"L = \ell(h_T)"]);
        var (T, t, k) = (p.Symbol("T"), p.Symbol("t"), p.Symbol("k"));
        var h = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "h");
        var (z, zDefinition) = p.Definition("z_t");
        var upstream = p.Read(@"\frac{\partial L}{\partial h_T}");
        var b = new DerivationBuilder(Name, "Vanishing gradients in a scalar sigmoid RNN",
            @"For $h_t=\sigma(wh_{t-1}+ux_t)$ and a loss $L$ of $h_T$, bound $|\partial L/\partial h_t|$ in terms of $|\partial L/\partial h_T|$.",
            p.Read(@"\frac{\partial L}{\partial h_t}"), p.Definitions, p.Symbols);
        b.ForAll(T, Number.One, Number.Of(6)).ForAll(t, Number.Zero, T);
        b.Assume("L depends on h_t only through h_T (checked with L a smooth random function of h_T)");

        b.Begin(new Multiply(upstream, ThroughTime.ChainOfSteps(h, T, t, k)), "chain rule through time: L depends on h_t only through h_{t+1}, …, h_T");
        b.Then("differentiate one step: ∂h_k/∂h_{k−1} = σ'(z_k) w", c => ThroughTime.OneStep(c, p.Definitions, d => Textbook.Display(Folding.Fold(d, z, zDefinition, [t]))));
        b.Then("take the constant w out of the product", c => Textbook.Display(BigOperators.PullOutConstants(c)));
        b.Conclude();
        b.Continue("absolute values: |ab| = |a||b|, and σ'(z) > 0", c =>
            (new Apply(Function.Abs, b.Subject), Textbook.Display(Inequalities.AbsoluteValues(new Apply(Function.Abs, c)))));
        b.Bound("σ'(z) ≤ ¼ for every z (sigmoid-derivative-max), and every factor is nonnegative", c =>
            Textbook.Display(BigOperators.PullOutConstants(Inequalities.ReplaceByMaximum(c,
                n => n is Apply { Function: { Id: FunctionId.Sigmoid, DerivativeOrder: 1 } }, new Number(Core.Numbers.BigRational.One / 4)))));
        b.Then("combine the powers: |w|^{T−t} (1/4)^{T−t} = (|w|/4)^{T−t}", c => Textbook.Display(Inequalities.CombinePowers(c)));
        b.Conclude();
        return b.Build();
    }
}
