using System.Collections.Immutable;
using DerivationChecker.Core.Derivations;
using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Publishing.Documents;

/// <summary>The language a sheet is written in; its fixed words come from <see cref="Labels"/>.</summary>
public enum SheetLanguage
{
    English,

    /// <summary>Persian: pages run right to left, formulas stay left to right.</summary>
    Persian,
}

/// <summary>
/// A solution sheet or a feedback page, independent of its output format: a title, sections of
/// blocks, and the language its fixed words (Step, Rule, Result, verified …) are printed in.
/// Every formula is an expression, never text, so each writer draws it in its own notation.
/// </summary>
public sealed record Sheet(string Title, string? Subtitle, SheetLanguage Language, ImmutableArray<Section> Sections);

public sealed record Section(string Heading, ImmutableArray<Block> Blocks);

/// <summary>One piece of a section: prose, a formula, a derivation, accepted forms or common mistakes.</summary>
public abstract record Block;

/// <summary>A heading inside a section (Answer, Derivation, Rubric).</summary>
public sealed record Subheading(string Text) : Block;

public sealed record Paragraph(ImmutableArray<Inline> Content) : Block
{
    /// <summary>Prose in which $…$ marks LaTeX formulas (see <see cref="Prose.Parse"/>).</summary>
    public static Paragraph FromProse(string text) => new(Prose.Parse(text));
}

/// <summary>
/// A formula on its own line. <paramref name="Source"/> is the LaTeX a key's author wrote, when the
/// formula came from a key: LaTeX and Markdown print it as written (B \times L stays a ×), HTML
/// draws <paramref name="Formula"/> as MathML.
/// </summary>
public sealed record DisplayMath(Expr Formula, string? Source = null) : Block;

/// <summary>A derivation the engine produced, shown step by step with each step's rule and check.</summary>
public sealed record DerivationBlock(Derivation Derivation) : Block;

/// <summary>Forms of an answer that are accepted as equivalent to the key.</summary>
public sealed record AcceptedForms(ImmutableArray<DisplayMath> Forms) : Block;

public sealed record CommonMistakes(ImmutableArray<Mistake> Mistakes) : Block;

/// <summary>
/// A wrong answer students give, and why it is wrong (prose, with $…$ formulas allowed). The answer
/// is a formula, or for a mistake that is not one (a wrong choice, a network right under one step
/// convention only) a short <paramref name="Title"/>; <paramref name="Credit"/> says what it earns.
/// </summary>
public sealed record Mistake(DisplayMath? Answer, ImmutableArray<Inline> Why, string? Title = null, string? Credit = null)
{
    public static Mistake FromProse(Expr answer, string why) => new(new DisplayMath(answer), Prose.Parse(why));
}

/// <summary>A run of a paragraph: words, or a formula inside the sentence.</summary>
public abstract record Inline;

public sealed record TextRun(string Text) : Inline;

/// <summary>
/// A formula inside a sentence. <paramref name="Source"/> is the LaTeX the author wrote, when the
/// formula came from prose: LaTeX and Markdown print it as written rather than re-spelled.
/// </summary>
public sealed record InlineMath(Expr Formula, string? Source = null) : Inline;

/// <summary>
/// A formula the engine's reader could not read (\partial\sigma_k/\partial x_i), kept as the
/// LaTeX the author wrote: TeX and Markdown print it as math, HTML as code.
/// </summary>
public sealed record UnreadMath(string Latex) : Inline;
