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
    public static Expr Through(Expr layer, Expr input, Expr upstream, Func<Expr, Expr> tidy)
    {
        var shape = Shapes.ShapeInference.Infer(upstream).Shape;
        SymbolKind kind = shape is Shapes.MatrixShape { IsColumn: true } column ? new VectorKind(column.Rows) : SymbolKind.Real;
        var g = new Symbol("⟨g⟩", kind);
        var pairing = kind is VectorKind ? new Multiply(new Transpose(g), layer) : new Multiply(g, layer);
        return tidy(ByStandIn(pairing, input, (f, x) => MatrixDerivative.Gradient(f, x)).Substitute(g, upstream));
    }

    /// <summary>The Jacobian ∂out/∂in of a layer (entries ∂out_i/∂in_j), for showing the chain rule.</summary>
    public static Expr Jacobian(Expr layer, Expr input, Func<Expr, Expr> tidy) => tidy(ByStandIn(layer, input, MatrixDerivative.Jacobian));

    /// <summary>Matrix calculus by a named variable; a member of a family (h_t, o_t) is stood in for by a fresh symbol.</summary>
    public static Expr ByStandIn(Expr f, Expr input, Func<Expr, Symbol, Expr> differentiate)
    {
        if (input is Symbol named) return differentiate(f, named);
        var shape = Shapes.ShapeInference.Infer(input).Shape as Shapes.MatrixShape
            ?? throw new NotDifferentiableException("I can only take a gradient with respect to a vector or a matrix.");
        var stand = new Symbol($"⟨{DebugPrinter.Print(input)}⟩", Shapes.Dim.IsOne(shape.Columns) ? new VectorKind(shape.Rows) : new MatrixKind(shape.Rows, shape.Columns));
        return differentiate(f.Substitute(input, stand), stand).Substitute(stand, input);
    }
}
