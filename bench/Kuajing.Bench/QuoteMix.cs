using Kuajing.Goods;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Trade;
using NodaTime;

namespace Kuajing.Bench;

/// <summary>The landed-cost request mixes the quote benchmarks run.</summary>
internal enum QuoteMixKind
{
    /// <summary>Every request the main job's planner issues for a sample of the bundled orders (real lines, real destinations).</summary>
    MainJob,

    /// <summary>The <see cref="MainJob"/> requests cut to their first customs line (issue #5's "single-line quote").</summary>
    MainJobSingleLine,

    /// <summary>Single-line requests spread evenly over every destination of the import rule book, channels, dates and values.</summary>
    AllDestinationsSingleLine,
}

/// <summary>Builds <see cref="LandedCostRequest"/> mixes from the bundled data (<see cref="BundledJob"/>).</summary>
internal static class QuoteMix
{
    /// <summary>Builds one mix.</summary>
    /// <param name="job">The loaded main job.</param>
    /// <param name="kind">Which mix.</param>
    /// <param name="orderStep">For the main-job mixes: sample every n-th bundled order.</param>
    /// <param name="syntheticCount">For <see cref="QuoteMixKind.AllDestinationsSingleLine"/>: number of requests.</param>
    public static LandedCostRequest[] Build(BundledJob job, QuoteMixKind kind, int orderStep = 8, int syntheticCount = 20_000) => kind switch
    {
        QuoteMixKind.MainJob => [.. job.RecordQuoteRequests(job.Sample(orderStep))],
        QuoteMixKind.MainJobSingleLine => [.. job.RecordQuoteRequests(job.Sample(orderStep)).Select(r => r with { Lines = [r.Lines[0]] })],
        QuoteMixKind.AllDestinationsSingleLine => AllDestinations(job, syntheticCount),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown mix"),
    };

    /// <summary>
    /// Single-line requests round-robin over every destination the rule book covers: order dates uniform over the replayed
    /// year (2025-11-01 + 0..364 days), goods value log-uniform CNY 20–5,000 (below and above every de minimis and IOSS
    /// threshold), an HS code taken from the bundled orders (or none, 1 in 5: duty unknown), channel postal/courier/formal,
    /// DAP or DDP, 1 in 10 a carrier-DDP line, freight CNY 15–300 with 60–90 % of it to the border. Seeded: the same every run.
    /// </summary>
    private static LandedCostRequest[] AllDestinations(BundledJob job, int count)
    {
        var rng = new Random(2);
        var destinations = job.Rules.Destinations.OrderBy(d => d.Value, StringComparer.Ordinal).ToArray();
        var hsCodes = job.Orders.SelectMany(o => o.Lines).Where(l => l.Hs is not null).Select(l => l.Hs!.Value).Distinct().Take(500).ToArray();
        var origin = job.Catalogue.Nodes[job.Planner.Options.OriginNode].Country;
        var cny = job.Planner.Options.QuoteCurrency;
        var channels = new[] { ClearanceChannel.Postal, ClearanceChannel.Courier, ClearanceChannel.Formal };
        var firstDay = new LocalDate(2025, 11, 1);
        var requests = new LandedCostRequest[count];
        for (var i = 0; i < count; i++)
        {
            var value = Math.Round((decimal)Math.Exp(Math.Log(20) + (rng.NextDouble() * (Math.Log(5_000) - Math.Log(20)))), 2);
            var freight = Math.Round(15m + ((decimal)rng.NextDouble() * 285m), 2);
            var toBorder = Math.Round(freight * (0.6m + ((decimal)rng.NextDouble() * 0.3m)), 2);
            HsCode? hs = rng.Next(5) == 0 || hsCodes.Length == 0 ? null : hsCodes[rng.Next(hsCodes.Length)];
            var quantity = rng.Next(1, 5);
            requests[i] = new LandedCostRequest(
                origin,
                destinations[i % destinations.Length],
                firstDay.PlusDays(rng.Next(365)),
                rng.Next(2) == 0 ? Incoterm.DAP : Incoterm.DDP,
                [new CustomsLine("benchmark goods", hs, quantity, new Money.Money(value, cny))],
                new Money.Money(freight, cny),
                new Money.Money(toBorder, cny),
                channels[rng.Next(channels.Length)],
                rng.Next(10) == 0,
                cny);
        }

        return requests;
    }

    /// <summary>Average customs lines per request.</summary>
    public static double MeanLines(IReadOnlyList<LandedCostRequest> requests) => requests.Count == 0 ? 0 : requests.Average(r => r.Lines.Count);

    /// <summary>Distinct destinations in the mix.</summary>
    public static int Destinations(IReadOnlyList<LandedCostRequest> requests) => requests.Select(r => r.Destination).Distinct().Count();

    /// <summary>Share of requests that clear import customs (channel ≠ none and destination ≠ origin).</summary>
    public static double ClearedShare(IReadOnlyList<LandedCostRequest> requests) =>
        requests.Count == 0 ? 0 : requests.Count(r => r.Channel != ClearanceChannel.None && r.Destination != r.Origin) / (double)requests.Count;
}
