using System.Collections.Immutable;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Simplification;

public sealed record CanonicalOptions
{
    /// <summary>Multiply out products of sums and small powers of sums.</summary>
    public bool Expand { get; init; } = true;

    /// <summary>Write out Σ and ∏ whose bounds are numbers with at most <see cref="MaxUnrolledTerms"/> terms.</summary>
    public bool UnrollSmallSums { get; init; } = true;

    public int MaxUnrolledTerms { get; init; } = 16;

    /// <summary>No expansion may produce more terms than this; larger ones stay factored.</summary>
    public int MaxExpandedTerms { get; init; } = 512;

    public static readonly CanonicalOptions Default = new();
    public static readonly CanonicalOptions Factored = new() { Expand = false, UnrollSmallSums = false };
}

/// <summary>
/// Rewrites an expression into a canonical form: sums flattened, like terms collected and ordered;
/// scalar factors commuted, powers of equal bases combined; matrix factors kept in order with
/// transposes and inverses pushed through products; exact constant folding. Every rule holds where
/// both sides are defined, and rules over partial operations check <see cref="SignAnalysis"/> first.
/// The algebra lives in the rule families (<see cref="AlgebraRules"/>, <see cref="PowerRules"/>,
/// <see cref="FunctionRules"/>, <see cref="MatrixRules"/>, <see cref="ExpectationRules"/>); this class walks the tree.
/// </summary>
public sealed class Canonicalizer
{
    private readonly Dictionary<Expr, Expr> _memo = [];
    private readonly ShapeInference _shapes = new();

    public Canonicalizer(CanonicalOptions? options = null, Budget? budget = null)
    {
        Options = options ?? CanonicalOptions.Default;
        Budget = budget ?? Budget.Unlimited;
    }

    public CanonicalOptions Options { get; }
    public Budget Budget { get; }

    public static Expr Canonicalize(Expr e, CanonicalOptions? options = null, Budget? budget = null) =>
        new Canonicalizer(options, budget).Run(e);

    private int _depth;
    private Canonicalizer? _factoring;

    public Expr Run(Expr e)
    {
        // Leaves are their own canonical form; only compound nodes are worth remembering.
        if (e.Args.Length == 0) return e;
        if (_memo.TryGetValue(e, out var known)) return known;
        if (_depth == 0 && Options.Expand)
        {
            // Factors cancel before anything is multiplied out: x(1 − β)/(1 − β) is x, whereas
            // (x − βx)/(1 − β) would stay as it is.
            _factoring ??= new Canonicalizer(Options with { Expand = false }, Budget);
            var result = Walk(_factoring.Run(e));
            _memo[e] = result;
            return result;
        }
        return Walk(e);
    }

    private Expr Walk(Expr e)
    {
        if (e.Args.Length == 0) return e;
        if (_memo.TryGetValue(e, out var known)) return known;
        Budget.Tick();
        StackGuard.Check(++_depth);
        try
        {
            var result = RunCore(e);
            _memo[e] = result;
            return result;
        }
        finally
        {
            _depth--;
        }
    }

    private Expr RunCore(Expr e)
    {
        Expr result;
        if (e is BigOperator big)
        {
            result = MatrixRules.BigOperator(this, big);
        }
        else
        {
            var args = e.Args;
            ImmutableArray<Expr>.Builder? changed = null;
            for (var i = 0; i < args.Length; i++)
            {
                var c = Run(args[i]);
                if (changed is null && !ReferenceEquals(c, args[i]))
                {
                    changed = ImmutableArray.CreateBuilder<Expr>(args.Length);
                    for (var j = 0; j < i; j++) changed.Add(args[j]);
                }
                changed?.Add(c);
            }
            var node = changed is null ? e : e.WithArgs(changed.MoveToImmutable());
            result = Rewrite(node);
        }
        return result;
    }

    /// <summary>One node whose children are already canonical.</summary>
    private Expr Rewrite(Expr e) => e switch
    {
        Add add => AlgebraRules.Sum(this, add.Terms),
        Negate neg => AlgebraRules.Product(this, [Number.MinusOne, neg.Operand]),
        Multiply mul => AlgebraRules.Product(this, mul.Factors),
        Divide div => AlgebraRules.Quotient(this, div),
        Power pow => PowerRules.Power(this, pow.Base, pow.Exponent),
        Root root => root.Index is Number { Value: { IsInteger: true, IsZero: false } n }
            ? PowerRules.Power(this, root.Radicand, new Number(BigRational.One / n))
            : root,
        Apply ap => FunctionRules.Apply(this, ap),
        Transpose t => MatrixRules.Transpose(this, t.Operand),
        Inverse inv => MatrixRules.Inverse(this, inv.Operand),
        HadamardProduct h => MatrixRules.Hadamard(this, h),
        KroneckerDelta kd => AlgebraRules.Delta(kd),
        Expectation ex => ExpectationRules.Expectation(this, ex.Operand),
        Variance v => ExpectationRules.Variance(this, v.Operand),
        Diag d when IsScalar(d.Operand) => d.Operand,
        // tr(s) = s for a scalar or a 1×1 product (tr(aᵀb) = aᵀb)
        Trace tr when ShapeOf(tr.Operand) is { ActsAsScalar: true } => tr.Operand,
        _ => e,
    };

    /// <summary>True when the expression is a true scalar (commutes with everything).</summary>
    public bool IsScalar(Expr e)
    {
        var r = _shapes.Run(e);
        return r.Ok && r.Shape is ScalarShape;
    }

    public Shape? ShapeOf(Expr e)
    {
        var r = _shapes.Run(e);
        return r.Ok ? r.Shape : null;
    }
}
