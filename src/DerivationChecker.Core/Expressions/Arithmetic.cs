using System.Collections.Immutable;

namespace DerivationChecker.Core.Expressions;

/// <summary>a + b + … (subtraction is an <see cref="Add"/> of a <see cref="Negate"/>).</summary>
public sealed class Add : Expr
{
    public Add(ImmutableArray<Expr> terms) : base(terms)
    {
        if (terms.Length < 2) throw new ArgumentException("A sum needs at least two terms.", nameof(terms));
    }

    public Add(Expr first, Expr second, params Expr[] more) : this([first, second, .. more]) { }

    public ImmutableArray<Expr> Terms => Args;
    public void Deconstruct(out ImmutableArray<Expr> terms) => terms = Args;
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Add(args);
}

/// <summary>−a.</summary>
public sealed class Negate : Expr
{
    public Negate(Expr operand) : base([operand]) { }
    public Expr Operand => Args[0];
    public void Deconstruct(out Expr operand) => operand = Args[0];
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Negate(args[0]);
}

/// <summary>
/// a·b·… in the order written. Scalars commute; vectors and matrices multiply as matrices
/// (a 1×1 product such as gᵀh acts as a scalar), so the order of non-scalar factors is kept.
/// </summary>
public sealed class Multiply : Expr
{
    public Multiply(ImmutableArray<Expr> factors) : base(factors)
    {
        if (factors.Length < 2) throw new ArgumentException("A product needs at least two factors.", nameof(factors));
    }

    public Multiply(Expr first, Expr second, params Expr[] more) : this([first, second, .. more]) { }

    public ImmutableArray<Expr> Factors => Args;
    public void Deconstruct(out ImmutableArray<Expr> factors) => factors = Args;
    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Multiply(args);
}

/// <summary>a / b as written (\frac{a}{b}); elementwise when both sides are vectors of one shape.</summary>
public sealed class Divide : Expr
{
    public Divide(Expr numerator, Expr denominator) : base([numerator, denominator]) { }
    public Expr Numerator => Args[0];
    public Expr Denominator => Args[1];

    public void Deconstruct(out Expr numerator, out Expr denominator)
    {
        numerator = Args[0];
        denominator = Args[1];
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Divide(args[0], args[1]);
}

/// <summary>
/// base^exponent: a real power for scalars, elementwise for vectors, a matrix power for a square
/// matrix and an integer exponent (W_{hh}^{k}).
/// </summary>
public sealed class Power : Expr
{
    public Power(Expr @base, Expr exponent) : base([@base, exponent]) { }
    public Expr Base => Args[0];
    public Expr Exponent => Args[1];

    public void Deconstruct(out Expr @base, out Expr exponent)
    {
        @base = Args[0];
        exponent = Args[1];
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Power(args[0], args[1]);
}

/// <summary>\sqrt[index]{radicand}; \sqrt{x} has index 2. An odd root of a negative number is real.</summary>
public sealed class Root : Expr
{
    public Root(Expr radicand, Expr index) : base([radicand, index]) { }
    public Expr Radicand => Args[0];
    public Expr Index => Args[1];

    public void Deconstruct(out Expr radicand, out Expr index)
    {
        radicand = Args[0];
        index = Args[1];
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Root(args[0], args[1]);
}
