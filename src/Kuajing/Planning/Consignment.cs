using Kuajing.Goods;

namespace Kuajing.Planning;

/// <summary>One physical parcel or carton of a shipment.</summary>
/// <param name="Weight">Actual gross weight, &gt; 0 kg.</param>
/// <param name="Size">Outer dimensions in cm.</param>
public sealed record Parcel(Mass Weight, Dimensions Size);

/// <summary>
/// The goods of one shipment as the planner sees them: parcels, hazards and declared value.
/// </summary>
/// <param name="Parcels">At least one parcel.</param>
/// <param name="Hazards">Restricted properties of any goods inside.</param>
/// <param name="WeightEstimated">True when any weight or dimension is a Kuajing estimate rather than a measured or declared figure.</param>
public sealed record Consignment(IReadOnlyList<Parcel> Parcels, GoodsHazards Hazards, bool WeightEstimated)
{
    /// <summary>Sum of the parcels' actual weights.</summary>
    public Mass GrossWeight => Parcels.Aggregate(Mass.Zero, (s, p) => s + p.Weight);

    /// <summary>Sum of the parcels' volumes in m³.</summary>
    public decimal VolumeM3 => Parcels.Sum(p => p.Size.VolumeM3);

    /// <summary>
    /// Chargeable weight on a lane with the given volumetric divisor: the sum over parcels of
    /// max(actual, L×W×H / divisor) (regulatory-facts.md §7), or the gross weight when the divisor is <see langword="null"/>.
    /// </summary>
    /// <param name="volumetricDivisor">cm³ per kg (e.g. 5,000), or <see langword="null"/>.</param>
    /// <returns>Chargeable weight.</returns>
    public Mass ChargeableWeight(int? volumetricDivisor) =>
        volumetricDivisor is not int d || d <= 0
            ? GrossWeight
            : Parcels.Aggregate(Mass.Zero, (s, p) => s + Mass.Max(p.Weight, new Mass(p.Size.VolumeCm3 / d)));
}
