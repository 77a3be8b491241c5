namespace Kuajing.Lanes;

/// <summary>One per-kg weight break: from <paramref name="FromKg"/> of chargeable weight upward, <paramref name="PerKg"/> applies.</summary>
/// <param name="FromKg">Lower bound of the break in kg (inclusive), ≥ 0.</param>
/// <param name="PerKg">Price per chargeable kg in the card's currency, ≥ 0.</param>
public readonly record struct WeightBreak(decimal FromKg, decimal PerKg);

/// <summary>
/// A lane's price list. The structures seen in published rate cards (lanes-and-rates.md) are all
/// expressible: first weight plus additional steps (首重/续重), per-kg with weight breaks, a per-item
/// (registration) fee, a per-shipment fee, W/M per cubic metre (sea LCL), per container (FCL/rail FEU),
/// a minimum charge, and a fuel surcharge in percent. Components add up.
/// </summary>
public sealed record RateCard
{
    /// <summary>ISO 4217 currency of every amount on the card.</summary>
    public required Money.CurrencyCode Currency { get; init; }

    /// <summary>Fixed fee per shipment (operation / documentation fee), ≥ 0.</summary>
    public decimal PerShipment { get; init; }

    /// <summary>Fee per piece (parcel), e.g. the e邮宝 registration fee per item, ≥ 0.</summary>
    public decimal PerPiece { get; init; }

    /// <summary>First-weight block in kg (首重); 0 when the card has no first-weight pricing.</summary>
    public decimal FirstWeightKg { get; init; }

    /// <summary>Price of the first-weight block.</summary>
    public decimal FirstWeightPrice { get; init; }

    /// <summary>Additional-weight step in kg (续重), e.g. 0.5; used with <see cref="StepPrice"/> above the first weight.</summary>
    public decimal StepKg { get; init; }

    /// <summary>Price per additional step.</summary>
    public decimal StepPrice { get; init; }

    /// <summary>
    /// Per-kg breaks, ascending by <see cref="WeightBreak.FromKg"/>. The highest break at or below the chargeable
    /// weight applies to the whole weight. When a first-weight block is also set, the breaks apply from the
    /// first break's lower bound and first/step pricing below it.
    /// </summary>
    public IReadOnlyList<WeightBreak> PerKgBreaks { get; init; } = [];

    /// <summary>Price per revenue ton for W/M pricing: max(cubic metres, metric tonnes) (sea LCL), ≥ 0.</summary>
    public decimal PerRevenueTon { get; init; }

    /// <summary>Price per container (FEU) for FCL sea and rail block-train slots, ≥ 0.</summary>
    public decimal PerContainer { get; init; }

    /// <summary>Usable volume of one container in m³ (a 40 ft FEU holds about 67 m³, 58 m³ usable is typical).</summary>
    public decimal ContainerCapacityM3 { get; init; } = 58m;

    /// <summary>Maximum payload of one container in kg.</summary>
    public decimal ContainerMaxKg { get; init; } = 26_000m;

    /// <summary>Minimum charge for the whole shipment before the fuel surcharge.</summary>
    public decimal Minimum { get; init; }

    /// <summary>Fuel surcharge in percent of the base charge (e.g. 20 for 20 %).</summary>
    public decimal FuelSurchargePercent { get; init; }

    /// <summary>Chargeable weight is rounded up to a multiple of this step (kg), e.g. 0.5 for express, 0.001 for per-gram postal.</summary>
    public decimal RoundingStepKg { get; init; } = 0.001m;

    /// <summary>Minimum chargeable weight in kg (e.g. 0.05 for "minimum 50 g").</summary>
    public decimal MinChargeableKg { get; init; }

    /// <summary>
    /// The charge for one shipment on this card.
    /// </summary>
    /// <param name="chargeableKg">Chargeable weight of the shipment in kg (already max(actual, volumetric)), &gt; 0.</param>
    /// <param name="volumeM3">Total volume in m³, ≥ 0 (for W/M and container counts).</param>
    /// <param name="grossKg">Actual gross weight in kg, ≥ 0 (for W/M and container payload).</param>
    /// <param name="pieces">Number of parcels, ≥ 1.</param>
    /// <returns>The charge in <see cref="Currency"/>, rounded to 2 decimals.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When a quantity is negative or <paramref name="pieces"/> is below 1.</exception>
    public Money.Money Price(decimal chargeableKg, decimal volumeM3, decimal grossKg, int pieces)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chargeableKg);
        ArgumentOutOfRangeException.ThrowIfNegative(volumeM3);
        ArgumentOutOfRangeException.ThrowIfNegative(grossKg);
        ArgumentOutOfRangeException.ThrowIfLessThan(pieces, 1);

        var kg = RoundUp(Math.Max(chargeableKg, MinChargeableKg), RoundingStepKg);
        var baseCharge = PerShipment + (PerPiece * pieces);

        var firstBreak = PerKgBreaks.Count > 0 ? PerKgBreaks[0].FromKg : decimal.MaxValue;
        if (FirstWeightKg > 0 && kg < firstBreak)
        {
            baseCharge += FirstWeightPrice;
            if (kg > FirstWeightKg && StepKg > 0)
            {
                baseCharge += Math.Ceiling((kg - FirstWeightKg) / StepKg) * StepPrice;
            }
        }
        else if (PerKgBreaks.Count > 0)
        {
            var perKg = PerKgBreaks[0].PerKg;
            foreach (var b in PerKgBreaks)
            {
                if (kg >= b.FromKg)
                {
                    perKg = b.PerKg;
                }
            }

            baseCharge += kg * perKg;
        }

        if (PerRevenueTon > 0)
        {
            baseCharge += Math.Max(volumeM3, grossKg / 1000m) * PerRevenueTon;
        }

        if (PerContainer > 0)
        {
            var containers = Math.Max(1m, Math.Max(Math.Ceiling(volumeM3 / ContainerCapacityM3), Math.Ceiling(grossKg / ContainerMaxKg)));
            baseCharge += containers * PerContainer;
        }

        baseCharge = Math.Max(baseCharge, Minimum);
        var total = baseCharge * (1m + (FuelSurchargePercent / 100m));
        return new Money.Money(Math.Round(total, 2, MidpointRounding.AwayFromZero), Currency);
    }

    private static decimal RoundUp(decimal value, decimal step) =>
        step <= 0 ? value : Math.Ceiling(value / step) * step;
}
