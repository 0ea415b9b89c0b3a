using System.Collections.Immutable;

namespace DerivationChecker.Core.Expressions;

/// <summary>
/// One immutable expression tree for everything the engine reads, rewrites and prints.
/// Every node exposes its children uniformly (<see cref="Args"/>) and can be rebuilt from them
/// (<see cref="WithArgs"/>), so traversal, substitution and printing are written once.
/// Constructors never simplify: the parser builds exactly what the student wrote.
/// </summary>
/// <remarks>
/// A class rather than a record: records synthesise per-type equality and hashing, and this tree
/// needs one structural equality with a cached hash (hash lookups happen in every rewrite pass).
/// Each node kind supplies positional <c>Deconstruct</c> so patterns read like the mathematics.
/// </remarks>
public abstract class Expr : IEquatable<Expr>
{
    private readonly ImmutableArray<Expr> _args;
    private int _hash;
    private int _size;

    /// <summary>
    /// The inferred shape (or shape error) of this node, computed once: the tree is immutable and a
    /// node's shape depends only on the node, and simplification asks for it again and again.
    /// </summary>
    internal object? ShapeCache;

    protected Expr(ImmutableArray<Expr> args)
    {
        _args = args.IsDefault ? ImmutableArray<Expr>.Empty : args;
    }

    protected Expr() : this(ImmutableArray<Expr>.Empty) { }

    /// <summary>The children of this node, in a fixed order per node kind.</summary>
    public ImmutableArray<Expr> Args => _args;

    /// <summary>Number of nodes in this tree (cached).</summary>
    public int Size
    {
        get
        {
            if (_size == 0)
            {
                long s = 1;
                foreach (var a in _args) s += a.Size;
                _size = (int)Math.Min(s, int.MaxValue);
            }
            return _size;
        }
    }

    /// <summary>This node with other children; returns this same instance when nothing changed.</summary>
    public Expr WithArgs(ImmutableArray<Expr> args)
    {
        if (args.Length == _args.Length)
        {
            var same = true;
            for (var i = 0; i < args.Length; i++)
            {
                if (!ReferenceEquals(args[i], _args[i])) { same = false; break; }
            }
            if (same) return this;
        }
        return Rebuild(args);
    }

    /// <summary>Builds a node of the same kind and payload from new children.</summary>
    protected abstract Expr Rebuild(ImmutableArray<Expr> args);

    /// <summary>Compares the non-child data of two nodes of the same type (names, numbers, flags).</summary>
    protected virtual bool PayloadEquals(Expr other) => true;

    protected virtual int PayloadHash() => 0;

    public bool Equals(Expr? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.GetType() != GetType()) return false;
        if (GetHashCode() != other.GetHashCode()) return false;
        if (!PayloadEquals(other)) return false;
        var a = _args;
        var b = other._args;
        if (a.Length != b.Length) return false;
        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i])) return false;
        }
        return true;
    }

    public sealed override bool Equals(object? obj) => obj is Expr e && Equals(e);

    public sealed override int GetHashCode()
    {
        if (_hash == 0)
        {
            var h = new HashCode();
            h.Add(GetType().Name);
            h.Add(PayloadHash());
            foreach (var a in _args) h.Add(a.GetHashCode());
            var value = h.ToHashCode();
            _hash = value == 0 ? 1 : value;
        }
        return _hash;
    }

    public static bool operator ==(Expr? a, Expr? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Expr? a, Expr? b) => !(a == b);

    /// <summary>A plain debugging form; user-facing text comes from the writers in Notation.</summary>
    public override string ToString() => DebugPrinter.Print(this);
}
