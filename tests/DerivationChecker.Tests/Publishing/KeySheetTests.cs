using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Publishing.Documents;
using DerivationChecker.Publishing.Writers;
using DerivationChecker.Tests.Grading;

namespace DerivationChecker.Tests.Publishing;

/// <summary>
/// The solution sheets of the five sets (dc render): what is on them, every set in every format and
/// both languages, and snapshots of the Markdown and LaTeX of two sets.
/// </summary>
public sealed partial class KeySheetTests
{
    /// <summary>The sets of answer-keys/.</summary>
    internal static IReadOnlyList<string> SetNames { get; } =
        [.. Directory.GetFiles(GradingTestKeys.KeysFolder, "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    public static readonly TheoryData<string> Sets = new(SetNames);

    private static readonly SheetTemplates Templates = SheetTemplates.Default();

    // Derivations take a while to build and several sets share none of them: built once for all the tests.
    private static readonly ConcurrentDictionary<string, Lazy<Derivation?>> Derivations = new();

    private static readonly ConcurrentDictionary<string, AnswerKey> Keys = new();

    internal static AnswerKey Key(string set) => Keys.GetOrAdd(set, GradingTestKeys.LoadSet);

    internal static Sheet Sheet(string set, SheetLanguage language) =>
        KeySheet.Build(Key(set), language, name => Derivations.GetOrAdd(name, n => new Lazy<Derivation?>(() => KeySheet.BuildFromCatalog(n))).Value);

    internal static string Render(string set, SheetLanguage language, OutputFormat format) =>
        SheetRenderer.Render(Sheet(set, language), format, Templates.For(format));

    [Theory]
    [InlineData("optimizers-elman", SheetLanguage.English, "en")]
    [InlineData("optimizers-elman", SheetLanguage.Persian, "fa")]
    [InlineData("rnn-bptt-attention", SheetLanguage.English, "en")]
    [InlineData("rnn-bptt-attention", SheetLanguage.Persian, "fa")]
    public void Markdown_snapshot(string set, SheetLanguage language, string code) =>
        Snapshot.Verify(Render(set, language, OutputFormat.Markdown), $"KeySheet.{set}.{code}", "md");

    [Theory]
    [InlineData("optimizers-elman", SheetLanguage.English, "en")]
    [InlineData("optimizers-elman", SheetLanguage.Persian, "fa")]
    [InlineData("rnn-bptt-attention", SheetLanguage.English, "en")]
    [InlineData("rnn-bptt-attention", SheetLanguage.Persian, "fa")]
    public void LaTeX_snapshot(string set, SheetLanguage language, string code) =>
        Snapshot.Verify(Render(set, language, OutputFormat.Latex), $"KeySheet.{set}.{code}", "tex");

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_part_is_on_the_sheet_with_its_statement_and_answer(string set)
    {
        var key = Key(set);
        var sheet = Sheet(set, SheetLanguage.English);
        Assert.Equal(key.Parts.Select(p => p.Id), sheet.Sections.Select(s => s.Heading.Split(' ')[0]));
        foreach (var (part, section) in key.Parts.Zip(sheet.Sections))
        {
            Assert.IsType<Paragraph>(section.Blocks[0]);
            var math = Formulas(section.Blocks).ToList();
            switch (part.Spec)
            {
                case QuantitiesSpec q:
                    // The first accepted answer of every quantity, as the key wrote it; the others among the accepted forms.
                    foreach (var quantity in q.Quantities)
                    {
                        Assert.Contains(math, m => m.Source is { } s && s.EndsWith(quantity.Accept[0].Latex, StringComparison.Ordinal));
                        foreach (var other in quantity.Accept.Skip(1))
                            Assert.Contains(section.Blocks.OfType<AcceptedForms>().SelectMany(a => a.Forms), f => f.Source!.EndsWith(other.Latex, StringComparison.Ordinal));
                    }
                    // Every mistake with a written answer is shown with it and with what it earns.
                    var shown = section.Blocks.OfType<CommonMistakes>().SelectMany(c => c.Mistakes).ToList();
                    Assert.Equal(q.Quantities.Sum(x => x.Mistakes.Length + (x.Layout is { Transpose: not TransposeCredit.Full } ? 1 : 0)), shown.Count);
                    Assert.All(shown, m => Assert.StartsWith("earns ", m.Credit));
                    break;
                case ChoiceSpec c:
                    Assert.Contains(section.Blocks.OfType<Paragraph>(), p => Text(p) == string.Join(", ", c.Correct.Select(l => $"({l})")) + (c.SubsetCredit ? " — choosing some of the right options earns part of the points" : ""));
                    break;
                case CircuitSpec c:
                    Assert.Contains(math, m => m.Source == c.Reference);
                    break;
                case ProseSpec p:
                    // After the Rubric heading: who grades it, then one paragraph per rubric item.
                    var rubric = section.Blocks.SkipWhile(b => b is not Subheading { Text: "Rubric" }).Skip(2).OfType<Paragraph>().ToList();
                    Assert.Equal(p.Rubric.Length, rubric.Count);
                    Assert.All(rubric.Zip(p.Rubric), x => Assert.StartsWith($"({x.Second.Points:0.##}) ", Text(x.First)));
                    break;
            }
            if (part.Derivation is not null)
                Assert.True(section.Blocks.OfType<DerivationBlock>().Any() || section.Blocks.OfType<Paragraph>().Any(p => Text(p).StartsWith("This part's derivation is the one under", StringComparison.Ordinal)), part.Id);
        }
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_derivation_on_a_sheet_was_built_and_verified(string set)
    {
        var derivations = Sheet(set, SheetLanguage.English).Sections.SelectMany(s => s.Blocks).OfType<DerivationBlock>().ToList();
        Assert.Equal(Key(set).Parts.Select(p => p.Derivation).OfType<string>().Distinct().Count(), derivations.Count);
        Assert.All(derivations, d => Assert.True(d.Derivation.AllVerified, d.Derivation.Name));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Every_set_renders_in_every_format_and_both_languages(string set)
    {
        foreach (var language in new[] { SheetLanguage.English, SheetLanguage.Persian })
        {
            var md = Render(set, language, OutputFormat.Markdown);
            var tex = Render(set, language, OutputFormat.Latex);
            var html = Render(set, language, OutputFormat.Html);
            foreach (var part in Key(set).Parts)
            {
                Assert.Contains($"## {part.Id} (", md);
                Assert.Matches($@"\\section\*\{{[^\n]*\b{part.Id}\b[^\n]*\(", tex);
            }
            var rtl = language == SheetLanguage.Persian;
            Assert.Equal(rtl, md.StartsWith("<div dir=\"rtl\"", StringComparison.Ordinal));
            Assert.Equal(rtl, tex.Contains(@"\usepackage{xepersian}", StringComparison.Ordinal));
            Assert.Contains(rtl ? "<html lang=\"fa\" dir=\"rtl\">" : "<html lang=\"en\" dir=\"ltr\">", html);
            // Self-contained: MathML, no scripts, nothing fetched.
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(HttpReference(), html);
            foreach (Match m in MathElement().Matches(html)) System.Xml.Linq.XDocument.Parse(m.Value);
            // The template placed everything: no Handlebars expression is left over.
            Assert.DoesNotContain("{{", md);
        }
    }

    [Fact]
    public void A_derivation_shared_by_parts_is_printed_once_and_referred_to()
    {
        var sheet = Sheet("rnn-bptt-attention", SheetLanguage.English);
        var parts = Key("rnn-bptt-attention").Parts.Where(p => p.Derivation == "rnn-bptt-dJ-dWhh").Select(p => p.Id).ToList();
        Assert.True(parts.Count > 1);
        Assert.Single(sheet.Sections.SelectMany(s => s.Blocks).OfType<DerivationBlock>());
        var later = sheet.Sections.Single(s => s.Heading.StartsWith(parts[1] + " ", StringComparison.Ordinal));
        Assert.Contains(later.Blocks.OfType<Paragraph>(), p => Text(p) == $"This part's derivation is the one under {parts[0]}; its results answer this part too.");
    }

    [Fact]
    public void A_space_is_stated_with_in_and_the_keys_own_latex()
    {
        // B × L × n_x reads as a product to the engine; the sheet keeps the author's ×.
        var md = Render("optimizers-elman", SheetLanguage.English, OutputFormat.Markdown);
        Assert.Contains(@"$$X \in \mathbb{R}^{B \times L \times n_x}$$", md);
    }

    [Fact]
    public void Persian_sheet_numbers_points_in_persian_digits()
    {
        var md = Render("rnn-bptt-attention", SheetLanguage.Persian, OutputFormat.Markdown);
        Assert.Contains("## q2a (۵ نمره)", md);
        Assert.Contains("(۱ از ۵ نمره)", md);
    }

    private static IEnumerable<DisplayMath> Formulas(IEnumerable<Block> blocks) => blocks.OfType<DisplayMath>();

    private static string Text(Paragraph p) => string.Concat(p.Content.Select(i => i switch
    {
        TextRun t => t.Text,
        InlineMath m => "$" + m.Source + "$",
        UnreadMath u => "$" + u.Latex + "$",
        _ => "",
    }));

    [GeneratedRegex(@"https?:", RegexOptions.IgnoreCase)]
    private static partial Regex HttpReference();

    [GeneratedRegex("<math[ >].*?</math>", RegexOptions.Singleline)]
    private static partial Regex MathElement();
}
