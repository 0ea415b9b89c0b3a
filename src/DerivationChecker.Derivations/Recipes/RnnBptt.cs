using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>Backpropagation through time for the linear RNN of rnn-bptt-attention/q2: g_{o_t}, ∂J_t/∂h_i, ∂J_t/∂W_hh, ∂J/∂W_hh.</summary>
public sealed class RnnBpttDJdWhh : IDerivationRecipe
{
    public string Name => "rnn-bptt-dJ-dWhh";
    public string Summary => "∂J_t/∂o_t = ŷ_t − y_t, ∂J_t/∂h_i = (W_hhᵀ)^{t−i} W_yhᵀ g_{o_t}, ∂J_t/∂W_hh = Σ_i g_{h_i} h_{i−1}ᵀ and ∂J/∂W_hh = Σ_t ∂J_t/∂W_hh (checked for T = 1..4)";
    public string Part => "rnn-bptt-attention/q2";

    public Derivation Build()
    {
        var p = new Problem(
            [
                ("T", "nat"), ("t", "index T"), ("i", "index T"), ("j", "index T"), ("k", "index 2"),
                ("W_{hh}", "mat 4 4"), ("W_{hx}", "mat 4 3"), ("W_{yh}", "mat 2 4"),
                ("x", "family vec 3 over t"), ("h", "family vec 4 over t"), ("o", "family vec 2 over t"),
                ("\\hat y", "family prob 2 over t"), ("y", "family onehot 2 over t"),
            ],
            [
                @"h_t = W_{hh} h_{t-1} + W_{hx} x_t",
                @"o_t = W_{yh} h_t",
                @"\hat y_t = \operatorname{softmax}(o_t)",
                @"J_t = -\sum_{k=1}^{2} y_{t,k} \log \hat y_{t,k}",
                @"J = \sum_{t=1}^{T} J_t",
            ]);
        var (T, t, i, j) = (p.Symbol("T"), p.Symbol("t"), p.Symbol("i"), p.Symbol("j"));
        var whh = p.Symbol("W_{hh}");
        var h = p.Definitions.Recurrences.Single(r => r.Sequence.Name == "h");
        var (ot, output) = p.Definition("o_t");
        var (yhatT, softmax) = p.Definition(@"\hat y_t");
        var (jt, loss) = p.Definition("J_t");
        var (_, total) = p.Definition("J");
        var ht = h.Term(t);
        var b = new DerivationBuilder(Name, "Backpropagation through time in a linear RNN",
            @"$h_t = W_{hh}h_{t-1} + W_{hx}x_t$ (the activation $\psi$ ignored), $o_t = W_{yh}h_t$, $\hat y_t = \mathrm{softmax}(o_t)$, "
            + @"$J_t = -\sum_k y_{t,k}\log\hat y_{t,k}$, $J = \sum_{t=1}^{T} J_t$, with $x_t\in\mathbb R^3$, $h_t\in\mathbb R^4$, $y_t\in\mathbb R^2$ one-hot. "
            + @"Find $g_{o_t} = \frac{\partial J_t}{\partial o_t}$, $\frac{\partial J_t}{\partial h_i}$ for $i \le t$, $\frac{\partial J_t}{\partial W_{hh}}$ and $\frac{\partial J}{\partial W_{hh}}$ (denominator layout).",
            p.Read(@"\frac{\partial J_t}{\partial o_t}"), p.Definitions, p.Symbols);
        b.ForAll(T, Number.One, Number.Of(4)).ForAll(t, Number.One, T).ForAll(i, Number.One, t);

        // g_{o_t}: the softmax-with-cross-entropy gradient, in vector form.
        b.Begin(new Derivative(loss, [ot]), "definition of J_t");
        var vectorLoss = Textbook.Display(Rearrange.SumToInnerProduct(Families.SplitIndices(loss)));
        b.Then("in vector form, J_t = −y_tᵀ log ŷ_t", _ => new Derivative(vectorLoss, [ot]));
        var jacobian = Backprop.Jacobian(softmax, ot, x => Textbook.Display(Folding.Replace(x, softmax, yhatT, [])));
        b.Then("chain rule through ŷ_t = softmax(o_t): ∂J_t/∂o_t = (∂ŷ_t/∂o_t)ᵀ ∂J_t/∂ŷ_t, with ∂J_t/∂ŷ_t = −y_t ⊘ ŷ_t and the softmax Jacobian diag(ŷ_t) − ŷ_tŷ_tᵀ", c =>
            new Multiply(new Transpose(jacobian), Backprop.Through(vectorLoss, yhatT, Number.One, Textbook.Simplify)));
        b.Then("multiply out: diag(ŷ_t)(y_t ⊘ ŷ_t) = y_t, and ŷ_tᵀ(y_t ⊘ ŷ_t) = Σ_k y_{t,k} = 1 because y_t is one-hot", Textbook.Expand);
        b.Conclude();
        var go = b.Current;

        // ∂J_t/∂h_i: back through the output layer, then back through time.
        var dJdh = (Expr)new Derivative(jt, [h.Term(i)]);
        b.Continue("chain rule back through time: J_t depends on h_i only through h_{i+1}, …, h_t (denominator layout: transposed Jacobians, the earliest step on the left)", _ =>
            (dJdh, ThroughTime.BackwardChain(h, t, i, j, new Derivative(jt, [ht]))));
        b.Then("one step of the recurrence: ∂h_j/∂h_{j−1} = W_hh", c => ThroughTime.OneStep(c, p.Definitions, Textbook.Display));
        b.Then("t − i equal factors: ∏ W_hhᵀ = (W_hhᵀ)^{t−i}", c => Textbook.Display(BigOperators.PullOutConstants(c)));
        b.Then("o_t = W_yh h_t, so ∂J_t/∂h_t = W_yhᵀ ∂J_t/∂o_t", c =>
            Textbook.Display(Folding.Replace(c, new Derivative(jt, [ht]), Backprop.Through(output, ht, new Derivative(jt, [ot]), Textbook.Display), [t])));
        b.Conclude();
        b.Then("∂J_t/∂o_t = ŷ_t − y_t (above)", c => Textbook.Display(Folding.Replace(c, new Derivative(jt, [ot]), go, [t])));
        b.Conclude();
        var gh = b.Current;

        // ∂J_t/∂W_hh: W_hh is used at every step.
        var dJtdW = new Derivative(jt, [whh]);
        b.Continue("W_hh is used at every step i ≤ t (h_i = W_hh h_{i−1} + W_hx x_i): add what each use contributes, ∂J_t/∂h_i h_{i−1}ᵀ", _ =>
            (dJtdW, ThroughTime.SharedParameter(h, whh, jt, i, Number.One, t, Textbook.Display)));
        b.Conclude();
        b.Then("∂J_t/∂h_i from above", c => Textbook.Display(Folding.Replace(c, dJdh, gh, [])));
        b.Conclude();

        // ∂J/∂W_hh: J is the sum of the J_t.
        b.Continue("J = Σ_t J_t and differentiation is linear", _ =>
            (new Derivative(p.Read("J"), [whh]), new BigOperator(BigOperatorKind.Sum, t, dJtdW, Number.One, T)));
        b.Conclude();
        _ = total;
        return b.Build();
    }
}
