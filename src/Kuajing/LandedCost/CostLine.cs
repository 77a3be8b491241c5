using Kuajing.Provenance;
using Kuajing.Trade;

namespace Kuajing.LandedCost;

/// <summary>What a landed-cost line charges for.</summary>
public enum CostKind
{
    /// <summary>Carriage to the buyer's door (all legs), as priced by the lanes.</summary>
    Freight,

    /// <summary>Cargo insurance. No source gives a basis for it, so it is always reported as <see cref="CostLineStatus.NotIncluded"/>.</summary>
    Insurance,

    /// <summary>Customs duty (ordinary tariff, flat low-value duty, surcharges, or an all-in courier "global rate").</summary>
    Duty,

    /// <summary>Import VAT or GST (or the destination's equivalent: consumption tax, IVA, ICMS); the line's label names the tax.</summary>
    ImportVat,

    /// <summary>A per-consignment or per-parcel import fee set by law (e.g. Italy EUR 2, Romania RON 25).</summary>
    Fee,
}

/// <summary>How much of a cost line's amount is known.</summary>
public enum CostLineStatus
{
    /// <summary><see cref="CostLine.Amount"/> is the amount (it may be zero when a relief applies; the rule says which).</summary>
    Known,

    /// <summary>The amount lies between <see cref="CostLine.Amount"/> and <see cref="CostLine.High"/>, both cited (e.g. a province or a programme membership not known).</summary>
    Range,

    /// <summary><see cref="CostLine.Amount"/> is a floor: an unknown input (usually the duty in the VAT base) would raise it.</summary>
    LowerBound,

    /// <summary>Not known (see <see cref="CostLine.Reason"/>); <see cref="CostLine.Amount"/> is <see langword="null"/>. Never treated as zero.</summary>
    Unknown,

    /// <summary>Charged inside the freight (a carrier DDP price that includes duty and tax); not added again to totals. <see cref="CostLine.Amount"/> may hold the computed figure for information.</summary>
    IncludedInFreight,

    /// <summary>Not part of this quote (insurance: no basis in the sources); excluded from totals and from <see cref="LandedCostQuote.IsComplete"/>.</summary>
    NotIncluded,
}

/// <summary>One line of a landed-cost quote, in the quote currency, with who pays it and the rule row behind it.</summary>
/// <param name="Kind">What is charged.</param>
/// <param name="Label">Human-readable name, e.g. "VAT 19 %", "Flat duty 3.00 EUR per distinct sub-heading", "Duty surcharge 10 %".</param>
/// <param name="Status">How much of the amount is known.</param>
/// <param name="Amount">The amount (Known), the low end (Range), the floor (LowerBound), informational (IncludedInFreight), or <see langword="null"/> (Unknown, NotIncluded). Rounded to 2 decimals, midpoint away from zero.</param>
/// <param name="High">Upper end of a <see cref="CostLineStatus.Range"/>; otherwise <see langword="null"/>.</param>
/// <param name="Payer">Who bears the line: Seller or Buyer (see <see cref="LandedCostCalculator"/> for the convention).</param>
/// <param name="RuleId">Id of the row in <c>data/tax/import-rules.csv</c> (or <c>vat-rates.csv</c>) behind the line; <see langword="null"/> for freight and insurance.</param>
/// <param name="Source">Citation and status of that rule row; <see langword="null"/> when no rule is behind the line.</param>
/// <param name="Reason">Why the line is unknown, relieved, a range or included; <see langword="null"/> for plain known amounts.</param>
public sealed record CostLine(
    CostKind Kind,
    string Label,
    CostLineStatus Status,
    Money.Money? Amount,
    Money.Money? High,
    Payer Payer,
    string? RuleId,
    DataSource? Source,
    string? Reason);
