using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Simplification;

/// <summary>
/// E[·] is linear whatever is random: it passes through sums (a finite Σ too), numbers and constants
/// made of counts (1/n), and a product of sums inside it is multiplied out so that each term gets its
/// own E; Var(·) drops such constants (Var(kX + c) = k²Var(X)). Nothing else
/// leaves an E: E[βX] stays whole because β may be random, E[XY] because X and Y may depend on each
/// other (<see cref="Probability.ExpectationAlgebra"/> decides those when it is told what is random).
/// </summary>
internal static class ExpectationRules
{
    /// <summary>Past this many terms a product of sums inside E[·] is left whole.</summary>
    private const int MaxExpandedTerms = 64;

    public static Expr Expectation(Canonicalizer c, Expr operand)
    {
        switch (operand)
        {
            // E[k] = k for a number k, or a constant made of counts
            case var _ when IsConstant(operand):
                return operand;
            // E[X + Y] = E[X] + E[Y]
            case Add add:
                return AlgebraRules.Sum(c, [.. add.Terms.Select(t => Expectation(c, t))]);
            // E[kX] = k E[X] for a number k, or a constant such as 1/n made of counts
            case Multiply m when m.Factors.Any(IsConstant) && !m.Factors.All(IsConstant):
                {
                    var rest = m.Factors.Where(f => !IsConstant(f)).ToList();
                    return AlgebraRules.Product(c, [.. m.Factors.Where(IsConstant), Expectation(c, rest.Count == 1 ? rest[0] : new Multiply([.. rest]))]);
                }
            // E[Σ_i X_i] = Σ_i E[X_i] for a finite sum
            case BigOperator { Kind: BigOperatorKind.Sum } sum when IsFinite(sum):
                return c.Run(sum.With(body: new Expectation(sum.Body)));
            // E[A (Σ_i X_i) B] = E[Σ_i A X_i B] for A, B free of i (the factors move into the sum, not out of E)
            case Multiply m when SumFactor(m) is { } at:
                {
                    var sum = (BigOperator)m.Factors[at];
                    var body = new Multiply([.. m.Factors.Take(at), sum.Body, .. m.Factors.Skip(at + 1)]);
                    return c.Run(sum.With(body: new Expectation(body)));
                }
            // E[(X + Y) Z] = E[XZ + YZ], then E of each term
            case Multiply or Power when !c.Options.Expand && HasSumToMultiplyOut(operand):
                {
                    var expanded = new Canonicalizer(c.Options with { Expand = true, MaxExpandedTerms = MaxExpandedTerms }, c.Budget).Run(operand);
                    return expanded is Add ? Expectation(c, expanded) : new Expectation(operand);
                }
            default:
                return new Expectation(operand);
        }
    }

    // Var(k) = 0;  Var(kX) = k² Var(X);  Var(X + k) = Var(X)  (k a constant: a number, or made of counts)
    public static Expr Variance(Canonicalizer c, Expr operand)
    {
        switch (operand)
        {
            case var _ when IsConstant(operand):
                return Number.Zero;
            case Multiply m when m.Factors.Any(IsConstant):
                {
                    var constant = AlgebraRules.Product(c, [.. m.Factors.Where(IsConstant)]);
                    var rest = m.Factors.Where(f => !IsConstant(f)).ToList();
                    return AlgebraRules.Product(c, [PowerRules.Power(c, constant, Number.Two), Variance(c, rest.Count == 1 ? rest[0] : new Multiply([.. rest]))]);
                }
            case Add add when add.Terms.Any(IsConstant):
                {
                    var rest = add.Terms.Where(t => !IsConstant(t)).ToList();
                    return Variance(c, rest.Count == 1 ? rest[0] : new Add([.. rest]));
                }
            default:
                return new Expressions.Variance(operand);
        }
    }

    /// <summary>
    /// A number, or a scalar made only of dimensions, counts and indices (1/n, n − i): these are never
    /// random in the homework. A real or positive name (β, σ) may be.
    /// </summary>
    private static bool IsConstant(Expr e) =>
        !e.Any(n => n is Expressions.Expectation or Expressions.Variance or Apply) && e.FreeSymbols().All(s => s.Kind.IsIntegerValued) && ShapeInference.Infer(e).Shape is ScalarShape;

    /// <summary>An infinite series needs convergence for E to pass through it; a finite sum does not.</summary>
    private static bool IsFinite(BigOperator sum) =>
        !(sum.Lower?.Any(n => n is Constant { Kind: ConstantKind.Infinity }) ?? false)
        && !(sum.Upper?.Any(n => n is Constant { Kind: ConstantKind.Infinity }) ?? false);

    /// <summary>The position of the one finite Σ among the factors, when the other factors do not mention its index.</summary>
    private static int? SumFactor(Multiply m)
    {
        var sums = m.Factors.Select((f, i) => (f, i)).Where(p => p.f is BigOperator { Kind: BigOperatorKind.Sum } s && IsFinite(s)).ToList();
        if (sums.Count != 1) return null;
        var (sum, at) = ((BigOperator)sums[0].f, sums[0].i);
        return m.Factors.Where((_, i) => i != at).Any(f => f.HasFree(sum.Index.Name)) ? null : at;
    }

    private static bool HasSumToMultiplyOut(Expr e) => e switch
    {
        Multiply m => m.Factors.Any(f => f is Add || IsSmallPowerOfSum(f)),
        _ => IsSmallPowerOfSum(e),
    };

    private static bool IsSmallPowerOfSum(Expr e) =>
        e is Power { Base: Add, Exponent: Number { Value: { IsInteger: true } k } } && k.Sign > 0 && k <= 4;
}
