using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Shapes;

public enum ShapeProblem
{
    Multiply,
    Add,
    Elementwise,
    Divide,
    Inverse,
    Trace,
    MatrixPower,
    Exponent,
    MatrixEntry,
    Index,
    Family,
    Function,
    RelationSides,
}

/// <summary>
/// Why an expression has no consistent shape, naming both operands and their shapes so a student
/// can see what went wrong ("cannot multiply X (a 5×3 matrix) by Xw − y (a 5×1 vector)").
/// Operands are kept as expressions; the caller chooses how to print them.
/// </summary>
public sealed record ShapeError(
    ShapeProblem Problem,
    Expr Node,
    Expr? Left = null,
    Shape? LeftShape = null,
    Expr? Right = null,
    Shape? RightShape = null)
{
    public string Describe(Func<Expr, string>? show = null)
    {
        show ??= DebugPrinter.Print;
        string L() => Left is null ? "" : $"{show(Left)} ({LeftShape?.Described})";
        string R() => Right is null ? "" : $"{show(Right)} ({RightShape?.Described})";
        return Problem switch
        {
            ShapeProblem.Multiply => $"cannot multiply {L()} by {R()}: {InnerDimensions()}",
            ShapeProblem.Add => $"cannot add {L()} and {R()}: terms of a sum must have the same shape",
            ShapeProblem.Elementwise => $"cannot combine {L()} and {R()} entry by entry: they must have the same shape",
            ShapeProblem.Divide => $"cannot divide {L()} by {R()}",
            ShapeProblem.Inverse => $"{L()} has no inverse: only a square matrix has one",
            ShapeProblem.Trace => $"{L()} has no trace: only a square matrix has one",
            ShapeProblem.MatrixPower => $"cannot raise {L()} to a power: only a square matrix has powers",
            ShapeProblem.Exponent => $"the exponent {R()} must be a scalar",
            ShapeProblem.MatrixEntry => $"the matrix entry {L()} must be a scalar",
            ShapeProblem.Index => $"cannot index {L()} with {show(Node)}",
            ShapeProblem.Family => $"{L()} names a whole family; write one member with an index, such as {show(Left!)}_{{i}}",
            ShapeProblem.Function => $"{L()} is a function; apply it to an argument",
            ShapeProblem.RelationSides => $"the two sides have different shapes: {L()} and {R()}",
            _ => $"inconsistent shapes in {show(Node)}",
        };
    }

    private string InnerDimensions() =>
        LeftShape is MatrixShape l && RightShape is MatrixShape r
            ? $"the left has {Dim.Text(l.Columns)} column{(Dim.IsOne(l.Columns) ? "" : "s")} but the right has {Dim.Text(r.Rows)} row{(Dim.IsOne(r.Rows) ? "" : "s")}"
            : "their shapes do not fit";

    public override string ToString() => Describe();
}
