using System.Collections.Immutable;

namespace DerivationChecker.Core.Expressions;

public enum FunctionId
{
    /// <summary>A function known only by name (f, J, φ): an uninterpreted function.</summary>
    Opaque,
    Sigmoid,
    Tanh,
    Exp,
    Log,
    Log2,
    Log10,
    Abs,
    Relu,
    Step,
    Sign,
    Max,
    Min,
    Sin,
    Cos,
    Tan,
    Sec,
    Csc,
    Cot,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
}

/// <summary>
/// A function that can be applied: a built-in elementwise function, or an uninterpreted one known
/// by name. <see cref="DerivativeOrder"/> &gt; 0 makes σ'(x), f''(x).
/// </summary>
public sealed record Function(string Name, FunctionId Id, int DerivativeOrder = 0)
{
    public static readonly Function Sigmoid = new("sigma", FunctionId.Sigmoid);
    public static readonly Function Tanh = new("tanh", FunctionId.Tanh);
    public static readonly Function Exp = new("exp", FunctionId.Exp);
    public static readonly Function Log = new("log", FunctionId.Log);
    public static readonly Function Log2 = new("log2", FunctionId.Log2);
    public static readonly Function Log10 = new("log10", FunctionId.Log10);
    public static readonly Function Abs = new("abs", FunctionId.Abs);
    public static readonly Function Relu = new("relu", FunctionId.Relu);
    public static readonly Function Step = new("step", FunctionId.Step);
    public static readonly Function Sign = new("sign", FunctionId.Sign);
    public static readonly Function Max = new("max", FunctionId.Max);
    public static readonly Function Min = new("min", FunctionId.Min);
    public static readonly Function Sin = new("sin", FunctionId.Sin);
    public static readonly Function Cos = new("cos", FunctionId.Cos);
    public static readonly Function Tan = new("tan", FunctionId.Tan);
    public static readonly Function Sec = new("sec", FunctionId.Sec);
    public static readonly Function Csc = new("csc", FunctionId.Csc);
    public static readonly Function Cot = new("cot", FunctionId.Cot);
    public static readonly Function Asin = new("arcsin", FunctionId.Asin);
    public static readonly Function Acos = new("arccos", FunctionId.Acos);
    public static readonly Function Atan = new("arctan", FunctionId.Atan);
    public static readonly Function Sinh = new("sinh", FunctionId.Sinh);
    public static readonly Function Cosh = new("cosh", FunctionId.Cosh);

    public static readonly IReadOnlyList<Function> BuiltIns =
    [
        Sigmoid, Tanh, Exp, Log, Log2, Log10, Abs, Relu, Step, Sign, Max, Min,
        Sin, Cos, Tan, Sec, Csc, Cot, Asin, Acos, Atan, Sinh, Cosh,
    ];

    public static Function Opaque(string name) => new(name, FunctionId.Opaque);

    public bool IsBuiltIn => Id != FunctionId.Opaque;

    /// <summary>max and min take any number of arguments; the others take one.</summary>
    public bool IsVariadic => Id is FunctionId.Max or FunctionId.Min;

    public Function Prime() => this with { DerivativeOrder = DerivativeOrder + 1 };
}

/// <summary>f(x, …): a function applied to arguments; built-ins act elementwise on vectors.</summary>
public sealed class Apply : Expr
{
    public Function Function { get; }

    public Apply(Function function, ImmutableArray<Expr> arguments) : base(arguments)
    {
        if (arguments.Length == 0) throw new ArgumentException("A function needs an argument.", nameof(arguments));
        Function = function;
    }

    public Apply(Function function, Expr argument, params Expr[] more) : this(function, [argument, .. more]) { }

    public ImmutableArray<Expr> Arguments => Args;
    public Expr Argument => Args[0];

    public void Deconstruct(out Function function, out ImmutableArray<Expr> arguments)
    {
        function = Function;
        arguments = Args;
    }

    protected override Expr Rebuild(ImmutableArray<Expr> args) => new Apply(Function, args);
    protected override bool PayloadEquals(Expr other) => Function == ((Apply)other).Function;
    protected override int PayloadHash() => Function.GetHashCode();
}
