using System.Collections.Immutable;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Grading.Circuits;

/// <summary>
/// The two ways a threshold unit can treat a sum exactly at its threshold θ:
/// φ(0)=0 (fires iff z &gt; θ, "strict") or φ(0)=1 (fires iff z ≥ θ, "inclusive").
/// </summary>
public enum StepConvention
{
    Strict,
    Inclusive,
}

public static class StepConventions
{
    /// <summary>Sums this close to the threshold count as exactly on it (answers are short decimals).</summary>
    public const double Tolerance = 1e-9;

    public static double Step(double z, double threshold, StepConvention convention) =>
        Math.Abs(z - threshold) <= Tolerance ? (convention == StepConvention.Inclusive ? 1 : 0) : z > threshold ? 1 : 0;

    public static LocalizedText Describe(this StepConvention convention) =>
        convention == StepConvention.Strict ? Named("φ(0)=0", Fires("φ(z)=1", "z>0")) : Named("φ(0)=1", Fires("φ(z)=1", "z≥0"));

    /// <summary>"φ(z)=1 iff z>0": the words in each language, the formulas isolated in Persian.</summary>
    internal static LocalizedText Fires(string output, string condition) =>
        new($"{output} iff {condition}", $"{Fa(output)} اگر و تنها اگر {Fa(condition)}");

    /// <summary>"φ(0)=0 (φ(z)=1 iff z>0)".</summary>
    private static LocalizedText Named(string name, LocalizedText rule) => new($"{name} ({rule.En})", $"{Fa(name)} (یعنی {rule.Fa})");

    private static string Fa(string math) => MathText.Isolate(math, Language.Fa);
}

/// <summary>A parameter of an architecture: its role name and its shape (1×1 for a scalar, n×1 for a vector).</summary>
public sealed record ParameterShape(string Role, int Rows, int Columns)
{
    public bool IsScalar => Rows == 1 && Columns == 1;

    public string Described => IsScalar ? "a number" : Columns == 1 ? $"a vector of {Rows} numbers" : $"a {Rows}×{Columns} matrix";
}

/// <summary>
/// A threshold network the grader can simulate: its parameters, how it runs on a sequence of input
/// bits, and what it must output. Inputs are T steps of <see cref="InputWidth"/> bits each.
/// </summary>
public abstract class CircuitArchitecture
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract ImmutableArray<ParameterShape> Parameters { get; }

    public abstract int InputWidth { get; }

    /// <summary>The outputs y_1 … y_T for one input sequence.</summary>
    public abstract double[] Run(IReadOnlyDictionary<string, double[]> parameters, int[][] inputs, StepConvention convention);

    /// <summary>The output the network must give after the whole sequence.</summary>
    public abstract double Target(int[][] inputs);

    /// <summary>The input sequence in words, for a failing input.</summary>
    public abstract string DescribeInput(int[][] inputs);

    /// <summary>What a step convention means for this network's units.</summary>
    public virtual LocalizedText DescribeConvention(StepConvention convention) => convention.Describe();

    public static ImmutableArray<CircuitArchitecture> All { get; } = [new EqualityRnn(), new AllOnesRnn()];

    public static CircuitArchitecture? Find(string name) =>
        All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    protected static string Bits(IEnumerable<int> bits) => string.Concat(bits.Select(b => b == 1 ? '1' : '0'));
}

/// <summary>
/// The two-sequence equality RNN (lstm-adam-cell/q2, rnn-gradients-circuits/q7):
/// h^t = φ(W x^t + b) ∈ {0,1}², y^1 = φ(vᵀh^1 + c_0), y^t = φ(vᵀh^t + r y^{t−1} + c);
/// y^T = 1 iff the bit sequences x_1^{1..T} and x_2^{1..T} are equal.
/// </summary>
public sealed class EqualityRnn : CircuitArchitecture
{
    public override string Name => "equality-rnn";

    public override string Description =>
        "h^t = φ(W x^t + b), y^1 = φ(vᵀh^1 + c_0), y^t = φ(vᵀh^t + r y^{t−1} + c); y^T = 1 iff the two bit sequences are equal";

    public override ImmutableArray<ParameterShape> Parameters { get; } =
        [new("W", 2, 2), new("b", 2, 1), new("v", 2, 1), new("r", 1, 1), new("c0", 1, 1), new("c", 1, 1)];

    public override int InputWidth => 2;

    public override double[] Run(IReadOnlyDictionary<string, double[]> p, int[][] inputs, StepConvention convention)
    {
        var (w, b, v) = (p["W"], p["b"], p["v"]);
        var (r, c0, c) = (p["r"][0], p["c0"][0], p["c"][0]);
        var outputs = new double[inputs.Length];
        double previous = 0;
        for (var t = 0; t < inputs.Length; t++)
        {
            var x = inputs[t];
            // W is stored row by row: h_k = φ(W_k1 x_1 + W_k2 x_2 + b_k).
            var h0 = StepConventions.Step(w[0] * x[0] + w[1] * x[1] + b[0], 0, convention);
            var h1 = StepConventions.Step(w[2] * x[0] + w[3] * x[1] + b[1], 0, convention);
            var z = v[0] * h0 + v[1] * h1 + (t == 0 ? c0 : r * previous + c);
            previous = outputs[t] = StepConventions.Step(z, 0, convention);
        }
        return outputs;
    }

    public override double Target(int[][] inputs) => inputs.All(x => x[0] == x[1]) ? 1 : 0;

    public override string DescribeInput(int[][] inputs) =>
        $"x₁ = {Bits(inputs.Select(x => x[0]))}, x₂ = {Bits(inputs.Select(x => x[1]))}";
}

/// <summary>
/// The "every input so far is 1" RNN (rnn-gradients-circuits/q6): h_0 = 1,
/// h_t = f(w_2 h_{t−1} + w_1 x_t + b_1) with f(z) = 1 iff z ≥ 0.5, y_t = w_3 h_t + b_2;
/// y_t = 1 iff x_1 = … = x_t = 1.
/// </summary>
public sealed class AllOnesRnn : CircuitArchitecture
{
    private const double Threshold = 0.5;

    public override string Name => "all-ones-rnn";

    public override string Description =>
        "h_0 = 1, h_t = f(w_2 h_{t−1} + w_1 x_t + b_1) with f(z) = 1 iff z ≥ 0.5, y_t = w_3 h_t + b_2; y_t = 1 iff every input so far is 1";

    public override ImmutableArray<ParameterShape> Parameters { get; } =
        [new("w1", 1, 1), new("w2", 1, 1), new("w3", 1, 1), new("b1", 1, 1), new("b2", 1, 1)];

    public override int InputWidth => 1;

    public override double[] Run(IReadOnlyDictionary<string, double[]> p, int[][] inputs, StepConvention convention)
    {
        var (w1, w2, w3, b1, b2) = (p["w1"][0], p["w2"][0], p["w3"][0], p["b1"][0], p["b2"][0]);
        var outputs = new double[inputs.Length];
        double h = 1;
        for (var t = 0; t < inputs.Length; t++)
        {
            h = StepConventions.Step(w2 * h + w1 * inputs[t][0] + b1, Threshold, convention);
            outputs[t] = w3 * h + b2;
        }
        return outputs;
    }

    public override double Target(int[][] inputs) => inputs.All(x => x[0] == 1) ? 1 : 0;

    public override string DescribeInput(int[][] inputs) => $"x = {Bits(inputs.Select(x => x[0]))}";

    public override LocalizedText DescribeConvention(StepConvention convention)
    {
        if (convention == StepConvention.Strict)
        {
            var strict = StepConventions.Fires("f(z)=1", "z>0.5");
            return new($"{strict.En} (strict)", $"{strict.Fa} (پلهٔ اکید)");
        }
        var inclusive = StepConventions.Fires("f(z)=1", "z≥0.5");
        return new($"{inclusive.En} (as the question defines f)", $"{inclusive.Fa} (همان f سؤال)");
    }
}
