namespace DerivationChecker.Core.Evaluation;

/// <summary>A dense matrix of numbers (a column vector is n×1), row-major.</summary>
public sealed class Tensor<T> where T : struct, IScalar<T>
{
    public int Rows { get; }
    public int Columns { get; }
    public T[] Data { get; }

    public Tensor(int rows, int columns, T[] data)
    {
        Rows = rows;
        Columns = columns;
        Data = data;
    }

    public Tensor(int rows, int columns) : this(rows, columns, new T[rows * columns]) { }

    public T this[int r, int c]
    {
        get => Data[r * Columns + c];
        set => Data[r * Columns + c] = value;
    }

    public bool IsInvalid
    {
        get
        {
            foreach (var x in Data)
            {
                if (x.IsInvalid) return true;
            }
            return false;
        }
    }

    public static Tensor<T> Identity(int n)
    {
        var t = new Tensor<T>(n, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++) t[i, j] = i == j ? T.One : T.Zero;
        }
        return t;
    }

    public Tensor<T> Map(Func<T, T> f)
    {
        var data = new T[Data.Length];
        for (var i = 0; i < data.Length; i++) data[i] = f(Data[i]);
        return new Tensor<T>(Rows, Columns, data);
    }

    public static Tensor<T> Zip(Tensor<T> a, Tensor<T> b, Func<T, T, T> f)
    {
        var data = new T[a.Data.Length];
        for (var i = 0; i < data.Length; i++) data[i] = f(a.Data[i], b.Data[i]);
        return new Tensor<T>(a.Rows, a.Columns, data);
    }

    public Tensor<T> Transposed()
    {
        var t = new Tensor<T>(Columns, Rows);
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++) t[c, r] = this[r, c];
        }
        return t;
    }

    public static Tensor<T> MatMul(Tensor<T> a, Tensor<T> b)
    {
        var t = new Tensor<T>(a.Rows, b.Columns);
        for (var r = 0; r < a.Rows; r++)
        {
            for (var c = 0; c < b.Columns; c++)
            {
                var sum = T.Zero;
                for (var k = 0; k < a.Columns; k++) sum = T.Add(sum, T.Multiply(a[r, k], b[k, c]));
                t[r, c] = sum;
            }
        }
        return t;
    }

    /// <summary>Gauss–Jordan with partial pivoting (for ordered systems) or any non-zero pivot (exact systems); null if singular.</summary>
    public Tensor<T>? Inverse()
    {
        var n = Rows;
        var a = new Tensor<T>(n, n, (T[])Data.Clone());
        var inv = Identity(n);
        for (var col = 0; col < n; col++)
        {
            var pivot = -1;
            for (var r = col; r < n; r++)
            {
                if (a[r, col].IsExactlyZero) continue;
                if (pivot < 0) pivot = r;
                else if (!T.IsExact && Magnitude(a[r, col]) > Magnitude(a[pivot, col])) pivot = r;
                if (T.IsExact) break;
            }
            if (pivot < 0) return null;
            if (!T.IsExact && a[pivot, col] is Approx p && Math.Abs(p.Value) <= 4 * p.Error) return null;
            if (pivot != col)
            {
                for (var c = 0; c < n; c++)
                {
                    (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                    (inv[col, c], inv[pivot, c]) = (inv[pivot, c], inv[col, c]);
                }
            }
            var diag = a[col, col];
            for (var c = 0; c < n; c++)
            {
                a[col, c] = T.Divide(a[col, c], diag);
                inv[col, c] = T.Divide(inv[col, c], diag);
            }
            for (var r = 0; r < n; r++)
            {
                if (r == col) continue;
                var factor = a[r, col];
                if (factor.IsExactlyZero) continue;
                for (var c = 0; c < n; c++)
                {
                    a[r, c] = T.Subtract(a[r, c], T.Multiply(factor, a[col, c]));
                    inv[r, c] = T.Subtract(inv[r, c], T.Multiply(factor, inv[col, c]));
                }
            }
        }
        return inv.IsInvalid ? null : inv;
    }

    private static double Magnitude(T x) => x is Approx a ? Math.Abs(a.Value) : 0;
}

/// <summary>A scalar or a tensor: what evaluating an expression gives.</summary>
public readonly struct Value<T> where T : struct, IScalar<T>
{
    public T Scalar { get; }
    public Tensor<T>? Tensor { get; }

    public Value(T scalar)
    {
        Scalar = scalar;
        Tensor = null;
    }

    public Value(Tensor<T> tensor)
    {
        Scalar = default;
        Tensor = tensor;
    }

    public bool IsTensor => Tensor is not null;
    public bool IsInvalid => Tensor is null ? Scalar.IsInvalid : Tensor.IsInvalid;

    public static readonly Value<T> Invalid = new(T.Invalid);

    /// <summary>A 1×1 tensor acts as a scalar in products.</summary>
    public bool ActsAsScalar => Tensor is null || (Tensor.Rows == 1 && Tensor.Columns == 1);
    public T AsScalar => Tensor is null ? Scalar : Tensor.Data[0];

    public override string ToString() => Tensor is null ? Scalar.ToString()! : $"[{Tensor.Rows}×{Tensor.Columns}]";
}
