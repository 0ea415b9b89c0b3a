using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Notation;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Answers;

/// <summary>Parameter values read from an answer, by the key's parameter role, and what could not be used.</summary>
public sealed record ParameterAssignments(
    ImmutableDictionary<string, NumericValue> Values,
    ImmutableArray<string> Problems,
    ImmutableArray<string> Unknown,
    ParseError? Error)
{
    public bool Ok => Error is null && Problems.IsEmpty;
}

/// <summary>
/// Reads an answer such as <c>W = \begin{bmatrix}1&amp;1\\-1&amp;-1\end{bmatrix},\ b = (−1.5, 0.5),\ r = 1</c>:
/// statements NAME = VALUE (a chain w_1 = w_2 = 1 sets each name), matched to the key's parameter
/// names by the parsed name, each value a number, a vector or a matrix.
/// </summary>
public static class AssignmentReader
{
    public static ParameterAssignments Read(string text, KeyContext context, IReadOnlyDictionary<string, KeyExpr> names)
    {
        var answer = AnswerReader.Read(text, context);
        if (!answer.Ok) return new ParameterAssignments(ImmutableDictionary<string, NumericValue>.Empty, [], [], answer.Error);
        var values = ImmutableDictionary.CreateBuilder<string, NumericValue>(StringComparer.Ordinal);
        var problems = ImmutableArray.CreateBuilder<string>();
        var unknown = ImmutableArray.CreateBuilder<string>();
        foreach (var item in answer.Items)
        {
            if (!item.IsEquation)
            {
                problems.Add($"{UnicodeWriter.Write(item.Source)} is not an assignment; write NAME = VALUE");
                continue;
            }
            var value = NumericValue.TryEvaluate(item.Last, out var why);
            foreach (var side in item.Sides.Take(item.Sides.Length - 1))
            {
                var role = names.FirstOrDefault(kv => kv.Value.Value.Equals(side)).Key;
                if (role is null)
                {
                    unknown.Add(UnicodeWriter.Write(side));
                    continue;
                }
                if (value is null) problems.Add($"{UnicodeWriter.Write(side)}: {why}");
                else values[role] = value;
            }
        }
        return new ParameterAssignments(values.ToImmutable(), problems.ToImmutable(), unknown.ToImmutable(), null);
    }
}
