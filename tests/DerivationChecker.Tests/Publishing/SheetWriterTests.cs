using System.Text.RegularExpressions;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Publishing.Documents;
using DerivationChecker.Publishing.Writers;

namespace DerivationChecker.Tests.Publishing;

/// <summary>The demonstration sheet (every derivation of the catalog) through the default templates.</summary>
public sealed partial class SheetWriterTests
{
    private static readonly SheetTemplates Templates = SheetTemplates.Default();

    // Building every derivation takes seconds: once per language for all the tests.
    private static readonly Lazy<Sheet> English = new(() => SheetBuilder.CatalogDemo(SheetLanguage.English));
    private static readonly Lazy<Sheet> Persian = new(() => SheetBuilder.CatalogDemo(SheetLanguage.Persian));

    internal static string Render(SheetLanguage language, OutputFormat format) =>
        SheetRenderer.Render((language == SheetLanguage.Persian ? Persian : English).Value, format, Templates.For(format));

    [Fact]
    public void Markdown_of_the_English_demo_sheet() =>
        Snapshot.Verify(Render(SheetLanguage.English, OutputFormat.Markdown), "DemoSheet.en", "md");

    [Fact]
    public void Markdown_of_the_Persian_demo_sheet() =>
        Snapshot.Verify(Render(SheetLanguage.Persian, OutputFormat.Markdown), "DemoSheet.fa", "md");

    [Fact]
    public void LaTeX_of_the_English_demo_sheet() =>
        Snapshot.Verify(Render(SheetLanguage.English, OutputFormat.Latex), "DemoSheet.en", "tex");

    [Fact]
    public void LaTeX_of_the_Persian_demo_sheet() =>
        Snapshot.Verify(Render(SheetLanguage.Persian, OutputFormat.Latex), "DemoSheet.fa", "tex");

    [Theory]
    [InlineData(SheetLanguage.English)]
    [InlineData(SheetLanguage.Persian)]
    public void Html_is_self_contained(SheetLanguage language)
    {
        var html = Render(language, OutputFormat.Html);
        Assert.DoesNotMatch(HttpReference(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<style>", html);
        Assert.Contains("<math display=\"block\" dir=\"ltr\">", html);
    }

    [Fact]
    public void Persian_html_runs_right_to_left_with_math_left_to_right()
    {
        var html = Render(SheetLanguage.Persian, OutputFormat.Html);
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", html);
        Assert.Contains("Vazirmatn", html);
        Assert.Contains("Noto Naskh Arabic", html);
        Assert.Contains("Noto Sans Arabic", html);
        Assert.All(Regex.Matches(html, "<math[^>]*>").Select(m => m.Value), tag => Assert.Contains("dir=\"ltr\"", tag));
        // An English rule inside Persian prose is isolated, so its brackets are not mirrored away.
        Assert.Contains("<span dir=\"ltr\">", html);
    }

    [Fact]
    public void English_html_is_left_to_right() =>
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", Render(SheetLanguage.English, OutputFormat.Html));

    [Fact]
    public void Html_math_is_well_formed_xml()
    {
        var html = Render(SheetLanguage.English, OutputFormat.Html);
        var formulas = MathElement().Matches(html).Select(m => m.Value).ToList();
        Assert.NotEmpty(formulas);
        foreach (var formula in formulas) System.Xml.Linq.XDocument.Parse(formula);
    }

    [Fact]
    public void Persian_latex_isolates_latin_text_and_text_inside_math()
    {
        var sheet = new Sheet("عنوان", null, SheetLanguage.Persian,
        [
            new Section("بخش", [
                Paragraph.FromProse("این قاعده (quotient rule) است و $x^2$ را می‌دهد."),
                new DisplayMath(new Piecewise([(Number.One, new Relation(new Symbol("x"), RelationKind.Greater, Number.Zero)), (Number.Zero, Piecewise.Otherwise)])),
            ]),
        ]);
        var tex = SheetRenderer.Render(sheet, OutputFormat.Latex, Templates.For(OutputFormat.Latex));
        Assert.Contains(@"\usepackage{xepersian}", tex);
        Assert.Contains(@"\lr{quotient rule}", tex);
        Assert.Contains(@"\text{\lr{otherwise}}", tex);
        Assert.Contains("$x^2$", tex);
    }

    [Fact]
    public void Checks_are_told_in_the_sheet_language()
    {
        var numeric = new Core.Derivations.StepCheck(Core.Derivations.CheckKind.Numeric, 12, "") { Instances = 27 };
        Assert.Equal("verified: numeric (27 instances, 12 points)", Labels.English.Check(numeric));
        Assert.Equal("verified: symbolic", Labels.English.Check(new Core.Derivations.StepCheck(Core.Derivations.CheckKind.Symbolic, 0, "")));
        Assert.Equal("تأییدشده: عددی (۲۷ نمونه، ۱۲ نقطه)", Labels.Persian.Check(numeric));
    }

    [Fact]
    public void A_user_template_replaces_the_default()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dc-template-{Guid.NewGuid():N}.hbs");
        File.WriteAllText(path, "{{lang}}|{{title}}|{{#each sections}}{{heading}};{{/each}}");
        try
        {
            var sheet = new Sheet("T <1>", null, SheetLanguage.English, [new Section("A & B", [])]);
            Assert.Equal("en|T &lt;1&gt;|A &amp; B;", SheetRenderer.Render(sheet, OutputFormat.Html, SheetTemplate.FromFile(path)));
            Assert.Equal(@"en|T <1>|A \& B;", SheetRenderer.Render(sheet, OutputFormat.Latex, SheetTemplate.FromFile(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"https?:", RegexOptions.IgnoreCase)]
    private static partial Regex HttpReference();

    [GeneratedRegex("<math[ >].*?</math>", RegexOptions.Singleline)]
    private static partial Regex MathElement();
}
