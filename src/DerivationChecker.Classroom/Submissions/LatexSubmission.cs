using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// Reads a LaTeX submission (<c>.tex</c>). The template's convention: a comment line
/// <c>%% part: q2a</c> starts the answer to a part, and <c>%% student-id: …</c>, <c>%% name: …</c> say
/// who wrote it. Without markers, sectioning commands (<c>\section*{q2a}</c>, <c>\subsection*{سوال ۲}</c>)
/// and enumerate items (<c>\item[(a)]</c>, or plain <c>\item</c> counted a, b, c …) are read as headings.
/// Display math is <c>\[…\]</c>, <c>$$…$$</c> and the equation, align, gather and multline environments;
/// inline math is <c>$…$</c> and <c>\(…\)</c>. Comments are dropped.
/// </summary>
public static partial class LatexSubmission
{
    private static readonly string[] DisplayEnvironments =
        ["equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*", "eqnarray", "eqnarray*", "displaymath", "flalign", "flalign*"];

    public static SubmissionDocument Read(string text)
    {
        string? id = null, name = null, set = null;
        var blocks = ImmutableArray.CreateBuilder<DocBlock>();
        var lines = text.Split('\n');
        var body = lines.Any(l => l.Contains(@"\begin{document}", StringComparison.Ordinal));
        var inBody = !body;
        var paragraph = new StringBuilder();
        var paragraphLine = 0;
        var enumerates = new Stack<(int Count, bool Letters)>();
        var sawHeading = false;

        void Flush()
        {
            var content = paragraph.ToString().Trim();
            paragraph.Clear();
            if (content.Length == 0) return;
            // \[…\] and $$…$$ inside a paragraph (after \item, say) are display math of their own.
            var display = new List<string>();
            content = DisplayInParagraph().Replace(content, m =>
            {
                display.Add(Clean(m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value, null));
                return " ";
            }).Trim();
            var where = $"line {paragraphLine + 1}";
            if (content.Length > 0) blocks.Add(new DocBlock(BlockKind.Paragraph, content, where) { InlineMath = [.. InlineMath(content)] });
            foreach (var math in display) blocks.Add(new DocBlock(BlockKind.DisplayMath, math, where));
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var raw = lines[i];
            var marker = MarkerLine().Match(raw);
            if (marker.Success)
            {
                var field = marker.Groups["field"].Value.ToLowerInvariant().Replace("_", "-", StringComparison.Ordinal);
                var value = marker.Groups["value"].Value.Trim();
                switch (field)
                {
                    case "part" or "بخش":
                        Flush();
                        blocks.Add(new DocBlock(BlockKind.Heading, value, $"line {i + 1}", 2) { Marker = value });
                        sawHeading = true;
                        break;
                    case "student-id" or "student" or "id" or "شماره-دانشجویی":
                        id = value;
                        break;
                    case "name" or "نام":
                        name = value;
                        break;
                    case "set":
                        set = value;
                        break;
                }
                continue;
            }
            var line = StripComment(raw);
            if (line.Contains(@"\begin{document}", StringComparison.Ordinal)) { inBody = true; continue; }
            if (line.Contains(@"\end{document}", StringComparison.Ordinal)) break;
            if (!inBody) continue;

            if (line.Trim().Length == 0)
            {
                Flush();
                continue;
            }

            var section = Sectioning().Match(line);
            if (section.Success)
            {
                Flush();
                var level = section.Groups["kind"].Value switch { "section" => 1, "subsection" => 2, "subsubsection" => 3, _ => 4 };
                blocks.Add(new DocBlock(BlockKind.Heading, section.Groups["title"].Value.Trim(), $"line {i + 1}", level));
                sawHeading = true;
                var rest = line[(section.Index + section.Length)..].Trim();
                if (rest.Length > 0) { paragraph.Append(rest).Append('\n'); paragraphLine = i; }
                continue;
            }

            var begin = BeginEnumerate().Match(line);
            if (begin.Success)
            {
                Flush();
                var options = begin.Groups["options"].Value;
                var letters = options.Length > 0
                    ? options.Contains('a', StringComparison.Ordinal) || options.Contains("alph", StringComparison.Ordinal)
                    : enumerates.Count > 0 || sawHeading;
                enumerates.Push((0, letters));
                continue;
            }
            if (EndEnumerate().IsMatch(line))
            {
                Flush();
                if (enumerates.Count > 0) enumerates.Pop();
                continue;
            }

            var item = Item().Match(line);
            if (item.Success)
            {
                Flush();
                var label = item.Groups["label"].Success ? item.Groups["label"].Value.Trim() : null;
                if (enumerates.Count > 0)
                {
                    var (count, letters) = enumerates.Pop();
                    enumerates.Push((count + 1, letters));
                    label ??= letters ? $"({(char)('a' + Math.Min(count, 25))})" : $"{count + 1}.";
                }
                paragraphLine = i;
                paragraph.Append(label is null ? "" : label + " ").Append(line[(item.Index + item.Length)..].Trim()).Append('\n');
                continue;
            }

            // Display math, possibly over several lines.
            var (math, endLine) = DisplayMath(lines, i, line);
            if (math is not null)
            {
                Flush();
                blocks.Add(new DocBlock(BlockKind.DisplayMath, math, $"line {i + 1}") { Nested = enumerates.Count > 0 });
                i = endLine;
                continue;
            }

            if (paragraph.Length == 0) paragraphLine = i;
            paragraph.Append(line).Append('\n');
        }
        Flush();
        return new SubmissionDocument(id, name, set, "latex", blocks.ToImmutable(), []);
    }

    /// <summary>The display math starting on line <paramref name="start"/>, and the line it ends on; null if none starts there.</summary>
    private static (string? Math, int EndLine) DisplayMath(string[] lines, int start, string first)
    {
        var trimmed = first.TrimStart();
        string? close = null;
        string? open = null;
        string? environment = null;
        if (trimmed.StartsWith(@"\[", StringComparison.Ordinal)) (open, close) = (@"\[", @"\]");
        else if (trimmed.StartsWith("$$", StringComparison.Ordinal)) (open, close) = ("$$", "$$");
        else
        {
            var env = BeginEnvironment().Match(trimmed);
            if (env.Success && DisplayEnvironments.Contains(env.Groups["name"].Value))
            {
                environment = env.Groups["name"].Value;
                (open, close) = (env.Value, $@"\end{{{environment}}}");
            }
        }
        if (open is null) return (null, start);

        var sb = new StringBuilder();
        var text = trimmed[open.Length..];
        for (var i = start; i < lines.Length; i++)
        {
            if (i > start) text = StripComment(lines[i]);
            var end = text.IndexOf(close!, StringComparison.Ordinal);
            if (end >= 0)
            {
                sb.Append(text[..end]);
                return (Clean(sb.ToString(), environment), i);
            }
            sb.Append(text).Append('\n');
        }
        // Never closed: what there is, to the end of the file (the reader reports what is wrong with it).
        return (Clean(sb.ToString(), environment), lines.Length - 1);
    }

    /// <summary>align-like environments are read as aligned; labels and tags go.</summary>
    private static string Clean(string math, string? environment)
    {
        var text = LabelOrTag().Replace(math, "").Trim();
        return environment is not null && environment.TrimEnd('*') is "align" or "eqnarray" or "flalign" or "multline" or "gather"
            ? $@"\begin{{aligned}}{text}\end{{aligned}}"
            : text;
    }

    /// <summary>The formulas between $…$ (not $$) and \(…\) in a paragraph.</summary>
    internal static IEnumerable<string> InlineMath(string text)
    {
        foreach (Match m in InlineFormula().Matches(text))
            yield return m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Value;
    }

    /// <summary>Hostile text must not make a pattern backtrack for long: past this a match throws and the student is flagged.</summary>
    private const int MatchTimeoutMs = 2000;

    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\') { i++; continue; }
            if (line[i] == '%') return line[..i];
        }
        return line;
    }

    [GeneratedRegex(@"^\s*%+\s*(?<field>part|student[-_ ]?id|student|id|name|set|بخش|نام|شماره[-_ ]دانشجویی)\s*:\s*(?<value>.+?)\s*$", RegexOptions.IgnoreCase, MatchTimeoutMs)]
    private static partial Regex MarkerLine();

    [GeneratedRegex(@"\\(?<kind>section|subsection|subsubsection|paragraph|subparagraph)\*?\s*\{(?<title>[^{}]*)\}", RegexOptions.None, MatchTimeoutMs)]
    private static partial Regex Sectioning();

    [GeneratedRegex(@"\\begin\{enumerate\}(?:\[(?<options>[^\]]*)\])?", RegexOptions.None, MatchTimeoutMs)]
    private static partial Regex BeginEnumerate();

    [GeneratedRegex(@"\\end\{enumerate\}", RegexOptions.None, MatchTimeoutMs)]
    private static partial Regex EndEnumerate();

    [GeneratedRegex(@"^\s*\\item(?:\[(?<label>[^\]]*)\])?", RegexOptions.None, MatchTimeoutMs)]
    private static partial Regex Item();

    [GeneratedRegex(@"^\\begin\{(?<name>[a-z]+\*?)\}", RegexOptions.None, MatchTimeoutMs)]
    private static partial Regex BeginEnvironment();

    [GeneratedRegex(@"\\(?:label|tag\*?)\{[^{}]*\}|\\nonumber|\\notag", RegexOptions.None, MatchTimeoutMs)]
    private static partial Regex LabelOrTag();

    [GeneratedRegex(@"\\\[(?<a>.*?)\\\]|\$\$(?<b>.*?)\$\$", RegexOptions.Singleline, MatchTimeoutMs)]
    private static partial Regex DisplayInParagraph();

    [GeneratedRegex(@"(?<!\$)\$(?!\$)(?<a>[^$]+?)\$(?!\$)|\\\((?<b>.+?)\\\)", RegexOptions.None, MatchTimeoutMs)]
    private static partial Regex InlineFormula();
}
