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
        var rng = new Random(1);
        _requests = Enumerable.Range(0, 256).Select(_ => catalogue.RandomRequest(rng)).ToArray();
    }

    [Benchmark]
    public int PlanOneRequest() => _planner.Plan(_requests[_next++ & 255], PlannerLatency.LandedCost).Options.Count;
}

/// <summary>
/// Console latency mode: p50/p99 of single-request planning latency over random requests on the ~1e3 and ~1e4
/// departure catalogues, single-threaded and with 2 threads sharing one planner, after a 2 s warm-up, each request timed 3 times (percentiles
/// over all samples and over each request's fastest run). Entry point: <see cref="Run"/>
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

    private const int Rounds = 3;
    private const double WarmUpSeconds = 2.0;

    private static string Ms(double[] sortedMicros, double quantile) =>
        (sortedMicros[Math.Min(sortedMicros.Length - 1, (int)(sortedMicros.Length * quantile))] / 1000).ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Tiered catalogue with about <paramref name="departures"/> lane departures over two weeks (≈ 8.4 per lane).</summary>
    internal static SyntheticCatalogue Catalogue(int departures) =>
        SyntheticNetwork.Create(seed: 42, nodes: departures >= 10_000 ? 150 : 40, lanes: departures / 8, SyntheticShape.Tiered);

    /// <summary>Runs the latency measurement and prints one line per catalogue and thread count.</summary>
    /// <param name="args">Optional: number of requests (default 2,000).</param>
    /// <returns>0.</returns>
    public static int Run(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var count = args.Length > 0 && int.TryParse(args[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2_000;
        BenchMachine.Print($"latency (planner query latency on synthetic tiered catalogues, {count:N0} random requests each)");
        Console.WriteLine("| departures / 2 wk | nodes | lanes | threads | requests × runs | found | avg Pareto options | p50 ms (all samples) | p99 ms (all samples) | max ms (all samples) | mean ms (min per request) | p50 ms (min per request) | p99 ms (min per request) | max ms (min per request) | requests/s | gen0 GCs | load avg after |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var size in new[] { 1_000, 10_000 })
        {
            var catalogue = Catalogue(size);
            var planner = catalogue.CreatePlanner();
            var rng = new Random(1);
            var requests = Enumerable.Range(0, count).Select(_ => catalogue.RandomRequest(rng)).ToArray();
            // Warm-up for at least 2 s: tier-0 → instrumented → tier-1 (dynamic PGO) JIT promotion takes about a second of
            // steady calls; 200 requests (≈ 20 ms on the 1e3 catalogue) measured tier-0 code, 3× slower than steady state.
            var warm = Stopwatch.StartNew();
            for (var w = 0; warm.Elapsed.TotalSeconds < WarmUpSeconds; w++)
            {
                planner.Plan(requests[w % count], LandedCost);
            }

            foreach (var threads in new[] { 1, 2 })
            {
                // Every request is timed Rounds times. "all samples" percentiles include whatever the machine did meanwhile
                // (GC pauses, other processes preempting us); "min per request" takes each request's fastest run, which
                // filters that noise and leaves the request's own cost. Both are reported.
                var all = new double[Rounds * count];
                var best = Enumerable.Repeat(double.MaxValue, count).ToArray();
                var found = 0;
                var options = 0;
                var gc = GC.CollectionCount(0);
                var wall = Stopwatch.StartNew();
                for (var round = 0; round < Rounds; round++)
                {
                    var offset = round * count;
                    Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
                    {
                        var start = Stopwatch.GetTimestamp();
                        var result = planner.Plan(requests[i], LandedCost);
                        var micros = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                        all[offset + i] = micros;
                        best[i] = Math.Min(best[i], micros);
                        if (round == 0 && result.Found)
                        {
                            Interlocked.Increment(ref found);
                            Interlocked.Add(ref options, result.Options.Count);
                        }
                    });
                }

                wall.Stop();
                Array.Sort(all);
                Array.Sort(best);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {catalogue.DeparturesPerWeek * 2:N0} | {catalogue.Network.Nodes.Count} | {catalogue.Network.Lanes.Count:N0} | {threads} | {count:N0} × {Rounds} | {found:N0} | {(found == 0 ? 0 : (double)options / found):0.0} | {Ms(all, 0.5)} | {Ms(all, 0.99)} | {all[^1] / 1000:0.000} | {best.Average() / 1000:0.000} | {Ms(best, 0.5)} | {Ms(best, 0.99)} | {best[^1] / 1000:0.000} | {Rounds * count / wall.Elapsed.TotalSeconds:N0} | {GC.CollectionCount(0) - gc} | {BenchMachine.LoadAverage()} |"));
            }
        }

        return 0;
    }
}
