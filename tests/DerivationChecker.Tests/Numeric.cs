using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Tests;

/// <summary>Direct numeric evaluation for tests (independent of the equivalence checker).</summary>
public static class Numeric
{
    /// <summary>The value of a scalar expression at a seeded random point, or null where undefined.</summary>
    public static Approx? At(Expr e, int point, ulong seed = 77)
    {
        var evaluator = new Evaluator<Approx>(new Sample(point, seed, []), Budget.Unlimited);
        try
        {
            var v = evaluator.Evaluate(e);
            return v.IsInvalid || !v.ActsAsScalar ? null : v.AsScalar;
        }
        catch (UncertainComparisonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Compares two expressions at <paramref name="points"/> seeded points where both are defined;
    /// the first disagreement (or null) and how many points were actually compared.
    /// </summary>
    public static (string? Disagreement, int Compared) Compare(Expr a, Expr b, int points = 8)
    {
        var compared = 0;
        for (var p = 0; p < points; p++)
        {
            var va = At(a, p);
            var vb = At(b, p);
            if (va is null || vb is null) continue;
            compared++;
            if (!Approx.AgreeWith(va.Value, vb.Value, out _)) return ($"at point {p}: {va} vs {vb}", compared);
        }
        return (null, compared);
    }
}
