using Kuajing.Goods;
using Kuajing.Lanes;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>The planner's choice of what to optimise first when it picks one plan from the Pareto set.</summary>
public enum PlanObjective
{
    /// <summary>Lowest total landed cost; ties broken by time, then CO2e.</summary>
    Cheapest,

    /// <summary>Earliest delivery; ties broken by cost, then CO2e.</summary>
    Fastest,

    /// <summary>Lowest CO2e; ties broken by cost, then time.</summary>
    Greenest,

    /// <summary>Smallest normalised distance to the ideal point of the Pareto set (each criterion scaled by its range in the set).</summary>
    Balanced,
}

/// <summary>One leg of a planned itinerary: a lane booked on a given departure.</summary>
/// <param name="Lane">The lane.</param>
/// <param name="Departure">Departure instant.</param>
/// <param name="Arrival">Arrival instant, including import clearance when the lane clears customs.</param>
/// <param name="ChargeableWeight">Chargeable weight on this lane.</param>
/// <param name="Freight">Freight charge in the lane's rate currency.</param>
/// <param name="FreightInQuoteCurrency">Freight converted to the quote currency at the order date's FX rate.</param>
/// <param name="DistanceKm">Distance used for emissions, km.</param>
/// <param name="Co2eKg">Well-to-wheel CO2e of the shipment's share of this leg, kg (ISO 14083 / GLEC method: tonne-km × factor).</param>
public sealed record PlannedLeg(
    Lane Lane,
    Instant Departure,
    Instant Arrival,
    Mass ChargeableWeight,
    Money.Money Freight,
    Money.Money FreightInQuoteCurrency,
    decimal DistanceKm,
    decimal Co2eKg);

/// <summary>A door-to-door itinerary: consecutive legs from the origin node to the buyer's door.</summary>
/// <param name="Legs">Legs in travel order; the first departs the origin, the last arrives at the door.</param>
/// <param name="ReadyAt">When the goods were ready at the origin.</param>
public sealed record Itinerary(IReadOnlyList<PlannedLeg> Legs, Instant ReadyAt)
{
    /// <summary>Arrival at the door.</summary>
    public Instant DeliveredAt => Legs[^1].Arrival;

    /// <summary>Hours from ready to delivered.</summary>
    public double TransitHours => (DeliveredAt - ReadyAt).TotalHours;

    /// <summary>Total freight in the quote currency.</summary>
    public Money.Money Freight => Legs.Skip(1).Aggregate(Legs[0].FreightInQuoteCurrency, (s, l) => s + l.FreightInQuoteCurrency);

    /// <summary>Total CO2e in kg.</summary>
    public decimal Co2eKg => Legs.Sum(l => l.Co2eKg);

    /// <summary>The leg that performs import clearance, or <see langword="null"/> when none does.</summary>
    public PlannedLeg? ClearingLeg => Legs.LastOrDefault(l => l.Lane.Clearance != ClearanceChannel.None);
}
