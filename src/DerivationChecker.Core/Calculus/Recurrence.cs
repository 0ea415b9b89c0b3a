using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Calculus;

/// <summary>
/// A sequence defined step by step: s_t = F(s_{t−1}, …, t) with initial values (m_t = β m_{t−1} +
/// (1−β) g_t, m_0 = 0). The evaluator computes s_k for integer k by running it; the engine can unroll
/// it, write the closed form of a linear one, and differentiate through it.
/// </summary>
public sealed record Recurrence(Symbol Sequence, Symbol Step, Expr Body, ImmutableDictionary<long, Expr> Initial)
{
    /// <summary>The deepest k the evaluator will run a recurrence to (homework sequences are short).</summary>
    public const int MaxSteps = 2000;

    /// <summary>s_{index} as written in the tree.</summary>
    public Expr Term(Expr index) => new Indexed(Sequence, [index]);

    /// <summary>
    /// The first index: the earliest given initial value, or 0 when none is given (h_0 is then a
    /// free quantity, as in "given h_0": the homework sequences all start at 0).
    /// </summary>
    public long FirstIndex => Initial.IsEmpty ? 0 : Initial.Keys.Min();

    /// <summary>
    /// Reads recurrences from equations: s_t = RHS where RHS mentions s at an earlier index, plus
    /// initial values s_0 = v. Returns the recurrences found.
    /// </summary>
    public static ImmutableArray<Recurrence> Find(IEnumerable<(Expr Lhs, Expr Rhs)> equations)
    {
        var list = equations.ToList();
        var result = ImmutableArray.CreateBuilder<Recurrence>();
        foreach (var (lhs, rhs) in list)
        {
            if (lhs is not Indexed { Base: Symbol s, Indices: [Symbol step], Placement: IndexPlacement.Subscript }) continue;
            var mentionsEarlier = rhs.Any(n => n is Indexed { Base: Symbol b, Indices: [var i] } && b.Equals(s) && Offset(i, step) is < 0);
            if (!mentionsEarlier) continue;
            var initial = ImmutableDictionary.CreateBuilder<long, Expr>();
            foreach (var (l, r) in list)
            {
                if (l is Indexed { Base: Symbol b, Indices: [Number { Value: var k }] } && b.Equals(s) && k.TryGetInt64(out var at))
                    initial[at] = r;
            }
            result.Add(new Recurrence(s, step, rhs, initial.ToImmutable()));
        }
        return result.ToImmutable();
    }

    /// <summary>c when <paramref name="index"/> is step + c (step − 1 → −1), otherwise null.</summary>
    public static long? Offset(Expr index, Symbol step)
    {
        var canonical = Canonicalizer.Canonicalize(new Add(index, new Negate(step)), CanonicalOptions.Factored);
        return canonical is Number { Value: var c } && c.TryGetInt64(out var k) ? k : null;
    }

    /// <summary>s_t in terms of s_{t−1}: the body with the step variable replaced by <paramref name="index"/>.</summary>
    public Expr StepAt(Expr index) => TidyIndices(Body.Substitute(Step, index));

    /// <summary>Index arithmetic done: h_{(t+1)−1} is h_t, so the terms match the ones written elsewhere.</summary>
    public static Expr TidyIndices(Expr e) => e.Rewrite(node =>
        node is Indexed { Placement: IndexPlacement.Subscript } ix && ix.Indices.Any(i => i is Add)
            ? new Indexed(ix.Base, [.. ix.Indices.Select(i => i is Add ? Canonicalizer.Canonicalize(i, CanonicalOptions.Default) : i)], ix.Placement)
            : node);

    /// <summary>
    /// s_n with the recurrence substituted <paramref name="times"/> times (one step back each time):
    /// m_n = β m_{n−1} + (1−β) g_n = β(β m_{n−2} + (1−β) g_{n−1}) + (1−β) g_n …
    /// </summary>
    public Expr Unroll(Expr index, int times)
    {
        Expr current = StepAt(index);
        for (var k = 1; k < times; k++)
        {
            var earliest = current.Descendants().OfType<Indexed>()
                .Where(ix => ix.Base.Equals(Sequence) && ix.Indices.Length == 1)
                .OrderBy(ix => Offset(ix.Indices[0], IndexSymbol(index)) ?? 0)
                .FirstOrDefault();
            if (earliest is null) break;
            current = current.Substitute(earliest, StepAt(earliest.Indices[0]));
        }
        return current;
    }

    /// <summary>s_k for a concrete k, fully written out down to the initial value.</summary>
    public Expr UnrollTo(long k)
    {
        Expr Value(long i) => Initial.TryGetValue(i, out var v) ? v : StepAt(Number.Of(i)).Substitute(Term(Number.Of(i - 1)), Value(i - 1));
        if (k > MaxSteps) throw new ArgumentOutOfRangeException(nameof(k), "too many steps to unroll");
        return Value(k);
    }

    private static Symbol IndexSymbol(Expr index) => index.FreeSymbols().FirstOrDefault() ?? new Symbol("n");

    /// <summary>
    /// The closed form of a linear first-order recurrence with a constant coefficient,
    /// s_t = a·s_{t−1} + b_t  ⇒  s_t = a^{t−t₀} s_{t₀} + Σ_{i=t₀+1}^{t} a^{t−i} b_i,
    /// or null when the recurrence is not of that form.
    /// </summary>
    public Expr? ClosedForm(Expr at, Symbol? sumIndex = null)
    {
        var previous = Term(new Add(Step, Number.MinusOne));
        // The terms as written (β m_{t−1} + (1 − β)(W x_t)²) when the previous term stands alone in one
        // of them; otherwise the expanded canonical form.
        var written = Body is Add w ? w.Terms.ToList() : [Body];
        var terms = written.Count(term => term.Contains(previous)) == 1 && written.Where(term => term.Contains(previous)).All(IsSimpleMultiple)
            ? written
            : Canonicalizer.Canonicalize(Body, CanonicalOptions.Default) is Add add ? add.Terms.ToList() : [Canonicalizer.Canonicalize(Body, CanonicalOptions.Default)];
        bool IsSimpleMultiple(Expr term) => term.Equals(previous) || (term is Multiply m && m.Factors.Count(f => f.Equals(previous)) == 1 && m.Factors.Count(f => f.Contains(previous)) == 1);
        Expr? coefficient = null;
        var rest = new List<Expr>();
        foreach (var term in terms)
        {
            if (!term.Contains(previous))
            {
                if (term.Any(n => n is Indexed { Base: Symbol b } && b.Equals(Sequence))) return null;
                rest.Add(term);
                continue;
            }
            var (k, remainder) = AlgebraRules.SplitCoefficient(term);
            Expr a;
            if (remainder.Equals(previous)) a = new Number(k);
            else if (remainder is Multiply m && m.Factors.Count(f => f.Equals(previous)) == 1 && m.Factors.Count(f => f.Contains(previous)) == 1)
            {
                var others = m.Factors.Where(f => !f.Equals(previous)).ToList();
                a = AlgebraRules.WithCoefficient(k, others.Count == 1 ? others[0] : new Multiply([.. others]));
            }
            else return null;
            if (a.HasFree(Step.Name) || coefficient is not null) return null;
            coefficient = a;
        }
        if (coefficient is null) return null;
        var t0 = Initial.IsEmpty ? 0 : Initial.Keys.Min();
        var start = Initial.TryGetValue(t0, out var s0) ? s0 : Term(Number.Of(t0));
        var i = sumIndex ?? new Symbol("i", SymbolKind.BoundInteger);
        Expr b = rest.Count == 0 ? Number.Zero : rest.Count == 1 ? rest[0] : new Add([.. rest]);
        var lower = Number.Of(t0 + 1);
        var homogeneous = new Multiply(new Power(coefficient, t0 == 0 ? at : new Add(at, Number.Of(-t0))), start);
        var particular = new BigOperator(BigOperatorKind.Sum, i, new Multiply(new Power(coefficient, new Add(at, new Negate(i))), b.Substitute(Step, i)), lower, at);
        return start is Number { Value.IsZero: true } ? particular : new Add(homogeneous, particular);
    }
}
