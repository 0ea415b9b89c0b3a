using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Modes;

public sealed record GradingOptions
{
    /// <summary>One equivalence check stops after this and answers inconclusive.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public static readonly GradingOptions Default = new();

    /// <summary>A checker whose messages show formulas in Unicode, as students read them.</summary>
    public EquivalenceChecker Checker() => new(new EquivalenceOptions { Timeout = Timeout }) { Show = UnicodeWriter.Write };
}

/// <summary>A way of grading a part (a part names one in its <c>mode:</c>), and of checking its own key.</summary>
public interface IGradingMode
{
    string Name { get; }

    GradeResult Grade(AnswerKey key, Part part, string answer, GradingOptions options);

    /// <summary>Where the part's key contradicts itself or the engine.</summary>
    IEnumerable<KeyFinding> Verify(AnswerKey key, Part part, GradingOptions options);
}

/// <summary>A mode that grades one quantity's expression (symbolic, numeric, count).</summary>
public interface IQuantityMode : IGradingMode
{
    QuantityResult GradeQuantity(Quantity quantity, Expr answer, KeyContext context, GradingOptions options);

    IEnumerable<KeyFinding> VerifyQuantity(Part part, Quantity quantity, GradingOptions options);
}

/// <summary>
/// A quantity mode grades a whole part the same way whatever it compares: read the answer, match its
/// statements to the quantities, grade each with the quantity's own mode (<see cref="QuantityParts"/>).
/// </summary>
public abstract class QuantityMode : IQuantityMode
{
    public abstract string Name { get; }

    public GradeResult Grade(AnswerKey key, Part part, string answer, GradingOptions options) => QuantityParts.Grade(key, part, answer, options);

    public IEnumerable<KeyFinding> Verify(AnswerKey key, Part part, GradingOptions options) => QuantityParts.Verify(part, options);

    public abstract QuantityResult GradeQuantity(Quantity quantity, Expr answer, KeyContext context, GradingOptions options);

    public abstract IEnumerable<KeyFinding> VerifyQuantity(Part part, Quantity quantity, GradingOptions options);
}

public static class GradingModes
{
    public static ImmutableArray<IGradingMode> All { get; } =
        [new SymbolicMode(), new NumericMode(), new ChoiceMode(), new CircuitMode(), new CountMode(), new ProseMode()];

    public static IGradingMode For(string name) =>
        All.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"There is no grading mode '{name}'.", nameof(name));

    public static IQuantityMode ForQuantity(string name) =>
        For(name) as IQuantityMode ?? throw new ArgumentException($"The mode '{name}' does not grade quantities.", nameof(name));
}
