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

    /// <summary>
    /// Sums over all entries written as inner products: Σ_{i=1}^{n} y_i log ŷ_i = yᵀ log(ŷ),
    /// Σ_i a_i b_i / c_i = aᵀ(b ⊘ c). A sum whose terms do not vectorize is left as it is.
    /// </summary>
    public static Expr SumToInnerProduct(Expr e) => e.Rewrite(node =>
        node is BigOperator { Kind: BigOperatorKind.Sum } sum ? InnerProduct(sum) ?? node : node);

    private static Expr? InnerProduct(BigOperator sum)
    {
        var i = sum.Index;
        var factors = Canonicalizer.Canonicalize(sum.Body, CanonicalOptions.Factored) is Multiply m ? m.Factors : [Canonicalizer.Canonicalize(sum.Body, CanonicalOptions.Factored)];
        var outside = new List<Expr>();
        var numerators = new List<Expr>();
        var denominators = new List<Expr>();
        foreach (var f in factors)
        {
            if (!f.HasFree(i.Name))
            {
                if (ShapeInference.Infer(f).Shape is not ScalarShape) return null;
                outside.Add(f);
            }
            else if (f is Power { Exponent: Number { Value: var k } } p && k == Numbers.BigRational.MinusOne && Vectorize(p.Base, i) is { } d) denominators.Add(d);
            else if (Vectorize(f, i) is { } v) numerators.Add(v);
            else return null;
        }
        if (numerators.Count == 0) return null;
        var lengths = numerators.Concat(denominators).Select(v => ShapeInference.Infer(v).Shape).ToList();
        if (lengths.Any(l => l is not MatrixShape { IsColumn: true }) || lengths.Select(l => ((MatrixShape)l!).Rows).Distinct(DimComparer.Instance).Count() != 1) return null;
        var n = ((MatrixShape)lengths[0]!).Rows;
        var lower = sum.Lower ?? (i.Kind is Symbols.IndexKind ? Number.One : null);
        var upper = sum.Upper ?? (i.Kind is Symbols.IndexKind ik ? ik.Range : null);
        if (lower is not Number { Value.IsOne: true } || upper is null || !Dim.Equal(upper, n)) return null;
        Expr right = numerators.Count switch
        {
            1 => denominators.Count == 0 ? null! : numerators[0],
            2 => numerators[1],
            _ => new HadamardProduct([.. numerators.Skip(1)]),
        };
        if (numerators.Count == 1 && denominators.Count == 0) return null;
        Expr left = numerators[0];
        if (numerators.Count == 1)
        {
            // Σ a_i / c_i: aᵀ(1 ⊘ c) has no ones vector here; keep the sum.
            return null;
        }
        if (denominators.Count > 0) right = new HadamardDivide(right, denominators.Count == 1 ? denominators[0] : new HadamardProduct([.. denominators]));
        Expr inner = new Multiply(new Transpose(left), right);
        return outside.Count == 0 ? inner : new Multiply([.. outside, inner]);
    }

    /// <summary>
    /// The vector whose i-th entry is <paramref name="entry"/>, written with entrywise operations:
    /// −y_i/ŷ_i → −y ⊘ ŷ, ŷ_i − y_i → ŷ − y. Null when an entry has another form.
    /// </summary>
    public static Expr? EntriesToVector(Expr entry, Symbol i)
    {
        var canonical = Canonicalizer.Canonicalize(entry, CanonicalOptions.Factored);
        var terms = new List<Expr>();
        foreach (var term in Folding.TermsOf(canonical))
        {
            var (coefficient, rest) = AlgebraRules.SplitCoefficient(term);
            var numerators = new List<Expr>();
            var denominators = new List<Expr>();
            var scalars = new List<Expr>();
            foreach (var f in rest is Multiply m ? m.Factors : [rest])
            {
                if (f is Number { Value.IsOne: true }) continue;
                if (!f.HasFree(i.Name)) scalars.Add(f);
                else if (f is Power { Exponent: Number { Value: var k } } p && k == Numbers.BigRational.MinusOne && Vectorize(p.Base, i) is { } d) denominators.Add(d);
                else if (Vectorize(f, i) is { } v) numerators.Add(v);
                else return null;
            }
            if (numerators.Count == 0) return null;
            Expr vector = numerators.Count == 1 ? numerators[0] : new HadamardProduct([.. numerators]);
            if (denominators.Count > 0) vector = new HadamardDivide(vector, denominators.Count == 1 ? denominators[0] : new HadamardProduct([.. denominators]));
            var scale = AlgebraRules.WithCoefficient(coefficient, scalars.Count switch { 0 => Number.One, 1 => scalars[0], _ => new Multiply([.. scalars]) });
            terms.Add(Canonicalizer.Canonicalize(new Multiply(scale, vector), CanonicalOptions.Factored));
        }
        return Textbook.Display(terms.Count == 1 ? terms[0] : new Add([.. terms]));
    }

    /// <summary>The vector whose i-th entry is <paramref name="f"/>: y_i → y, log ŷ_i → log(ŷ), a_i b_i → a ⊙ b.</summary>
    private static Expr? Vectorize(Expr f, Symbol i) => f switch
    {
        Indexed { Base: var b, Indices: [var at], Placement: IndexPlacement.Subscript } when at.Equals(i) && !b.HasFree(i.Name)
            && ShapeInference.Infer(b).Shape is MatrixShape { IsColumn: true } => b,
        Apply { Function: { IsBuiltIn: true, IsVariadic: false }, Arguments: [var u] } ap when Vectorize(u, i) is { } v => new Apply(ap.Function, v),
        Multiply { Factors: var fs } when fs.Select(x => Vectorize(x, i)).ToList() is var vs && vs.All(v => v is not null) => new HadamardProduct([.. vs!]),
        _ => null,
    };

    private sealed class DimComparer : IEqualityComparer<Expr>
    {
        public static readonly DimComparer Instance = new();
        public bool Equals(Expr? a, Expr? b) => a is not null && b is not null && Dim.Equal(a, b);
        public int GetHashCode(Expr e) => Dim.Normalize(e).GetHashCode();
    }

    /// <summary>
    /// A leading minus sign moved into the first difference it can flip:
    /// −(1/n) Σ_i (y_i − ŷ_i) x_i = (1/n) Σ_i (ŷ_i − y_i) x_i. Unchanged when there is nothing to flip.
    /// </summary>
    public static Expr SignInto(Expr e)
    {
        if (e is Add sum) return Textbook.Display(new Add([.. sum.Terms.Select(SignInto)]));
        var (negative, magnitude) = e switch
        {
            Negate n => (true, n.Operand),
            Multiply { Factors: [Number { Value.Sign: < 0 } c, .. var rest] } => (true, new Multiply([new Number(-c.Value), .. rest])),
            _ => (false, e),
        };
        if (!negative) return e;
        return Flip(magnitude) is { } flipped ? Textbook.Display(flipped) : e;
    }

    private static Expr? Flip(Expr e)
    {
        switch (e)
        {
            case Add add:
                return new Add([.. add.Terms.Select(t => t is Negate n ? n.Operand : new Negate(t))]);
            case Multiply m:
                for (var k = 0; k < m.Factors.Length; k++)
                {
                    if (Flip(m.Factors[k]) is { } f) return new Multiply(m.Factors.SetItem(k, f));
                }
                return null;
            case Divide d:
                return Flip(d.Numerator) is { } top ? new Divide(top, d.Denominator) : null;
            case BigOperator { Kind: BigOperatorKind.Sum } sum:
                return Flip(sum.Body) is { } body ? sum.With(body: body) : null;
            default:
                return null;
        }
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
