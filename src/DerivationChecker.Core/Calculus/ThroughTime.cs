using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Calculus;

/// <summary>
/// The chain rule through a recurrence (backpropagation through time), one move at a time: the
/// dependence of s_T on an earlier s_i as a product of one-step derivatives, the dependence on an
/// input as a sum over the steps it enters, and one-step derivatives read off the recurrence.
/// </summary>
public static class ThroughTime
{
    /// <summary>
    /// ∂s_T/∂s_i = ∏_{j=i+1}^{T} ∂s_j/∂s_{j−1}: s_T depends on s_i only through the steps between.
    /// (For vectors the factors are Jacobians, later steps on the left.)
    /// </summary>
    public static Expr ChainOfSteps(Recurrence r, Expr last, Expr first, Symbol j) =>
        new BigOperator(BigOperatorKind.Product, j,
            new Derivative(r.Term(j), r.Term(new Add(j, Number.MinusOne))),
            new Add(first, Number.One), last);

    /// <summary>
    /// ∂s_T/∂x = Σ_{t=from}^{T} (∂s_T/∂s_t)(∂s_t/∂u_t)(∂u_t/∂x): an input x that reaches the sequence
    /// only through the channel u_t (for t ≥ from) changes s_T once through each step it enters.
    /// </summary>
    public static Expr SumOverSteps(Recurrence r, Expr last, Expr input, Symbol channel, Symbol t, Expr from)
    {
        var ut = new Indexed(channel, [t]);
        var body = new Multiply(new Derivative(r.Term(last), r.Term(t)), new Derivative(r.Term(t), ut), new Derivative(ut, input));
        return new BigOperator(BigOperatorKind.Sum, t, body, from, last);
    }

    /// <summary>
    /// Replaces each derivative ∂s_a/∂v of a recurrence term whose step mentions v directly (v = s_{a−1},
    /// or an input of step a) by the derivative of that step, passed through <paramref name="tidy"/>.
    /// </summary>
    public static Expr OneStep(Expr e, Definitions definitions, Func<Expr, Expr> tidy) => e.Rewrite(node =>
    {
        if (node is not Derivative { Body: Indexed { Base: Symbol s, Indices: [var a] }, Variables: [var v] }) return node;
        var r = definitions.Recurrences.FirstOrDefault(x => x.Sequence.Equals(s));
        if (r is null) return node;
        var step = r.StepAt(a);
        if (!step.Contains(v)) return node;
        // A vector step gives a Jacobian (entries ∂s_a,i/∂v_j); a scalar one an ordinary derivative.
        return Shapes.ShapeInference.Infer(v).Shape is Shapes.MatrixShape { IsOneByOne: false }
            ? tidy(Backprop.ByStandIn(step, v, MatrixDerivative.Jacobian))
            : tidy(new Differentiator(v) { PrimeNotation = true }.D(step));
    });

    /// <summary>
    /// Denominator layout backwards: ∂J/∂s_i = (∂s_{i+1}/∂s_i)ᵀ ⋯ (∂s_t/∂s_{t−1})ᵀ ∂J/∂s_t (the factor
    /// for the earliest step on the left), for J that depends on s_i only through s_t.
    /// </summary>
    public static Expr BackwardChain(Recurrence r, Expr last, Expr first, Symbol k, Expr upstream) =>
        new Multiply(
            new BigOperator(BigOperatorKind.Product, k, new Transpose(new Derivative(r.Term(k), r.Term(new Add(k, Number.MinusOne)))), new Add(first, Number.One), last),
            upstream);

    /// <summary>
    /// A parameter used at every step (W in s_i = W s_{i−1} + …): its gradient is the sum over the
    /// steps of what each use contributes, Σ_{i=from}^{to} ∂J/∂W|_{step i} with ∂J/∂s_i held as given.
    /// </summary>
    public static Expr SharedParameter(Recurrence r, Symbol parameter, Expr objective, Symbol i, Expr from, Expr to, Func<Expr, Expr> tidy)
    {
        var local = Backprop.Through(r.StepAt(i), parameter, new Derivative(objective, r.Term(i)), tidy);
        return new BigOperator(BigOperatorKind.Sum, i, local, from, to);
    }

    /// <summary>
    /// Replaces each ∂q/∂x where q has a definition by the derivative of its definition, keeping the
    /// named quantities that depend on x implicitly (<paramref name="implicitly"/>) as ∂v/∂x.
    /// </summary>
    public static Expr ThroughDefinition(Expr e, Expr lhs, Expr rhs, IReadOnlyCollection<Symbol> parameters, Func<Expr, bool> implicitly, Func<Expr, Expr> tidy) =>
        e.Rewrite(node =>
        {
            if (node is not Derivative { Variables: [var v] } d) return node;
            var bound = Simplification.Folding.Replace(d.Body, lhs, rhs, parameters);
            if (bound.Equals(d.Body)) return node;
            return tidy(new Differentiator(v) { DependsImplicitly = implicitly, PrimeNotation = true }.D(bound));
        });

    /// <summary>
    /// Replaces each ∂s_t/∂x_i of a linear recurrence s (constant coefficient) by the derivative of its
    /// closed form s_t = a^t s_0 + Σ_k a^{t−k} b_k, passed through <paramref name="tidy"/>; the closed
    /// forms used are returned as (lhs, rhs) pairs for sub-steps.
    /// </summary>
    public static (Expr Result, IReadOnlyList<(Expr Lhs, Expr Rhs)> ClosedForms) ThroughClosedForms(Expr e, Definitions definitions, Symbol sumIndex, Func<Expr, Expr> tidy)
    {
        var used = new List<(Expr, Expr)>();
        var result = e.Rewrite(node =>
        {
            if (node is not Derivative { Body: Indexed { Base: Symbol s, Indices: [var at] } body, Variables: [var v] }) return node;
            var r = definitions.Recurrences.FirstOrDefault(x => x.Sequence.Equals(s));
            if (r?.ClosedForm(at, sumIndex) is not { } closed) return node;
            if (!used.Any(u => u.Item1.Equals(body))) used.Add((body, closed));
            return tidy(Differentiator.Differentiate(closed, v));
        });
        return (result, used);
    }
}
