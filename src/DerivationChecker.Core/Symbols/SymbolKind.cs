using DerivationChecker.Core.Expressions;

namespace DerivationChecker.Core.Symbols;

/// <summary>What a name stands for: a real, a positive real, a natural number, a dimension,
/// an index over a range, a vector, a matrix, a one-hot or probability vector, a family of
/// vectors (one per index value), or an uninterpreted function.</summary>
public abstract record SymbolKind
{
    public static readonly SymbolKind Real = new ScalarKind(ScalarDomain.Real);
    public static readonly SymbolKind Positive = new ScalarKind(ScalarDomain.Positive);
    public static readonly SymbolKind Natural = new ScalarKind(ScalarDomain.Natural);
    public static readonly SymbolKind Dimension = new ScalarKind(ScalarDomain.Dimension);

    /// <summary>The kind of a variable bound by a sum or product: an integer.</summary>
    public static readonly SymbolKind BoundInteger = new ScalarKind(ScalarDomain.Integer);

    public static readonly SymbolKind Function = new FunctionKind();

    /// <summary>True for kinds whose values are integers (usable as exponents, bounds and indices).</summary>
    public virtual bool IsIntegerValued => false;

    /// <summary>True for kinds whose values are scalars (not vectors, matrices or families).</summary>
    public virtual bool IsScalar => false;

    /// <summary>The short form used on the command line and in case files ("mat 4 4", "index N").</summary>
    public abstract string Describe();
}

public enum ScalarDomain
{
    Real,
    Positive,
    Natural,
    Dimension,
    Integer,
}

public sealed record ScalarKind(ScalarDomain Domain) : SymbolKind
{
    public override bool IsIntegerValued => Domain is ScalarDomain.Natural or ScalarDomain.Dimension or ScalarDomain.Integer;
    public override bool IsScalar => true;

    public override string Describe() => Domain switch
    {
        ScalarDomain.Real => "real",
        ScalarDomain.Positive => "pos",
        ScalarDomain.Natural => "nat",
        ScalarDomain.Dimension => "dim",
        _ => "int",
    };
}

/// <summary>An integer 1..Range (Range a number or a dimension symbol).</summary>
public sealed record IndexKind(Expr Range) : SymbolKind
{
    public override bool IsIntegerValued => true;
    public override bool IsScalar => true;
    public override string Describe() => $"index {Range}";
}

public enum EntryDomain
{
    Real,
    Positive,
    OneHot,
    Probability,
}

/// <summary>A column vector of the given length.</summary>
public sealed record VectorKind(Expr Length, EntryDomain Entries = EntryDomain.Real) : SymbolKind
{
    public override string Describe() => Entries switch
    {
        EntryDomain.OneHot => $"onehot {Length}",
        EntryDomain.Probability => $"prob {Length}",
        EntryDomain.Positive => $"vec {Length} pos",
        _ => $"vec {Length}",
    };
}

public sealed record MatrixKind(Expr Rows, Expr Columns, bool PositiveEntries = false) : SymbolKind
{
    public override string Describe() => PositiveEntries ? $"mat {Rows} {Columns} pos" : $"mat {Rows} {Columns}";
}

/// <summary>One value of kind <paramref name="Member"/> per integer index: h_{i-1}, g_{h_i}.</summary>
public sealed record FamilyKind(SymbolKind Member, string IndexName) : SymbolKind
{
    public override string Describe() => $"family {Member.Describe()} over {IndexName}";
}

/// <summary>An uninterpreted function f(x): only its name and arguments are known.</summary>
public sealed record FunctionKind : SymbolKind
{
    public override string Describe() => "fn";
}
