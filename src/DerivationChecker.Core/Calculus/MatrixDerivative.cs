using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Calculus;

/// <summary>
/// Matrix calculus in denominator layout: the gradient of a scalar with respect to a vector or
/// matrix has the variable's shape; the Jacobian ∂f/∂x of a vector function has entries ∂f_i/∂x_j.
/// Both are read off the differential: df = tr(Gᵀ dX) gives the gradient G, df = J dx the Jacobian.
/// A term is peeled from the outside in with the identity tr(Pᵀ (A N B)) = tr((Aᵀ P Bᵀ)ᵀ N), so the
/// adjoint P travels down to dX and becomes the gradient — reverse-mode differentiation, written out.
/// </summary>
public static class MatrixDerivative
{
    /// <summary>∂f/∂X for a scalar f (same shape as X).</summary>
    public static Expr Gradient(Expr f, Symbol variable)
    {
        var d = new Differentials(variable);
        var df = d.Of(f);
        var terms = SplitLinear(df, d.Placeholder);
        var parts = terms.Select(t => Adjoint(Number.One, t, d.Placeholder)).ToList();
        var sum = parts.Count == 0 ? Zero(variable) : parts.Count == 1 ? parts[0] : new Add([.. parts]);
        return Canonicalizer.Canonicalize(sum, CanonicalOptions.Factored);
    }

    /// <summary>∂f/∂x for a vector f and a vector x: the matrix of ∂f_i/∂x_j.</summary>
    public static Expr Jacobian(Expr f, Symbol variable)
    {
        var d = new Differentials(variable);
        var df = d.Of(f);
        var terms = SplitLinear(df, d.Placeholder);
        var parts = terms.Select(t => LeftFactor(t, d.Placeholder, variable)).ToList();
        var sum = parts.Count == 0 ? Zero(variable) : parts.Count == 1 ? parts[0] : new Add([.. parts]);
        return Canonicalizer.Canonicalize(sum, CanonicalOptions.Factored);
    }

    /// <summary>The derivative the shapes call for: a gradient for a scalar, a Jacobian for a vector.</summary>
    public static Expr Differentiate(Expr f, Symbol variable)
    {
        var shape = ShapeInference.Infer(f);
        if (!shape.Ok) throw new NotDifferentiableException($"The expression has no consistent shape: {shape.Error!.Describe()}.");
        return shape.Shape switch
        {
            ScalarShape or MatrixShape { IsOneByOne: true } => Gradient(f, variable),
            MatrixShape { IsColumn: true } when variable.Kind is VectorKind => Jacobian(f, variable),
            _ => throw new NotDifferentiableException($"The derivative of a {shape.Shape!.Text} expression with respect to {variable.Name} ({variable.Kind.Describe()}) is not a gradient or a Jacobian."),
        };
    }

    private static Expr Zero(Symbol variable) => Number.Zero;

    /// <summary>Splits a differential into terms that each contain dX once, distributing only over sums that contain dX.</summary>
    public static List<Expr> SplitLinear(Expr e, Symbol dx)
    {
        if (!e.Contains(dx)) return [];
        switch (e)
        {
            case Add add:
                return [.. add.Terms.SelectMany(t => SplitLinear(t, dx))];
            case Negate neg:
                return [.. SplitLinear(neg.Operand, dx).Select(t => (Expr)new Negate(t))];
            case Multiply mul:
                {
                    var i = IndexOfLinear(mul.Factors, dx);
                    return [.. SplitLinear(mul.Factors[i], dx).Select(t => (Expr)new Multiply([.. mul.Factors.SetItem(i, t)]))];
                }
            case HadamardProduct h:
                {
                    var i = IndexOfLinear(h.Factors, dx);
                    return [.. SplitLinear(h.Factors[i], dx).Select(t => (Expr)new HadamardProduct([.. h.Factors.SetItem(i, t)]))];
                }
            case Divide div when !div.Denominator.Contains(dx):
                return [.. SplitLinear(div.Numerator, dx).Select(t => (Expr)new Divide(t, div.Denominator))];
            case HadamardDivide hd when !hd.Right.Contains(dx):
                return [.. SplitLinear(hd.Left, dx).Select(t => (Expr)new HadamardDivide(t, hd.Right))];
            case Transpose t:
                return [.. SplitLinear(t.Operand, dx).Select(x => (Expr)new Transpose(x))];
            case Diag d:
                return [.. SplitLinear(d.Operand, dx).Select(x => (Expr)new Diag(x))];
            default:
                return [e];
        }
    }

    private static int IndexOfLinear(IReadOnlyList<Expr> factors, Symbol dx)
    {
        var found = -1;
        for (var i = 0; i < factors.Count; i++)
        {
            if (!factors[i].Contains(dx)) continue;
            if (found >= 0) throw new NotDifferentiableException("The differential is not linear in the variable (it appears twice in one product).");
            found = i;
        }
        return found;
    }

    /// <summary>
    /// G with tr(Pᵀ M) = tr(Gᵀ dX) for M linear in dX: the adjoint P pushed through M down to dX.
    /// </summary>
    private static Expr Adjoint(Expr p, Expr m, Symbol dx)
    {
        switch (m)
        {
            // tr(Pᵀ dX) = tr(Pᵀ dX): the gradient is P
            case Symbol s when s.Equals(dx):
                return p;
            case Negate neg:
                return Adjoint(new Negate(p), neg.Operand, dx);
            // tr(Pᵀ Nᵀ) = tr(P N)... = tr((Pᵀ)ᵀ N): the adjoint of Nᵀ is Pᵀ
            case Transpose t:
                return Adjoint(new Transpose(p), t.Operand, dx);
            case Add add:
                return new Add([.. SplitLinear(add, dx).Select(x => Adjoint(p, x, dx))]);
            case Multiply mul:
                {
                    var i = IndexOfLinear(mul.Factors, dx);
                    var n = mul.Factors[i];
                    var others = mul.Factors.RemoveAt(i);
                    if (IsScalarLike(n))
                    {
                        // M = N·R with N a scalar: tr(Pᵀ N R) = N tr(Pᵀ R), so N's adjoint is tr(Pᵀ R).
                        Expr rest = others.Length == 1 ? others[0] : new Multiply([.. others]);
                        return Adjoint(TraceOf(new Multiply(new Transpose(p), rest)), n, dx);
                    }
                    // M = s·A·N·B: tr(Pᵀ s A N B) = tr((s Aᵀ P Bᵀ)ᵀ N)
                    var scalars = others.Where(IsTrueScalar).ToList();
                    var left = mul.Factors.Take(i).Where(f => !IsTrueScalar(f)).ToList();
                    var right = mul.Factors.Skip(i + 1).Where(f => !IsTrueScalar(f)).ToList();
                    var factors = new List<Expr>(scalars);
                    factors.AddRange(Enumerable.Reverse(left).Select(a => (Expr)new Transpose(a)));
                    factors.Add(p);
                    factors.AddRange(Enumerable.Reverse(right).Select(b => (Expr)new Transpose(b)));
                    return Adjoint(factors.Count == 1 ? factors[0] : new Multiply([.. factors]), n, dx);
                }
            // tr(Pᵀ (E ⊙ N)) = tr((P ⊙ E)ᵀ N)
            case HadamardProduct h:
                {
                    var i = IndexOfLinear(h.Factors, dx);
                    var others = h.Factors.RemoveAt(i);
                    return Adjoint(new HadamardProduct([p, .. others]), h.Factors[i], dx);
                }
            case HadamardDivide hd:
                return Adjoint(new HadamardDivide(p, hd.Right), hd.Left, dx);
            case Divide div:
                return Adjoint(new Divide(p, div.Denominator), div.Numerator, dx);
            // tr(Pᵀ diag(n)) = Σ_i P_ii n_i: the adjoint of a vector n under diag is the diagonal of P
            case Diag d when ShapeInference.Infer(d.Operand).Shape is MatrixShape { IsColumn: true }:
                return Adjoint(new Diag(p), d.Operand, dx);
            // tr(Pᵀ Σ_i N_i) = Σ_i tr(Pᵀ N_i)
            case BigOperator { Kind: BigOperatorKind.Sum } sum when !p.HasFree(sum.Index.Name):
                return new BigOperator(BigOperatorKind.Sum, sum.Index, Adjoint(p, sum.Body, dx), sum.Lower, sum.Upper);
            default:
                throw new NotDifferentiableException($"I cannot read a gradient off a {m.GetType().Name} in the differential.");
        }
    }

    /// <summary>J with M = J·dx, for M linear in a vector dx.</summary>
    private static Expr LeftFactor(Expr m, Symbol dx, Symbol variable)
    {
        switch (m)
        {
            // dx = I dx
            case Symbol s when s.Equals(dx):
                return new IdentityMatrix(((VectorKind)variable.Kind).Length);
            case Negate neg:
                return new Negate(LeftFactor(neg.Operand, dx, variable));
            case Add add:
                return new Add([.. SplitLinear(add, dx).Select(x => LeftFactor(x, dx, variable))]);
            case Multiply mul:
                {
                    var i = IndexOfLinear(mul.Factors, dx);
                    var n = mul.Factors[i];
                    var others = mul.Factors.RemoveAt(i);
                    // A·N with N last (or a scalar N, which commutes to the end): J = A·J(N)
                    if (i == mul.Factors.Length - 1 || IsScalarLike(n))
                    {
                        var inner = LeftFactor(n, dx, variable);
                        return others.IsEmpty ? inner : new Multiply([.. others, inner]);
                    }
                    throw new NotDifferentiableException("The Jacobian of a product with the variable before another matrix factor needs a Kronecker product.");
                }
            // N ⊙ E = diag(E) N
            case HadamardProduct h:
                {
                    var i = IndexOfLinear(h.Factors, dx);
                    var others = h.Factors.RemoveAt(i);
                    Expr e = others.Length == 1 ? others[0] : new HadamardProduct([.. others]);
                    return new Multiply(new Diag(e), LeftFactor(h.Factors[i], dx, variable));
                }
            case HadamardDivide hd:
                return new Multiply(new Diag(new HadamardDivide(Number.One, hd.Right)), LeftFactor(hd.Left, dx, variable));
            case Divide div:
                return new Divide(LeftFactor(div.Numerator, dx, variable), div.Denominator);
            // (aᵀ dx) is 1×1: its Jacobian is aᵀ
            case Transpose { Operand: var inner } when inner.Contains(dx):
                return new Transpose(AdjointAsColumn(inner, dx, variable));
            default:
                throw new NotDifferentiableException($"I cannot read a Jacobian off a {m.GetType().Name} in the differential.");
        }
    }

    /// <summary>For a scalar written (dxᵀ a) the Jacobian row is aᵀ: reuse the gradient rules.</summary>
    private static Expr AdjointAsColumn(Expr inner, Symbol dx, Symbol variable) =>
        new Transpose(Adjoint(Number.One, new Transpose(inner), dx));

    private static Expr TraceOf(Expr e) => new Trace(e);

    private static bool IsTrueScalar(Expr e) => ShapeInference.Infer(e).Shape is ScalarShape;

    private static bool IsScalarLike(Expr e) => ShapeInference.Infer(e).Shape is { ActsAsScalar: true };
}
