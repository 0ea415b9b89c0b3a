using System.Collections.Immutable;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Answers;

/// <summary>
/// What a student defined on the way (∂q_t/∂x_i = …, J_k = …) for the intermediate names the part
/// allows: those equations are substituted into the statements matched to quantities, so an answer
/// written in two steps is graded as the one formula it stands for and a mistake in a step counts
/// where the step is used. A definition that also names a quantity is graded as its answer too.
/// Index subscripts of declared index kind are parameters (J_k = … also defines J_{T−1}).
/// </summary>
public sealed class StudentDefinitions
{
    private readonly Definitions _definitions;
    private readonly ImmutableArray<(Expr Lhs, Expr Rhs)> _equations;

    private StudentDefinitions(ImmutableArray<(Expr Lhs, Expr Rhs)> equations)
    {
        _equations = equations;
        _definitions = new Definitions(equations);
    }

    public static readonly StudentDefinitions None = new([]);

    /// <summary>The student's definitions of the part's intermediate names, and the rest of the answer.</summary>
    public static (StudentDefinitions Own, StudentAnswer Others) Split(StudentAnswer answer, Part part, ImmutableArray<Quantity> quantities)
    {
        if (part.Intermediates.IsEmpty) return (None, answer);
        var own = ImmutableArray.CreateBuilder<(Expr, Expr)>();
        var rest = ImmutableArray.CreateBuilder<AnswerItem>();
        foreach (var item in answer.Items)
        {
            // J_t = ∂h_{t+1}/∂h_t = diag(σ'(z_{t+1}))W answers ∂h_{t+1}/∂h_t and defines J_k at once.
            var defines = item.IsEquation && part.Intermediates.Any(n => Defines(n.Value, item.Sides[0]));
            if (defines) own.Add((QuantityMatcher.Normalize(item.Sides[0]), item.Sides[^1]));
            if (!defines || quantities.Any(q => item.Sides.Any(s => QuantityMatcher.Names(q, s)))) rest.Add(item);
        }
        return own.Count == 0 ? (None, answer) : (new StudentDefinitions(own.ToImmutable()), answer with { Items = rest.ToImmutable() });
    }

    /// <summary><paramref name="e"/> with the student's definitions substituted, and a note for each one used.</summary>
    public Expr Apply(Expr e, ICollection<string> notes)
    {
        if (_equations.IsEmpty) return e;
        var expanded = _definitions.Expand([QuantityMatcher.Normalize(e)], out var used);
        foreach (var i in used)
        {
            var note = $"Your own definition {UnicodeWriter.Write(_equations[i].Lhs)} = {UnicodeWriter.Write(_equations[i].Rhs)} was substituted where you used it.";
            if (!notes.Contains(note)) notes.Add(note);
        }
        return used.Count == 0 ? e : expanded[0];
    }

    /// <summary>Does an equation with this left-hand side define one of the part's intermediate names?</summary>
    public static bool Defines(Part part, Expr lhs) => part.Intermediates.Any(n => Defines(n.Value, lhs));

    /// <summary>The same name, or the same indexed family (J_k and J_t).</summary>
    private static bool Defines(Expr name, Expr lhs) =>
        QuantityMatcher.Normalize(name).Equals(QuantityMatcher.Normalize(lhs))
        || (name is Indexed { Base: var family } && lhs is Indexed { Base: var other } && family.Equals(other));
}
