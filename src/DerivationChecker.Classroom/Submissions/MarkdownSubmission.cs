using System.Collections.Immutable;
using System.Text;
using DerivationChecker.Classroom.Batch;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DerivationChecker.Classroom.Submissions;

/// <summary>
/// Reads a Markdown submission with Markdig: YAML front matter (student id, name, set), headings,
/// paragraphs with their inline <c>$…$</c> math, and display math (<c>$$…$$</c> blocks, and a paragraph
/// that is nothing but one <c>$$…$$</c>). Lists and quotes are read through, their blocks marked nested.
/// Markdig's own nesting limit (128) keeps hostile nesting from reaching the stack.
/// </summary>
public static class MarkdownSubmission
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UseMathematics().Build();

    public static SubmissionDocument Read(string text, string format = "markdown", Func<int, string>? where = null)
    {
        where ??= line => $"line {line + 1}";
        var document = Markdown.Parse(text, Pipeline);
        var blocks = ImmutableArray.CreateBuilder<DocBlock>();
        var issues = ImmutableArray.CreateBuilder<SubmissionIssue>();
        FrontMatter front = FrontMatter.None;
        foreach (var block in document)
        {
            if (block is YamlFrontMatterBlock yaml)
            {
                front = FrontMatter.Read(yaml.Lines.ToString(), out var problem);
                if (problem is not null) issues.Add(new SubmissionIssue(ClassFlags.FrontMatter, problem));
                continue;
            }
            Walk(block, blocks, nested: false, where);
        }
        return new SubmissionDocument(front.Id, front.Name, front.Set, format, blocks.ToImmutable(), issues.ToImmutable());
    }

    private static void Walk(Block block, ImmutableArray<DocBlock>.Builder blocks, bool nested, Func<int, string> where)
    {
        switch (block)
        {
            case MathBlock math:
                blocks.Add(new DocBlock(BlockKind.DisplayMath, math.Lines.ToString(), where(math.Line)) { Nested = nested });
                break;
            case HeadingBlock heading:
                blocks.Add(new DocBlock(BlockKind.Heading, InlineText(heading.Inline).Trim(), where(heading.Line), heading.Level) { Nested = nested });
                break;
            case ParagraphBlock paragraph:
                AddParagraph(paragraph, blocks, nested, where);
                break;
            case CodeBlock code:
                blocks.Add(new DocBlock(BlockKind.Paragraph, code.Lines.ToString(), where(code.Line)) { Nested = nested });
                break;
            case ContainerBlock container:
                foreach (var child in container) Walk(child, blocks, nested: true, where);
                break;
        }
    }

    /// <summary>A paragraph's text; each <c>$$…$$</c> inside it is also a display-math block of its own.</summary>
    private static void AddParagraph(ParagraphBlock paragraph, ImmutableArray<DocBlock>.Builder blocks, bool nested, Func<int, string> where)
    {
        var inlines = new Inlines();
        inlines.Append(paragraph.Inline);
        var location = where(paragraph.Line);
        if (inlines.HasProse || inlines.Inline.Count > inlines.Display.Count)
            blocks.Add(new DocBlock(BlockKind.Paragraph, inlines.Text.ToString().Trim(), location) { InlineMath = [.. inlines.Inline], Nested = nested });
        foreach (var math in inlines.Display) blocks.Add(new DocBlock(BlockKind.DisplayMath, math, location) { Nested = nested });
    }

    private static string InlineText(ContainerInline? container)
    {
        var inlines = new Inlines();
        inlines.Append(container);
        return inlines.Text.ToString();
    }

    /// <summary>The text of a run of inlines, its $…$ formulas, and which of them were $$…$$.</summary>
    private sealed class Inlines
    {
        public StringBuilder Text { get; } = new();
        public List<string> Inline { get; } = [];
        public List<string> Display { get; } = [];
        public bool HasProse { get; private set; }

        public void Append(ContainerInline? container)
        {
            for (var node = container?.FirstChild; node is not null; node = node.NextSibling)
            {
                switch (node)
                {
                    case MathInline math:
                        var content = math.Content.ToString();
                        if (math.DelimiterCount >= 2) Display.Add(content);
                        else Inline.Add(content);
                        Text.Append('$').Append(content).Append('$');
                        break;
                    case LiteralInline literal:
                        Prose(literal.Content.ToString());
                        break;
                    case CodeInline code:
                        Prose(code.Content);
                        break;
                    case LineBreakInline:
                        Text.Append('\n');
                        break;
                    case HtmlEntityInline entity:
                        Prose(entity.Transcoded.ToString());
                        break;
                    case AutolinkInline link:
                        Prose(link.Url);
                        break;
                    case ContainerInline child:
                        Append(child);
                        break;
                }
            }
        }

        private void Prose(string text)
        {
            Text.Append(text);
            if (!string.IsNullOrWhiteSpace(text)) HasProse = true;
        }
    }
}
