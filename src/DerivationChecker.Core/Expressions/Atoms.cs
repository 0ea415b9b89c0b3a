using System.Collections.Immutable;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Expressions;

/// <summary>An exact rational number.</summary>
public sealed class Number : Expr
{
    public static readonly Number Zero = new(BigRational.Zero);
    public static readonly Number One = new(BigRational.One);
    public static readonly Number MinusOne = new(BigRational.MinusOne);
    public static readonly Number Two = new(2);
    public static readonly Number Half = new(BigRational.Half);

    public BigRational Value { get; }

    public Number(BigRational value) => Value = value;

    // Conversions for the evaluator's number systems, computed once per node (the node is immutable
    // and is evaluated at every sample point).
    internal double? DoubleCache;
    internal bool DoubleIsExact;
    internal ulong? ModularCache;

    public static Number Of(long value) => value switch
    {
        0 => Zero,
        1 => One,
        -1 => MinusOne,
        2 => Two,
        _ => new Number(value),
    };

    public void Deconstruct(out BigRational value) => value = Value;
    protected override Expr Rebuild(ImmutableArray<Expr> args) => this;
    protected override bool PayloadEquals(Expr other) => Value == ((Number)other).Value;
    protected override int PayloadHash() => Value.GetHashCode();
}

/// <summary>An inexact number (a measured or computed value, never a literal the student typed).</summary>
public sealed class FloatNumber : Expr
{
    public double Value { get; }
    public FloatNumber(double value) => Value = value;
    public void Deconstruct(out double value) => value = Value;
    protected override Expr Rebuild(ImmutableArray<Expr> args) => this;
    protected override bool PayloadEquals(Expr other) => Value.Equals(((FloatNumber)other).Value);
    protected override int PayloadHash() => Value.GetHashCode();
}

public enum ConstantKind
{
    E,
    Pi,
    Infinity,

    /// <summary>A value a student declared undefined (ReLU'(0)); evaluates to "no value".</summary>
    Undefined,
}

public sealed class Constant : Expr
{
    public static readonly Constant E = new(ConstantKind.E);
    public static readonly Constant Pi = new(ConstantKind.Pi);
    public static readonly Constant Infinity = new(ConstantKind.Infinity);
    public static readonly Constant Undefined = new(ConstantKind.Undefined);

    public ConstantKind Kind { get; }
    private Constant(ConstantKind kind) => Kind = kind;
    public static Constant Of(ConstantKind kind) => kind switch
    {
        ConstantKind.E => E,
        ConstantKind.Pi => Pi,
        ConstantKind.Infinity => Infinity,
        _ => Undefined,
    };

    public void Deconstruct(out ConstantKind kind) => kind = Kind;
    protected override Expr Rebuild(ImmutableArray<Expr> args) => this;
    protected override bool PayloadEquals(Expr other) => Kind == ((Constant)other).Kind;
    protected override int PayloadHash() => (int)Kind;
}

/// <summary>
/// A named quantity. <see cref="Name"/> is the canonical LaTeX spelling including decorations
/// and label subscripts (<c>\hat{y}</c>, <c>W_{hh}</c>, <c>W'</c>); the kind says what it is, so a
/// matrix symbol carries its shape in the tree.
/// </summary>
public sealed class Symbol : Expr
{
    public string Name { get; }
    public SymbolKind Kind { get; }

    public Symbol(string name, SymbolKind? kind = null)
    {
        Name = name;
        Kind = kind ?? SymbolKind.Real;
    }

    public void Deconstruct(out string name, out SymbolKind kind)
    {
        name = Name;
        kind = Kind;
    }

    public Symbol WithKind(SymbolKind kind) => kind == Kind ? this : new Symbol(Name, kind);

    protected override Expr Rebuild(ImmutableArray<Expr> args) => this;
    protected override bool PayloadEquals(Expr other) => Name == ((Symbol)other).Name && Kind == ((Symbol)other).Kind;
    protected override int PayloadHash() => HashCode.Combine(Name, Kind);
}

/// <summary>Words inside math (\text{...}): kept so nothing the student wrote is lost.</summary>
public sealed class TextNode : Expr
{
    public string Text { get; }
    public TextNode(string text) => Text = text;
    public void Deconstruct(out string text) => text = Text;
    protected override Expr Rebuild(ImmutableArray<Expr> args) => this;
    protected override bool PayloadEquals(Expr other) => Text == ((TextNode)other).Text;
    protected override int PayloadHash() => Text.GetHashCode(StringComparison.Ordinal);
}

/// <summary>"…" (\dots): a pattern the reader cannot complete; it has no value.</summary>
public sealed class EllipsisNode : Expr
{
    public static readonly EllipsisNode Instance = new();
    private EllipsisNode() { }
    protected override Expr Rebuild(ImmutableArray<Expr> args) => this;
}
