using System.Collections.Immutable;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Grading.Answers;

/// <summary>
/// The numbers an expression stands for: a number, a vector ((6, 1, 2), a bmatrix column or row) or
/// a matrix, entries row by row. Only closed expressions have a value: a symbol is an error.
/// </summary>
public sealed record NumericValue(int Rows, int Columns, ImmutableArray<double> Entries)
{
    public bool IsScalar => Rows == 1 && Columns == 1;

    public bool IsVector => Rows == 1 || Columns == 1;

    public string Shape => IsScalar ? "a number" : Rows == 1 ? $"a row of {Columns} numbers" : Columns == 1 ? $"a vector of {Rows} numbers" : $"a {Rows}×{Columns} matrix";

    public override string ToString() => IsScalar
        ? Format(Entries[0])
        : "(" + string.Join(", ", Entries.Select(Format)) + ")";

    public static string Format(double x) => x.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The value of <paramref name="e"/>, or why it has none.</summary>
    public static NumericValue? TryEvaluate(Expr e, out string? why)
    {
        if (e is TupleExpr { Style: TupleStyle.Parentheses or TupleStyle.Plain } tuple) return Column(tuple.Items, out why);
        var value = Evaluate(e, out why);
        if (value is not { } v) return null;
        if (v.Tensor is { } t) return new NumericValue(t.Rows, t.Columns, [.. t.Data.Select(a => a.Value)]);
        return new NumericValue(1, 1, [v.Scalar.Value]);
    }

    public NumericValue Transposed()
    {
        var entries = new double[Entries.Length];
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++) entries[c * Rows + r] = Entries[r * Columns + c];
        }
        return new NumericValue(Columns, Rows, [.. entries]);
    }

    private static NumericValue? Column(ImmutableArray<Expr> items, out string? why)
    {
        why = null;
        var entries = ImmutableArray.CreateBuilder<double>(items.Length);
        foreach (var item in items)
        {
            var v = Scalar(item, out why);
            if (v is null) return null;
            entries.Add(v.Value);
        }
        return new NumericValue(items.Length, 1, entries.MoveToImmutable());
    }

    private static double? Scalar(Expr e, out string? why)
    {
        var value = Evaluate(e, out why);
        if (value is not { } v) return null;
        if (v.ActsAsScalar) return v.AsScalar.Value;
        why = $"{UnicodeWriter.Write(e)} is not a single number";
        return null;
    }

    private static Value<Approx>? Evaluate(Expr e, out string? why)
    {
        why = null;
        var free = e.FreeSymbols();
        if (free.Count > 0)
        {
            why = $"{UnicodeWriter.Write(e)} contains {string.Join(", ", free.Select(s => UnicodeWriter.Write(s)))}; give a number";
            return null;
        }
        try
        {
            // A closed expression draws no random values, so any sample point gives its value.
            var value = new Evaluator<Approx>(new Sample(0, 0, []), new Budget(TimeSpan.FromSeconds(1))).Evaluate(e);
            if (!value.IsInvalid) return value;
            why = $"{UnicodeWriter.Write(e)} has no value";
        }
        catch (Exception ex) when (ex is UnsupportedOperationException or BudgetExceededException or InvalidOperationException or ArgumentException)
        {
            why = $"{UnicodeWriter.Write(e)} cannot be evaluated to a number";
        }
        return null;
    }
}
