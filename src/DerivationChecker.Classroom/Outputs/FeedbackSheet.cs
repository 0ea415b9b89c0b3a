using System.Text;
using System.Text.RegularExpressions;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Classroom.Submissions;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Outputs;

/// <summary>
/// feedback/&lt;student&gt;.md: for every part the points, the verdict and why in plain words (the key's
/// feedback for a known mistake, the counterexample, the layout note, where an answer could not be
/// read with a pointer and a hint), the answer as graded in <c>$$…$$</c>, and how it was found. In
/// Persian the sheet sits in a <c>&lt;div dir="rtl"&gt;</c> that GitHub renders right-to-left, while
/// formulas stay left-to-right (<c>$…$</c>, and Unicode formulas inside directional isolates).
/// </summary>
public static partial class FeedbackSheet
{
    public const string Folder = "feedback";

    /// <summary>A file name for a student id: letters (any script), digits, '-', '_' and '.'; anything else '_'.</summary>
    public static string FileName(string studentId)
    {
        var safe = new string([.. studentId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.');
        return (safe.Length == 0 ? "student" : safe) + ".md";
    }

    public static string Anchor(string partId) => $"part-{partId}";

    public static string Write(ClassResult result, StudentResult student, Language language)
    {
        var fa = language == Language.Fa;
        var w = new Words(language);
        var sb = new StringBuilder();
        sb.Append("<!-- written by dc grade; regenerated on every run -->\n");
        if (fa) sb.Append("<div dir=\"rtl\">\n\n");
        sb.Append("# ").Append(w["Feedback", "بازخورد"]).Append(": ").Append(Escape(fa ? result.TitleFa : result.TitleEn)).Append("\n\n");
        sb.Append("**").Append(w["Student", "دانشجو"]).Append(":** ").Append(Escape(student.Name is null ? student.Id : $"{student.Name} ({student.Id})"))
            .Append(" · **").Append(w["File", "فایل"]).Append(":** `").Append(student.Source.Replace("`", "'", StringComparison.Ordinal)).Append("`\n\n");
        sb.Append("**").Append(w["Total", "نمرهٔ کل"]).Append(": ").Append(w.Points(student.Total)).Append(' ').Append(w["of", "از"]).Append(' ')
            .Append(w.Points(student.MaxPoints)).Append("**\n\n");

        foreach (var issue in student.Issues)
            sb.Append("> ⚠️ ").Append(Escape(fa ? issue.MessageFa : issue.MessageEn)).Append("\n>\n");
        var review = student.NeedsReview.ToList();
        if (review.Count > 0)
        {
            sb.Append("> ").Append(w["A person will look at", "این بخش‌ها را یک نفر بررسی می‌کند"]).Append(": ")
                .Append(string.Join(fa ? "، " : ", ", review.Select(p => $"[{p.Part}](#{Anchor(p.Part)}) ({string.Join(fa ? "، " : ", ", p.Flags.Select(w.Flag))})")))
                .Append("\n\n");
        }
        else if (student.Issues.Length > 0) sb.Append('\n');

        sb.Append("| ").Append(w["part", "بخش"]).Append(" | ").Append(w["points", "نمره"]).Append(" | ").Append(w["result", "نتیجه"]).Append(" |\n|---|---|---|\n");
        foreach (var p in student.Parts)
            sb.Append($"| [{p.Part}](#{Anchor(p.Part)}) | {w.Points(p.Points)} / {w.Points(p.MaxPoints)} | {w.Verdict(p.Verdict)} |\n");
        sb.Append('\n');

        foreach (var (p, info) in student.Parts.Zip(result.Parts))
        {
            sb.Append("<a id=\"").Append(Anchor(p.Part)).Append("\"></a>\n\n");
            sb.Append("## ").Append(p.Part).Append(" — ").Append(w.Points(p.Points)).Append(' ').Append(w["of", "از"]).Append(' ').Append(w.Points(p.MaxPoints))
                .Append(" · ").Append(w.Verdict(p.Verdict)).Append("\n\n");
            var statement = (fa ? info.StatementFa : info.StatementEn).Trim();
            if (statement.Length > 0) sb.Append("> ").Append(statement.Replace("\n", "\n> ", StringComparison.Ordinal)).Append("\n\n");

            if (p.Answer is { } answer)
            {
                sb.Append("**").Append(w["Your answer", "پاسخ شما"]).Append("** (").Append(w.FoundBy(answer.FoundBy, p.Part));
                if (answer.Where is { } where) sb.Append(fa ? "، " : ", ").Append(w.Where(where));
                sb.Append("):\n\n");
                AppendAnswer(sb, answer.Text, p.Error is null ? info.Mode : "unreadable");
                if (answer.Truncated) sb.Append(w["(cut short here)", "(ادامهٔ پاسخ نشان داده نشده است)"]).Append("\n\n");
            }

            foreach (var line in (fa ? p.FeedbackFa : p.FeedbackEn).Split('\n').Where(l => l.Trim().Length > 0))
                sb.Append(line.StartsWith("  •", StringComparison.Ordinal) ? "- " + Escape(line.Trim().TrimStart('•').Trim()) : Escape(line)).Append("\n\n");
            if (p.Error is { } error)
            {
                sb.Append(w["Where reading stopped", "جایی که خواندن متوقف شد"]).Append(fa ? $" (سطر {Words.Digits(error.Line)}، ستون {Words.Digits(error.Column)}):" : $" (line {error.Line}, column {error.Column}):").Append("\n\n");
                sb.Append("````text\n").Append(error.Pointer).Append("\n````\n\n");
            }
            if (p.Quantities.Length > 1)
            {
                foreach (var q in p.Quantities)
                    sb.Append("- ").Append(Escape(q.Label)).Append(": ").Append(w.Points(q.Points)).Append(" / ").Append(w.Points(q.MaxPoints)).Append(" · ").Append(w.Verdict(q.Verdict)).Append('\n');
                sb.Append('\n');
            }
            if (p.Answer is { FoundBy: FoundBy.LeftHandSide })
                sb.Append("_").Append(w[$"Found by its left-hand side. Next time put it under the heading “{p.Part}” of the template.",
                    $"این پاسخ از روی سمت چپ معادله پیدا شد. دفعهٔ بعد آن را زیر عنوان «{p.Part}» قالب بنویسید."]).Append("_\n\n");
            sb.Append("<sub>").Append(w["how", "روش"]).Append(": ").Append(Escape(p.Method)).Append("</sub>\n\n");
        }
        if (fa) sb.Append("</div>\n");
        return sb.ToString();
    }

    private static void AppendAnswer(StringBuilder sb, string text, string mode)
    {
        if (mode == "unreadable")
        {
            // It does not read, so it would not render either: shown as typed.
            sb.Append("````text\n").Append(text.Replace("````", "` ` ` `", StringComparison.Ordinal)).Append("\n````\n\n");
            return;
        }
        if (mode is "prose" or "choice")
        {
            foreach (var line in text.Split('\n'))
                sb.Append("> ").Append(Escape(line)).Append('\n');
            sb.Append('\n');
            return;
        }
        // Inside $$…$$ a blank line would end the block, and < could open an HTML tag.
        var math = BlankLines().Replace(text.Trim(), "\n").Replace("<", @"\lt ", StringComparison.Ordinal).Replace(">", @"\gt ", StringComparison.Ordinal);
        sb.Append("$$\n").Append(math).Append("\n$$\n\n");
    }

    /// <summary>Markdown-safe text: no HTML, no emphasis from a stray star, no math from a stray dollar.</summary>
    public static string Escape(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("*", @"\*", StringComparison.Ordinal)
        .Replace("$", @"\$", StringComparison.Ordinal);

    [GeneratedRegex(@"\n\s*\n", RegexOptions.None, 1000)]
    private static partial Regex BlankLines();

    /// <summary>The words of a sheet in its language.</summary>
    internal sealed partial class Words(Language language)
    {
        private bool Fa => language == Language.Fa;

        public string this[string en, string fa] => Fa ? fa : en;

        public string Points(decimal points) => Fa ? Phrases.Digits(points) : Phrases.Points(points);

        public static string Digits(int n) => Phrases.Digits(n);

        public string Verdict(string verdict) => verdict switch
        {
            "full" => this["full marks", "نمرهٔ کامل"],
            "partial" => this["part of the points", "بخشی از نمره"],
            "none" => this["no points", "بدون نمره"],
            "manual" => this["graded by a person", "تصحیح دستی"],
            "inconclusive" => this["undecided: a person will check", "نامشخص: یک نفر بررسی می‌کند"],
            "invalid" => this["could not be read", "خوانده نشد"],
            "missing" => this["not found", "پیدا نشد"],
            "error" => this["grader failure: a person will check", "خطای بررسی‌کننده: یک نفر بررسی می‌کند"],
            _ => verdict,
        };

        public string Flag(string flag) => !Fa ? flag : flag switch
        {
            ClassFlags.ManualReview => "بررسی دستی",
            ClassFlags.Inconclusive => "نامشخص",
            ClassFlags.Timeout => "پایان زمان",
            ClassFlags.ParseError => "خطای خواندن",
            ClassFlags.NotFound => "پیدا نشد",
            ClassFlags.TooLarge => "بیش از حد بزرگ",
            ClassFlags.InternalError => "خطای بررسی‌کننده",
            _ => flag,
        };

        public string FoundBy(string? how, string part) => how switch
        {
            Submissions.FoundBy.Template => this[$"under the heading {part}", $"زیر عنوان {part}"],
            Submissions.FoundBy.Heading => this["under the question's number and letter", "زیر شمارهٔ سؤال و حرف بخش"],
            Submissions.FoundBy.LeftHandSide => this["found by its left-hand side", "از روی سمت چپ معادله"],
            _ => this["as found", "آن‌چه پیدا شد"],
        };

        public string Where(string where)
        {
            if (!Fa) return where;
            var m = Location().Match(where);
            if (!m.Success) return where;
            var n = Digits(int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture));
            return m.Groups["kind"].Value == "line" ? $"سطر {n}" : $"سلول {n}";
        }

        [GeneratedRegex(@"^(?<kind>line|cell) (?<n>\d+)$", RegexOptions.None, 1000)]
        private static partial Regex Location();
    }
}
