using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Simplification;

/// <summary>Rearrangements a derivation shows as steps of their own; none changes a value.</summary>
public static class Rearrange
{
    /// <summary>(a + b)/c = a/c + b/c, each term then cancelled and written as a textbook would.</summary>
    public static Expr SplitFraction(Expr e)
    {
        if (e is not Divide { Numerator: var top, Denominator: var bottom }) return Textbook.Simplify(e);
        var terms = Folding.TermsOf(top);
        if (top is Negate { Operand: Add inner }) terms = [.. inner.Terms.Select(t => (Expr)new Negate(t))];
        var parts = terms.Select(t => Textbook.Simplify(new Divide(t, bottom))).ToList();
        return parts.Count == 1 ? parts[0] : new Add([.. parts]);
    }

    /// <summary>Every fraction with a sum on top, anywhere in the expression, split as <see cref="SplitFraction"/> does.</summary>
    public static Expr SplitFractions(Expr e) => e.Rewrite(node =>
        node is Divide { Numerator: Add or Negate { Operand: Add } } ? SplitFraction(node) : node);

    /// <summary>
    /// Writes an expression of two free indices as the matrix whose (row, column) entry it is:
    /// a_r b_c is (a bᵀ)_{rc}, a_r δ_{rc} is diag(a)_{rc}, δ_{rc} is I. Null when a term has another form.
    /// </summary>
    public static Expr? IndexToMatrix(Expr e, Symbol row, Symbol column, Expr size)
    {
        var expanded = Canonicalizer.Canonicalize(e, CanonicalOptions.Default);
        var result = new List<Expr>();
        foreach (var term in Folding.TermsOf(expanded))
        {
            var (coefficient, rest) = AlgebraRules.SplitCoefficient(term);
            var factors = rest is Multiply m ? m.Factors.ToList() : [rest];
            Expr? rowVector = null, columnVector = null;
            var delta = false;
            var scalars = new List<Expr>();
            foreach (var f in factors)
            {
                switch (f)
                {
                    case Indexed { Indices: [var i] } ix when i.Equals(row) && rowVector is null && !ix.Base.HasFree(row.Name):
                        rowVector = ix.Base;
                        break;
                    case Indexed { Indices: [var j] } ix when j.Equals(column) && columnVector is null && !ix.Base.HasFree(column.Name):
                        columnVector = ix.Base;
                        break;
                    case KroneckerDelta d when (d.First.Equals(row) && d.Second.Equals(column)) || (d.First.Equals(column) && d.Second.Equals(row)):
                        delta = true;
                        break;
                    default:
                        if (f.HasFree(row.Name) || f.HasFree(column.Name)) return null;
                        scalars.Add(f);
                        break;
                }
            }
            Expr matrix;
            if (delta)
            {
                if (rowVector is not null && columnVector is not null) return null;
                var diagonal = rowVector ?? columnVector;
                matrix = diagonal is null ? new IdentityMatrix(size) : new Diag(diagonal);
            }
            else
            {
                if (rowVector is null || columnVector is null) return null;
                matrix = new Multiply(rowVector, new Transpose(columnVector));
            }
            result.Add(AlgebraRules.WithCoefficient(coefficient, scalars.Count == 0 ? matrix : new Multiply([.. scalars, matrix])));
        }
        Expr sum = result.Count == 1 ? result[0] : new Add([.. result]);
        return ShapeInference.Infer(sum).Ok ? Textbook.Display(Canonicalizer.Canonicalize(sum, CanonicalOptions.Factored)) : null;
    }
}
