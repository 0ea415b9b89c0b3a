using System.Collections.Immutable;
using System.Globalization;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Modes;

/// <summary>
/// A closed-form count (parameters of a network as a formula in n_x, n_y): symbolic equivalence as in
/// <see cref="SymbolicMode"/>, plus the formula's value at every combination of small integers for
/// its variables. A disagreement at an integer point decides "wrong" and is the counterexample a
/// student understands; the checker and the integers disagreeing the other way is flagged, not guessed.
/// </summary>
public sealed class CountMode : QuantityMode
{
    /// <summary>More integer points than this are not evaluated.</summary>
    private const int MaxPoints = 256;

    public override string Name => ModeNames.Count;

    public override QuantityResult GradeQuantity(Quantity q, Expr answer, KeyContext context, GradingOptions options)
    {
        var symbolic = new SymbolicMode().GradeQuantity(q, answer, context, options);
        var integers = IntegerCheck(q, q.Accept[0].Value, answer, context);
        var agreed = integers.Mismatch is null ? $"agrees with the key at {integers.Points} integer points" : null;
        switch (symbolic.Verdict)
        {
            case GradeVerdict.Full when integers.Mismatch is not null:
                return symbolic with
                {
                    Points = 0,
                    Verdict = GradeVerdict.Inconclusive,
                    Feedback = Phrases.Inconclusive("the symbolic check and the check at integers disagree"),
                    Method = $"inconclusive:{symbolic.Method}+integers",
                    Flags = GradeFlags.Inconclusive | GradeFlags.ManualReview,
                };
            case GradeVerdict.Full:
                return symbolic with { Method = symbolic.Method + (integers.Points > 0 ? "+integers" : ""), Notes = Add(symbolic.Notes, agreed) };
            case GradeVerdict.Inconclusive when integers.Mismatch is { } m:
                return symbolic with
                {
                    Verdict = GradeVerdict.None,
                    Feedback = new LocalizedText("This is not the expected count.", "این تعداد درست نیست.").Then(m),
                    Method = "not-equivalent:integers",
                    Flags = GradeFlags.None,
                };
            case GradeVerdict.Inconclusive:
                return symbolic with { Notes = Add(symbolic.Notes, agreed) };
            default:
                // Not right: a student reads "with n_x = 1 the count is 30" better than a random real point.
                var feedback = symbolic.Method.StartsWith("not-equivalent", StringComparison.Ordinal) && integers.Mismatch is { } mismatch
                    ? new LocalizedText("This is not the expected count.", "این تعداد درست نیست.").Then(mismatch)
                    : symbolic.Feedback;
                return symbolic with { Feedback = feedback };
        }
    }

    private static ImmutableArray<string> Add(ImmutableArray<string> notes, string? note) => note is null ? notes : notes.Add(note);

    /// <summary>The first integer point where the two formulas differ, and how many points were compared.</summary>
    internal static (LocalizedText? Mismatch, int Points) IntegerCheck(Quantity q, Expr expected, Expr answer, KeyContext context)
    {
        var variables = q.Variables.IsEmpty
            ? expected.FreeSymbols().OrderBy(s => s.Name, StringComparer.Ordinal).Cast<Expr>().ToList()
            : q.Variables.Select(v => v.Value).ToList();
        var compared = 0;
        foreach (var point in Points(variables, q.CheckValues))
        {
            if (compared >= MaxPoints) break;
            var expanded = context.Definitions.Expand([expected, answer], out _);
            var a = NumericValue.TryEvaluate(expanded[0].Substitute(point), out _);
            var b = NumericValue.TryEvaluate(expanded[1].Substitute(point), out _);
            if (a is not { IsScalar: true } || b is not { IsScalar: true }) return (null, 0);
            compared++;
            if (!Tolerance.Default.Accepts(a.Entries[0], b.Entries[0]))
            {
                var where = string.Join(", ", point.Select(kv => $"{Notation.Unicode.UnicodeWriter.Write(kv.Key)} = {((Number)kv.Value).Value}"));
                return (Phrases.IntegerCounterexample(where, Format(a.Entries[0]), Format(b.Entries[0])), compared);
            }
        }
        return (null, compared);
    }

    private static string Format(double x) => x.ToString("0.######", CultureInfo.InvariantCulture);

    private static IEnumerable<Dictionary<Expr, Expr>> Points(List<Expr> variables, ImmutableArray<long> values)
    {
        var index = new int[variables.Count];
        while (true)
        {
            var point = new Dictionary<Expr, Expr>();
            for (var i = 0; i < variables.Count; i++) point[variables[i]] = Number.Of(values[index[i]]);
            yield return point;
            var k = variables.Count - 1;
            while (k >= 0 && ++index[k] == values.Length) index[k--] = 0;
            if (k < 0) yield break;
        }
    }

    public override IEnumerable<KeyFinding> VerifyQuantity(Part part, Quantity q, GradingOptions options)
    {
        foreach (var f in new SymbolicMode().VerifyQuantity(part, q, options)) yield return f;
        foreach (var other in q.Accept.Skip(1))
        {
            if (IntegerCheck(q, q.Accept[0].Value, other.Value, part.Context).Mismatch is { } m)
                yield return KeyFinding.Error(other.Where, part.Id, $"this accepted count differs from the first at an integer point: {m.En}");
        }
        if (IntegerCheck(q, q.Accept[0].Value, q.Accept[0].Value, part.Context).Points == 0)
            yield return KeyFinding.Warning(q.Accept[0].Where, part.Id, "the accepted count cannot be evaluated at integers (a symbol that is not a variable?), so only the symbolic check applies");
    }
}
