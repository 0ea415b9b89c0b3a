using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Simplification;

/// <summary>
/// What the declared kinds prove about the sign of a scalar expression. Rules over partial
/// operations consult this before they fire: log(ab) = log a + log b needs a, b &gt; 0, and
/// e^{ln a} = a needs a &gt; 0 — an unguarded rule is how a grader accepts a wrong answer.
/// </summary>
public static class SignAnalysis
{
    /// <summary>Provably &gt; 0 wherever defined.</summary>
    public static bool IsPositive(Expr e) => e switch
    {
        Number n => n.Value.Sign > 0,
        Constant { Kind: ConstantKind.E or ConstantKind.Pi } => true,
        Symbol s => s.Kind is ScalarKind { Domain: ScalarDomain.Positive or ScalarDomain.Dimension } or IndexKind,
        Indexed ix => IndexedPositive(ix),
        Apply { Function: { Id: FunctionId.Exp or FunctionId.Sigmoid, DerivativeOrder: 0 } } => true,
        Apply { Function: { Id: FunctionId.Sigmoid, DerivativeOrder: 1 } } => true,
        Apply { Function: { Id: FunctionId.Cosh, DerivativeOrder: 0 } } => true,
        Power { Base: var b, Exponent: var x } => IsPositive(b) || (IsEvenInteger(x) && IsNonZero(b)),
        Root { Radicand: var r } => IsPositive(r),
        Multiply m => m.Factors.All(IsPositive),
        Add a => a.Terms.All(IsNonNegative) && a.Terms.Any(IsPositive),
        Divide d => IsPositive(d.Numerator) && IsPositive(d.Denominator),
        _ => false,
    };

    /// <summary>Provably ≥ 0 wherever defined.</summary>
    public static bool IsNonNegative(Expr e) => IsPositive(e) || e switch
    {
        Number n => n.Value.Sign >= 0,
        Symbol s => s.Kind is ScalarKind { Domain: ScalarDomain.Natural },
        Apply { Function: { Id: FunctionId.Abs or FunctionId.Relu or FunctionId.Step, DerivativeOrder: 0 } } => true,
        Power { Base: var b, Exponent: var x } => IsNonNegative(b) || IsEvenInteger(x),
        Root => true,
        Norm => true,
        Multiply m => m.Factors.All(IsNonNegative),
        Add a => a.Terms.All(IsNonNegative),
        Divide d => IsNonNegative(d.Numerator) && IsPositive(d.Denominator),
        _ => false,
    };

    public static bool IsNonZero(Expr e) => IsPositive(e) || e switch
    {
        Number n => !n.Value.IsZero,
        Negate neg => IsNonZero(neg.Operand),
        Multiply m => m.Factors.All(IsNonZero),
        Power { Base: var b } => IsNonZero(b),
        _ => false,
    };

    public static bool IsEvenInteger(Expr e) => e is Number { Value: { IsInteger: true } v } && v.Numerator.IsEven;

    public static bool IsInteger(Expr e) => e switch
    {
        Number n => n.Value.IsInteger,
        Symbol s => s.Kind.IsIntegerValued,
        Negate neg => IsInteger(neg.Operand),
        Add a => a.Terms.All(IsInteger),
        Multiply m => m.Factors.All(IsInteger),
        Power { Base: var b, Exponent: var x } => IsInteger(b) && IsNonNegative(x) && IsInteger(x),
        _ => false,
    };

    private static bool IndexedPositive(Indexed ix)
    {
        Expr b = ix;
        while (b is Indexed inner) b = inner.Base;
        var kind = (b as Symbol)?.Kind;
        if (kind is FamilyKind f) kind = f.Member;
        return kind switch
        {
            ScalarKind { Domain: ScalarDomain.Positive or ScalarDomain.Dimension } => true,
            VectorKind { Entries: EntryDomain.Positive or EntryDomain.Probability } => true,
            MatrixKind { PositiveEntries: true } => true,
            _ => false,
        };
    }
}
