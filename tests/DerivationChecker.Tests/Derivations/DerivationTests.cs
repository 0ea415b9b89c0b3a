using System.Collections.Concurrent;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Derivations;
using DerivationChecker.Derivations.Rendering;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Tests.Publishing;

namespace DerivationChecker.Tests.Derivations;

/// <summary>
/// Every derivation of the catalog: it reaches the answers of ../shared/HOMEWORK.md, each of its
/// steps is checked again here numerically (other points, no canonical-form shortcut), a wrong
/// version of each step is caught (so no check passes vacuously), and its Markdown is snapshotted.
/// </summary>
public sealed class DerivationTests
{
    private static readonly ConcurrentDictionary<string, Derivation> Built = new();

    private static Derivation Build(string name) =>
        Built.GetOrAdd(name, n => DerivationCatalog.Find(n)?.Build() ?? throw new ArgumentException($"no derivation {n}"));

    public static TheoryData<string> Names() => [.. DerivationCatalog.All.Select(r => r.Name)];

    /// <summary>The answers as ../shared/HOMEWORK.md states them, in each problem's notation.</summary>
    public static TheoryData<string, string, string> Answers() => new()
    {
        { "softmax-jacobian", @"\frac{\partial \sigma_k}{\partial x_i}", @"\sigma_k(\delta_{ik}-\sigma_i)" },
        { "softmax-jacobian", @"\frac{\partial \sigma}{\partial x}", @"\operatorname{diag}(\sigma)-\sigma\sigma^\top" },
        { "lstm-adam-dhT-dhi", @"\frac{\partial h_T}{\partial h_i}", @"\prod_{j=i+1}^{T}\sigma'(z_j)U" },
        { "lstm-adam-dhT-dhi", @"\frac{\partial h_T}{\partial h_i}", @"U^{T-i}\prod_{j=i+1}^{T}h_j(1-h_j)" },
        {
            "lstm-adam-dhT-dxi", @"\frac{\partial h_T}{\partial x_i}",
            @"\sum_{t=i}^{T}\left(\prod_{j=t+1}^{T}\sigma'(z_j)U\right)\sigma'(z_t)\left(\frac{\mu^{t-i}SW}{\sqrt{m_t}+\epsilon}-\frac{v_t(1-\beta)\beta^{t-i}W^2x_i}{\sqrt{m_t}(\sqrt{m_t}+\epsilon)^2}\right)"
        },
        { "sigmoid-derivative-max", @"\sigma'(t)", @"\sigma(t)(1-\sigma(t))" },
        { "sigmoid-derivative-max", @"\sigma'(t)", @"\le \frac{1}{4}" },
        { "sigmoid-derivative-max", "t", "0" },
        { "rnn-closed-form", "h_t", @"(-1)^t h_0+\sum_{i=1}^{t}(-1)^{t-i}x_i" },
        { "rnn-closed-form", "y", @"\sigma\left(10\left((-1)^T h_0+\sum_{i=1}^{T}(-1)^{T-i}x_i\right)\right)" },
        { "softmax-cross-entropy-gradient", @"\frac{\partial L}{\partial u}", @"\hat y - y" },
        { "two-layer-gradients", @"\frac{\partial L}{\partial \hat y_i}", @"-\frac{y_i}{\hat y_i}" },
        { "two-layer-gradients", @"\frac{\partial L}{\partial u}", @"\hat y - y" },
        { "two-layer-gradients", @"\frac{\partial L}{\partial h}", @"W'(\hat y - y)" },
        { "two-layer-gradients", @"\frac{\partial L}{\partial x}", @"WW'(\hat y - y)" },
        { "two-layer-gradients", @"\frac{\partial L}{\partial W'}", @"h(\hat y - y)^\top" },
        { "two-layer-gradients", @"\frac{\partial L}{\partial W}", @"x(W'(\hat y - y))^\top" },
        { "linear-regression-gradient", @"\frac{\partial L}{\partial w_j}", @"-\frac{1}{n}\sum_{i=1}^{n}(y^{(i)}-\hat y^{(i)})x_j^{(i)}" },
        { "linear-regression-gradient", @"w_j - \alpha \frac{\partial L}{\partial w_j}", @"w_j+\frac{\alpha}{n}\sum_{i=1}^{n}(y^{(i)}-\hat y^{(i)})x_j^{(i)}" },
        { "normal-equation", @"\frac{\partial L}{\partial w}", @"\frac{1}{n}X^\top(Xw-y)" },
        { "normal-equation", "w^*", @"(X^\top X)^{-1}X^\top y" },
        { "rnn-vanishing-bound", @"\left|\frac{\partial L}{\partial h_t}\right|", @"\le \left|\frac{\partial L}{\partial h_T}\right|\left(\frac{|w|}{4}\right)^{T-t}" },
        { "rnn-bptt-dJ-dWhh", @"\frac{\partial J_t}{\partial o_t}", @"\hat y_t - y_t" },
        { "rnn-bptt-dJ-dWhh", @"\frac{\partial J_t}{\partial h_i}", @"(W_{hh}^\top)^{t-i}W_{yh}^\top\frac{\partial J_t}{\partial o_t}" },
        { "rnn-bptt-dJ-dWhh", @"\frac{\partial J_t}{\partial W_{hh}}", @"\sum_{i=1}^{t}\frac{\partial J_t}{\partial h_i}h_{i-1}^\top" },
        { "rnn-bptt-dJ-dWhh", @"\frac{\partial J}{\partial W_{hh}}", @"\sum_{t=1}^{T}\frac{\partial J_t}{\partial W_{hh}}" },
        { "adam-bias-correction", "m_n", @"(1-\beta_1)\sum_{i=1}^{n}\beta_1^{n-i}g_i" },
        { "adam-bias-correction", "E[m_n]", @"(1-\beta_1^n)E[g]" },
        { "adam-bias-correction", @"E[\hat m_n]", "E[g]" },
        { "adam-bias-correction", @"E[\hat v_n]", "E[g^2]" },
        { "xavier-variance", @"\operatorname{Var}(XY)", @"E[X]^2\operatorname{Var}(Y)+\operatorname{Var}(X)E[Y]^2+\operatorname{Var}(X)\operatorname{Var}(Y)" },
        { "xavier-variance", @"\operatorname{Var}(a^{[l]}_k)", @"n^{[l-1]}\operatorname{Var}(W^{[l]})\operatorname{Var}(a^{[l-1]})" },
        { "xavier-variance", @"\operatorname{Var}(W^{[l]})", @"\frac{1}{n^{[l-1]}}" },
    };

    /// <summary>Other points than the derivation's own checks, and no deciding by canonical form.</summary>
    private static readonly EquivalenceOptions Recheck = new()
    {
        Seed = 0x7E57_0002UL,
        NumericPoints = 16,
        DecideByCanonicalForm = false,
        Timeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public void The_catalog_has_every_derivation_the_issue_names()
    {
        string[] required =
        [
            "adam-bias-correction", "softmax-jacobian", "softmax-cross-entropy-gradient", "two-layer-gradients", "rnn-bptt-dJ-dWhh",
            "lstm-adam-dhT-dhi", "lstm-adam-dhT-dxi", "rnn-closed-form", "rnn-vanishing-bound", "linear-regression-gradient",
            "normal-equation", "sigmoid-derivative-max", "xavier-variance",
        ];
        Assert.Empty(required.Except(DerivationCatalog.All.Select(r => r.Name)));
        Assert.All(DerivationCatalog.All, r => Assert.False(string.IsNullOrWhiteSpace(r.Summary)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_step_was_verified_by_the_engine(string name)
    {
        var d = Build(name);
        Assert.NotEmpty(d.Steps);
        var unverified = d.AllSteps().Where(s => !s.Check.Passed).Select(s => $"{s.Rule}: {s.Check.Detail}").ToList();
        Assert.True(unverified.Count == 0, string.Join("\n", unverified));
        Assert.All(d.AllSteps(), s => Assert.False(string.IsNullOrWhiteSpace(s.Rule)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_step_holds_again_at_other_points_without_the_simplifier(string name)
    {
        var d = Build(name);
        var verifier = d.Verifier(Recheck);
        var failures = new List<string>();
        foreach (var step in d.AllSteps())
        {
            var check = Recheck_(verifier, step);
            if (!check.Passed) failures.Add($"{step.Rule}: {LatexWriter.Write(step.Before)} vs {LatexWriter.Write(step.After)}: {check.Detail}");
            else if (check.Kind == CheckKind.Symbolic) failures.Add($"{step.Rule}: decided symbolically although the canonical shortcut is off");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_wrong_version_of_every_step_is_caught(string name)
    {
        var d = Build(name);
        var verifier = d.Verifier(Recheck);
        var survivors = new List<string>();
        foreach (var step in d.AllSteps())
        {
            // Equal steps: twice the right side; bounds: something smaller than the left side;
            // implications: the solution off by one.
            var (before, wrong) = step.Relation switch
            {
                StepRelation.Equal => (step.Before, (Expr)new Multiply(Number.Two, step.After)),
                StepRelation.LessOrEqual => (step.Before, new Add(step.Before, Number.MinusOne)),
                _ when step.After is Relation { Operands: [var x, var value] } => (step.Before, new Relation(x, RelationKind.Equal, new Add(value, Number.One))),
                _ => (step.Before, step.After),
            };
            var mutated = step with { Before = before, After = wrong };
            var check = Recheck_(verifier, mutated);
            if (check.Passed) survivors.Add($"{step.Rule}: {LatexWriter.Write(wrong)} was accepted ({check.Detail})");
        }
        Assert.True(survivors.Count == 0, string.Join("\n", survivors));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void The_derivation_reaches_the_homework_answer(string name, string subject, string answer)
    {
        var d = Build(name);
        var symbols = d.Symbols ?? SymbolTable.Empty;
        var wantedSubject = Read(subject, symbols);
        // "\le …" is a bound the derivation proves; otherwise an equation.
        var relation = answer.StartsWith(@"\le ", StringComparison.Ordinal) ? StepRelation.LessOrEqual : StepRelation.Equal;
        answer = relation == StepRelation.LessOrEqual ? answer[4..] : answer;
        var results = d.Results.Where(r => r.Subject.Equals(wantedSubject) && r.Relation == relation).ToList();
        Assert.True(results.Count > 0, $"{name} has no result for {subject}; it has {string.Join(", ", d.Results.Select(r => LatexWriter.Write(r.Subject)))}");
        var expected = Read(answer, symbols);
        var verifier = d.Verifier(Recheck);
        foreach (var result in results)
        {
            var check = verifier.CheckEquality(result.Value, expected);
            Assert.True(check.Passed, $"{subject} = {LatexWriter.Write(result.Value)}, but the homework's answer is {answer}: {check.Detail}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Markdown_snapshot(string name) => Snapshot.Verify(DerivationMarkdown.Render(Build(name)), name, "md");

    private static StepCheck Recheck_(StepVerifier verifier, Step step) =>
        step.Subject is not null && step.Relation == StepRelation.Implies && step.Subject is Relation stated
            ? verifier.Check(stated, step.After, step.Relation)
            : verifier.Check(step.Before, step.After, step.Relation);

    // E[g] in Adam's answer is the scalar every g_t is distributed like, not the family g.
    private static Expr Read(string latex, SymbolTable symbols)
    {
        var e = LatexParser.Parse(latex, symbols).ValueOrThrow();
        return e.Rewrite(n => n is Expectation { Operand: Symbol { Kind: FamilyKind } s } ? new Expectation(new Symbol(s.Name, SymbolKind.Real))
            : n is Expectation { Operand: Power { Base: Symbol { Kind: FamilyKind } s2 } p } ? new Expectation(new Power(new Symbol(s2.Name, SymbolKind.Real), p.Exponent))
            : n);
    }
}
