using BenchmarkDotNet.Running;
using DerivationChecker.Benchmarks;

// peers: our timings beside the peer harness's results (see run-peers.sh); phases: where a check's
// time goes; grade-class N: a synthetic class of N submissions graded by dc grade's ClassGrader;
// anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "peers") return PeerComparison.Run(args[1..]);
if (args.Length > 0 && args[0] == "grade-class") return ClassBenchmark.Run(args[1..]);
if (args.Length > 0 && args[0] == "phases")
{
    Phases.Run();
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(EquivalenceBenchmarks).Assembly).Run(args);
return 0;
