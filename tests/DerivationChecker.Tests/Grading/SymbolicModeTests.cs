using DerivationChecker.Core.Equivalence;
using DerivationChecker.Grading.Results;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary>Symbolic equivalence: accepted forms, the layout rule, mistakes by answer and by diagnosis, and no guessing.</summary>
public sealed class SymbolicModeTests
{
    private static readonly Lazy<DerivationChecker.Grading.Keys.AnswerKey> Key = new(() => Parse(Header(symbols: """
            'A': mat 3 2
            'v': vec 2
            'w': vec 3
            'n': dim
        """) + """
          - id: grad
            points: 4
            mode: symbolic
            statement: the gradient
            names: ['\nabla_v L', 'g']
            accept: ['A^\top w']
            layout:
              transpose: partial
              points: 2
              feedback: {en: 'Right up to layout: $w^\top A$ is the row form.', fa: 'جز چیدمان درست است: $w^\top A$ شکل سطری است.'}
            mistakes:
              - answer: 'A^\top w + v'
                points: 1
                feedback: {en: There is no v term., fa: جملهٔ v وجود ندارد.}
              - diagnosis: sign
                points: 3
                feedback: {en: Only the sign is wrong., fa: فقط علامت اشتباه است.}
          - id: mean
            points: 2
            mode: symbolic
            statement: the mean's derivative
            accept: ['\frac{1}{n}']
        """));

    [Fact]
    public void An_equivalent_form_earns_full_marks()
    {
        var r = Grade(Key.Value, "grad", @"\nabla_v L = (w^\top A)^\top");
        Assert.Equal(GradeVerdict.Full, r.Verdict);
        Assert.Equal(4, r.Points);
        Assert.StartsWith("equivalent:", r.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void The_transpose_earns_what_the_layout_rule_says()
    {
        var r = Grade(Key.Value, "grad", @"w^\top A");
        Assert.Equal((GradeVerdict.Partial, 2m), (r.Verdict, r.Points));
        Assert.Equal(DiagnosisKind.Transpose, r.Diagnosis?.Kind);
        Assert.Contains("row form", r.Feedback.En);
        Assert.Contains("\u2066", r.Feedback.Fa);
    }

    [Fact]
    public void An_answer_equivalent_to_a_listed_wrong_answer_gets_that_rule()
    {
        var r = Grade(Key.Value, "grad", @"v + A^\top w");
        Assert.Equal((GradeVerdict.Partial, 1m), (r.Verdict, r.Points));
        Assert.Equal("There is no v term.", r.Feedback.En);
    }

    [Fact]
    public void A_diagnosed_sign_error_gets_the_sign_rule()
    {
        var r = Grade(Key.Value, "grad", @"-A^\top w");
        Assert.Equal((GradeVerdict.Partial, 3m), (r.Verdict, r.Points));
        Assert.Equal(DiagnosisKind.Sign, r.Diagnosis?.Kind);
        Assert.StartsWith("mistake:diagnosis-sign", r.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_rule_the_feedback_gives_the_diagnosis_or_a_counterexample()
    {
        var factor = Grade(Key.Value, "mean", @"\frac{2}{n}");
        Assert.Equal(GradeVerdict.None, factor.Verdict);
        Assert.Contains("constant factor", factor.Feedback.En);
        var other = Grade(Key.Value, "grad", @"A^\top w \odot A^\top w");
        Assert.Equal(GradeVerdict.None, other.Verdict);
        Assert.Contains("For example, at", other.Feedback.En);
    }

    [Fact]
    public void A_shape_error_names_the_shapes()
    {
        var r = Grade(Key.Value, "grad", @"A w");
        Assert.Equal(GradeVerdict.None, r.Verdict);
        Assert.Equal(DiagnosisKind.Shape, r.Diagnosis?.Kind);
        Assert.Contains("3×2", r.Feedback.En);
    }

    [Fact]
    public void An_undecidable_answer_is_flagged_for_a_person_never_guessed()
    {
        var r = Grade(Key.Value, "mean", @"\frac{1}{n} + \dots");
        Assert.Equal(GradeVerdict.Inconclusive, r.Verdict);
        Assert.Equal(0, r.Points);
        Assert.True(r.Flags.HasFlag(GradeFlags.Inconclusive) && r.Flags.HasFlag(GradeFlags.ManualReview));
    }

    [Fact]
    public void An_unreadable_answer_is_invalid_with_the_position()
    {
        var r = Grade(Key.Value, "mean", @"\frac{1}{n");
        Assert.Equal(GradeVerdict.Invalid, r.Verdict);
        Assert.True(r.Flags.HasFlag(GradeFlags.ParseError));
        Assert.NotNull(r.ParseError);
        Assert.Contains("column", r.Feedback.En);
    }
}
