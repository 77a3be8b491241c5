using Kuajing.Geography;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Provenance;
using Kuajing.Trade;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>What the seller asks of every order in a planning run.</summary>
/// <param name="OriginNode">Node the goods ship from (default <c>CNCGO</c>, the Zhengzhou hub).</param>
/// <param name="Objective">Which Pareto-optimal plan to choose.</param>
/// <param name="Incoterm">DAP or DDP: who pays import duty and tax.</param>
/// <param name="QuoteCurrency">Currency of every cost in the plan.</param>
public sealed record OrderPlanOptions(string OriginNode, PlanObjective Objective, Incoterm Incoterm, CurrencyCode QuoteCurrency);

/// <summary>One Pareto-optimal door-to-door plan with its full landed-cost quote.</summary>
/// <param name="Option">The itinerary and its three criteria.</param>
/// <param name="Quote">Freight, insurance, duty, import tax and fees by payer, with flags.</param>
public sealed record QuotedPlan(PlanOption Option, LandedCostQuote Quote);

/// <summary>The outcome of planning one order.</summary>
/// <param name="Order">The order.</param>
/// <param name="Goods">The consignment the order was packed into.</param>
/// <param name="ParetoSet">Every Pareto-optimal plan over (landed cost, delivery time, CO2e); empty when none was found.</param>
/// <param name="Chosen">The plan picked for the objective, or <see langword="null"/> when none was found.</param>
/// <param name="Reason">Why no plan was found (<see cref="NoPlanReason"/>), meaningful when <paramref name="Chosen"/> is null.</param>
/// <param name="ReasonDetail">Human-readable detail of <paramref name="Reason"/>.</param>
/// <param name="Flags">Data-quality and compliance flags of the chosen plan (estimates, unconfirmed lanes, stale rates, landed-cost flags), sorted and distinct.</param>
public sealed record OrderPlan(
    Order Order,
    Consignment Goods,
    IReadOnlyList<QuotedPlan> ParetoSet,
    QuotedPlan? Chosen,
    NoPlanReason Reason,
    string? ReasonDetail,
    IReadOnlyList<string> Flags)
{
    /// <summary>
    /// True when the chosen plan's landed cost is fully known: the quote is complete and no leg's freight is unknown
    /// (flag <c>freight-unknown</c>). Otherwise the landed cost shown is a lower bound.
    /// </summary>
    public bool CostComplete => Chosen is { } c && c.Quote.IsComplete && !Flags.Contains(OrderPlanner.FreightUnknownFlag);
}

/// <summary>
/// Plans an order door to door: packs it (<see cref="PackingPolicy"/>), asks the <see cref="ItineraryPlanner"/> for
/// the exact Pareto set with landed cost from the <see cref="LandedCostCalculator"/>, and picks one plan for the
/// objective. Thread-safe: one instance plans many orders in parallel.
/// </summary>
public sealed class OrderPlanner
{
    /// <summary>A lane figure older than this many days before the order date is flagged <c>stale-rate</c> (lanes-and-rates.md: "treat anything older than one quarter as stale").</summary>
    public const int StaleRateDays = 92;

    /// <summary>Flag on a plan that uses a lane with no published price: that leg's freight counts as 0 in the criteria and the landed cost is a lower bound.</summary>
    public const string FreightUnknownFlag = "freight-unknown";

    private readonly ItineraryPlanner _planner;
    private readonly Func<Lane, bool> _isPriced;
    private readonly Dictionary<string, Lane> _lanesById;
    private readonly LandedCostCalculator _landedCost;
    private readonly PackingPolicy _packing;
    private readonly OrderPlanOptions _options;
    private readonly CountryCode _originCountry;
    private readonly DateTimeZone _originZone;

    /// <summary>Creates an order planner.</summary>
    /// <param name="planner">The itinerary planner over the lane catalogue.</param>
    /// <param name="landedCost">The landed-cost engine.</param>
    /// <param name="packing">How order lines become parcels.</param>
    /// <param name="options">Origin, objective, Incoterm and quote currency.</param>
    /// <param name="isPriced">Whether a lane has a published price (<see cref="LaneCatalogue.IsPriceKnown"/>); legs on unpriced lanes raise <see cref="FreightUnknownFlag"/>.</param>
    /// <exception cref="ArgumentException">When <see cref="OrderPlanOptions.OriginNode"/> is not a node of the planner's network.</exception>
    public OrderPlanner(ItineraryPlanner planner, LandedCostCalculator landedCost, PackingPolicy packing, OrderPlanOptions options, Func<Lane, bool> isPriced)
    {
        ArgumentNullException.ThrowIfNull(isPriced);
        _isPriced = isPriced;
        _lanesById = planner.Network.Lanes.ToDictionary(l => l.Id, StringComparer.Ordinal);
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(landedCost);
        ArgumentNullException.ThrowIfNull(packing);
        ArgumentNullException.ThrowIfNull(options);
        if (!planner.Network.TryGetNode(options.OriginNode, out var origin))
        {
            throw new ArgumentException($"origin node '{options.OriginNode}' is not in the lane catalogue", nameof(options));
        }

        _planner = planner;
        _landedCost = landedCost;
        _packing = packing;
        _options = options;
        _originCountry = origin.Country;
        _originZone = planner.Network.ZoneOf(origin.Code);
    }

    /// <summary>The options every order is planned with.</summary>
    public OrderPlanOptions Options => _options;

    /// <summary>Plans one order.</summary>
    /// <param name="order">An accepted order whose lines all carry a unit weight and size (given or estimated).</param>
    /// <returns>The plan, or the reason none was found.</returns>
    /// <exception cref="ArgumentException">When a line has no unit weight or size.</exception>
    public OrderPlan Plan(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var goods = _packing.Pack(order.Lines);
        var readyAt = _originZone.AtLeniently(order.PlacedAt).ToInstant() + Duration.FromHours(_packing.HandlingHours);
        var customsLines = order.Lines.Select(l => new CustomsLine(l.Description, l.Hs, l.Quantity, l.LineValue)).ToArray();
        var request = new PlanningRequest(_options.OriginNode, order.BuyerCountry, readyAt, order.OrderDate, goods, order.GoodsValue, _options.QuoteCurrency);

        var quotes = new Dictionary<Itinerary, LandedCostQuote>(ReferenceEqualityComparer.Instance);
        var result = _planner.Plan(request, itinerary =>
        {
            var clearing = itinerary.ClearingLeg?.Lane;
            var quote = _landedCost.Quote(new LandedCostRequest(
                _originCountry,
                order.BuyerCountry,
                order.OrderDate,
                _options.Incoterm,
                customsLines,
                itinerary.Freight,
                ClearanceClass.FreightToBorder(itinerary),
                clearing?.Clearance ?? ClearanceChannel.None,
                clearing?.DutyAndTaxIncluded ?? false,
                _options.QuoteCurrency));
            quotes[itinerary] = quote;
            return quote.LowerBound.Amount;
        });

        if (!result.Found)
        {
            return new OrderPlan(order, goods, [], null, result.Reason, NoRouteDetail(result, order.BuyerCountry), []);
        }

        var pareto = result.Options.Select(o => new QuotedPlan(o, quotes[o.Itinerary])).ToArray();
        var pick = ItineraryPlanner.Pick(result.Options, _options.Objective);
        var chosen = pareto.First(p => ReferenceEquals(p.Option, pick));
        return new OrderPlan(order, goods, pareto, chosen, result.Reason, null, FlagsOf(order, chosen));
    }

    /// <summary>
    /// Why no plan was found, naming first the refusals of lanes that reach the buyer's own door (the ones that matter),
    /// then any others, at most three.
    /// </summary>
    private string NoRouteDetail(PlanResult result, CountryCode destination)
    {
        if (result.Refusals.Count == 0)
        {
            return result.Reason.ToString();
        }

        var door = Node.DoorCode(destination);
        var refusals = result.Refusals
            .OrderBy(r => _lanesById.TryGetValue(r.LaneId, out var lane) && lane.To == door ? 0 : 1)
            .Take(3)
            .Select(r => $"{r.LaneId} {r.Reason} ({r.Detail})");
        return $"{result.Reason}: " + string.Join("; ", refusals);
    }

    private string[] FlagsOf(Order order, QuotedPlan plan)
    {
        var flags = new SortedSet<string>(plan.Quote.Flags, StringComparer.Ordinal) { "estimated-packing" };
        if (order.WeightEstimated)
        {
            flags.Add("estimated-weight");
        }

        foreach (var leg in plan.Option.Itinerary.Legs)
        {
            if (!_isPriced(leg.Lane))
            {
                flags.Add(FreightUnknownFlag);
            }

            var source = leg.Lane.Source;
            if (source.Status == SourceStatus.Unconfirmed)
            {
                flags.Add("unconfirmed-lane");
            }
            else if (source.Status == SourceStatus.Estimated)
            {
                flags.Add("estimated-lane");
            }

            if (source.AsOf is LocalDate asOf && Period.Between(asOf, order.OrderDate, PeriodUnits.Days).Days > StaleRateDays)
            {
                flags.Add("stale-rate");
            }
        }

        return [.. flags];
    }
}
