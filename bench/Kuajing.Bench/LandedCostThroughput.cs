using System.Diagnostics;
using System.Globalization;
using Kuajing.LandedCost;

namespace Kuajing.Bench;

/// <summary>
/// Console mode <c>quotes [--seconds S]</c>: landed-cost quotes per second on one core (one thread, the calling thread),
/// for the three <see cref="QuoteMixKind"/> mixes. Each mix: a warm-up of about 1 s, then 5 timed repetitions of at least
/// S seconds (default 2) cycling through the mix; reports the median rate, min/max and bytes allocated per quote.
/// </summary>
internal static class LandedCostThroughput
{
    private const int Repetitions = 5;

    public static int Run(string[] args)
    {
        var seconds = 2.0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seconds" && i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
            {
                seconds = s;
                i++;
            }
            else
            {
                Console.Error.WriteLine(args[i] == "--seconds"
                    ? $"quotes: --seconds needs a value; got '{(i + 1 < args.Length ? args[i + 1] : "nothing")}'; usage: quotes [--seconds S] (S > 0)"
                    : $"quotes: unexpected argument '{args[i]}'; usage: quotes [--seconds S] (S > 0)");
                return 2;
            }
        }

        BenchMachine.Print($"quotes (landed-cost quotes per second, single thread, {Repetitions} × ≥ {seconds:0.#} s per mix)");
        var job = BundledJob.Load();
        const int step = 8;
        var sampled = job.Sample(step).Count();
        var mixes = new (string Name, LandedCostRequest[] Requests)[]
        {
            ($"main job: every request the planner issues for every {step}th bundled order ({sampled:N0} orders)", QuoteMix.Build(job, QuoteMixKind.MainJob, step)),
            ("main job, single line: the same requests cut to their first customs line", QuoteMix.Build(job, QuoteMixKind.MainJobSingleLine, step)),
            ("all destinations, single line: synthetic, round-robin over the rule book's destinations", QuoteMix.Build(job, QuoteMixKind.AllDestinationsSingleLine)),
        };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  main job issues {mixes[0].Requests.Length / (double)sampled:0.0} landed-cost quotes per order (one per complete itinerary the planner prices)"));
        Console.WriteLine();

        Console.WriteLine("| mix | requests | destinations | lines/request | cleared share | quotes/s/core (median) | min | max | µs/quote | bytes/quote |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, requests) in mixes)
        {
            Measure(job.LandedCost, requests, 1.0); // warm-up
            var runs = Enumerable.Range(0, Repetitions).Select(_ => Measure(job.LandedCost, requests, seconds)).ToArray();
            var median = PlanAllThroughput.Median(runs.Select(r => r.PerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {requests.Length:N0} | {QuoteMix.Destinations(requests)} | {QuoteMix.MeanLines(requests):0.0} | {QuoteMix.ClearedShare(requests):P0} | {median:N0} | {runs.Min(r => r.PerSecond):N0} | {runs.Max(r => r.PerSecond):N0} | {1e6 / median:0.00} | {PlanAllThroughput.Median(runs.Select(r => r.BytesPerQuote)):N0} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"  load average after: {BenchMachine.LoadAverage()}");
        return 0;
    }

    private static (double PerSecond, double BytesPerQuote) Measure(LandedCostCalculator calculator, LandedCostRequest[] requests, double seconds)
    {
        long quotes = 0;
        var sink = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        do
        {
            foreach (var request in requests)
            {
                sink += calculator.Quote(request).Lines.Count;
            }

            quotes += requests.Length;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        clock.Stop();
        GC.KeepAlive(sink);
        return (quotes / clock.Elapsed.TotalSeconds, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)quotes);
    }
}
