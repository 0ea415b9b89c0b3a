using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Solving;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>∂L/∂w_j of the squared loss of linear regression, and the gradient-descent update.</summary>
public sealed class LinearRegressionGradient : IDerivationRecipe
{
    public string Name => "linear-regression-gradient";
    public string Summary => "∂L/∂w_j = −(1/n) Σ_i (y⁽ⁱ⁾ − ŷ⁽ⁱ⁾) x_j⁽ⁱ⁾ for L = (1/2n) Σ_i (y⁽ⁱ⁾ − ŷ⁽ⁱ⁾)², and the update w_j ← w_j + (α/n) Σ_i (y⁽ⁱ⁾ − ŷ⁽ⁱ⁾) x_j⁽ⁱ⁾";
    public string Part => "linear-models-and-adam/q1a";

    public Derivation Build()
    {
        var p = new Problem(
            [("n", "dim"), ("d", "dim"), ("i", "index n"), ("j", "index d"), ("\\alpha", "pos")],
            [@"\hat y^{(i)} = \sum_{k=0}^{d} w_k x_k^{(i)}", @"L = \frac{1}{2n}\sum_{i=1}^{n}\left(y^{(i)}-\hat y^{(i)}\right)^2"]);
        var i = p.Symbol("i");
        var wj = p.Read("w_j");
        var (yhat, prediction) = p.Definition(@"\hat y^{(i)}");
        var (_, loss) = p.Definition("L");
        var b = new DerivationBuilder(Name, "Linear regression: the gradient and the update",
            @"Linear regression $\hat y^{(i)}=\sum_{j=0}^{d} w_j x_j^{(i)}$ with $x_0=1$ and $L(w)=\frac{1}{2n}\sum_{i=1}^{n}(y^{(i)}-\hat y^{(i)})^2$: find $\partial L/\partial w_j$ and the gradient-descent update.",
            p.Read(@"\frac{\partial L}{\partial w_j}"), p.Definitions, p.Symbols);

        b.Begin(new Derivative(loss, [wj]), "definition of L");
        b.Then("the derivative goes inside the sum, and the chain rule: (u²)' = 2u u'", c =>
            Textbook.Simplify(new Differentiator(wj) { DependsImplicitly = n => n.Equals(yhat) }.D(((Derivative)c).Body)));
        b.Then("∂ŷ⁽ⁱ⁾/∂w_j = Σ_k x_k⁽ⁱ⁾ δ_kj = x_j⁽ⁱ⁾", c => ThroughTime.ThroughDefinition(c, yhat, prediction, [i], _ => false, Textbook.Simplify));
        b.Conclude();
        b.Continue("gradient descent with step size α: w_j ← w_j − α ∂L/∂w_j, the minus sign moved into the difference", _ =>
            (p.Read(@"w_j - \alpha \frac{\partial L}{\partial w_j}"),
             Rearrange.SignInto(new Add(wj, new Negate(Textbook.Simplify(new Multiply(p.Read("\\alpha"), b.Current)))))));
        b.Conclude();
        return b.Build();
    }
}

/// <summary>∇L = (1/n)Xᵀ(Xw − y) and the normal equation's solution w* = (XᵀX)⁻¹Xᵀy.</summary>
public sealed class NormalEquation : IDerivationRecipe
{
    public string Name => "normal-equation";
    public string Summary => "∇_w L = (1/n) Xᵀ(Xw − y) for L = (1/2n)(Xw − y)ᵀ(Xw − y), and w* = (XᵀX)⁻¹Xᵀy from ∇L = 0";
    public string Part => "linear-models-and-adam/q1b";

    public Derivation Build()
    {
        var p = new Problem(
            [("n", "dim"), ("p", "dim"), ("X", "mat n p"), ("w", "vec p"), ("y", "vec n")],
            [@"L = \frac{1}{2n}(Xw-y)^\top(Xw-y)"]);
        var w = p.Symbol("w");
        var (_, loss) = p.Definition("L");
        var b = new DerivationBuilder(Name, "Linear regression in closed form: the normal equation",
            @"$L(w)=\frac{1}{2n}(Xw-y)^\top(Xw-y)$ with $X\in\mathbb R^{n\times p}$ ($p=d+1$ columns, the first all ones): find $\nabla_w L$ and the $w$ that minimises $L$.",
            p.Read(@"\frac{\partial L}{\partial w}"), p.Definitions, p.Symbols);

        b.Begin(new Derivative(loss, [w]), "definition of L");
        b.Then("the differential dL = (1/n)(Xw − y)ᵀX dw; the gradient (denominator layout) is the transpose of its coefficient", c =>
        {
            var differential = new Differentials(w).Of(((Derivative)c).Body);
            var gradient = Textbook.Simplify(MatrixDerivative.Gradient(((Derivative)c).Body, w));
            var dw = Differentials.PlaceholderFor(w);
            return (gradient, [b.Sub("the differential, by the product rule d(uᵀu) = 2uᵀdu", differential, new Multiply(new Transpose(gradient), dw))]);
        });
        b.Conclude();
        b.Solve("at the minimum the gradient is zero (L is a convex quadratic)",
            builder => new Relation(builder.Current, RelationKind.Equal, Number.Zero),
            equation => Solver.SolveLinear(equation, w), w, p.Read("w^*"));
        b.Conclude();
        return b.Build();
    }
}
