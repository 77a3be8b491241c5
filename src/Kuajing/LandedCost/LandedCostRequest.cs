using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Trade;
using NodaTime;

namespace Kuajing.LandedCost;

/// <summary>One customs line: goods of one description and HS code with their total value.</summary>
/// <param name="Description">Goods description.</param>
/// <param name="Hs">HS code when known; <see langword="null"/> makes the duty rate unknown.</param>
/// <param name="Quantity">Units, ≥ 1.</param>
/// <param name="Value">Total value of the line (quantity × unit price), the intrinsic value.</param>
public sealed record CustomsLine(string Description, HsCode? Hs, int Quantity, Money.Money Value);

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
