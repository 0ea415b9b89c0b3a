using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Numbers;
using DerivationChecker.Core.Symbols;
using FsCheck;
using FsCheck.Fluent;

namespace DerivationChecker.Tests;

/// <summary>
/// FsCheck generators of scalar expressions in the shapes the readers produce (no −(2), no one-term
/// sums), sampled with a fixed seed so every run tests the same expressions.
/// </summary>
public static class ExprGenerators
{
    private static readonly Symbol X = new("x");
    private static readonly Symbol Y = new("y");
    private static readonly Symbol Z = new("z");
    private static readonly Symbol A = new("a", SymbolKind.Positive);

    public static SymbolTable Table { get; } = SymbolTable.Empty.With("a", SymbolKind.Positive);

    private static Gen<Expr> Leaf =>
        Gen.OneOf(
            Gen.Elements<Expr>(X, Y, Z, A, new Symbol(@"\beta"), new Indexed(new Symbol("w"), Number.Of(1))),
            Gen.Choose(1, 9).Select(n => (Expr)Number.Of(n)),
            Gen.Choose(1, 9).Select(n => (Expr)new Number(new BigRational(n, 4))));

    /// <summary>Scalar expressions of every node kind the readers produce for scalar math.</summary>
    public static Gen<Expr> Scalar(int depth)
    {
        if (depth <= 0) return Leaf;
        var sub = Scalar(depth - 1);
        return Gen.Frequency(
            (3, Leaf),
            (2, Gen.Zip(sub, sub).Select(p => (Expr)new Add(p.Item1, p.Item2))),
            (1, Gen.Zip(sub, sub).Select(p => (Expr)new Add(p.Item1, NegateOf(p.Item2)))),
            (2, Gen.Zip(sub, sub).Select(p => (Expr)new Multiply(p.Item1, p.Item2))),
            (1, Gen.Zip(sub, sub).Select(p => (Expr)new Divide(p.Item1, p.Item2))),
            (1, Gen.Zip(sub, Gen.Choose(2, 3)).Select(p => (Expr)new Power(p.Item1, Number.Of(p.Item2)))),
            (1, sub.Select(e => NegateOf(e))),
            (1, Gen.Zip(Gen.Elements(Function.Sigmoid, Function.Tanh, Function.Sin, Function.Cos, Function.Exp), sub)
                .Select(p => (Expr)new Apply(p.Item1, p.Item2))),
            (1, sub.Select(e => (Expr)new Apply(Function.Log, new Add(new Power(e, Number.Two), Number.One)))),
            (1, sub.Select(e => (Expr)new Root(new Add(new Power(e, Number.Two), Number.One), Number.Two))),
            (1, sub.Select(e => (Expr)new Apply(Function.Abs, e))));
    }

    /// <summary>−e as the readers build it: a negative number for a literal, a negation otherwise.</summary>
    private static Expr NegateOf(Expr e) => e is Number n ? new Number(-n.Value) : new Negate(e);

    /// <summary>Differentiable in x everywhere it is defined (no |x|), for finite-difference checks.</summary>
    public static Gen<Expr> Smooth(int depth)
    {
        if (depth <= 0) return Leaf;
        var sub = Smooth(depth - 1);
        return Gen.Frequency(
            (3, Leaf),
            (2, Gen.Zip(sub, sub).Select(p => (Expr)new Add(p.Item1, p.Item2))),
            (2, Gen.Zip(sub, sub).Select(p => (Expr)new Multiply(p.Item1, p.Item2))),
            (1, Gen.Zip(sub, sub).Select(p => (Expr)new Divide(p.Item1, new Add(new Power(p.Item2, Number.Two), Number.One)))),
            (1, Gen.Zip(sub, Gen.Choose(2, 4)).Select(p => (Expr)new Power(p.Item1, Number.Of(p.Item2)))),
            (1, sub.Select(e => NegateOf(e))),
            (1, Gen.Zip(Gen.Elements(Function.Sigmoid, Function.Tanh, Function.Sin, Function.Cos), sub)
                .Select(p => (Expr)new Apply(p.Item1, p.Item2))),
            (1, sub.Select(e => (Expr)new Apply(Function.Exp, new Apply(Function.Tanh, e)))),
            (1, sub.Select(e => (Expr)new Apply(Function.Log, new Add(new Power(e, Number.Two), Number.One)))),
            (1, sub.Select(e => (Expr)new Root(new Add(new Power(e, Number.Two), Number.One), Number.Two))));
    }

    /// <summary>Each sample from its own seed: FsCheck's Sample with one Rnd repeats itself.</summary>
    public static IReadOnlyList<Expr> Sample(Gen<Expr> gen, int count, ulong seed = 20261122) =>
        [.. Enumerable.Range(0, count).Select(i => gen.Sample(10, new Rnd(seed, (ulong)(2 * i + 1)), 1)[0])];
}
