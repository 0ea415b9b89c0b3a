using System.Globalization;
using System.Text;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Notation.Latex;
using DerivationChecker.Notation.Unicode;

namespace DerivationChecker.Publishing.MathML;

public enum MathDisplay
{
    /// <summary>A formula on its own line (&lt;math display="block"&gt;).</summary>
    Block,

    /// <summary>A formula inside a sentence.</summary>
    Inline,
}

/// <summary>
/// Writes an expression as presentation MathML for HTML pages, drawing what <see cref="LatexWriter"/>
/// writes: the same parentheses (a sum as a factor, a Σ before another factor, a negative number
/// in a product), fractions as &lt;mfrac&gt;, indices and powers as scripts, Σ and ∏ with their limits,
/// matrices and cases as tables, ∂ fractions for derivatives, transposes as a superscript ⊤.
/// Every &lt;math&gt; carries dir="ltr" so formulas read left to right on right-to-left (Persian) pages.
/// Unknown node kinds fall back to their kind's name applied to the children.
/// </summary>
public static class MathMLWriter
{
    private enum Level
    {
        Statement = 0,
        Relation = 1,
        Sum = 2,
        Hadamard = 3,
        Product = 4,
        Unary = 5,
        Power = 6,
        Atom = 7,
    }

    private const string Minus = "<mo>−</mo>";
    private const string InvisibleTimes = "<mo>&#x2062;</mo>";
    private const string ApplyFunction = "<mo>&#x2061;</mo>";

    /// <summary>The expression as one &lt;math&gt; element.</summary>
    public static string Write(Expr e, MathDisplay display = MathDisplay.Block) => Wrap(Body(e), display);

    /// <summary>
    /// A relation with a possibly missing left side: "left = right", or "= right" for a line that
    /// continues the one before (a derivation's next step).
    /// </summary>
    public static string WriteRelation(Expr? left, RelationKind kind, Expr right, MathDisplay display = MathDisplay.Block)
    {
        var w = new Writer();
        var parts = new List<string>();
        if (left is not null) parts.Add(w.Emit(left, Level.Sum));
        parts.Add(RelationOperator(kind));
        parts.Add(w.Emit(right, Level.Sum));
        return Wrap(Row(parts), display);
    }

    /// <summary>The content of a &lt;math&gt; element for <paramref name="e"/> (one element).</summary>
    public static string Body(Expr e) => new Writer().Emit(e, Level.Statement);

    private static string Wrap(string body, MathDisplay display) =>
        $"<math display=\"{(display == MathDisplay.Block ? "block" : "inline")}\" dir=\"ltr\">{body}</math>";

    /// <summary>Escapes text for an element's content or an attribute value.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("<>&\"") < 0) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }

    /// <summary>Several elements as one: the element itself when there is one, else an &lt;mrow&gt;.</summary>
    internal static string Row(IReadOnlyList<string> items)
    {
        var nonEmpty = items.Where(i => i.Length > 0).ToList();
        return nonEmpty.Count == 1 ? nonEmpty[0] : "<mrow>" + string.Concat(nonEmpty) + "</mrow>";
    }

    /// <summary>
    /// Brackets around <paramref name="inner"/>: stretching to tall content (fractions, Σ with limits,
    /// tables, roots), fixed around a single line, where browsers would otherwise pick a larger,
    /// loosely spaced variant of the glyph.
    /// </summary>
    private static string Fenced(string open, string inner, string close)
    {
        var tall = TallElements.Any(t => inner.Contains(t, StringComparison.Ordinal));
        var attributes = tall ? "" : " stretchy=\"false\"";
        return $"<mrow><mo{attributes}>{Escape(open)}</mo>{inner}<mo{attributes}>{Escape(close)}</mo></mrow>";
    }

    private static readonly string[] TallElements = ["<mfrac", "<munderover", "<munder", "<mtable", "<msqrt", "<mroot"];

    private static string Parenthesized(string inner) => Fenced("(", inner, ")");

    /// <summary>The relation's Unicode symbol as an operator; "given" is the divides sign MathML fonts space as a relation.</summary>
    private static string RelationOperator(RelationKind kind) =>
        "<mo>" + (kind == RelationKind.Given ? "∣" : Escape(UnicodeWriter.RelationSymbol(kind))) + "</mo>";

    private sealed class Writer
    {
        private int _depth;

        public string Emit(Expr e, Level context)
        {
            if (++_depth > 400)
            {
                _depth--;
                return "<mo>…</mo>";
            }
            var bare = EmitBare(e);
            _depth--;
            return LevelOf(e) < context ? Parenthesized(bare) : bare;
        }

        private static Level LevelOf(Expr e) => e switch
        {
            TupleExpr { Style: TupleStyle.Plain } => Level.Statement,
            Relation => Level.Relation,
            Add => Level.Sum,
            Negate => Level.Sum,
            HadamardProduct or HadamardDivide => Level.Hadamard,
            Multiply => Level.Product,
            BigOperator => Level.Product,
            Derivative { Style: DerivativeStyle.Nabla } => Level.Product,
            Derivative d when !IsSimpleBody(d.Body) => Level.Product,
            Apply { Function.Name: "\\nabla" } => Level.Product,
            Number n when n.Value.Sign < 0 => Level.Sum,
            FloatNumber f when f.Value < 0 => Level.Sum,
            Power or Transpose or Inverse => Level.Power,
            _ => Level.Atom,
        };

        private string EmitBare(Expr e) => e switch
        {
            Number n => NumberText(n.Value),
            FloatNumber f => f.Value < 0
                ? Row([Minus, $"<mn>{(-f.Value).ToString("G15", CultureInfo.InvariantCulture)}</mn>"])
                : $"<mn>{f.Value.ToString("G15", CultureInfo.InvariantCulture)}</mn>",
            Constant c => c.Kind switch
            {
                ConstantKind.E => "<mi>e</mi>",
                ConstantKind.Pi => "<mi>π</mi>",
                ConstantKind.Infinity => "<mi mathvariant=\"normal\">∞</mi>",
                _ => "<mtext>undefined</mtext>",
            },
            Symbol s => MathMLNames.Write(LatexWriter.SymbolText(s.Name)),
            TextNode t => $"<mtext>{Escape(t.Text)}</mtext>",
            EllipsisNode => "<mo>…</mo>",
            Add add => Sum(add),
            Negate neg => Row([Minus, Emit(neg.Operand, neg.Operand is Number or Negate ? Level.Atom : Level.Hadamard)]),
            Multiply mul => Product(mul),
            Divide div => $"<mfrac>{Emit(div.Numerator, Level.Statement)}{Emit(div.Denominator, Level.Statement)}</mfrac>",
            Power pow => $"<msup>{ScriptBase(pow.Base)}{Emit(pow.Exponent, Level.Statement)}</msup>",
            Root root => root.Index is Number { Value: var v } && v == 2
                ? $"<msqrt>{Emit(root.Radicand, Level.Statement)}</msqrt>"
                : $"<mroot>{Emit(root.Radicand, Level.Statement)}{Emit(root.Index, Level.Sum)}</mroot>",
            Transpose t => $"<msup>{ScriptBase(t.Operand)}<mo>⊤</mo></msup>",
            Inverse inv => $"<msup>{ScriptBase(inv.Operand)}<mrow>{Minus}<mn>1</mn></mrow></msup>",
            HadamardProduct h => Row([.. h.Factors.SelectMany((f, i) => new[]
            {
                i > 0 ? "<mo>⊙</mo>" : "",
                Emit(f, i == 0 && f is HadamardDivide ? Level.Hadamard : Level.Product),
            })]),
            HadamardDivide hd => Row([Emit(hd.Left, hd.Left is HadamardProduct ? Level.Product : Level.Hadamard), "<mo>⊘</mo>", Emit(hd.Right, Level.Product)]),
            Diag d => Operator("diag", d.Operand),
            Trace tr => Operator("tr", tr.Operand),
            Softmax sm => Operator("softmax", sm.Operand),
            Variance va => Operator("Var", va.Operand),
            Expectation ex => Row(["<mi>E</mi>", Fenced("[", Emit(ex.Operand, Level.Relation), "]")]),
            Norm norm => NormText(norm),
            MatrixLiteral m => Matrix(m),
            Apply ap => ApplyText(ap),
            Indexed ix => IndexedText(ix),
            KroneckerDelta kd => $"<msub><mi>δ</mi><mrow>{Emit(kd.First, Level.Sum)}<mo separator=\"true\">,</mo>{Emit(kd.Second, Level.Sum)}</mrow></msub>",
            BigOperator big => BigOperatorText(big),
            Derivative der => DerivativeText(der),
            Relation rel => RelationText(rel),
            Piecewise pw => PiecewiseText(pw),
            TupleExpr tuple => TupleText(tuple),
            _ => Row([MathMLNames.Word(e.GetType().Name), ApplyFunction, Parenthesized(List(e.Args))]),
        };

        private static string NumberText(BigRational value)
        {
            var sign = value.Sign < 0 ? Minus : "";
            var magnitude = value.Abs();
            var dec = LatexWriter.DecimalText(magnitude);
            var body = dec is not null
                ? $"<mn>{dec}</mn>"
                : $"<mfrac><mn>{magnitude.Numerator.ToString(CultureInfo.InvariantCulture)}</mn><mn>{magnitude.Denominator.ToString(CultureInfo.InvariantCulture)}</mn></mfrac>";
            return Row([sign, body]);
        }

        private string Sum(Add add)
        {
            var parts = new List<string>();
            for (var i = 0; i < add.Terms.Length; i++)
            {
                var term = add.Terms[i];
                if (i == 0)
                {
                    parts.Add(Emit(term, term is Add ? Level.Hadamard : Level.Sum));
                    continue;
                }
                switch (term)
                {
                    case Negate neg:
                        parts.Add(Minus);
                        parts.Add(Emit(neg.Operand, neg.Operand is Number or Negate ? Level.Atom : Level.Hadamard));
                        break;
                    case Number { Value.Sign: < 0 } n:
                        parts.Add(Minus);
                        parts.Add(NumberText(-n.Value));
                        break;
                    default:
                        parts.Add("<mo>+</mo>");
                        parts.Add(Emit(term, Level.Hadamard));
                        break;
                }
            }
            return Row(parts);
        }

        private string Product(Multiply mul)
        {
            var factors = mul.Factors;
            var parts = new List<string>();
            for (var i = 0; i < factors.Length; i++)
            {
                var factor = factors[i];
                var last = i == factors.Length - 1;
                if (i > 0) parts.Add(NeedsExplicitTimes(factors[i - 1], factor) ? "<mo>⋅</mo>" : InvisibleTimes);
                // A Σ, ∏ or ∇ takes the rest of the product as its body, so it must be last or wrapped.
                var swallows = !last && (factor is BigOperator or Derivative { Style: DerivativeStyle.Nabla } or Apply { Function.Name: "\\nabla" }
                    || factor is Derivative d && !IsSimpleBody(d.Body));
                var bracketed = factor is Multiply or Number { Value.Sign: < 0 } or FloatNumber { Value: < 0 };
                parts.Add(swallows || bracketed ? Parenthesized(EmitBare(factor)) : Emit(factor, Level.Product));
            }
            return Row(parts);
        }

        /// <summary>A visible dot where juxtaposition would read as one number or as a function applied.</summary>
        private static bool NeedsExplicitTimes(Expr left, Expr right) =>
            right is Number or FloatNumber or Power { Base: Number } or Transpose { Operand: Number } or Indexed { Base: Number } or Negate
            || left is Apply or Softmax or Diag or Trace or Variance or Power { Base: Apply };

        /// <summary>A derivative of this is written ∂f/∂x; of anything else, ∂/∂x (…).</summary>
        private static bool IsSimpleBody(Expr body) => body is Symbol or Indexed or Apply or Power { Base: Symbol or Indexed or Constant };

        /// <summary>The base of a superscript: atoms as they are, anything else in parentheses.</summary>
        private string ScriptBase(Expr b)
        {
            var atomic = b is Symbol or Constant or Apply or Softmax or Diag or Trace or Variance or Expectation or Norm or MatrixLiteral or Root or Indexed
                || (b is Number n && n.Value.Sign >= 0 && LatexWriter.DecimalText(n.Value) is not null);
            if (b is Indexed { Base: not (Symbol or Indexed) }) atomic = false;
            return atomic ? EmitBare(b) : Parenthesized(EmitBare(b));
        }

        private string Operator(string name, Expr operand) =>
            Row([MathMLNames.Word(name), ApplyFunction, Parenthesized(Emit(operand, Level.Relation))]);

        private string NormText(Norm norm)
        {
            var body = Fenced("‖", Emit(norm.Operand, Level.Relation), "‖");
            return norm.Kind switch
            {
                NormKind.One => $"<msub>{body}<mn>1</mn></msub>",
                NormKind.Infinity => $"<msub>{body}<mi mathvariant=\"normal\">∞</mi></msub>",
                _ => body,
            };
        }

        private string Matrix(MatrixLiteral m)
        {
            var sb = new StringBuilder("<mtable>");
            for (var r = 0; r < m.Rows; r++)
            {
                sb.Append("<mtr>");
                for (var c = 0; c < m.Columns; c++) sb.Append("<mtd>").Append(Emit(m[r, c], Level.Sum)).Append("</mtd>");
                sb.Append("</mtr>");
            }
            sb.Append("</mtable>");
            return Fenced("[", sb.ToString(), "]");
        }

        private string ApplyText(Apply ap)
        {
            var f = ap.Function;
            if (f.Id == FunctionId.Abs && f.DerivativeOrder == 0 && ap.Arguments.Length == 1)
                return Fenced("|", Emit(ap.Argument, Level.Relation), "|");
            if (f.Name == "\\nabla")
                return Row(["<mi mathvariant=\"normal\">∇</mi>", Emit(ap.Argument, Level.Product)]);
            var name = FunctionName(f);
            if (f.DerivativeOrder > 0) name = $"<msup>{name}<mo>{new string('′', f.DerivativeOrder)}</mo></msup>";
            return Row([name, ApplyFunction, Parenthesized(List(ap.Arguments))]);
        }

        private static string FunctionName(Function f) => f.Id switch
        {
            FunctionId.Sigmoid => "<mi>σ</mi>",
            FunctionId.Log2 => "<msub><mi>log</mi><mn>2</mn></msub>",
            FunctionId.Log10 => "<msub><mi>log</mi><mn>10</mn></msub>",
            FunctionId.Relu => "<mi>ReLU</mi>",
            FunctionId.Abs => "<mi>abs</mi>",
            FunctionId.Opaque => f.Name.StartsWith('\\') || f.Name.Length == 1
                ? MathMLNames.Write(f.Name)
                : MathMLNames.Word(f.Name),
            // The built-ins are written by their LaTeX command's name: exp, log, tanh, sin, arcsin …
            _ => MathMLNames.Word(f.Name),
        };

        private string List(IEnumerable<Expr> items, Level level = Level.Relation)
        {
            var parts = new List<string>();
            foreach (var item in items)
            {
                if (parts.Count > 0) parts.Add("<mo separator=\"true\">,</mo>");
                parts.Add(Emit(item, level));
            }
            return Row(parts);
        }

        private string IndexList(IEnumerable<Expr> indices) => List(indices, Level.Sum);

        private string SuperIndex(Indexed ix) => ix.Placement == IndexPlacement.ParenSuperscript
            ? Fenced("(", IndexList(ix.Indices), ")")
            : Fenced("[", IndexList(ix.Indices), "]");

        private string IndexedText(Indexed ix)
        {
            // x_{j}^{(i)}: a subscript on a sample-indexed name sits under the sample index.
            if (ix.Placement == IndexPlacement.Subscript && ix.Base is Indexed { Placement: not IndexPlacement.Subscript, Base: Symbol } sup)
                return $"<msubsup>{EmitBare(sup.Base)}{IndexList(ix.Indices)}{SuperIndex(sup)}</msubsup>";
            var baseText = ix.Base is Symbol or Indexed ? EmitBare(ix.Base) : Parenthesized(EmitBare(ix.Base));
            return ix.Placement == IndexPlacement.Subscript
                ? $"<msub>{baseText}{IndexList(ix.Indices)}</msub>"
                : $"<msup>{baseText}{SuperIndex(ix)}</msup>";
        }

        private string BigOperatorText(BigOperator big)
        {
            var symbol = big.Kind switch
            {
                BigOperatorKind.Sum => "<mo>∑</mo>",
                BigOperatorKind.Product => "<mo>∏</mo>",
                BigOperatorKind.Max => "<mo movablelimits=\"true\">max</mo>",
                BigOperatorKind.Min => "<mo movablelimits=\"true\">min</mo>",
                BigOperatorKind.ArgMax => "<mo movablelimits=\"true\">arg max</mo>",
                BigOperatorKind.ArgMin => "<mo movablelimits=\"true\">arg min</mo>",
                _ => "<mo movablelimits=\"true\">lim</mo>",
            };
            var index = EmitBare(big.Index);
            var under = big.Lower is null
                ? index
                : Row([index, big.Kind == BigOperatorKind.Limit ? "<mo>→</mo>" : "<mo>=</mo>", Emit(big.Lower, Level.Sum)]);
            var head = big.Upper is null
                ? $"<munder>{symbol}{under}</munder>"
                : $"<munderover>{symbol}{under}{Emit(big.Upper, Level.Sum)}</munderover>";
            return Row([head, Emit(big.Body, Level.Product)]);
        }

        private string DerivativeText(Derivative der)
        {
            var vars = der.Variables;
            if (der.Style == DerivativeStyle.Nabla && vars.Length == 1)
                return Row([$"<msub><mi mathvariant=\"normal\">∇</mi>{Emit(vars[0], Level.Sum)}</msub>", Emit(der.Body, Level.Product)]);
            var d = der.Style == DerivativeStyle.Total ? "<mi>d</mi>" : "<mi mathvariant=\"normal\">∂</mi>";
            var order = vars.Length > 1 ? $"<msup>{d}<mn>{vars.Length.ToString(CultureInfo.InvariantCulture)}</mn></msup>" : d;
            // ∂f/∂x for a name; ∂/∂x (…) for anything longer, as a textbook writes it.
            var simple = IsSimpleBody(der.Body);
            var numerator = simple ? Row([order, Emit(der.Body, Level.Product)]) : order;
            var denominator = new List<string>();
            var i = 0;
            while (i < vars.Length)
            {
                var j = i;
                while (j < vars.Length && vars[j].Equals(vars[i])) j++;
                denominator.Add(d);
                var variable = ScriptBase(vars[i]);
                denominator.Add(j - i > 1 ? $"<msup>{variable}<mn>{(j - i).ToString(CultureInfo.InvariantCulture)}</mn></msup>" : variable);
                i = j;
            }
            var fraction = $"<mfrac>{numerator}{Row(denominator)}</mfrac>";
            return simple ? fraction : Row([fraction, Parenthesized(Emit(der.Body, Level.Relation))]);
        }

        private string RelationText(Relation rel)
        {
            var parts = new List<string>();
            for (var i = 0; i < rel.Operands.Length; i++)
            {
                if (i > 0) parts.Add(RelationOperator(rel.Operators[i - 1]));
                parts.Add(Emit(rel.Operands[i], Level.Sum));
            }
            return Row(parts);
        }

        private string PiecewiseText(Piecewise pw)
        {
            var sb = new StringBuilder("<mtable columnalign=\"left left\">");
            for (var i = 0; i < pw.Count; i++)
            {
                sb.Append("<mtr><mtd>").Append(Emit(pw.ValueAt(i), Level.Relation)).Append("</mtd><mtd>")
                    .Append(Emit(pw.ConditionAt(i), Level.Relation)).Append("</mtd></mtr>");
            }
            sb.Append("</mtable>");
            return $"<mrow><mo>{{</mo>{sb}</mrow>";
        }

        private string TupleText(TupleExpr tuple)
        {
            if (tuple.Style != TupleStyle.Plain)
            {
                var (open, close) = tuple.Style == TupleStyle.Braces ? ("{", "}") : ("(", ")");
                return Fenced(open, List(tuple.Items), close);
            }
            var parts = new List<string>();
            foreach (var item in tuple.Items)
            {
                if (parts.Count > 0) parts.Add("<mo separator=\"true\">,</mo><mspace width=\"1em\"></mspace>");
                parts.Add(Emit(item, Level.Relation));
            }
            return Row(parts);
        }
    }
}
