using System.Text;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Publishing.Documents;
using DerivationChecker.Publishing.MathML;

namespace DerivationChecker.Publishing.Writers;

/// <summary>
/// How one output format spells a sheet's pieces: prose (escaped, with bidi isolation on
/// right-to-left pages) and formulas. The templates only place what these produce.
/// </summary>
internal abstract class SheetFormat(bool rightToLeft)
{
    protected bool RightToLeft { get; } = rightToLeft;

    /// <summary>Words escaped for the format (no bidi isolation).</summary>
    protected abstract string Escape(string text);

    /// <summary>A left-to-right run (words and formulas) on a right-to-left page.</summary>
    protected abstract string Isolate(string content);

    /// <summary>A formula as it stands on its own line; what wraps it is the template's.</summary>
    public abstract string Display(Expr formula);

    /// <summary>A display formula as its author wrote it when the format prints LaTeX and the source is known.</summary>
    public virtual string Display(DisplayMath math) => Display(math.Formula);

    /// <summary>"left = right" (or "= right" continuing the line before), on its own line or inside a sentence.</summary>
    public abstract string Relation(Expr? left, RelationKind kind, Expr right, bool display);

    protected abstract string InlineFormula(InlineMath math);

    protected abstract string Unread(string latex);

    /// <summary>Plain words (a title, a label, a check).</summary>
    public string Text(string text) => Inlines([new TextRun(text)]);

    /// <summary>Words where no markup may go (an HTML &lt;title&gt;): escaped, never isolated.</summary>
    public virtual string Plain(string text) => Escape(text);

    /// <summary>
    /// A paragraph's runs. On a right-to-left page the left-to-right runs are found across words and
    /// formulas together, so an English sentence with formulas in it stays one isolated run and
    /// reads in order.
    /// </summary>
    public string Inlines(IEnumerable<Inline> runs)
    {
        var logical = new StringBuilder();
        var formulas = new List<Inline>();
        foreach (var run in runs)
        {
            if (run is TextRun t)
            {
                logical.Append(t.Text.Replace(Bidi.Formula, ' '));
                continue;
            }
            logical.Append(Bidi.Formula);
            formulas.Add(run);
        }
        var next = 0;
        if (!RightToLeft) return Content(logical.ToString(), formulas, ref next);
        var sb = new StringBuilder();
        foreach (var (text, leftToRight) in Bidi.Runs(logical.ToString()))
        {
            var content = Content(text, formulas, ref next);
            sb.Append(leftToRight ? Isolate(content) : content);
        }
        return sb.ToString();
    }

    private string Content(string text, List<Inline> formulas, ref int next)
    {
        var sb = new StringBuilder();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != Bidi.Formula) continue;
            sb.Append(Escape(text[start..i]));
            sb.Append(formulas[next++] switch
            {
                InlineMath m => InlineFormula(m),
                UnreadMath u => Unread(u.Latex),
                _ => "",
            });
            start = i + 1;
        }
        sb.Append(Escape(text[start..]));
        return sb.ToString();
    }

    /// <summary>Prose with its typed scripts (σ_k, e^u) raised or lowered by <paramref name="script"/>.</summary>
    protected static string WithScripts(string text, Func<string, string> baseline, Func<string, ScriptPosition, string> script)
    {
        var sb = new StringBuilder();
        foreach (var (part, position) in ProseScripts.Split(text))
            sb.Append(position == ScriptPosition.Baseline ? baseline(part) : script(part, position));
        return sb.ToString();
    }

    protected static string LatexRelation(Expr? left, RelationKind kind, Expr right) =>
        (left is null ? "" : LatexWriter.Write(left) + " ") + LatexWriter.RelationText(kind) + " " + LatexWriter.Write(right);
}

/// <summary>GitHub-flavoured Markdown with $…$ math (formulas in LaTeX, from <see cref="LatexWriter"/>).</summary>
internal sealed class MarkdownFormat(bool rightToLeft) : SheetFormat(rightToLeft)
{
    // A right-to-left Markdown page is wrapped in <div dir="rtl"> by its template; the renderer's bidi does the rest.
    protected override string Isolate(string content) => content;

    protected override string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '$' or '|' or '#') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    public override string Display(Expr formula) => LatexWriter.Write(formula);

    public override string Display(DisplayMath math) => math.Source ?? Display(math.Formula);

    public override string Relation(Expr? left, RelationKind kind, Expr right, bool display)
    {
        var latex = LatexRelation(left, kind, right);
        return display ? latex : "$" + latex + "$";
    }

    protected override string InlineFormula(InlineMath math) => "$" + (math.Source ?? LatexWriter.Write(math.Formula)) + "$";

    protected override string Unread(string latex) => "$" + latex + "$";
}

/// <summary>HTML with MathML formulas; on right-to-left pages Latin runs are isolated in &lt;span dir="ltr"&gt;.</summary>
internal sealed class HtmlFormat(bool rightToLeft) : SheetFormat(rightToLeft)
{
    protected override string Escape(string text) => WithScripts(text, MathMLWriter.Escape, (script, position) =>
        position == ScriptPosition.Subscript ? $"<sub>{MathMLWriter.Escape(script)}</sub>" : $"<sup>{MathMLWriter.Escape(script)}</sup>");

    protected override string Isolate(string content) => "<span dir=\"ltr\">" + content + "</span>";

    public override string Plain(string text) => MathMLWriter.Escape(text);

    public override string Display(Expr formula) => MathMLWriter.Write(formula, MathDisplay.Block);

    public override string Relation(Expr? left, RelationKind kind, Expr right, bool display) =>
        MathMLWriter.WriteRelation(left, kind, right, display ? MathDisplay.Block : MathDisplay.Inline);

    protected override string InlineFormula(InlineMath math) => MathMLWriter.Write(math.Formula, MathDisplay.Inline);

    protected override string Unread(string latex) => "<code class=\"tex\" dir=\"ltr\">" + MathMLWriter.Escape(latex) + "</code>";
}

/// <summary>LaTeX for XeLaTeX: article in English, xepersian in Persian (math stays left to right there).</summary>
internal sealed class LatexFormat(bool rightToLeft) : SheetFormat(rightToLeft)
{
    protected override string Escape(string text) => WithScripts(text, TexText.Escape, (script, position) =>
        $"\\ensuremath{{{(position == ScriptPosition.Subscript ? '_' : '^')}{{{TexText.MathEscape(script)}}}}}");

    protected override string Isolate(string content) => "\\lr{" + content + "}";

    public override string Display(Expr formula) => Math(LatexWriter.Write(formula));

    public override string Display(DisplayMath math) => math.Source is { } source ? Math(source) : Display(math.Formula);

    public override string Relation(Expr? left, RelationKind kind, Expr right, bool display)
    {
        var latex = Math(LatexRelation(left, kind, right));
        return display ? latex : "$" + latex + "$";
    }

    protected override string InlineFormula(InlineMath math) => "$" + Math(math.Source ?? LatexWriter.Write(math.Formula)) + "$";

    protected override string Unread(string latex) => "$" + Math(latex) + "$";

    private string Math(string latex) => RightToLeft ? TexText.MathForRightToLeft(latex) : latex;
}
