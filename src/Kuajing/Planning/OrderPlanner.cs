using Kuajing.Compliance;
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
    /// The compliance findings of the chosen plan's route (<c>data/compliance/rules.csv</c>): filings, documents, labels
    /// and warnings, never a blocking rule (a blocked lane is not offered). Empty when none applies, when no plan was
    /// found, or when the planner was built without a <see cref="ComplianceRuleBook"/>.
    /// </summary>
    public IReadOnlyList<ComplianceFinding> Compliance { get; init; } = [];

    /// <summary>
    /// Lanes the search refused because a compliance rule blocks them for this order's goods, destination and mode
    /// (<see cref="LaneRefusalReason.ComplianceBlocked"/>): the alternatives not offered, in the order the search met them.
    /// Set for planned and no-route orders alike.
    /// </summary>
    public IReadOnlyList<BlockedLane> BlockedLanes { get; init; } = [];

    /// <summary>
    /// True when the chosen plan's landed cost is fully known: the quote is complete and no leg's freight is unknown
    /// (flag <c>freight-unknown</c>). Otherwise the landed cost shown is a lower bound.
    /// </summary>
    public bool CostComplete => Chosen is { } c && c.Quote.IsComplete && !Flags.Contains(OrderPlanner.FreightUnknownFlag);
}

/// <summary>A lane not offered for an order because a compliance rule blocks it for the goods, destination and mode.</summary>
/// <param name="LaneId">The lane's id.</param>
/// <param name="Rule">The blocking rule (<c>data/compliance/rules.csv</c>).</param>
/// <param name="Detail">The rule, its requirement and the goods lines concerned, in words (the planner's refusal detail).</param>
public sealed record BlockedLane(string LaneId, ComplianceRule Rule, string Detail);

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

    /// <summary>Flag on an order for which a compliance rule blocked at least one lane (<see cref="OrderPlan.BlockedLanes"/>): routes through it were not offered.</summary>
    public const string ComplianceLaneBlockedFlag = "compliance-lane-blocked";

    /// <summary>Flag on a plan whose route needs a filing under a compliance rule (e.g. an ICS2 entry summary declaration, a US ACE entry).</summary>
    public const string FilingRequiredFlag = "filing-required";

    /// <summary>Flag on a plan whose route needs a document under a compliance rule (e.g. a Shipper's Declaration for Dangerous Goods).</summary>
    public const string DocumentRequiredFlag = "document-required";

    /// <summary>Flag on a plan whose route needs a package label or mark under a compliance rule (e.g. the lithium battery mark).</summary>
    public const string LabelRequiredFlag = "label-required";

    /// <summary>Flag on a plan with a compliance warning (something to check, e.g. magnets by air, a line without an HS code under ICS2).</summary>
    public const string ComplianceWarningFlag = "compliance-warning";

    /// <summary>Flag on an order whose compliance findings or blocked lanes rest on goods recognised only by a description keyword (a Kuajing estimate: confirm with the seller).</summary>
    public const string GoodsByKeywordFlag = "goods-recognised-by-keyword";

    private readonly ItineraryPlanner _planner;
    private readonly Func<Lane, bool> _isPriced;
    private readonly Dictionary<string, Lane> _lanesById;
    private readonly LandedCostCalculator _landedCost;
    private readonly PackingPolicy _packing;
    private readonly OrderPlanOptions _options;
    private readonly CountryCode _originCountry;
    private readonly DateTimeZone _originZone;
    private readonly ComplianceRuleBook? _compliance;

    /// <summary>Creates an order planner.</summary>
    /// <param name="planner">The itinerary planner over the lane catalogue.</param>
    /// <param name="landedCost">The landed-cost engine.</param>
    /// <param name="packing">How order lines become parcels.</param>
    /// <param name="options">Origin, objective, Incoterm and quote currency.</param>
    /// <param name="isPriced">Whether a lane has a published price (<see cref="LaneCatalogue.IsPriceKnown"/>); legs on unpriced lanes raise <see cref="FreightUnknownFlag"/>.</param>
    /// <exception cref="ArgumentException">When <see cref="OrderPlanOptions.OriginNode"/> is not a node of the planner's network.</exception>
    public OrderPlanner(ItineraryPlanner planner, LandedCostCalculator landedCost, PackingPolicy packing, OrderPlanOptions options, Func<Lane, bool> isPriced)
        : this(planner, landedCost, packing, options, isPriced, null)
    {
    }

    /// <summary>Creates an order planner that applies the restricted- and prohibited-goods rules.</summary>
    /// <param name="planner">The itinerary planner over the lane catalogue.</param>
    /// <param name="landedCost">The landed-cost engine.</param>
    /// <param name="packing">How order lines become parcels.</param>
    /// <param name="options">Origin, objective, Incoterm and quote currency.</param>
    /// <param name="isPriced">Whether a lane has a published price (<see cref="LaneCatalogue.IsPriceKnown"/>); legs on unpriced lanes raise <see cref="FreightUnknownFlag"/>.</param>
    /// <param name="compliance">
    /// The compliance rules (<see cref="ComplianceRuleBook.Load"/>, <c>data/compliance</c>), or <see langword="null"/> to plan
    /// without them. With them, each order's goods are classified once (<see cref="ComplianceRuleBook.Screen"/>); a lane that
    /// a rule in force on the order date blocks for the goods, destination and origin is not offered
    /// (<see cref="LaneRefusalReason.ComplianceBlocked"/>, listed in <see cref="OrderPlan.BlockedLanes"/> and, when nothing
    /// else is left, in the no-route reason), and the chosen plan carries the other findings
    /// (<see cref="OrderPlan.Compliance"/>) and their flags.
    /// </param>
    /// <exception cref="ArgumentException">When <see cref="OrderPlanOptions.OriginNode"/> is not a node of the planner's network.</exception>
    public OrderPlanner(ItineraryPlanner planner, LandedCostCalculator landedCost, PackingPolicy packing, OrderPlanOptions options, Func<Lane, bool> isPriced, ComplianceRuleBook? compliance)
    {
        _compliance = compliance;
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

        ComplianceScreen? screen = null;
        if (_compliance is not null)
        {
            var goodsLines = new ComplianceGoodsLine[order.Lines.Count];
            for (var i = 0; i < goodsLines.Length; i++)
            {
                var l = order.Lines[i];
                goodsLines[i] = new ComplianceGoodsLine(l.Description, l.Hs, l.Hazards);
            }

            screen = _compliance.Screen(_originCountry, order.BuyerCountry, goodsLines, order.OrderDate);
        }

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
        },
        screen is { CanBlock: true } ? screen.BlockReason : null);

        var blocked = BlockedLanes(result, screen);
        if (!result.Found)
        {
            return new OrderPlan(order, goods, [], null, result.Reason, NoRouteDetail(result, order.BuyerCountry), blocked.Length > 0 ? NoRouteFlags(screen) : [])
            {
                BlockedLanes = blocked,
            };
        }

        var pareto = result.Options.Select(o => new QuotedPlan(o, quotes[o.Itinerary])).ToArray();
        var pick = ItineraryPlanner.Pick(result.Options, _options.Objective);
        var chosen = pareto.First(p => ReferenceEquals(p.Option, pick));
        IReadOnlyList<ComplianceFinding> findings = screen is null ? [] : screen.Evaluate(ComplianceLegs(chosen.Option.Itinerary));
        return new OrderPlan(order, goods, pareto, chosen, result.Reason, null, FlagsOf(order, chosen, findings, blocked, screen))
        {
            Compliance = findings,
            BlockedLanes = blocked,
        };
    }

    /// <summary>The legs of an itinerary as the compliance rules see them (1-based sequence, lane id, mode, vehicle).</summary>
    /// <param name="itinerary">The itinerary.</param>
    /// <returns>One entry per leg.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="itinerary"/> is null.</exception>
    public static IReadOnlyList<ComplianceLeg> ComplianceLegs(Itinerary itinerary)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        var legs = new ComplianceLeg[itinerary.Legs.Count];
        for (var i = 0; i < legs.Length; i++)
        {
            var lane = itinerary.Legs[i].Lane;
            legs[i] = new ComplianceLeg(i + 1, lane.Id, lane.Mode, lane.Vehicle);
        }

        return legs;
    }

    private BlockedLane[] BlockedLanes(PlanResult result, ComplianceScreen? screen)
    {
        if (screen is not { CanBlock: true })
        {
            return [];
        }

        // Only lanes that could be on this order's route: into its own door, or to a node that is not a door. The search
        // also examines lanes from the origin to other countries' doors (dead ends for this order); listing them would be noise.
        List<BlockedLane>? blocked = null;
        var door = Node.DoorCode(screen.Destination);
        foreach (var r in result.Refusals)
        {
            if (r.Reason == LaneRefusalReason.ComplianceBlocked && _lanesById.TryGetValue(r.LaneId, out var lane)
                && (lane.To == door || !lane.To.StartsWith("DOOR-", StringComparison.Ordinal))
                && screen.BlockingRule(lane.Mode, lane.Vehicle) is { } rule)
            {
                (blocked ??= []).Add(new BlockedLane(r.LaneId, rule, r.Detail));
            }
        }

        return blocked is null ? [] : [.. blocked];
    }

    private static string[] NoRouteFlags(ComplianceScreen? screen)
    {
        var keyword = screen is not null && screen.Goods.Any(g => g.Evidence == CategoryEvidence.Keyword)
            && screen.Rules.Any(r => r.Outcome == ComplianceOutcome.Blocked);
        return keyword ? [ComplianceLaneBlockedFlag, GoodsByKeywordFlag] : [ComplianceLaneBlockedFlag];
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

    private string[] FlagsOf(Order order, QuotedPlan plan, IReadOnlyList<ComplianceFinding> findings, BlockedLane[] blocked, ComplianceScreen? screen)
    {
        var flags = new SortedSet<string>(plan.Quote.Flags, StringComparer.Ordinal) { "estimated-packing" };
        if (blocked.Length > 0)
        {
            flags.UnionWith(NoRouteFlags(screen));
        }

        foreach (var f in findings)
        {
            flags.Add(f.Rule.Outcome switch
            {
                ComplianceOutcome.Filing => FilingRequiredFlag,
                ComplianceOutcome.Document => DocumentRequiredFlag,
                ComplianceOutcome.Label => LabelRequiredFlag,
                _ => ComplianceWarningFlag,
            });
            if (f.Goods.Any(g => g.Evidence == CategoryEvidence.Keyword))
            {
                flags.Add(GoodsByKeywordFlag);
            }
        }

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
