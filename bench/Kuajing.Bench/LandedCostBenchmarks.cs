using BenchmarkDotNet.Attributes;
using Kuajing.LandedCost;

namespace Kuajing.Bench;

/// <summary>
/// One landed-cost quote (<see cref="LandedCostCalculator.Quote"/>) per invocation, cycling through a request mix built
/// from the bundled data (<see cref="QuoteMix"/>): the main job's requests, the same cut to one line, and single-line
/// requests over every rule-book destination.
/// Run: <c>dotnet run -c Release --project bench/Kuajing.Bench -- --filter *LandedCostBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LandedCostBenchmarks
{
    private LandedCostCalculator _calculator = null!;
    private LandedCostRequest[] _requests = null!;
    private int _next;

    /// <summary>Which request mix.</summary>
    [Params("MainJob", "MainJobSingleLine", "AllDestinationsSingleLine")]
    public string Mix { get; set; } = "MainJob";

    [GlobalSetup]
    public void Setup()
    {
        var job = BundledJob.Load();
        _calculator = job.LandedCost;
        _requests = QuoteMix.Build(job, Enum.Parse<QuoteMixKind>(Mix), orderStep: 16, syntheticCount: 4_096);
    }

    [Benchmark]
    public LandedCostQuote Quote()
    {
        var request = _requests[_next];
        _next = _next + 1 == _requests.Length ? 0 : _next + 1;
        return _calculator.Quote(request);
    }
}
