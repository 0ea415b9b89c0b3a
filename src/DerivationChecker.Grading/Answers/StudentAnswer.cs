using System.Collections.Immutable;
using System.Text;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Notation;

namespace DerivationChecker.Grading.Answers;

/// <summary>
/// One statement of an answer: a bare expression (one side), or an equation or chain
/// (LHS = … = RHS, also := and ←) with its sides in order.
/// </summary>
public sealed record AnswerItem(Expr Source, ImmutableArray<Expr> Sides)
{
    public bool IsEquation => Sides.Length > 1;

    /// <summary>What is graded when nothing says otherwise: the last expression of a chain.</summary>
    public Expr Last => Sides[^1];
}

/// <summary>An answer as the student wrote it: its statements in order, or where it could not be read.</summary>
public sealed record StudentAnswer(string Text, ImmutableArray<AnswerItem> Items, ParseError? Error)
{
    public bool Ok => Error is null;

    public bool IsEmpty => Ok && Items.IsEmpty;
}

/// <summary>
/// Reads what a student wrote: a bare expression, an equation or a chain, or several of them
/// separated by commas, semicolons or lines. Math delimiters ($, $$, \[ \]) are dropped; a line break
/// inside braces or an environment (a bmatrix written over several lines) does not end a statement.
/// </summary>
public static class AnswerReader
{
    public static StudentAnswer Read(string text, KeyContext context)
    {
        var items = ImmutableArray.CreateBuilder<AnswerItem>();
        foreach (var (line, offset) in LogicalLines(text))
        {
            var cleaned = StripDelimiters(line);
            if (string.IsNullOrWhiteSpace(cleaned)) continue;
            var parsed = context.Read(cleaned);
            if (!parsed.Ok)
            {
                var e = parsed.Error!;
                // Positions refer to the whole answer as given, so the pointer lands on the right line.
                var position = offset + (cleaned.Length == line.Length ? e.Position : Math.Min(e.Position, line.Length));
                return new StudentAnswer(text, [], new ParseError(text, position, e.Length, e.Message));
            }
            foreach (var statement in Statements(parsed.Value!))
            {
                var item = Item(statement);
                if (items.Count > 0 && IsContinuation(item)) items[^1] = Continue(items[^1], item);
                else items.Add(item);
            }
        }
        return new StudentAnswer(text, items.ToImmutable(), null);
    }

    /// <summary>A line that starts with "=" (read as … = x) goes on with the chain of the line before it.</summary>
    private static bool IsContinuation(AnswerItem item) => item is { IsEquation: true, Sides: [EllipsisNode, ..] };

    private static AnswerItem Continue(AnswerItem previous, AnswerItem next)
    {
        ImmutableArray<Expr> sides = [.. previous.Sides, .. next.Sides.Skip(1)];
        ImmutableArray<RelationKind> operators =
        [
            .. previous.Source is Relation before && previous.IsEquation ? before.Operators : [],
            .. ((Relation)next.Source).Operators,
        ];
        return new AnswerItem(new Relation(sides, operators), sides);
    }

    private static IEnumerable<Expr> Statements(Expr e) =>
        e is TupleExpr { Style: TupleStyle.Plain } tuple ? tuple.Items : [e];

    // x ∈ ℝ³ states where x lives: it answers x with the space ℝ³, as x = … answers x with a value.
    private static AnswerItem Item(Expr e) =>
        e is Relation rel && (rel.Operators.All(o => o is RelationKind.Equal or RelationKind.Define or RelationKind.Assign) || rel.Operators is [RelationKind.In])
            ? new AnswerItem(e, rel.Operands)
            : new AnswerItem(e, [e]);

    /// <summary>Splits at line breaks that are outside braces and environments; each piece with its offset.</summary>
    internal static IEnumerable<(string Line, int Offset)> LogicalLines(string text)
    {
        var depth = 0;
        var environments = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                if (string.CompareOrdinal(text, i, "\\begin", 0, 6) == 0) environments++;
                else if (string.CompareOrdinal(text, i, "\\end", 0, 4) == 0) environments = Math.Max(0, environments - 1);
                i++;
                continue;
            }
            if (c == '{') depth++;
            else if (c == '}') depth = Math.Max(0, depth - 1);
            else if (c == '\n' && depth == 0 && environments == 0)
            {
                yield return (text[start..i], start);
                start = i + 1;
            }
        }
        yield return (text[start..], start);
    }

    /// <summary>Drops $, $$, \[ and \] (Markdown and LaTeX math delimiters) and a final full stop, keeping positions where it can.</summary>
    private static string StripDelimiters(string line)
    {
        var sb = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '$') sb.Append(' ');
            else if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '[' or ']')
            {
                sb.Append("  ");
                i++;
            }
            else sb.Append(line[i]);
        }
        var result = sb.ToString().TrimEnd();
        return result.EndsWith('.') && !result.EndsWith("..", StringComparison.Ordinal) ? result[..^1] : result;
    }
}
