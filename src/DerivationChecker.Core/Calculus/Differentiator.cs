using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Calculus;

/// <summary>An expression the differentiator has no rule for (the check becomes inconclusive).</summary>
public sealed class NotDifferentiableException(string message) : Exception(message);

/// <summary>
/// Symbolic differentiation with respect to a scalar: a symbol (x, w_j as a name) or a component of a
/// vector (x_i, where ∂x_k/∂x_i = δ_ik). The rule families live in <see cref="ElementaryDerivatives"/>;
/// this class applies the structural rules (sum, product, quotient, chain) and never simplifies —
/// callers canonicalize the result.
/// </summary>
public sealed class Differentiator
{
    private readonly Expr _variable;
    private readonly Dictionary<Expr, Expr> _memo = [];
    private int _depth;

    public Differentiator(Expr variable)
    {
        if (variable is not (Symbol or Indexed))
            throw new NotDifferentiableException("I can only differentiate with respect to a variable such as x or x_i.");
        _variable = variable;
    }

    public static Expr Differentiate(Expr f, Expr variable) => new Differentiator(variable).D(f);

    /// <summary>True when f can change with the variable (it mentions it, or another component of its vector).</summary>
    public bool DependsOn(Expr f) => f.Any(n => n.Equals(_variable) || IsSameVectorComponent(n) || (n is Symbol s && _variable is Indexed { Base: Symbol vb } && s.Equals(vb)));

    private bool IsSameVectorComponent(Expr n) =>
        n is Indexed { Base: Symbol b } ix && _variable is Indexed { Base: Symbol vb } v
        && b.Equals(vb) && b.Kind is VectorKind or MatrixKind && ix.Placement == v.Placement && ix.Indices.Length == v.Indices.Length;

    public Expr D(Expr f)
    {
        if (_memo.TryGetValue(f, out var known)) return known;
        StackGuard.Check(++_depth);
        try
        {
            var result = DependsOn(f) ? Rule(f) : Number.Zero;
            _memo[f] = result;
            return result;
        }
        finally
        {
            _depth--;
        }
    }

    private Expr Rule(Expr f)
    {
        switch (f)
        {
            // dx/dx = 1
            case var _ when f.Equals(_variable):
                return Number.One;
            // ∂x_k/∂x_i = δ_ki
            case Indexed ix when IsSameVectorComponent(ix):
                return ix.Indices.Length == 1
                    ? new KroneckerDelta(ix.Indices[0], ((Indexed)_variable).Indices[0])
                    : new Multiply(new KroneckerDelta(ix.Indices[0], ((Indexed)_variable).Indices[0]), new KroneckerDelta(ix.Indices[1], ((Indexed)_variable).Indices[1]));
            // (u + v)' = u' + v'
            case Add add:
                return new Add([.. add.Terms.Select(D)]);
            // (−u)' = −u'
            case Negate neg:
                return new Negate(D(neg.Operand));
            // (uv)' = u'v + uv'  (order of factors kept for matrices)
            case Multiply mul:
                return ProductRule(mul.Factors, (fs) => new Multiply([.. fs]));
            // (u/v)' = (u'v − uv')/v²
            case Divide div:
                {
                    var (u, v) = (div.Numerator, div.Denominator);
                    if (!DependsOn(v)) return new Divide(D(u), v);
                    return new Divide(new Add(new Multiply(D(u), v), new Negate(new Multiply(u, D(v)))), new Power(v, Number.Two));
                }
            case Power pow:
                return PowerRule(pow);
            // (u^{1/n})' = (1/n) u^{1/n − 1} u'
            case Root root:
                {
                    var exponent = new Divide(Number.One, root.Index);
                    return new Multiply(exponent, new Power(root.Radicand, new Add(exponent, Number.MinusOne)), D(root.Radicand));
                }
            case Apply ap:
                return ChainRule(ap);
            case Softmax:
                throw new NotDifferentiableException("The derivative of softmax with respect to a scalar needs the matrix-calculus rules.");
            // (uᵀ)' = (u')ᵀ
            case Transpose t:
                return new Transpose(D(t.Operand));
            // (A⁻¹)' = −A⁻¹ A' A⁻¹
            case Inverse inv:
                return new Negate(new Multiply(inv, D(inv.Operand), inv));
            // (u ⊙ v)' = u' ⊙ v + u ⊙ v'
            case HadamardProduct h:
                return ProductRule(h.Factors, fs => new HadamardProduct([.. fs]));
            case HadamardDivide hd:
                return new HadamardDivide(
                    new Add(new HadamardProduct(D(hd.Left), hd.Right), new Negate(new HadamardProduct(hd.Left, D(hd.Right)))),
                    new HadamardProduct(hd.Right, hd.Right));
            case Diag d:
                return new Diag(D(d.Operand));
            case Trace tr:
                return new Trace(D(tr.Operand));
            case MatrixLiteral lit:
                return new MatrixLiteral(lit.Rows, lit.Columns, [.. lit.Args.Select(D)]);
            case KroneckerDelta:
                return Number.Zero;
            // (Σ_i u_i)' = Σ_i u_i'  (bounds free of the variable)
            case BigOperator { Kind: BigOperatorKind.Sum } sum:
                if ((sum.Lower is not null && DependsOn(sum.Lower)) || (sum.Upper is not null && DependsOn(sum.Upper)))
                    throw new NotDifferentiableException("A sum whose bounds depend on the variable cannot be differentiated term by term.");
                return new BigOperator(BigOperatorKind.Sum, sum.Index, D(sum.Body), sum.Lower, sum.Upper);
            // (∏ u_i)' = ∏ u_i · Σ u_i'/u_i for scalar factors
            case BigOperator { Kind: BigOperatorKind.Product } prod when prod.Lower is not null && prod.Upper is not null:
                return new Multiply(prod, new BigOperator(BigOperatorKind.Sum, prod.Index, new Divide(D(prod.Body), prod.Body), prod.Lower, prod.Upper));
            // E[u]' = E[u'] (linearity)
            case Expectation ex:
                return new Expectation(D(ex.Operand));
            // piecewise: differentiate each piece (the boundaries are where it may be undefined)
            case Piecewise pw:
                return new Piecewise([.. pw.Cases.Select(c => (D(c.Value), c.Condition))]);
            case Derivative der:
                return new Derivative(der, [_variable], der.Style);
            case Symbol or Indexed or Variance:
                // A named quantity that mentions the variable only through an unknown relation.
                return new Derivative(f, [_variable]);
            default:
                throw new NotDifferentiableException($"I have no rule to differentiate a {f.GetType().Name}.");
        }
    }

    private Expr ProductRule(ImmutableArray<Expr> factors, Func<IReadOnlyList<Expr>, Expr> build)
    {
        var terms = new List<Expr>();
        for (var i = 0; i < factors.Length; i++)
        {
            if (!DependsOn(factors[i])) continue;
            var copy = factors.ToArray();
            copy[i] = D(factors[i]);
            terms.Add(build(copy));
        }
        return terms.Count switch
        {
            0 => Number.Zero,
            1 => terms[0],
            _ => new Add([.. terms]),
        };
    }

    private Expr PowerRule(Power pow)
    {
        var (u, n) = (pow.Base, pow.Exponent);
        if (!DependsOn(n))
        {
            // (e^v)' with a constant base handled below; (u^n)' = n u^{n−1} u'
            if (u is Constant { Kind: ConstantKind.E }) return Number.Zero;
            return new Multiply(n, new Power(u, new Add(n, Number.MinusOne)), D(u));
        }
        // (e^v)' = e^v v'
        if (u is Constant { Kind: ConstantKind.E }) return new Multiply(pow, D(n));
        // (a^v)' = a^v ln a · v'
        if (!DependsOn(u)) return new Multiply(pow, new Apply(Function.Log, u), D(n));
        // (u^v)' = u^v (v' ln u + v u'/u)
        return new Multiply(pow, new Add(new Multiply(D(n), new Apply(Function.Log, u)), new Divide(new Multiply(n, D(u)), u)));
    }

    // f(u)' = f'(u) u'
    private Expr ChainRule(Apply ap)
    {
        if (ap.Arguments.Length != 1)
        {
            if (ap.Function.Id is FunctionId.Max or FunctionId.Min && ap.Arguments.Length == 2)
            {
                // max(a, b)' = a' where a > b, b' where b > a
                var (a, b) = (ap.Arguments[0], ap.Arguments[1]);
                var first = ap.Function.Id == FunctionId.Max ? RelationKind.Greater : RelationKind.Less;
                var second = ap.Function.Id == FunctionId.Max ? RelationKind.Less : RelationKind.Greater;
                return new Piecewise([(D(a), new Relation(a, first, b)), (D(b), new Relation(a, second, b))]);
            }
            throw new NotDifferentiableException($"I cannot differentiate {ap.Function.Name} of several arguments.");
        }
        var inner = D(ap.Argument);
        var outer = ElementaryDerivatives.Of(ap.Function, ap.Argument);
        return inner is Number { Value.IsOne: true } ? outer : new Multiply(outer, inner);
    }
}

/// <summary>The derivative of each built-in function at u, in the form a textbook prints.</summary>
public static class ElementaryDerivatives
{
    /// <summary>f'(u); with <paramref name="entrywise"/> (u a vector or matrix) products of values are ⊙.</summary>
    public static Expr Of(Function f, Expr u, bool entrywise = false)
    {
        if (f.DerivativeOrder > 0 || f.Id is FunctionId.Opaque or FunctionId.Relu or FunctionId.Step or FunctionId.Sign)
            return new Apply(f.Prime(), u);
        Expr Times(Expr a, Expr b) => entrywise ? new HadamardProduct(a, b) : new Multiply(a, b);
        return f.Id switch
        {
            // σ' = σ(1 − σ)
            FunctionId.Sigmoid => Times(new Apply(Function.Sigmoid, u), new Add(Number.One, new Negate(new Apply(Function.Sigmoid, u)))),
            // tanh' = 1 − tanh²
            FunctionId.Tanh => new Add(Number.One, new Negate(new Power(new Apply(Function.Tanh, u), Number.Two))),
            // exp' = exp
            FunctionId.Exp => new Apply(Function.Exp, u),
            // ln' = 1/u
            FunctionId.Log => new Divide(Number.One, u),
            FunctionId.Log2 => new Divide(new Divide(Number.One, u), new Apply(Function.Log, Number.Two)),
            FunctionId.Log10 => new Divide(new Divide(Number.One, u), new Apply(Function.Log, Number.Of(10))),
            // |u|' = sign(u), undefined at 0
            FunctionId.Abs => new Apply(Function.Sign, u),
            FunctionId.Sin => new Apply(Function.Cos, u),
            FunctionId.Cos => new Negate(new Apply(Function.Sin, u)),
            // tan' = 1 + tan²
            FunctionId.Tan => new Add(Number.One, new Power(new Apply(Function.Tan, u), Number.Two)),
            FunctionId.Sec => Times(new Apply(Function.Sec, u), new Apply(Function.Tan, u)),
            FunctionId.Csc => new Negate(Times(new Apply(Function.Csc, u), new Apply(Function.Cot, u))),
            FunctionId.Cot => new Negate(new Power(new Apply(Function.Csc, u), Number.Two)),
            FunctionId.Asin => new Power(new Add(Number.One, new Negate(new Power(u, Number.Two))), new Number(-BigRational.Half)),
            FunctionId.Acos => new Negate(new Power(new Add(Number.One, new Negate(new Power(u, Number.Two))), new Number(-BigRational.Half))),
            FunctionId.Atan => new Divide(Number.One, new Add(Number.One, new Power(u, Number.Two))),
            FunctionId.Sinh => new Apply(Function.Cosh, u),
            FunctionId.Cosh => new Apply(Function.Sinh, u),
            _ => throw new NotDifferentiableException($"I have no derivative rule for {f.Name}."),
        };
    }
}
