using System.Globalization;

namespace DerivationChecker.Grading.Circuits;

/// <summary>The shortest input on which a network is wrong, with what it should give and what it gives.</summary>
public sealed record FailingInput(string Input, int Length, double Expected, double Actual)
{
    public override string ToString() =>
        $"{Input}: y^{Length} should be {Number(Expected)} but the network gives {Number(Actual)}";

    public static string Number(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>How a network did under one step convention: right on every input up to the length, or its first failure.</summary>
public sealed record ConventionResult(StepConvention Convention, bool Passed, FailingInput? FirstFailure, int InputsChecked);

/// <summary>How a network did under both step conventions.</summary>
public sealed record CircuitReport(string Architecture, int MaxLength, ConventionResult Strict, ConventionResult Inclusive)
{
    public bool PassesBoth => Strict.Passed && Inclusive.Passed;

    public bool PassesAny => Strict.Passed || Inclusive.Passed;

    public ConventionResult For(StepConvention convention) => convention == StepConvention.Strict ? Strict : Inclusive;
}

/// <summary>
/// Runs a threshold network on every binary input sequence up to a length, shortest first, under
/// both step conventions: a network is right when its output after every sequence is the target.
/// </summary>
public static class CircuitSimulator
{
    /// <summary>Longer inputs than this are not simulated (4^8 pairs of sequences is plenty for these networks).</summary>
    public const int MaxSupportedLength = 8;

    public static CircuitReport Simulate(CircuitArchitecture architecture, IReadOnlyDictionary<string, double[]> parameters, int maxLength) =>
        new(architecture.Name, maxLength,
            Simulate(architecture, parameters, maxLength, StepConvention.Strict),
            Simulate(architecture, parameters, maxLength, StepConvention.Inclusive));

    public static ConventionResult Simulate(CircuitArchitecture architecture, IReadOnlyDictionary<string, double[]> parameters, int maxLength, StepConvention convention)
    {
        var length = Math.Clamp(maxLength, 1, MaxSupportedLength);
        var checkedCount = 0;
        for (var t = 1; t <= length; t++)
        {
            // Prefixes are the shorter sequences already checked, so only the last output is new.
            foreach (var inputs in Sequences(t, architecture.InputWidth))
            {
                checkedCount++;
                var outputs = architecture.Run(parameters, inputs, convention);
                var expected = architecture.Target(inputs);
                var actual = outputs[^1];
                if (Math.Abs(actual - expected) > StepConventions.Tolerance)
                    return new ConventionResult(convention, false, new FailingInput(architecture.DescribeInput(inputs), t, expected, actual), checkedCount);
            }
        }
        return new ConventionResult(convention, true, null, checkedCount);
    }

    /// <summary>The outputs y_1 … y_T for one input written as bits ("1110100"; for two-bit inputs, "10 11" pairs per step).</summary>
    public static double[] Trace(CircuitArchitecture architecture, IReadOnlyDictionary<string, double[]> parameters, IReadOnlyList<int[]> inputs, StepConvention convention) =>
        architecture.Run(parameters, [.. inputs], convention);

    /// <summary>Every sequence of <paramref name="length"/> steps of <paramref name="width"/> bits, in binary counting order.</summary>
    private static IEnumerable<int[][]> Sequences(int length, int width)
    {
        var bits = length * width;
        for (long n = 0; n < 1L << bits; n++)
        {
            var sequence = new int[length][];
            for (var t = 0; t < length; t++)
            {
                sequence[t] = new int[width];
                for (var k = 0; k < width; k++)
                {
                    var bit = t * width + k;
                    sequence[t][k] = (int)((n >> (bits - 1 - bit)) & 1);
                }
            }
            yield return sequence;
        }
    }
}
