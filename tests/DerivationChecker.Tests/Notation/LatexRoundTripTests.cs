using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Tests.Notation;

/// <summary>read(write(e)) gives e back: what the LaTeX writer prints, the reader reads as the same tree.</summary>
public sealed class LatexRoundTripTests
{
    [Fact]
    public void Generated_expressions_survive_write_then_read()
    {
        var failures = new List<string>();
        foreach (var e in ExprGenerators.Sample(ExprGenerators.Scalar(4), 400))
        {
            var latex = LatexWriter.Write(e);
            var back = LatexParser.Parse(latex, ExprGenerators.Table);
            if (!back.Ok) failures.Add($"{e}\n  wrote {latex}\n  read error {back.Error}");
            else if (!back.Value!.Equals(e)) failures.Add($"{e}\n  wrote {latex}\n  read {back.Value}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [InlineData(@"\sigma\left(x\right) \cdot \left(1 - \sigma\left(x\right)\right)")]
    [InlineData(@"-\frac{1}{n} \sum_{i=1}^{n} \left(y^{(i)} - \hat{y}^{(i)}\right) x_{j}^{(i)}")]
    [InlineData(@"\left(\operatorname{diag}\left(\sigma'\left(z\right)\right) W\right)^{\top} \delta")]
    [InlineData(@"\prod_{j=i + 1}^{T} h_{j} \left(1 - h_{j}\right) U")]
    [InlineData(@"\begin{bmatrix}1 & 1 \\ -1 & -1\end{bmatrix}")]
    [InlineData(@"\frac{\partial J_{t}}{\partial W_{hh}}")]
    [InlineData(@"E\left[X\right]^{2} \operatorname{Var}\left(Y\right)")]
    [InlineData(@"g \cdot \min\left(1, \frac{c}{\left\lVert g\right\rVert}\right)")]
    [InlineData(@"\begin{cases}1 & x > 0 \\ 0 & x < 0 \\ \text{undefined} & x = 0\end{cases}")]
    [InlineData(@"\theta - \eta g \oslash \left(\sqrt{G} + \epsilon\right)")]
    [InlineData(@"\left(1 - \beta_{1}\right) \sum_{i=1}^{n} \beta_{1}^{n - i} g_{i}")]
    [InlineData(@"w^{*} = \left(X^{\top} X\right)^{-1} X^{\top} y")]
    [InlineData(@"\delta_{i,k} - \sigma_{i}")]
    [InlineData(@"W_{hh}^{[l]} h_{t - 1}")]
    public void Homework_expressions_survive_read_write_read(string latex)
    {
        var first = LatexParser.Parse(latex).ValueOrThrow();
        var written = LatexWriter.Write(first);
        var second = LatexParser.Parse(written).ValueOrThrow();
        Assert.Equal(first, second);
    }
}
