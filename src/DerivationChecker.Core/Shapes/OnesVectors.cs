using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Shapes;

/// <summary>
/// Gives each 𝟏 written without a length (\mathbf{1}) the length the expression around it asks for,
/// the way a reader of the homework does: a row 𝟏ᵀ takes the rows of the next vector or matrix it
/// multiplies (𝟏ᵀx, 𝟏ᵀAx), a column 𝟏 the columns of the one before it (A𝟏, xᵀ𝟏), and a 𝟏 added to
/// or multiplied entrywise with a vector the length of that vector (x − 𝟏, x ⊙ 𝟏). A 𝟏 with nothing
/// to take its length from (𝟏𝟏ᵀ alone) keeps an unknown length, and the checker says it cannot evaluate it.
/// </summary>
public static class OnesVectors
{
    public static bool AnyUnknown(Expr e) => e.Any(n => n is OnesVector { Length: null });

    public static Expr ResolveLengths(Expr e) => !AnyUnknown(e) ? e : e.Rewrite(node => node switch
    {
        Multiply m => InProduct(m),
        Add add => InEntrywise(add, add.Terms),
        HadamardProduct h => InEntrywise(h, h.Factors),
        _ => node,
    });

    private static Expr InProduct(Multiply m)
    {
        var factors = m.Factors.ToArray();
        var changed = false;
        for (var k = 0; k < factors.Length; k++)
        {
            Expr? length = factors[k] switch
            {
                // 𝟏ᵀ·M: as many entries as M has rows
                Transpose { Operand: OnesVector { Length: null } } => Neighbour(factors, k, +1) is { } next ? next.Rows : null,
                // M·𝟏: as many entries as M has columns
                OnesVector { Length: null } => Neighbour(factors, k, -1) is { } previous ? previous.Columns : null,
                _ => null,
            };
            if (length is null) continue;
            factors[k] = factors[k] is Transpose ? new Transpose(new OnesVector(length)) : new OnesVector(length);
            changed = true;
        }
        return changed ? new Multiply([.. factors]) : m;
    }

    /// <summary>The shape of the nearest factor in <paramref name="direction"/> that is a vector or matrix, skipping scalars.</summary>
    private static MatrixShape? Neighbour(Expr[] factors, int at, int direction)
    {
        for (var k = at + direction; k >= 0 && k < factors.Length; k += direction)
        {
            var shape = ShapeInference.Infer(factors[k]).Shape;
            if (shape is MatrixShape { IsOneByOne: false } m) return m;
            if (shape is not ScalarShape) return null;
        }
        return null;
    }

    /// <summary>x + 𝟏, x − c𝟏, x ⊙ 𝟏: a column 𝟏 among the terms takes the length of a column vector beside it.</summary>
    private static Expr InEntrywise(Expr node, IReadOnlyList<Expr> operands)
    {
        var length = operands.Select(o => ShapeInference.Infer(o).Shape).OfType<MatrixShape>().FirstOrDefault(s => s.IsColumn)?.Rows;
        if (length is null) return node;
        var rebuilt = operands.Select(o => IsScaledOnes(o) ? o.Substitute(OnesVector.OfUnknownLength, new OnesVector(length)) : o).ToList();
        return rebuilt.SequenceEqual(operands) ? node : node.WithArgs([.. rebuilt]);
    }

    /// <summary>𝟏, −𝟏 or a scalar multiple of 𝟏 (not 𝟏ᵀ, whose length a sum does not decide).</summary>
    private static bool IsScaledOnes(Expr e) => e switch
    {
        OnesVector { Length: null } => true,
        Negate neg => IsScaledOnes(neg.Operand),
        Multiply m => m.Factors.Count(f => f is OnesVector { Length: null }) == 1
            && m.Factors.All(f => f is OnesVector || ShapeInference.Infer(f).Shape is ScalarShape),
        _ => false,
    };
}
