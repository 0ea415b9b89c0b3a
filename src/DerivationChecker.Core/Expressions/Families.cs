using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Expressions;

/// <summary>Members of families of vectors and matrices, as the homework writes them.</summary>
public static class Families
{
    /// <summary>y_{t,k} of a family of vectors is entry k of the member y_t (how it is evaluated and differentiated).</summary>
    public static Expr SplitIndices(Expr e) => e.Rewrite(node =>
        node is Indexed { Base: Symbol { Kind: FamilyKind { Member: VectorKind or MatrixKind } } s, Indices: [var t, .. var rest], Placement: IndexPlacement.Subscript } ix
        && rest.Length > 0
            ? new Indexed(new Indexed(s, [t], ix.Placement), [.. rest], ix.Placement)
            : node);
}
