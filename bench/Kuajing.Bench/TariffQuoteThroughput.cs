using System.Diagnostics;
using System.Globalization;
using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using Kuajing.Tariffs;
using Kuajing.Trade;
using NodaTime;

namespace Kuajing.Bench;

/// <summary>
/// Console mode <c>tariff-quotes [--seconds S] [--requests N]</c>: single-line landed-cost quotes per second with the tariff
/// lookup (issue #5 target: ≥ 200,000 per second per core). Requests go round-robin to US, GB, DE, FR, IT, NL, JP with a
/// real national code's HS six-digit subheading from each loaded schedule (1 in 10 naming the national code itself, 1 in 4
/// declaring a net mass), China origin, goods value log-uniform CNY 1,500–50,000 (above every low-value relief, so the
/// ordinary tariff is looked up and evaluated), dates over the replayed year. Seeded: the same every run. One thread =
/// one core; a second table runs one thread per core.
/// </summary>
internal static class TariffQuoteThroughput
{
    private const int Repetitions = 5;

    public static int Run(string[] args)
    {
        var seconds = 2.0;
        var count = 20_000;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seconds" && i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
            {
                seconds = s;
                i++;
            }
            else if (args[i] == "--requests" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                count = n;
                i++;
            }
            else
            {
                Console.Error.WriteLine($"tariff-quotes: unexpected argument '{args[i]}'; usage: tariff-quotes [--seconds S] [--requests N] (S > 0, N > 0)");
                return 2;
            }
        }

        BenchMachine.Print($"tariff-quotes (single-line landed-cost quotes per second with tariff lookup, {Repetitions} × ≥ {seconds:0.#} s)");
        var clock = Stopwatch.StartNew();
        var dataDir = DataDirectory.Find();
        var reference = ReferenceDataSet.Load(dataDir);
        var book = ImportRuleBook.Load(dataDir);
        var reports = book.Tariffs.LoadAll();
        _ = book.Tariffs.AdditionalDuties.Section301CodeCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  load: reference data + rule book + every tariff schedule + Section 301 lists in {clock.Elapsed.TotalSeconds:0.00} s"));
        foreach (var r in reports)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {r.ScheduleId}: {r.RowsRead:N0} rows, {r.Parsed:N0} parsed, {r.Unparsed:N0} unparsed in {r.UnparsedByPattern.Count} patterns"));
        }

        var calculator = new LandedCostCalculator(book, reference.Fx);
        var requests = Build(book.Tariffs, count);
        var mix = Describe(calculator, requests);
        Console.WriteLine($"  {requests.Length:N0} requests; duty lines from a tariff line: {mix}");
        Console.WriteLine();
        Console.WriteLine("| calculator | threads | quotes/s (median) | quotes/s per core | min | max | µs/quote/thread | bytes/quote |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        // Baseline under the same machine load: the same requests without tariff schedules (duty unknown, no lookup).
        var baseline = new LandedCostCalculator(book.WithTariffs(TariffStore.Empty), reference.Fx);
        foreach (var (name, calc, threads) in new[] { ("with tariffs", calculator, 1), ("with tariffs", calculator, Environment.ProcessorCount), ("baseline: no tariff store", baseline, 1) })
        {
            Measure(calc, requests, 1.0, threads); // warm-up
            var runs = Enumerable.Range(0, Repetitions).Select(_ => Measure(calc, requests, seconds, threads)).ToArray();
            var median = PlanAllThroughput.Median(runs.Select(r => r.PerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {threads} | {median:N0} | {median / threads:N0} | {runs.Min(r => r.PerSecond):N0} | {runs.Max(r => r.PerSecond):N0} | {1e6 * threads / median:0.00} | {PlanAllThroughput.Median(runs.Select(r => r.BytesPerQuote)):N0} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"  load average after: {BenchMachine.LoadAverage()}");
        return 0;
    }

    private static LandedCostRequest[] Build(TariffStore store, int count)
    {
        var rng = new Random(5);
        var destinations = new[] { "US", "GB", "DE", "FR", "IT", "NL", "JP" };
        var firstDay = new LocalDate(2025, 11, 26);
        var codes = destinations.ToDictionary(
            d => d,
            d => store.ScheduleFor(d is "DE" or "FR" or "IT" or "NL" ? "EU" : d, firstDay)!.Lines.Select(l => l.Code).ToArray(),
            StringComparer.Ordinal);
        var cny = new Money.CurrencyCode("CNY");
        var origin = new CountryCode("CN");
        var requests = new LandedCostRequest[count];
        for (var i = 0; i < count; i++)
        {
            var destination = destinations[i % destinations.Length];
            var pool = codes[destination];
            var code = pool[rng.Next(pool.Length)];
            var value = Math.Round((decimal)Math.Exp(Math.Log(1_500) + (rng.NextDouble() * (Math.Log(50_000) - Math.Log(1_500)))), 2);
            var freight = Math.Round(30m + ((decimal)rng.NextDouble() * 400m), 2);
            var line = new CustomsLine("benchmark goods", new HsCode(code[..6]), rng.Next(1, 12), new Money.Money(value, cny))
            {
                NationalTariffCode = rng.Next(10) == 0 ? code : null,
                NetMass = rng.Next(4) == 0 ? new Mass(Math.Round(0.2m + ((decimal)rng.NextDouble() * 30m), 3)) : null,
            };
            requests[i] = new LandedCostRequest(
                origin, new CountryCode(destination), firstDay.PlusDays(rng.Next(335)), rng.Next(2) == 0 ? Incoterm.DAP : Incoterm.DDP,
                [line], new Money.Money(freight, cny), new Money.Money(Math.Round(freight * 0.7m, 2), cny), ClearanceChannel.Courier, false, cny);
        }

        return requests;
    }

    private static string Describe(LandedCostCalculator calculator, LandedCostRequest[] requests)
    {
        var byStatus = new Dictionary<CostLineStatus, int>();
        var tariffLines = 0;
        foreach (var r in requests)
        {
            foreach (var l in calculator.Quote(r).LinesOf(CostKind.Duty))
            {
                if (l.Label.StartsWith("Duty ", StringComparison.Ordinal) && l.Source?.AsOf is not null)
                {
                    tariffLines++;
                    byStatus[l.Status] = byStatus.GetValueOrDefault(l.Status) + 1;
                }
            }
        }

        return $"{tariffLines:N0} (" + string.Join(", ", byStatus.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value:N0}")) + ")";
    }

    private static (double PerSecond, double BytesPerQuote) Measure(LandedCostCalculator calculator, LandedCostRequest[] requests, double seconds, int threads)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var totals = new long[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            long quotes = 0;
            var sink = 0;
            var start = t * requests.Length / threads;
            do
            {
                for (var i = 0; i < requests.Length; i++)
                {
                    sink += calculator.Quote(requests[(start + i) % requests.Length]).Lines.Count;
                }

                quotes += requests.Length;
            }
            while (clock.Elapsed.TotalSeconds < seconds);

            GC.KeepAlive(sink);
            totals[t] = quotes;
        });
        clock.Stop();
        var total = totals.Sum();
        return (total / clock.Elapsed.TotalSeconds, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)total);
    }
}
