using Kuajing.Lanes;
using Kuajing.Provenance;

namespace Kuajing.LandedCost;

/// <summary>What an import rule row does (the <c>kind</c> column of <c>data/tax/import-rules.csv</c>).</summary>
internal enum RuleKind
{
    /// <summary>No duty and/or no import tax within the band.</summary>
    Relief,

    /// <summary>VAT/GST charged by the seller at checkout (IOSS, UK, AU, NZ, VOEC, OVR).</summary>
    PointOfSaleTax,

    /// <summary>VAT/GST at import; rate from the row or from vat-rates.csv.</summary>
    ImportTax,

    /// <summary>A fixed duty per distinct tariff sub-heading (EU EUR 3).</summary>
    FlatDutyPerSubheading,

    /// <summary>Duty = rate × customs value − deduction (amount column).</summary>
    DutyAdValorem,

    /// <summary>An additional ad valorem duty on top of the ordinary tariff (US Section 122).</summary>
    DutySurcharge,

    /// <summary>An all-in courier rate in place of duty (and perhaps the tax) (Mexico).</summary>
    GlobalRate,

    /// <summary>A fixed fee per consignment.</summary>
    Fee,

    /// <summary>De minimis would otherwise apply but is suspended: flag only.</summary>
    DeMinimisSuspended,

    /// <summary>The destination levies no import VAT/GST.</summary>
    NoImportTax,
}

/// <summary>The value a threshold is tested against (the <c>value_basis</c> column).</summary>
internal enum ValueBasis
{
    /// <summary>Goods only, excluding transport and insurance (EU/UK intrinsic value).</summary>
    Intrinsic,

    /// <summary>The destination's customs value (CIF or FOB per <c>destination-profiles.csv</c>).</summary>
    CustomsValue,

    /// <summary>Goods plus all shipping charged (Saudi personal-shipment exemption).</summary>
    GoodsPlusShipping,

    /// <summary>The import tax amount itself (Swiss CHF 5 rule).</summary>
    TaxAmount,
}

/// <summary>Who bears a rule's charge (the <c>payer</c> column).</summary>
internal enum PayerRule
{
    /// <summary>By the Incoterm: DDP seller, DAP buyer.</summary>
    Incoterm,

    /// <summary>Always the seller (point-of-sale tax; Romania's fee).</summary>
    Seller,

    /// <summary>Always the buyer.</summary>
    Buyer,
}

/// <summary>A value band such as <c>&lt;=150</c>, <c>&gt;40&amp;&lt;=150</c>; an empty band matches every value.</summary>
internal readonly record struct ValueBand(decimal? Lower, bool LowerInclusive, decimal? Upper, bool UpperInclusive)
{
    /// <summary>True when the band has no bounds.</summary>
    public bool IsAny => Lower is null && Upper is null;

    /// <summary>Whether <paramref name="value"/> lies in the band.</summary>
    public bool Contains(decimal value) =>
        (Lower is null || (LowerInclusive ? value >= Lower.Value : value > Lower.Value))
        && (Upper is null || (UpperInclusive ? value <= Upper.Value : value < Upper.Value));

    /// <summary>Same test with the bounds scaled (a threshold converted to another currency).</summary>
    public bool Contains(decimal value, decimal factor) =>
        (Lower is null || (LowerInclusive ? value >= Lower.Value * factor : value > Lower.Value * factor))
        && (Upper is null || (UpperInclusive ? value <= Upper.Value * factor : value < Upper.Value * factor));

    /// <summary>Parses <c>&lt;=N</c>, <c>&lt;N</c>, <c>&gt;N</c>, <c>&gt;=N</c>, joined by <c>&amp;</c>; empty = any.</summary>
    /// <exception cref="FormatException">When a part is not one of those forms with a decimal N.</exception>
    public static ValueBand Parse(string text)
    {
        decimal? lower = null, upper = null;
        bool lowerInc = false, upperInc = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        foreach (var raw in text.Split('&'))
        {
            var part = raw.Trim();
            var (op, number) = part.StartsWith("<=", StringComparison.Ordinal) ? ("<=", part[2..])
                : part.StartsWith(">=", StringComparison.Ordinal) ? (">=", part[2..])
                : part.StartsWith('<') ? ("<", part[1..])
                : part.StartsWith('>') ? (">", part[1..])
                : throw new FormatException($"band part '{part}' must start with <=, <, >= or >");
            if (!decimal.TryParse(number, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                throw new FormatException($"band part '{part}' has no decimal number");
            }

            switch (op)
            {
                case "<=": upper = n; upperInc = true; break;
                case "<": upper = n; upperInc = false; break;
                case ">=": lower = n; lowerInc = true; break;
                default: lower = n; lowerInc = false; break;
            }
        }

        return new ValueBand(lower, lowerInc, upper, upperInc);
    }
}

/// <summary>One dated row of <c>data/tax/import-rules.csv</c>, parsed and validated.</summary>
internal sealed record ImportRule(
    string Id,
    string Destination,
    bool OriginsExcluded,
    string[] Origins,
    bool AnyChannel,
    ClearanceChannel[] Channels,
    ValidityPeriod Validity,
    RuleKind Kind,
    bool CoversDuty,
    bool CoversTax,
    string? Variant,
    ValueBand Band,
    ValueBasis Basis,
    bool PerItem,
    Money.CurrencyCode ThresholdCurrency,
    decimal? RatePercent,
    Money.Money? Amount,
    PayerRule Payer,
    string? Flag,
    DataSource Source,
    string Note)
{
    /// <summary>Line label for the charge this rule produces, built once at load (no per-quote formatting).</summary>
    public string Label { get; } = Kind switch
    {
        RuleKind.DutySurcharge => $"Duty surcharge {Percent(RatePercent)}",
        RuleKind.GlobalRate => $"Courier global rate {Percent(RatePercent)}",
        RuleKind.DutyAdValorem => $"Duty {Percent(RatePercent)}",
        RuleKind.Fee => $"Import fee {Amount}",
        RuleKind.FlatDutyPerSubheading => $"Flat duty {Amount} per distinct sub-heading",
        _ => Id,
    };

    /// <summary>Reason text for a line this rule relieves or explains.</summary>
    public string Reason { get; } = Kind == RuleKind.Relief ? $"relieved: {Note}" : Note;

    /// <summary>Reason text for point-of-sale tax lines.</summary>
    public string PointOfSaleReason { get; } = $"collected by the seller at checkout; {Note}";

    /// <summary>Formats a percentage for labels, e.g. "33.5 %".</summary>
    public static string Percent(decimal? rate) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{rate:0.###} %");

    /// <summary>Whether the rule covers goods shipped from <paramref name="origin"/>, a member of customs union <paramref name="originUnion"/> (e.g. EU) or of none.</summary>
    public bool MatchesOrigin(string origin, string? originUnion)
    {
        if (Origins.Length == 0)
        {
            return true;
        }

        var listed = false;
        foreach (var code in Origins)
        {
            if (code == origin || (originUnion is not null && code == originUnion))
            {
                listed = true;
                break;
            }
        }

        return listed != OriginsExcluded;
    }

    /// <summary>Whether the rule covers the clearance channel.</summary>
    public bool MatchesChannel(ClearanceChannel channel)
    {
        if (AnyChannel)
        {
            return true;
        }

        foreach (var c in Channels)
        {
            if (c == channel)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>How the customs value is built (the <c>customs_value_basis</c> column).</summary>
internal enum CustomsValueBasis
{
    /// <summary>Goods + transport and insurance to the border (freight to border in the request).</summary>
    Cif,

    /// <summary>Goods only (free on board at export).</summary>
    Fob,
}

/// <summary>What the VAT/GST is charged on (the <c>pos_vat_base</c> and <c>import_vat_base</c> columns).</summary>
internal enum VatBase
{
    /// <summary>Not stated; customs value + duty is used and flagged.</summary>
    Unconfirmed,

    /// <summary>Goods only.</summary>
    Goods,

    /// <summary>Goods + all transport charged (IOSS: the price including delivery).</summary>
    GoodsPlusFreight,

    /// <summary>Goods + all transport charged + duty (Directive 2006/112/EC art. 85–86).</summary>
    GoodsPlusFreightPlusDuty,

    /// <summary>The customs value + duty.</summary>
    CustomsValuePlusDuty,
}

/// <summary>One row of <c>data/tax/destination-profiles.csv</c>.</summary>
internal sealed record DestinationProfile(
    string Country,
    string? CustomsUnion,
    string TaxName,
    CustomsValueBasis CustomsValueBasis,
    DataSource CustomsValueSource,
    VatBase PointOfSaleVatBase,
    VatBase ImportVatBase,
    DataSource? VatBaseSource);

/// <summary>One row of <c>data/tax/vat-rates.csv</c>.</summary>
internal sealed record VatRate(string Country, string Region, decimal RatePercent, ValidityPeriod Validity, DataSource Source, int Line);
