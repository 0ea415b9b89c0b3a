using System.Collections.Immutable;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Derivations;

namespace DerivationChecker.Publishing.Documents;

/// <summary>Sheets laid out from what the engine has: for now its derivations (answer keys come later).</summary>
public static class SheetBuilder
{
    /// <summary>One section per derivation, headed by its title.</summary>
    public static Sheet FromDerivations(string title, SheetLanguage language, IEnumerable<Derivation> derivations, string? subtitle = null) =>
        new(title, subtitle, language,
            [.. derivations.Select(d => new Section(d.Title, [new DerivationBlock(d)]))]);

    /// <summary>
    /// Every derivation of <see cref="DerivationCatalog"/>, built now: a demonstration sheet that needs
    /// no keys. A recipe that fails to build gets a section saying so, with the engine's reason.
    /// </summary>
    public static Sheet CatalogDemo(SheetLanguage language)
    {
        var labels = Labels.For(language);
        var sections = DerivationCatalog.All.Select(recipe =>
        {
            try
            {
                var d = recipe.Build();
                return new Section(d.Title, [new DerivationBlock(d)]);
            }
            catch (InvalidOperationException e)
            {
                return new Section(recipe.Name, [new Paragraph([new TextRun(labels.NotBuilt + ": "), new TextRun(e.Message)])]);
            }
        }).ToImmutableArray();
        return language == SheetLanguage.Persian
            ? new Sheet("برگهٔ پاسخ: استخراج‌های موتور", "نمونهٔ نمایشی؛ هر گام را موتور بررسی کرده است", language, sections)
            : new Sheet("Solution sheet: the engine's derivations", "A demonstration; every step was checked by the engine", language, sections);
    }
}
