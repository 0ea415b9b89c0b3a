using DerivationChecker.Grading.Circuits;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>
/// Threshold networks by simulation, with the verdicts ../shared/HOMEWORK.md lists: lstm-adam-cell/q2's
/// reference is right under both step conventions with c_0 = −0.5 and only under φ(0)=0 with c_0 = 0;
/// rnn-gradients-circuits/q7's reference only with the strict step; q6's trace for 1110100 is 1110000.
/// </summary>
public sealed class CircuitTests
{
    internal const string LstmReference = @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = \begin{bmatrix}-1.5\\0.5\end{bmatrix},\ v = \begin{bmatrix}1\\1\end{bmatrix},\ r = 1,\ c_0 = -0.5,\ c = -1.5";
    internal const string Q7Reference = @"W = \begin{bmatrix}-1&-1\\1&1\end{bmatrix},\ b = (1, -1),\ v = (1, 1),\ r = 1,\ c = -1,\ c_0 = 0";

    private static string EqualityPart(string id, string step, string reference, string extra = "") => $"""
          - id: {id}
            points: 10
            mode: circuit
            statement: two equal sequences
            architecture: equality-rnn
            parameters: {"{"}W: 'W', b: 'b', v: 'v', r: 'r', c0: 'c_0', c: 'c'{"}"}
            reference: '{reference}'
            step: {step}
            max_length: 5
        {extra}

        """;

    private static readonly Lazy<AnswerKey> Key = new(() => Parse(Header()
        + EqualityPart("both", "both", LstmReference, "    one_convention_points: 6")
        + EqualityPart("strict", "strict", Q7Reference)
        + """
          - id: ones
            points: 4
            mode: circuit
            statement: every input so far is 1
            architecture: all-ones-rnn
            parameters: {w1: 'w_1', w2: 'w_2', w3: 'w_3', b1: 'b_1', b2: 'b_2'}
            reference: 'w_1 = w_2 = w_3 = 1,\ b_1 = -1.5,\ b_2 = 0'
            step: inclusive
        """));

    [Fact]
    public void The_lstm_reference_with_c0_minus_half_is_right_under_both_conventions()
    {
        var r = Grade(Key.Value, "both", LstmReference);
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.True(r.Circuit!.PassesBoth);
        Assert.Contains("Right under both step conventions", r.Feedback.En);
    }

    [Fact]
    public void With_c0_zero_it_is_right_only_under_the_strict_step_and_says_where_it_fails()
    {
        var r = Grade(Key.Value, "both", LstmReference.Replace("c_0 = -0.5", "c_0 = 0", StringComparison.Ordinal));
        Assert.True(r.Circuit!.Strict.Passed);
        Assert.False(r.Circuit.Inclusive.Passed);
        Assert.Equal(("x₁ = 0, x₂ = 1", 1), (r.Circuit.Inclusive.FirstFailure!.Input, r.Circuit.Inclusive.FirstFailure.Length));
        Assert.Equal((GradeVerdict.Partial, 6m), (r.Verdict, r.Points));
        Assert.Contains("Right only under φ(0)=0", r.Feedback.En);
        Assert.Contains("fails first on x₁ = 0, x₂ = 1: y^1 should be 0 but the network gives 1", r.Feedback.En);
        Assert.Contains("\u2066φ(0)=1", r.Feedback.Fa);
    }

    [Fact]
    public void The_q7_reference_is_right_only_with_the_strict_step()
    {
        var r = Grade(Key.Value, "strict", Q7Reference);
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.True(r.Circuit!.Strict.Passed);
        Assert.False(r.Circuit.Inclusive.Passed);
        Assert.Contains("Right only under φ(0)=0", r.Feedback.En);
    }

    [Fact]
    public void A_network_right_only_under_the_other_convention_earns_nothing_when_the_key_fixes_one()
    {
        // Every unit sits exactly on its threshold when it should fire: right only when φ(0)=1.
        var r = Grade(Key.Value, "strict", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-2, 0),\ v = (1, 1),\ r = 1,\ c_0 = -1,\ c = -2");
        Assert.Equal(GradeVerdict.None, r.Verdict);
        Assert.True(r.Circuit!.Inclusive.Passed);
        Assert.Equal("x₁ = 0, x₂ = 0", r.Circuit.Strict.FirstFailure!.Input);
        Assert.Contains("The question uses φ(0)=0", r.Feedback.En);
    }

    [Fact]
    public void The_all_ones_reference_traces_1110100_to_1110000()
    {
        var parameters = new Dictionary<string, double[]> { ["w1"] = [1], ["w2"] = [1], ["w3"] = [1], ["b1"] = [-1.5], ["b2"] = [0] };
        var inputs = "1110100".Select(c => new[] { c - '0' }).ToList();
        var outputs = CircuitSimulator.Trace(new AllOnesRnn(), parameters, inputs, StepConvention.Inclusive);
        Assert.Equal("1110000", string.Concat(outputs.Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(GradeVerdict.Full, Grade(Key.Value, "ones", "w_1 = 1, w_2 = 1, w_3 = 1, b_1 = -1.5, b_2 = 0").Verdict);
    }

    [Fact]
    public void A_wrong_network_reports_its_first_failing_input_under_each_convention()
    {
        var r = Grade(Key.Value, "ones", "w_1 = 1, w_2 = 0, w_3 = 1, b_1 = -0.5, b_2 = 0");
        Assert.Equal(GradeVerdict.None, r.Verdict);
        // h_t = x_t: the network repeats its input instead of remembering a 0.
        Assert.Equal("x = 01", r.Circuit!.Inclusive.FirstFailure!.Input);
        Assert.Contains("Wrong under both step conventions", r.Feedback.En);
    }

    [Theory]
    [InlineData("ones", "w_1 = 1, w_2 = 0, w_3 = 1, b_1 = -0.5, b_2 = 0")]
    [InlineData("both", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix},\ b = (-1.5, 0.5),\ v = (1, 1),\ r = 0,\ c_0 = -0.5,\ c = -1.5")]
    public void The_step_conventions_are_named_in_Persian_in_the_Persian_feedback(string part, string answer)
    {
        var fa = Grade(Key.Value, part, answer).Feedback.Fa;
        Assert.Contains("اگر و تنها اگر", fa);
        foreach (var english in new[] { "iff", "strict", "as the question defines" })
            Assert.DoesNotContain(english, fa);
    }

    [Fact]
    public void Missing_or_misshapen_parameters_are_invalid()
    {
        var missing = Grade(Key.Value, "both", @"W = \begin{bmatrix}1&1\\-1&-1\end{bmatrix}, b = (-1.5, 0.5)");
        Assert.Equal(GradeVerdict.Invalid, missing.Verdict);
        Assert.True(missing.Flags.HasFlag(GradeFlags.NotFound));
        Assert.Contains("c₀ is missing", missing.Feedback.En);
        var shape = Grade(Key.Value, "both", LstmReference.Replace("r = 1", "r = (1, 2)", StringComparison.Ordinal));
        Assert.Contains("r must be a number", shape.Feedback.En);
    }

    [Fact]
    public void Keys_verify_runs_the_reference_through_its_own_simulation()
    {
        Assert.Empty(KeyVerifier.Verify(Key.Value));
        var wrong = Parse(Header() + EqualityPart("bad", "both", Q7Reference));
        var finding = Assert.Single(KeyVerifier.Verify(wrong));
        Assert.Equal(FindingSeverity.Error, finding.Severity);
        Assert.Equal("bad", finding.Part);
        Assert.Contains("fails its own simulation", finding.Message);
    }
}
