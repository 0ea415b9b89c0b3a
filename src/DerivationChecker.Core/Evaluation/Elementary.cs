using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// Values of the built-in functions and of their derivatives up to a small order, each with the
/// slope of what is returned (for error propagation). NaN marks "undefined here".
/// </summary>
internal static class Elementary
{
    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>The <paramref name="order"/>-th derivative of f at x, and the (order+1)-th (its slope).</summary>
    public static (double Value, double Slope) Evaluate(FunctionId f, int order, double x) =>
        (Derivative(f, order, x), Derivative(f, order + 1, x));

    public static double Derivative(FunctionId f, int order, double x)
    {
        switch (f)
        {
            case FunctionId.Sigmoid:
                {
                    var s = Sigmoid(x);
                    return order switch
                    {
                        0 => s,
                        1 => s * (1 - s),
                        2 => s * (1 - s) * (1 - 2 * s),
                        3 => s * (1 - s) * (1 - 6 * s + 6 * s * s),
                        4 => s * (1 - s) * (1 - 2 * s) * (1 - 12 * s + 12 * s * s),
                        _ => double.NaN,
                    };
                }
            case FunctionId.Tanh:
                {
                    var t = Math.Tanh(x);
                    return order switch
                    {
                        0 => t,
                        1 => 1 - t * t,
                        2 => -2 * t * (1 - t * t),
                        3 => (1 - t * t) * (6 * t * t - 2),
                        4 => (1 - t * t) * (16 * t - 24 * t * t * t) * 1,
                        _ => double.NaN,
                    };
                }
            case FunctionId.Exp:
                return Math.Exp(x);
            case FunctionId.Log:
            case FunctionId.Log2:
            case FunctionId.Log10:
                {
                    if (x <= 0) return double.NaN;
                    var scale = f == FunctionId.Log ? 1 : f == FunctionId.Log2 ? 1 / Math.Log(2) : 1 / Math.Log(10);
                    if (order == 0) return Math.Log(x) * scale;
                    // d^n/dx^n ln x = (−1)^{n−1} (n−1)! / x^n
                    var fact = 1.0;
                    for (var k = 2; k < order; k++) fact *= k;
                    return scale * (order % 2 == 1 ? 1 : -1) * fact / Math.Pow(x, order);
                }
            case FunctionId.Sin:
                return (order % 4) switch { 0 => Math.Sin(x), 1 => Math.Cos(x), 2 => -Math.Sin(x), _ => -Math.Cos(x) };
            case FunctionId.Cos:
                return (order % 4) switch { 0 => Math.Cos(x), 1 => -Math.Sin(x), 2 => -Math.Cos(x), _ => Math.Sin(x) };
            case FunctionId.Tan:
                {
                    var c = Math.Cos(x);
                    if (Math.Abs(c) < 1e-12) return double.NaN;
                    var t = Math.Tan(x);
                    return order switch
                    {
                        0 => t,
                        1 => 1 + t * t,
                        2 => 2 * t * (1 + t * t),
                        _ => double.NaN,
                    };
                }
            case FunctionId.Sec:
                {
                    var c = Math.Cos(x);
                    if (Math.Abs(c) < 1e-12) return double.NaN;
                    return order switch { 0 => 1 / c, 1 => Math.Sin(x) / (c * c), _ => double.NaN };
                }
            case FunctionId.Csc:
                {
                    var s = Math.Sin(x);
                    if (Math.Abs(s) < 1e-12) return double.NaN;
                    return order switch { 0 => 1 / s, 1 => -Math.Cos(x) / (s * s), _ => double.NaN };
                }
            case FunctionId.Cot:
                {
                    var s = Math.Sin(x);
                    if (Math.Abs(s) < 1e-12) return double.NaN;
                    return order switch { 0 => Math.Cos(x) / s, 1 => -1 / (s * s), _ => double.NaN };
                }
            case FunctionId.Asin:
                if (x < -1 || x > 1) return double.NaN;
                return order switch { 0 => Math.Asin(x), 1 => Math.Abs(x) == 1 ? double.NaN : 1 / Math.Sqrt(1 - x * x), 2 => Math.Abs(x) == 1 ? double.NaN : x / Math.Pow(1 - x * x, 1.5), _ => double.NaN };
            case FunctionId.Acos:
                if (x < -1 || x > 1) return double.NaN;
                return order switch { 0 => Math.Acos(x), 1 => Math.Abs(x) == 1 ? double.NaN : -1 / Math.Sqrt(1 - x * x), 2 => Math.Abs(x) == 1 ? double.NaN : -x / Math.Pow(1 - x * x, 1.5), _ => double.NaN };
            case FunctionId.Atan:
                return order switch { 0 => Math.Atan(x), 1 => 1 / (1 + x * x), 2 => -2 * x / ((1 + x * x) * (1 + x * x)), _ => double.NaN };
            case FunctionId.Sinh:
                return order % 2 == 0 ? Math.Sinh(x) : Math.Cosh(x);
            case FunctionId.Cosh:
                return order % 2 == 0 ? Math.Cosh(x) : Math.Sinh(x);
            case FunctionId.Abs:
                return order switch { 0 => Math.Abs(x), _ => x == 0 ? double.NaN : order == 1 ? Math.Sign(x) : 0 };
            case FunctionId.Relu:
                return order switch { 0 => Math.Max(0, x), _ => x == 0 ? double.NaN : order == 1 ? (x > 0 ? 1 : 0) : 0 };
            case FunctionId.Step:
                return order switch { 0 => x > 0 ? 1 : x < 0 ? 0 : double.NaN, _ => x == 0 ? double.NaN : 0 };
            case FunctionId.Sign:
                return order switch { 0 => Math.Sign(x), _ => x == 0 ? double.NaN : 0 };
            default:
                return double.NaN;
        }
    }

    /// <summary>True when a kink or jump of f lies within <paramref name="radius"/> of x.</summary>
    public static bool HasSingularityNear(FunctionId f, int order, double x, double radius) =>
        f is FunctionId.Abs or FunctionId.Relu or FunctionId.Step or FunctionId.Sign && Math.Abs(x) <= radius && (order > 0 || f is FunctionId.Step or FunctionId.Sign);
}
