using System.Collections.Immutable;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;
using DerivationChecker.Notation.Latex;

namespace DerivationChecker.Notation.Ascii;

internal sealed partial class AsciiReader
{
    /// <summary>Built-in elementwise functions by the names SymPy and Maxima users type.</summary>
    private static readonly Dictionary<string, Function> BuiltInFunctions = new()
    {
        ["sigma"] = Function.Sigmoid, ["sigmoid"] = Function.Sigmoid, ["tanh"] = Function.Tanh, ["exp"] = Function.Exp,
        ["log"] = Function.Log, ["ln"] = Function.Log, ["log2"] = Function.Log2, ["log10"] = Function.Log10,
        ["abs"] = Function.Abs, ["Abs"] = Function.Abs, ["relu"] = Function.Relu, ["ReLU"] = Function.Relu,
        ["step"] = Function.Step, ["Heaviside"] = Function.Step, ["sign"] = Function.Sign,
        ["max"] = Function.Max, ["Max"] = Function.Max, ["min"] = Function.Min, ["Min"] = Function.Min,
        ["sin"] = Function.Sin, ["cos"] = Function.Cos, ["tan"] = Function.Tan, ["sec"] = Function.Sec,
        ["csc"] = Function.Csc, ["cot"] = Function.Cot, ["asin"] = Function.Asin, ["arcsin"] = Function.Asin,
        ["acos"] = Function.Acos, ["arccos"] = Function.Acos, ["atan"] = Function.Atan, ["arctan"] = Function.Atan,
        ["sinh"] = Function.Sinh, ["cosh"] = Function.Cosh,
    };

    /// <summary>
    /// name(…) with the cursor on '('. A bound index or a declared quantity cannot be called; a table
    /// alias or a declared function wins over the built-ins; any other name is an uninterpreted
    /// function (Maxima semantics), so h(x) is h applied to x, never h·x.
    /// </summary>
    private Expr ParseCall(AsciiToken name, int primes)
    {
        var text = name.Text;
        var canonical = AsciiNames.Canonical(text);
        if (_bound.ContainsKey(canonical))
            throw Error(name, $"'{text}' is an index here, not a function; write {text}*(…) to multiply.");
        if (_table.FunctionAlias(canonical) is { } alias)
        {
            if (alias == LatexParser.SoftmaxAlias && primes > 0)
                throw Error(name, $"'{text}' stands for softmax here, whose derivative is a Jacobian; write it with diff(…, z).");
            return ApplyFunction(WithPrimes(alias, primes), name);
        }
        var kind = _table.Lookup(canonical);
        if (kind is FunctionKind) return ApplyFunction(WithPrimes(Function.Opaque(canonical), primes), name);
        if (kind is not null)
            throw Error(name, $"'{text}' is declared as '{kind.Describe()}', not a function; write {text}*(…) to multiply.");
        if (text is "log" or "ln") return ParseLogarithm(name, primes);
        if (BuiltInFunctions.TryGetValue(text, out var builtIn)) return ApplyFunction(WithPrimes(builtIn, primes), name);
        if (SpecialForm(text) is { } form)
        {
            if (primes > 0) throw Error(name, $"'{text}' cannot carry a prime; write the derivative with diff(…, x).");
            return form(name);
        }
        return ApplyFunction(WithPrimes(Function.Opaque(canonical), primes), name);
    }

    private static Function WithPrimes(Function f, int primes) => primes == 0 ? f : f with { DerivativeOrder = f.DerivativeOrder + primes };

    /// <summary>Words whose call builds a node of its own rather than an application.</summary>
    private Func<AsciiToken, Expr>? SpecialForm(string word) => word switch
    {
        "sqrt" => at => new Root(SingleArgument(at), Number.Two),
        "root" => ParseRoot,
        "softmax" => at => new Softmax(SingleArgument(at)),
        "diag" => at => new Diag(SingleArgument(at)),
        "trace" or "tr" => at => new Trace(SingleArgument(at)),
        "norm" => ParseNorm,
        "inv" or "inverse" => at => new Inverse(SingleArgument(at)),
        "transpose" => at => new Transpose(SingleArgument(at)),
        "Var" => at => new Variance(SingleArgument(at)),
        "E" => at => new Expectation(SingleArgument(at)),
        "delta" or "kron_delta" => ParseKroneckerDelta,
        "diff" => ParseDerivative,
        "sum" => at => ParseBigOperator(at, BigOperatorKind.Sum),
        "prod" or "product" => at => ParseBigOperator(at, BigOperatorKind.Product),
        "limit" => at => ParseBigOperator(at, BigOperatorKind.Limit),
        "matrix" => ParseMatrix,
        "piecewise" => ParsePiecewise,
        _ => null,
    };

    /// <summary>f(a, b, …): one argument for the built-ins, any number for max, min and uninterpreted functions.</summary>
    private Expr ApplyFunction(Function function, AsciiToken at)
    {
        var args = ReadArguments(at);
        if (function.IsBuiltIn && !function.IsVariadic && args.Length != 1)
            throw Error(at, $"The function {at.Text} takes one argument, but {args.Length} were given.");
        if (function == LatexParser.SoftmaxAlias)
        {
            if (args.Length != 1) throw Error(at, $"{at.Text} (softmax) takes one argument, but {args.Length} were given.");
            return new Softmax(args[0]);
        }
        return new Apply(function, args);
    }

    /// <summary>log(x) and ln(x) are natural; log(x, 2) and log(x, 10) (SymPy's base argument) are log2 and log10.</summary>
    private Expr ParseLogarithm(AsciiToken at, int primes)
    {
        var args = ReadArguments(at);
        if (args.Length == 1) return new Apply(WithPrimes(Function.Log, primes), args[0]);
        if (args.Length != 2) throw Error(at, $"{at.Text} takes a value and at most a base, but {args.Length} arguments were given.");
        var function = args[1] switch
        {
            Number { Value: var b } when b == 2 => Function.Log2,
            Number { Value: var b } when b == 10 => Function.Log10,
            Constant { Kind: ConstantKind.E } => Function.Log,
            _ => throw Error(at, "Only logarithms to base 2, 10 and e are supported."),
        };
        return new Apply(WithPrimes(function, primes), args[0]);
    }

    /// <summary>( a, b, … ) after a function name; the cursor is on '('.</summary>
    private ImmutableArray<Expr> ReadArguments(AsciiToken name)
    {
        var open = Expect("(", $"after {name.Text}");
        if (Peek().Is(")")) throw Error(Peek(), $"The argument list of {name.Text} is empty; write {name.Text}(x).");
        var args = ParseCommaList(open);
        ExpectClose(open);
        return args;
    }

    private Expr SingleArgument(AsciiToken name)
    {
        var args = ReadArguments(name);
        if (args.Length != 1) throw Error(name, $"{name.Text} takes one argument, but {args.Length} were given.");
        return args[0];
    }

    /// <summary>E[X]: an expectation; the cursor is on '['.</summary>
    private Expr ParseExpectationBrackets(AsciiToken name)
    {
        var open = Next();
        if (Peek().Is("]")) throw Error(Peek(), "The expectation is empty; write E[X].");
        var items = ParseCommaList(open);
        ExpectClose(open);
        if (items.Length != 1) throw Error(name, $"E[…] takes one argument, but {items.Length} were given.");
        return new Expectation(items[0]);
    }

    /// <summary>root(x, n): the n-th root.</summary>
    private Expr ParseRoot(AsciiToken name)
    {
        var args = ReadArguments(name);
        if (args.Length != 2) throw Error(name, "root takes the radicand and the index: root(x, 3).");
        return new Root(args[0], args[1]);
    }

    /// <summary>norm(x) is the Euclidean (Frobenius) norm; norm(x, 1) and norm(x, inf) the others.</summary>
    private Expr ParseNorm(AsciiToken name)
    {
        var args = ReadArguments(name);
        if (args.Length == 1) return new Norm(args[0]);
        if (args.Length != 2) throw Error(name, $"norm takes a value and at most an order, but {args.Length} arguments were given.");
        var kind = args[1] switch
        {
            Number { Value: var v } when v == 1 => NormKind.One,
            Number { Value: var v } when v == 2 => NormKind.Two,
            Constant { Kind: ConstantKind.Infinity } => NormKind.Infinity,
            _ => throw Error(name, "The order of a norm must be 1, 2 or inf."),
        };
        return new Norm(args[0], kind);
    }

    private Expr ParseKroneckerDelta(AsciiToken name)
    {
        var args = ReadArguments(name);
        if (args.Length != 2) throw Error(name, $"{name.Text} takes two indices: {name.Text}(i, k).");
        return new KroneckerDelta(args[0], args[1]);
    }

    /// <summary>
    /// diff(f, x) = df/dx; a positive whole number after a variable repeats it (diff(f, x, 2) = d²f/dx²),
    /// and further variables differentiate again (diff(f, x, y) = ∂²f/∂y∂x).
    /// </summary>
    private Expr ParseDerivative(AsciiToken name)
    {
        var args = ReadArguments(name);
        if (args.Length < 2) throw Error(name, "diff needs the variable to differentiate by: diff(f, x).");
        var variables = ImmutableArray.CreateBuilder<Expr>();
        var previousWasCount = false;
        for (var k = 1; k < args.Length; k++)
        {
            if (args[k] is Number { Value: var n })
            {
                if (variables.Count == 0 || previousWasCount)
                    throw Error(name, "In diff(f, x, n) the order n comes right after its variable x.");
                if (!n.IsInteger || n < 1 || n > 10) throw Error(name, "The order of a derivative must be a whole number from 1 to 10.");
                var order = (int)n.Numerator;
                for (var r = 1; r < order; r++) variables.Add(variables[^1]);
                previousWasCount = true;
                continue;
            }
            if (args[k] is Relation or TupleExpr) throw Error(name, "Each variable of diff must be a single name, as in diff(f, x).");
            variables.Add(args[k]);
            previousWasCount = false;
        }
        return new Derivative(args[0], variables.ToImmutable(), DerivativeStyle.Total);
    }

    /// <summary>
    /// sum(expr, i, a, b), prod(expr, i, a, b), limit(expr, x, a): the index (written after the body)
    /// is bound while the body is read, so it is found first by looking past the body.
    /// </summary>
    private Expr ParseBigOperator(AsciiToken name, BigOperatorKind kind)
    {
        var example = kind switch
        {
            BigOperatorKind.Sum => "sum(x_i, i, 1, n)",
            BigOperatorKind.Product => "prod(x_i, i, 1, n)",
            _ => "limit(f, x, 0)",
        };
        var openIndex = _pos;
        var indexAt = ArgumentStart(openIndex, 1);
        if (indexAt < 0) throw Error(name, $"{name.Text} needs its variable after the expression: {example}.");
        var indexToken = _tokens[indexAt];
        var afterIndex = _tokens[indexAt + 1];
        if (indexToken.Kind != AsciiTokenKind.Identifier || indexToken.Text.StartsWith('%') || !(afterIndex.Is(",") || afterIndex.Is(")")))
            throw Error(indexToken, $"The second argument of {name.Text} must be its variable, a single name: {example}.");
        var indexName = AsciiNames.Canonical(indexToken.Text);
        var index = BoundSymbol(indexName, kind);

        var open = Next();
        var body = WithBound(indexName, index, ParseChain);
        Expect(",", $"after the expression of {name.Text}");
        Next();
        Expr? lower = null;
        Expr? upper = null;
        if (Peek().Is(","))
        {
            Next();
            lower = ParseChain();
            if (Peek().Is(",") && kind != BigOperatorKind.Limit)
            {
                Next();
                upper = ParseChain();
            }
        }
        if (kind == BigOperatorKind.Limit && lower is null) throw Error(name, $"Say where the limit goes: {example}.");
        if (Peek().Is(",")) throw Error(Peek(), $"{name.Text} takes at most {(kind == BigOperatorKind.Limit ? 3 : 4)} arguments: {example}.");
        ExpectClose(open);
        return new BigOperator(kind, index, body, lower, upper);
    }

    /// <summary>The index of a sum or product is an integer (of its declared range); a limit's variable keeps its kind.</summary>
    private Symbol BoundSymbol(string name, BigOperatorKind kind)
    {
        var declared = _table.Lookup(name);
        if (declared is IndexKind) return new Symbol(name, declared);
        return new Symbol(name, kind is BigOperatorKind.Sum or BigOperatorKind.Product ? SymbolKind.BoundInteger : declared ?? SymbolKind.Real);
    }

    /// <summary>
    /// Token index where argument <paramref name="argument"/> (0-based) of the call opened at
    /// <paramref name="openIndex"/> starts, or −1. Bracketed groups are skipped in one step.
    /// </summary>
    private int ArgumentStart(int openIndex, int argument)
    {
        var seen = 0;
        for (var k = openIndex + 1; k < _tokens.Count; k++)
        {
            var t = _tokens[k];
            if (t.Kind == AsciiTokenKind.End) return -1;
            if (t.Kind != AsciiTokenKind.Operator) continue;
            if (t.Text is "(" or "[" or "{")
            {
                if (_match[k] < 0) return -1;
                k = _match[k];
            }
            else if (t.Text is ")" or "]" or "}")
            {
                return -1;
            }
            else if (t.Text == "," && ++seen == argument)
            {
                return k + 1;
            }
        }
        return -1;
    }

    /// <summary>matrix([1, 2], [3, 4]): rows as bracketed lists of equal length, as Maxima writes them.</summary>
    private Expr ParseMatrix(AsciiToken name)
    {
        var open = Expect("(", "after matrix");
        var entries = ImmutableArray.CreateBuilder<Expr>();
        var rows = 0;
        var columns = 0;
        while (true)
        {
            var rowOpen = Peek();
            if (!rowOpen.Is("["))
                throw Error(rowOpen.Kind == AsciiTokenKind.End ? name : rowOpen, "Each row of a matrix is a list in brackets: matrix([1, 2], [3, 4]).");
            Next();
            if (Peek().Is("]")) throw Error(Peek(), "This matrix row is empty.");
            var row = ParseCommaList(rowOpen);
            ExpectClose(rowOpen);
            if (row.Any(e => e is Relation or TupleExpr)) throw Error(rowOpen, "A matrix entry must be a value.");
            if (rows > 0 && row.Length != columns)
                throw Error(rowOpen, $"Row {rows + 1} of this matrix has {row.Length} entries, but row 1 has {columns}.");
            columns = row.Length;
            rows++;
            entries.AddRange(row);
            if (!Peek().Is(",")) break;
            Next();
        }
        ExpectClose(open);
        return new MatrixLiteral(rows, columns, entries.ToImmutable());
    }

    /// <summary>piecewise((v1, c1), (v2, c2), …): the first case whose condition holds; otherwise (or True) always holds.</summary>
    private Expr ParsePiecewise(AsciiToken name)
    {
        var open = Expect("(", "after piecewise");
        var cases = ImmutableArray.CreateBuilder<(Expr Value, Expr Condition)>();
        while (true)
        {
            var caseOpen = Peek();
            if (!caseOpen.Is("("))
                throw Error(caseOpen.Kind == AsciiTokenKind.End ? name : caseOpen, "Each case of piecewise is a pair in parentheses: piecewise((x, x > 0), (0, otherwise)).");
            Next();
            var value = ParseChain();
            Expect(",", "between the value and the condition of a case");
            Expr condition;
            if (Peek().Kind == AsciiTokenKind.Identifier && Peek().Text is "otherwise" or "True" or "true" && PeekAt(1).Is(")"))
            {
                Next();
                condition = Piecewise.Otherwise;
            }
            else
            {
                condition = ParseChain();
            }
            ExpectClose(caseOpen);
            cases.Add((value, condition));
            if (!Peek().Is(",")) break;
            Next();
        }
        ExpectClose(open);
        return new Piecewise(cases.ToImmutable());
    }
}
