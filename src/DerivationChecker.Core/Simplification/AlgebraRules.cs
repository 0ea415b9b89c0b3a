using System.Collections.Immutable;
using System.Numerics;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Shapes;

namespace DerivationChecker.Core.Simplification;

/// <summary>Sums and products: flattening, exact constants, like terms, powers of equal bases, distribution.</summary>
internal static class AlgebraRules
{
    // a + (b + c) = a + b + c;  2x + 3x = 5x;  x + 0 = x
    public static Expr Sum(Canonicalizer c, IReadOnlyList<Expr> terms)
    {
        // Like terms are found by a linear scan: sums in homework are short, and a dictionary per
        // sum costs more than it saves. Long sums (unrolled recurrences) switch to one.
        var rests = new List<Expr>(terms.Count);
        var coefficients = new List<BigRational>(terms.Count);
        Dictionary<Expr, int>? index = null;
        var constant = BigRational.Zero;
        void AddTerm(Expr term)
        {
            switch (term)
            {
                case Add inner:
                    foreach (var t in inner.Terms) AddTerm(t);
                    return;
                case Number n:
                    constant += n.Value;
                    return;
            }
            var (coefficient, rest) = SplitCoefficient(term);
            var at = -1;
            if (index is not null) at = index.TryGetValue(rest, out var i) ? i : -1;
            else
            {
                for (var i = 0; i < rests.Count; i++)
                {
                    if (rests[i].Equals(rest)) { at = i; break; }
                }
            }
            if (at >= 0)
            {
                coefficients[at] += coefficient;
                return;
            }
            rests.Add(rest);
            coefficients.Add(coefficient);
            if (index is null && rests.Count > 16)
            {
                index = [];
                for (var i = 0; i < rests.Count; i++) index[rests[i]] = i;
            }
            else index?.Add(rest, rests.Count - 1);
        }
        foreach (var t in terms) AddTerm(t);
        var result = new List<Expr>(rests.Count + 1);
        for (var i = 0; i < rests.Count; i++)
        {
            if (!coefficients[i].IsZero) result.Add(WithCoefficient(coefficients[i], rests[i]));
        }
        result.Sort(TermOrder);
        if (!constant.IsZero) result.Add(new Number(constant));
        return result.Count switch
        {
            0 => Number.Zero,
            1 => result[0],
            _ => new Add([.. result]),
        };
    }

    /// <summary>Terms ordered by what they multiply, not by their coefficient (2x before 3y).</summary>
    private static readonly Comparison<Expr> TermOrder = (x, y) => ExprOrder.Instance.Compare(SplitCoefficient(x).Remainder, SplitCoefficient(y).Remainder);

    /// <summary>3xy → (3, xy); x → (1, x).</summary>
    public static (BigRational Coefficient, Expr Remainder) SplitCoefficient(Expr term)
    {
        if (term is Multiply { Factors: [Number n, .. var rest] })
        {
            return (n.Value, rest.Length == 1 ? rest[0] : new Multiply([.. rest]));
        }
        return (BigRational.One, term);
    }

    public static Expr WithCoefficient(BigRational k, Expr rest)
    {
        if (k.IsOne) return rest;
        if (k.IsZero) return Number.Zero;
        if (rest is Number n) return new Number(k * n.Value);
        if (rest is Multiply m) return new Multiply([new Number(k), .. m.Factors]);
        return new Multiply(new Number(k), rest);
    }

    // 2·x·3 = 6x;  x·x^a = x^{1+a};  scalars commute, matrices keep their order;  a(b + c) = ab + ac
    public static Expr Product(Canonicalizer c, IReadOnlyList<Expr> factors)
    {
        var flat = new List<Expr>();
        foreach (var f in factors) Flatten(f, flat);
        var coefficient = BigRational.One;
        var scalars = new List<Expr>();
        var matrices = new List<Expr>();
        foreach (var f in flat)
        {
            if (f is Number n) coefficient *= n.Value;
            else if (c.IsScalar(f)) scalars.Add(f);
            else matrices.Add(f);
        }
        if (coefficient.IsZero) return Number.Zero;

        // A·I = I·A = A: an identity beside another matrix factor changes nothing.
        if (matrices.Count > 1) matrices.RemoveAll(m => m is IdentityMatrix);
        // Equal factors meet before anything is multiplied out, so (1 − β)·x/(1 − β) = x.
        var combined = CombineScalars(c, scalars, ref coefficient);
        var ordered = matrices.Count == 0 ? matrices : MergeAdjacentMatrices(c, matrices);
        if (coefficient.IsZero) return Number.Zero;

        if (c.Options.Expand && (combined.Any(s => s is Add) || ordered.Any(m => m is Add)))
        {
            var expanded = Distribute(c, coefficient, combined, ordered);
            if (expanded is not null) return expanded;
        }
        // k·(a + b) = ka + kb for a lone sum, so −(β − 1) and 1 − β have one form
        if (combined is [Add lone] && ordered.Count == 0 && !coefficient.IsOne)
        {
            var k = new Number(coefficient);
            return Sum(c, [.. lone.Terms.Select(t => Product(c, [k, t]))]);
        }

        combined.Sort(ExprOrder.Instance);
        var all = new List<Expr>();
        if (!coefficient.IsOne || (combined.Count == 0 && ordered.Count == 0)) all.Add(new Number(coefficient));
        all.AddRange(combined);
        all.AddRange(ordered);
        return all.Count == 1 ? all[0] : new Multiply([.. all]);
    }

    /// <summary>(a + b)(c + d)… of scalars multiplied out without combining the factors first; null if too large.</summary>
    public static Expr? MultiplyOut(Canonicalizer c, List<Expr> scalars) => Distribute(c, BigRational.One, scalars, []);

    /// <summary>
    /// Scalar factors with sums oriented and powers of equal bases combined; numbers go into the coefficient.
    /// Combining can make a new integer power of a sum ((1 − β)^{1/2}·(1 − β)^{1/2} = 1 − β), which is
    /// oriented and combined again.
    /// </summary>
    private static List<Expr> CombineScalars(Canonicalizer c, List<Expr> scalars, ref BigRational coefficient)
    {
        const int MaxRounds = 4;
        var current = scalars;
        for (var round = 0; ; round++)
        {
            var combined = CombinePowers(c, OrientSums(c, current, ref coefficient));
            // A combined power may come back as a product ((β − 1)^{-1} as −1·(β − 1)^{-1}).
            var next = new List<Expr>(combined.Count);
            foreach (var f in combined) Flatten(f, next);
            var settled = next.Count == combined.Count;
            for (var i = next.Count - 1; i >= 0; i--)
            {
                if (next[i] is Number n)
                {
                    coefficient *= n.Value;
                    next.RemoveAt(i);
                }
            }
            if ((settled && IsOriented(c, next)) || round == MaxRounds) return next;
            current = next;
        }
    }

    /// <summary>
    /// One form for a sum under an integer power inside a product: its content (the gcd of its coefficients,
    /// signed like its leading term, the first in <see cref="ExprOrder"/>) moves into the coefficient,
    /// (ks)ⁿ = kⁿsⁿ, so 1 − β, (β − 1)⁻¹ and (2β − 2)² share the base β − 1. A sum under any other power keeps
    /// the form it was written in ((1 − β)^{1/2} is real only for β ≤ 1), and an integer power of a multiple
    /// of it takes that base instead, so the two still combine.
    /// </summary>
    private static List<Expr> OrientSums(Canonicalizer c, List<Expr> scalars, ref BigRational coefficient)
    {
        if (!scalars.Any(f => SumFactor(f) is not null)) return scalars;
        var fixedBases = FixedSumBases(c, scalars);
        var result = new List<Expr>(scalars.Count);
        foreach (var f in scalars)
        {
            if (Oriented(c, f, fixedBases) is var (factor, oriented))
            {
                coefficient *= factor;
                result.Add(oriented);
            }
            else result.Add(f);
        }
        return result;
    }

    private static bool IsOriented(Canonicalizer c, List<Expr> scalars)
    {
        if (!scalars.Any(f => SumFactor(f) is not null)) return true;
        var fixedBases = FixedSumBases(c, scalars);
        return scalars.All(f => Oriented(c, f, fixedBases) is null);
    }

    /// <summary>sⁿ = kⁿ·bⁿ with b the base the sum is written with; null when the factor already has it.</summary>
    private static (BigRational Factor, Expr Oriented)? Oriented(Canonicalizer c, Expr f, List<FixedBase> fixedBases)
    {
        if (SumFactor(f) is not var (sum, n) || fixedBases.Any(b => b.Base.Equals(sum))) return null;
        var content = Content(sum);
        if (content.IsOne && fixedBases.Count == 0) return null;
        var primitive = content.IsOne ? sum : Scaled(c, sum, content.Reciprocal());
        var (k, b) = (content, primitive);
        foreach (var fixedBase in fixedBases)
        {
            if (fixedBase.Primitive.Equals(primitive)) (k, b) = (content / fixedBase.Content, fixedBase.Base);
        }
        if (k.IsOne && b.Equals(sum) || k.TryPow(n) is not { } factor) return null;
        return (factor, n.IsOne ? b : new Power(b, new Number(n)));
    }

    /// <summary>The gcd of a sum's coefficients with the sign of its leading term: 2 for 2x + 4, −1 for 1 − β.</summary>
    private static BigRational Content(Add sum)
    {
        BigInteger numerators = BigInteger.Zero, denominators = BigInteger.One;
        foreach (var t in sum.Terms)
        {
            var k = CoefficientOf(t);
            numerators = BigInteger.GreatestCommonDivisor(numerators, k.Numerator);
            denominators = denominators / BigInteger.GreatestCommonDivisor(denominators, k.Denominator) * k.Denominator;
        }
        var content = new BigRational(numerators, denominators);
        return CoefficientOf(sum.Terms[0]).Sign < 0 ? -content : content;
    }

    private static BigRational CoefficientOf(Expr term) => term is Number n ? n.Value : SplitCoefficient(term).Coefficient;

    // k(a + b) = ka + kb
    private static Expr Scaled(Canonicalizer c, Add sum, BigRational k)
    {
        var factor = new Number(k);
        return Sum(c, [.. sum.Terms.Select(t => Product(c, [factor, t]))]);
    }

    /// <summary>s as (s, 1) and sⁿ as (s, n) for a sum s and an integer n; null for any other factor.</summary>
    private static (Add Sum, BigInteger Exponent)? SumFactor(Expr f) => f switch
    {
        Add sum => (sum, BigInteger.One),
        Power { Base: Add sum, Exponent: Number { Value: { IsInteger: true } n } } => (sum, n.Numerator),
        _ => null,
    };

    /// <summary>A sum under a power that is not an integer: its sign is part of where it is defined.</summary>
    private sealed record FixedBase(Add Base, Expr Primitive, BigRational Content);

    private static List<FixedBase> FixedSumBases(Canonicalizer c, List<Expr> scalars)
    {
        var result = new List<FixedBase>();
        foreach (var f in scalars)
        {
            if (f is not Power { Base: Add sum, Exponent: var e } || e is Number { Value.IsInteger: true }) continue;
            var content = Content(sum);
            result.Add(new FixedBase(sum, content.IsOne ? sum : Scaled(c, sum, content.Reciprocal()), content));
        }
        return result;
    }

    private static void Flatten(Expr f, List<Expr> into)
    {
        if (f is Multiply m)
        {
            foreach (var g in m.Factors) Flatten(g, into);
        }
        else into.Add(f);
    }

    /// <summary>x^a · x^b = x^{a+b}; e^a · e^b = e^{a+b}.</summary>
    private static List<Expr> CombinePowers(Canonicalizer c, List<Expr> scalars)
    {
        var bases = new List<Expr>(scalars.Count);
        var exponents = new List<List<Expr>>(scalars.Count);
        List<Expr>? exps = null;
        foreach (var s in scalars)
        {
            if (s is Apply { Function: { Id: FunctionId.Exp, DerivativeOrder: 0 } } ex)
            {
                (exps ??= []).Add(ex.Argument);
                continue;
            }
            var (b, e) = s is Power p ? (p.Base, p.Exponent) : (s, (Expr)Number.One);
            var at = -1;
            for (var i = 0; i < bases.Count; i++)
            {
                if (bases[i].Equals(b)) { at = i; break; }
            }
            if (at < 0)
            {
                bases.Add(b);
                exponents.Add([e]);
            }
            else exponents[at].Add(e);
        }
        var result = new List<Expr>(bases.Count + 1);
        for (var k = 0; k < bases.Count; k++)
        {
            var b = bases[k];
            var list = exponents[k];
            if (list.Count == 1)
            {
                result.Add(list[0] is Number { Value.IsOne: true } ? b : new Power(b, list[0]));
                continue;
            }
            var sum = c.Run(new Add([.. list]));
            result.Add(PowerRules.Power(c, b, sum));
        }
        if (exps is null) return result;
        if (exps.Count == 1) result.Add(new Apply(Function.Exp, exps[0]));
        else result.Add(FunctionRules.Apply(c, new Apply(Function.Exp, c.Run(new Add([.. exps])))));
        return result;
    }

    /// <summary>W·W = W²; W^k·W = W^{k+1} (for square matrices, adjacent only).</summary>
    private static List<Expr> MergeAdjacentMatrices(Canonicalizer c, List<Expr> matrices)
    {
        var result = new List<Expr>();
        foreach (var m in matrices)
        {
            if (result.Count > 0)
            {
                var last = result[^1];
                var (lb, le) = last is Power lp ? (lp.Base, lp.Exponent) : (last, (Expr)Number.One);
                var (mb, me) = m is Power mp ? (mp.Base, mp.Exponent) : (m, (Expr)Number.One);
                if (lb.Equals(mb) && c.ShapeOf(lb) is MatrixShape { IsSquare: true, IsOneByOne: false } && SignAnalysis.IsInteger(le) && SignAnalysis.IsInteger(me))
                {
                    result[^1] = PowerRules.Power(c, lb, c.Run(new Add(le, me)));
                    continue;
                }
            }
            result.Add(m);
        }
        return result;
    }

    /// <summary>Multiplies out sums among the factors, keeping matrix factors in order; null if too large.</summary>
    private static Expr? Distribute(Canonicalizer c, BigRational coefficient, List<Expr> scalars, List<Expr> matrices)
    {
        var options = new List<IReadOnlyList<Expr>>();
        long count = 1;
        foreach (var f in scalars.Concat(matrices))
        {
            var choices = f is Add a ? (IReadOnlyList<Expr>)a.Terms : [f];
            count *= choices.Count;
            if (count > c.Options.MaxExpandedTerms) return null;
            options.Add(choices);
        }
        var terms = new List<Expr>((int)count);
        var pick = new int[options.Count];
        while (true)
        {
            c.Budget.Tick();
            var factors = new List<Expr> { new Number(coefficient) };
            for (var i = 0; i < options.Count; i++) factors.Add(options[i][pick[i]]);
            terms.Add(Product(c, factors));
            var k = options.Count - 1;
            while (k >= 0 && ++pick[k] == options[k].Count)
            {
                pick[k] = 0;
                k--;
            }
            if (k < 0) break;
        }
        return Sum(c, terms);
    }

    // a / b = a · b⁻¹ for a scalar b; entrywise for vectors (kept as ⊘)
    public static Expr Quotient(Canonicalizer c, Divide div)
    {
        if (c.ShapeOf(div.Denominator) is { ActsAsScalar: true } || c.ShapeOf(div.Denominator) is null)
        {
            return Product(c, [div.Numerator, PowerRules.Power(c, div.Denominator, Number.MinusOne)]);
        }
        return new HadamardDivide(div.Numerator, div.Denominator);
    }

    // δ_ii = 1;  δ_12 = 0;  δ_ki = δ_ik
    public static Expr Delta(KroneckerDelta kd)
    {
        if (kd.First.Equals(kd.Second)) return Number.One;
        if (kd.First is Number a && kd.Second is Number b) return a.Value == b.Value ? Number.One : Number.Zero;
        return ExprOrder.Instance.Compare(kd.First, kd.Second) <= 0 ? kd : new KroneckerDelta(kd.Second, kd.First);
    }
}
