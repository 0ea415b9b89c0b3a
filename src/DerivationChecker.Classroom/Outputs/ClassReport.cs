using System.Globalization;
using System.Net;
using System.Text;
using DerivationChecker.Classroom.Batch;
using DerivationChecker.Grading.Results;

namespace DerivationChecker.Classroom.Outputs;

/// <summary>
/// report.md and report.html: the class at a glance for the TA — per-part score distributions (text
/// bars in Markdown, inline SVG bar charts in HTML), the most common mistakes with counts, the parts
/// flagged for a person with links to the students' feedback, submission problems, and timing totals.
/// The HTML is one self-contained file: no script, no font, nothing fetched.
/// </summary>
public static class ClassReport
{
    public const string MarkdownFile = "report.md";
    public const string HtmlFile = "report.html";

    private static string P(decimal points) => GradesCsv.Points(points);

    private static string Link(string student, string? part = null) =>
        $"{FeedbackSheet.Folder}/{Uri.EscapeDataString(FeedbackSheet.FileName(student))}{(part is null ? "" : "#" + FeedbackSheet.Anchor(part))}";

    public static string Markdown(ClassResult result, Language language)
    {
        var stats = ClassStatistics.Of(result, language);
        var sb = new StringBuilder();
        sb.Append($"# {result.Set}: class report\n\n");
        sb.Append($"{Md(result.TitleEn)} — {Md(result.Course)}\n\n");
        sb.Append(Summary(result, stats)).Append("\n\n");
        sb.Append($"Key `{result.KeySha256[..12]}` · engine `{result.EngineVersion}`\n\n");

        sb.Append($"## Parts\n\n| {string.Join(" | ", PartColumns)} |\n|{string.Concat(PartColumns.Select(_ => "---|"))}\n");
        foreach (var p in stats.Parts) sb.Append($"| {string.Join(" | ", PartCells(p))} |\n");

        sb.Append("\n## Score distribution\n\n");
        foreach (var p in stats.Parts)
        {
            sb.Append($"**{p.Part.Id}** (out of {P(p.Part.Points)})\n\n| points | students | |\n|---:|---:|---|\n");
            var most = p.Histogram.Select(h => h.Count).DefaultIfEmpty(1).Max();
            foreach (var (points, count) in p.Histogram)
                sb.Append($"| {P(points)} | {count} | {new string('█', Math.Max(1, count * 30 / most))} |\n");
            sb.Append('\n');
        }
        sb.Append($"**Totals** (out of {P(result.MaxPoints)})\n\n| total | students |\n|---:|---:|\n");
        foreach (var (points, count) in stats.Totals) sb.Append($"| {P(points)} | {count} |\n");

        sb.Append("\n## Most common mistakes\n\n");
        if (stats.Mistakes.IsEmpty) sb.Append("None.\n");
        else
        {
            sb.Append("| part | students | kind | what they were told | who |\n|---|---:|---|---|---|\n");
            foreach (var m in stats.Mistakes)
                sb.Append($"| {m.Part} | {m.Count} | `{m.Kind}` | {Cell(m.Text)} | {string.Join(", ", m.Students.Take(6).Select(s => $"[{Cell(s)}]({Link(s, m.Part)})"))}{(m.Students.Length > 6 ? ", …" : "")} |\n");
        }

        sb.Append("\n## For a person to check\n\n");
        if (stats.Review.IsEmpty) sb.Append("Nothing: every part was decided.\n");
        else
        {
            sb.Append("| student | part | flags | why |\n|---|---|---|---|\n");
            foreach (var r in stats.Review)
                sb.Append($"| [{Cell(r.Student)}]({Link(r.Student)}) | {(r.Part == "all" ? "all" : $"[{r.Part}]({Link(r.Student, r.Part)})")} | {string.Join(", ", r.Flags)} | {Cell(r.Reason)} |\n");
        }
        var issues = result.Students.SelectMany(s => s.Issues.Select(i => (s.Id, Issue: i))).ToList();
        if (issues.Count > 0)
        {
            sb.Append("\n## Submission problems\n\n| student | flag | what |\n|---|---|---|\n");
            foreach (var (id, issue) in issues)
                sb.Append($"| [{Cell(id)}]({Link(id)}) | {issue.Flag} | {Cell(language == Language.Fa ? issue.MessageFa : issue.MessageEn)} |\n");
        }

        sb.Append("\n## Timing\n\n");
        foreach (var line in TimingLines(result.Timing)) sb.Append("- ").Append(line).Append('\n');
        return sb.ToString();
    }

    public static string Html(ClassResult result, Language language)
    {
        var stats = ClassStatistics.Of(result, language);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append($"<title>{H(result.Set)}: class report</title>\n");
        sb.Append("""
            <style>
            body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
            table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
            th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
            td.n, th.n { text-align: right; }
            .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
            .chart { border: 1px solid #ddd; padding: 0.5rem; }
            .flag { background: #fff3cd; border-radius: 0.25rem; padding: 0 0.3rem; margin-right: 0.2rem; font-size: 0.85em; }
            code { background: #f4f4f4; padding: 0 0.2rem; }
            </style>
            </head>
            <body>

            """);
        sb.Append($"<h1>{H(result.Set)}: class report</h1>\n<p>{H(result.TitleEn)} — {H(result.Course)}</p>\n");
        sb.Append($"<p>{H(Summary(result, stats))}<br>");
        sb.Append($"Key <code>{H(result.KeySha256[..12])}</code> · engine <code>{H(result.EngineVersion)}</code></p>\n");

        sb.Append($"<h2>Parts</h2>\n<table>\n<tr>{string.Concat(PartColumns.Select(c => $"<th>{c}</th>"))}</tr>\n");
        foreach (var p in stats.Parts) sb.Append($"<tr>{string.Concat(PartCells(p).Select(c => $"<td>{H(c)}</td>"))}</tr>\n");
        sb.Append("</table>\n");

        sb.Append("<h2>Score distribution</h2>\n<div class=\"charts\">\n");
        foreach (var p in stats.Parts)
            sb.Append("<div class=\"chart\">").Append(BarChart($"{p.Part.Id} (out of {P(p.Part.Points)})", p.Histogram)).Append("</div>\n");
        sb.Append("<div class=\"chart\">").Append(BarChart($"total (out of {P(result.MaxPoints)})", stats.Totals)).Append("</div>\n</div>\n");

        sb.Append("<h2>Most common mistakes</h2>\n");
        if (stats.Mistakes.IsEmpty) sb.Append("<p>None.</p>\n");
        else
        {
            sb.Append("<table>\n<tr><th>part</th><th class=\"n\">students</th><th>kind</th><th>what they were told</th><th>who</th></tr>\n");
            foreach (var m in stats.Mistakes)
                sb.Append($"<tr><td>{H(m.Part)}</td><td class=\"n\">{m.Count}</td><td><code>{H(m.Kind)}</code></td><td dir=\"auto\">{H(m.Text)}</td><td>{string.Join(", ", m.Students.Take(8).Select(s => $"<a href=\"{H(Link(s, m.Part))}\">{H(s)}</a>"))}{(m.Students.Length > 8 ? ", …" : "")}</td></tr>\n");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>For a person to check</h2>\n");
        if (stats.Review.IsEmpty) sb.Append("<p>Nothing: every part was decided.</p>\n");
        else
        {
            sb.Append("<table>\n<tr><th>student</th><th>part</th><th>flags</th><th>why</th></tr>\n");
            foreach (var r in stats.Review)
                sb.Append($"<tr><td><a href=\"{H(Link(r.Student))}\">{H(r.Student)}</a></td><td><a href=\"{H(Link(r.Student, r.Part))}\">{H(r.Part)}</a></td><td>{string.Concat(r.Flags.Select(f => $"<span class=\"flag\">{H(f)}</span>"))}</td><td dir=\"auto\">{H(r.Reason)}</td></tr>\n");
            sb.Append("</table>\n");
        }
        var issues = result.Students.SelectMany(s => s.Issues.Select(i => (s.Id, Issue: i))).ToList();
        if (issues.Count > 0)
        {
            sb.Append("<h2>Submission problems</h2>\n<table>\n<tr><th>student</th><th>flag</th><th>what</th></tr>\n");
            foreach (var (id, issue) in issues)
                sb.Append($"<tr><td><a href=\"{H(Link(id))}\">{H(id)}</a></td><td><span class=\"flag\">{H(issue.Flag)}</span></td><td dir=\"auto\">{H(language == Language.Fa ? issue.MessageFa : issue.MessageEn)}</td></tr>\n");
            sb.Append("</table>\n");
        }

        sb.Append("<h2>Timing</h2>\n<ul>\n");
        foreach (var line in TimingLines(result.Timing)) sb.Append("<li>").Append(H(line.Replace("`", "", StringComparison.Ordinal))).Append("</li>\n");
        sb.Append("</ul>\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>A bar per number of points, its height the number of students, labelled; pure SVG.</summary>
    public static string BarChart(string title, IReadOnlyList<(decimal Points, int Count)> bars)
    {
        const int barWidth = 28, gap = 8, plotHeight = 100, left = 10, top = 28;
        var width = Math.Max(180, left * 2 + bars.Count * (barWidth + gap));
        var height = top + plotHeight + 34;
        var most = bars.Select(b => b.Count).DefaultIfEmpty(1).Max();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{H(title)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title>{H(title)}</title><text x=\"{left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{H(title)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{top + plotHeight}\" x2=\"{width - left}\" y2=\"{top + plotHeight}\" stroke=\"#888\"/>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (points, count) = bars[i];
            var h = Math.Max(1, count * plotHeight / Math.Max(1, most));
            var x = left + gap / 2 + i * (barWidth + gap);
            var y = top + plotHeight - h;
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{barWidth}\" height=\"{h}\" fill=\"#4a7ab5\"><title>{P(points)} points: {count} students</title></rect>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2}\" y=\"{y - 3}\" font-size=\"11\" text-anchor=\"middle\">{count}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + barWidth / 2}\" y=\"{top + plotHeight + 14}\" font-size=\"11\" text-anchor=\"middle\">{P(points)}</text>");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{height - 4}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#666\">points</text></svg>");
        return sb.ToString();
    }

    private static IEnumerable<string> TimingLines(GradingTiming t)
    {
        yield return $"wall time {t.WallMs / 1000:0.00} s (reading {t.ReadMs / 1000:0.00} s, checking {t.CheckMs / 1000:0.00} s)";
        yield return $"{t.Graded} students graded, {t.Resumed} kept from the previous run (--resume)";
        yield return $"{t.Checks} distinct answers checked; {t.CacheHits} identical answers took their result from the cache";
        foreach (var slow in t.Parts.Where(p => !p.Cached).OrderByDescending(p => p.Ms).ThenBy(p => p.Student, StringComparer.Ordinal).Take(5))
            yield return $"slow: {slow.Student}/{slow.Part} {slow.Ms:0.#} ms";
    }

    private static string Summary(ClassResult result, ClassStatistics stats) =>
        $"{result.Students.Length} students · mean {P(stats.Mean)} / {P(result.MaxPoints)} · median {P(stats.Median)} · " +
        $"{result.Students.Count(s => s.Flags.Length > 0)} with something for a person to check";

    private static readonly string[] PartColumns = ["part", "mode", "max", "mean", "full", "partial", "none", "flagged"];

    private static IEnumerable<string> PartCells(PartStatistics p) =>
        [p.Part.Id, p.Part.Mode, P(p.Part.Points), P(p.Mean), $"{Count(p, "full")}", $"{Count(p, "partial")}", $"{Count(p, "none")}", $"{p.Flagged}"];

    private static int Count(PartStatistics p, string verdict) => p.Verdicts.FirstOrDefault(v => v.Verdict == verdict).Count;

    private static string H(string text) => WebUtility.HtmlEncode(text);

    private static string Md(string text) => FeedbackSheet.Escape(text);

    private static string Cell(string text) => Md(text).Replace("|", @"\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
