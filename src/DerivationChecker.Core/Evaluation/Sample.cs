using DerivationChecker.Core.Expressions;
using DerivationChecker.Core.Symbols;

namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// One random point: a value for every symbol, drawn on demand from its kind. Positive stays
/// positive, a probability vector sums to 1, a one-hot vector has one 1, dimensions are small
/// sizes, and index symbols sharing a range are all equal at some points and all distinct at others.
/// Every fourth point draws "nice" values (±1, ±2, ½) so integer-only identities show their limits.
/// </summary>
public sealed class Sample
{
    private readonly ulong _seed;
    private readonly Dictionary<string, long> _integers = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<Symbol> _indexSymbols;

    private readonly IReadOnlyDictionary<string, double>? _fixed;

    public Sample(int pointIndex, ulong seed, IReadOnlyList<Symbol> indexSymbols, IReadOnlyDictionary<string, double>? fixedReals = null)
    {
        PointIndex = pointIndex;
        _seed = RandomSource.Combine(seed, (ulong)pointIndex + 1);
        _indexSymbols = indexSymbols;
        _fixed = fixedReals;
        Nice = pointIndex % 4 == 3;
    }

    public int PointIndex { get; }

    /// <summary>Reals take simple values (±½, ±1, ±2, 3) at this point.</summary>
    public bool Nice { get; }

    /// <summary>Every integer drawn so far (dimensions, naturals, indices), for counterexamples.</summary>
    public IReadOnlyDictionary<string, long> Integers => _integers;

    public ulong Bits(string key) => RandomSource.Hash(key, _seed);

    /// <summary>A real drawn for <paramref name="key"/> in the given domain.</summary>
    public double Real(string key, bool positive)
    {
        if (_fixed is not null && _fixed.TryGetValue(key, out var given)) return given;
        var bits = Bits(key);
        if (Nice)
        {
            double[] choices = positive ? [0.5, 1, 2, 3, 1.5, 0.25] : [-2, -1, -0.5, 0.5, 1, 2, 3, 1.5, -1.5];
            return choices[(int)(bits % (ulong)choices.Length)];
        }
        var u = RandomSource.Unit(bits);
        if (positive) return 0.05 + 2.45 * u;
        // Away from zero, so that 1/x and log|x| stay well conditioned.
        var magnitude = 0.08 + 2.42 * RandomSource.Unit(RandomSource.Mix(bits));
        return u < 0.5 ? -magnitude : magnitude;
    }

    /// <summary>The integer value of a dimension, natural or index symbol at this point.</summary>
    public long Integer(Symbol symbol, Func<Expr, long?> evaluateRange)
    {
        if (_integers.TryGetValue(symbol.Name, out var known)) return known;
        long value;
        switch (symbol.Kind)
        {
            case ScalarKind { Domain: ScalarDomain.Dimension }:
                value = 1 + (long)(Bits("dim:" + symbol.Name) % 5);
                if (PointIndex % 3 == 1 && value == 1) value = 3;
                break;
            case ScalarKind { Domain: ScalarDomain.Natural }:
                value = (long)(Bits("nat:" + symbol.Name) % 6);
                break;
            case IndexKind index:
                {
                    var range = evaluateRange(index.Range) ?? 1;
                    value = IndexValue(symbol, index, range);
                    break;
                }
            default:
                value = (long)(Bits("int:" + symbol.Name) % 6);
                break;
        }
        _integers[symbol.Name] = value;
        return value;
    }

    /// <summary>Equal at every third point, pairwise distinct (where the range allows) at the next, random otherwise.</summary>
    private long IndexValue(Symbol symbol, IndexKind kind, long range)
    {
        if (range < 1) return 1;
        var rangeKey = "range:" + DebugPrinter.Print(kind.Range);
        switch (PointIndex % 3)
        {
            case 0:
                return 1 + (long)(Bits(rangeKey) % (ulong)range);
            case 1:
                {
                    var peers = _indexSymbols.Where(s => s.Kind is IndexKind k && k.Range.Equals(kind.Range)).Select(s => s.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal).ToList();
                    var rank = Math.Max(0, peers.IndexOf(symbol.Name));
                    var start = (long)(Bits(rangeKey) % (ulong)range);
                    return 1 + (start + rank) % range;
                }
            default:
                return 1 + (long)(Bits("index:" + symbol.Name) % (ulong)range);
        }
    }
}
