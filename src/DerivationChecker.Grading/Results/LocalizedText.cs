namespace DerivationChecker.Grading.Results;

/// <summary>The two languages a key and its feedback are written in.</summary>
public enum Language
{
    En,
    Fa,
}

public static class Languages
{
    public static bool TryParse(string? text, out Language language)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "en" or "english":
                language = Language.En;
                return true;
            case "fa" or "persian" or "farsi":
                language = Language.Fa;
                return true;
            default:
                language = Language.En;
                return false;
        }
    }

    public static string Code(this Language language) => language == Language.Fa ? "fa" : "en";
}

/// <summary>
/// A text in English and Persian. Inline math is written between dollar signs ($g_{o_t}$) so that
/// it can be rendered and kept left-to-right inside Persian (<see cref="MathText"/>).
/// </summary>
public sealed record LocalizedText(string En, string Fa)
{
    public static readonly LocalizedText Empty = new("", "");

    /// <summary>The same text in both languages (a formula, a name).</summary>
    public static LocalizedText Both(string text) => new(text, text);

    public string For(Language language) => language == Language.Fa ? Fa : En;

    public bool IsEmpty => En.Length == 0 && Fa.Length == 0;

    /// <summary>Joins texts line by line in each language, skipping empty ones.</summary>
    public static LocalizedText Lines(IEnumerable<LocalizedText> parts)
    {
        var list = parts.Where(p => !p.IsEmpty).ToList();
        return new LocalizedText(
            string.Join('\n', list.Select(p => p.En).Where(s => s.Length > 0)),
            string.Join('\n', list.Select(p => p.Fa).Where(s => s.Length > 0)));
    }

    /// <summary>"label: text" in each language.</summary>
    public LocalizedText Prefixed(LocalizedText label) =>
        new(label.En.Length == 0 ? En : $"{label.En}: {En}", label.Fa.Length == 0 ? Fa : $"{label.Fa}: {Fa}");

    public LocalizedText Then(LocalizedText next) => Lines([this, next]);
}
