using Kuajing.Geography;
using Kuajing.Lanes;
using Kuajing.Money;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>One door-to-door planning question: goods ready at an origin node, to be delivered to a buyer's door.</summary>
/// <param name="OriginNode">Code of the node the goods are ready at (a hub or warehouse in the network).</param>
/// <param name="Destination">Destination country; itineraries end at <see cref="Node.DoorCode"/> of it.</param>
/// <param name="ReadyAt">When the goods are ready at the origin node. No dwell is added before the first leg.</param>
/// <param name="OrderDate">Date whose FX rates, emission factors and lane validity apply for pricing (the order date).</param>
/// <param name="Goods">The consignment: at least one parcel.</param>
/// <param name="DeclaredValue">Declared customs value of the goods, ≥ 0, in any currency with an FX rate.</param>
/// <param name="QuoteCurrency">Currency every freight amount and the landed cost are expressed in.</param>
public sealed record PlanningRequest(
    string OriginNode,
    CountryCode Destination,
    Instant ReadyAt,
    LocalDate OrderDate,
    Consignment Goods,
    Money.Money DeclaredValue,
    CurrencyCode QuoteCurrency);

/// <summary>
/// The customs class of an itinerary: the clearing lane's <see cref="ClearanceChannel"/> and whether its price already
/// includes duty and tax (DDP). Landed cost rules (de minimis, postal vs courier handling fees, DDP) depend on it,
/// so the planner compares freight only between itineraries of the same class.
/// </summary>
/// <param name="Channel">Channel of the clearing leg; <see cref="ClearanceChannel.None"/> when no leg clears customs.</param>
/// <param name="DutyAndTaxIncluded">True when the clearing lane is a DDP line (<see cref="Lane.DutyAndTaxIncluded"/>).</param>
public readonly record struct ClearanceClass(ClearanceChannel Channel, bool DutyAndTaxIncluded)
{
    /// <summary>The class of an itinerary without an import clearance.</summary>
    public static ClearanceClass NotCleared => default;

    /// <summary>The class of an itinerary, read from its <see cref="Itinerary.ClearingLeg"/>.</summary>
    /// <param name="itinerary">The itinerary.</param>
    /// <returns>The class; <see cref="NotCleared"/> when no leg clears.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="itinerary"/> is <see langword="null"/>.</exception>
    public static ClearanceClass Of(Itinerary itinerary)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        return itinerary.ClearingLeg is { } leg ? Of(leg.Lane) : NotCleared;
    }

    /// <summary>The class an itinerary gets when <paramref name="lane"/> is its clearing leg.</summary>
    /// <param name="lane">The lane.</param>
    /// <returns>The class (<see cref="NotCleared"/> when the lane does not clear).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lane"/> is <see langword="null"/>.</exception>
    public static ClearanceClass Of(Lane lane)
    {
        ArgumentNullException.ThrowIfNull(lane);
        return lane.Clearance == ClearanceChannel.None ? NotCleared : new ClearanceClass(lane.Clearance, lane.DutyAndTaxIncluded);
    }

    /// <summary>
    /// Freight in the quote currency up to and including the clearing leg: the transport part of a CIF customs value
    /// (EU Union Customs Code art. 71(1)(e): transport costs up to the place of entry are added to the customs value).
    /// Equals <see cref="Itinerary.Freight"/> when no leg clears.
    /// </summary>
    /// <param name="itinerary">The itinerary.</param>
    /// <returns>The freight to the border, in the itinerary's quote currency.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="itinerary"/> is <see langword="null"/>.</exception>
    public static Money.Money FreightToBorder(Itinerary itinerary)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        var clearing = itinerary.ClearingLeg;
        var sum = itinerary.Legs[0].FreightInQuoteCurrency;
        if (ReferenceEquals(itinerary.Legs[0], clearing))
        {
            return sum;
        }

        for (var i = 1; i < itinerary.Legs.Count; i++)
        {
            sum += itinerary.Legs[i].FreightInQuoteCurrency;
            if (ReferenceEquals(itinerary.Legs[i], clearing))
            {
                break;
            }
        }

        return sum;
    }
}

/// <summary>One Pareto-optimal door-to-door plan with its three criteria.</summary>
/// <param name="Itinerary">The legs.</param>
/// <param name="LandedCost">Landed cost in the request's quote currency, as computed by the caller's landed-cost function.</param>
/// <param name="DeliveredAt">Arrival at the door (<see cref="Itinerary.DeliveredAt"/>).</param>
/// <param name="Co2eKg">Total CO2e in kg (<see cref="Itinerary.Co2eKg"/>).</param>
public sealed record PlanOption(Itinerary Itinerary, decimal LandedCost, Instant DeliveredAt, decimal Co2eKg);

/// <summary>Why a lane could not carry the consignment.</summary>
public enum LaneRefusalReason
{
    /// <summary>The lane's <see cref="Lane.Validity"/> does not contain the order date (the date the plan is priced).</summary>
    OutsideValidity,

    /// <summary>A parcel is heavier than <see cref="LaneLimits.MaxPieceKg"/>.</summary>
    PieceTooHeavy,

    /// <summary>The gross weight exceeds <see cref="LaneLimits.MaxShipmentKg"/>.</summary>
    ShipmentTooHeavy,

    /// <summary>A parcel's longest side exceeds <see cref="LaneLimits.MaxLongestSideCm"/>.</summary>
    PieceTooLong,

    /// <summary>A parcel's L + W + H exceeds <see cref="LaneLimits.MaxSumOfSidesCm"/>.</summary>
    PieceTooLarge,

    /// <summary>The declared value, converted into the lane's rate currency, exceeds <see cref="LaneLimits.MaxDeclaredValue"/>.</summary>
    DeclaredValueTooHigh,

    /// <summary>The goods carry a hazard in <see cref="Lane.Forbidden"/>.</summary>
    ForbiddenGoods,

    /// <summary>No FX rate converts the lane's rate currency (or the declared value's currency) on the order date, so the lane cannot be priced.</summary>
    NoFxRate,

    /// <summary>
    /// The request's <see cref="LaneRestriction"/> excludes the lane: a restricted- or prohibited-goods rule in force on the
    /// order date blocks this mode or vehicle for the goods, destination and origin (<c>data/compliance/rules.csv</c>, e.g. UPU
    /// Convention art. 19 for matches in the mail). The refusal's detail names the rule.
    /// </summary>
    ComplianceBlocked,
}

/// <summary>
/// A per-request exclusion of lanes decided outside the planner, e.g. by the compliance rules for the order's goods
/// (<see cref="Compliance.ComplianceScreen.BlockingRule"/>). Called at most once per lane per request, from the planning
/// thread; must be thread-safe when shared between requests.
/// </summary>
/// <param name="lane">A lane the search is about to use.</param>
/// <returns><see langword="null"/> when the lane may carry the goods; otherwise why not (the refusal's detail, naming the rule).</returns>
public delegate string? LaneRestriction(Lane lane);

/// <summary>A lane the planner examined and could not use, with the reason.</summary>
/// <param name="LaneId">The lane's id.</param>
/// <param name="Reason">Why.</param>
/// <param name="Detail">Human-readable detail naming the limit and the value, e.g. "parcel 2 weighs 31 kg, limit 30 kg".</param>
public sealed record LaneRefusal(string LaneId, LaneRefusalReason Reason, string Detail);

/// <summary>Why a planning request produced no itinerary.</summary>
public enum NoPlanReason
{
    /// <summary>At least one itinerary was found.</summary>
    None,

    /// <summary>The origin node is not in the network.</summary>
    UnknownOrigin,

    /// <summary>No lane arrives at the destination's door node (or the door node is not in the network).</summary>
    NoLaneToDoor,

    /// <summary>No lane departs the origin node.</summary>
    NoLaneFromOrigin,

    /// <summary>Every lane departing the origin refused the goods (see <see cref="PlanResult.Refusals"/>).</summary>
    AllLanesFromOriginRefused,

    /// <summary>The door was reachable only by paths breaking the clearance rule (none or two import clearances).</summary>
    NoClearedRoute,

    /// <summary>No path of usable lanes reaches the door (see <see cref="PlanResult.Refusals"/> for lanes refused on the way).</summary>
    NoRouteToDoor,
}

/// <summary>The outcome of planning one request.</summary>
/// <param name="Options">The exact Pareto set over (landed cost, delivered-at, CO2e), ordered by landed cost, then delivery, then CO2e, then lane ids; empty when nothing was found.</param>
/// <param name="Reason"><see cref="NoPlanReason.None"/> when <paramref name="Options"/> is not empty; otherwise why it is empty.</param>
/// <param name="Refusals">Lanes the search examined and could not use, one entry per lane (the first reason met), in the order met.</param>
public sealed record PlanResult(IReadOnlyList<PlanOption> Options, NoPlanReason Reason, IReadOnlyList<LaneRefusal> Refusals)
{
    /// <summary>True when at least one itinerary was found.</summary>
    public bool Found => Options.Count > 0;
}
