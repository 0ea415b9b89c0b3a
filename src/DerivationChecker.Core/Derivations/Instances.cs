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
    private readonly Definitions _plain;
    private IReadOnlyDictionary<string, long> _assignment = ImmutableDictionary<string, long>.Empty;

    public Instances(IEnumerable<IntegerRange> ranges, Definitions definitions)
    {
        _ranges = [.. ranges];
        _definitions = definitions;
        // Definitions other than the recurrences themselves: unrolling is done here, step by step.
        var recurrent = definitions.Recurrences.Select(r => r.Sequence.Name).ToHashSet();
        _plain = new Definitions(Enumerable.Range(0, definitions.Count).Select(i => definitions[i])
            .Where(eq => !(eq.Lhs is Indexed { Base: Symbol s } && recurrent.Contains(s.Name))));
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
        _assignment = assignment;
        var x = Assign(e, assignment);
        for (var round = 0; round < 16; round++)
        {
            x = Protect(WriteOut(Normal(x)), standIns);
            // A definition may mention the ranged integers too (L = ℓ(h_T)): they are fixed in it as well.
            var next = Protect(Normal(Assign(_plain.Expand([x], out _)[0], assignment)), standIns);
            if (next.Equals(x)) break;
            if (next.Size > MaxSize) throw new BudgetExceededException("the instance grew past its size limit");
            x = next;
        }
        return ExpandDerivatives(x, standIns);
    }

    private static Expr Normal(Expr e) => SplitFamilyIndices(NormalizeIndices(e));

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

    /// <summary>
    /// Stands a fresh symbol in for each quantity differentiated by that is a term of a sequence or has
    /// a definition (h_2, q_3), so expanding definitions and unrolling keep it as the variable.
    /// </summary>
    private Expr Protect(Expr e, Dictionary<Symbol, Expr> standIns) => e.Rewrite(node =>
    {
        if (node is not Derivative { Variables: [var v] } d) return node;
        // Already protected: expanding a definition in the body may have brought the quantity back.
        if (v is Symbol s && standIns.TryGetValue(s, out var original)) return new Derivative(d.Body.Substitute(original, s), [s], d.Style);
        if (!IsSequenceTerm(v) && !HasDefinition(v)) return node;
        var stand = standIns.FirstOrDefault(kv => kv.Value.Equals(v)).Key ?? StandIn(v, standIns.Count);
        standIns[stand] = v;
        return new Derivative(d.Body.Substitute(v, stand), [stand], d.Style);
    });

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
        var unrolled = Unroll(body, original is null ? null : (original, variable));
        var shape = ShapeInference.Infer(variable).Shape;
        if (shape is MatrixShape { IsOneByOne: false })
        {
            return variable is Symbol named
                ? MatrixDerivative.Differentiate(unrolled, named)
                : throw new NotDifferentiableException("I can only differentiate with respect to a named vector or matrix.");
        }
        return Differentiator.Differentiate(unrolled, variable);
    }

    /// <summary>
    /// Replaces every term of a recurrence by its step, over and over, down to the initial value; the
    /// quantity differentiated by (<paramref name="protect"/>: its stand-in) stays a variable.
    /// </summary>
    private Expr Unroll(Expr e, (Expr Original, Expr Stand)? protect)
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
            next = WriteOut(Normal(Assign(_plain.Expand([next], out _)[0], _assignment)));
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

    /// <summary>y_{t,i} of a family of vectors is entry i of the member y_t.</summary>
    public static Expr SplitFamilyIndices(Expr e) => e.Rewrite(node =>
        node is Indexed { Base: Symbol { Kind: FamilyKind { Member: VectorKind or MatrixKind } } s, Indices: [var t, .. var rest], Placement: IndexPlacement.Subscript } ix
        && rest.Length > 0
            ? new Indexed(new Indexed(s, [t], ix.Placement), [.. rest], ix.Placement)
            : node);

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
