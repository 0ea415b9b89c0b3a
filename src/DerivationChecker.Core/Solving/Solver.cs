using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Core.Solving;

/// <summary>
/// One move of a solution: the rule in words and the equation it gives. When the move scales the
/// equation, <see cref="Factor"/> is the witness: (LHS − RHS) before = Factor · (LHS − RHS) after.
/// </summary>
public sealed record SolveStep(string Rule, Relation Equation, Expr? Factor = null);

/// <summary>
/// Solves the equations the homework solves by hand, one textbook move at a time: isolating a scalar
/// unknown by undoing what was done to it (move terms across, divide by a factor, take the inverse of
/// σ, exp or log, a power is zero only when its base is), and a linear matrix equation A w = b.
/// Each move is returned with the equation it gives, so a derivation can show and check them.
/// </summary>
public static class Solver
{
    private const int MaxMoves = 24;

    /// <summary>The moves from <paramref name="equation"/> to x = value, or null when a move is not known.</summary>
    public static IReadOnlyList<SolveStep>? Isolate(Relation equation, Expr x)
    {
        if (equation is not { Operands: [var left, var right], Operators: [RelationKind.Equal] }) return null;
        var steps = new List<SolveStep>();
        if (!left.Contains(x)) (left, right) = (right, left);
        if (!left.Contains(x)) return null;
        if (right.Contains(x))
        {
            left = Canonicalizer.Canonicalize(new Add(left, new Negate(right)), CanonicalOptions.Factored);
            right = Number.Zero;
            steps.Add(new SolveStep("bring every term to one side", Equation(left, right)));
        }
        for (var move = 0; move < MaxMoves; move++)
        {
            left = Canonicalizer.Canonicalize(left, CanonicalOptions.Factored);
            if (left.Equals(x)) return steps;
            var next = Undo(left, right, x);
            if (next is null) return null;
            (left, right) = (next.Value.Left, Canonicalizer.Canonicalize(next.Value.Right, CanonicalOptions.Factored));
            steps.Add(new SolveStep(next.Value.Rule, Equation(left, right), next.Value.Factor));
        }
        return null;
    }

    private static (string Rule, Expr Left, Expr Right, Expr? Factor)? Undo(Expr left, Expr right, Expr x)
    {
        switch (left)
        {
            case Add add:
                {
                    var with = add.Terms.Where(t => t.Contains(x)).ToList();
                    if (with.Count != 1) return null;
                    var others = add.Terms.Where(t => !t.Contains(x)).Select(t => (Expr)new Negate(t));
                    return ("move the other terms to the right-hand side", with[0], new Add([right, .. others]), Number.One);
                }
            case Negate neg:
                return ("multiply both sides by −1", neg.Operand, new Negate(right), Number.MinusOne);
            case Multiply mul:
                {
                    var with = mul.Factors.Where(f => f.Contains(x)).ToList();
                    var constant = mul.Factors.Where(f => !f.Contains(x)).ToList();
                    if (with.Count != 1 || constant.Count == 0) return null;
                    Expr c = constant.Count == 1 ? constant[0] : new Multiply([.. constant]);
                    // (u − a)² · c = 0 with c ≠ 0: the factor goes, the product is zero only through u.
                    return right is Number { Value.IsZero: true }
                        ? ("a nonzero factor can be dropped from a product that is zero", with[0], Number.Zero, c)
                        : ("divide both sides by the factor that does not contain the unknown", with[0], new Divide(right, c), c);
                }
            case Power { Base: var u, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } } } when right is Number { Value.IsZero: true }:
                return ("a power is zero only when its base is zero", u, Number.Zero, null);
            case Power { Base: var u, Exponent: Number { Value: var k } } when k == Numbers.BigRational.MinusOne:
                // 1/u − r = −(r/u)(u − 1/r)
                return ("take reciprocals of both sides", u, new Divide(Number.One, right), new Negate(new Divide(right, u)));
            case Apply { Function: { DerivativeOrder: 0 } f, Arguments: [var u] } when Inverse(f, right) is { } inverse:
                return ($"apply the inverse of {Name(f)} to both sides", u, inverse, null);
            case Power { Base: Constant { Kind: ConstantKind.E }, Exponent: var u }:
                return ("take the natural logarithm of both sides", u, new Apply(Function.Log, right), null);
            default:
                return null;
        }
    }

    private static Expr? Inverse(Function f, Expr r) => f.Id switch
    {
        // σ(u) = r  ⇔  u = ln(r/(1 − r))
        FunctionId.Sigmoid => new Apply(Function.Log, new Divide(r, new Add(Number.One, new Negate(r)))),
        FunctionId.Exp => new Apply(Function.Log, r),
        FunctionId.Log => new Power(Constant.E, r),
        // tanh(u) = r  ⇔  u = ½ ln((1 + r)/(1 − r))
        FunctionId.Tanh => new Multiply(new Number(Numbers.BigRational.Half), new Apply(Function.Log, new Divide(new Add(Number.One, r), new Add(Number.One, new Negate(r))))),
        _ => null,
    };

    private static string Name(Function f) => f.Id switch
    {
        FunctionId.Sigmoid => "σ (the logit)",
        FunctionId.Exp => "exp (ln)",
        FunctionId.Log => "ln (exp)",
        FunctionId.Tanh => "tanh (artanh)",
        _ => f.Name,
    };

    /// <summary>
    /// Solves a linear equation in a vector or matrix unknown, Σ M_k w + c = 0, as w = (Σ M_k)⁻¹(−c):
    /// multiply out, drop a common scalar factor, move the constant terms across, multiply by the
    /// inverse on the left. Null when a term is not of the form M w.
    /// </summary>
    public static IReadOnlyList<SolveStep>? SolveLinear(Relation equation, Symbol w)
    {
        if (equation is not { Operands: [var left, var right], Operators: [RelationKind.Equal] }) return null;
        var difference = Canonicalizer.Canonicalize(new Add(left, new Negate(right)), CanonicalOptions.Default);
        var terms = difference is Add a ? a.Terms.ToList() : [difference];
        var steps = new List<SolveStep> { new("multiply out", Equation(Sum(terms), Number.Zero), Number.One) };

        var common = CommonScalarFactors(terms);
        if (common.Count > 0)
        {
            Expr factor = common.Count == 1 ? common[0] : new Multiply([.. common]);
            terms = [.. terms.Select(t => Canonicalizer.Canonicalize(new Multiply(t, new Power(factor, Number.MinusOne)), CanonicalOptions.Default))];
            steps.Add(new SolveStep("divide both sides by the common factor", Equation(Sum(terms), Number.Zero), factor));
        }

        var coefficients = new List<Expr>();
        var constants = new List<Expr>();
        foreach (var term in terms)
        {
            if (!term.Contains(w))
            {
                constants.Add(term);
                continue;
            }
            if (term is not Multiply { Factors: var fs } || !fs[^1].Equals(w) || fs.Take(fs.Length - 1).Any(f => f.Contains(w))) return null;
            coefficients.Add(fs.Length == 2 ? fs[0] : new Multiply([.. fs.Take(fs.Length - 1)]));
        }
        if (coefficients.Count == 0) return null;
        var matrix = Textbook.Display(Canonicalizer.Canonicalize(Sum(coefficients), CanonicalOptions.Factored));
        var vector = Textbook.Display(Canonicalizer.Canonicalize(new Negate(Sum(constants)), CanonicalOptions.Factored));
        steps.Add(new SolveStep("move the constant terms to the right-hand side", Equation(new Multiply(matrix, w), vector), Number.One));
        var solution = ShapeInference.Infer(matrix).Shape is ScalarShape
            ? new Divide(vector, matrix)
            : (Expr)new Multiply(new Inverse(matrix), vector);
        steps.Add(new SolveStep("multiply on the left by the inverse (it exists when the matrix has full rank)", Equation(w, solution)));
        return steps;
    }

    private static List<Expr> CommonScalarFactors(IReadOnlyList<Expr> terms)
    {
        static IEnumerable<Expr> ScalarFactors(Expr t) =>
            (t is Multiply m ? m.Factors : [t]).Where(f => f is not Number && ShapeInference.Infer(f).Shape is ScalarShape);
        var common = ScalarFactors(terms[0]).ToList();
        foreach (var t in terms.Skip(1))
        {
            var here = ScalarFactors(t).ToList();
            common = [.. common.Where(here.Contains)];
        }
        return common;
    }

    private static Expr Sum(IReadOnlyList<Expr> terms) => terms.Count switch
    {
        0 => Number.Zero,
        1 => terms[0],
        _ => new Add([.. terms]),
    };

    private static Relation Equation(Expr left, Expr right) => new(Textbook.Display(left), RelationKind.Equal, Textbook.Display(right));
}
