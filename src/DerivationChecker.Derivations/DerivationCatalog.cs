using DerivationChecker.Derivations.Recipes;

namespace DerivationChecker.Derivations;

/// <summary>Every derivation the engine can produce, by name (<c>dc derive --list</c>).</summary>
public static class DerivationCatalog
{
    public static IReadOnlyList<IDerivationRecipe> All { get; } =
    [
        new SoftmaxJacobian(),
        new LstmAdamDhTdhi(),
        new LstmAdamDhTdxi(),
        new SigmoidDerivativeMax(),
        new RnnClosedForm(),
        new SoftmaxCrossEntropyGradient(),
        new TwoLayerGradients(),
        new LinearRegressionGradient(),
        new NormalEquation(),
        new RnnVanishingBound(),
        new RnnBpttDJdWhh(),
        new AdamBiasCorrection(),
        new XavierVariance(),
    ];

    public static IDerivationRecipe? Find(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
}
