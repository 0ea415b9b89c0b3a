using System.Collections.Immutable;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Equivalence;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Derivations;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Publishing.Documents;

/// <summary>
/// The solution sheet of a homework set, laid out from its answer key and the engine's derivations:
/// for each part its statement, the answer, the derivation (every step checked by the engine), the
/// other forms the key accepts, and the common mistakes with what they earn and why they are wrong.
/// Nothing on it is typed in by hand: every word comes from the key, the derivation or <see cref="KeyWords"/>.
/// </summary>
public static class KeySheet
{
    /// <summary>The sheet of <paramref name="key"/>; <paramref name="derive"/> builds a named derivation (null: none).</summary>
    public static Sheet Build(AnswerKey key, SheetLanguage language, Func<string, Derivation?>? derive = null)
    {
        derive ??= BuildFromCatalog;
        var w = KeyWords.For(language);
        var lang = language == SheetLanguage.Persian ? Language.Fa : Language.En;
        // A derivation several parts share (q2a–q2d all come from one) is printed under the first of them.
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        var sections = key.Parts.Select(part => Section(part, lang, w, derive, shown)).ToImmutableArray();
        return new Sheet($"{w.SolutionsOf}: {key.Title.For(lang)}", key.Course, language, sections);
    }

    /// <summary>A derivation of <see cref="DerivationCatalog"/>, or null when there is none by that name.</summary>
    public static Derivation? BuildFromCatalog(string name) => DerivationCatalog.Find(name)?.Build();

    private static Section Section(Part part, Language lang, KeyWords w, Func<string, Derivation?> derive, Dictionary<string, string> shown)
    {
        var blocks = ImmutableArray.CreateBuilder<Block>();
        blocks.Add(Paragraph(part.Statement.For(lang), part));
        switch (part.Spec)
        {
            case QuantitiesSpec q:
                Quantities(q, part, lang, w, blocks);
                break;
            case ChoiceSpec c:
                Choice(c, part, lang, w, blocks);
                break;
            case CircuitSpec c:
                Circuit(c, part, lang, w, blocks);
                break;
            case ProseSpec p:
                blocks.Add(new Subheading(w.Rubric));
                blocks.Add(Paragraph(w.GradedByAPerson, part));
                foreach (var item in p.Rubric) blocks.Add(Paragraph($"({w.Points(item.Points)}) {item.Text.For(lang)}", part));
                break;
        }
        if (part.Derivation is { } shared && shown.TryGetValue(shared, out var first))
        {
            blocks.Add(new Subheading(w.Derivation));
            blocks.Add(new Paragraph([new TextRun(w.DerivationUnder(first))]));
        }
        else if (part.Derivation is { } name)
        {
            shown[name] = part.Id;
            blocks.Add(new Subheading(w.Derivation));
            Derivation? derivation;
            string? failure = null;
            try
            {
                derivation = derive(name);
            }
            catch (InvalidOperationException e)
            {
                derivation = null;
                failure = e.Message;
            }
            blocks.Add(derivation is not null
                ? new DerivationBlock(derivation)
                : new Paragraph([new TextRun($"{Labels.For(w.Language).NotBuilt} ({name})" + (failure is null ? "." : ": " + failure))]));
        }
        return new Section($"{part.Id} ({w.Points(part.Points)} {w.PointsWord(part.Points)})", blocks.ToImmutable());
    }

    private static void Quantities(QuantitiesSpec spec, Part part, Language lang, KeyWords w, ImmutableArray<Block>.Builder blocks)
    {
        blocks.Add(new Subheading(w.Answer));
        foreach (var q in spec.Quantities)
        {
            if (spec.Listed && q.Label is { } label) blocks.Add(Paragraph($"{label.For(lang)} ({w.Points(q.Points)} {w.PointsWord(q.Points)})", part));
            blocks.Add(Stated(q, q.Accept[0]));
        }
        var forms = new List<DisplayMath>();
        foreach (var q in spec.Quantities)
        {
            forms.AddRange(q.Accept.Skip(1).Select(a => Stated(q, a)));
            if (q.Layout is { Transpose: TransposeCredit.Full }) forms.Add(Stated(q, Transposed(q.Accept[0])));
        }
        if (forms.Count > 0) blocks.Add(new AcceptedForms([.. forms]));
        var mistakes = new List<Mistake>();
        foreach (var q in spec.Quantities)
        {
            if (q.Layout is { Transpose: not TransposeCredit.Full } layout)
                mistakes.Add(new Mistake(Stated(q, Transposed(q.Accept[0])), Prose(layout.Feedback.For(lang), part), null, w.Earns(layout.Points, q.Points)));
            foreach (var m in q.Mistakes)
            {
                var title = m.Answer is null && m.Diagnosis is { } d ? w.Diagnosis(d) : null;
                mistakes.Add(new Mistake(m.Answer is { } a ? Stated(q, a) : null, Prose(m.Feedback.For(lang), part), title, w.Earns(m.Points, q.Points)));
            }
        }
        if (mistakes.Count > 0) blocks.Add(new CommonMistakes([.. mistakes]));
    }

    /// <summary>"name = value", or "name ∈ ℝⁿ" when the value is a space, in the key's own LaTeX.</summary>
    private static DisplayMath Stated(Quantity q, KeyExpr value)
    {
        if (q.Names.IsEmpty) return new DisplayMath(value.Value, value.Latex);
        var (kind, op) = IsSpace(value.Value) ? (RelationKind.In, "\\in") : (RelationKind.Equal, "=");
        return new DisplayMath(new Relation(q.Names[0].Value, kind, value.Value), $"{q.Names[0].Latex} {op} {value.Latex}");
    }

    /// <summary>The other layout of an accepted answer: its transpose, written by the engine.</summary>
    private static KeyExpr Transposed(KeyExpr accepted)
    {
        var transposed = new Transpose(accepted.Value);
        return accepted with { Value = transposed, Latex = Notation.Latex.LatexWriter.Write(transposed) };
    }

    private static bool IsSpace(Expr e) => e switch
    {
        Symbol s => s.Name.StartsWith("\\mathbb", StringComparison.Ordinal),
        Power p => IsSpace(p.Base),
        _ => false,
    };

    private static void Choice(ChoiceSpec spec, Part part, Language lang, KeyWords w, ImmutableArray<Block>.Builder blocks)
    {
        blocks.Add(new Subheading(w.Options));
        foreach (var o in spec.Options) blocks.Add(Paragraph($"({o.Letter}) {o.Text.For(lang)}", part));
        blocks.Add(new Subheading(w.Answer));
        blocks.Add(Paragraph(string.Join(w.ListSeparator, spec.Correct.Select(c => $"({c})")) + (spec.SubsetCredit ? " — " + w.SubsetCredit : ""), part));
        var mistakes = new List<Mistake>();
        foreach (var o in spec.Options.Where(o => o.Feedback is not null))
            mistakes.Add(new Mistake(null, Prose(o.Feedback!.For(lang), part), spec.Correct.Contains(o.Letter) ? w.Missing(o.Letter) : w.Choosing(o.Letter.ToString())));
        foreach (var m in spec.Mistakes)
            mistakes.Add(new Mistake(null, Prose(m.Feedback.For(lang), part), w.Choosing(string.Join(w.ListSeparator, m.Choice)), w.Earns(m.Points, part.Points)));
        if (mistakes.Count > 0) blocks.Add(new CommonMistakes([.. mistakes]));
    }

    private static void Circuit(CircuitSpec spec, Part part, Language lang, KeyWords w, ImmutableArray<Block>.Builder blocks)
    {
        blocks.Add(new Subheading(w.Answer));
        var reference = Notation.MathReader.Read(spec.Reference, part.Context.Symbols, Notation.Syntax.Latex);
        blocks.Add(reference.Value is { } value ? new DisplayMath(value, spec.Reference) : new Paragraph([new UnreadMath(spec.Reference)]));
        blocks.Add(Paragraph(w.Simulated(spec.Step, spec.MaxLength), part));
        if (spec.OneConventionFeedback is { } feedback)
            blocks.Add(new CommonMistakes([new Mistake(null, Prose(feedback.For(lang), part), w.OneConventionOnly, spec.OneConventionPoints is { } p ? w.Earns(p, part.Points) : null)]));
    }

    private static Paragraph Paragraph(string text, Part part) => new(Prose(text, part));

    private static ImmutableArray<Inline> Prose(string text, Part part) => Documents.Prose.Parse(text, part.Context.Symbols);
}

/// <summary>The fixed words of a solution sheet that come from a key (Answer, Options, what a mistake earns).</summary>
public sealed class KeyWords
{
    private readonly bool _fa;

    private KeyWords(SheetLanguage language)
    {
        Language = language;
        _fa = language == SheetLanguage.Persian;
    }

    public static KeyWords For(SheetLanguage language) => new(language);

    public SheetLanguage Language { get; }

    public string SolutionsOf => _fa ? "پاسخ‌نامه" : "Solutions";

    public string Answer => _fa ? "پاسخ" : "Answer";

    public string Derivation => _fa ? "استخراج گام به گام" : "Derivation, step by step";

    public string DerivationUnder(string part) => _fa
        ? $"استخراج این بخش همان است که زیر بخش {part} آمد؛ نتیجه‌های آن پاسخ این بخش را هم می‌دهند."
        : $"This part's derivation is the one under {part}; its results answer this part too.";

    public string Options => _fa ? "گزینه‌ها" : "Options";

    public string Rubric => _fa ? "معیار نمره‌دهی" : "Rubric";

    public string GradedByAPerson => _fa
        ? "این بخش را یک نفر با معیارهای زیر نمره می‌دهد."
        : "A person grades this part with the points below.";

    public string SubsetCredit => _fa ? "انتخاب بخشی از گزینه‌های درست بخشی از نمره را دارد" : "choosing some of the right options earns part of the points";

    public string OneConventionOnly => _fa ? "درست فقط با یکی از دو قرارداد پله" : "Right under one step convention only";

    public string ListSeparator => _fa ? "، " : ", ";

    public string PointsWord(decimal points) => _fa ? "نمره" : points == 1 ? "point" : "points";

    /// <summary>A number of points in the sheet's digits (۲٫۵ in Persian).</summary>
    public string Points(decimal points) => _fa ? Phrases.Digits(points) : Phrases.Points(points);

    public string Earns(decimal points, decimal of) => _fa
        ? $"{Points(points)} از {Points(of)} نمره"
        : $"earns {Points(points)} of {Points(of)} {PointsWord(of)}";

    public string Choosing(string letters) => _fa ? $"انتخاب ({letters})" : $"Choosing ({letters})";

    public string Missing(char letter) => _fa ? $"جا انداختن ({letter})" : $"Leaving out ({letter})";

    /// <summary>A mistake the checker diagnoses rather than one written out (a sign, a missing transpose).</summary>
    public string Diagnosis(DiagnosisKind kind) => (_fa, kind) switch
    {
        (false, DiagnosisKind.Sign) => "The sign is wrong",
        (true, DiagnosisKind.Sign) => "علامت نادرست",
        (false, DiagnosisKind.Transpose) => "The transpose is missing or extra",
        (true, DiagnosisKind.Transpose) => "ترانهادهٔ جاافتاده یا اضافه",
        (false, DiagnosisKind.Factor) => "Off by a constant factor",
        (true, DiagnosisKind.Factor) => "اختلاف در یک ضریب ثابت",
        (false, DiagnosisKind.Shape) => "Shapes that do not fit",
        (true, DiagnosisKind.Shape) => "ابعادی که با هم جور نیستند",
        (false, _) => "Undefined where the answer is defined",
        (true, _) => "تعریف‌نشده جایی که پاسخ تعریف شده است",
    };

    public string Simulated(StepRequirement step, int maxLength)
    {
        var n = Points(maxLength);
        var requirement = (_fa, step) switch
        {
            (false, StepRequirement.Both) => "It must be right whether $\\phi(0) = 0$ or $\\phi(0) = 1$.",
            (true, StepRequirement.Both) => "شبکه باید چه $\\phi(0) = 0$ باشد چه $\\phi(0) = 1$ درست باشد.",
            (false, StepRequirement.Strict) => "It must be right with $\\phi(0) = 0$.",
            (true, StepRequirement.Strict) => "شبکه باید با $\\phi(0) = 0$ درست باشد.",
            (false, StepRequirement.Inclusive) => "It must be right with $\\phi(0) = 1$.",
            (true, StepRequirement.Inclusive) => "شبکه باید با $\\phi(0) = 1$ درست باشد.",
            (false, _) => "It must be right under at least one of $\\phi(0) = 0$ and $\\phi(0) = 1$.",
            (true, _) => "شبکه باید دست‌کم با یکی از $\\phi(0) = 0$ و $\\phi(0) = 1$ درست باشد.",
        };
        return _fa
            ? $"پاسخ با شبیه‌سازی همهٔ ورودی‌ها تا طول {n} بررسی می‌شود. {requirement}"
            : $"An answer is checked by simulating every input up to length {n}. {requirement}";
    }
}
