using System.Collections.Immutable;
using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Evaluation;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Calculus;

/// <summary>
/// Matrix calculus against central finite differences: for a generated family of vector functions of
/// x ∈ ℝ³ (products with fixed matrices, entrywise σ, tanh and exp, ⊙, softmax) and scalar readouts of
/// them (bᵀv, vᵀv, vᵀAv, yᵀ log softmax(v), ‖v‖), the symbolic gradient by x, the gradient by a matrix
/// W, and the Jacobian of v agree entry by entry with (f(X + hE) − f(X − hE))/2h.
/// </summary>
public sealed class MatrixCalculusPropertyTests
{
    private static readonly Symbol X = new("x", new VectorKind(Number.Of(3)));
    private static readonly Symbol W = new("W", new MatrixKind(Number.Of(3), Number.Of(3)));
    private static readonly Symbol A = new("A", new MatrixKind(Number.Of(3), Number.Of(3)));
    private static readonly Symbol B = new("b", new VectorKind(Number.Of(3)));
    private static readonly Symbol Y = new("y", new VectorKind(Number.Of(3)));

    /// <summary>A vector function of the leaf (x, or W x₀), depth-limited.</summary>
    private static Expr Vector(Random r, int depth, Expr leaf)
    {
        if (depth == 0) return r.Next(3) == 0 ? new Add(leaf, B) : leaf;
        var v = Vector(r, depth - 1, leaf);
        return r.Next(9) switch
        {
            0 => new Multiply(A, v),
            1 => new Apply(Function.Sigmoid, v),
            2 => new Apply(Function.Tanh, v),
            3 => new Add(v, B),
            4 => new HadamardProduct(v, Vector(r, depth - 1, leaf)),
            5 => new Softmax(v),
            6 => new Multiply(new Transpose(A), v),
            7 => new Apply(Function.Exp, new Multiply(new Number(Core.Numbers.BigRational.Half), v)),
            _ => new Multiply(new Diag(B), v),
        };
    }

    private static Expr Readout(Random r, Expr v) => r.Next(5) switch
    {
        0 => new Multiply(new Transpose(B), v),
        1 => new Multiply(new Transpose(v), v),
        2 => new Multiply(new Transpose(v), A, v),
        3 => new Multiply(new Transpose(Y), new Apply(Function.Log, new Softmax(v))),
        _ => new Norm(v, NormKind.Two),
    };

    [Fact]
    public void Gradients_by_a_vector_agree_with_finite_differences()
    {
        var r = new Random(31);
        var (failures, compared) = (new List<string>(), 0);
        for (var n = 0; n < 150; n++)
        {
            var f = Readout(r, Vector(r, r.Next(1, 4), X));
            compared += CompareGradient(f, X, MatrixDerivative.Gradient(f, X), n, failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(6)));
        Assert.True(compared > 400, $"only {compared} entries were compared");
    }

    [Fact]
    public void Gradients_by_a_matrix_agree_with_finite_differences()
    {
        var r = new Random(32);
        var (failures, compared) = (new List<string>(), 0);
        for (var n = 0; n < 100; n++)
        {
            var f = Readout(r, Vector(r, r.Next(0, 3), new Multiply(W, X)));
            compared += CompareGradient(f, W, MatrixDerivative.Gradient(f, W), n, failures);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(6)));
        Assert.True(compared > 800, $"only {compared} entries were compared");
    }

    [Fact]
    public void Jacobians_agree_with_finite_differences()
    {
        var r = new Random(33);
        var (failures, compared) = (new List<string>(), 0);
        for (var n = 0; n < 120; n++)
        {
            var v = Vector(r, r.Next(1, 4), X);
            var jacobian = MatrixDerivative.Jacobian(v, X);
            var point = Point(n);
            var x0 = Draw(3, 1, n);
            var exact = Evaluate(jacobian.Substitute(X, Literal(x0, 3, 1)), point);
            if (exact is null) continue;
            for (var j = 0; j < 3; j++)
            {
                var (plus, minus, h) = Nudge(x0, j);
                var up = Evaluate(v.Substitute(X, Literal(plus, 3, 1)), point);
                var down = Evaluate(v.Substitute(X, Literal(minus, 3, 1)), point);
                if (up is null || down is null) continue;
                for (var i = 0; i < 3; i++)
                {
                    var estimate = (up[i] - down[i]) / (2 * h);
                    compared++;
                    if (!Close(estimate, exact[i * 3 + j])) failures.Add($"∂v_{i}/∂x_{j} of {LatexWriter.Write(v)}: {exact[i * 3 + j]} vs finite difference {estimate}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(6)));
        Assert.True(compared > 800, $"only {compared} entries were compared");
    }

    /// <summary>Compares every entry of a gradient (the variable's shape) with central differences.</summary>
    private static int CompareGradient(Expr f, Symbol variable, Expr gradient, int n, List<string> failures)
    {
        var (rows, columns) = variable.Kind is MatrixKind ? (3, 3) : (3, 1);
        var point = Point(n);
        var v0 = Draw(rows, columns, n);
        var x0 = Literal(Draw(3, 1, n + 1000), 3, 1);
        Expr At(Expr e, double[] value) => e.Substitute(variable, Literal(value, rows, columns)).Substitute(X, x0);
        var exact = Evaluate(At(gradient, v0), point);
        if (exact is null) return 0;
        var compared = 0;
        for (var k = 0; k < rows * columns; k++)
        {
            var (plus, minus, h) = Nudge(v0, k);
            var up = Evaluate(At(f, plus), point);
            var down = Evaluate(At(f, minus), point);
            if (up is null || down is null) continue;
            var estimate = (up[0] - down[0]) / (2 * h);
            compared++;
            if (!Close(estimate, exact[k])) failures.Add($"entry {k} of ∂/∂{variable.Name} {LatexWriter.Write(f)} = {LatexWriter.Write(gradient)}: {exact[k]} vs finite difference {estimate}");
        }
        return compared;
    }

    private static bool Close(double estimate, double exact) =>
        Math.Abs(estimate - exact) <= 1e-5 * Math.Max(1, Math.Max(Math.Abs(estimate), Math.Abs(exact)));

    private static (double[] Plus, double[] Minus, double H) Nudge(double[] v, int k)
    {
        var h = 1e-5 * Math.Max(1, Math.Abs(v[k]));
        var plus = (double[])v.Clone();
        var minus = (double[])v.Clone();
        plus[k] += h;
        minus[k] -= h;
        return (plus, minus, h);
    }

    private static Sample Point(int n) => new(n % 40, 0xF1D1_0001UL, []);

    private static double[] Draw(int rows, int columns, int n)
    {
        var r = new Random(1_000 + n);
        return [.. Enumerable.Range(0, rows * columns).Select(_ => Math.Round(r.NextDouble() * 3 - 1.5, 3))];
    }

    private static MatrixLiteral Literal(double[] values, int rows, int columns) =>
        new(rows, columns, [.. values.Select(v => (Expr)new FloatNumber(v))]);

    /// <summary>The entries (row-major) of a value, or null where it is undefined.</summary>
    private static double[]? Evaluate(Expr e, Sample point)
    {
        try
        {
            var value = new Evaluator<Approx>(point, Budget.Unlimited).Evaluate(e);
            if (value.IsInvalid) return null;
            return value.Tensor is { } t ? [.. t.Data.Select(a => a.Value)] : [value.Scalar.Value];
        }
        catch (Exception ex) when (ex is UncertainComparisonException or UnsupportedOperationException)
        {
            return null;
        }
    }
}
