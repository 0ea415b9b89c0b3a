using System.Collections.Immutable;
using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Core.Equivalence;

public sealed record EquivalenceOptions
{
    /// <summary>Past this, the check stops and says inconclusive.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Random points for exact (modular) sampling of rational expressions.</summary>
    public int ExactPoints { get; init; } = 10;

    /// <summary>Points where both sides must be defined and agree for a numeric "equivalent".</summary>
    public int NumericPoints { get; init; } = 12;

    /// <summary>Fewer defined points than this and the numeric check is inconclusive.</summary>
    public int MinimumNumericPoints { get; init; } = 6;

    public int MaxAttempts { get; init; } = 80;

    /// <summary>Fixed, so every run gives the same verdict.</summary>
    public ulong Seed { get; init; } = 0xDC_2026_0001UL;

    /// <summary>
    /// When false, equal canonical forms do not decide: the sides are still sampled (tests use this to
    /// check every step numerically, independently of the simplifier).
    /// </summary>
    public bool DecideByCanonicalForm { get; init; } = true;

    public static readonly EquivalenceOptions Default = new();
}

/// <summary>
/// Decides whether two expressions are the same mathematics. In order: substitute the context's
/// definitions and evaluate derivatives; infer shapes (a mismatch decides, with a diagnosis); compare
/// canonical forms; for rational expressions, compare exactly modulo a large prime at random points;
/// otherwise compare in double precision with error bounds at random points of each symbol's kind.
/// Every verdict says how it was reached; past the time limit it is inconclusive, never a guess.
/// </summary>
public sealed class EquivalenceChecker(EquivalenceOptions? options = null)
{
    public EquivalenceOptions Options { get; } = options ?? EquivalenceOptions.Default;

    /// <summary>How operands are printed in messages (the CLI passes a LaTeX or Unicode writer).</summary>
    public Func<Expr, string> Show { get; init; } = DebugPrinter.Print;

    public Verdict Check(Expr a, Expr b, Definitions? definitions = null)
    {
        var budget = new Budget(Options.Timeout);
        try
        {
            return CheckCore(a, b, definitions ?? Definitions.None, budget);
        }
        catch (BudgetExceededException ex)
        {
            return Verdict.Inconclusive(Methods.Limit, $"The check stopped after {ex.Reason} before it could decide; a person should compare these by hand.");
        }
        catch (InsufficientExecutionStackException)
        {
            return Verdict.Inconclusive(Methods.Limit, "The expressions are nested too deeply to compare.");
        }
    }

    private Verdict CheckCore(Expr a, Expr b, Definitions definitions, Budget budget, bool randomnessSettled = false)
    {
        var notes = new List<string>();
        if ((DistributionStatement(a) ?? DistributionStatement(b)) is { } distribution)
            return Verdict.Inconclusive(Methods.Limit, $"{Show(distribution)} says how a quantity is distributed: it is an assumption, not a formula to compare.");
        if (a is Relation || b is Relation)
        {
            var equations = CompareEquations(a, b, definitions, budget, notes);
            if (equations is not null) return equations with { Notes = notes };
            (a, b) = (RightSide(a, notes, "first"), RightSide(b, notes, "second"));
        }

        // ∂L/∂h for a defined h (h = Wᵀx) differentiates L as a function of h: h stands as a variable
        // while L is expanded, and is itself expanded only after the derivative is taken.
        var intermediates = new Intermediates(definitions);
        (a, b) = (intermediates.Protect(a), intermediates.Protect(b));
        var expanded = definitions.Expand([Families.SplitIndices(a), Families.SplitIndices(b)], out var used);
        if (used.Count > 0) notes.Add($"used {used.Count} definition{(used.Count == 1 ? "" : "s")} from the context");
        var (pa, pb) = TimeStepsAsIntegers(expanded[0], expanded[1], definitions);
        var why = Unsupported(pa) ?? Unsupported(pb);
        if (why is not null) return Verdict.Inconclusive(Methods.Limit, why) with { Notes = notes };

        // Shapes first: a derivative's shape is known (denominator layout) before it is evaluated, so a
        // Jacobian written where a gradient belongs is caught even when its value cannot be computed here.
        var shapeVerdict = CompareShapes(pa, pb, budget, definitions);
        if (shapeVerdict is not null) return shapeVerdict with { Notes = notes };

        try
        {
            pa = DerivativeExpander.Expand(pa, definitions);
            pb = DerivativeExpander.Expand(pb, definitions);
        }
        catch (NotDifferentiableException ex)
        {
            return Verdict.Inconclusive(Methods.Limit, ex.Message) with { Notes = notes };
        }
        if (intermediates.Any)
        {
            var restored = definitions.Expand([intermediates.Restore(pa), intermediates.Restore(pb)], out _);
            (pa, pb) = TimeStepsAsIntegers(restored[0], restored[1], definitions);
        }

        // Canonical forms (factored: multiplying out costs more than sampling, which is exact for
        // rational expressions anyway). The same forms are what the sampler evaluates, so opaque
        // atoms such as E[X²] are keyed consistently on both sides.
        Expr na, nb;
        try
        {
            var factored = new Canonicalizer(CanonicalOptions.Factored, budget);
            na = factored.Run(pa);
            nb = factored.Run(pb);
            if (na.Equals(nb) && Options.DecideByCanonicalForm) return Verdict.Equivalent(Methods.Canonical, "Both sides simplify to the same canonical form.") with { Notes = notes };
        }
        catch (BudgetExceededException)
        {
            na = pa;
            nb = pb;
        }

        // Told what is random, every other name comes out of E[·] and Var(·) as a constant.
        if (!randomnessSettled && definitions.RandomNames is { } random)
        {
            var constants = UnknownRandomness.NamesInMoments(na, nb).Except(random).ToHashSet(StringComparer.Ordinal);
            var (ca, cb) = (UnknownRandomness.AsConstants(na, constants), UnknownRandomness.AsConstants(nb, constants));
            if (!ReferenceEquals(ca, na) || !ReferenceEquals(cb, nb))
            {
                var settled = CheckCore(ca, cb, definitions, budget, randomnessSettled: true);
                return settled with { Notes = [.. notes, .. settled.Notes] };
            }
            randomnessSettled = true;
        }

        var sampler = new PointSampler(Options, budget, Show, definitions.Evaluable);
        if (Rationality.IsRational(na) && Rationality.IsRational(nb))
        {
            var exact = sampler.Exact(na, nb);
            if (exact is not null)
            {
                if (exact.Kind == VerdictKind.NotEquivalent)
                {
                    var detail = sampler.Numeric(na, nb);
                    var message = detail.Kind == VerdictKind.Equivalent
                        // Exactly different yet equal in doubles: the difference is below 10⁻¹⁵ relative.
                        ? "The two sides are not exactly equal, although they agree to about 15 significant digits (a decimal such as 0.333 written for a fraction such as 1/3?)."
                        : detail.Diagnosis is { } d ? $"{exact.Message} {d.Detail}" : exact.Message;
                    exact = exact with { Counterexample = detail.Counterexample, Diagnosis = detail.Diagnosis, Message = message };
                }
                return UnlessRandomnessDecides(exact, na, nb, definitions, budget, randomnessSettled) with { Notes = notes };
            }
        }
        var numeric = sampler.Numeric(na, nb);
        return UnlessRandomnessDecides(numeric, na, nb, definitions, budget, randomnessSettled) with { Notes = [.. notes, .. numeric.Notes] };
    }

    /// <summary>
    /// "Not equivalent" found by sampling E[βX] as a value of its own (β random) stands only if the sides
    /// also differ with β a constant; otherwise it depends on what is random, which the checker is not told.
    /// </summary>
    private Verdict UnlessRandomnessDecides(Verdict verdict, Expr a, Expr b, Definitions definitions, Budget budget, bool settled)
    {
        if (settled || verdict.Kind != VerdictKind.NotEquivalent) return verdict;
        var undecided = UnknownRandomness.UndecidedNames(a, b);
        if (undecided.Count == 0) return verdict;
        var (ca, cb) = (UnknownRandomness.AsConstants(a, undecided), UnknownRandomness.AsConstants(b, undecided));
        if (ReferenceEquals(ca, a) && ReferenceEquals(cb, b)) return verdict;
        if (CheckCore(ca, cb, definitions, budget, randomnessSettled: true).Kind == VerdictKind.NotEquivalent) return verdict;
        var names = string.Join(", ", undecided.Order(StringComparer.Ordinal).Select(n => Show(new Symbol(n))));
        return Verdict.Inconclusive(Methods.Limit,
            $"The answer depends on whether {names} {(undecided.Count == 1 ? "is" : "are")} random: taken out of the expectation or variance as "
            + "a constant (E[cX] = cE[X]) the two sides are not shown to differ, but kept inside they do. Which quantities are random is not given; compare these by hand.");
    }

    /// <summary>Both sides equations: the same equation, up to a nonzero constant factor?</summary>
    private Verdict? CompareEquations(Expr a, Expr b, Definitions definitions, Budget budget, List<string> notes)
    {
        if (a is not Relation { Operators: [RelationKind.Equal], Operands: [var al, var ar] } || b is not Relation { Operators: [RelationKind.Equal], Operands: [var bl, var br] })
            return null;
        var inner = CheckCore(new Add(al, new Negate(ar)), new Add(bl, new Negate(br)), definitions, budget);
        notes.Add("compared the equations as LHS − RHS = 0");
        if (inner.Kind == VerdictKind.NotEquivalent && inner.Diagnosis?.Kind is DiagnosisKind.Sign or DiagnosisKind.Factor)
            return Verdict.Equivalent(inner.Method, "The two equations are the same up to a nonzero factor.", inner.Points);
        return inner;
    }

    /// <summary>
    /// A name used as the step of a recurrence (t in h_t, with h_t given by h_{t−1}) is a time step: an
    /// integer, even when the context does not say so, so the sampler can run the recurrence to it.
    /// </summary>
    private static (Expr, Expr) TimeStepsAsIntegers(Expr a, Expr b, Definitions definitions)
    {
        if (definitions.Recurrences.IsEmpty) return (a, b);
        var sequences = definitions.Recurrences.Select(r => r.Sequence).ToHashSet();
        var steps = new Dictionary<Expr, Expr>();
        foreach (var node in a.Descendants().Concat(b.Descendants()))
        {
            if (node is not Indexed { Base: Symbol s, Indices: [var at] } || !sequences.Contains(s)) continue;
            foreach (var free in at.FreeSymbols())
            {
                if (!free.Kind.IsIntegerValued) steps[free] = free.WithKind(Symbols.SymbolKind.Natural);
            }
        }
        return steps.Count == 0 ? (a, b) : (a.Substitute(steps), b.Substitute(steps));
    }

    private static Expr RightSide(Expr e, List<string> notes, string which)
    {
        if (e is not Relation rel) return e;
        notes.Add($"the {which} input is an equation; its right-hand side was compared");
        return rel.Right;
    }

    /// <summary>The first x ∼ 𝒩(0, 1) in <paramref name="e"/>, if any.</summary>
    public static Relation? DistributionStatement(Expr e) =>
        e.Descendants().OfType<Relation>().FirstOrDefault(r => r.Operators.Contains(RelationKind.Distributed));

    private static string? Unsupported(Expr e)
    {
        foreach (var n in e.Descendants())
        {
            switch (n)
            {
                case TupleExpr:
                    return "A list of several items cannot be compared with a single expression.";
                case EllipsisNode:
                    return "An expression with \"…\" cannot be evaluated: write the terms out or use a sum.";
                case TextNode t when !ReferenceEquals(t, Piecewise.Otherwise) && t.Text != "otherwise":
                    return $"The words \"{t.Text}\" are not mathematics the engine can evaluate.";
                case Relation when n != e:
                    break;
            }
        }
        return null;
    }

    private Verdict? CompareShapes(Expr a, Expr b, Budget budget, Definitions definitions)
    {
        var ra = ShapeInference.Infer(a);
        var rb = ShapeInference.Infer(b);
        if (!rb.Ok)
            return new Verdict(VerdictKind.NotEquivalent, Methods.Shape, $"The second expression has no consistent shape: {rb.Error!.Describe(Show)}.",
                new Diagnosis(DiagnosisKind.Shape, rb.Error.Describe(Show), ShapeError: rb.Error));
        if (!ra.Ok)
            return new Verdict(VerdictKind.NotEquivalent, Methods.Shape, $"The first expression has no consistent shape: {ra.Error!.Describe(Show)}.",
                new Diagnosis(DiagnosisKind.Shape, ra.Error.Describe(Show), ShapeError: ra.Error));
        if (SameShape(ra.Shape!, rb.Shape!)) return null;

        var describe = $"the first is {ra.Shape!.Described} but the second is {rb.Shape!.Described}";
        if (ra.Shape is MatrixShape ma && rb.Shape is MatrixShape mb && Dim.Equal(ma.Rows, mb.Columns) && Dim.Equal(ma.Columns, mb.Rows)
            && TryExpandDerivatives(a, definitions) is { } ea && TryExpandDerivatives(b, definitions) is { } eb)
        {
            var sampler = new PointSampler(Options, budget, Show, definitions.Evaluable);
            var asTranspose = sampler.Numeric(new Transpose(ea), eb);
            if (asTranspose.Kind == VerdictKind.Equivalent)
                return new Verdict(VerdictKind.NotEquivalent, Methods.Shape,
                    $"The second expression is the transpose of the first: {describe}.",
                    new Diagnosis(DiagnosisKind.Transpose, $"The answer is the transpose of the expected one ({describe})."), Points: asTranspose.Points);
        }
        return new Verdict(VerdictKind.NotEquivalent, Methods.Shape, $"The shapes differ: {describe}.",
            new Diagnosis(DiagnosisKind.Shape, $"The shapes differ: {describe}."));
    }

    private static Expr? TryExpandDerivatives(Expr e, Definitions definitions)
    {
        try
        {
            return DerivativeExpander.Expand(e, definitions);
        }
        catch (NotDifferentiableException)
        {
            return null;
        }
    }

    private static bool SameShape(Shape a, Shape b) => (a, b) switch
    {
        (UnknownShape, _) or (_, UnknownShape) => true,
        (ScalarShape, ScalarShape) => true,
        (ScalarShape, MatrixShape { IsOneByOne: true }) or (MatrixShape { IsOneByOne: true }, ScalarShape) => true,
        (MatrixShape ma, MatrixShape mb) => Dim.Equal(ma.Rows, mb.Rows) && Dim.Equal(ma.Columns, mb.Columns),
        _ => false,
    };
}

/// <summary>
/// Quantities differentiated by that have a definition of their own (h = Wᵀx in ∂L/∂h): a fresh
/// symbol of the same kind stands in for each while the derivative's body is expanded, so the
/// derivative is taken with respect to the quantity, not to what it is made of.
/// </summary>
internal sealed class Intermediates(Definitions definitions)
{
    private readonly Dictionary<Expr, Symbol> _standIns = [];

    public bool Any => _standIns.Count > 0;

    public Expr Protect(Expr e)
    {
        if (definitions.Count == 0) return e;
        return e.Rewrite(node =>
        {
            if (node is not Derivative { Variables: [var v] } d) return node;
            // The quantity that stands in: a defined name (h), or one member of a defined family (o_t).
            var (quantity, name, kind) = v switch
            {
                Symbol s => ((Expr)s, s, s.Kind),
                Indexed { Base: Symbol { Kind: Symbols.VectorKind or Symbols.MatrixKind } s } => (s, s, s.Kind),
                Indexed { Base: Symbol { Kind: Symbols.FamilyKind family } s } member => (member, s, family.Member),
                _ => (null!, null!, null!),
            };
            if (quantity is null || definitions.Expand([quantity], out _)[0].Equals(quantity)) return node;
            if (!_standIns.TryGetValue(quantity, out var stand))
            {
                stand = new Symbol($"⟨{DebugPrinter.Print(quantity)}⟩", kind);
                _standIns[quantity] = stand;
            }
            var body = definitions.Without(name).Expand([d.Body], out _)[0];
            return new Derivative(body.Substitute(quantity, stand), [v.Substitute(quantity, stand)], d.Style);
        });
    }

    public Expr Restore(Expr e) => _standIns.Count == 0 ? e : e.Substitute(_standIns.ToDictionary(kv => (Expr)kv.Value, kv => kv.Key));
}

/// <summary>Replaces every derivative whose body is known by its symbolic value; ∂J/∂W of a bare name stays opaque.</summary>
public static class DerivativeExpander
{
    /// <summary>The most steps of a recurrence unrolled to reach the variable (∂h_{t+1}/∂h_t needs one).</summary>
    private const int MaxUnroll = 8;

    public static Expr Expand(Expr e, Definitions? definitions = null) => e.Rewrite(node =>
    {
        if (node is not Derivative der) return node;
        var body = der.Body;
        // ∇_θ L(θ_old) is the gradient of L at θ_old, not ∂/∂θ of a constant: L'(θ_old).
        if (body is Apply { Function: { Id: FunctionId.Opaque } f, Arguments: [var point] } && der.Variables is [var by] && !point.Contains(by))
            return new Apply(f.Prime(), point);
        if (IsNamedQuantity(body) && !der.Variables.Any(v => v.Equals(body)) && !IsVectorComponent(body))
        {
            // A term of a recurrence depends on earlier terms and inputs: unroll it to the variable,
            // or give up (a random stand-in for ∂h_T/∂h_i would make a right answer look wrong).
            if (definitions is null || RecurrenceOf(body, definitions) is not { } r) return node;
            body = UnrollTo(r, (Indexed)body, der.Variables);
        }
        if (definitions is not null) RefuseHiddenDependence(body, der.Variables, definitions);
        var result = body;
        foreach (var v in der.Variables)
        {
            result = ShapeInference.Infer(v).Shape is MatrixShape m
                ? ByMatrix(Rearrange.SumToInnerProduct(result), v, m)
                : Differentiator.Differentiate(result, v);
        }
        return result;
    });

    /// <summary>
    /// A term of a recurrence left in the body (h_{t−1} after one step unrolled) is a constant to the
    /// differentiator. That is right only if it cannot depend on the variable; when it may (∂J/∂W_hh
    /// with h_t = W_hh h_{t−1} + …), the check is refused rather than answered with a wrong zero.
    /// </summary>
    private static void RefuseHiddenDependence(Expr body, ImmutableArray<Expr> variables, Definitions definitions)
    {
        foreach (var node in body.Descendants())
        {
            if (node is not Indexed { Base: Symbol s, Indices: [var a] } term || definitions.Recurrences.FirstOrDefault(r => r.Sequence.Equals(s)) is not { } r) continue;
            foreach (var v in variables)
            {
                if (v.Equals(term) || !MayDependOn(r, a, v, definitions)) continue;
                throw new NotDifferentiableException($"{DebugPrinter.Print(term)} is defined step by step and may depend on {DebugPrinter.Print(v)}; I can check this derivative only for a concrete number of steps.");
            }
        }
    }

    private static bool MayDependOn(Calculus.Recurrence r, Expr at, Expr v, Definitions definitions)
    {
        if (v is Indexed { Base: var vb, Indices: [var b] })
        {
            // s_a and x_b (or s_b): independent when b is known to come later than a.
            var offset = Canonicalizer.Canonicalize(new Add(at, new Negate(b)), CanonicalOptions.Default);
            if (offset is Number { Value: var q } && (q.Sign < 0 || (q.IsZero && vb.Equals(r.Sequence)))) return false;
            return Mentions(r, vb, definitions, []);
        }
        return Mentions(r, v, definitions, []);
    }

    /// <summary>The recurrence's step (or initial value) mentions the name, directly or through another recurrence.</summary>
    private static bool Mentions(Calculus.Recurrence r, Expr name, Definitions definitions, HashSet<string> seen)
    {
        if (!seen.Add(r.Sequence.Name)) return false;
        var steps = definitions.Evaluable.First(x => x.Sequence.Equals(r.Sequence));
        IEnumerable<Expr> parts = [steps.Body, .. steps.Initial.Values];
        foreach (var part in parts)
        {
            if (part.Contains(name)) return true;
            foreach (var other in definitions.Recurrences)
            {
                if (!other.Sequence.Equals(r.Sequence) && part.Contains(other.Sequence) && Mentions(other, name, definitions, seen)) return true;
            }
        }
        return false;
    }

    private static Calculus.Recurrence? RecurrenceOf(Expr body, Definitions definitions) =>
        body is Indexed { Base: Symbol s, Indices: [_] } ? definitions.Recurrences.FirstOrDefault(r => r.Sequence.Equals(s)) : null;

    /// <summary>
    /// s_a unrolled far enough that every variable appears explicitly: down to s_b for ∂s_a/∂s_b, to
    /// s_{b−1} for an input x_b of step b. The offset a − b must be a known whole number.
    /// </summary>
    private static Expr UnrollTo(Calculus.Recurrence r, Indexed term, ImmutableArray<Expr> variables)
    {
        var steps = 0;
        foreach (var v in variables)
        {
            if (v is not Indexed { Indices: [var b] } vi)
                throw new NotDifferentiableException($"{DebugPrinter.Print(term)} is defined step by step; its derivative with respect to {DebugPrinter.Print(v)} sums over every step, which I can check only for a concrete number of steps.");
            var offset = Canonicalizer.Canonicalize(new Add(term.Indices[0], new Negate(b)), CanonicalOptions.Default) is Number { Value: var q } && q.TryGetInt64(out var k) ? k : (long?)null;
            if (offset is null || offset < 0 || offset > MaxUnroll)
                throw new NotDifferentiableException($"{DebugPrinter.Print(term)} depends on {DebugPrinter.Print(v)} through a number of steps that is not a fixed number; I can check this only for concrete indices.");
            steps = Math.Max(steps, (int)offset.Value + (vi.Base.Equals(r.Sequence) ? 0 : 1));
        }
        return steps == 0 ? term : r.Unroll(term.Indices[0], steps);
    }

    /// <summary>Matrix calculus by a named variable; a member of a family (h_t) is stood in for by a fresh symbol.</summary>
    private static Expr ByMatrix(Expr f, Expr v, MatrixShape shape)
    {
        if (v is Symbol named) return MatrixDerivative.Differentiate(f, named);
        if (v is not Indexed { Base: Symbol { Kind: Symbols.FamilyKind } })
            throw new NotDifferentiableException("I can only differentiate with respect to a named vector or matrix, or a member of a family such as h_t.");
        var stand = new Symbol($"⟨{DebugPrinter.Print(v)}⟩", Shapes.Dim.IsOne(shape.Columns) ? new Symbols.VectorKind(shape.Rows) : new Symbols.MatrixKind(shape.Rows, shape.Columns));
        return MatrixDerivative.Differentiate(f.Substitute(v, stand), stand).Substitute(stand, v);
    }

    private static bool IsNamedQuantity(Expr e) => e is Symbol || (e is Indexed { Base: Symbol } && !IsVectorComponent(e));

    private static bool IsVectorComponent(Expr e) => e is Indexed { Base: Symbol { Kind: Symbols.VectorKind or Symbols.MatrixKind }, Placement: IndexPlacement.Subscript };
}

/// <summary>Which expressions are rational (so exact modular sampling applies).</summary>
public static class Rationality
{
    public static bool IsRational(Expr e) => e switch
    {
        Number or Symbol or KroneckerDelta => true,
        Indexed ix => ix.Args.All(IsRational),
        Add or Negate or Multiply or Divide or Transpose or Inverse or HadamardProduct or HadamardDivide or Diag or Trace or MatrixLiteral => e.Args.All(IsRational),
        Power p => SignAnalysis.IsInteger(p.Exponent) && IsRational(p.Base) && p.Exponent.Args.All(IsRational),
        BigOperator { Kind: BigOperatorKind.Sum or BigOperatorKind.Product } big => big.Args.All(IsRational),
        Expectation or Variance or Derivative => true,
        Apply { Function.Id: FunctionId.Opaque } ap => ap.Arguments.All(IsRational),
        _ => false,
    };
}
