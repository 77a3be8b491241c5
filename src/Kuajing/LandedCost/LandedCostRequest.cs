using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Trade;
using NodaTime;

namespace Kuajing.LandedCost;

/// <summary>
/// One customs line: goods of one description and HS code with their total value. The optional properties carry what a
/// specific or compound duty needs (net mass, litres, pairs, m², m³) and the destination's national tariff code; a duty
/// that needs a quantity the line lacks is reported unknown (with what is missing), never zero.
/// </summary>
/// <param name="Description">Goods description.</param>
/// <param name="Hs">HS code when known; <see langword="null"/> makes the duty rate unknown. Only its six-digit subheading selects tariff lines (national digits of another country's code are not the destination's).</param>
/// <param name="Quantity">Units, ≥ 1 (the quantity of "each", "item", "No." and per-dozen duties).</param>
/// <param name="Value">Total value of the line (quantity × unit price), the intrinsic value.</param>
public sealed record CustomsLine(string Description, HsCode? Hs, int Quantity, Money.Money Value)
{
    /// <summary>The destination's national tariff code (e.g. US HTS 8/10 digits, UK/EU CN 8/10, Japan 9), digits only; when given it selects the tariff line instead of the HS six-digit range.</summary>
    public string? NationalTariffCode { get; init; }

    /// <summary>Total net mass of the line (kg), for per-kg / per-100 kg / per-tonne duties; <see langword="null"/> = not declared.</summary>
    public Mass? NetMass { get; init; }

    /// <summary>Total volume of the line in litres, for per-litre / per-hl / per-kl duties; <see langword="null"/> = not declared.</summary>
    public decimal? Litres { get; init; }

    /// <summary>Pairs in the line (footwear, gloves), for per-pair duties; <see langword="null"/> = not declared (units are not assumed to be pairs).</summary>
    public decimal? Pairs { get; init; }

    /// <summary>Total area in m², for per-m² duties; <see langword="null"/> = not declared.</summary>
    public decimal? SquareMetres { get; init; }

    /// <summary>Total volume in m³, for per-m³ duties; <see langword="null"/> = not declared.</summary>
    public decimal? CubicMetres { get; init; }
}

/// <summary>Everything the landed-cost engine needs to quote one shipment.</summary>
/// <param name="Origin">Country the goods ship from (e.g. CN).</param>
/// <param name="Destination">Import country.</param>
/// <param name="OrderDate">Date whose rules, rates and FX apply.</param>
/// <param name="Incoterm">DAP or DDP: who pays import duty and tax.</param>
/// <param name="Lines">Customs lines, at least one.</param>
/// <param name="Freight">Total freight to the door, in the quote currency.</param>
/// <param name="FreightToBorder">Freight up to the destination's border (the CIF part), in the quote currency.</param>
/// <param name="Channel">How the shipment clears import customs.</param>
/// <param name="DutyAndTaxIncluded">True when the carrier's DDP price already includes duty and tax.</param>
/// <param name="QuoteCurrency">Currency of the quote.</param>
public sealed record LandedCostRequest(
    CountryCode Origin,
    CountryCode Destination,
    LocalDate OrderDate,
    Incoterm Incoterm,
    IReadOnlyList<CustomsLine> Lines,
    Money.Money Freight,
    Money.Money FreightToBorder,
    ClearanceChannel Channel,
    bool DutyAndTaxIncluded,
    Money.CurrencyCode QuoteCurrency);
