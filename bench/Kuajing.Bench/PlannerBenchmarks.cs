using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Kuajing.Planning;

namespace Kuajing.Bench;

/// <summary>
/// One planning request on tiered synthetic catalogues. Catalogue size is counted in lane departures over a two-week
/// horizon: Σ over lanes of (weekdays with a departure, 7 for a daily lane) × 2.
/// Run: <c>dotnet run -c Release --project bench/Kuajing.Bench -- --filter *PlannerBenchmarks*</c>.
/// </summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private ItineraryPlanner _planner = null!;
    private PlanningRequest[] _requests = null!;
    private int _next;

    /// <summary>Approximate lane departures over two weeks.</summary>
    [Params(1_000, 10_000)]
    public int Departures { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = PlannerLatency.Catalogue(Departures);
        _planner = catalogue.CreatePlanner();
        var rng = new Random(7);
        _requests = Enumerable.Range(0, 256).Select(_ => catalogue.RandomRequest(rng)).ToArray();
    }

    [Benchmark]
    public int PlanOneRequest() => _planner.Plan(_requests[_next++ & 255], PlannerLatency.LandedCost).Options.Count;
}

/// <summary>
/// Console latency mode: p50/p99 of single-request planning latency over random requests on the ~1e3 and ~1e4
/// departure catalogues, single-threaded and with 2 threads sharing one planner. Entry point: <see cref="Run"/>
/// (wire as <c>dotnet run -c Release --project bench/Kuajing.Bench -- latency [requests]</c>).
/// </summary>
public static class PlannerLatency
{
    /// <summary>A monotone stand-in landed cost: freight + 20 % of freight-to-border (duty-like), DDP lines freight only.</summary>
    public static decimal LandedCost(Kuajing.Planning.Itinerary itinerary)
    {
        var cls = ClearanceClass.Of(itinerary);
        return itinerary.Freight.Amount + (cls.DutyAndTaxIncluded ? 0m : 0.2m * ClearanceClass.FreightToBorder(itinerary).Amount);
    }

    /// <summary>Tiered catalogue with about <paramref name="departures"/> lane departures over two weeks (≈ 8.4 per lane).</summary>
    internal static SyntheticCatalogue Catalogue(int departures) =>
        SyntheticNetwork.Create(seed: 42, nodes: departures >= 10_000 ? 150 : 40, lanes: departures / 8, SyntheticShape.Tiered);

    /// <summary>Runs the latency measurement and prints one line per catalogue and thread count.</summary>
    /// <param name="args">Optional: number of requests (default 2,000).</param>
    /// <returns>0.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.Length > 0 && int.TryParse(args[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 2_000;
        foreach (var size in new[] { 1_000, 10_000 })
        {
            var catalogue = Catalogue(size);
            var planner = catalogue.CreatePlanner();
            var rng = new Random(1);
            var requests = Enumerable.Range(0, count).Select(_ => catalogue.RandomRequest(rng)).ToArray();
            foreach (var r in requests.Take(200))
            {
                planner.Plan(r, LandedCost); // warm-up (JIT tiering)
            }

            foreach (var threads in new[] { 1, 2 })
            {
                var micros = new double[count];
                var found = 0;
                var options = 0;
                var wall = Stopwatch.StartNew();
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                {
                    var start = Stopwatch.GetTimestamp();
                    var result = planner.Plan(requests[i], LandedCost);
                    micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                    if (result.Found)
                    {
                        Interlocked.Increment(ref found);
                        Interlocked.Add(ref options, result.Options.Count);
                    }
                });
                wall.Stop();
                Array.Sort(micros);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"departures/2wk={catalogue.DeparturesPerWeek * 2} nodes={catalogue.Network.Nodes.Count} lanes={catalogue.Network.Lanes.Count} threads={threads} requests={count} found={found} avgOptions={(found == 0 ? 0 : (double)options / found):0.0} p50={micros[count / 2] / 1000:0.000}ms p99={micros[(int)(count * 0.99)] / 1000:0.000}ms max={micros[^1] / 1000:0.000}ms throughput={count / wall.Elapsed.TotalSeconds:0}/s"));
            }
        }

        return 0;
    }
}
