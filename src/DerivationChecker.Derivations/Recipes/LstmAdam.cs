using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>The LSTM–Adam hybrid cell of lstm-adam-cell: scalar recurrences v_t, m_t, h_t driven by x_t.</summary>
internal static class LstmAdamCell
{
    public static Problem Problem() => new(
        [
            ("T", "nat"), ("t", "index T"), ("i", "index T"), ("j", "index T"),
            ("W", "real"), ("U", "real"), ("S", "real"), ("\\mu", "real"), ("\\beta", "pos"), ("\\epsilon", "pos"),
            ("x", "family real over t"), ("h", "family real over t"), ("v", "family real over t"), ("m", "family pos over t"),
            ("q", "family real over t"), ("z", "family real over t"),
        ],
        [
            @"v_t = \mu v_{t-1} + S W x_t",
            @"m_t = \beta m_{t-1} + (1-\beta)(W x_t)^2",
            @"h_t = \sigma(U h_{t-1} + q_t)",
            @"q_t = \frac{v_t}{\sqrt{m_t}+\epsilon}",
            @"z_t = U h_{t-1} + q_t",
        ]);

    public const string Statement =
        @"Scalars $W, U, S, \mu, \beta, \epsilon$; given $h_0, v_0, m_0$: $v_t=\mu v_{t-1}+SWx_t$, $m_t=\beta m_{t-1}+(1-\beta)(Wx_t)^2$, "
        + @"$h_t=\sigma(Uh_{t-1}+q_t)$ with $q_t=v_t/(\sqrt{m_t}+\epsilon)$ and $z_t=Uh_{t-1}+q_t$.";

    /// <summary>h_t = σ(z_t): the recurrence with z_t folded back in (an equation the engine derives).</summary>
    public static (Expr Lhs, Expr Rhs) HAsSigmaOfZ(Problem p)
    {
        var h = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "h");
        var (z, zDef) = p.Definition("z_t");
        return (h.Term(p.Symbol("t")), Folding.Fold(h.Body, z, zDef, [p.Symbol("t")]));
    }
}

/// <summary>∂h_T/∂h_i of the LSTM–Adam cell: a product of one-step derivatives.</summary>
public sealed class LstmAdamDhTdhi : IDerivationRecipe
{
    public string Name => "lstm-adam-dhT-dhi";
    public string Summary => "∂h_T/∂h_i = ∏_{j=i+1}^{T} σ'(z_j) U = U^{T−i} ∏ h_j(1 − h_j) for the LSTM–Adam cell (checked for T = 1..6)";
    public string Part => "lstm-adam-cell/q1c";

    public Derivation Build()
    {
        var p = LstmAdamCell.Problem();
        var (T, i, j, t) = (p.Symbol("T"), p.Symbol("i"), p.Symbol("j"), p.Symbol("t"));
        var h = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "h");
        var (z, zDef) = p.Definition("z_t");
        var (ht, sigmaZ) = LstmAdamCell.HAsSigmaOfZ(p);
        var b = new DerivationBuilder(Name, "LSTM–Adam cell: ∂h_T/∂h_i",
            LstmAdamCell.Statement + @" Find $\partial h_T/\partial h_i$ for $0 \le i \le T$.",
            p.Read(@"\frac{\partial h_T}{\partial h_i}"), p.Definitions, p.Symbols);
        b.ForAll(T, Number.One, Number.Of(6)).ForAll(i, Number.Zero, T);

        b.Begin(ThroughTime.ChainOfSteps(h, T, i, j), "chain rule through time: h_T depends on h_i only through h_{i+1}, …, h_{T−1}");
        b.Then("differentiate one step of the recurrence (chain rule)", c => ThroughTime.OneStep(c, p.Definitions, Textbook.Simplify));
        b.Then("write z_j for the argument of σ", c => Textbook.Display(Folding.Fold(c, z, zDef, [t])));
        b.Conclude();
        b.Then("σ'(z) = σ(z)(1 − σ(z)), and σ(z_j) = h_j", c =>
            Textbook.Display(Folding.Replace(ElementaryDerivatives.ExpandPrimes(c), sigmaZ, ht, [t])));
        b.Then("take the constant U out of the product", c => Textbook.Display(BigOperators.PullOutConstants(c)));
        b.Conclude();
        return b.Build();
    }
}

/// <summary>∂h_T/∂x_i of the LSTM–Adam cell: a sum over the steps x_i enters (the part the seed student gave up on).</summary>
public sealed class LstmAdamDhTdxi : IDerivationRecipe
{
    public string Name => "lstm-adam-dhT-dxi";
    public string Summary => "∂h_T/∂x_i = Σ_{t=i}^{T} (∏_{j=t+1}^{T} σ'(z_j)U) σ'(z_t) ∂q_t/∂x_i for the LSTM–Adam cell, in general form (checked for T = 1..6)";
    public string Part => "lstm-adam-cell/q1b";

    public Derivation Build()
    {
        var p = LstmAdamCell.Problem();
        var (T, i, t, k) = (p.Symbol("T"), p.Symbol("i"), p.Symbol("t"), new Symbol("k", Core.Symbols.SymbolKind.BoundInteger));
        var h = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "h");
        var (z, zDef) = p.Definition("z_t");
        var (q, qDef) = p.Definition("q_t");
        var xi = p.Read("x_i");
        var dhi = new LstmAdamDhTdhi().Build().Results[0];
        var b = new DerivationBuilder(Name, "LSTM–Adam cell: ∂h_T/∂x_i",
            LstmAdamCell.Statement + @" Find $\partial h_T/\partial x_i$ for $1 \le i \le T$.",
            p.Read(@"\frac{\partial h_T}{\partial x_i}"), p.Definitions, p.Symbols);
        b.ForAll(T, Number.One, Number.Of(6)).ForAll(i, Number.One, T);

        Expr FoldZ(Expr e) => Textbook.Display(Folding.Fold(e, z, zDef, [t]));
        bool CarriesInput(Expr e) => e is Indexed { Base: Symbol { Name: "v" or "m" } };

        b.Begin(ThroughTime.SumOverSteps(h, T, xi, (Symbol)((Indexed)q).Base, t, i),
            "chain rule through time: x_i reaches h_T only through q_t for t ≥ i (v_t and m_t carry it forward), once through each step");
        b.Then("∂h_T/∂h_t from lstm-adam-dhT-dhi (with i = t)", c => Folding.Replace(c, dhi.Subject, dhi.Value, [i]).Substitute(i, i));
        b.Then("differentiate one step of the recurrence: ∂h_t/∂q_t = σ'(z_t)", c => ThroughTime.OneStep(c, p.Definitions, FoldZ));
        b.Then("quotient rule for q_t = v_t/(√m_t + ε), with v_t and m_t depending on x_i", c =>
            ThroughTime.ThroughDefinition(c, q, qDef, [t], CarriesInput, Textbook.Simplify));
        b.Then("differentiate the closed forms of the linear recurrences v_t and m_t (for t ≥ i)", c =>
        {
            var (result, closedForms) = ThroughTime.ThroughClosedForms(c, p.Definitions, k, Textbook.Simplify);
            return (Textbook.Display(result), closedForms.Select(cf => b.Sub("closed form of the linear recurrence (unrolled; the initial value given)", cf.Lhs, cf.Rhs)));
        });
        b.Then("split the fraction and cancel", Rearrange.SplitFractions);
        b.Conclude();
        return b.Build();
    }
}
