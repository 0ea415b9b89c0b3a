using BenchmarkDotNet.Attributes;
using DerivationChecker.Core.Equivalence;

namespace DerivationChecker.Benchmarks;

/// <summary>Read both sides and decide, per case of both case files (BenchmarkDotNet).</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class EquivalenceBenchmarks
{
    private static readonly Dictionary<string, BenchCase> ById = BenchCases.All().ToDictionary(c => $"{c.Source}:{c.Id}");
    private readonly EquivalenceChecker _checker = new();
    private BenchCase _case = null!;

    public static IEnumerable<string> Cases => ById.Keys;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _case = ById[Case];

    [Benchmark]
    public VerdictKind ParseAndCheck() => _case.Run(_checker).Kind;
}
