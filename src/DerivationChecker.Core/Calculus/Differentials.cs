using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Calculus;

/// <summary>
/// The differential dF of a (matrix) expression F with respect to a vector or matrix variable X:
/// an expression linear in the placeholder dX, built by the rules of matrix differentials
/// (Magnus–Neudecker). The order of matrix factors is kept, so the result is right for
/// non-commuting matrices. <see cref="MatrixDerivative"/> reads gradients and Jacobians off it.
/// </summary>
public sealed class Differentials
{
    private readonly Symbol _variable;
    private readonly Dictionary<Expr, Expr> _memo = [];
    private int _depth;

    public Differentials(Symbol variable)
    {
        _variable = variable;
        Placeholder = PlaceholderFor(variable);
    }

    /// <summary>dX: a symbol of the same kind as X, written \mathrm{d}X.</summary>
    public Symbol Placeholder { get; }

    public static Symbol PlaceholderFor(Symbol variable) => new($"\\mathrm{{d}}{variable.Name}", variable.Kind);

    public bool DependsOn(Expr e) => e.Any(n => n.Equals(_variable));

    /// <summary>dF; throws <see cref="NotDifferentiableException"/> for constructs without a rule.</summary>
    public Expr Of(Expr f)
    {
        if (!DependsOn(f)) return Number.Zero;
        if (_memo.TryGetValue(f, out var known)) return known;
        StackGuard.Check(++_depth);
        try
        {
            var result = Rule(f);
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
            // dX = dX
            case Symbol s when s.Equals(_variable):
                return Placeholder;
            // d(x_i) = (dx)_i
            case Indexed ix when ix.Base.Equals(_variable):
                return new Indexed(Placeholder, ix.Indices, ix.Placement);
            // d(v_i) = (dv)_i for an entry of a vector or matrix expression
            case Indexed { Placement: IndexPlacement.Subscript } ix when ShapeInference.Infer(ix.Base).Shape is MatrixShape:
                return new Indexed(Of(ix.Base), ix.Indices, ix.Placement);
            // d(A + B) = dA + dB
            case Add add:
                return Sum(add.Terms.Select(Of));
            // d(−A) = −dA
            case Negate neg:
                return new Negate(Of(neg.Operand));
            // d(AB) = dA·B + A·dB, factors in order
            case Multiply mul:
                {
                    var terms = new List<Expr>();
                    for (var i = 0; i < mul.Factors.Length; i++)
                    {
                        if (!DependsOn(mul.Factors[i])) continue;
                        var factors = mul.Factors.ToArray();
                        factors[i] = Of(factors[i]);
                        terms.Add(new Multiply([.. factors]));
                    }
                    return Sum(terms);
                }
            // d(A/c) = dA/c − A dc/c² for a scalar c; entrywise quotient rule otherwise
            case Divide div:
                {
                    var (a, c) = (div.Numerator, div.Denominator);
                    if (!DependsOn(c)) return new Divide(Of(a), c);
                    if (ShapeInference.Infer(c).Shape is ScalarShape)
                        return new Add(new Divide(Of(a), c), new Negate(new Divide(new Multiply(a, Of(c)), new Power(c, Number.Two))));
                    return new HadamardDivide(new Add(new HadamardProduct(Of(a), c), new Negate(new HadamardProduct(a, Of(c)))), new HadamardProduct(c, c));
                }
            // d(Aᵀ) = (dA)ᵀ
            case Transpose t:
                return new Transpose(Of(t.Operand));
            // d(A⁻¹) = −A⁻¹ dA A⁻¹
            case Inverse inv:
                return new Negate(new Multiply(inv, Of(inv.Operand), inv));
            // d(A ⊙ B) = dA ⊙ B + A ⊙ dB
            case HadamardProduct h:
                {
                    var terms = new List<Expr>();
                    for (var i = 0; i < h.Factors.Length; i++)
                    {
                        if (!DependsOn(h.Factors[i])) continue;
                        var factors = h.Factors.ToArray();
                        factors[i] = Of(factors[i]);
                        terms.Add(new HadamardProduct([.. factors]));
                    }
                    return Sum(terms);
                }
            // d(A ⊘ B) = (dA ⊙ B − A ⊙ dB) ⊘ (B ⊙ B)
            case HadamardDivide hd:
                if (!DependsOn(hd.Right)) return new HadamardDivide(Of(hd.Left), hd.Right);
                return new HadamardDivide(new Add(new HadamardProduct(Of(hd.Left), hd.Right), new Negate(new HadamardProduct(hd.Left, Of(hd.Right)))),
                    new HadamardProduct(hd.Right, hd.Right));
            // d f(A) = f'(A) ⊙ dA for an entrywise f
            case Apply { Function.IsBuiltIn: true, Arguments.Length: 1 } ap:
                return Entrywise(ElementaryDerivatives.Of(ap.Function, ap.Argument, IsArray(ap.Argument)), Of(ap.Argument), ap.Argument);
            case Apply { Function.Id: FunctionId.Opaque, Arguments.Length: 1 } opaque:
                return Entrywise(new Apply(opaque.Function.Prime(), opaque.Argument), Of(opaque.Argument), opaque.Argument);
            // d softmax(u) = (diag(s) − s sᵀ) du
            case Softmax sm:
                return new Multiply(SoftmaxJacobian(sm), Of(sm.Operand));
            // d(Aᵏ) for a scalar A (or entrywise for vectors) = k A^{k−1} ⊙ dA
            case Power { Exponent: var k } pow when !DependsOn(k):
                {
                    var inner = Of(pow.Base);
                    var derivative = new Multiply(k, new Power(pow.Base, new Add(k, Number.MinusOne)));
                    if (ShapeInference.Infer(pow.Base).Shape is MatrixShape { IsSquare: true, IsOneByOne: false })
                        throw new NotDifferentiableException("The differential of a matrix power needs the sum Σ A^j dA A^{k−1−j}; write the product out.");
                    return Entrywise(derivative, inner, pow.Base);
                }
            case Power { Base: Constant { Kind: ConstantKind.E } } ep:
                return Entrywise(ep, Of(ep.Exponent), ep.Exponent);
            // d √A = dA ⊘ (2√A)
            case Root { Index: Number two } root when two.Value == 2:
                return Entrywise(new Divide(Number.One, new Multiply(Number.Two, root)), Of(root.Radicand), root.Radicand);
            case Diag d:
                return new Diag(Of(d.Operand));
            case Trace tr:
                return new Trace(Of(tr.Operand));
            // d‖x‖ = xᵀdx / ‖x‖
            case Norm { Kind: NormKind.Two } norm:
                return new Divide(new Multiply(new Transpose(norm.Operand), Of(norm.Operand)), norm);
            case MatrixLiteral lit:
                return new MatrixLiteral(lit.Rows, lit.Columns, [.. lit.Args.Select(Of)]);
            // d Σ_i u_i = Σ_i du_i
            case BigOperator { Kind: BigOperatorKind.Sum } sum when (sum.Lower is null || !DependsOn(sum.Lower)) && (sum.Upper is null || !DependsOn(sum.Upper)):
                return new BigOperator(BigOperatorKind.Sum, sum.Index, Of(sum.Body), sum.Lower, sum.Upper);
            case Expectation ex:
                return new Expectation(Of(ex.Operand));
            default:
                throw new NotDifferentiableException($"I have no rule for the differential of a {f.GetType().Name} with respect to {_variable.Name}.");
        }
    }

    private static bool IsArray(Expr u) => ShapeInference.Infer(u).Shape is MatrixShape;

    /// <summary>f'(u) ⊙ du when u is a vector or matrix, f'(u)·du when it is a scalar.</summary>
    private static Expr Entrywise(Expr derivative, Expr du, Expr u) =>
        ShapeInference.Infer(u).Shape is MatrixShape ? new HadamardProduct(derivative, du) : new Multiply(derivative, du);

    /// <summary>∂softmax(u)/∂u = diag(s) − s sᵀ, s = softmax(u).</summary>
    public static Expr SoftmaxJacobian(Softmax s) => new Add(new Diag(s), new Negate(new Multiply(s, new Transpose(s))));

    private static Expr Sum(IEnumerable<Expr> terms)
    {
        var list = terms.Where(t => t is not Number { Value.IsZero: true }).ToList();
        return list.Count switch
        {
            0 => Number.Zero,
            1 => list[0],
            _ => new Add([.. list]),
        };
    }

    /// <summary>The symbol's kind, for callers that build placeholders of other variables.</summary>
    public static SymbolKind KindOf(Symbol s) => s.Kind;
}
