using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Simplification;

/// <summary>
/// A total order on expressions, so canonical forms (sorted sums and products) are deterministic:
/// numbers first, then symbols by name, then compound nodes by kind and children.
/// </summary>
public sealed class ExprOrder : IComparer<Expr>
{
    public static readonly ExprOrder Instance = new();

    private static int Rank(Expr e) => e switch
    {
        Number => 0,
        FloatNumber => 1,
        Constant => 2,
        Symbol => 3,
        Indexed => 4,
        KroneckerDelta => 5,
        Power => 6,
        Apply => 7,
        Multiply => 8,
        Add => 9,
        _ => 10,
    };

    public int Compare(Expr? x, Expr? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var r = Rank(x).CompareTo(Rank(y));
        if (r != 0) return r;
        switch (x, y)
        {
            case (Number a, Number b):
                return a.Value.CompareTo(b.Value);
            case (FloatNumber a, FloatNumber b):
                return a.Value.CompareTo(b.Value);
            case (Constant a, Constant b):
                return a.Kind.CompareTo(b.Kind);
            case (Symbol a, Symbol b):
                {
                    var c = string.CompareOrdinal(a.Name, b.Name);
                    return c != 0 ? c : string.CompareOrdinal(a.Kind.Describe(), b.Kind.Describe());
                }
            case (Apply a, Apply b):
                {
                    var c = string.CompareOrdinal(a.Function.Name, b.Function.Name);
                    if (c != 0) return c;
                    c = a.Function.DerivativeOrder.CompareTo(b.Function.DerivativeOrder);
                    if (c != 0) return c;
                    break;
                }
        }
        if (x.GetType() != y.GetType()) return string.CompareOrdinal(x.GetType().Name, y.GetType().Name);
        var payload = PayloadOrder(x, y);
        if (payload != 0) return payload;
        var n = Math.Min(x.Args.Length, y.Args.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Compare(x.Args[i], y.Args[i]);
            if (c != 0) return c;
        }
        return x.Args.Length.CompareTo(y.Args.Length);
    }

    private static int PayloadOrder(Expr x, Expr y) => (x, y) switch
    {
        (Indexed a, Indexed b) => a.Placement.CompareTo(b.Placement),
        (BigOperator a, BigOperator b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : (a.HasLower, a.HasUpper).CompareTo((b.HasLower, b.HasUpper)),
        (Norm a, Norm b) => a.Kind.CompareTo(b.Kind),
        (Derivative a, Derivative b) => a.Style.CompareTo(b.Style),
        (MatrixLiteral a, MatrixLiteral b) => (a.Rows, a.Columns).CompareTo((b.Rows, b.Columns)),
        (TupleExpr a, TupleExpr b) => a.Style.CompareTo(b.Style),
        (TextNode a, TextNode b) => string.CompareOrdinal(a.Text, b.Text),
        (Relation a, Relation b) => CompareOperators(a, b),
        _ => 0,
    };

    private static int CompareOperators(Relation a, Relation b)
    {
        var n = Math.Min(a.Operators.Length, b.Operators.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a.Operators[i].CompareTo(b.Operators[i]);
            if (c != 0) return c;
        }
        return a.Operators.Length.CompareTo(b.Operators.Length);
    }
}
