using System.Collections.Immutable;
using System.Diagnostics;
using DerivationChecker.Grading.Answers;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>How an answer was found: under the template's heading, under a numbered heading or label, or by its left-hand side anywhere.</summary>
public static class FoundBy
{
    public const string Template = "template";
    public const string Heading = "heading";
    public const string LeftHandSide = "left-hand-side";
}

/// <summary>
/// The answer found for one part: the text to grade (null when none was found, with
/// <see cref="Problem"/> saying why), how it was found and where. <see cref="TooLarge"/>: the answer is
/// longer than the grader reads.
/// </summary>
public sealed record LocatedAnswer(string PartId, string? Text, string? FoundBy, string? Where, LocalizedText? Problem = null, bool TooLarge = false)
{
    public bool Found => Text is not null;
}

/// <summary>
/// Finds each part's answer in a submission. First by the part's label: the template's heading
/// (<c>## q2a</c>, <c>%% part: q2a</c>), or the question number and sub-part letter students write
/// (<c>۲.</c> … <c>الف)</c>, <c>Question 2 (b)</c>); the label's region runs to the next label. Inside a
/// region the answer is, in order: the statements whose left-hand side names the part's quantity, a
/// <c>\boxed{…}</c> formula, the last display formula that reads, the last inline equation. A part with
/// no region, or none of those in it, is looked for anywhere by its left-hand side
/// (<c>\frac{\partial J_t}{\partial o_t} = …</c>). Choice parts take an "Answer:"/"پاسخ:" line or the
/// letters after "گزینه"/"option"; prose parts take the region's text (a person grades it).
/// </summary>
public sealed class PartLocator
{
    private readonly AnswerKey _key;
    private readonly ImmutableArray<string> _partIds;
    private readonly ImmutableDictionary<(int Question, char? Sub), string> _byNumber;
    private readonly int _maxQuestion;
    private readonly int _maxAnswerChars;

    public PartLocator(AnswerKey key, int maxAnswerChars = DefaultMaxAnswerChars)
    {
        _key = key;
        _partIds = [.. key.Parts.Select(p => p.Id)];
        _byNumber = PartLabels.Map(_partIds);
        _maxQuestion = _byNumber.Keys.Select(k => k.Question).DefaultIfEmpty(0).Max();
        _maxAnswerChars = maxAnswerChars;
    }

    /// <summary>An answer longer than this is not read: it is flagged too-large for a person.</summary>
    public const int DefaultMaxAnswerChars = 50_000;

    /// <summary>The answer to every part of the key, in the key's order. Past <paramref name="deadline"/> the search by left-hand side stops.</summary>
    public ImmutableArray<LocatedAnswer> Locate(SubmissionDocument document, TimeSpan? deadline = null)
    {
        var started = Stopwatch.GetTimestamp();
        var regions = Regions(document.Blocks);
        var reader = new SnippetReader(_maxAnswerChars);
        var everywhere = Snippets(document.Blocks).Where(s => s.Latex.Length > 0).ToList();
        bool PastDeadline() => deadline is { } d && Stopwatch.GetElapsedTime(started) > d;

        // First every part's answer in its own section; then, for the parts with none, the search by
        // left-hand side, which must not take a formula that is already another part's answer (δ_t = …
        // under q3c names a quantity of q3a too).
        var found = new LocatedAnswer?[_key.Parts.Length];
        var taken = new HashSet<Snippet>();
        for (var i = 0; i < _key.Parts.Length; i++)
        {
            var part = _key.Parts[i];
            regions.TryGetValue(part.Id, out var region);
            found[i] = part.Mode switch
            {
                ModeNames.Choice => Choice(part, region),
                ModeNames.Prose => Prose(part, region),
                ModeNames.Circuit => Circuit(part, region, reader),
                _ => InRegion(part, region, reader, PastDeadline, taken),
            };
        }
        var free = everywhere.Where(s => !taken.Contains(s)).ToList();
        var answers = ImmutableArray.CreateBuilder<LocatedAnswer>();
        for (var i = 0; i < _key.Parts.Length; i++)
        {
            var part = _key.Parts[i];
            regions.TryGetValue(part.Id, out var region);
            var answer = found[i] ?? Elsewhere(part, region, free, reader, PastDeadline);
            if (answer.Text is { } text && text.Length > _maxAnswerChars)
                answer = answer with { Text = text[.._maxAnswerChars], TooLarge = true };
            answers.Add(answer);
        }
        return answers.ToImmutable();
    }

    /// <summary>A labelled stretch of a submission: the blocks after a part's label, to the next label.</summary>
    private sealed record Region(string FoundBy, string Where, List<DocBlock> Blocks);

    private Dictionary<string, Region> Regions(ImmutableArray<DocBlock> blocks)
    {
        var regions = new Dictionary<string, Region>(StringComparer.Ordinal);
        var question = 0;
        char? sub = null;
        LetterScript? script = null;
        Region? current = null;
        foreach (var block in blocks)
        {
            var label = Label(block);
            if (label is not null && Accept(label, block, question, sub, script))
            {
                if (label.Question is { } n && n != question)
                {
                    question = n;
                    sub = null;
                    script = null;
                }
                if (label.Sub is { } s)
                {
                    sub = s;
                    script ??= label.Script;
                }
                var id = label.PartId ?? (sub is { } letter ? _byNumber.GetValueOrDefault((question, letter)) : _byNumber.GetValueOrDefault((question, null)));
                current = null;
                if (id is not null)
                {
                    var how = label.PartId is not null ? FoundBy.Template : FoundBy.Heading;
                    if (!regions.TryGetValue(id, out current) || (current.FoundBy == FoundBy.Heading && how == FoundBy.Template))
                        regions[id] = current = new Region(how, block.Where, []);
                    if (block.Kind == BlockKind.Paragraph && label.Rest.Length > 0)
                        current.Blocks.Add(block with { Text = label.Rest, InlineMath = [.. LatexSubmission.InlineMath(label.Rest)] });
                }
                continue;
            }
            current?.Blocks.Add(block);
        }
        return regions;
    }

    private PartLabel? Label(DocBlock block)
    {
        if (block.Marker is { } marker)
            return PartLabels.Read(marker, _partIds, heading: true) ?? new PartLabel(null, null, null, null, "");
        if (block.Kind == BlockKind.DisplayMath || (block.Nested && block.Kind == BlockKind.Paragraph)) return null;
        return PartLabels.Read(block.Text, _partIds, heading: block.Kind == BlockKind.Heading);
    }

    /// <summary>
    /// Numbering in prose is taken as a label only when it moves forward: questions in order (a jump of
    /// at most two), sub-parts after the current one and in the alphabet the question started with —
    /// a student who labels parts (a), (b) lists the options (آ), (ب) inside them.
    /// </summary>
    private bool Accept(PartLabel label, DocBlock block, int question, char? sub, LetterScript? script)
    {
        if (label.PartId is not null) return true;
        if (label.Question is { } n)
        {
            if (n < 1 || n > _maxQuestion) return false;
            if (block.Kind == BlockKind.Heading) return true;
            // A worded label ("سوال ۶") may skip questions; a bare number must not jump far (it may be a list item).
            return question == 0 || (n >= question && (n <= question + 2 || (label.Worded && n > question)) && (n > question || label.Sub is not null));
        }
        if (label.Sub is not { } s || question == 0) return false;
        if (script is not null && label.Script != script) return false;
        return sub is null || s > sub;
    }

    /// <summary>A formula of the submission: display math, or an inline formula of a paragraph.</summary>
    private sealed record Snippet(string Latex, bool Display, string Where);

    private static IEnumerable<Snippet> Snippets(IEnumerable<DocBlock> blocks)
    {
        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.DisplayMath) yield return new Snippet(MathSnippet.Clean(block.Text), true, block.Where);
            else if (block.Kind == BlockKind.Paragraph)
                foreach (var math in block.InlineMath) yield return new Snippet(MathSnippet.Clean(math), false, block.Where);
        }
    }

    /// <summary>A symbolic, numeric or count part's answer in its own section (null: none there); the formulas it took go into <paramref name="taken"/>.</summary>
    private static LocatedAnswer? InRegion(Part part, Region? region, SnippetReader reader, Func<bool> pastDeadline, HashSet<Snippet> taken)
    {
        if (region is null) return null;
        var quantities = ((QuantitiesSpec)part.Spec).Quantities;
        var snippets = Snippets(region.Blocks).Where(s => s.Latex.Length > 0).ToList();
        var named = Named(part, quantities, snippets, reader, pastDeadline, withDefinitions: true);
        if (named is { } n)
        {
            taken.UnionWith(n.Used);
            return new LocatedAnswer(part.Id, n.Text, region.FoundBy, n.Used[0].Where);
        }
        var boxed = snippets.SelectMany(s => MathSnippet.Boxed(s.Latex)).ToList();
        if (boxed.Count > 0) return new LocatedAnswer(part.Id, string.Join('\n', boxed.Select(MathSnippet.Clean)), region.FoundBy, region.Where);
        var display = snippets.LastOrDefault(s => s.Display && reader.Read(s.Latex, part.Context).Ok);
        if (display is not null)
        {
            taken.Add(display);
            return new LocatedAnswer(part.Id, display.Latex, region.FoundBy, display.Where);
        }
        var equation = snippets.LastOrDefault(s => !s.Display && s.Latex.Contains('=') && reader.Read(s.Latex, part.Context).Ok);
        if (equation is not null)
        {
            taken.Add(equation);
            return new LocatedAnswer(part.Id, equation.Latex, region.FoundBy, equation.Where);
        }
        return null;
    }

    /// <summary>A part with no answer in its own section: by its left-hand side anywhere else, or what its section has that does not read.</summary>
    private LocatedAnswer Elsewhere(Part part, Region? region, List<Snippet> free, SnippetReader reader, Func<bool> pastDeadline)
    {
        var quantities = ((QuantitiesSpec)part.Spec).Quantities;
        var byName = Named(part, quantities, free, reader, pastDeadline, withDefinitions: false);
        if (byName is { } b) return new LocatedAnswer(part.Id, b.Text, FoundBy.LeftHandSide, b.Used[0].Where);

        if (region is not null)
        {
            // A formula that does not read is still the answer: grading it shows the student where it breaks.
            var unreadable = Snippets(region.Blocks).LastOrDefault(s => s.Display) ?? Snippets(region.Blocks).LastOrDefault(s => s.Latex.Contains('='));
            if (unreadable is not null) return new LocatedAnswer(part.Id, unreadable.Latex, region.FoundBy, unreadable.Where);
            // No formula at all: a line of plain text that reads as math ("6, 1, 2").
            var plain = region.Blocks.Where(b => b.Kind == BlockKind.Paragraph)
                .SelectMany(b => b.Text.Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).Reverse()
                .FirstOrDefault(l => reader.Read(MathSnippet.Clean(l), part.Context).Ok && l.Any(c => char.IsAsciiDigit(c) || c == '='));
            if (plain is not null) return new LocatedAnswer(part.Id, MathSnippet.Clean(plain), region.FoundBy, region.Where);
            return new LocatedAnswer(part.Id, null, region.FoundBy, region.Where,
                new($"The section for {part.Id} has no formula to grade.", $"بخش {part.Id} فرمولی برای نمره‌دادن ندارد."));
        }
        return NotFound(part);
    }

    /// <summary>
    /// For each quantity the last snippet with an equation naming it, and with <paramref name="withDefinitions"/>
    /// the snippets defining the part's intermediates (∂q_t/∂x_i = … in a formula of its own); the snippets
    /// in document order, or null when no quantity is named.
    /// </summary>
    private static (string Text, List<Snippet> Used)? Named(Part part, ImmutableArray<Quantity> quantities, List<Snippet> snippets, SnippetReader reader, Func<bool> pastDeadline, bool withDefinitions)
    {
        if (quantities.All(q => q.Names.IsEmpty)) return null;
        var chosen = new Dictionary<Quantity, int>();
        var definitions = new HashSet<int>();
        for (var i = 0; i < snippets.Count; i++)
        {
            if (pastDeadline()) break;
            var answer = reader.Read(snippets[i].Latex, part.Context);
            if (!answer.Ok) continue;
            foreach (var item in answer.Items.Where(it => it.IsEquation))
            {
                foreach (var q in quantities.Where(q => item.Sides.Any(side => QuantityMatcher.Names(q, side))))
                    chosen[q] = i;
                if (withDefinitions && StudentDefinitions.Defines(part, item.Sides[0])) definitions.Add(i);
            }
        }
        if (chosen.Count == 0) return null;
        var indices = chosen.Values.Concat(definitions).Distinct().Order().ToList();
        return (string.Join('\n', indices.Select(i => snippets[i].Latex)), [.. indices.Select(i => snippets[i])]);
    }

    private LocatedAnswer Choice(Part part, Region? region)
    {
        if (region is null) return NotFound(part);
        var text = string.Join('\n', region.Blocks.Where(b => b.Kind != BlockKind.Heading).Select(b => b.Text)).Trim();
        var answer = ChoiceText.Find(text);
        return answer is null
            ? new LocatedAnswer(part.Id, null, region.FoundBy, region.Where, text.Length == 0
                ? Empty(part)
                : new($"Could not tell which option is chosen for {part.Id}: write a line 'Answer: b'.", $"معلوم نیست در بخش {part.Id} کدام گزینه انتخاب شده است: سطری به شکل «پاسخ: ب» بنویسید."))
            : new LocatedAnswer(part.Id, answer, region.FoundBy, region.Where);
    }

    private LocatedAnswer Circuit(Part part, Region? region, SnippetReader reader)
    {
        if (region is null) return NotFound(part);
        var math = Snippets(region.Blocks).Where(s => s.Display && reader.Read(s.Latex, part.Context).Ok).Select(s => s.Latex).ToList();
        if (math.Count == 0)
            math = [.. region.Blocks.Where(b => b.Kind == BlockKind.Paragraph).SelectMany(b => b.Text.Split('\n')).Where(l => l.Contains('=')).Select(MathSnippet.Clean)];
        return math.Count == 0
            ? new LocatedAnswer(part.Id, null, region.FoundBy, region.Where,
                new($"The section for {part.Id} gives no parameter values.", $"بخش {part.Id} مقدار پارامترها را نمی‌دهد."))
            : new LocatedAnswer(part.Id, string.Join('\n', math), region.FoundBy, region.Where);
    }

    private LocatedAnswer Prose(Part part, Region? region)
    {
        if (region is null) return NotFound(part);
        var text = string.Join("\n\n", region.Blocks.Select(b => b.Kind == BlockKind.DisplayMath ? $"$${b.Text}$$" : b.Text)).Trim();
        return text.Length == 0
            ? new LocatedAnswer(part.Id, null, region.FoundBy, region.Where, Empty(part))
            : new LocatedAnswer(part.Id, text, region.FoundBy, region.Where);
    }

    private LocatedAnswer NotFound(Part part) => new(part.Id, null, null, null, Mentions(part));

    private static LocalizedText Empty(Part part) => new($"The section for {part.Id} is empty.", $"بخش {part.Id} خالی است.");

    private static LocalizedText Mentions(Part part)
    {
        if (part.Spec is QuantitiesSpec { Quantities: var qs } && qs.Any(q => !q.Names.IsEmpty))
        {
            var names = string.Join(" or ", qs.SelectMany(q => q.Names).Take(2).Select(n => $"${n.Latex}$"));
            var namesFa = string.Join(" یا ", qs.SelectMany(q => q.Names).Take(2).Select(n => $"${n.Latex}$"));
            return new($"No answer to {part.Id} was found: there is no heading '{part.Id}' and no equation whose left side is {names}.",
                $"پاسخی برای {part.Id} پیدا نشد: نه عنوانی با نام «{part.Id}» هست و نه معادله‌ای که سمت چپ آن {namesFa} باشد.");
        }
        return new($"No answer to {part.Id} was found: there is no heading '{part.Id}' (or its question number and letter).",
            $"پاسخی برای {part.Id} پیدا نشد: عنوانی با نام «{part.Id}» (یا شمارهٔ سؤال و حرف بخش آن) نیست.");
    }

    /// <summary>Reads snippets in a part's context once per document, skipping those too long to be an answer.</summary>
    private sealed class SnippetReader(int maxChars)
    {
        private readonly Dictionary<(string, KeyContext), StudentAnswer> _cache = [];

        public StudentAnswer Read(string latex, KeyContext context)
        {
            if (latex.Length > maxChars) return new StudentAnswer(latex, [], new ParseError(latex, 0, 0, "too long to read"));
            if (_cache.TryGetValue((latex, context), out var known)) return known;
            var read = AnswerReader.Read(latex, context);
            _cache[(latex, context)] = read;
            return read;
        }
    }
}
