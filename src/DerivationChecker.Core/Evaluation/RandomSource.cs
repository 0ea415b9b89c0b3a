namespace DerivationChecker.Core.Evaluation;

/// <summary>
/// Deterministic randomness: every sampled value is a pure function of (seed, point, key), so the
/// same check gives the same verdict on every run and every machine, whatever the traversal order.
/// </summary>
public static class RandomSource
{
    /// <summary>SplitMix64's finaliser: a bijective, well-mixed hash of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the UTF-16 code units, then mixed; stable across processes (unlike string.GetHashCode).</summary>
    public static ulong Hash(string key, ulong seed)
    {
        var h = 0xCBF29CE484222325UL ^ seed;
        foreach (var c in key)
        {
            h ^= c;
            h *= 0x100000001B3UL;
        }
        return Mix(h);
    }

    public static ulong Combine(ulong a, ulong b) => Mix(a ^ (b * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL));

    /// <summary>A double uniform in [0, 1) from 53 random bits.</summary>
    public static double Unit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));
}
