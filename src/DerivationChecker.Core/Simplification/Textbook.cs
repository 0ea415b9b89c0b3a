using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Simplification;

/// <summary>
/// The form a textbook prints. <see cref="Simplify"/> applies the rewrites a person does after the
/// algebra (contract Kronecker deltas, Σ_i y_i = 1 for a one-hot y, diag(a) b = a ⊙ b, a ⊙ (b ⊘ a) = b)
/// on top of the canonical form; <see cref="Display"/> then writes it with subtraction, fractions,
/// roots and e^x instead of sums of negated terms and negative exponents. Display changes no value.
/// </summary>
public static class Textbook
{
    public static Expr Simplify(Expr e) => Simplify(e, CanonicalOptions.Factored);

    /// <summary>As <see cref="Simplify(Expr)"/>, with products multiplied out first (diag(ŷ)(y ⊘ ŷ) needs the product opened).</summary>
    public static Expr Expand(Expr e) => Simplify(e, CanonicalOptions.Default);

    private static Expr Simplify(Expr e, CanonicalOptions options)
    {
        var current = Canonicalizer.Canonicalize(e, options);
        for (var round = 0; round < 6; round++)
        {
            var next = Canonicalizer.Canonicalize(current.Rewrite(Rewrite), options);
            if (next.Equals(current)) break;
            current = next;
        }
        return Display(current);
    }

    /// <summary>The mathematical rewrites, one node at a time (children already rewritten).</summary>
    private static Expr Rewrite(Expr e)
    {
        switch (e)
        {
            case BigOperator { Kind: BigOperatorKind.Sum } sum:
                return ContractDelta(sum) ?? SumOfDistribution(sum) ?? SplitSumAtDelta(sum) ?? e;
            case Multiply m:
                return DiagTimesVector(m) ?? InnerProductOfQuotient(m) ?? e;
            case HadamardProduct h:
                return CancelHadamardQuotient(h) ?? ReciprocalAsQuotient(h) ?? e;
            default:
                return e;
        }
    }

    // Σ_i f(i) δ_{ij} = f(j): the delta keeps only the term i = j.
    private static Expr? ContractDelta(BigOperator sum)
    {
        var i = sum.Index;
        var factors = sum.Body is Multiply m ? m.Factors : [sum.Body];
        for (var k = 0; k < factors.Length; k++)
        {
            if (factors[k] is not KroneckerDelta d) continue;
            Expr? other = d.First.Equals(i) && !d.Second.HasFree(i.Name) ? d.Second
                : d.Second.Equals(i) && !d.First.HasFree(i.Name) ? d.First : null;
            if (other is null) continue;
            var rest = factors.RemoveAt(k);
            Expr body = rest.Length switch
            {
                0 => Number.One,
                1 => rest[0],
                _ => new Multiply([.. rest]),
            };
            return body.Substitute(i, other);
        }
        return null;
    }

    // Σ_k (a_k δ_{ki} + b_k δ_{ki}) = Σ_k a_k δ_{ki} + Σ_k b_k δ_{ki}: multiplied out so each delta can be contracted.
    private static Expr? SplitSumAtDelta(BigOperator sum)
    {
        var i = sum.Index;
        if (!sum.Body.Any(n => n is KroneckerDelta d && (d.First.Equals(i) || d.Second.Equals(i)))) return null;
        if (Canonicalizer.Canonicalize(sum.Body, CanonicalOptions.Default) is not Add expanded) return null;
        return new Add([.. expanded.Terms.Select(t => (Expr)sum.With(body: t))]);
    }

    // Σ_i y_i = 1 for a one-hot or probability vector y summed over all its entries.
    private static Expr? SumOfDistribution(BigOperator sum)
    {
        if (sum.Body is not Indexed { Base: Symbol { Kind: VectorKind { Entries: EntryDomain.OneHot or EntryDomain.Probability } v }, Indices: [var at] } || !at.Equals(sum.Index))
            return null;
        var lower = sum.Lower ?? (sum.Index.Kind is IndexKind ? Number.One : null);
        var upper = sum.Upper ?? (sum.Index.Kind is IndexKind ik ? ik.Range : null);
        return lower is Number { Value.IsOne: true } && upper is not null && Dim.Equal(upper, v.Length) ? Number.One : null;
    }

    // diag(a) b = a ⊙ b for vectors a, b
    private static Expr? DiagTimesVector(Multiply m)
    {
        for (var k = 0; k + 1 < m.Factors.Length; k++)
        {
            if (m.Factors[k] is not Diag d || ShapeInference.Infer(d.Operand).Shape is not MatrixShape { IsColumn: true }) continue;
            var next = m.Factors[k + 1];
            if (ShapeInference.Infer(next).Shape is not MatrixShape { IsColumn: true }) continue;
            var factors = m.Factors.RemoveAt(k + 1).SetItem(k, new HadamardProduct(d.Operand, next));
            return factors.Length == 1 ? factors[0] : new Multiply([.. factors]);
        }
        return null;
    }

    // aᵀ(b ⊘ a) = Σ_i b_i, which is 1 for a one-hot or probability vector b
    private static Expr? InnerProductOfQuotient(Multiply m)
    {
        for (var k = 0; k + 1 < m.Factors.Length; k++)
        {
            if (m.Factors[k] is not Transpose { Operand: var a } || m.Factors[k + 1] is not HadamardDivide { Left: var b, Right: var d } || !d.Equals(a) || !SumsToOne(b)) continue;
            var factors = m.Factors.RemoveAt(k + 1).RemoveAt(k);
            return factors.Length switch
            {
                0 => Number.One,
                1 => factors[0],
                _ => new Multiply([.. factors]),
            };
        }
        return null;
    }

    // b ⊙ (1 ⊘ a) = b ⊘ a
    private static Expr? ReciprocalAsQuotient(HadamardProduct h)
    {
        var k = h.Factors.IndexOf(h.Factors.FirstOrDefault(f => f is HadamardDivide { Left: Number { Value.IsOne: true } })!);
        if (k < 0 || h.Factors.Length < 2) return null;
        var denominator = ((HadamardDivide)h.Factors[k]).Right;
        var rest = h.Factors.RemoveAt(k);
        return new HadamardDivide(rest.Length == 1 ? rest[0] : new HadamardProduct(rest), denominator);
    }

    // a ⊙ (b ⊘ a) = b (where a ≠ 0)
    private static Expr? CancelHadamardQuotient(HadamardProduct h)
    {
        for (var k = 0; k < h.Factors.Length; k++)
        {
            if (h.Factors[k] is not HadamardDivide q) continue;
            var match = h.Factors.IndexOf(q.Right);
            if (match < 0 || match == k) continue;
            var rest = h.Factors.RemoveAt(Math.Max(k, match)).RemoveAt(Math.Min(k, match));
            var kept = q.Left;
            return rest.Length == 0 ? kept : new HadamardProduct([.. rest, kept]);
        }
        return null;
    }

    /// <summary>
    /// Presentation: a·b⁻¹ as a fraction, x^{1/2} as √x, exp(u) as e^u, −1·x as −x, and a sum that
    /// starts with a positive term where there is one (ŷ − y, not −y + ŷ).
    /// </summary>
    public static Expr Display(Expr e) => e.Rewrite(DisplayNode).Rewrite(node =>
        // Fractions last: rewriting the exponent 1/2 first would hide √ from the rule above it.
        node is Number { Value: { IsInteger: false } v } ? RationalNumber(v) : node);

    private static Expr DisplayNode(Expr node) => node switch
    {
        Multiply m => DisplayProduct(Monic(m)),
        Power { Exponent: Number { Value: var q } } p when q == BigRational.Half => new Root(p.Base, Number.Two),
        Power { Exponent: Number { Value: var q } } p when q == -BigRational.Half => new Divide(Number.One, new Root(p.Base, Number.Two)),
        Power { Exponent: Number { Value: { Sign: < 0 } q } } p when IsScalar(p.Base) => new Divide(Number.One, q == BigRational.MinusOne ? p.Base : new Power(p.Base, new Number(-q))),
        Apply { Function: { Id: FunctionId.Exp, DerivativeOrder: 0 } } ap => new Power(Constant.E, ap.Argument),
        Add a => DisplaySum(a),
        _ => node,
    };

    private static Expr RationalNumber(BigRational v)
    {
        Expr fraction = new Divide(new Number(new BigRational(System.Numerics.BigInteger.Abs(v.Numerator))), new Number(new BigRational(v.Denominator)));
        return v.Sign < 0 ? new Negate(fraction) : fraction;
    }

    private static bool IsScalar(Expr e) => ShapeInference.Infer(e).Shape is ScalarShape;

    private static Expr DisplaySum(Add a)
    {
        var terms = a.Terms.ToList();
        var firstPositive = terms.FindIndex(t => !IsNegative(t));
        if (firstPositive > 0)
        {
            var t = terms[firstPositive];
            terms.RemoveAt(firstPositive);
            terms.Insert(0, t);
        }
        return new Add([.. terms]);
    }

    private static bool IsNegative(Expr t) => t is Negate || t is Number { Value.Sign: < 0 };

    /// <summary>c·(scalars)·(matrices) with negative powers moved under a fraction bar.</summary>
    private static Expr DisplayProduct(Multiply m)
    {
        var coefficient = BigRational.One;
        var numerator = new List<Expr>();
        var denominator = new List<Expr>();
        var matrices = new List<Expr>();
        var negate = false;
        foreach (var f in Flatten(m))
        {
            switch (f)
            {
                case Number n:
                    coefficient *= n.Value;
                    break;
                case Negate neg:
                    negate = !negate;
                    numerator.Add(neg.Operand);
                    break;
                case Divide { Numerator: Number { Value.IsOne: true } } d when IsScalar(d.Denominator):
                    denominator.Add(d.Denominator);
                    break;
                case Divide { Numerator: Number { Value: var up }, Denominator: Number { Value: var down } } when !down.IsZero:
                    coefficient *= up / down;
                    break;
                case Divide d when IsScalar(d):
                    numerator.Add(d.Numerator);
                    denominator.Add(d.Denominator);
                    break;
                default:
                    if (IsScalar(f)) numerator.Add(f);
                    else matrices.Add(f);
                    break;
            }
        }
        if (coefficient.Sign < 0)
        {
            negate = !negate;
            coefficient = -coefficient;
        }
        // −(βⁿ − 1)E[g] reads better as (1 − βⁿ)E[g]: the sign goes into a difference when there is one.
        if (negate && FlipDifference(numerator) || negate && FlipDifference(denominator)) negate = false;
        var top = new List<Expr>();
        if (!coefficient.Numerator.IsOne) top.Add(new Number(new BigRational(coefficient.Numerator)));
        top.AddRange(numerator);
        var bottom = new List<Expr>();
        if (!coefficient.Denominator.IsOne) bottom.Add(new Number(new BigRational(coefficient.Denominator)));
        bottom.AddRange(denominator);

        Expr Join(List<Expr> parts) => parts.Count switch
        {
            0 => Number.One,
            1 => parts[0],
            _ => new Multiply([.. parts]),
        };
        Expr result;
        if (matrices.Count == 0)
        {
            result = bottom.Count == 0 ? Join(top) : new Divide(Join(top), Join(bottom));
        }
        else
        {
            // \frac{1}{n} Xᵀ(Xw − y): the scalar fraction first, then the matrix factors in order.
            var scalar = bottom.Count == 0 ? (top.Count == 0 ? null : Join(top)) : new Divide(Join(top), Join(bottom));
            var parts = new List<Expr>();
            if (scalar is Multiply sm) parts.AddRange(sm.Factors);
            else if (scalar is not null) parts.Add(scalar);
            parts.AddRange(matrices);
            result = parts.Count == 1 ? parts[0] : new Multiply([.. parts]);
        }
        return negate ? new Negate(result) : result;
    }

    /// <summary>
    /// ¼(2s − 1)² as (s − ½)²: a scalar sum under a whole power, with a numeric coefficient, is shown
    /// with leading coefficient 1 when that leaves the coefficient an integer.
    /// </summary>
    private static Multiply Monic(Multiply m)
    {
        if (m.Factors is not [Number { Value: var c }, var other] || !IsScalar(other)) return m;
        var (sum, k) = other switch
        {
            Add a => (a, 1),
            Power { Base: Add a, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } e } } when e.Numerator <= 8 => (a, (int)e.Numerator),
            _ => (null, 0),
        };
        if (sum is null) return m;
        var lead = AlgebraRules.SplitCoefficient(sum.Terms[0]).Coefficient;
        if (lead.IsOne || lead.IsZero) return m;
        var scale = BigRational.One;
        for (var i = 0; i < k; i++) scale *= lead;
        var coefficient = c * scale;
        if (!coefficient.IsInteger) return m;
        var monic = new Add([.. sum.Terms.Select(t => AlgebraRules.WithCoefficient(AlgebraRules.SplitCoefficient(t).Coefficient / lead, AlgebraRules.SplitCoefficient(t).Remainder))]);
        Expr power = k == 1 ? monic : new Power(monic, Number.Of(k));
        return new Multiply(new Number(coefficient), power);
    }

    private static bool FlipDifference(List<Expr> factors)
    {
        for (var k = 0; k < factors.Count; k++)
        {
            if (factors[k] is not Add a || !IsScalar(a) || !a.Terms.Any(IsNegative) || a.Terms.All(IsNegative)) continue;
            factors[k] = DisplaySum(new Add([.. a.Terms.Select(t => t switch
            {
                Negate n => n.Operand,
                Number { Value: var v } => new Number(-v),
                _ => new Negate(t),
            })]));
            return true;
        }
        return false;
    }

    // a·(b·c) is a·b·c (products are associative, for matrices too), so no parentheses are printed.
    private static IEnumerable<Expr> Flatten(Multiply m) => m.Factors.SelectMany(f => f is Multiply inner ? Flatten(inner) : [f]);

    /// <summary>The symbols of a one-hot or probability vector, which sum to one.</summary>
    public static bool SumsToOne(Symbol s) => s.Kind is VectorKind { Entries: EntryDomain.OneHot or EntryDomain.Probability };

    /// <summary>A one-hot or probability vector: a declared name, or a member of a family of them (y_t).</summary>
    public static bool SumsToOne(Expr e) => e switch
    {
        Symbol s => SumsToOne(s),
        Indexed { Base: Symbol { Kind: FamilyKind { Member: VectorKind { Entries: EntryDomain.OneHot or EntryDomain.Probability } } }, Indices: [_] } => true,
        _ => false,
    };

    public static ImmutableArray<Expr> Terms(Expr e) => e is Add a ? a.Terms : [e];
}
