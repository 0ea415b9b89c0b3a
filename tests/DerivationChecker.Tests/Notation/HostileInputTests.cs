using System.Diagnostics;
using System.Text;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Notation;

/// <summary>
/// Student text is hostile input: nothing here may throw, overflow the stack or hang. Every result is
/// either a tree or a positioned error (and the checker answers within its time limit).
/// </summary>
public sealed class HostileInputTests
{
    public static TheoryData<string, string> Inputs() => new()
    {
        { "empty", "" },
        { "spaces", "   \n\t " },
        { "deep parentheses", new string('(', 5000) + "x" + new string(')', 5000) },
        { "deep braces", new string('{', 5000) + "x" + new string('}', 5000) },
        { "deep fractions", string.Concat(Enumerable.Repeat(@"\frac{1}{", 3000)) + "x" + new string('}', 3000) },
        { "tower of powers", "10^{10^{10^{10}}}" },
        { "tall tower", string.Concat(Enumerable.Repeat("2^{", 2000)) + "2" + new string('}', 2000) },
        { "undefined macros", @"\foo{x} + \bar\baz" },
        { "macro definition", @"\newcommand{\x}{y} \x" },
        { "binary garbage", Encoding.Latin1.GetString([.. Enumerable.Range(0, 2000).Select(i => (byte)(i * 7919 % 256))]) },
        { "unclosed everything", @"\frac{\sqrt{\left( x \begin{bmatrix} 1 & 2" },
        { "stray closers", ")] } \right) \end{cases}" },
        { "only operators", "+-*/^_" },
        { "huge number", new string('9', 20000) },
        { "huge exponent", "x^{" + new string('9', 5000) + "}" },
        { "nested subscripts", string.Concat(Enumerable.Repeat("x_{", 3000)) + "1" + new string('}', 3000) },
        { "unbalanced abs", "|x| + |y" },
        { "NUL and control characters", "x\0 + \u0001y" },
        { "long division chain", string.Join("/", Enumerable.Repeat("x", 100_000)) },
        { "long Hadamard division chain", string.Join(@" \oslash ", Enumerable.Repeat("x", 20_000)) },
        { "long transpose chain", "x" + string.Concat(Enumerable.Repeat("^T", 50_000)) },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Reading_never_throws_and_answers_quickly(string name, string input)
    {
        var watch = Stopwatch.StartNew();
        var result = LatexParser.Parse(input);
        watch.Stop();
        Assert.True(result.Ok || result.Error is { Message.Length: > 0 }, name);
        if (!result.Ok) Assert.InRange(result.Error!.Position, 0, input.Length);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"{name} took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_hundred_thousand_terms_are_read_in_linear_time()
    {
        var text = string.Join("+", Enumerable.Range(0, 100_000).Select(i => $"x_{{{i}}}"));
        var watch = Stopwatch.StartNew();
        var result = LatexParser.Parse(text);
        Assert.True(result.Ok, result.Error?.ToString());
        Assert.True(watch.ElapsedMilliseconds < 5000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData("10^{10^{10^{10}}}", "x")]
    [InlineData(@"\sum_{i=1}^{10^{12}} i", "x")]
    [InlineData(@"\prod_{i=1}^{10^{9}} (1+x)", "x")]
    [InlineData("(x+1)^{100000}", "x")]
    [InlineData("(a+b+c+d+e+f+g+h)^{40}", "x")]
    public void Checks_of_monstrous_expressions_answer_within_the_time_limit(string a, string b)
    {
        var ea = LatexParser.Parse(a).ValueOrThrow();
        var eb = LatexParser.Parse(b).ValueOrThrow();
        var watch = Stopwatch.StartNew();
        var verdict = new EquivalenceChecker(new EquivalenceOptions { Timeout = TimeSpan.FromMilliseconds(500) }).Check(ea, eb);
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 3000, $"took {watch.ElapsedMilliseconds} ms ({verdict.KindText}: {verdict.Message})");
        Assert.NotEqual(VerdictKind.Equivalent, verdict.Kind);
    }
}
