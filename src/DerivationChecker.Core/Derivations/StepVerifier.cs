using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Probability;
using DerivationChecker.Core.Simplification;

namespace DerivationChecker.Core.Derivations;

/// <summary>
/// Checks a step the way the grader checks an answer: an equality by the equivalence checker, a
/// bound by evaluating both sides at random points, an implication by substituting the solution
/// into the equation it came from. A derivation's steps are never taken on trust.
/// </summary>
public sealed class StepVerifier(Definitions definitions, EquivalenceOptions? options = null)
{
    private readonly EquivalenceChecker _checker = new(options ?? new EquivalenceOptions { Timeout = TimeSpan.FromSeconds(5) });
    private readonly EquivalenceOptions _options = options ?? EquivalenceOptions.Default;

    public Definitions Definitions => definitions;

    /// <summary>
    /// The integers a general statement ranges over (T = 1..6, i = 1..T). A step that mentions one is
    /// checked in every instance, with recurrences unrolled and derivatives taken explicitly.
    /// </summary>
    public Instances? Instances { get; set; }

    /// <summary>
    /// Which quantities are random, independent, stationary or zero-mean. With it, steps in E[·] and
    /// Var(·) are checked on the normal form of <see cref="ExpectationAlgebra"/> (a polynomial in the
    /// moments of single quantities), which the checker then compares like any other expression.
    /// </summary>
    public RandomModel? Model { get; set; }

    public StepCheck Check(Expr before, Expr after, StepRelation relation = StepRelation.Equal) => relation switch
    {
        StepRelation.LessOrEqual => CheckBound(before, after),
        StepRelation.Implies => CheckImplication(before, after),
        _ => CheckEquality(before, after),
    };

    public StepCheck CheckEquality(Expr before, Expr after)
    {
        if (Instances is { } instances && (instances.Applies(before) || instances.Applies(after)))
        {
            if (_options.DecideByCanonicalForm && Canonicalizer.Canonicalize(before, CanonicalOptions.Factored).Equals(Canonicalizer.Canonicalize(after, CanonicalOptions.Factored)))
                return new StepCheck(CheckKind.Symbolic, 0, "Both sides simplify to the same canonical form.");
            return instances.Check(before, after, CheckConcreteEquality);
        }
        return CheckConcreteEquality(before, after);
    }

    private StepCheck CheckConcreteEquality(Expr before, Expr after)
    {
        if (Model is { } model && (HasMoments(before) || HasMoments(after)))
        {
            var expanded = definitions.Expand([before, after], out _);
            (before, after) = (ExpectationAlgebra.Normalize(expanded[0], model), ExpectationAlgebra.Normalize(expanded[1], model));
        }
        var verdict = _checker.Check(before, after, definitions);
        return verdict.Kind switch
        {
            VerdictKind.Equivalent when verdict.Method == Methods.Canonical => new StepCheck(CheckKind.Symbolic, 0, verdict.Message),
            VerdictKind.Equivalent => new StepCheck(CheckKind.Numeric, verdict.Points, verdict.Message),
            VerdictKind.NotEquivalent => new StepCheck(CheckKind.Failed, verdict.Points, verdict.Message),
            _ => new StepCheck(CheckKind.Unverified, verdict.Points, verdict.Message),
        };
    }

    /// <summary>k when e is c·u^k for a whole k ≥ 2.</summary>
    private static int? WholePower(Expr e)
    {
        var (_, rest) = AlgebraRules.SplitCoefficient(e);
        return rest is Power { Exponent: Number { Value: { IsInteger: true } k } } && k >= 2 && k <= 8 ? (int)k.Numerator : null;
    }

    private static bool HasMoments(Expr e) => e.Any(n => n is Expectation or Variance);

    /// <summary>before ≤ after at every sampled point where both are defined (in every instance, when ranged).</summary>
    public StepCheck CheckBound(Expr before, Expr after) =>
        Instances is { } instances && (instances.Applies(before) || instances.Applies(after))
            ? instances.Check(before, after, CheckConcreteBound)
            : CheckConcreteBound(before, after);

    private StepCheck CheckConcreteBound(Expr before, Expr after)
    {
        var expanded = definitions.Expand([before, after], out _);
        var budget = new Budget(TimeSpan.FromSeconds(5));
        var pair = new PairEvaluator<Approx>(DerivativeExpander.Expand(expanded[0], definitions), DerivativeExpander.Expand(expanded[1], definitions), budget, definitions.Evaluable);
        var valid = 0;
        for (var p = 0; p < _options.MaxAttempts && valid < _options.NumericPoints * 2; p++)
        {
            PairValues<Approx> values;
            try
            {
                values = pair.Evaluate(new Sample(p, _options.Seed, []));
            }
            catch (Exception ex) when (ex is UnsupportedOperationException or UncertainComparisonException)
            {
                continue;
            }
            if (values.A.IsInvalid || values.B.IsInvalid || !values.A.ActsAsScalar || !values.B.ActsAsScalar) continue;
            var (a, b) = (values.A.AsScalar, values.B.AsScalar);
            if (a.Value > b.Value + 16 * (a.Error + b.Error))
                return new StepCheck(CheckKind.Failed, valid + 1, $"the bound fails at a random point: {a.Value:G6} > {b.Value:G6}");
            valid++;
        }
        return valid >= _options.MinimumNumericPoints
            ? new StepCheck(CheckKind.Numeric, valid, $"the bound holds at {valid} random points")
            : new StepCheck(CheckKind.Unverified, valid, $"only {valid} points had both sides defined");
    }

    /// <summary>Every entry of <paramref name="e"/> is zero at random points (exactly when it is rational).</summary>
    public StepCheck CheckVanishes(Expr e)
    {
        var expanded = DerivativeExpander.Expand(definitions.Expand([e], out _)[0], definitions);
        var budget = new Budget(TimeSpan.FromSeconds(5));
        var exact = Rationality.IsRational(expanded);
        var valid = 0;
        for (var p = 0; p < _options.MaxAttempts && valid < _options.NumericPoints; p++)
        {
            bool? zero;
            try
            {
                zero = exact ? IsZeroAt<ModPrime>(expanded, p, budget) : IsZeroAt<Approx>(expanded, p, budget);
            }
            catch (Exception ex) when (ex is UnsupportedOperationException or UncertainComparisonException)
            {
                continue;
            }
            if (zero is null) continue;
            if (zero == false) return new StepCheck(CheckKind.Failed, valid + 1, "the expression is not zero at a random point");
            valid++;
        }
        return valid >= _options.MinimumNumericPoints
            ? new StepCheck(CheckKind.Numeric, valid, $"zero at {valid} random points{(exact ? " (exact arithmetic)" : "")}")
            : new StepCheck(CheckKind.Unverified, valid, $"only {valid} points were defined");
    }

    private bool? IsZeroAt<T>(Expr e, int point, Budget budget) where T : unmanaged, IScalar<T>
    {
        var value = new Evaluator<T>(new Sample(point, _options.Seed, []), budget, definitions.Evaluable).Evaluate(e);
        if (value.IsInvalid) return null;
        foreach (var x in value.Tensor?.Data ?? [value.Scalar])
        {
            var zero = x is Approx a ? Math.Abs(a.Value) <= 16 * a.Error : x.IsExactlyZero;
            if (!zero) return false;
        }
        return true;
    }

    /// <summary>
    /// An equation implies another: a solved form x = S satisfies the original (substituting S for x
    /// makes both sides of the original agree), or the two equations are the same up to a factor.
    /// </summary>
    public StepCheck CheckImplication(Expr before, Expr after, Expr? factor = null)
    {
        if (before is not Relation { Operands: [var l, var r], Operators: [RelationKind.Equal] })
            return new StepCheck(CheckKind.Unverified, 0, "the step before is not a single equation");
        if (factor is not null && after is Relation { Operands: [var fl, var fr], Operators: [RelationKind.Equal] })
        {
            // Scaling by a factor that is not zero gives the same equation: LHS − RHS = factor · (LHS' − RHS').
            var scaled = CheckEquality(new Add(l, new Negate(r)), new Multiply(factor, new Add(fl, new Negate(fr))));
            return scaled with { Detail = $"the equation before is the one after times a factor: {scaled.Detail}" };
        }
        if (after is Relation { Operands: [var x, var solution], Operators: [RelationKind.Equal] } && x is Symbol or Indexed or Variance or Expectation && !solution.Contains(x))
        {
            var (ls, rs) = (l.Substitute(x, solution), r.Substitute(x, solution));
            // "= 0" is written with a scalar zero even for a vector equation (∇L = 0).
            var check = rs is Number { Value.IsZero: true } ? CheckVanishes(ls) : CheckEquality(ls, rs);
            return check with { Detail = $"substituting the solution for {DebugPrinter.Print(x)} satisfies the equation: {check.Detail}" };
        }
        if (after is Relation { Operands: [var al, var ar], Operators: [RelationKind.Equal] })
        {
            // u^k = 0 holds exactly when u = 0: the difference before is a power of the difference after.
            var (db, da) = (Canonicalizer.Canonicalize(new Add(l, new Negate(r)), CanonicalOptions.Factored), new Add(al, new Negate(ar)));
            if (r is Number { Value.IsZero: true } && ar is Number { Value.IsZero: true } && WholePower(db) is int k)
            {
                var power = new Power(da, Number.Of(k));
                var check = CheckEquality(db, power);
                if (!check.Passed) check = CheckEquality(db, new Negate(power));
                if (check.Passed) return check with { Detail = $"the left side before is the left side after to the power {k}, which is zero exactly when it is: {check.Detail}" };
            }
            var verdict = _checker.Check(before, after, definitions);
            return verdict.Kind == VerdictKind.Equivalent
                ? new StepCheck(verdict.Method == Methods.Canonical ? CheckKind.Symbolic : CheckKind.Numeric, verdict.Points, verdict.Message)
                : new StepCheck(verdict.Kind == VerdictKind.NotEquivalent ? CheckKind.Failed : CheckKind.Unverified, verdict.Points, verdict.Message);
        }
        return new StepCheck(CheckKind.Unverified, 0, "the step after is not an equation");
    }
}
