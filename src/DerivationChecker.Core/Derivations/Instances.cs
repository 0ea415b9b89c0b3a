using System.Collections.Immutable;
using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Derivations;

/// <summary>An integer a derivation holds for every value of: T from 1 to 6, i from 1 to T.</summary>
public sealed record IntegerRange(Symbol Parameter, Expr Lower, Expr Upper);

/// <summary>
/// Checks a statement about sequences in general form (∂h_T/∂x_i for all i ≤ T) by checking every
/// concrete instance in a range: T and i become numbers, sums and products over time are written
/// out, each recurrence is unrolled down to the quantity differentiated (or to its initial value),
/// and the derivative is taken explicitly. Both sides of each instance are then compared by the
/// equivalence checker, which runs the recurrences for the values the derivatives leave behind.
/// </summary>
public sealed class Instances
{
    private const int MaxTerms = 64;
    private const int MaxSize = 400_000;
    private const int MaxAssignments = 96;

    private readonly ImmutableArray<IntegerRange> _ranges;
    private readonly Definitions _definitions;
    private readonly Definitions _general;
    private Definitions _plain;
    private IReadOnlyDictionary<string, long> _assignment = ImmutableDictionary<string, long>.Empty;

    public Instances(IEnumerable<IntegerRange> ranges, Definitions definitions)
    {
        _ranges = [.. ranges];
        _definitions = definitions;
        // Definitions other than the recurrences themselves: unrolling is done here, step by step.
        var recurrent = definitions.Recurrences.Select(r => r.Sequence.Name).ToHashSet();
        _general = new Definitions(Enumerable.Range(0, definitions.Count).Select(i => definitions[i])
            .Where(eq => !(eq.Lhs is Indexed { Base: Symbol s } && recurrent.Contains(s.Name))));
        _plain = _general;
    }

    public ImmutableArray<IntegerRange> Ranges => _ranges;

    /// <summary>True when <paramref name="e"/> mentions one of the ranged integers.</summary>
    public bool Applies(Expr e)
    {
        if (_ranges.IsEmpty) return false;
        var names = e.FreeSymbols().Select(s => s.Name).ToHashSet();
        return _ranges.Any(r => names.Contains(r.Parameter.Name));
    }

    /// <summary>Every assignment of the ranged integers, in order (T = 1, i = 1; T = 2, i = 1; …).</summary>
    public IEnumerable<ImmutableDictionary<string, long>> Assignments()
    {
        IEnumerable<ImmutableDictionary<string, long>> Extend(int k, ImmutableDictionary<string, long> partial)
        {
            if (k == _ranges.Length)
            {
                yield return partial;
                yield break;
            }
            var range = _ranges[k];
            var lower = Integer(Assign(range.Lower, partial));
            var upper = Integer(Assign(range.Upper, partial));
            if (lower is null || upper is null)
                throw new InvalidOperationException($"The range of {range.Parameter.Name} does not become numbers once the earlier ones are fixed.");
            for (var v = lower.Value; v <= upper.Value; v++)
            {
                foreach (var full in Extend(k + 1, partial.SetItem(range.Parameter.Name, v))) yield return full;
            }
        }
        return Extend(0, ImmutableDictionary<string, long>.Empty).Take(MaxAssignments);
    }

    /// <summary>
    /// Runs <paramref name="check"/> on every instance of before and after; the first instance that
    /// fails (or cannot be decided) is named in the result.
    /// </summary>
    public StepCheck Check(Expr before, Expr after, Func<Expr, Expr, StepCheck> check)
    {
        var points = 0;
        var instances = 0;
        var symbolic = true;
        foreach (var assignment in Assignments())
        {
            var where = Describe(assignment);
            StepCheck result;
            try
            {
                result = check(Concrete(before, assignment), Concrete(after, assignment));
            }
            catch (Exception ex) when (ex is NotDifferentiableException or BudgetExceededException or UnsupportedOperationException)
            {
                return new StepCheck(CheckKind.Unverified, points, $"could not check the instance {where}: {ex.Message}");
            }
            if (!result.Passed)
                return result with { Points = points + result.Points, Detail = $"{(result.Kind == CheckKind.Failed ? "fails" : "undecided")} for {where}: {result.Detail}" };
            points += result.Points;
            symbolic &= result.Kind == CheckKind.Symbolic;
            instances++;
        }
        if (instances == 0) return new StepCheck(CheckKind.Unverified, 0, "no instance in the range");
        return symbolic
            ? new StepCheck(CheckKind.Symbolic, 0, $"the same canonical form in all {instances} instances {DescribeRanges()}") { Instances = instances }
            : new StepCheck(CheckKind.Numeric, points, $"holds in all {instances} instances {DescribeRanges()}, {points} random points in all") { Instances = instances };
    }

    /// <summary>The instance of <paramref name="e"/> for one assignment, with every derivative taken explicitly.</summary>
    public Expr Concrete(Expr e, IReadOnlyDictionary<string, long> assignment)
    {
        var standIns = new Dictionary<Symbol, Expr>();
        _bodyDefinitions.Clear();
        _assignment = assignment;
        // Definitions that mention a ranged integer (m̂_n = m_n/(1 − β₁ⁿ)) are fixed at this instance too.
        _plain = new Definitions(Enumerable.Range(0, _general.Count).Select(k => (Assign(_general[k].Lhs, assignment), Assign(_general[k].Rhs, assignment))));
        var x = Assign(e, assignment);
        for (var round = 0; round < 16; round++)
        {
            var next = ExpandOnce(x, standIns);
            if (next.Equals(x)) break;
            if (next.Size > MaxSize) throw new BudgetExceededException("the instance grew past its size limit");
            x = next;
        }
        // E[m_n] of a sequence: m_n written out down to its initial value, so expectation algebra sees
        // the random quantities it is made of.
        x = x.Rewrite(node => node switch
        {
            Expectation ex when HasRecurrenceTerm(ex.Operand) => new Expectation(Unroll(ex.Operand, null, _plain)),
            Variance v when HasRecurrenceTerm(v.Operand) => new Variance(Unroll(v.Operand, null, _plain)),
            _ => node,
        });
        return ExpandDerivatives(x, standIns);
    }

    /// <summary>
    /// One round: sums written out, each derivative's body expanded with the definitions of everything
    /// but its own variable (which a stand-in holds), and the rest expanded with all of them.
    /// </summary>
    private Expr ExpandOnce(Expr x, Dictionary<Symbol, Expr> standIns)
    {
        x = WriteOut(Normal(x));
        x = x.Rewrite(node => node is Derivative d ? ExpandBody(d, standIns) : node);
        var holes = new Dictionary<Expr, Expr>();
        var masked = Mask(x, holes);
        var outside = Normal(Assign(_plain.Expand([masked], out _)[0], _assignment));
        return holes.Count == 0 ? outside : outside.Substitute(holes);
    }

    /// <summary>Each derivative replaced by a placeholder symbol (recorded in <paramref name="holes"/>).</summary>
    private static Expr Mask(Expr e, Dictionary<Expr, Expr> holes)
    {
        if (e is Derivative)
        {
            var hole = new Symbol($"⟨∂{holes.Count}⟩", SymbolKind.Real);
            holes[hole] = e;
            return hole;
        }
        if (e.Args.Length == 0) return e;
        var args = e.Args.Select(a => Mask(a, holes)).ToImmutableArray();
        var same = true;
        for (var i = 0; i < args.Length; i++) same &= ReferenceEquals(args[i], e.Args[i]);
        return same ? e : e.WithArgs(args);
    }

    private Expr ExpandBody(Derivative d, Dictionary<Symbol, Expr> standIns)
    {
        if (d.Variables is not [var v]) return d;
        Expr? original = v is Symbol s && standIns.TryGetValue(s, out var o) ? o : null;
        if (original is null && (IsSequenceTerm(v) || HasDefinition(v)))
        {
            var stand = standIns.FirstOrDefault(kv => kv.Value.Equals(v)).Key ?? StandIn(v, standIns.Count);
            standIns[stand] = v;
            (original, v) = (v, stand);
        }
        var definitions = BodyDefinitions(v, original);
        var body = d.Body;
        if (original is not null) body = body.Substitute(original, v);
        body = WriteOut(Normal(Assign(definitions.Expand([body], out _)[0], _assignment)));
        if (original is not null) body = body.Substitute(original, v);
        return new Derivative(body, [v], d.Style);
    }

    /// <summary>The definitions a derivative's body is expanded with: all but the variable's own (o_2 stays o_2 in ∂J_2/∂o_2).</summary>
    private Definitions BodyDefinitions(Expr variable, Expr? original)
    {
        if (variable is not Symbol stand) return _plain;
        if (_bodyDefinitions.TryGetValue(stand, out var known)) return known;
        var result = original switch
        {
            Symbol s => _plain.Without(s),
            Indexed { Base: Symbol s } => _plain.Without(s),
            _ => _plain,
        };
        _bodyDefinitions[stand] = result;
        return result;
    }

    private readonly Dictionary<Symbol, Definitions> _bodyDefinitions = [];

    private bool HasRecurrenceTerm(Expr e) =>
        e.Any(n => n is Indexed { Base: Symbol s, Indices: [Number] } && _definitions.Recurrences.Any(r => r.Sequence.Equals(s)));

    // Sums over the entries of a vector (Σ_k y_{t,k} log ŷ_{t,k}) become inner products, so they are
    // differentiated as vectors instead of being written out entry by entry.
    private static Expr Normal(Expr e) => Rearrange.SumToInnerProduct(Families.SplitIndices(NormalizeIndices(e)));

    /// <summary>Sums and products with numeric bounds written out term by term (so derivatives inside see numbers).</summary>
    private static Expr WriteOut(Expr e) => e.Rewrite(node =>
    {
        if (node is not BigOperator { Kind: BigOperatorKind.Sum or BigOperatorKind.Product } big) return node;
        if (Integer(big.Lower) is not { } lower || Integer(big.Upper) is not { } upper) return node;
        if (upper - lower + 1 > MaxTerms) throw new BudgetExceededException($"a {big.Kind.ToString().ToLowerInvariant()} of {upper - lower + 1} terms");
        var terms = new List<Expr>();
        for (var k = lower; k <= upper; k++) terms.Add(Normal(big.Body.Substitute(big.Index, Number.Of(k))));
        if (terms.Count == 0) return Empty(big);
        if (terms.Count == 1) return terms[0];
        return big.Kind == BigOperatorKind.Sum ? new Add([.. terms]) : new Multiply([.. terms]);
    });

    private static Expr Empty(BigOperator big)
    {
        if (big.Kind == BigOperatorKind.Sum) return Number.Zero;
        return ShapeInference.Infer(big.Body).Shape is MatrixShape { IsSquare: true, IsOneByOne: false } m ? new IdentityMatrix(m.Rows) : Number.One;
    }

    private static bool IsSequenceTerm(Expr v) =>
        v is Indexed { Base: Symbol { Kind: FamilyKind or ScalarKind }, Indices: [Number] };

    private bool HasDefinition(Expr v) => !_plain.Expand([v], out _)[0].Equals(v);



    private static Symbol StandIn(Expr v, int n)
    {
        var shape = ShapeInference.Infer(v).Shape;
        SymbolKind kind = shape switch
        {
            MatrixShape { IsOneByOne: true } or ScalarShape or UnknownShape => SymbolKind.Real,
            MatrixShape m when Dim.IsOne(m.Columns) => new VectorKind(m.Rows),
            MatrixShape m => new MatrixKind(m.Rows, m.Columns),
            _ => SymbolKind.Real,
        };
        return new Symbol($"⟨{n}:{DebugPrinter.Print(v)}⟩", kind);
    }

    private Expr ExpandDerivatives(Expr e, Dictionary<Symbol, Expr> standIns)
    {
        var expanded = e.Rewrite(node =>
        {
            if (node is not Derivative der) return node;
            var result = der.Body;
            foreach (var v in der.Variables) result = Differentiate(result, v, standIns);
            return result;
        });
        return standIns.Count == 0 ? expanded : expanded.Substitute(standIns.ToDictionary(kv => (Expr)kv.Key, kv => kv.Value));
    }

    private Expr Differentiate(Expr body, Expr variable, Dictionary<Symbol, Expr> standIns)
    {
        var original = variable is Symbol s && standIns.TryGetValue(s, out var o) ? o : null;
        var unrolled = Unroll(body, original is null ? null : (original, variable), BodyDefinitions(variable, original));
        var shape = ShapeInference.Infer(variable).Shape;
        if (shape is MatrixShape { IsOneByOne: false })
        {
            return variable is Symbol named
                ? MatrixDerivative.Differentiate(Rearrange.SumToInnerProduct(unrolled), named)
                : throw new NotDifferentiableException("I can only differentiate with respect to a named vector or matrix.");
        }
        return Differentiator.Differentiate(unrolled, variable);
    }

    /// <summary>
    /// Replaces every term of a recurrence by its step, over and over, down to the initial value; the
    /// quantity differentiated by (<paramref name="protect"/>: its stand-in) stays a variable.
    /// </summary>
    private Expr Unroll(Expr e, (Expr Original, Expr Stand)? protect, Definitions definitions)
    {
        var recurrences = _definitions.Recurrences;
        for (var round = 0; round < 4 * Recurrence.MaxSteps; round++)
        {
            var changed = false;
            var next = e.Rewrite(node =>
            {
                if (node is not Indexed { Base: Symbol s, Indices: [var at], Placement: IndexPlacement.Subscript }) return node;
                if (recurrences.FirstOrDefault(r => r.Sequence.Equals(s)) is not { } r || Integer(at) is not { } k) return node;
                if (r.Initial.TryGetValue(k, out var initial))
                {
                    changed = true;
                    return initial;
                }
                if (k <= r.FirstIndex) return node;
                changed = true;
                return r.StepAt(Number.Of(k));
            });
            next = Normal(next);
            if (protect is var (original, stand)) next = next.Substitute(original, stand);
            next = WriteOut(Normal(Assign(definitions.Expand([next], out _)[0], _assignment)));
            if (protect is var (original2, stand2)) next = next.Substitute(original2, stand2);
            if (!changed && next.Equals(e)) return e;
            if (next.Size > MaxSize) throw new BudgetExceededException("unrolling grew past its size limit");
            e = next;
        }
        throw new BudgetExceededException("unrolling did not finish");
    }

    /// <summary>Index expressions that are numbers once the integers are fixed (t − 1 with t = 3) become numbers.</summary>
    public static Expr NormalizeIndices(Expr e) => e.Rewrite(node =>
    {
        if (node is not Indexed ix) return node;
        var changed = false;
        var indices = ix.Indices.Select(i =>
        {
            if (i is Number || i.FreeSymbols().Count > 0) return i;
            var value = Canonicalizer.Canonicalize(i, CanonicalOptions.Factored);
            if (value is Number && !value.Equals(i)) changed = true;
            return value is Number ? value : i;
        }).ToImmutableArray();
        return changed ? new Indexed(ix.Base, indices, ix.Placement) : node;
    });

    private static Expr Assign(Expr e, IReadOnlyDictionary<string, long> assignment)
    {
        if (assignment.Count == 0) return e;
        var map = new Dictionary<Expr, Expr>();
        foreach (var s in e.Descendants().OfType<Symbol>())
        {
            if (assignment.TryGetValue(s.Name, out var v)) map[s] = Number.Of(v);
        }
        return map.Count == 0 ? e : e.Substitute(map);
    }

    private static long? Integer(Expr? e)
    {
        if (e is null) return null;
        var value = e is Number ? e : Canonicalizer.Canonicalize(e, CanonicalOptions.Factored);
        return value is Number { Value: var q } && q.TryGetInt64(out var k) ? k : null;
    }

    private string Describe(IReadOnlyDictionary<string, long> assignment) =>
        string.Join(", ", _ranges.Select(r => $"{r.Parameter.Name} = {assignment[r.Parameter.Name]}"));

    private string DescribeRanges() =>
        "(" + string.Join(", ", _ranges.Select(r => $"{DebugPrinter.Print(r.Lower)} ≤ {r.Parameter.Name} ≤ {DebugPrinter.Print(r.Upper)}")) + ")";
}
