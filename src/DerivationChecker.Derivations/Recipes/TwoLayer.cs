using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>The two-layer network of linear-models-and-adam/q4c: h = Wᵀx, u = W'ᵀh, ŷ = softmax(u), cross-entropy L.</summary>
internal static class TwoLayerNetwork
{
    public static Problem Problem() => new(
        [
            ("d", "dim"), ("N", "dim"), ("K", "dim"), ("i", "index K"), ("k", "index K"),
            ("x", "vec d"), ("W", "mat d N"), ("h", "vec N"), ("W'", "mat N K"), ("u", "vec K"),
            ("\\hat y", "prob K"), ("y", "onehot K"),
        ],
        [
            @"h = W^\top x",
            @"u = W'^\top h",
            @"\hat y = \operatorname{softmax}(u)",
            @"L = -\sum_{k=1}^{K} y_k \log \hat y_k",
        ]);

    public const string Statement =
        @"$x\in\mathbb R^d$, $h=W^\top x$ with $W\in\mathbb R^{d\times N}$, $u=W'^\top h$ with $W'\in\mathbb R^{N\times K}$, "
        + @"$\hat y=\mathrm{softmax}(u)$, $L=-\sum_k y_k\log\hat y_k$ with $y$ one-hot.";
}

/// <summary>∂L/∂u = ŷ − y for softmax followed by cross-entropy, entry by entry.</summary>
public sealed class SoftmaxCrossEntropyGradient : IDerivationRecipe
{
    public string Name => "softmax-cross-entropy-gradient";
    public string Summary => "∂L/∂u = ŷ − y for ŷ = softmax(u) and L = −Σ y_k log ŷ_k with y one-hot, entry by entry";
    public string Part => "linear-models-and-adam/q4c";

    public Derivation Build()
    {
        var p = TwoLayerNetwork.Problem();
        var (i, k) = (p.Symbol("i"), p.Symbol("k"));
        var (u, yhat) = (p.Symbol("u"), p.Symbol("\\hat y"));
        var (_, lossDefinition) = p.Definition("L");
        var (_, softmax) = p.Definition("\\hat y");
        var ui = p.Read("u_i");
        var b = new DerivationBuilder(Name, "Softmax with cross-entropy: the gradient",
            @"For $\hat y=\mathrm{softmax}(u)$ and $L=-\sum_{k=1}^{K} y_k\log\hat y_k$ with $y$ one-hot, find $\partial L/\partial u_i$ and $\partial L/\partial u$.",
            p.Read(@"\frac{\partial L}{\partial u_i}"), p.Definitions, p.Symbols);

        b.Begin(new Derivative(lossDefinition, [ui]), "definition of L");
        b.Then("the derivative goes inside the sum (y is constant), and (ln v)' = v'/v", c =>
            Textbook.Simplify(new Differentiator(ui) { DependsImplicitly = n => n is Indexed { Base: var s } && s.Equals(yhat) }.D(((Derivative)c).Body)));
        b.Then("the softmax Jacobian (softmax-jacobian): ∂ŷ_k/∂u_i = ŷ_k(δ_ik − ŷ_i)", c =>
            ThroughTime.ThroughDefinition(c, yhat, softmax, [], _ => false,
                d => Textbook.Display(Folding.FactorCommon(Folding.Replace(Textbook.Simplify(d), softmax, yhat, [])))));
        b.Then("cancel ŷ_k and multiply out", c => Textbook.Display(Canonicalizer.Canonicalize(c, CanonicalOptions.Default)));
        b.Then("Σ_k y_k δ_ik = y_i, and Σ_k y_k = 1 because y is one-hot", Textbook.Simplify);
        b.Conclude();
        b.Continue("all entries at once", c => (p.Read(@"\frac{\partial L}{\partial u}"),
            Rearrange.EntriesToVector(c, i) ?? throw new InvalidOperationException("the entries do not form a vector")));
        b.Conclude();
        _ = (k, u);
        return b.Build();
    }
}

/// <summary>Every gradient of the two-layer network, by backpropagation in vector form.</summary>
public sealed class TwoLayerGradients : IDerivationRecipe
{
    public string Name => "two-layer-gradients";
    public string Summary => "∂L/∂ŷ_i, ∂L/∂u = ŷ − y, ∂L/∂h, ∂L/∂x, ∂L/∂W', ∂L/∂W of a two-layer softmax network, by backpropagation";
    public string Part => "linear-models-and-adam/q4c";

    public Derivation Build()
    {
        var p = TwoLayerNetwork.Problem();
        var i = p.Symbol("i");
        var (x, w, h, w2, u, yhat) = (p.Symbol("x"), p.Symbol("W"), p.Symbol("h"), p.Symbol("W'"), p.Symbol("u"), p.Symbol("\\hat y"));
        var (_, lossDefinition) = p.Definition("L");
        var (_, softmax) = p.Definition("\\hat y");
        var (_, hLayer) = p.Definition("h");
        var (_, uLayer) = p.Definition("u");
        var yhatI = p.Read("\\hat y_i");
        var b = new DerivationBuilder(Name, "A two-layer network: every gradient by backpropagation",
            TwoLayerNetwork.Statement + @" Find $\partial L/\partial\hat y_i$, $\partial L/\partial u$, $\partial L/\partial h$, $\partial L/\partial x$, $\partial L/\partial W'$ and $\partial L/\partial W$ (denominator layout).",
            p.Read(@"\frac{\partial L}{\partial \hat y_i}"), p.Definitions, p.Symbols);

        b.Begin(new Derivative(lossDefinition, [yhatI]), "definition of L");
        b.Then("only the term k = i depends on ŷ_i, and (ln v)' = 1/v", c => Textbook.Simplify(Differentiator.Differentiate(((Derivative)c).Body, yhatI)));
        b.Conclude();
        b.Continue("all entries at once (the gradient has the shape of ŷ)", c => (p.Read(@"\frac{\partial L}{\partial \hat y}"),
            Rearrange.EntriesToVector(c, i) ?? throw new InvalidOperationException("the entries do not form a vector")));
        var jacobian = Backprop.Jacobian(softmax, u, j => Textbook.Display(Folding.Replace(j, softmax, yhat, [])));
        b.Continue("chain rule through ŷ = softmax(u): ∂L/∂u = (∂ŷ/∂u)ᵀ ∂L/∂ŷ, with the softmax Jacobian ∂ŷ/∂u = diag(ŷ) − ŷŷᵀ", c =>
            (p.Read(@"\frac{\partial L}{\partial u}"), new Multiply(new Transpose(jacobian), c)));
        b.Then("multiply out: diag(ŷ)(y ⊘ ŷ) = y, and ŷᵀ(y ⊘ ŷ) = Σ_k y_k = 1 because y is one-hot", Textbook.Expand);
        b.Conclude();
        var du = b.Current;
        b.Continue("u = W'ᵀh, so ∂u/∂h = W'ᵀ and ∂L/∂h = (∂u/∂h)ᵀ ∂L/∂u", c => (p.Read(@"\frac{\partial L}{\partial h}"), Backprop.Through(uLayer, h, c, Textbook.Simplify)));
        b.Conclude();
        var dh = b.Current;
        b.Continue("h = Wᵀx, so ∂L/∂x = W ∂L/∂h", c => (p.Read(@"\frac{\partial L}{\partial x}"), Backprop.Through(hLayer, x, c, Textbook.Simplify)));
        b.Conclude();
        b.Continue("u = W'ᵀh: dL = (∂L/∂u)ᵀ dW'ᵀ h = tr(h (∂L/∂u)ᵀ dW'ᵀ), so ∂L/∂W' = h (∂L/∂u)ᵀ", _ =>
            (p.Read(@"\frac{\partial L}{\partial W'}"), Backprop.Through(uLayer, w2, du, Textbook.Simplify)));
        b.Conclude();
        b.Continue("h = Wᵀx: in the same way ∂L/∂W = x (∂L/∂h)ᵀ", _ =>
            (p.Read(@"\frac{\partial L}{\partial W}"), Backprop.Through(hLayer, w, dh, Textbook.Simplify)));
        b.Conclude();
        return b.Build();
    }
}
