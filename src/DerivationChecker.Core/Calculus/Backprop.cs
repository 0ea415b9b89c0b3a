using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Calculus;

/// <summary>
/// One move of backpropagation in denominator layout: the gradient of a scalar L with respect to
/// an input (or a parameter) of a layer out = F(in), given the gradient g = ∂L/∂out already found.
/// By the chain rule dL = gᵀ d(out) with g held fixed, so ∂L/∂in is the gradient of gᵀF(in):
/// (∂out/∂in)ᵀ g for an input vector, h gᵀ for the weight of u = Wᵀh.
/// </summary>
public static class Backprop
{
    public static Expr Through(Expr layer, Symbol input, Expr upstream, Func<Expr, Expr> tidy)
    {
        var shape = Shapes.ShapeInference.Infer(upstream).Shape;
        SymbolKind kind = shape is Shapes.MatrixShape { IsColumn: true } column ? new VectorKind(column.Rows) : SymbolKind.Real;
        var g = new Symbol("⟨g⟩", kind);
        var pairing = kind is VectorKind ? new Multiply(new Transpose(g), layer) : new Multiply(g, layer);
        return tidy(MatrixDerivative.Gradient(pairing, input).Substitute(g, upstream));
    }

    /// <summary>The Jacobian ∂out/∂in of a layer (entries ∂out_i/∂in_j), for showing the chain rule.</summary>
    public static Expr Jacobian(Expr layer, Symbol input, Func<Expr, Expr> tidy) => tidy(MatrixDerivative.Jacobian(layer, input));
}
