using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Simplification;

/// <summary>Transposes and inverses pushed through products and sums; Hadamard products; Σ and ∏.</summary>
internal static class MatrixRules
{
    public static Expr Transpose(Canonicalizer c, Expr x)
    {
        // sᵀ = s for a scalar
        if (c.IsScalar(x)) return x;
        switch (x)
        {
            // (Aᵀ)ᵀ = A
            case Expressions.Transpose t:
                return t.Operand;
            // (cAB)ᵀ = c BᵀAᵀ
            case Multiply m:
                {
                    var scalars = m.Factors.Where(c.IsScalar).ToList();
                    var matrices = m.Factors.Where(f => !c.IsScalar(f)).Reverse().Select(f => Transpose(c, f));
                    return AlgebraRules.Product(c, [.. scalars, .. matrices]);
                }
            // (A + B)ᵀ = Aᵀ + Bᵀ
            case Add a:
                return AlgebraRules.Sum(c, [.. a.Terms.Select(t => Transpose(c, t))]);
            // diag(v)ᵀ = diag(v)
            case Diag d when c.ShapeOf(d.Operand) is MatrixShape { IsColumn: true } or MatrixShape { IsRow: true }:
                return d;
            // (Aᵏ)ᵀ = (Aᵀ)ᵏ
            case Expressions.Power p:
                return PowerRules.Power(c, Transpose(c, p.Base), p.Exponent);
            // (A⁻¹)ᵀ = (Aᵀ)⁻¹
            case Expressions.Inverse inv:
                return Inverse(c, Transpose(c, inv.Operand));
            // (A ⊙ B)ᵀ = Aᵀ ⊙ Bᵀ
            case HadamardProduct h:
                return Hadamard(c, new HadamardProduct([.. h.Factors.Select(f => Transpose(c, f))]));
            case HadamardDivide hd:
                return new HadamardDivide(Transpose(c, hd.Left), Transpose(c, hd.Right));
            // f(A)ᵀ = f(Aᵀ) for an entrywise f
            case Apply { Function.IsBuiltIn: true, Arguments.Length: 1 } ap:
                return FunctionRules.Apply(c, new Apply(ap.Function, Transpose(c, ap.Argument)));
            case MatrixLiteral lit:
                {
                    var entries = new Expr[lit.Rows * lit.Columns];
                    for (var r = 0; r < lit.Rows; r++)
                    {
                        for (var col = 0; col < lit.Columns; col++) entries[col * lit.Rows + r] = lit[r, col];
                    }
                    return new MatrixLiteral(lit.Columns, lit.Rows, [.. entries]);
                }
            default:
                return new Expressions.Transpose(x);
        }
    }

    public static Expr Inverse(Canonicalizer c, Expr x)
    {
        // s⁻¹ = 1/s for a scalar
        if (c.IsScalar(x)) return PowerRules.Power(c, x, Number.MinusOne);
        switch (x)
        {
            // (A⁻¹)⁻¹ = A
            case Expressions.Inverse inv:
                return inv.Operand;
            // (cAB)⁻¹ = c⁻¹ B⁻¹A⁻¹ when A and B are square (otherwise (XᵀX)⁻¹ must stay whole)
            case Multiply m when m.Factors.Where(f => !c.IsScalar(f)).All(f => c.ShapeOf(f) is MatrixShape { IsSquare: true }):
                {
                    var scalars = m.Factors.Where(c.IsScalar).Select(s => PowerRules.Power(c, s, Number.MinusOne));
                    var matrices = m.Factors.Where(f => !c.IsScalar(f)).Reverse().Select(f => Inverse(c, f));
                    return AlgebraRules.Product(c, [.. scalars, .. matrices]);
                }
            default:
                return new Expressions.Inverse(x);
        }
    }

    // a ⊙ (b ⊙ c) = a ⊙ b ⊙ c;  a ⊙ (k b) = k (a ⊙ b);  operands commute
    public static Expr Hadamard(Canonicalizer c, HadamardProduct h)
    {
        var operands = new List<Expr>();
        var scalars = new List<Expr>();
        void Collect(Expr f)
        {
            switch (f)
            {
                case HadamardProduct inner:
                    foreach (var g in inner.Factors) Collect(g);
                    return;
                case Multiply m when m.Factors.Count(g => !c.IsScalar(g)) == 1:
                    foreach (var g in m.Factors)
                    {
                        if (c.IsScalar(g)) scalars.Add(g);
                        else Collect(g);
                    }
                    return;
                default:
                    if (c.IsScalar(f)) scalars.Add(f);
                    else operands.Add(f);
                    return;
            }
        }
        foreach (var f in h.Factors) Collect(f);
        operands.Sort(ExprOrder.Instance);
        Expr core = operands.Count switch
        {
            0 => Number.One,
            1 => operands[0],
            _ => new HadamardProduct([.. operands]),
        };
        return scalars.Count == 0 ? core : AlgebraRules.Product(c, [.. scalars, core]);
    }

    /// <summary>
    /// Σ_{i=a}^{b} c = (b−a+1)c for a body free of i; constants pulled out; small numeric ranges written
    /// out term by term (so Σ_{t=1}^{3} ∂J_t/∂W equals the three-term sum).
    /// </summary>
    public static Expr BigOperator(Canonicalizer c, Expressions.BigOperator big)
    {
        var lower = big.Lower is null ? null : c.Run(big.Lower);
        var upper = big.Upper is null ? null : c.Run(big.Upper);
        var body = c.Run(big.Body);
        var index = big.Index;
        if (big.Kind is not (BigOperatorKind.Sum or BigOperatorKind.Product))
            return new Expressions.BigOperator(big.Kind, index, body, lower, upper);

        if (c.Options.UnrollSmallSums && lower is Number { Value.IsInteger: true } lo && upper is Number { Value.IsInteger: true } hi
            && hi.Value - lo.Value + 1 <= c.Options.MaxUnrolledTerms)
        {
            var terms = new List<Expr>();
            for (var i = lo.Value; i <= hi.Value; i += 1) terms.Add(c.Run(body.Substitute(index, new Number(i))));
            if (big.Kind == BigOperatorKind.Sum) return AlgebraRules.Sum(c, terms);
            return terms.Count == 0 ? Number.One : AlgebraRules.Product(c, terms);
        }

        if (big.Kind == BigOperatorKind.Sum && lower is not null && upper is not null)
        {
            var count = c.Run(new Add(upper, new Negate(lower), Number.One));
            // Σ c = (b − a + 1)c
            if (!body.HasFree(index.Name)) return AlgebraRules.Product(c, [count, body]);
            // Σ (u + v) = Σu + Σv
            if (body is Add add)
                return AlgebraRules.Sum(c, [.. add.Terms.Select(t => BigOperator(c, new Expressions.BigOperator(big.Kind, index, t, lower, upper)))]);
            // Σ k·u = k Σ u for k free of the index (scalars only, so matrix order is kept)
            if (body is Multiply m)
            {
                var outside = m.Factors.Where(f => !f.HasFree(index.Name) && c.IsScalar(f)).ToList();
                if (outside.Count > 0)
                {
                    var inside = m.Factors.Where(f => f.HasFree(index.Name) || !c.IsScalar(f)).ToList();
                    var innerBody = inside.Count == 1 ? inside[0] : AlgebraRules.Product(c, inside);
                    return AlgebraRules.Product(c, [.. outside, new Expressions.BigOperator(big.Kind, index, innerBody, lower, upper)]);
                }
            }
        }
        return new Expressions.BigOperator(big.Kind, index, body, lower, upper);
    }
}
