using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Derivations;

/// <summary>
/// Builds a derivation one engine operation at a time. Only the starting point comes from the
/// problem statement; every later expression is computed by a transform the engine applies to the
/// current one (differentiate, substitute, fold a definition back, unroll, sum a geometric series…),
/// and every step is checked by <see cref="StepVerifier"/> as it is recorded.
/// </summary>
public sealed class DerivationBuilder
{
    private readonly string _name;
    private readonly string _title;
    private readonly string _goal;
    private readonly ImmutableArray<Step>.Builder _steps = ImmutableArray.CreateBuilder<Step>();
    private readonly List<string> _assumptions = [];
    private readonly List<IntegerRange> _ranges = [];
    private readonly List<Conclusion> _conclusions = [];
    private int _subjectSince;
    private readonly Symbols.SymbolTable? _symbols;
    private Expr? _current;

    public DerivationBuilder(string name, string title, string goal, Expr subject, Definitions definitions, Symbols.SymbolTable? symbols = null)
    {
        _symbols = symbols;
        _name = name;
        _title = title;
        _goal = goal;
        Subject = subject;
        Verifier = new StepVerifier(definitions);
    }

    /// <summary>What is being derived (∂σ_k/∂x_i, m_n, E[m_n]).</summary>
    public Expr Subject { get; private set; }

    public Expr Current => _current ?? throw new InvalidOperationException("Begin the derivation first.");

    public StepVerifier Verifier { get; }

    public Definitions Definitions => Verifier.Definitions;

    /// <summary>Notes an assumption the steps rely on ("g_i are identically distributed").</summary>
    public DerivationBuilder Assume(string assumption)
    {
        _assumptions.Add(assumption);
        return this;
    }

    /// <summary>
    /// States that the derivation holds for every integer <paramref name="parameter"/> from
    /// <paramref name="lower"/> to <paramref name="upper"/> (bounds may name earlier parameters);
    /// later steps that mention it are checked in every such instance.
    /// </summary>
    public DerivationBuilder ForAll(Symbol parameter, Expr lower, Expr upper)
    {
        _ranges.Add(new IntegerRange(parameter, lower, upper));
        Verifier.Instances = new Instances(_ranges, Definitions);
        return this;
    }

    /// <summary>Declares what is random (and independent, stationary, zero-mean) for steps in E[·] and Var(·).</summary>
    public DerivationBuilder WithRandomModel(Probability.RandomModel model)
    {
        Verifier.Model = model;
        return this;
    }

    /// <summary>The first line: Subject = start, by the given rule (usually a definition); checked too.</summary>
    public DerivationBuilder Begin(Expr start, string rule, string? note = null)
    {
        _current = start;
        _steps.Add(new Step(rule, Subject, start, Verifier.CheckEquality(Subject, start), [], StepRelation.Equal, note, Subject));
        return this;
    }

    /// <summary>Applies an engine transform to the current expression: current = transform(current).</summary>
    public DerivationBuilder Then(string rule, Func<Expr, Expr> transform, string? note = null) =>
        Record(rule, transform(Current), [], StepRelation.Equal, note);

    /// <summary>As <see cref="Then(string, Func{Expr, Expr}, string?)"/>, with sub-steps the transform produced.</summary>
    public DerivationBuilder Then(string rule, Func<Expr, (Expr Result, IEnumerable<Step> SubSteps)> transform, string? note = null)
    {
        var (result, subSteps) = transform(Current);
        return Record(rule, result, [.. subSteps], StepRelation.Equal, note);
    }

    /// <summary>current ≤ transform(current): a bound.</summary>
    public DerivationBuilder Bound(string rule, Func<Expr, Expr> transform, string? note = null) =>
        Record(rule, transform(Current), [], StepRelation.LessOrEqual, note);

    /// <summary>The current equation implies the transformed one (solving, setting to zero).</summary>
    public DerivationBuilder Implies(string rule, Func<Expr, Expr> transform, string? note = null) =>
        Record(rule, transform(Current), [], StepRelation.Implies, note);

    /// <summary>
    /// Moves on to a new equation derived from the current one: its left side becomes the subject
    /// (from ∂L/∂u = ŷ − y to ∂L/∂h = W'(ŷ − y)). The transform gives the new subject and value.
    /// </summary>
    public DerivationBuilder Continue(string rule, Func<Expr, (Expr Subject, Expr Value)> transform, string? note = null)
    {
        var (subject, value) = transform(Current);
        Subject = subject;
        _subjectSince = _steps.Count;
        _current = value;
        _steps.Add(new Step(rule, subject, value, Verifier.CheckEquality(subject, value), [], StepRelation.Equal, note, subject));
        return this;
    }

    /// <summary>
    /// Marks the current line as one of the derivation's results: Subject = current, or Subject ≤
    /// current when a bound was taken since the subject was set.
    /// </summary>
    public DerivationBuilder Conclude()
    {
        var bounded = _steps.Skip(_subjectSince).Any(s => s.Relation == StepRelation.LessOrEqual);
        _conclusions.Add(new Conclusion(Subject, Current, bounded ? StepRelation.LessOrEqual : StepRelation.Equal));
        return this;
    }

    /// <summary>
    /// Solves an equation the engine forms from the current line and records the solution as an
    /// implication, with each move of the solver as a sub-step: <paramref name="equation"/> turns the
    /// current state into the equation (∇L = 0; σ'(t) = ¼ where the bound is attained), and the last
    /// move gives <paramref name="unknown"/> = value, which becomes the subject (named <paramref name="name"/>).
    /// </summary>
    public DerivationBuilder Solve(string rule, Func<DerivationBuilder, Relation> equation, Func<Relation, IReadOnlyList<Solving.SolveStep>?> solver, Expr unknown, Expr? name = null)
    {
        var stated = equation(this);
        var moves = solver(stated) ?? throw new InvalidOperationException($"The engine could not solve {stated} for {unknown}.");
        // The equation as the subject states it (σ'(t) = ¼), when the solver starts from its current form.
        var start = Current.Equals(stated.Operands[0]) || Subject.Equals(stated.Operands[0]) ? stated : new Relation(Subject, RelationKind.Equal, stated.Operands[1]);
        var subSteps = ImmutableArray.CreateBuilder<Step>();
        if (!ReferenceEquals(start, stated))
            subSteps.Add(new Step("write out the left-hand side", start, stated, Verifier.CheckImplication(start, stated), [], StepRelation.Implies));
        var previous = stated;
        foreach (var move in moves)
        {
            subSteps.Add(new Step(move.Rule, previous, move.Equation, Verifier.CheckImplication(previous, move.Equation, move.Factor), [], StepRelation.Implies));
            previous = move.Equation;
        }
        var value = previous.Operands[1];
        var solved = new Relation(unknown, RelationKind.Equal, value);
        _steps.Add(new Step(rule, start, solved, Verifier.CheckImplication(start, solved), subSteps.ToImmutable(), StepRelation.Implies, null, start));
        Subject = name ?? unknown;
        _subjectSince = _steps.Count;
        _current = value;
        return this;
    }

    /// <summary>The expression before the last bound (what the bound is attained by).</summary>
    public Expr BeforeLastBound => _steps.Last(s => s.Relation == StepRelation.LessOrEqual).Before;

    /// <summary>A sub-step for a transform to return: before = after by a rule, checked.</summary>
    public Step Sub(string rule, Expr before, Expr after, string? note = null) =>
        new(rule, before, after, Verifier.CheckEquality(before, after), [], StepRelation.Equal, note, before);

    private DerivationBuilder Record(string rule, Expr after, ImmutableArray<Step> subSteps, StepRelation relation, string? note)
    {
        var before = Current;
        var check = Verifier.Check(before, after, relation);
        _steps.Add(new Step(rule, before, after, check, subSteps, relation, note));
        _current = after;
        return this;
    }

    public Derivation Build() =>
        new(_name, _title, _goal, Subject, _steps.ToImmutable(), Current, Definitions, [.. _assumptions],
            _conclusions.Count > 0 ? [.. _conclusions] : [new Conclusion(Subject, Current)])
        {
            Ranges = [.. _ranges],
            Model = Verifier.Model,
            Symbols = _symbols,
        };
}
