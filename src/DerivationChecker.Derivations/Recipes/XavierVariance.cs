using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Probability;
using DerivationChecker.Core.Simplification;
using DerivationChecker.Core.Solving;

namespace DerivationChecker.Derivations.Recipes;

/// <summary>The product-variance identity and Xavier's argument: Var(W^{[l]}) = 1/n^{[l−1]}.</summary>
public sealed class XavierVariance : IDerivationRecipe
{
    public string Name => "xavier-variance";
    public string Summary => "Var(XY) = E[X]²Var(Y) + Var(X)E[Y]² + Var(X)Var(Y) for independent X, Y; Var(a^{[l]}) = n^{[l−1]} Var(W^{[l]}) Var(a^{[l−1]}); hence Var(W^{[l]}) = 1/n^{[l−1]}";
    public string Part => "linear-models-and-adam/q2c";

    public Derivation Build()
    {
        var p = new Problem(
            [("X", "real"), ("Y", "real"), ("l", "nat"), ("n", "family dim over l")],
            [@"z^{[l]}_k = \sum_{j=1}^{n^{[l-1]}} W^{[l]}_{kj} a^{[l-1]}_j", @"a^{[l]}_k = z^{[l]}_k"]);
        var (weight, activation) = (p.Read("W^{[l]}"), p.Read("a^{[l-1]}"));
        var model = RandomModel.Empty.Random("X", "Y").Iid("W", weight).Iid("a", activation).ZeroMean("W", "a");
        var b = new DerivationBuilder(Name, "Xavier initialisation: the variance of a layer",
            @"For independent $X, Y$ show $\mathrm{Var}(XY) = E[X]^2\mathrm{Var}(Y) + \mathrm{Var}(X)E[Y]^2 + \mathrm{Var}(X)\mathrm{Var}(Y)$. "
            + @"With zero-mean i.i.d. weights $W^{[l]}_{kj}$ and activations $a^{[l-1]}_j$, and $\tanh$ near 0, find $\mathrm{Var}(a^{[l]})$ and the $\mathrm{Var}(W^{[l]})$ that keeps it equal to $\mathrm{Var}(a^{[l-1]})$.",
            p.Read(@"\operatorname{Var}(XY)"), p.Definitions, p.Symbols);
        b.WithRandomModel(model);
        b.Assume("X and Y are independent; the weights and the activations are independent, zero-mean and identically distributed");
        b.Assume("near 0, tanh(z) ≈ z, so a^{[l]}_k is taken equal to z^{[l]}_k (the linear regime the initialisation aims for)");

        b.Begin(ExpectationAlgebra.VarianceDefinition(b.Subject), "definition of the variance: Var(Z) = E[Z²] − E[Z]²");
        b.Then("independence: E[X²Y²] = E[X²]E[Y²] and E[XY] = E[X]E[Y]", c => Textbook.Display(ExpectationAlgebra.Independence(c, model)));
        b.Then("E[X²] = Var(X) + E[X]² (and the same for Y); multiply out and cancel E[X]²E[Y]²", c => Textbook.Display(ExpectationAlgebra.Normalize(c, model)));
        b.Conclude();

        var (zk, z) = p.Definition(@"z^{[l]}_k");
        b.Continue("a^{[l]}_k = z^{[l]}_k is a sum over the n^{[l−1]} inputs of the layer", _ => (p.Read(@"\operatorname{Var}(a^{[l]}_k)"), new Variance(z)));
        b.Then("the terms are independent: the variance of the sum is the sum of the variances", c => Textbook.Display(ExpectationAlgebra.VarianceOfIndependentSum(c, model)));
        b.Then("the product-variance identity (above) for each term", c => Textbook.Display(ExpectationAlgebra.ProductVariance(c, model)));
        b.Then("zero means: E[W^{[l]}_{kj}] = E[a^{[l−1]}_j] = 0", c => Textbook.Simplify(ExpectationAlgebra.ZeroMeans(c, model)));
        b.Then("identically distributed: every term is Var(W^{[l]})Var(a^{[l−1]}), n^{[l−1]} of them", c =>
            Textbook.Simplify(ExpectationAlgebra.Stationarity(c, model)));
        b.Conclude();
        var layer = b.Current;
        b.Solve("keep the variance the same from layer to layer: Var(a^{[l]}) = Var(a^{[l−1]})",
            _ => new Relation(layer, RelationKind.Equal, new Variance(activation)),
            equation => Solver.Isolate(equation, new Variance(weight)), new Variance(weight));
        b.Conclude();
        _ = zk;
        return b.Build();
    }
}
