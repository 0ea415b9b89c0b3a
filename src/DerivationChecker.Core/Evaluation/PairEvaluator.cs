using System.Collections.Immutable;
using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Evaluation;

/// <summary>Both sides of a comparison at one point, and (on demand) the values drawn there.</summary>
public readonly record struct PairValues<T>(Value<T> A, Value<T> B, Sample Sample, Func<IEnumerable<(Expr Atom, Value<T> Value)>> Drawn)
    where T : unmanaged, IScalar<T>;

/// <summary>
/// Evaluates two expressions at sample points: through compiled <see cref="ScalarProgram{T}"/>s when
/// both are plain scalar expressions, through <see cref="Evaluator{T}"/> otherwise. Both paths draw
/// the same value for the same symbol at the same point.
/// </summary>
public sealed class PairEvaluator<T> where T : unmanaged, IScalar<T>
{
    private readonly Expr _a;
    private readonly Expr _b;
    private readonly Budget _budget;
    private readonly ScalarProgram<T>? _programA;
    private readonly ScalarProgram<T>? _programB;

    private readonly ImmutableArray<Recurrence> _recurrences;

    public PairEvaluator(Expr a, Expr b, Budget budget, ImmutableArray<Recurrence> recurrences = default)
    {
        _a = a;
        _b = b;
        _budget = budget;
        _recurrences = recurrences.IsDefault ? [] : recurrences;
        var slots = new SlotMap();
        _programA = ScalarProgram<T>.TryCompile(a, slots);
        _programB = _programA is null ? null : ScalarProgram<T>.TryCompile(b, slots);
        if (_programB is null) _programA = null;
    }

    public bool Compiled => _programA is not null;

    public PairValues<T> Evaluate(Sample sample)
    {
        if (_programA is null || _programB is null)
        {
            var evaluator = new Evaluator<T>(sample, _budget, _recurrences);
            var va = evaluator.Evaluate(_a);
            var vb = evaluator.Evaluate(_b);
            return new PairValues<T>(va, vb, sample, () => evaluator.DrawnValues);
        }
        _budget.Tick(_programA.Slots.Symbols.Count + 1);
        var symbols = _programA.Slots.Symbols;
        var values = new T[symbols.Count];
        for (var i = 0; i < values.Length; i++) values[i] = Draw(symbols[i], sample);
        var a = new Value<T>(_programA.Run(values));
        var b = new Value<T>(_programB.Run(values));
        return new PairValues<T>(a, b, sample, () => symbols
            .Select((s, i) => (Atom: (Expr)s, Value: new Value<T>(values[i])))
            .Where(x => !((Symbol)x.Atom).Kind.IsIntegerValued)
            .OrderBy(x => ((Symbol)x.Atom).Name, StringComparer.Ordinal));
    }

    /// <summary>The value <see cref="Evaluator{T}"/> would draw for this symbol at this point.</summary>
    private static T Draw(Symbol s, Sample sample) => s.Kind switch
    {
        ScalarKind { Domain: ScalarDomain.Real or ScalarDomain.Positive } k =>
            T.FromSample(sample.Real(s.Name, k.Domain == ScalarDomain.Positive), sample.Bits(s.Name)),
        _ => T.FromInteger(sample.Integer(s, _ => null)),
    };
}
