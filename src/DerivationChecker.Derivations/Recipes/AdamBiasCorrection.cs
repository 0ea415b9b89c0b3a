using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Probability;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>Adam's moments unrolled, their expectations, and why the bias correction divides by 1 − βⁿ.</summary>
public sealed class AdamBiasCorrection : IDerivationRecipe
{
    public string Name => "adam-bias-correction";
    public string Summary => "m_n = (1−β₁) Σ β₁^{n−i} g_i, E[m_n] = (1−β₁ⁿ) E[g], so m̂_n = m_n/(1−β₁ⁿ) is unbiased (and v̂_n likewise); checked for n = 1..6";
    public string Part => "linear-models-and-adam/q3d";

    public Derivation Build()
    {
        var p = new Problem(
            [
                ("n", "nat"), ("t", "index n"), ("\\beta_1", "real"), ("\\beta_2", "real"),
                ("g", "family real over t"), ("m", "family real over t"), ("v", "family real over t"),
            ],
            [
                @"m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t", @"m_0 = 0",
                @"v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2", @"v_0 = 0",
                @"\hat m_n = \frac{m_n}{1-\beta_1^n}", @"\hat v_n = \frac{v_n}{1-\beta_2^n}",
            ]);
        var n = p.Symbol("n");
        var i = new Symbol("i", Core.Symbols.SymbolKind.BoundInteger);
        var m = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "m");
        var v = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "v");
        // E[g]: the distribution every g_t shares, a scalar standing for any one of them.
        var g = new Symbol("g", Core.Symbols.SymbolKind.Real);
        var model = RandomModel.Empty.Stationary("g", g);
        var b = new DerivationBuilder(Name, "Adam: the moments, their expectations and the bias correction",
            @"$g_t = \nabla_\theta J(\theta_t)$, $m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t$, $v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2$, $m_0 = v_0 = 0$. "
            + @"Write $m_n$ without the recurrence, find $E[m_n]$ when the $g_t$ are identically distributed, and correct the bias.",
            m.Term(n), p.Definitions, p.Symbols);
        b.ForAll(n, Number.One, Number.Of(6)).WithRandomModel(model);
        b.Assume("the gradients g_t are identically distributed: E[g_t] = E[g] and E[g_t²] = E[g²] for every t");

        b.Begin(m.StepAt(n), "the recurrence");
        b.Then("unroll down to m_0 = 0: the gradient of step i is multiplied by β₁ once for each later step", _ =>
            Textbook.Display(BigOperators.PullOutConstants(m.ClosedForm(n, i) ?? throw new InvalidOperationException("not a linear recurrence"))));
        b.Conclude();
        b.Continue("take expectations", c => (new Expectation(m.Term(n)), new Expectation(c)));
        b.Then("linearity of expectation", c => Textbook.Display(ExpectationAlgebra.Linearity(c, model)));
        b.Then("the g_i are identically distributed: E[g_i] = E[g]", c => Textbook.Display(BigOperators.PullOutConstants(ExpectationAlgebra.Stationarity(c, model))));
        b.Then("geometric series: Σ_{i=1}^{n} β₁^{n−i} = (1 − β₁ⁿ)/(1 − β₁)", c => Textbook.Display(ExpectationAlgebra.GeometricSeries(Canonicalizer.Canonicalize(c, CanonicalOptions.Factored))));
        b.Then("cancel 1 − β₁", Textbook.Simplify);
        b.Conclude();
        var expectedM = b.Current;
        b.Continue("so dividing by 1 − β₁ⁿ removes the bias: m̂_n = m_n/(1 − β₁ⁿ)", _ =>
            (new Expectation(p.Read(@"\hat m_n")), Textbook.Simplify(new Divide(expectedM, p.Read(@"1-\beta_1^n")))));
        b.Conclude();

        // The second moment: the same moves with g_t², β₂.
        var vClosed = Textbook.Display(BigOperators.PullOutConstants(v.ClosedForm(n, i)!));
        b.Continue("in the same way v_n = (1 − β₂) Σ β₂^{n−i} g_i²", _ => (v.Term(n), vClosed));
        b.Conclude();
        b.Continue("take expectations: linearity, E[g_i²] = E[g²], the geometric series", _ =>
            (new Expectation(v.Term(n)), Textbook.Simplify(ExpectationAlgebra.GeometricSeries(Canonicalizer.Canonicalize(ExpectationAlgebra.Stationarity(ExpectationAlgebra.Linearity(new Expectation(vClosed), model), model), CanonicalOptions.Factored)))));
        b.Conclude();
        var expectedV = b.Current;
        b.Continue("so v̂_n = v_n/(1 − β₂ⁿ) is unbiased for E[g²]", _ =>
            (new Expectation(p.Read(@"\hat v_n")), Textbook.Simplify(new Divide(expectedV, p.Read(@"1-\beta_2^n")))),
            note: @"The update is then θ_n = θ_{n−1} − α m̂_n/(√v̂_n + ε). Dividing by 1 − β₁ instead of 1 − β₁ⁿ would leave E[m̂_n] = (1 − β₁ⁿ)E[g]/(1 − β₁), biased for every n > 1.");
        b.Conclude();
        return b.Build();
    }
}
