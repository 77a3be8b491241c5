namespace Kuajing.LandedCost;

/// <summary>
/// The flags a <see cref="LandedCostQuote"/> may carry (lower-case, hyphenated, stable: safe to store and compare).
/// Rule-specific flags (e.g. <c>ioss-eligible</c>, <c>voec</c>) come from the <c>flag</c> column of
/// <c>data/tax/import-rules.csv</c>; the constants here are the ones the calculator itself raises or that callers test.
/// </summary>
public static class LandedCostFlags
{
    /// <summary>The destination has no rules in the rule book: duty and tax are unknown, never zero.</summary>
    public const string RulesUnknown = "rules-unknown";

    /// <summary>The consignment is within the EU IOSS limit (intrinsic value ≤ EUR 150, from 2021-07-01); VAT is collected at checkout (rule EU-IOSS-150).</summary>
    public const string IossEligible = "ioss-eligible";

    /// <summary>A low-value duty relief applied (e.g. Reg. (EC) 1186/2009 art. 23, UK GBP 135, US USD 800 de minimis).</summary>
    public const string DutyReliefApplied = "duty-relief-applied";

    /// <summary>The EU interim flat duty of EUR 3 per distinct tariff sub-heading applies (2026-07-01 to 2028-07-01).</summary>
    public const string EuFlatDuty3Eur = "eu-flat-duty-3eur";

    /// <summary>De minimis would have applied by value but is suspended for this origin and date (US EO 14256 / EO 14324).</summary>
    public const string DeMinimisNotAvailable = "de-minimis-not-available";

    /// <summary>The ordinary tariff rate is not known (no tariff data integrated); the duty line is Unknown.</summary>
    public const string DutyRateUnknown = "duty-rate-unknown";

    /// <summary>A rule, rate or basis used has status U (unconfirmed) or E (estimated) in its source row.</summary>
    public const string UnconfirmedRule = "unconfirmed-rule";

    /// <summary>An FX rate used was older than <see cref="Money.FxRates.MaxStaleness"/> days on the order date.</summary>
    public const string StaleFx = "stale-fx";

    /// <summary>An amount could not be converted: no FX rate for its currency on or before the order date.</summary>
    public const string FxUnavailable = "fx-unavailable";

    /// <summary>The carrier's DDP price includes duty and import tax; those lines are reported as included, not added.</summary>
    public const string CarrierDdpIncludesDuty = "carrier-ddp-includes-duty";

    /// <summary>Insurance is not part of the quote (no basis in the sources); customs values exclude it.</summary>
    public const string InsuranceNotIncluded = "insurance-not-included";

    /// <summary>The shipment crosses no import border (no channel, same country, or the same customs union).</summary>
    public const string NoImportClearance = "no-import-clearance";

    /// <summary>The destination's customs value basis (CIF/FOB) is unconfirmed or missing; CIF was used.</summary>
    public const string CustomsValueBasisUnconfirmed = "customs-value-basis-unconfirmed";

    /// <summary>The VAT/GST base for the destination is unconfirmed; customs value + duty was used.</summary>
    public const string VatBaseUnconfirmed = "vat-base-unconfirmed";

    /// <summary>Import tax was computed on the known part of its base; the unknown duty would add to it.</summary>
    public const string VatOnKnownPartOnly = "vat-on-known-part-only";

    /// <summary>The destination taxes by region (province, state) and the region is not in the request: tax is a range.</summary>
    public const string RegionalTaxRange = "regional-tax-range";

    /// <summary>Rules differ by a seller status the request does not carry (e.g. Remessa Conforme membership): a range.</summary>
    public const string VariantUnknown = "variant-unknown";

    /// <summary>At least one customs line has no 6-digit HS code: sub-heading counts and tariff lookups are uncertain.</summary>
    public const string HsCodeMissing = "hs-code-missing";

    /// <summary>Whether an all-in courier rate already includes VAT/IVA is unconfirmed; the tax line is a range from zero.</summary>
    public const string GlobalRateVatInclusionUnconfirmed = "global-rate-vat-inclusion-unconfirmed";

    /// <summary>The tariff schedule used was in force only until a date before the order date (UK Global Tariff 2021, EU CET 2020): the duty is from an outdated schedule; the duty line's reason names the schedule and its date.</summary>
    public const string StaleTariff = "stale-tariff";

    /// <summary>The tariff schedule used starts after the order date (US HTS 2026 rev 10 from 2026-06-08, Japan 2026-07-09); no earlier revision is loaded.</summary>
    public const string TariffPostdatesOrder = "tariff-schedule-postdates-order";

    /// <summary>A customs line's code is not in the destination's loaded schedule (e.g. an HS 2022 code in the HS 2017-based UK/EU tables, or a missing Australian chapter): its duty is unknown.</summary>
    public const string TariffCodeNotFound = "tariff-code-not-found";

    /// <summary>A tariff line's duty text is outside the supported forms (seasonal, entry price, alcohol strength …): its duty is unknown; loaders count such texts by pattern.</summary>
    public const string TariffExpressionUnparsed = "tariff-expression-unparsed";

    /// <summary>A specific or compound duty needs a quantity (net mass, litres, pairs, m²) the order line does not declare: its duty is unknown.</summary>
    public const string TariffQuantityMissing = "tariff-quantity-missing";

    /// <summary>Several national lines share the HS six-digit code with different duties and the order names none: the duty is a range (min..max).</summary>
    public const string TariffLineRange = "tariff-line-range";

    /// <summary>An additional duty by origin (e.g. US IEEPA duties before 2026-02-24) is in force but its rate is not in the sources: the duty is unknown.</summary>
    public const string AdditionalDutyUnknown = "additional-duty-unknown";
}
