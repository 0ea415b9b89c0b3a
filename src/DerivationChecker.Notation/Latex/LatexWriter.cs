using System.Globalization;
using System.Text;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;

namespace DerivationChecker.Notation.Latex;

/// <summary>
/// Writes an expression as LaTeX that <see cref="LatexParser"/> reads back into the same tree:
/// parentheses wherever the reading would otherwise change (a sum as a factor, a Σ before another
/// factor, a negative number inside a product), \cdot where juxtaposition would be misread.
/// Unknown node kinds fall back to a generic \operatorname{Kind}(…) form.
/// </summary>
public static class LatexWriter
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

    public static string Write(Expr e)
    {
        var sb = new StringBuilder();
        new Writer(sb).Emit(e, Level.Statement);
        return sb.ToString();
    }

    private sealed class Writer(StringBuilder sb)
    {
        private int _depth;

        public void Emit(Expr e, Level context)
        {
            if (++_depth > 400)
            {
                sb.Append("\\dots");
                _depth--;
                return;
            }
            var own = LevelOf(e);
            var wrap = own < context;
            if (wrap) sb.Append("\\left(");
            EmitBare(e);
            if (wrap) sb.Append("\\right)");
            _depth--;
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
            Number n when !n.Value.IsInteger && DecimalText(n.Value) is null => Level.Sum,
            Power or Transpose or Inverse => Level.Power,
            _ => Level.Atom,
        };

        private void EmitBare(Expr e)
        {
            switch (e)
            {
                case Number n:
                    EmitNumber(n.Value);
                    return;
                case FloatNumber f:
                    sb.Append(f.Value.ToString("G15", CultureInfo.InvariantCulture));
                    return;
                case Constant c:
                    sb.Append(c.Kind switch
                    {
                        ConstantKind.E => "e",
                        ConstantKind.Pi => "\\pi",
                        ConstantKind.Infinity => "\\infty",
                        _ => "\\text{undefined}",
                    });
                    return;
                case Symbol s:
                    sb.Append(SymbolText(s.Name));
                    return;
                case TextNode t:
                    sb.Append("\\text{").Append(t.Text).Append('}');
                    return;
                case EllipsisNode:
                    sb.Append("\\dots");
                    return;
                case Add add:
                    EmitSum(add);
                    return;
                case Negate neg:
                    sb.Append('-');
                    Emit(neg.Operand, neg.Operand is Number or Negate ? Level.Atom : Level.Hadamard);
                    return;
                case Multiply mul:
                    EmitProduct(mul);
                    return;
                case Divide div:
                    EmitFraction(div);
                    return;
                case Power pow:
                    EmitScriptBase(pow.Base);
                    sb.Append("^{");
                    Emit(pow.Exponent, Level.Statement);
                    sb.Append('}');
                    return;
                case Root root:
                    if (root.Index is Number { Value: var v } && v == 2) sb.Append("\\sqrt{");
                    else
                    {
                        sb.Append("\\sqrt[");
                        Emit(root.Index, Level.Sum);
                        sb.Append("]{");
                    }
                    Emit(root.Radicand, Level.Statement);
                    sb.Append('}');
                    return;
                case Transpose t:
                    EmitScriptBase(t.Operand);
                    sb.Append("^{\\top}");
                    return;
                case Inverse inv:
                    EmitScriptBase(inv.Operand);
                    sb.Append("^{-1}");
                    return;
                case HadamardProduct h:
                    for (var i = 0; i < h.Factors.Length; i++)
                    {
                        if (i > 0) sb.Append(" \\odot ");
                        Emit(h.Factors[i], i == 0 && h.Factors[i] is HadamardDivide ? Level.Hadamard : Level.Product);
                    }
                    return;
                case HadamardDivide hd:
                    Emit(hd.Left, hd.Left is HadamardProduct ? Level.Product : Level.Hadamard);
                    sb.Append(" \\oslash ");
                    Emit(hd.Right, Level.Product);
                    return;
                case OnesVector ones:
                    sb.Append("\\mathbf{1}");
                    if (ones.Length is { } length)
                    {
                        sb.Append("_{");
                        Emit(length, Level.Relation);
                        sb.Append('}');
                    }
                    return;
                case Diag d:
                    EmitOperator("\\operatorname{diag}", d.Operand);
                    return;
                case Trace tr:
                    EmitOperator("\\operatorname{tr}", tr.Operand);
                    return;
                case Softmax sm:
                    EmitOperator("\\operatorname{softmax}", sm.Operand);
                    return;
                case Norm norm:
                    sb.Append("\\left\\lVert ");
                    Emit(norm.Operand, Level.Relation);
                    sb.Append("\\right\\rVert");
                    if (norm.Kind == NormKind.One) sb.Append("_{1}");
                    else if (norm.Kind == NormKind.Infinity) sb.Append("_{\\infty}");
                    return;
                case MatrixLiteral m:
                    sb.Append("\\begin{bmatrix}");
                    for (var r = 0; r < m.Rows; r++)
                    {
                        if (r > 0) sb.Append(" \\\\ ");
                        for (var c = 0; c < m.Columns; c++)
                        {
                            if (c > 0) sb.Append(" & ");
                            Emit(m[r, c], Level.Sum);
                        }
                    }
                    sb.Append("\\end{bmatrix}");
                    return;
                case Apply ap:
                    EmitApply(ap);
                    return;
                case Indexed ix:
                    EmitIndexed(ix);
                    return;
                case KroneckerDelta kd:
                    sb.Append("\\delta_{");
                    Emit(kd.First, Level.Sum);
                    sb.Append(',');
                    Emit(kd.Second, Level.Sum);
                    sb.Append('}');
                    return;
                case BigOperator big:
                    EmitBigOperator(big);
                    return;
                case Expectation ex:
                    sb.Append("E\\left[");
                    Emit(ex.Operand, Level.Relation);
                    sb.Append("\\right]");
                    return;
                case Variance va:
                    EmitOperator("\\operatorname{Var}", va.Operand);
                    return;
                case Derivative der:
                    EmitDerivative(der);
                    return;
                case Relation rel:
                    for (var i = 0; i < rel.Operands.Length; i++)
                    {
                        if (i > 0) sb.Append(' ').Append(RelationText(rel.Operators[i - 1])).Append(' ');
                        Emit(rel.Operands[i], Level.Sum);
                    }
                    return;
                case Piecewise pw:
                    sb.Append("\\begin{cases}");
                    for (var i = 0; i < pw.Count; i++)
                    {
                        if (i > 0) sb.Append(" \\\\ ");
                        Emit(pw.ValueAt(i), Level.Relation);
                        sb.Append(" & ");
                        Emit(pw.ConditionAt(i), Level.Relation);
                    }
                    sb.Append("\\end{cases}");
                    return;
                case TupleExpr tuple:
                    EmitTuple(tuple);
                    return;
                default:
                    sb.Append("\\operatorname{").Append(e.GetType().Name).Append("}\\left(");
                    for (var i = 0; i < e.Args.Length; i++)
                    {
                        if (i > 0) sb.Append(", ");
                        Emit(e.Args[i], Level.Relation);
                    }
                    sb.Append("\\right)");
                    return;
            }
        }

        private void EmitNumber(BigRational value)
        {
            if (value.IsInteger)
            {
                sb.Append(value.Numerator.ToString(CultureInfo.InvariantCulture));
                return;
            }
            var dec = DecimalText(value);
            if (dec is not null)
            {
                sb.Append(dec);
                return;
            }
            if (value.Sign < 0) sb.Append('-');
            sb.Append("\\frac{").Append(BigIntegerText(value.Abs().Numerator)).Append("}{").Append(BigIntegerText(value.Denominator)).Append('}');
        }

        private void EmitSum(Add add)
        {
            for (var i = 0; i < add.Terms.Length; i++)
            {
                var term = add.Terms[i];
                if (i == 0)
                {
                    Emit(term, term is Add ? Level.Hadamard : Level.Sum);
                    continue;
                }
                switch (term)
                {
                    case Negate neg:
                        sb.Append(" - ");
                        Emit(neg.Operand, neg.Operand is Number or Negate ? Level.Atom : Level.Hadamard);
                        break;
                    case Number { Value.Sign: < 0 } n:
                        sb.Append(" - ");
                        EmitNumber(-n.Value);
                        break;
                    default:
                        sb.Append(" + ");
                        Emit(term, Level.Hadamard);
                        break;
                }
            }
        }

        private void EmitProduct(Multiply mul)
        {
            var factors = mul.Factors;
            for (var i = 0; i < factors.Length; i++)
            {
                var factor = factors[i];
                var last = i == factors.Length - 1;
                // A Σ, ∏ or ∇ takes the rest of the product as its body, so it must be last or wrapped.
                var needsWrap = !last && (factor is BigOperator or Derivative { Style: DerivativeStyle.Nabla } or Apply { Function.Name: "\\nabla" }
                    || factor is Derivative d && !IsSimpleBody(d.Body));
                if (i > 0) sb.Append(NeedsExplicitTimes(factors[i - 1], factor) ? " \\cdot " : " ");
                if (needsWrap)
                {
                    sb.Append("\\left(");
                    EmitBare(factor);
                    sb.Append("\\right)");
                }
                else if (factor is Multiply || (factor is Number { Value.Sign: < 0 }) || (i > 0 && factor is Number n && !n.Value.IsInteger && DecimalText(n.Value) is null))
                {
                    sb.Append("\\left(");
                    EmitBare(factor);
                    sb.Append("\\right)");
                }
                else
                {
                    Emit(factor, Level.Product);
                }
            }
        }

        /// <summary>Juxtaposition is misread between two numbers and after a name that can be applied as a function.</summary>
        private static bool NeedsExplicitTimes(Expr left, Expr right)
        {
            var rightStartsWithDigit = right is Number or Power { Base: Number } or Transpose { Operand: Number } || (right is Indexed { Base: Number });
            if (rightStartsWithDigit) return true;
            if (left is Symbol s && IsFunctionLikeName(s.Name) && StartsWithBracket(right)) return true;
            if (left is Symbol { Name: "E" } && right is MatrixLiteral) return true;
            if (left is Symbol { Name: "d" } || left is Symbol { Name: "e" }) return true;
            if (left is Constant { Kind: ConstantKind.E } && right is MatrixLiteral or TupleExpr) return true;
            if (left is Symbol && right is TupleExpr) return true;
            if (left is Apply or Softmax or Diag or Trace or Variance || left is Power { Base: Apply }) return true;
            if (right is Negate) return true;
            // Adjacent letters join into words (e x p): keep single-letter names apart with \cdot where they would spell one.
            if (left is Symbol ls && right is Symbol rs && ls.Name.Length == 1 && rs.Name.Length == 1) return false;
            return false;
        }

        /// <summary>A derivative of this is written ∂f/∂x; of anything else, ∂/∂x (…).</summary>
        private static bool IsSimpleBody(Expr body) => body is Symbol or Indexed or Apply or Power { Base: Symbol or Indexed or Constant };

        private static bool StartsWithBracket(Expr e) => LevelOf(e) < Level.Product || e is TupleExpr or MatrixLiteral or Multiply
            || (e is Power { Base: var b } && LevelOf(b) < Level.Power) || e is Transpose { Operand: not (Symbol or Indexed) };

        private static bool IsFunctionLikeName(string name) =>
            name is "f" or "g" or "\\phi" or "\\psi" or "\\sigma" || name.StartsWith("\\mathcal{", StringComparison.Ordinal);

        private void EmitFraction(Divide div)
        {
            sb.Append("\\frac{");
            var start = sb.Length;
            Emit(div.Numerator, Level.Statement);
            // A numerator spelled "d x" over "d y" would read as a derivative; brace it.
            var numeratorText = sb.ToString(start, sb.Length - start);
            if (StartsLikeDifferential(numeratorText))
            {
                sb.Insert(start, "{");
                sb.Append('}');
            }
            sb.Append("}{");
            Emit(div.Denominator, Level.Statement);
            sb.Append('}');
        }

        private static bool StartsLikeDifferential(string text) =>
            text.StartsWith("\\partial", StringComparison.Ordinal) || (text.StartsWith('d') && (text.Length == 1 || !char.IsLetterOrDigit(text[1]) || text[1] == ' '));

        /// <summary>The base of ^ or ᵀ: atoms as they are, anything else in parentheses.</summary>
        private void EmitScriptBase(Expr b)
        {
            var atomic = b is Symbol or Constant or Apply or Softmax or Diag or Trace or Variance or Expectation or Norm or MatrixLiteral or Root or OnesVector
                || (b is Number n && n.Value.Sign >= 0 && (n.Value.IsInteger || DecimalText(n.Value) is not null))
                || (b is Indexed ix && ix.Placement == IndexPlacement.Subscript && ix.Base is Symbol);
            if (b is Indexed { Placement: not IndexPlacement.Subscript } || (b is Indexed sub && sub.Base is Indexed))
            {
                sb.Append('{');
                EmitBare(b);
                sb.Append('}');
                return;
            }
            if (b is Symbol sym && sym.Name.Contains("^{*}", StringComparison.Ordinal))
            {
                sb.Append('{').Append(SymbolText(sym.Name)).Append('}');
                return;
            }
            if (atomic)
            {
                EmitBare(b);
                return;
            }
            sb.Append("\\left(");
            EmitBare(b);
            sb.Append("\\right)");
        }

        private void EmitApply(Apply ap)
        {
            var f = ap.Function;
            if (f.Id == FunctionId.Abs && f.DerivativeOrder == 0 && ap.Arguments.Length == 1)
            {
                sb.Append("\\left|");
                Emit(ap.Argument, Level.Relation);
                sb.Append("\\right|");
                return;
            }
            if (f.Name == "\\nabla")
            {
                sb.Append("\\nabla ");
                Emit(ap.Argument, Level.Product);
                return;
            }
            sb.Append(FunctionText(f));
            sb.Append('\'', f.DerivativeOrder);
            sb.Append("\\left(");
            for (var i = 0; i < ap.Arguments.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                Emit(ap.Arguments[i], Level.Relation);
            }
            sb.Append("\\right)");
        }

        private static string FunctionText(Function f) => f.Id switch
        {
            FunctionId.Sigmoid => "\\sigma",
            FunctionId.Tanh => "\\tanh",
            FunctionId.Exp => "\\exp",
            FunctionId.Log => "\\log",
            FunctionId.Log2 => "\\log_{2}",
            FunctionId.Log10 => "\\log_{10}",
            FunctionId.Abs => "\\operatorname{abs}",
            FunctionId.Relu => "\\operatorname{ReLU}",
            FunctionId.Step => "\\operatorname{step}",
            FunctionId.Sign => "\\operatorname{sign}",
            FunctionId.Max => "\\max",
            FunctionId.Min => "\\min",
            FunctionId.Sin => "\\sin",
            FunctionId.Cos => "\\cos",
            FunctionId.Tan => "\\tan",
            FunctionId.Sec => "\\sec",
            FunctionId.Csc => "\\csc",
            FunctionId.Cot => "\\cot",
            FunctionId.Asin => "\\arcsin",
            FunctionId.Acos => "\\arccos",
            FunctionId.Atan => "\\arctan",
            FunctionId.Sinh => "\\sinh",
            FunctionId.Cosh => "\\cosh",
            _ => OpaqueFunctionText(f.Name),
        };

        private static string OpaqueFunctionText(string name)
        {
            if (name.StartsWith('\\')) return name;
            if (name is "f" or "g") return name;
            return "\\operatorname{" + name + "}";
        }

        private void EmitOperator(string name, Expr operand)
        {
            sb.Append(name).Append("\\left(");
            Emit(operand, Level.Relation);
            sb.Append("\\right)");
        }

        private void EmitIndexed(Indexed ix)
        {
            // x_{j}^{(i)}: a subscript on a sample-indexed name prints the sample index last.
            if (ix.Placement == IndexPlacement.Subscript && ix.Base is Indexed { Placement: not IndexPlacement.Subscript, Base: Symbol } sup)
            {
                sb.Append(SymbolText(((Symbol)sup.Base).Name));
                EmitIndexList("_{", ix.Indices, "}");
                EmitSuperIndex(sup);
                return;
            }
            if (ix.Placement != IndexPlacement.Subscript)
            {
                if (ix.Base is Symbol bs && !bs.Name.Contains("^{*}", StringComparison.Ordinal)) sb.Append(SymbolText(bs.Name));
                else EmitBracedBase(ix.Base);
                EmitSuperIndex(ix);
                return;
            }
            if (ix.Base is Symbol s && !s.Name.Contains('_') && !s.Name.Contains('\'') && !s.Name.Contains("^{*}", StringComparison.Ordinal))
            {
                sb.Append(SymbolText(s.Name));
            }
            else
            {
                EmitBracedBase(ix.Base);
            }
            EmitIndexList("_{", ix.Indices, "}");
        }

        private void EmitBracedBase(Expr b)
        {
            if (b is Symbol or Indexed)
            {
                sb.Append('{');
                EmitBare(b);
                sb.Append('}');
            }
            else
            {
                sb.Append("\\left(");
                EmitBare(b);
                sb.Append("\\right)");
            }
        }

        private void EmitSuperIndex(Indexed ix)
        {
            var (open, close) = ix.Placement == IndexPlacement.ParenSuperscript ? ("^{(", ")}") : ("^{[", "]}");
            EmitIndexList(open, ix.Indices, close);
        }

        private void EmitIndexList(string open, IReadOnlyList<Expr> indices, string close)
        {
            sb.Append(open);
            for (var i = 0; i < indices.Count; i++)
            {
                if (i > 0) sb.Append(',');
                Emit(indices[i], Level.Sum);
            }
            sb.Append(close);
        }

        private void EmitBigOperator(BigOperator big)
        {
            sb.Append(big.Kind switch
            {
                BigOperatorKind.Sum => "\\sum",
                BigOperatorKind.Product => "\\prod",
                BigOperatorKind.Max => "\\max",
                BigOperatorKind.Min => "\\min",
                BigOperatorKind.ArgMax => "\\arg\\max",
                BigOperatorKind.ArgMin => "\\arg\\min",
                _ => "\\lim",
            });
            sb.Append("_{").Append(SymbolText(big.Index.Name));
            if (big.Kind == BigOperatorKind.Limit && big.Lower is not null)
            {
                sb.Append(" \\to ");
                Emit(big.Lower, Level.Sum);
            }
            else if (big.Lower is not null)
            {
                sb.Append('=');
                Emit(big.Lower, Level.Sum);
            }
            sb.Append('}');
            if (big.Upper is not null)
            {
                sb.Append("^{");
                Emit(big.Upper, Level.Sum);
                sb.Append('}');
            }
            sb.Append(' ');
            Emit(big.Body, Level.Product);
        }

        private void EmitDerivative(Derivative der)
        {
            var vars = der.Variables;
            if (der.Style == DerivativeStyle.Nabla && vars.All(v => v.Equals(vars[0])))
            {
                // ∇_θ L, and ∇²_θ L for the Hessian (θ twice).
                sb.Append("\\nabla");
                if (vars.Length > 1) sb.Append("^{").Append(vars.Length.ToString(CultureInfo.InvariantCulture)).Append('}');
                sb.Append("_{");
                Emit(vars[0], Level.Sum);
                sb.Append("} ");
                Emit(der.Body, Level.Product);
                return;
            }
            var d = der.Style == DerivativeStyle.Total ? "d" : "\\partial";
            sb.Append("\\frac{").Append(d);
            if (vars.Length > 1) sb.Append("^{").Append(vars.Length.ToString(CultureInfo.InvariantCulture)).Append('}');
            // ∂f/∂x for a name; ∂/∂x (…) for anything longer, as a textbook writes it.
            var simple = IsSimpleBody(der.Body);
            if (simple)
            {
                sb.Append(' ');
                Emit(der.Body, Level.Product);
            }
            sb.Append("}{");
            var i = 0;
            while (i < vars.Length)
            {
                var j = i;
                while (j < vars.Length && vars[j].Equals(vars[i])) j++;
                if (i > 0) sb.Append(' ');
                sb.Append(d).Append(' ');
                EmitScriptBase(vars[i]);
                if (j - i > 1) sb.Append("^{").Append((j - i).ToString(CultureInfo.InvariantCulture)).Append('}');
                i = j;
            }
            sb.Append('}');
            if (!simple)
            {
                sb.Append(" \\left(");
                Emit(der.Body, Level.Relation);
                sb.Append("\\right)");
            }
        }

        private void EmitTuple(TupleExpr tuple)
        {
            var (open, close, separator) = tuple.Style switch
            {
                TupleStyle.Parentheses => ("\\left(", "\\right)", ", "),
                TupleStyle.Braces => ("\\left\\{", "\\right\\}", ", "),
                _ => ("", "", ", \\quad "),
            };
            sb.Append(open);
            for (var i = 0; i < tuple.Items.Length; i++)
            {
                if (i > 0) sb.Append(separator);
                Emit(tuple.Items[i], tuple.Style == TupleStyle.Plain ? Level.Relation : Level.Relation);
            }
            sb.Append(close);
        }
    }

    /// <summary>The LaTeX of a symbol name: multi-letter plain names (lr, x1) are upright words.</summary>
    public static string SymbolText(string name)
    {
        if (name.Length <= 1 || name.StartsWith('\\') || name.Contains('_') || name.Contains('{') || name.Contains('\''))
            return name;
        return "\\mathrm{" + name + "}";
    }

    public static string RelationText(RelationKind kind) => kind switch
    {
        RelationKind.Equal => "=",
        RelationKind.NotEqual => "\\neq",
        RelationKind.Less => "<",
        RelationKind.LessEqual => "\\leq",
        RelationKind.Greater => ">",
        RelationKind.GreaterEqual => "\\geq",
        RelationKind.Approx => "\\approx",
        RelationKind.Define => "\\coloneqq",
        RelationKind.Assign => "\\leftarrow",
        RelationKind.Implies => "\\Rightarrow",
        RelationKind.Iff => "\\iff",
        RelationKind.In => "\\in",
        RelationKind.Tends => "\\to",
        RelationKind.Given => "\\mid",
        RelationKind.Distributed => "\\sim",
        _ => "=",
    };

    /// <summary>A terminating decimal for p/q when q has only the factors 2 and 5 (1.5, 0.25); else null.</summary>
    public static string? DecimalText(BigRational value)
    {
        if (value.IsInteger) return BigIntegerText(value.Numerator);
        var d = value.Denominator;
        var twos = 0;
        var fives = 0;
        while (d % 2 == 0) { d /= 2; twos++; }
        while (d % 5 == 0) { d /= 5; fives++; }
        if (!d.IsOne) return null;
        var places = Math.Max(twos, fives);
        if (places > 30) return null;
        var scaled = value.Numerator * System.Numerics.BigInteger.Pow(10, places) / value.Denominator;
        var negative = scaled.Sign < 0;
        var digits = System.Numerics.BigInteger.Abs(scaled).ToString(CultureInfo.InvariantCulture).PadLeft(places + 1, '0');
        var text = digits[..^places] + "." + digits[^places..];
        return negative ? "-" + text : text;
    }

    private static string BigIntegerText(System.Numerics.BigInteger n) => n.ToString(CultureInfo.InvariantCulture);
}
