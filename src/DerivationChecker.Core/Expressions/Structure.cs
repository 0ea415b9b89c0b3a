using System.Collections.Immutable;

namespace DerivationChecker.Core.Expressions;

public enum IndexPlacement
{
    /// <summary>x_i, y_{t,i}, h_{t-1}.</summary>
    Subscript,

    /// <summary>y^{(i)}: a sample index written as a parenthesised superscript.</summary>
    ParenSuperscript,

    /// <summary>W^{[l]}: a layer index written as a bracketed superscript.</summary>
    BracketSuperscript,
}

/// <summary>
/// base with indices. What it means follows from the base's kind: a component of a vector
/// (x_i), an entry of a matrix (y_{t,i}), a member of a family (h_{i-1}), or, for a name with no
/// declared kind, one member of an implicit family of scalars (h_0, y^{(i)}).
/// </summary>
public sealed class Indexed : Expr
{
    public IndexPlacement Placement { get; }

    public Indexed(Expr @base, ImmutableArray<Expr> indices, IndexPlacement placement = IndexPlacement.Subscript)
        : base([@base, .. indices])
    {
        if (indices.Length == 0) throw new ArgumentException("An index expression needs an index.", nameof(indices));
        Placement = placement;
    }

    public Indexed(Expr @base, Expr index, params Expr[] more) : this(@base, [index, .. more]) { }

    public Expr Base => Args[0];
    public ImmutableArray<Expr> Indices => Args.RemoveAt(0);

    public void Deconstruct(out Expr @base, out ImmutableArray<Expr> indices)
    {
        @base = Base;
        indices = Indices;
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Indexed(args[0], args.RemoveAt(0), Placement);
    protected override bool PayloadEquals(Expr other) => Placement == ((Indexed)other).Placement;
    protected override int PayloadHash() => (int)Placement;
}

/// <summary>δ_{ij}: 1 when the two indices are equal, 0 otherwise.</summary>
public sealed class KroneckerDelta : Expr
{
    public KroneckerDelta(Expr first, Expr second) : base([first, second]) { }
    public Expr First => Args[0];
    public Expr Second => Args[1];

    public void Deconstruct(out Expr first, out Expr second)
    {
        first = Args[0];
        second = Args[1];
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new KroneckerDelta(args[0], args[1]);
}

public enum BigOperatorKind
{
    Sum,
    Product,
    Max,
    Min,
    ArgMax,
    ArgMin,
    Limit,
}

/// <summary>
/// Σ, ∏, max, argmax or lim over a bound <see cref="Index"/>. Bounds may be missing (\sum_i); for a
/// limit, <see cref="Lower"/> holds the point approached.
/// </summary>
public sealed class BigOperator : Expr
{
    public BigOperatorKind Kind { get; }
    public bool HasLower { get; }
    public bool HasUpper { get; }

    public BigOperator(BigOperatorKind kind, Symbol index, Expr body, Expr? lower = null, Expr? upper = null)
        : base(Layout(index, body, lower, upper))
    {
        Kind = kind;
        HasLower = lower is not null;
        HasUpper = upper is not null;
    }

    private static ImmutableArray<Expr> Layout(Expr index, Expr body, Expr? lower, Expr? upper)
    {
        var b = ImmutableArray.CreateBuilder<Expr>(4);
        b.Add(index);
        b.Add(body);
        if (lower is not null) b.Add(lower);
        if (upper is not null) b.Add(upper);
        return b.ToImmutable();
    }

    public Symbol Index => (Symbol)Args[0];
    public Expr Body => Args[1];
    public Expr? Lower => HasLower ? Args[2] : null;
    public Expr? Upper => HasUpper ? Args[HasLower ? 3 : 2] : null;

    public void Deconstruct(out BigOperatorKind kind, out Symbol index, out Expr? lower, out Expr? upper, out Expr body)
    {
        kind = Kind;
        index = Index;
        lower = Lower;
        upper = Upper;
        body = Body;
    }

    public BigOperator With(Symbol? index = null, Expr? body = null) =>
        new(Kind, index ?? Index, body ?? Body, Lower, Upper);

    protected override Expr Rebuild(ImmutableArray<Expr> args)
    {
        var index = args[0] as Symbol ?? throw new ArgumentException("The bound index of a big operator must stay a symbol.");
        var lower = HasLower ? args[2] : null;
        var upper = HasUpper ? args[HasLower ? 3 : 2] : null;
        return new BigOperator(Kind, index, args[1], lower, upper);
    }

    protected override bool PayloadEquals(Expr other)
    {
        var o = (BigOperator)other;
        return Kind == o.Kind && HasLower == o.HasLower && HasUpper == o.HasUpper;
    }

    protected override int PayloadHash() => HashCode.Combine(Kind, HasLower, HasUpper);
}

/// <summary>E[X]: expectation of a random quantity, an opaque operator until expectation algebra applies.</summary>
public sealed class Expectation : Expr
{
    public Expectation(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Expectation(args[0]);
}

/// <summary>Var(X).</summary>
public sealed class Variance : Expr
{
    public Variance(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Variance(args[0]);
}

public enum DerivativeStyle
{
    /// <summary>\frac{\partial f}{\partial x}.</summary>
    Partial,

    /// <summary>\frac{df}{dx}, diff(f, x).</summary>
    Total,

    /// <summary>\nabla_x f.</summary>
    Nabla,
}

/// <summary>∂f/∂x (repeat a variable for higher order): evaluated when f is known, opaque when f is a bare name.</summary>
public sealed class Derivative : Expr
{
    public DerivativeStyle Style { get; }

    public Derivative(Expr body, ImmutableArray<Expr> variables, DerivativeStyle style = DerivativeStyle.Partial)
        : base([body, .. variables])
    {
        if (variables.Length == 0) throw new ArgumentException("A derivative needs a variable.", nameof(variables));
        Style = style;
    }

    public Derivative(Expr body, Expr variable, DerivativeStyle style = DerivativeStyle.Partial)
        : this(body, [variable], style) { }

    public Expr Body => Args[0];
    public ImmutableArray<Expr> Variables => Args.RemoveAt(0);

    public void Deconstruct(out Expr body, out ImmutableArray<Expr> variables)
    {
        body = Body;
        variables = Variables;
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Derivative(args[0], args.RemoveAt(0), Style);
    protected override bool PayloadEquals(Expr other) => Style == ((Derivative)other).Style;
    protected override int PayloadHash() => (int)Style;
}

public enum RelationKind
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Approx,

    /// <summary>a := b.</summary>
    Define,

    /// <summary>w ← w − α∇L (an update rule).</summary>
    Assign,

    /// <summary>a → b, a ⇒ b between statements.</summary>
    Implies,
    Iff,

    /// <summary>x ∈ ℝ³.</summary>
    In,

    /// <summary>x → ∞ inside a limit.</summary>
    Tends,

    /// <summary>P(y | x).</summary>
    Given,

    /// <summary>x ∼ 𝒩(0, 1): a statement of how x is distributed (an assumption), not an equation to check.</summary>
    Distributed,
}

/// <summary>a = b = c, 0 ≤ σ ≤ 1, x &gt; 0: a chain of relations, operands in order.</summary>
public sealed class Relation : Expr
{
    public ImmutableArray<RelationKind> Operators { get; }

    public Relation(ImmutableArray<Expr> operands, ImmutableArray<RelationKind> operators) : base(operands)
    {
        if (operands.Length < 2 || operators.Length != operands.Length - 1)
            throw new ArgumentException("A relation needs n operands and n−1 operators.", nameof(operators));
        Operators = operators;
    }

    public Relation(Expr left, RelationKind kind, Expr right) : this([left, right], [kind]) { }

    public ImmutableArray<Expr> Operands => Args;
    public Expr Left => Args[0];
    public Expr Right => Args[^1];
    public bool IsEquationChain => Operators.All(o => o == RelationKind.Equal);

    public void Deconstruct(out ImmutableArray<Expr> operands, out ImmutableArray<RelationKind> operators)
    {
        operands = Args;
        operators = Operators;
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Relation(args, Operators);
    protected override bool PayloadEquals(Expr other) => Operators.AsSpan().SequenceEqual(((Relation)other).Operators.AsSpan());

    protected override int PayloadHash()
    {
        var h = new HashCode();
        foreach (var o in Operators) h.Add(o);
        return h.ToHashCode();
    }
}

/// <summary>
/// \begin{cases} v₁ &amp; c₁ \\ v₂ &amp; c₂ \end{cases}: the first case whose condition holds. A condition
/// that is <see cref="Otherwise"/> always holds.
/// </summary>
public sealed class Piecewise : Expr
{
    public static readonly TextNode Otherwise = new("otherwise");

    public Piecewise(ImmutableArray<(Expr Value, Expr Condition)> cases)
        : base([.. cases.SelectMany(c => new[] { c.Value, c.Condition })])
    {
        if (cases.Length == 0) throw new ArgumentException("A piecewise expression needs a case.", nameof(cases));
    }

    private Piecewise(ImmutableArray<Expr> flat) : base(flat) { }

    public int Count => Args.Length / 2;
    public Expr ValueAt(int i) => Args[2 * i];
    public Expr ConditionAt(int i) => Args[2 * i + 1];
    public IEnumerable<(Expr Value, Expr Condition)> Cases => Enumerable.Range(0, Count).Select(i => (ValueAt(i), ConditionAt(i)));
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Piecewise(args);
}

public enum TupleStyle
{
    /// <summary>(a, b).</summary>
    Parentheses,

    /// <summary>\{a, b\}: a set.</summary>
    Braces,

    /// <summary>a, b: statements separated by commas (W = …, b = …).</summary>
    Plain,
}

/// <summary>A comma-separated list: a tuple, a set, or several statements on one line.</summary>
public sealed class TupleExpr : Expr
{
    public TupleStyle Style { get; }
    public TupleExpr(ImmutableArray<Expr> items, TupleStyle style) : base(items) => Style = style;
    public ImmutableArray<Expr> Items => Args;

    public void Deconstruct(out ImmutableArray<Expr> items, out TupleStyle style)
    {
        items = Args;
        style = Style;
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new TupleExpr(args, Style);
    protected override bool PayloadEquals(Expr other) => Style == ((TupleExpr)other).Style;
    protected override int PayloadHash() => (int)Style;
}
