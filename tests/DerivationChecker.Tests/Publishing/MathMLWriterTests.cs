using System.Collections.Immutable;
using System.Xml.Linq;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Publishing.MathML;

namespace DerivationChecker.Tests.Publishing;

/// <summary>Each node kind as MathML: well-formed, and the structure a browser draws the mathematics from.</summary>
public sealed class MathMLWriterTests
{
    private static XElement Math(Expr e, MathDisplay display = MathDisplay.Block) => XDocument.Parse(MathMLWriter.Write(e, display)).Root!;

    [Fact]
    public void Every_relation_has_its_own_operator()
    {
        // A relation drawn as "=" would state something else (x ∼ N(0, 1) is not x = N(0, 1)).
        foreach (var kind in Enum.GetValues<RelationKind>().Where(k => k != RelationKind.Equal))
            Assert.DoesNotContain("<mo>=</mo>", MathMLWriter.WriteRelation(new Symbol("x"), kind, new Symbol("y")));
    }

    private static XElement Math(string latex)
    {
        var parsed = LatexParser.Parse(latex);
        Assert.True(parsed.Ok, parsed.Error?.ToString());
        return Math(parsed.Value!);
    }

    /// <summary>The element tree without text: "mfrac(mi,mn)".</summary>
    private static string Shape(XElement e) =>
        e.HasElements ? $"{e.Name.LocalName}({string.Join(",", e.Elements().Select(Shape))})" : e.Name.LocalName;

    /// <summary>The single child of &lt;math&gt;.</summary>
    private static XElement Body(XElement math) => Assert.Single(math.Elements());

    private static string Text(XElement e) => string.Concat(e.DescendantNodes().OfType<XText>().Select(t => t.Value));

    [Fact]
    public void Math_element_is_block_or_inline_and_always_left_to_right()
    {
        var block = Math(new Symbol("x"));
        Assert.Equal("math", block.Name.LocalName);
        Assert.Equal("block", (string?)block.Attribute("display"));
        Assert.Equal("ltr", (string?)block.Attribute("dir"));
        Assert.Equal("inline", (string?)Math(new Symbol("x"), MathDisplay.Inline).Attribute("display"));
    }

    [Theory]
    [InlineData("3", "mn", "3")]
    [InlineData("1.5", "mn", "1.5")]
    [InlineData("x", "mi", "x")]
    [InlineData(@"\beta", "mi", "β")]
    [InlineData(@"\pi", "mi", "π")]
    [InlineData(@"\infty", "mi", "∞")]
    public void Atoms_are_single_tokens(string latex, string element, string text)
    {
        var body = Body(Math(latex));
        Assert.Equal(element, body.Name.LocalName);
        Assert.Equal(text, body.Value);
    }

    [Fact]
    public void Negative_and_non_decimal_numbers()
    {
        Assert.Equal("mrow(mo,mn)", Shape(Body(Math(Number.Of(-3)))));
        Assert.Equal("−3", Text(Math(Number.Of(-3))));
        Assert.Equal("mfrac(mn,mn)", Shape(Body(Math(new Number(new Core.Numbers.BigRational(1, 3))))));
    }

    [Fact]
    public void A_fraction_has_numerator_and_denominator_without_extra_parentheses() =>
        Assert.Equal("mfrac(mrow(mi,mo,mi),mi)", Shape(Body(Math(@"\frac{a+b}{c}"))));

    [Fact]
    public void Sums_and_differences_use_plus_and_minus_signs()
    {
        var body = Body(Math("a - b + c"));
        Assert.Equal("mrow(mi,mo,mi,mo,mi)", Shape(body));
        Assert.Equal("a−b+c", Text(body));
    }

    [Fact]
    public void A_sum_inside_a_product_is_parenthesised()
    {
        var body = Body(Math("a(b+c)"));
        Assert.Equal("a⁢(b+c)", Text(body));
        Assert.Equal("mrow(mi,mo,mrow(mo,mrow(mi,mo,mi),mo))", Shape(body));
    }

    [Fact]
    public void Powers_are_superscripts_and_a_compound_base_is_parenthesised()
    {
        Assert.Equal("msup(mi,mn)", Shape(Body(Math("x^2"))));
        var power = Body(Math("(a+b)^2"));
        Assert.Equal("msup", power.Name.LocalName);
        Assert.Equal("(a+b)", Text(power.Elements().First()));
    }

    [Fact]
    public void Indices_are_subscripts() =>
        Assert.Equal("msub(mi,mrow(mi,mo,mn))", Shape(Body(Math("h_{t-1}"))));

    [Fact]
    public void A_sample_index_and_a_component_index_share_one_msubsup()
    {
        var body = Body(Math(new Indexed(new Indexed(new Symbol("x"), [new Symbol("i")], IndexPlacement.ParenSuperscript), new Symbol("j"))));
        Assert.Equal("msubsup", body.Name.LocalName);
        Assert.Equal("xj(i)", Text(body));
    }

    [Fact]
    public void Roots_use_msqrt_and_mroot()
    {
        Assert.Equal("msqrt", Body(Math(@"\sqrt{x}")).Name.LocalName);
        Assert.Equal("mroot(mi,mn)", Shape(Body(Math(@"\sqrt[3]{x}"))));
    }

    [Fact]
    public void A_transpose_is_a_superscript_top_and_an_inverse_a_superscript_minus_one()
    {
        var t = Body(Math(new Transpose(new Symbol("W"))));
        Assert.Equal("msup(mi,mo)", Shape(t));
        Assert.Equal("W⊤", Text(t));
        Assert.Equal("X−1", Text(Body(Math(new Inverse(new Symbol("X"))))));
    }

    [Fact]
    public void Sums_and_products_put_their_limits_under_and_over()
    {
        var body = Body(Math(@"\sum_{j=1}^{N} x_j"));
        Assert.Equal("mrow(munderover(mo,mrow(mi,mo,mn),mi),msub(mi,mi))", Shape(body));
        Assert.Equal("∑", body.Elements().First().Elements().First().Value);
        var product = new BigOperator(BigOperatorKind.Product, new Symbol("j"), new Symbol("a"), Number.One, new Symbol("T"));
        Assert.Equal("∏", Math(product).Descendants("mo").First().Value);
    }

    [Fact]
    public void A_sum_before_another_factor_is_parenthesised_so_it_cannot_take_it_as_its_body()
    {
        var sum = new BigOperator(BigOperatorKind.Sum, new Symbol("i"), new Symbol("x"));
        var text = Text(Math(new Multiply(sum, new Symbol("y"))));
        Assert.StartsWith("(", text);
        Assert.Contains(")", text);
    }

    [Fact]
    public void Partial_derivatives_are_fractions_of_partials()
    {
        var body = Body(Math(@"\frac{\partial \sigma_k}{\partial x_i}"));
        Assert.Equal("mfrac(mrow(mi,msub(mi,mi)),mrow(mi,msub(mi,mi)))", Shape(body));
        Assert.Equal("∂σk∂xi", Text(body));
    }

    [Fact]
    public void A_derivative_of_a_compound_expression_is_an_operator_before_parentheses()
    {
        var der = new Derivative(new Add(new Symbol("x"), new Symbol("y")), new Symbol("x"));
        var body = Body(Math(der));
        Assert.Equal("mfrac", body.Elements().First().Name.LocalName);
        Assert.Equal("∂∂x(x+y)", Text(body));
    }

    [Fact]
    public void Second_derivatives_carry_the_order()
    {
        var der = new Derivative(new Symbol("f"), [new Symbol("x"), new Symbol("x")]);
        var fraction = Body(Math(der));
        Assert.Equal("mfrac(mrow(msup(mi,mn),mi),mrow(mi,msup(mi,mn)))", Shape(fraction));
    }

    [Fact]
    public void Matrices_are_tables_in_brackets()
    {
        var m = new MatrixLiteral(2, 2, [Number.One, Number.Two, new Symbol("a"), new Symbol("b")]);
        var body = Body(Math(m));
        Assert.Equal("mrow(mo,mtable(mtr(mtd(mn),mtd(mn)),mtr(mtd(mi),mtd(mi))),mo)", Shape(body));
        Assert.Equal("[", body.Elements().First().Value);
    }

    [Fact]
    public void Piecewise_is_a_brace_and_a_two_column_table()
    {
        var pw = new Piecewise([(Number.One, new Relation(new Symbol("x"), RelationKind.Greater, Number.Zero)), (Number.Zero, Piecewise.Otherwise)]);
        var body = Body(Math(pw));
        Assert.Equal("mrow(mo,mtable(mtr(mtd(mn),mtd(mrow(mi,mo,mn))),mtr(mtd(mn),mtd(mtext))))", Shape(body));
        Assert.Equal("otherwise", body.Descendants("mtext").Single().Value);
    }

    [Fact]
    public void Less_than_greater_than_and_ampersand_are_escaped()
    {
        var xml = MathMLWriter.Write(new Relation([new Symbol("a"), new Symbol("b"), new TextNode("x & y")], [RelationKind.Less, RelationKind.Greater]));
        Assert.Contains("<mo>&lt;</mo>", xml);
        Assert.Contains("<mo>&gt;</mo>", xml);
        Assert.Contains("x &amp; y", xml);
        Assert.Equal("a<b>x & y", Text(XDocument.Parse(xml).Root!));
    }

    [Theory]
    [InlineData(@"\hat{y}", "mover(mi,mo)", "y^")]
    [InlineData(@"\bar{x}", "mover(mi,mo)", "x¯")]
    [InlineData("W_{hh}", "msub(mi,mrow(mi,mi))", "Whh")]
    [InlineData("W'", "msup(mi,mo)", "W′")]
    [InlineData(@"\mathcal{L}", "mi", "L")]
    public void Decorated_names_are_drawn_as_the_LaTeX_writer_writes_them(string name, string shape, string text)
    {
        var body = Body(Math(new Symbol(name)));
        Assert.Equal(shape, Shape(body));
        Assert.Equal(text, Text(body));
    }

    [Fact]
    public void Accents_are_marked_as_accents_and_script_letters_as_script()
    {
        Assert.Equal("true", (string?)Body(Math(new Symbol(@"\hat{y}"))).Attribute("accent"));
        Assert.Equal("script", (string?)Body(Math(new Symbol(@"\mathcal{L}"))).Attribute("mathvariant"));
    }

    [Fact]
    public void Multi_letter_names_are_one_upright_identifier() =>
        Assert.Equal("mi", Shape(Body(Math(new Symbol("lr")))));

    [Fact]
    public void Functions_are_applied_with_parentheses_and_primes()
    {
        var sigma = Body(Math(new Apply(Function.Sigmoid.Prime(), new Symbol("z"))));
        Assert.Equal("σ′⁡(z)", Text(sigma));
        Assert.Equal("msup", sigma.Elements().First().Name.LocalName);
        Assert.Equal("|x|", Text(Math(new Apply(Function.Abs, new Symbol("x")))));
    }

    [Fact]
    public void Matrix_operators_norms_and_expectations()
    {
        Assert.Equal("diag⁡(σ)", Text(Math(new Diag(new Symbol(@"\sigma")))));
        Assert.Equal("‖x‖", Text(Math(new Norm(new Symbol("x")))));
        Assert.Equal("msub", Body(Math(new Norm(new Symbol("x"), NormKind.One))).Name.LocalName);
        Assert.Equal("E[X]", Text(Math(new Expectation(new Symbol("X")))));
        Assert.Equal("a⊙b", Text(Math(new HadamardProduct(new Symbol("a"), new Symbol("b")))));
        Assert.Equal("δi,k", Text(Math(new KroneckerDelta(new Symbol("i"), new Symbol("k")))));
    }

    [Fact]
    public void A_relation_chain_and_a_continued_line()
    {
        Assert.Equal("0≤σ≤1", Text(Math(@"0 \le \sigma \le 1")));
        var continued = XDocument.Parse(MathMLWriter.WriteRelation(null, RelationKind.Equal, new Symbol("y"))).Root!;
        Assert.Equal("mrow(mo,mi)", Shape(Body(continued)));
    }

    [Fact]
    public void Tuples_are_comma_separated()
    {
        var tuple = new TupleExpr([new Symbol("a"), new Symbol("b")], TupleStyle.Parentheses);
        Assert.Equal("(a,b)", Text(Math(tuple)));
    }

    [Fact]
    public void Every_derivation_of_the_catalog_writes_well_formed_MathML()
    {
        foreach (var recipe in DerivationChecker.Derivations.DerivationCatalog.All)
        {
            Core.Derivations.Derivation d;
            try { d = recipe.Build(); }
            catch (InvalidOperationException) { continue; }
            foreach (var step in d.AllSteps())
            {
                XDocument.Parse(MathMLWriter.WriteRelation(step.Subject, RelationKind.Equal, step.After));
                XDocument.Parse(MathMLWriter.Write(step.Before));
            }
        }
    }
}
