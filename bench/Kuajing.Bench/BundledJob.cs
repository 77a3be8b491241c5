using System.Diagnostics;
using Kuajing.Emissions;
using Kuajing.Geography;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Planning;
using Kuajing.ReferenceData;
using Kuajing.Trade;
using NodaTime;

namespace Kuajing.Bench;

/// <summary>
/// The main job's inputs and planners, built exactly as <c>kuajing plan</c> (src/Kuajing.Cli/PlanCommand.cs) builds them
/// for <c>./run.sh</c>: bundled reference data, lane catalogue, emission factors, import rule book, packing policy, the
/// UCI Online Retail orders in <c>data/orders/online-retail</c> replayed <see cref="ShiftWeeks"/> weeks later, and an
/// <see cref="OrderPlanner"/> over every catalogue lane from <see cref="LaneCatalogue.DefaultOrigin"/> (balanced, DAP, CNY).
/// </summary>
internal sealed class BundledJob
{
    /// <summary>Weeks run.sh shifts the 2010-11 orders by (to 2025-26, same weekdays).</summary>
    public const int ShiftWeeks = 782;

    private BundledJob(
        ReferenceDataSet reference, LaneCatalogue catalogue, ImportRuleBook rules, PackingPolicy packing, ItineraryPlanner itineraries,
        LandedCostCalculator landedCost, OrderPlanner planner, Order[] orders, double loadSeconds, double readSeconds)
    {
        Reference = reference;
        Catalogue = catalogue;
        Rules = rules;
        Packing = packing;
        Itineraries = itineraries;
        LandedCost = landedCost;
        Planner = planner;
        Orders = orders;
        LoadSeconds = loadSeconds;
        ReadSeconds = readSeconds;
    }

    public ReferenceDataSet Reference { get; }

    public LaneCatalogue Catalogue { get; }

    public ImportRuleBook Rules { get; }

    public PackingPolicy Packing { get; }

    public ItineraryPlanner Itineraries { get; }

    public LandedCostCalculator LandedCost { get; }

    public OrderPlanner Planner { get; }

    /// <summary>Accepted orders (cancellations and rejected rows excluded), already shifted by <see cref="ShiftWeeks"/>.</summary>
    public Order[] Orders { get; }

    /// <summary>Wall time to load the reference data, lanes, emission factors, import rules and packing policy, in s.</summary>
    public double LoadSeconds { get; }

    /// <summary>Wall time to read and validate the bundled orders, in s.</summary>
    public double ReadSeconds { get; }

    /// <summary>Loads everything from the repository's <c>data/</c> folder.</summary>
    public static BundledJob Load()
    {
        var clock = Stopwatch.StartNew();
        var dataDir = DataDirectory.Find();
        var data = PlanningData.Load(dataDir);
        var (reference, catalogue, rules) = (data.Reference, data.Catalogue, data.Rules);
        var packing = data.PackingOn(SystemClock.Instance.GetCurrentInstant().InUtc().Date);
        var loadSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var read = OrdersReader.Create(reference).Read(Path.Combine(dataDir, "orders", "online-retail"));
        var orders = read.Orders.Select(o => o with { PlacedAt = o.PlacedAt.PlusWeeks(ShiftWeeks) }).ToArray();
        var readSeconds = clock.Elapsed.TotalSeconds;

        var options = new OrderPlanOptions(LaneCatalogue.DefaultOrigin, PlanObjective.Balanced, Incoterm.DAP, new Money.CurrencyCode("CNY"));
        var planner = data.CreatePlanner(options, packing); // as `kuajing plan`
        return new BundledJob(reference, catalogue, rules, packing, data.Itineraries, data.LandedCost, planner, orders, loadSeconds, readSeconds);
    }

    /// <summary>
    /// Every landed-cost request the main job's planner issues for <paramref name="orders"/>: plans each order as
    /// <see cref="OrderPlanner.Plan"/> does (same packing, ready time, customs lines and request fields) and records the
    /// <see cref="LandedCostRequest"/> built for each complete itinerary the planner prices.
    /// </summary>
    public List<LandedCostRequest> RecordQuoteRequests(IEnumerable<Order> orders)
    {
        var options = Planner.Options;
        var origin = Catalogue.Nodes[options.OriginNode];
        var zone = Itineraries.Network.ZoneOf(origin.Code);
        var recorded = new List<LandedCostRequest>();
        foreach (var order in orders)
        {
            var goods = Packing.Pack(order.Lines);
            var readyAt = zone.AtLeniently(order.PlacedAt).ToInstant() + Duration.FromHours(Packing.HandlingHours);
            var customsLines = order.Lines.Select(l => new CustomsLine(l.Description, l.Hs, l.Quantity, l.LineValue)).ToArray();
            var request = new PlanningRequest(options.OriginNode, order.BuyerCountry, readyAt, order.OrderDate, goods, order.GoodsValue, options.QuoteCurrency);
            Itineraries.Plan(request, itinerary =>
            {
                var clearing = itinerary.ClearingLeg?.Lane;
                var quoteRequest = new LandedCostRequest(
                    origin.Country,
                    order.BuyerCountry,
                    order.OrderDate,
                    options.Incoterm,
                    customsLines,
                    itinerary.Freight,
                    ClearanceClass.FreightToBorder(itinerary),
                    clearing?.Clearance ?? ClearanceChannel.None,
                    clearing?.DutyAndTaxIncluded ?? false,
                    options.QuoteCurrency);
                recorded.Add(quoteRequest);
                return LandedCost.Quote(quoteRequest).LowerBound.Amount;
            });
        }

        return recorded;
    }

    /// <summary>Every <paramref name="step"/>-th order, starting with the first: a sample with the real destination mix.</summary>
    public IEnumerable<Order> Sample(int step) => Orders.Where((_, i) => i % step == 0);
}
