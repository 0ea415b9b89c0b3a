using System.Collections.Immutable;
using DerivationChecker.Core.Calculus;
using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Shapes;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// Evaluates an expression at one <see cref="Sample"/> in the number system <typeparamref name="T"/>.
/// Sums and products with symbolic bounds run over the sampled bounds; indices, exponents and
/// bounds that must be integers are evaluated exactly as integers; anything the system cannot do
/// throws <see cref="UnsupportedOperationException"/>; anything undefined gives an invalid value.
/// </summary>
public sealed class Evaluator<T> where T : struct, IScalar<T>
{
    /// <summary>No sum or product with more terms than this is expanded (hostile bounds such as 10^{10}).</summary>
    public const long MaxTerms = 100_000;

    private readonly Sample _sample;
    private readonly Budget _budget;
    private readonly Dictionary<string, long> _bound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Value<T>> _values = new(StringComparer.Ordinal);
    private readonly ShapeInference _shapes = new();
    private readonly ImmutableArray<Recurrence> _recurrences;
    private readonly Dictionary<(string Sequence, long Index), Value<T>> _sequenceValues = [];

    public Evaluator(Sample sample, Budget budget, ImmutableArray<Recurrence> recurrences = default)
    {
        _sample = sample;
        _budget = budget;
        _recurrences = recurrences.IsDefault ? [] : recurrences;
    }

    private readonly Dictionary<string, Expr> _drawnAtoms = new(StringComparer.Ordinal);

    /// <summary>The values drawn for free symbols and indexed names (h_0, y^{(3)}), for reporting a counterexample.</summary>
    public IEnumerable<(Expr Atom, Value<T> Value)> DrawnValues =>
        _drawnAtoms.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Value, _values[kv.Key]));

    public Sample Sample => _sample;

    public Value<T> Evaluate(Expr e)
    {
        _budget.Tick();
        switch (e)
        {
            case Number n:
                return new Value<T>(NumberValue(n));
            case FloatNumber f:
                return new Value<T>(T.FromSample(f.Value, (ulong)f.Value.GetHashCode()));
            case Constant c:
                return new Value<T>(T.Constant(c.Kind));
            case Symbol s:
                return SymbolValue(s);
            case Indexed ix:
                return IndexedValue(ix);
            case Add add:
                {
                    var acc = Evaluate(add.Terms[0]);
                    for (var i = 1; i < add.Terms.Length; i++)
                    {
                        acc = Elementwise(acc, Evaluate(add.Terms[i]), T.Add);
                        if (acc.IsInvalid) return Value<T>.Invalid;
                    }
                    return acc;
                }
            case Negate neg:
                return Map(Evaluate(neg.Operand), T.Negate);
            case Multiply mul:
                {
                    var acc = Evaluate(mul.Factors[0]);
                    for (var i = 1; i < mul.Factors.Length; i++)
                    {
                        if (acc.IsInvalid) return Value<T>.Invalid;
                        acc = Product(acc, Evaluate(mul.Factors[i]));
                    }
                    return acc;
                }
            case Divide div:
                return Quotient(Evaluate(div.Numerator), Evaluate(div.Denominator));
            case Power pow:
                return PowerValue(pow);
            case Root root:
                {
                    var index = Integer(root.Index) ?? throw new UnsupportedOperationException("a root of non-integer index");
                    if (index == 0) return Value<T>.Invalid;
                    var q = new BigRational(1, index);
                    return Map(Evaluate(root.Radicand), x => T.PowRational(x, q));
                }
            case Transpose t:
                {
                    var v = Evaluate(t.Operand);
                    return v.Tensor is { } m ? new Value<T>(m.Transposed()) : v;
                }
            case Inverse inv:
                {
                    var v = Evaluate(inv.Operand);
                    if (v.Tensor is null) return new Value<T>(T.Divide(T.One, v.Scalar));
                    if (v.Tensor.Rows != v.Tensor.Columns) return Value<T>.Invalid;
                    var inverse = v.Tensor.Inverse();
                    return inverse is null ? Value<T>.Invalid : new Value<T>(inverse);
                }
            case HadamardProduct h:
                {
                    var acc = Evaluate(h.Factors[0]);
                    for (var i = 1; i < h.Factors.Length; i++) acc = Elementwise(acc, Evaluate(h.Factors[i]), T.Multiply);
                    return acc;
                }
            case HadamardDivide hd:
                return Elementwise(Evaluate(hd.Left), Evaluate(hd.Right), T.Divide);
            case Diag d:
                return DiagValue(Evaluate(d.Operand));
            case Trace tr:
                {
                    var v = Evaluate(tr.Operand);
                    if (v.Tensor is not { } m) return v;
                    if (m.Rows != m.Columns) return Value<T>.Invalid;
                    var sum = T.Zero;
                    for (var i = 0; i < m.Rows; i++) sum = T.Add(sum, m[i, i]);
                    return new Value<T>(sum);
                }
            case Norm norm:
                return NormValue(norm);
            case Softmax sm:
                return SoftmaxValue(Evaluate(sm.Operand));
            case IdentityMatrix id:
                return Integer(id.Dimension) is { } size and > 0 and <= MaxTerms ? new Value<T>(Tensor<T>.Identity((int)size)) : Value<T>.Invalid;
            case OnesVector { Length: null }:
                throw new UnsupportedOperationException("the all-ones vector 𝟏 when nothing it multiplies or is added to says its length (write 𝟏_n)");
            case OnesVector { Length: { } length }:
                return Integer(length) is { } count and > 0 and <= MaxTerms ? new Value<T>(new Tensor<T>((int)count, 1, [.. Enumerable.Repeat(T.One, (int)count)])) : Value<T>.Invalid;
            case MatrixLiteral lit:
                {
                    var data = new T[lit.Rows * lit.Columns];
                    for (var i = 0; i < data.Length; i++)
                    {
                        var v = Evaluate(lit.Args[i]);
                        if (!v.ActsAsScalar) return Value<T>.Invalid;
                        data[i] = v.AsScalar;
                    }
                    return new Value<T>(new Tensor<T>(lit.Rows, lit.Columns, data));
                }
            case Apply ap:
                return ApplyValue(ap);
            case KroneckerDelta kd:
                {
                    var i = Integer(kd.First);
                    var j = Integer(kd.Second);
                    if (i is null || j is null) throw new UnsupportedOperationException("a Kronecker delta of non-integer indices");
                    return new Value<T>(i == j ? T.One : T.Zero);
                }
            case BigOperator big:
                return BigOperatorValue(big);
            case Expectation or Variance or Derivative:
                return OpaqueAtom(e);
            case Piecewise pw:
                return PiecewiseValue(pw);
            case Relation rel:
                return new Value<T>(Holds(rel) ? T.One : T.Zero);
            default:
                throw new UnsupportedOperationException($"a {e.GetType().Name}");
        }
    }

    private static T NumberValue(Number n) => T.FromNumber(n);

    // ---- symbols and atoms -----------------------------------------------------------------------

    private Value<T> SymbolValue(Symbol s)
    {
        if (_bound.TryGetValue(s.Name, out var boundValue)) return new Value<T>(T.FromInteger(boundValue));
        switch (s.Kind)
        {
            case ScalarKind { Domain: ScalarDomain.Real or ScalarDomain.Positive } scalar:
                _drawnAtoms[s.Name] = s;
                return Drawn(s.Name, Shape.Scalar, scalar.Domain == ScalarDomain.Positive ? EntryDomain.Positive : EntryDomain.Real);
            case ScalarKind or IndexKind:
                return new Value<T>(T.FromInteger(_sample.Integer(s, Integer)));
            case VectorKind v:
                _drawnAtoms[s.Name] = s;
                return Drawn(s.Name, Shape.Vector(v.Length), v.Entries);
            case MatrixKind m:
                _drawnAtoms[s.Name] = s;
                return Drawn(s.Name, Shape.Matrix(m.Rows, m.Columns), m.PositiveEntries ? EntryDomain.Positive : EntryDomain.Real);
            default:
                throw new UnsupportedOperationException($"the value of {s.Name}, a {s.Kind.Describe()}");
        }
    }

    /// <summary>A random value of the given shape and entry domain, the same every time <paramref name="key"/> is asked.</summary>
    private Value<T> Drawn(string key, Shape shape, EntryDomain domain)
    {
        if (_values.TryGetValue(key, out var known)) return known;
        Value<T> value;
        if (shape is MatrixShape m)
        {
            var rows = Size(m.Rows);
            var columns = Size(m.Columns);
            if (rows is null || columns is null || rows < 1 || columns < 1 || rows * columns > MaxTerms) return Value<T>.Invalid;
            value = new Value<T>(DrawTensor(key, (int)rows, (int)columns, domain));
        }
        else
        {
            value = new Value<T>(DrawScalar(key, domain == EntryDomain.Positive));
        }
        _values[key] = value;
        return value;
    }

    private T DrawScalar(string key, bool positive) => T.FromSample(_sample.Real(key, positive), _sample.Bits(key));

    private Tensor<T> DrawTensor(string key, int rows, int columns, EntryDomain domain)
    {
        var t = new Tensor<T>(rows, columns);
        var n = rows * columns;
        switch (domain)
        {
            case EntryDomain.OneHot:
                {
                    var hot = (int)(_sample.Bits(key + "#hot") % (ulong)n);
                    for (var i = 0; i < n; i++) t.Data[i] = i == hot ? T.One : T.Zero;
                    break;
                }
            case EntryDomain.Probability:
                {
                    // Positive entries divided by their sum; in an exact field the last entry closes the sum to 1.
                    var raw = new double[n];
                    double total = 0;
                    for (var i = 0; i < n; i++)
                    {
                        raw[i] = 0.05 + RandomSource.Unit(_sample.Bits($"{key}#{i}"));
                        total += raw[i];
                    }
                    var sum = T.Zero;
                    for (var i = 0; i < n; i++)
                    {
                        t.Data[i] = i < n - 1 || !T.IsExact
                            ? T.FromSample(raw[i] / total, _sample.Bits($"{key}#{i}"))
                            : T.Subtract(T.One, sum);
                        sum = T.Add(sum, t.Data[i]);
                    }
                    break;
                }
            default:
                for (var i = 0; i < n; i++) t.Data[i] = DrawScalar($"{key}#{i}", domain == EntryDomain.Positive);
                break;
        }
        return t;
    }

    private long? Size(Expr dim) => Integer(dim);

    private Value<T> IndexedValue(Indexed ix)
    {
        if (ix is { Base: Symbol sequence, Indices: [var at], Placement: IndexPlacement.Subscript } && !_recurrences.IsEmpty
            && _recurrences.FirstOrDefault(r => r.Sequence.Equals(sequence)) is { } recurrence && Integer(at) is { } k)
        {
            return SequenceValue(recurrence, k);
        }
        if (ix.Placement == IndexPlacement.Subscript && ix.Base is not Symbol { Kind: FamilyKind })
        {
            var baseShape = ShapeOf(ix.Base);
            if (baseShape is MatrixShape)
            {
                var container = Evaluate(ix.Base);
                if (container.Tensor is not { } m) return container;
                return Component(m, ix.Indices);
            }
        }
        // A member of a family (declared, or implicit for an undeclared name): drawn per index value.
        var concrete = ConcreteAtom(ix);
        var key = DebugPrinter.Print(concrete);
        _drawnAtoms[key] = concrete;
        var shape = ShapeOf(ix);
        var domain = MemberDomain(ix);
        return Drawn(key, shape, domain);
    }

    /// <summary>
    /// s_k of a recurrence: every term from the first index up to k, in order, so a long sequence
    /// costs a loop, not a deep recursion.
    /// </summary>
    private Value<T> SequenceValue(Recurrence recurrence, long k)
    {
        var name = recurrence.Sequence.Name;
        if (_sequenceValues.TryGetValue((name, k), out var known)) return known;
        var first = recurrence.FirstIndex;
        if (k < first || k - first > Recurrence.MaxSteps) return Value<T>.Invalid;
        var step = recurrence.Step.Name;
        var had = _bound.TryGetValue(step, out var saved);
        try
        {
            for (var i = first; i <= k; i++)
            {
                if (_sequenceValues.ContainsKey((name, i))) continue;
                Value<T> value;
                if (recurrence.Initial.TryGetValue(i, out var initial)) value = Evaluate(initial);
                else if (i == first)
                {
                    // No initial value given: s at the first index is a free quantity.
                    var atom = new Indexed(recurrence.Sequence, [Number.Of(i)]);
                    value = Drawn(DebugPrinter.Print(atom), ShapeOf(atom), EntryDomain.Real);
                    _drawnAtoms[DebugPrinter.Print(atom)] = atom;
                }
                else
                {
                    _bound[step] = i;
                    value = Evaluate(recurrence.Body);
                }
                _sequenceValues[(name, i)] = value;
            }
        }
        finally
        {
            if (had) _bound[step] = saved;
            else _bound.Remove(step);
        }
        return _sequenceValues[(name, k)];
    }

    private static EntryDomain MemberDomain(Indexed ix)
    {
        Expr b = ix;
        while (b is Indexed inner) b = inner.Base;
        var kind = (b as Symbol)?.Kind;
        if (kind is FamilyKind f) kind = f.Member;
        return kind switch
        {
            ScalarKind { Domain: ScalarDomain.Positive } => EntryDomain.Positive,
            VectorKind v => v.Entries,
            MatrixKind { PositiveEntries: true } => EntryDomain.Positive,
            _ => EntryDomain.Real,
        };
    }

    private Value<T> Component(Tensor<T> m, ImmutableArray<Expr> indices)
    {
        long row, column;
        if (indices.Length == 1)
        {
            var k = Integer(indices[0]) ?? throw new UnsupportedOperationException("a component with a non-integer index");
            if (m.Columns == 1) { row = k; column = 1; }
            else if (m.Rows == 1) { row = 1; column = k; }
            else return Value<T>.Invalid;
        }
        else if (indices.Length == 2)
        {
            row = Integer(indices[0]) ?? throw new UnsupportedOperationException("an entry with a non-integer index");
            column = Integer(indices[1]) ?? throw new UnsupportedOperationException("an entry with a non-integer index");
        }
        else return Value<T>.Invalid;
        if (row < 1 || row > m.Rows || column < 1 || column > m.Columns) return Value<T>.Invalid;
        return new Value<T>(m[(int)row - 1, (int)column - 1]);
    }

    /// <summary>
    /// A quantity the evaluator does not compute (E[X²], Var(W), ∂J_t/∂W_{hh} of an unknown J_t): a random
    /// value keyed by its form, with bound indices replaced by their current values.
    /// </summary>
    private Value<T> OpaqueAtom(Expr e)
    {
        var key = "@" + AtomKey(e);
        return Drawn(key, ShapeOf(e), EntryDomain.Real);
    }

    /// <summary>The form of an atom with every index that evaluates to an integer replaced by that integer.</summary>
    public string AtomKey(Expr e) => DebugPrinter.Print(ConcreteAtom(e));

    private Expr ConcreteAtom(Expr e) => e.Rewrite(node => node switch
    {
        Symbol s when _bound.TryGetValue(s.Name, out var v) => Number.Of(v),
        Indexed ix => new Indexed(ix.Base, [.. ix.Indices.Select(i => Integer(i) is { } k ? (Expr)Number.Of(k) : i)], ix.Placement),
        _ => node,
    });

    private Shape ShapeOf(Expr e)
    {
        var r = _shapes.Run(e);
        if (!r.Ok) throw new UnsupportedOperationException("an expression with inconsistent shapes");
        return r.Shape!;
    }

    // ---- integers ----------------------------------------------------------------------------------

    /// <summary>The exact integer value of an index, bound or exponent, or null when it is not an integer expression.</summary>
    public long? Integer(Expr e)
    {
        try
        {
            return IntegerCore(e);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private long? IntegerCore(Expr e)
    {
        switch (e)
        {
            case Number n:
                return n.Value.TryGetInt64(out var v) ? v : null;
            case Symbol s:
                if (_bound.TryGetValue(s.Name, out var b)) return b;
                return s.Kind.IsIntegerValued ? _sample.Integer(s, Integer) : null;
            case Negate neg:
                return Integer(neg.Operand) is { } x ? -x : null;
            case Add add:
                {
                    long sum = 0;
                    foreach (var t in add.Terms)
                    {
                        if (Integer(t) is not { } term) return null;
                        sum = checked(sum + term);
                    }
                    return sum;
                }
            case Multiply mul:
                {
                    long product = 1;
                    foreach (var f in mul.Factors)
                    {
                        if (Integer(f) is not { } factor) return null;
                        product = checked(product * factor);
                    }
                    return product;
                }
            case Power { Base: var pb, Exponent: var pe }:
                {
                    if (Integer(pb) is not { } baseValue || Integer(pe) is not { } exponent || exponent < 0 || exponent > 62) return null;
                    long result = 1;
                    for (var i = 0; i < exponent; i++) result = checked(result * baseValue);
                    return result;
                }
            case Divide { Numerator: var dn, Denominator: var dd }:
                {
                    if (Integer(dn) is not { } num || Integer(dd) is not { } den || den == 0 || num % den != 0) return null;
                    return num / den;
                }
            default:
                return null;
        }
    }

    // ---- arithmetic on values ----------------------------------------------------------------------

    private static Value<T> Map(Value<T> v, Func<T, T> f) =>
        v.Tensor is { } m ? new Value<T>(m.Map(f)) : new Value<T>(f(v.Scalar));

    /// <summary>Entrywise a∘b with a scalar broadcast over a tensor; mismatched tensors are invalid.</summary>
    private static Value<T> Elementwise(Value<T> a, Value<T> b, Func<T, T, T> f)
    {
        if (a.Tensor is null && b.Tensor is null) return new Value<T>(f(a.Scalar, b.Scalar));
        if (a.Tensor is null) return new Value<T>(b.Tensor!.Map(x => f(a.Scalar, x)));
        if (b.Tensor is null) return new Value<T>(a.Tensor.Map(x => f(x, b.Scalar)));
        if (a.Tensor.Rows != b.Tensor.Rows || a.Tensor.Columns != b.Tensor.Columns)
        {
            if (a.ActsAsScalar && a.Tensor.Rows == 1 && b.Tensor.Rows * b.Tensor.Columns == 1) return new Value<T>(f(a.AsScalar, b.AsScalar));
            return Value<T>.Invalid;
        }
        return new Value<T>(Tensor<T>.Zip(a.Tensor, b.Tensor, f));
    }

    private static Value<T> Product(Value<T> a, Value<T> b)
    {
        if (a.Tensor is { } ma && b.Tensor is { } mb)
        {
            if (ma.Columns == mb.Rows) return new Value<T>(Tensor<T>.MatMul(ma, mb));
            if (a.ActsAsScalar) return new Value<T>(mb.Map(x => T.Multiply(ma.Data[0], x)));
            if (b.ActsAsScalar) return new Value<T>(ma.Map(x => T.Multiply(x, mb.Data[0])));
            return Value<T>.Invalid;
        }
        return Elementwise(a, b, T.Multiply);
    }

    private static Value<T> Quotient(Value<T> a, Value<T> b)
    {
        if (b.ActsAsScalar)
        {
            var d = b.AsScalar;
            return Map(a, x => T.Divide(x, d));
        }
        return Elementwise(a, b, T.Divide);
    }

    private Value<T> PowerValue(Power pow)
    {
        if (pow.Base is Constant { Kind: ConstantKind.E })
            return Map(Evaluate(pow.Exponent), x => T.ApplyFunction(FunctionId.Exp, 0, x));
        var baseValue = Evaluate(pow.Base);
        if (baseValue.IsInvalid) return Value<T>.Invalid;
        var integer = Integer(pow.Exponent);
        if (integer is { } k)
        {
            if (baseValue.Tensor is { } m && m.Rows == m.Columns && m.Rows > 1) return MatrixPower(m, k);
            return Map(baseValue, x => T.PowInteger(x, k));
        }
        if (pow.Exponent is Number { Value: var q }) return Map(baseValue, x => T.PowRational(x, q));
        if (pow.Exponent is Divide { Numerator: Number pn, Denominator: Number pd } && !pd.Value.IsZero)
        {
            var r = pn.Value / pd.Value;
            return Map(baseValue, x => T.PowRational(x, r));
        }
        if (pow.Exponent is Negate { Operand: Divide { Numerator: Number nn, Denominator: Number nd } } && !nd.Value.IsZero)
        {
            var r = -(nn.Value / nd.Value);
            return Map(baseValue, x => T.PowRational(x, r));
        }
        var exponent = Evaluate(pow.Exponent);
        if (!exponent.ActsAsScalar) return Value<T>.Invalid;
        var e = exponent.AsScalar;
        if (baseValue.Tensor is { Rows: > 1 } bm && bm.Rows == bm.Columns) return Value<T>.Invalid;
        return Map(baseValue, x => T.PowReal(x, e));
    }

    private Value<T> MatrixPower(Tensor<T> m, long k)
    {
        if (k < 0)
        {
            var inverse = m.Inverse();
            if (inverse is null) return Value<T>.Invalid;
            m = inverse;
            k = -k;
        }
        var result = Tensor<T>.Identity(m.Rows);
        var square = m;
        while (k > 0)
        {
            _budget.Tick(m.Rows * m.Rows * m.Rows);
            if ((k & 1) != 0) result = Tensor<T>.MatMul(result, square);
            k >>= 1;
            if (k > 0) square = Tensor<T>.MatMul(square, square);
        }
        return new Value<T>(result);
    }

    private static Value<T> DiagValue(Value<T> v)
    {
        if (v.Tensor is not { } m) return v;
        if (m.Rows == 1 || m.Columns == 1)
        {
            var n = m.Rows * m.Columns;
            var d = new Tensor<T>(n, n);
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++) d[i, j] = i == j ? m.Data[i] : T.Zero;
            }
            return new Value<T>(d);
        }
        if (m.Rows != m.Columns) return Value<T>.Invalid;
        var diagonal = new Tensor<T>(m.Rows, 1);
        for (var i = 0; i < m.Rows; i++) diagonal.Data[i] = m[i, i];
        return new Value<T>(diagonal);
    }

    private Value<T> NormValue(Norm norm)
    {
        var v = Evaluate(norm.Operand);
        var entries = v.Tensor?.Data ?? [v.Scalar];
        switch (norm.Kind)
        {
            case NormKind.One:
                {
                    var sum = T.Zero;
                    foreach (var x in entries) sum = T.Add(sum, T.ApplyFunction(FunctionId.Abs, 0, x));
                    return new Value<T>(sum);
                }
            case NormKind.Infinity:
                {
                    var max = T.Zero;
                    foreach (var x in entries)
                    {
                        var a = T.ApplyFunction(FunctionId.Abs, 0, x);
                        if (T.CompareTo(a, max) > 0) max = a;
                    }
                    return new Value<T>(max);
                }
            default:
                {
                    var sum = T.Zero;
                    foreach (var x in entries) sum = T.Add(sum, T.Multiply(x, x));
                    return new Value<T>(T.PowRational(sum, BigRational.Half));
                }
        }
    }

    private static Value<T> SoftmaxValue(Value<T> v)
    {
        if (v.Tensor is not { } m) return new Value<T>(v.IsInvalid ? T.Invalid : T.One);
        // Shifting by the largest entry keeps exp from overflowing; the result is the same.
        var exps = m.Map(x => T.ApplyFunction(FunctionId.Exp, 0, x));
        var total = T.Zero;
        foreach (var x in exps.Data) total = T.Add(total, x);
        return new Value<T>(exps.Map(x => T.Divide(x, total)));
    }

    private Value<T> ApplyValue(Apply ap)
    {
        var f = ap.Function;
        if (f.Id == FunctionId.Opaque)
        {
            var args = new T[ap.Arguments.Length];
            for (var i = 0; i < args.Length; i++)
            {
                var a = Evaluate(ap.Arguments[i]);
                if (!a.ActsAsScalar) return OpaqueAtom(ap);
                args[i] = a.AsScalar;
            }
            return new Value<T>(T.ApplyOpaque(f.Name, f.DerivativeOrder, args));
        }
        if (f.IsVariadic)
        {
            var values = ap.Arguments.Select(Evaluate).ToArray();
            if (values.Length == 1 && values[0].Tensor is { } only)
            {
                // max of one vector: its largest entry.
                var best = only.Data[0];
                foreach (var x in only.Data) best = Pick(f.Id, best, x);
                return new Value<T>(best);
            }
            var acc = values[0];
            for (var i = 1; i < values.Length; i++) acc = Elementwise(acc, values[i], (x, y) => Pick(f.Id, x, y));
            return acc;
        }
        var arg = Evaluate(ap.Argument);
        return Map(arg, x => T.ApplyFunction(f.Id, f.DerivativeOrder, x));
    }

    private static T Pick(FunctionId id, T a, T b)
    {
        if (a.IsInvalid || b.IsInvalid) return T.Invalid;
        var c = T.CompareTo(a, b);
        return id == FunctionId.Max ? (c >= 0 ? a : b) : (c <= 0 ? a : b);
    }

    private Value<T> BigOperatorValue(BigOperator big)
    {
        if (big.Kind is not (BigOperatorKind.Sum or BigOperatorKind.Product))
            throw new UnsupportedOperationException($"a {big.Kind.ToString().ToLowerInvariant()} over a variable");
        long lower, upper;
        if (big.Lower is null && big.Upper is null && big.Index.Kind is IndexKind range)
        {
            lower = 1;
            upper = Integer(range.Range) ?? throw new UnsupportedOperationException("a range that is not an integer");
        }
        else
        {
            lower = big.Lower is null ? 1 : Integer(big.Lower) ?? throw new UnsupportedOperationException("a bound that is not an integer");
            upper = big.Upper is null
                ? throw new UnsupportedOperationException("a sum without an upper bound")
                : Integer(big.Upper) ?? throw new UnsupportedOperationException("a bound that is not an integer");
        }
        if (upper - lower + 1 > MaxTerms) throw new BudgetExceededException($"a {big.Kind.ToString().ToLowerInvariant()} of {upper - lower + 1:N0} terms");
        var name = big.Index.Name;
        var had = _bound.TryGetValue(name, out var saved);
        try
        {
            Value<T>? acc = null;
            for (var i = lower; i <= upper; i++)
            {
                _bound[name] = i;
                var term = Evaluate(big.Body);
                if (term.IsInvalid) return Value<T>.Invalid;
                acc = acc is null ? term : big.Kind == BigOperatorKind.Sum ? Elementwise(acc.Value, term, T.Add) : Product(acc.Value, term);
            }
            if (acc is not null) return acc.Value;
            // An empty sum is zero and an empty product is one (of the body's shape).
            var shape = ShapeOf(big.Body);
            if (shape is MatrixShape ms && Integer(ms.Rows) is { } r && Integer(ms.Columns) is { } c)
                return new Value<T>(big.Kind == BigOperatorKind.Sum ? new Tensor<T>((int)r, (int)c, Enumerable.Repeat(T.Zero, (int)(r * c)).ToArray()) : Tensor<T>.Identity((int)r));
            return new Value<T>(big.Kind == BigOperatorKind.Sum ? T.Zero : T.One);
        }
        finally
        {
            if (had) _bound[name] = saved;
            else _bound.Remove(name);
        }
    }

    private Value<T> PiecewiseValue(Piecewise pw)
    {
        for (var i = 0; i < pw.Count; i++)
        {
            var condition = pw.ConditionAt(i);
            if (ReferenceEquals(condition, Piecewise.Otherwise) || condition.Equals(Piecewise.Otherwise) || Holds(condition))
                return Evaluate(pw.ValueAt(i));
        }
        return Value<T>.Invalid;
    }

    /// <summary>Truth of a condition (x &gt; 0, 0 ≤ x &lt; 1); an undecidable comparison throws.</summary>
    private bool Holds(Expr condition)
    {
        if (condition is not Relation rel) throw new UnsupportedOperationException("a condition that is not a comparison");
        for (var i = 0; i < rel.Operators.Length; i++)
        {
            var a = Evaluate(rel.Operands[i]);
            var b = Evaluate(rel.Operands[i + 1]);
            if (!a.ActsAsScalar || !b.ActsAsScalar) throw new UnsupportedOperationException("a comparison of vectors");
            if (a.IsInvalid || b.IsInvalid) throw new UncertainComparisonException();
            var c = T.CompareTo(a.AsScalar, b.AsScalar);
            var holds = rel.Operators[i] switch
            {
                RelationKind.Less => c < 0,
                RelationKind.LessEqual => c <= 0,
                RelationKind.Greater => c > 0,
                RelationKind.GreaterEqual => c >= 0,
                RelationKind.Equal => c == 0,
                RelationKind.NotEqual => c != 0,
                _ => throw new UnsupportedOperationException("this relation as a condition"),
            };
            if (!holds) return false;
        }
        return true;
    }
}
