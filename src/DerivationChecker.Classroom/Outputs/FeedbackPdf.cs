using System.Collections.Immutable;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Grading.Keys;
using DerivationChecker.Grading.Results;
using DerivationChecker.Notation;
using DerivationChecker.Publishing.Documents;
using DerivationChecker.Publishing.Pdf;
using DerivationChecker.Publishing.Writers;

namespace DerivationChecker.Classroom.Outputs;

/// <summary>What making the feedback PDFs gave: the files written and, per student, why one could not be made.</summary>
public sealed record FeedbackPdfs(IReadOnlyList<string> Written, IReadOnlyList<(string Student, string Error)> Failed);

/// <summary>
/// feedback/&lt;student&gt;.pdf (dc grade --pdf): each student's feedback laid out as a sheet and set
/// with the solution sheets' LaTeX template through XeLaTeX. What a student wrote never reaches the
/// LaTeX as written: an answer that reads is drawn from the engine's expression, anything else (prose,
/// an unreadable line, a message) is set as escaped text. Should a sheet still not compile, it is made
/// again with every formula as plain text; a student whose PDF cannot be made is reported, never lost
/// (the Markdown feedback is there either way).
/// </summary>
public static class FeedbackPdf
{
    public static async Task<FeedbackPdfs> WriteAll(string output, ClassResult result, AnswerKey key, Language language, SheetTemplate template, int jobs, Action<int, int>? progress = null, CancellationToken cancel = default)
    {
        var folder = Path.Combine(output, FeedbackSheet.Folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var failed = new List<(string, string)>();
        var done = 0;
        var gate = new object();
        await Parallel.ForEachAsync(result.Students, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = cancel }, async (student, token) =>
        {
            var pdf = Path.Combine(folder, Path.ChangeExtension(FeedbackSheet.FileName(student.Id), ".pdf"));
            var error = await WriteOne(pdf, result, student, key, language, template, token);
            lock (gate)
            {
                if (error is null) written.Add(pdf);
                else failed.Add((student.Id, error));
                progress?.Invoke(++done, result.Students.Length);
            }
        });
        written.Sort(StringComparer.Ordinal);
        failed.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return new FeedbackPdfs(written, failed);
    }

    /// <summary>Writes one student's PDF; null when it was written, else why not.</summary>
    public static async Task<string?> WriteOne(string pdf, ClassResult result, StudentResult student, AnswerKey key, Language language, SheetTemplate template, CancellationToken cancel)
    {
        string? error = null;
        foreach (var formulas in new[] { true, false })
        {
            var latex = SheetRenderer.Render(Build(result, student, key, language, formulas), OutputFormat.Latex, template);
            var compiled = await XeLatex.CompileTextAsync(latex, pdf, TimeSpan.FromMinutes(1), cancel);
            if (compiled.Ok) return null;
            error = compiled.Error;
            if (XeLatex.Find() is null) return error;
        }
        return error;
    }

    /// <summary>
    /// The feedback of one student as a sheet: a section per part with its points and verdict, the
    /// statement, the answer as graded, the feedback and how it was reached. With <paramref name="formulas"/>
    /// false every formula is plain text (the fallback when a sheet does not compile).
    /// </summary>
    public static Sheet Build(ClassResult result, StudentResult student, AnswerKey key, Language language, bool formulas = true)
    {
        var fa = language == Language.Fa;
        var w = new FeedbackSheet.Words(language);
        var sections = ImmutableArray.CreateBuilder<Section>();
        var front = ImmutableArray.CreateBuilder<Block>();
        foreach (var issue in student.Issues) front.Add(Text("⚠ " + (fa ? issue.MessageFa : issue.MessageEn)));
        var review = student.NeedsReview.Select(p => p.Part).ToList();
        if (review.Count > 0) front.Add(Text(w["A person will look at", "این بخش‌ها را یک نفر بررسی می‌کند"] + ": " + string.Join(fa ? "، " : ", ", review)));
        foreach (var p in student.Parts)
            front.Add(Text($"{p.Part}: {w.Points(p.Points)} / {w.Points(p.MaxPoints)} · {w.Verdict(p.Verdict)}"));
        sections.Add(new Section(w["Summary", "خلاصه"], front.ToImmutable()));

        foreach (var (p, info) in student.Parts.Zip(result.Parts))
        {
            var part = key.FindPart(p.Part);
            var blocks = ImmutableArray.CreateBuilder<Block>();
            var statement = (fa ? info.StatementFa : info.StatementEn).Trim();
            if (statement.Length > 0) blocks.Add(formulas ? new Paragraph(Prose.Parse(statement, part?.Context.Symbols)) : Text(statement));
            if (p.Answer is { } answer)
            {
                blocks.Add(new Subheading(w["Your answer", "پاسخ شما"]));
                blocks.AddRange(Answer(answer.Text, p.Error is null ? info.Mode : "unreadable", part, formulas));
                if (answer.Truncated) blocks.Add(Text(w["(cut short here)", "(ادامهٔ پاسخ نشان داده نشده است)"]));
            }
            foreach (var line in p.Feedback(language).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
                blocks.Add(formulas ? new Paragraph(Trusted(Prose.Parse(line.TrimStart('•').Trim(), part?.Context.Symbols))) : Text(line.TrimStart('•').Trim()));
            if (p.Error is { } error)
                blocks.Add(Text(w["Where reading stopped", "جایی که خواندن متوقف شد"] + (fa ? $" (سطر {Phrases.Digits(error.Line)}، ستون {Phrases.Digits(error.Column)})" : $" (line {error.Line}, column {error.Column})")));
            if (p.Quantities.Length > 1)
                foreach (var q in p.Quantities)
                    blocks.Add(Text($"{q.Label}: {w.Points(q.Points)} / {w.Points(q.MaxPoints)} · {w.Verdict(q.Verdict)}"));
            blocks.Add(Text(w["how", "روش"] + ": " + p.Method));
            sections.Add(new Section($"{p.Part} — {w.Points(p.Points)} {w["of", "از"]} {w.Points(p.MaxPoints)} · {w.Verdict(p.Verdict)}", blocks.ToImmutable()));
        }
        var who = student.Name is null ? student.Id : $"{student.Name} ({student.Id})";
        return new Sheet(
            $"{w["Feedback", "بازخورد"]}: {(fa ? result.TitleFa : result.TitleEn)}",
            $"{w["Student", "دانشجو"]}: {who} · {w["Total", "نمرهٔ کل"]}: {w.Points(student.Total)} {w["of", "از"]} {w.Points(student.MaxPoints)}",
            fa ? SheetLanguage.Persian : SheetLanguage.English,
            sections.ToImmutable());
    }

    /// <summary>An answer as graded: each line that reads is drawn from its expression, the rest is text.</summary>
    private static IEnumerable<Block> Answer(string text, string mode, Part? part, bool formulas)
    {
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            // A command the reader did not know (\mystery) was read as a name and would be written back as
            // that command, which TeX does not know either: such a line is shown as text.
            if (formulas && mode is not ("prose" or "choice" or "unreadable")
                && MathReader.Read(line, part?.Context.Symbols, Syntax.Latex) is { Ok: true, Value: { } value } read
                && !read.Warnings.Any(w => w.StartsWith("Unknown command", StringComparison.Ordinal)))
                yield return new DisplayMath(value);
            else
                yield return Text(line);
        }
    }

    /// <summary>
    /// Feedback can quote what a student wrote: its formulas are written from the engine's expressions,
    /// never copied as LaTeX, and a formula that does not read is shown as text.
    /// </summary>
    private static ImmutableArray<Inline> Trusted(ImmutableArray<Inline> runs) =>
    [
        .. runs.Select(r => r switch
        {
            InlineMath m => new InlineMath(m.Formula),
            UnreadMath u => new TextRun(u.Latex),
            _ => r,
        }),
    ];

    /// <summary>
    /// Words as text. A page cannot show 50 kB of braces: past <see cref="LongestText"/> characters a
    /// text is cut (the Markdown feedback has it whole), and a run with no space is broken every
    /// <see cref="LongestWord"/> characters so that TeX can break the line at all.
    /// </summary>
    private static Paragraph Text(string text)
    {
        if (text.Length > LongestText) text = text[..LongestText] + " … (" + (text.Length - LongestText) + " more characters in the Markdown feedback)";
        var sb = new System.Text.StringBuilder(text.Length + 16);
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsWhiteSpace(c) ? 0 : run + 1;
            if (run > LongestWord)
            {
                sb.Append(' ');
                run = 1;
            }
            sb.Append(c);
        }
        return new([new TextRun(sb.ToString())]);
    }

    private const int LongestText = 600;
    private const int LongestWord = 60;
}
