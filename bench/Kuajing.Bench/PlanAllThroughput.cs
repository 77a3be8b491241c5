using System.Diagnostics;
using System.Globalization;
using Kuajing.Orders;
using Kuajing.Planning;

namespace Kuajing.Bench;

/// <summary>
/// Console mode <c>plan-all [--repeat K]</c>: orders planned per second over the whole bundled data. Loads the data exactly
/// as <c>kuajing plan</c> does (<see cref="BundledJob"/>), then times only the planning phase (<see cref="OrderPlanner.Plan"/>
/// of every accepted order, results kept in an array as the CLI keeps them): first one cold pass exactly as the CLI runs
/// it (<see cref="Parallel.For(int, int, Action{int})"/> on all cores, JIT not warmed up), then after a warm-up (≥ 3 s over every
/// 7th order, then one parallel pass), K repetitions each (interleaved) single-threaded and parallel. Reports median, min and max. Storage (SQLite) and output writing are
/// not included: see docs/benchmarks.md for the end-to-end wall time of <c>./run.sh</c>.
/// </summary>
internal static class PlanAllThroughput
{
    public static int Run(string[] args)
    {
        var repeat = 3;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--repeat" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k > 0)
            {
                repeat = k;
                i++;
            }
            else
            {
                Console.Error.WriteLine(args[i] == "--repeat"
                    ? $"plan-all: --repeat needs a value; got '{(i + 1 < args.Length ? args[i + 1] : "nothing")}'; usage: plan-all [--repeat K] (K ≥ 1)"
                    : $"plan-all: unexpected argument '{args[i]}'; usage: plan-all [--repeat K] (K ≥ 1)");
                return 2;
            }
        }

        BenchMachine.Print($"plan-all (orders planned per second over the bundled data, {repeat} repetitions)");
        var job = BundledJob.Load();
        var orders = job.Orders;
        var lines = orders.Sum(o => o.Lines.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  bundled data: {orders.Length:N0} accepted orders, {lines:N0} goods lines ({(double)lines / orders.Length:0.0} per order), {job.Catalogue.Lanes.Count} lanes ({job.Catalogue.Lanes.Sum(l => l.Schedule.Days.Count == 0 ? 7 : l.Schedule.Days.Count) * 2:N0} lane departures per two weeks), {job.Catalogue.Nodes.Count} nodes"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  not timed below: load reference data {job.LoadSeconds:0.00} s, read orders {job.ReadSeconds:0.00} s (first run, cold JIT)"));
        Console.WriteLine();

        // The CLI plans each order once, cold: tier-0 JIT code, empty caches. Time that pass first, as the CLI runs it.
        var cold = Measure(job.Planner, orders, threads: Environment.ProcessorCount);

        // Warm-up: JIT tiering (tier-0 → tier-1 with dynamic PGO) and the planner's workspace pool, on both paths.
        // At least 3 s of single-threaded planning over every 7th order round-robin, then one parallel pass over them.
        var warm = job.Sample(7).ToArray();
        var warmPlans = new OrderPlan[warm.Length];
        var warmClock = Stopwatch.StartNew();
        for (var i = 0; warmClock.Elapsed.TotalSeconds < 3.0; i++)
        {
            warmPlans[i % warm.Length] = job.Planner.Plan(warm[i % warm.Length]);
        }

        Parallel.For(0, warm.Length, i => warmPlans[i] = job.Planner.Plan(warm[i]));

        var single = new List<Pass>();
        var parallel = new List<Pass>();
        for (var r = 0; r < repeat; r++)
        {
            single.Add(Measure(job.Planner, orders, threads: 1));
            parallel.Add(Measure(job.Planner, orders, threads: Environment.ProcessorCount));
        }

        Console.WriteLine("| mode | threads | orders | planned | no route | median s | min s | max s | orders/s (median) | per-order p50 ms | per-order p99 ms | alloc/order | gen0/1/2 GCs per pass | load avg after |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        Print("cold first pass (parallel, as the CLI runs it once)", Environment.ProcessorCount, [cold]);
        Print("single-thread", 1, single);
        Print("parallel (Parallel.For, as the CLI)", Environment.ProcessorCount, parallel);
        Console.WriteLine();
        var median = Median(parallel.Select(p => p.Seconds));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  parallel speed-up {Median(single.Select(p => p.Seconds)) / median:0.00}x on {Environment.ProcessorCount} cores; load + read + plan (parallel median) = {job.LoadSeconds + job.ReadSeconds + median:0.00} s (storage and outputs excluded)"));
        return 0;
    }

    private static Pass Measure(OrderPlanner planner, Order[] orders, int threads)
    {
        var plans = new OrderPlan[orders.Length];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var micros = new double[orders.Length];
        if (threads == 1)
        {
            for (var i = 0; i < orders.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                plans[i] = planner.Plan(orders[i]);
                micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
        }
        else
        {
            Parallel.For(0, orders.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var start = Stopwatch.GetTimestamp();
                plans[i] = planner.Plan(orders[i]);
                micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            });
        }

        clock.Stop();
        Array.Sort(micros);
        return new Pass(
            clock.Elapsed.TotalSeconds,
            plans.Count(p => p.Chosen is not null),
            plans.Count(p => p.Chosen is null),
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)orders.Length,
            $"{GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2}",
            micros[micros.Length / 2] / 1000,
            micros[Math.Min(micros.Length - 1, (int)(micros.Length * 0.99))] / 1000,
            BenchMachine.LoadAverage());
    }

    private static void Print(string mode, int threads, List<Pass> passes)
    {
        var median = Median(passes.Select(p => p.Seconds));
        var mid = passes.OrderBy(p => p.Seconds).ElementAt(passes.Count / 2);
        var orders = mid.Planned + mid.NoRoute;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {mode} | {threads} | {orders:N0} | {mid.Planned:N0} | {mid.NoRoute:N0} | {median:0.00} | {passes.Min(p => p.Seconds):0.00} | {passes.Max(p => p.Seconds):0.00} | {orders / median:N0} | {mid.P50Ms:0.000} | {mid.P99Ms:0.000} | {mid.AllocatedPerOrder / 1024:N0} KiB | {mid.Gcs} | {mid.LoadAfter} |"));
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record Pass(double Seconds, int Planned, int NoRoute, double AllocatedPerOrder, string Gcs, double P50Ms, double P99Ms, string LoadAfter);
}
