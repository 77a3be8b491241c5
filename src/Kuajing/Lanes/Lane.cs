using Kuajing.Goods;
using Kuajing.Provenance;

namespace Kuajing.Lanes;

/// <summary>Size and weight limits of a lane. A <see langword="null"/> limit means the source states none.</summary>
/// <param name="MaxPieceKg">Maximum actual weight of one parcel in kg.</param>
/// <param name="MaxShipmentKg">Maximum gross weight of the whole shipment in kg.</param>
/// <param name="MaxLongestSideCm">Maximum longest side of one parcel in cm.</param>
/// <param name="MaxSumOfSidesCm">Maximum L + W + H of one parcel in cm.</param>
/// <param name="MaxDeclaredValue">Maximum declared value of the shipment, in the lane's rate currency (e.g. EURPOST &lt; EUR 140).</param>
public sealed record LaneLimits(
    decimal? MaxPieceKg = null,
    decimal? MaxShipmentKg = null,
    decimal? MaxLongestSideCm = null,
    decimal? MaxSumOfSidesCm = null,
    decimal? MaxDeclaredValue = null)
{
    /// <summary>No stated limits.</summary>
    public static LaneLimits None { get; } = new();
}

/// <summary>
/// One bookable transport service between two nodes, with its schedule, transit time, price, limits,
/// goods restrictions, validity and source. Every lane in the catalogue comes from a cited source in
/// <c>shared/reference/lanes-and-rates.md</c>; lanes whose figures are unconfirmed keep
/// <see cref="DataSource.Status"/> = <see cref="SourceStatus.Unconfirmed"/> and are flagged in every plan that uses them.
/// </summary>
public sealed record Lane
{
    /// <summary>Stable id, unique in the catalogue (e.g. <c>rail-CGO-DEHAM-zhongyu</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Node code the lane departs from.</summary>
    public required string From { get; init; }

    /// <summary>Node code the lane arrives at; <c>DOOR-XX</c> for door-delivered services.</summary>
    public required string To { get; init; }

    /// <summary>Commercial channel.</summary>
    public required TransportMode Mode { get; init; }

    /// <summary>Physical vehicle for emissions (e.g. a postal lane flies, so <see cref="Vehicle.Air"/>).</summary>
    public required Vehicle Vehicle { get; init; }

    /// <summary>Service or product name as the carrier sells it (e.g. "China Post ePacket e邮宝").</summary>
    public required string Service { get; init; }

    /// <summary>Carrier or operator name.</summary>
    public required string Carrier { get; init; }

    /// <summary>Departure days, time and cut-off.</summary>
    public required WeeklySchedule Schedule { get; init; }

    /// <summary>Shortest published transit time in days (departure to arrival), ≥ 0.</summary>
    public required decimal TransitDaysMin { get; init; }

    /// <summary>Longest published transit time in days, ≥ <see cref="TransitDaysMin"/>.</summary>
    public required decimal TransitDaysMax { get; init; }

    /// <summary>Transit the planner schedules with, in whole hours: the midpoint of the published range.</summary>
    public int PlannedTransitHours => (int)Math.Round((TransitDaysMin + TransitDaysMax) * 12m, MidpointRounding.AwayFromZero);

    /// <summary>Price list.</summary>
    public required RateCard Rate { get; init; }

    /// <summary>
    /// Volumetric divisor in cm³ per kg (5,000 express, 6,000 IATA air, 1,000 sea W/M, 3,000 rail);
    /// <see langword="null"/> when the lane charges actual weight only. Source: regulatory-facts.md §7.
    /// </summary>
    public int? VolumetricDivisor { get; init; }

    /// <summary>Size, weight and value limits.</summary>
    public LaneLimits Limits { get; init; } = LaneLimits.None;

    /// <summary>Goods the lane refuses.</summary>
    public GoodsHazards Forbidden { get; init; }

    /// <summary>Import clearance performed at the end of this lane, if it enters the destination country.</summary>
    public ClearanceChannel Clearance { get; init; }

    /// <summary>Hours the import clearance takes on arrival, ≥ 0 (0 when <see cref="Clearance"/> is <see cref="ClearanceChannel.None"/>).</summary>
    public int ClearanceHours { get; init; }

    /// <summary>True for DDP lines whose price already includes import duty and tax (the seller pays them through the carrier).</summary>
    public bool DutyAndTaxIncluded { get; init; }

    /// <summary>Distance in km when the source gives one (e.g. 10,214 km Zhengzhou–Hamburg by rail); otherwise computed from the nodes.</summary>
    public decimal? DistanceKm { get; init; }

    /// <summary>Dates the lane's price and schedule are in force.</summary>
    public required ValidityPeriod Validity { get; init; }

    /// <summary>Where the figures came from.</summary>
    public required DataSource Source { get; init; }
}
