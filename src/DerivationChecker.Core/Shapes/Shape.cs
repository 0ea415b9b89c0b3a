using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Shapes;

/// <summary>
/// The shape of a value: a true scalar, an R×C matrix (a column vector is R×1), or unknown
/// (an opaque function of a vector, an ellipsis). Dimensions are expressions, so they may be
/// symbolic (n, d+1). A scalar is not a 1×1 matrix: ε may be added to every entry of a vector,
/// but sᵀs (a 1×1 matrix) may not be subtracted from a 3×3 matrix.
/// </summary>
public abstract record Shape
{
    public static readonly Shape Scalar = new ScalarShape();
    public static readonly Shape Unknown = new UnknownShape();

    public static Shape Matrix(Expr rows, Expr columns) => new MatrixShape(Dim.Normalize(rows), Dim.Normalize(columns));
    public static Shape Matrix(long rows, long columns) => new MatrixShape(Number.Of(rows), Number.Of(columns));
    public static Shape Vector(Expr length) => Matrix(length, Number.One);

    public bool IsScalar => this is ScalarShape;
    public bool IsUnknown => this is UnknownShape;

    /// <summary>A scalar or a 1×1 matrix: both multiply anything as a scalar does.</summary>
    public bool ActsAsScalar => this is ScalarShape || this is MatrixShape { IsOneByOne: true };

    /// <summary>Plain text for messages: "scalar", "4×1", "n×(d+1)".</summary>
    public abstract string Text { get; }

    /// <summary>With an article, for sentences: "a 4×1 vector", "a 2×4 matrix", "a scalar".</summary>
    public abstract string Described { get; }

    public sealed override string ToString() => Text;
}

public sealed record ScalarShape : Shape
{
    public override string Text => "scalar";
    public override string Described => "a scalar";
}

public sealed record UnknownShape : Shape
{
    public override string Text => "unknown";
    public override string Described => "a value of unknown shape";
}

public sealed record MatrixShape(Expr Rows, Expr Columns) : Shape
{
    public bool IsOneByOne => Dim.IsOne(Rows) && Dim.IsOne(Columns);
    public bool IsColumn => Dim.IsOne(Columns) && !Dim.IsOne(Rows);
    public bool IsRow => Dim.IsOne(Rows) && !Dim.IsOne(Columns);
    public bool IsSquare => Dim.Equal(Rows, Columns);
    public MatrixShape Transposed => new(Columns, Rows);

    public override string Text => $"{Dim.Text(Rows)}×{Dim.Text(Columns)}";

    public override string Described =>
        IsOneByOne ? "a 1×1 matrix"
        : IsColumn ? $"a {Text} vector"
        : IsRow ? $"a {Text} row vector"
        : $"a {Text} matrix";
}
