using System.Collections.Immutable;

namespace DerivationChecker.Core.Expressions;

/// <summary>Aᵀ (the identity on scalars).</summary>
public sealed class Transpose : Expr
{
    public Transpose(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Transpose(args[0]);
}

/// <summary>A⁻¹ of a square matrix (1/x on scalars).</summary>
public sealed class Inverse : Expr
{
    public Inverse(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Inverse(args[0]);
}

/// <summary>a ⊙ b ⊙ … : the elementwise product of equally shaped operands.</summary>
public sealed class HadamardProduct : Expr
{
    public HadamardProduct(ImmutableArray<Expr> factors) : base(factors)
    {
        if (factors.Length < 2) throw new ArgumentException("A Hadamard product needs two operands.", nameof(factors));
    }

    public HadamardProduct(Expr first, Expr second, params Expr[] more) : this([first, second, .. more]) { }
    public ImmutableArray<Expr> Factors => Args;
    public void Deconstruct(out ImmutableArray<Expr> factors) => factors = Args;
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new HadamardProduct(args);
}

/// <summary>a ⊘ b : elementwise division.</summary>
public sealed class HadamardDivide : Expr
{
    public HadamardDivide(Expr left, Expr right) : base([left, right]) { }
    public Expr Left => Args[0];
    public Expr Right => Args[1];

    public void Deconstruct(out Expr left, out Expr right)
    {
        left = Args[0];
        right = Args[1];
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new HadamardDivide(args[0], args[1]);
}

/// <summary>diag(v): the square matrix with v on its diagonal (or the diagonal of a square matrix).</summary>
public sealed class Diag : Expr
{
    public Diag(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Diag(args[0]);
}

/// <summary>tr(A).</summary>
public sealed class Trace : Expr
{
    public Trace(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Trace(args[0]);
}

public enum NormKind
{
    /// <summary>The Euclidean norm (Frobenius for matrices), written ‖x‖ or ‖x‖₂.</summary>
    Two,
    One,
    Infinity,
}

/// <summary>‖x‖, ‖x‖₁, ‖x‖∞.</summary>
public sealed class Norm : Expr
{
    public NormKind Kind { get; }
    public Norm(Expr operand, NormKind kind = NormKind.Two) : base([operand]) => Kind = kind;
    public Expr Operand => Args[0];

    public void Deconstruct(out Expr operand, out NormKind kind)
    {
        operand = Args[0];
        kind = Kind;
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Norm(args[0], Kind);
    protected override bool PayloadEquals(Expr other) => Kind == ((Norm)other).Kind;
    protected override int PayloadHash() => (int)Kind;
}

/// <summary>softmax(u)_k = e^{u_k} / Σ_j e^{u_j}, a vector function.</summary>
public sealed class Softmax : Expr
{
    public Softmax(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Softmax(args[0]);
}

/// <summary>A literal matrix (bmatrix, pmatrix, or [a, b, c] as a row), entries row by row.</summary>
public sealed class MatrixLiteral : Expr
{
    public int Rows { get; }
    public int Columns { get; }

    public MatrixLiteral(int rows, int columns, ImmutableArray<Expr> entries) : base(entries)
    {
        if (rows < 1 || columns < 1 || entries.Length != rows * columns)
            throw new ArgumentException("A matrix literal needs rows × columns entries.", nameof(entries));
        Rows = rows;
        Columns = columns;
    }

    public Expr this[int row, int column] => Args[row * Columns + column];

    public void Deconstruct(out int rows, out int columns, out ImmutableArray<Expr> entries)
    {
        rows = Rows;
        columns = Columns;
        entries = Args;
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new MatrixLiteral(Rows, Columns, args);
    protected override bool PayloadEquals(Expr other) => Rows == ((MatrixLiteral)other).Rows && Columns == ((MatrixLiteral)other).Columns;
    protected override int PayloadHash() => HashCode.Combine(Rows, Columns);
}

/// <summary>I_n, the n×n identity (n a number or a dimension symbol).</summary>
public sealed class IdentityMatrix : Expr
{
    public IdentityMatrix(Expr size) : base([size]) { }
    public Expr Dimension => Args[0];
    public void Deconstruct(out Expr dimension) => dimension = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new IdentityMatrix(args[0]);
}

/// <summary>
/// 𝟏, the all-ones column vector (\mathbf{1}, \mathbb{1}): 𝟏ᵀx is the sum of the entries of x. Its
/// length is given (𝟏_n) or found by the reader from what it multiplies or is added to
/// (<see cref="Shapes.OnesVectors"/>); until then it is unknown (<see cref="Length"/> null).
/// </summary>
public sealed class OnesVector : Expr
{
    public static readonly OnesVector OfUnknownLength = new();

    private OnesVector() { }

    public OnesVector(Expr length) : base([length]) { }

    public Expr? Length => Args.Length == 0 ? null : Args[0];

    protected override Expr Rebuild(ImmutableArray<Expr> args) => args.Length == 0 ? OfUnknownLength : new OnesVector(args[0]);
}
