using DerivationChecker.Grading.Keys;
using static DerivationChecker.Tests.Grading.GradingTestKeys;

namespace DerivationChecker.Tests.Grading;

/// <summary><c>dc keys verify</c>: a key that contradicts itself fails with a message naming the file, part and rule.</summary>
public sealed class KeyVerifierTests
{
    private static KeyFinding OnlyError(string parts)
    {
        var key = Parse(Header(symbols: "    'v': vec 2\n    'A': mat 2 2") + parts);
        var errors = KeyVerifier.Verify(key).Where(f => f.Severity == FindingSeverity.Error).ToList();
        var error = Assert.Single(errors);
        Assert.Equal("test-set.yaml", error.Where.File);
        Assert.True(error.Where.Line > 10);
        return error;
    }

    [Fact]
    public void A_wrong_answer_that_is_really_right_contradicts_the_key()
    {
        var e = OnlyError("""
              - id: p1
                points: 2
                mode: symbolic
                statement: s
                accept: ['(x+1)^2']
                mistakes:
                  - answer: 'x^2 + 2x + 1'
                    points: 1
                    feedback: expanded
            """);
        Assert.Equal("p1", e.Part);
        Assert.Contains("mistake rule 1", e.Message);
        Assert.Contains("equivalent to the accepted answer", e.Message);
        Assert.Contains("test-set.yaml", e.ToString());
    }

    [Fact]
    public void A_rule_must_get_the_diagnosis_it_names()
    {
        var e = OnlyError("""
              - id: p1
                points: 2
                mode: symbolic
                statement: s
                accept: ['A v']
                mistakes:
                  - answer: '2 A v'
                    diagnosis: sign
                    points: 1
                    feedback: sign
            """);
        Assert.Contains("names the diagnosis sign", e.Message);
        Assert.Contains("factor", e.Message);
    }

    [Fact]
    public void Accepted_answers_must_agree()
    {
        var e = OnlyError("""
              - id: p1
                points: 2
                mode: symbolic
                statement: s
                accept: ['A v', 'A^\top v']
            """);
        Assert.Contains("not equivalent to the first one", e.Message);
    }

    [Fact]
    public void A_choice_mistake_that_is_the_correct_answer_contradicts_the_key()
    {
        var e = OnlyError("""
              - id: p1
                points: 2
                mode: choice
                statement: s
                options: {a: one, b: two}
                correct: b
                mistakes:
                  - {answer: 'ب', points: 1, feedback: no}
            """);
        Assert.Contains("is the correct answer", e.Message);
    }

    [Fact]
    public void A_numeric_wrong_value_inside_the_tolerance_contradicts_the_key()
    {
        var e = OnlyError("""
              - id: p1
                points: 2
                mode: numeric
                statement: s
                accept: ['0.25']
                tolerance: 0.01
                mistakes:
                  - {answer: '0.251', points: 1, feedback: close}
            """);
        Assert.Contains("within the tolerance", e.Message);
    }

    [Fact]
    public void A_derivation_not_in_the_catalog_is_a_warning_and_one_that_is_gets_compared()
    {
        var key = Parse(Header(symbols: "    'N': dim\n    'x': vec N\n    '\\sigma': vec N\n    'i': index N\n    'k': index N") + """
              - id: p1
                points: 2
                mode: symbolic
                statement: s
                derivation: no-such-derivation
                accept: ['1']
              - id: p2
                points: 2
                mode: symbolic
                statement: the softmax Jacobian entry
                derivation: softmax-jacobian
                definitions: ['\sigma_k=\frac{e^{x_k}}{\sum_{j=1}^{N}e^{x_j}}']
                names: ['\frac{\partial \sigma_k}{\partial x_i}']
                accept: ['\sigma_k(\delta_{ik} - \sigma_i)']
              - id: p3
                points: 2
                mode: symbolic
                statement: a wrong key for the same entry
                derivation: softmax-jacobian
                definitions: ['\sigma_k=\frac{e^{x_k}}{\sum_{j=1}^{N}e^{x_j}}']
                names: ['\frac{\partial \sigma_k}{\partial x_i}']
                accept: ['\sigma_k \delta_{ik}']
            """);
        var findings = KeyVerifier.Verify(key);
        var warning = Assert.Single(findings, f => f.Part == "p1");
        Assert.Equal(FindingSeverity.Warning, warning.Severity);
        Assert.Contains("not in the catalog", warning.Message);
        Assert.DoesNotContain(findings, f => f.Part == "p2");
        var disagreement = Assert.Single(findings, f => f.Part == "p3");
        Assert.Equal(FindingSeverity.Error, disagreement.Severity);
        Assert.Contains("softmax-jacobian", disagreement.Message);
    }
}
