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

    /// <summary>One rule application: the rule's name, what it differentiated and what it gave, how deep.</summary>
    public sealed record TraceEntry(string Rule, Expr Expression, Expr Derivative, int Depth);

    /// <summary>When set, every rule application is recorded here in the order the rules finish.</summary>
    public List<TraceEntry>? Trace { get; init; }

    public Expr Variable => _variable;

    /// <summary>
    /// Named quantities that depend on the variable in a way not written in the expression (v_t and
    /// m_t as functions of x_i): their derivatives stay as ∂v_t/∂x_i for a later step to work out.
    /// </summary>
    public Func<Expr, bool>? DependsImplicitly { get; init; }

    /// <summary>Writes f'(u) for a built-in f (σ'(z), not σ(z)(1 − σ(z))), as a derivation shows the chain rule.</summary>
    public bool PrimeNotation { get; init; }

    public static Expr Differentiate(Expr f, Expr variable) => new Differentiator(variable).D(f);

    /// <summary>True when f can change with the variable (it mentions it, or another component of its vector).</summary>
    public bool DependsOn(Expr f) => f.Any(n => n.Equals(_variable) || IsSameVectorComponent(n) || (n is Symbol s && _variable is Indexed { Base: Symbol vb } && s.Equals(vb))
        || (DependsImplicitly is { } implicitly && n is Symbol or Indexed && implicitly(n)));

    /// <summary>
    /// Another member of the variable's vector or family: x_k for the variable x_i (∂x_k/∂x_i = δ_ki).
    /// Members of an undeclared family (x_1, x_2 with x a scalar name) are independent variables too.
    /// </summary>
    private bool IsSameVectorComponent(Expr n) =>
        n is Indexed { Base: Symbol b } ix && _variable is Indexed { Base: Symbol vb } v
        && b.Equals(vb) && b.Kind is VectorKind or MatrixKind or ScalarKind or FamilyKind { Member: ScalarKind } && ix.Placement == v.Placement && ix.Indices.Length == v.Indices.Length;

    public Expr D(Expr f)
    {
        if (_memo.TryGetValue(f, out var known)) return known;
        StackGuard.Check(++_depth);
        try
        {
            var result = DependsOn(f) ? Rule(f) : Number.Zero;
            if (Trace is not null && DependsOn(f)) Trace.Add(new TraceEntry(RuleName(f), f, result, _depth));
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
            // ∂ softmax(u)_k = s_k (∂u_k − Σ_j s_j ∂u_j)
            case Indexed { Base: Softmax s, Indices: [var k], Placement: IndexPlacement.Subscript }:
                {
                    var length = Shapes.ShapeInference.Infer(s).Shape is Shapes.MatrixShape m ? m.Rows : throw new NotDifferentiableException("softmax of a value of unknown length");
                    var j = FreshIndex(f);
                    var inner = new BigOperator(BigOperatorKind.Sum, j, new Multiply(new Indexed(s, j), D(new Indexed(s.Operand, j))), Number.One, length);
                    return new Multiply(f, new Add(D(new Indexed(s.Operand, k)), new Negate(inner)));
                }
            // ∂ f(u)_k = f'(u_k) ∂u_k for an entrywise f
            case Indexed { Base: Apply { Function.IsBuiltIn: true, Arguments.Length: 1 } ap, Indices: [var k], Placement: IndexPlacement.Subscript }:
                return D(new Apply(ap.Function, new Indexed(ap.Argument, k)));
            case Symbol or Indexed when DependsImplicitly is { } implicitly && implicitly(f):
                return new Derivative(f, [_variable]);
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

    /// <summary>An inner derivative a rule needed: ∂part/∂x = derivative.</summary>
    public sealed record Part(Expr Expression, Expr Derivative, string Rule);

    /// <summary>
    /// The rule at the top of <paramref name="f"/> written out as a textbook shows it — (u'v − uv')/v²
    /// for a quotient — with each inner derivative computed and passed through <paramref name="tidy"/>.
    /// The parts are the inner derivatives, for sub-steps.
    /// </summary>
    public (string Rule, Expr Result, IReadOnlyList<Part> Parts) TopRule(Expr f, Func<Expr, Expr> tidy)
    {
        var parts = new List<Part>();
        Expr Inner(Expr u)
        {
            var d = tidy(D(u));
            parts.Add(new Part(u, d, RuleName(u)));
            return d;
        }
        var rule = RuleName(f);
        Expr result;
        switch (f)
        {
            case Divide { Numerator: var u, Denominator: var v } when DependsOn(v):
                {
                    var du = DependsOn(u) ? Inner(u) : Number.Zero;
                    var dv = Inner(v);
                    result = new Divide(new Add(Product(du, v), new Negate(Product(u, dv))), new Power(v, Number.Two));
                    break;
                }
            case Multiply m when m.Factors.Count(DependsOn) > 1:
                {
                    var terms = new List<Expr>();
                    for (var i = 0; i < m.Factors.Length; i++)
                    {
                        if (!DependsOn(m.Factors[i])) continue;
                        var factors = m.Factors.ToArray();
                        factors[i] = Inner(m.Factors[i]);
                        terms.Add(Product(factors));
                    }
                    result = new Add([.. terms]);
                    break;
                }
            case Add a:
                result = new Add([.. a.Terms.Where(DependsOn).Select(Inner)]);
                break;
            case Apply { Arguments.Length: 1 } ap:
                {
                    var du = Inner(ap.Argument);
                    var outer = PrimeNotation ? new Apply(ap.Function.Prime(), ap.Argument) : ElementaryDerivatives.Of(ap.Function, ap.Argument);
                    result = Product(outer, du);
                    break;
                }
            case Power { Base: var u, Exponent: var n } when !DependsOn(n) && u is not Constant:
                result = Product(n, new Power(u, new Add(n, Number.MinusOne)), Inner(u));
                break;
            default:
                result = tidy(D(f));
                break;
        }
        return (rule, result, parts);
    }

    /// <summary>The name of the rule <see cref="Rule"/> applies to <paramref name="f"/>, in the words of a textbook.</summary>
    public string RuleName(Expr f) => f switch
    {
        _ when f.Equals(_variable) => "derivative of the variable itself",
        Indexed ix when IsSameVectorComponent(ix) => "∂x_k/∂x_i = δ_ki",
        Add => "sum rule",
        Negate => "constant factor −1",
        Multiply m when m.Factors.Count(DependsOn) == 1 => "constant factor",
        Multiply => "product rule",
        Divide d when !DependsOn(d.Denominator) => "constant denominator",
        Divide => "quotient rule",
        Power { Base: Constant { Kind: ConstantKind.E } } => "chain rule with (e^u)' = e^u",
        Power p when !DependsOn(p.Exponent) => "power rule with the chain rule",
        Power => "derivative of u^v",
        Root => "power rule (root)",
        Apply ap => $"chain rule with {FunctionRuleName(ap.Function)}",
        BigOperator { Kind: BigOperatorKind.Sum } => "linearity of the sum",
        BigOperator { Kind: BigOperatorKind.Product } => "product rule over a product",
        Transpose => "derivative of a transpose",
        Inverse => "derivative of an inverse",
        HadamardProduct => "entrywise product rule",
        Expectation => "linearity of expectation",
        Piecewise => "derivative of each piece",
        _ => "derivative",
    };

    private static string FunctionRuleName(Function f) => f.DerivativeOrder > 0 ? $"the derivative of {f.Name}" : f.Id switch
    {
        FunctionId.Sigmoid => "σ' = σ(1 − σ)",
        FunctionId.Tanh => "tanh' = 1 − tanh²",
        FunctionId.Exp => "exp' = exp",
        FunctionId.Log => "ln'(u) = 1/u",
        FunctionId.Sin => "sin' = cos",
        FunctionId.Cos => "cos' = −sin",
        FunctionId.Relu => "ReLU' = step (undefined at 0)",
        FunctionId.Abs => "|u|' = sign(u)",
        _ => $"the derivative of {f.Name}",
    };

    private static Symbol FreshIndex(Expr near)
    {
        var used = near.Descendants().OfType<Symbol>().Select(s => s.Name).ToHashSet();
        foreach (var name in new[] { "j", "l", "m", "p", "q", "r" })
        {
            if (!used.Contains(name)) return new Symbol(name, SymbolKind.BoundInteger);
        }
        return new Symbol("j'", SymbolKind.BoundInteger);
    }

    /// <summary>a·b with products inside flattened, so a written-out rule reads δ e^{x} Σ, not (δ e^{x}) Σ.</summary>
    private static Expr Product(params Expr[] factors)
    {
        var flat = factors.SelectMany(f => f is Multiply m ? (IEnumerable<Expr>)m.Factors : [f]).Where(f => f is not Number { Value.IsOne: true }).ToList();
        return flat.Count switch
        {
            0 => Number.One,
            1 => flat[0],
            _ => new Multiply([.. flat]),
        };
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
        var outer = PrimeNotation ? new Apply(ap.Function.Prime(), ap.Argument) : ElementaryDerivatives.Of(ap.Function, ap.Argument);
        return inner is Number { Value.IsOne: true } ? outer : new Multiply(outer, inner);
    }
}

/// <summary>The derivative of each built-in function at u, in the form a textbook prints.</summary>
public static class ElementaryDerivatives
{
    /// <summary>Every f'(u) of a built-in f written out: σ'(z) → σ(z)(1 − σ(z)).</summary>
    public static Expr ExpandPrimes(Expr e) => e.Rewrite(node =>
        node is Apply { Function: { DerivativeOrder: 1, IsBuiltIn: true } f, Arguments.Length: 1 } ap && f.Id is not (FunctionId.Relu or FunctionId.Step or FunctionId.Sign)
            ? Of(f with { DerivativeOrder = 0 }, ap.Argument)
            : node);

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
