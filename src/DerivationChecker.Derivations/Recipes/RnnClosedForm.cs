using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>h_t = −h_{t−1} + x_t unrolled to its closed form, and y = σ(10 h_T).</summary>
public sealed class RnnClosedForm : IDerivationRecipe
{
    public string Name => "rnn-closed-form";
    public string Summary => "h_t = (−1)^t h_0 + Σ_{i=1}^{t} (−1)^{t−i} x_i for h_t = −h_{t−1} + x_t, and y = σ(10 h_T) in closed form";
    public string Part => "rnn-gradients-circuits/q1";

    public Derivation Build()
    {
        var p = new Problem(
            [("T", "nat"), ("t", "index T"), ("x", "family real over t"), ("h", "family real over t"), ("y", "real")],
            [@"h_t = -h_{t-1} + x_t", @"y = \sigma(10 h_T)"]);
        var (T, t) = (p.Symbol("T"), p.Symbol("t"));
        var h = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "h");
        var i = new Symbol("i", Core.Symbols.SymbolKind.BoundInteger);
        var (y, yDefinition) = p.Definition("y");
        var b = new DerivationBuilder(Name, "A linear recurrence in closed form",
            @"For $h_t = -h_{t-1} + x_t$ with $h_0$ given, write $h_t$ in closed form, and $y = \sigma(10 h_T)$ in terms of $h_0$ and the inputs.",
            h.Term(t), p.Definitions, p.Symbols);

        b.Begin(h.StepAt(t), "the recurrence");
        b.Then("substitute the recurrence for h_{t−1}", _ => Textbook.Simplify(h.Unroll(t, 2)));
        b.Then("substitute it again for h_{t−2}", _ => Textbook.Simplify(h.Unroll(t, 3)));
        b.Then("unroll down to h_0: the coefficient −1 is applied once per step (linear recurrence, constant coefficient)", _ =>
            Textbook.Display(h.ClosedForm(t, i) ?? throw new InvalidOperationException("not a linear recurrence")));
        b.Conclude();
        b.Continue("substitute the closed form at t = T into y = σ(10 h_T)", _ =>
            (y, yDefinition.Substitute(h.Term(T), Textbook.Display(h.ClosedForm(T, i)!))));
        b.Conclude();
        return b.Build();
    }
}
