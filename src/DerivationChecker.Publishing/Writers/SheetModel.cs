using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Publishing.Documents;

namespace DerivationChecker.Publishing.Writers;

/// <summary>
/// The data a template sees (documented in templates/README.md): every string already in the
/// output format — prose escaped, formulas written — so a template only lays it out.
/// Dictionaries keep the names templates use (camelCase) in one place.
/// </summary>
internal static class SheetModel
{
    public static Dictionary<string, object?> Build(Sheet sheet, SheetFormat format)
    {
        var labels = Labels.For(sheet.Language);
        var rtl = sheet.Language == SheetLanguage.Persian;
        var sections = sheet.Sections.Select((section, i) => new Dictionary<string, object?>
        {
            ["number"] = labels.Number(i + 1),
            ["index"] = i + 1,
            ["anchor"] = "section-" + (i + 1),
            ["heading"] = format.Text(section.Heading),
            ["blocks"] = section.Blocks.Select(b => Block(b, format, labels)).ToList(),
        }).ToList();
        return new Dictionary<string, object?>
        {
            ["lang"] = rtl ? "fa" : "en",
            ["dir"] = rtl ? "rtl" : "ltr",
            ["rtl"] = rtl,
            ["title"] = format.Text(sheet.Title),
            ["plainTitle"] = format.Plain(sheet.Title),
            ["subtitle"] = sheet.Subtitle is null ? null : format.Text(sheet.Subtitle),
            ["labels"] = LabelTexts(labels, format),
            ["sections"] = sections,
        };
    }

    private static Dictionary<string, object?> LabelTexts(Labels labels, SheetFormat format) => new()
    {
        ["step"] = format.Text(labels.Step),
        ["rule"] = format.Text(labels.Rule),
        ["goal"] = format.Text(labels.Goal),
        ["result"] = format.Text(labels.Result),
        ["results"] = format.Text(labels.Results),
        ["assumption"] = format.Text(labels.Assumption),
        ["note"] = format.Text(labels.Note),
        ["acceptedForms"] = format.Text(labels.AcceptedForms),
        ["commonMistakes"] = format.Text(labels.CommonMistakes),
        ["why"] = format.Text(labels.Why),
    };

    private static Dictionary<string, object?> Block(Block block, SheetFormat format, Labels labels)
    {
        var model = new Dictionary<string, object?>
        {
            ["isSubheading"] = block is Subheading,
            ["isParagraph"] = block is Paragraph,
            ["isMath"] = block is DisplayMath,
            ["isDerivation"] = block is DerivationBlock,
            ["isAcceptedForms"] = block is AcceptedForms,
            ["isMistakes"] = block is CommonMistakes,
        };
        switch (block)
        {
            case Subheading h:
                model["text"] = format.Text(h.Text);
                break;
            case Paragraph p:
                model["text"] = format.Inlines(p.Content);
                break;
            case DisplayMath m:
                model["math"] = format.Display(m);
                break;
            case DerivationBlock d:
                model["derivation"] = Derivation(d.Derivation, format, labels);
                break;
            case AcceptedForms a:
                model["forms"] = a.Forms.Select(f => new Dictionary<string, object?> { ["math"] = format.Display(f) }).ToList();
                break;
            case CommonMistakes c:
                model["mistakes"] = c.Mistakes.Select(m => new Dictionary<string, object?>
                {
                    ["math"] = m.Answer is null ? null : format.Display(m.Answer),
                    ["title"] = m.Title is null ? null : format.Text(m.Title),
                    ["credit"] = m.Credit is null ? null : format.Text(m.Credit),
                    ["why"] = format.Inlines(m.Why),
                }).ToList();
                break;
        }
        return model;
    }

    private static Dictionary<string, object?> Derivation(Derivation d, SheetFormat format, Labels labels) => new()
    {
        ["name"] = format.Text(d.Name),
        ["title"] = format.Text(d.Title),
        ["goal"] = format.Inlines(Prose.Parse(d.Goal)),
        ["assumptions"] = d.Assumptions.Select(a => format.Inlines(Prose.Parse(a))).ToList(),
        ["steps"] = d.Steps.Select((s, i) => Step(s, i + 1, format, labels)).ToList(),
        ["resultsHeading"] = format.Text(d.Results.Length == 1 ? labels.Result : labels.Results),
        ["results"] = d.Results.Select(r => new Dictionary<string, object?>
        {
            ["math"] = format.Relation(r.Subject, Relation(r.Relation), r.Value, display: true),
        }).ToList(),
        ["allVerified"] = d.AllVerified,
    };

    private static Dictionary<string, object?> Step(Step s, int number, SheetFormat format, Labels labels) => new()
    {
        ["number"] = labels.Number(number),
        ["index"] = number,
        ["rule"] = format.Inlines(Prose.Parse(s.Rule)),
        ["check"] = format.Text(labels.Check(s.Check)),
        ["verified"] = s.Check.Passed,
        ["math"] = format.Relation(s.Subject, Relation(s.Relation), s.After, display: true),
        ["note"] = s.Note is null ? null : format.Inlines(Prose.Parse(s.Note)),
        ["substeps"] = s.SubSteps.Select(sub => new Dictionary<string, object?>
        {
            ["rule"] = format.Inlines(Prose.Parse(sub.Rule)),
            ["check"] = format.Text(labels.Check(sub.Check)),
            ["verified"] = sub.Check.Passed,
            ["math"] = format.Relation(sub.Before, Relation(sub.Relation), sub.After, display: false),
        }).ToList(),
    };

    private static RelationKind Relation(StepRelation relation) => relation switch
    {
        StepRelation.LessOrEqual => RelationKind.LessEqual,
        StepRelation.Implies => RelationKind.Implies,
        _ => RelationKind.Equal,
    };
}
