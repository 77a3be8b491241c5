using System.Globalization;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Orders;

namespace Kuajing.Customs.LowValue;

/// <summary>
/// Produces the EU H7, UK low-value and US Section 321 data sets from one <see cref="LowValueEntry"/> (order + planned
/// shipment + party data), with the field lists of <c>data/customs/lowvalue-fields.csv</c> and the dated regimes of
/// <c>lowvalue-regimes.csv</c> (regulatory-facts.md §1.1–§1.3, §5). A required element that the entry lacks is an error
/// naming the field; an element the guidance only lists is a gap; nothing is filled with a made-up value. Thread-safe.
/// </summary>
public sealed class LowValueDatasetBuilder
{
    private static readonly Dictionary<string, string[]> KnownFields = new(StringComparer.Ordinal)
    {
        ["EU-H7"] =
        [
            "additional_procedure", "ioss_vat_id", "intrinsic_value", "commodity_code_hs6", "goods_description", "invoice_currency", "gross_mass",
            "transport_insurance_costs", "declaration_type", "requested_procedure", "lrn", "transport_document", "previous_document", "seller_name",
            "seller_address", "buyer_name", "buyer_address", "declarant_eori", "location_of_goods", "customs_office",
        ],
        ["GB-LV"] = ["intrinsic_value", "seller_vat_registration", "goods_description"],
        ["US-321"] = ["fair_retail_value", "consignee", "country_of_origin", "clearance_channel"],
    };

    private readonly LowValueRules _rules;
    private readonly FxRates _fx;

    /// <summary>Creates a builder.</summary>
    /// <param name="rules">Regimes and field lists.</param>
    /// <param name="fx">FX rates for the threshold tests (order value converted on the order date).</param>
    public LowValueDatasetBuilder(LowValueRules rules, FxRates fx)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        _fx = fx ?? throw new ArgumentNullException(nameof(fx));
    }

    /// <summary>Whether the builder can fill <paramref name="field"/> of <paramref name="dataset"/> (the field list is checked against this at load).</summary>
    /// <param name="dataset">Data set id.</param>
    /// <param name="field">Field id.</param>
    /// <returns>True when known.</returns>
    public static bool Knows(string dataset, string field) => KnownFields.TryGetValue(dataset, out var f) && Array.IndexOf(f, field) >= 0;

    /// <summary>Builds the data set of <paramref name="destination"/> for the entry.</summary>
    /// <param name="entry">Order, planned shipment and party data.</param>
    /// <param name="destination">Which data set.</param>
    /// <returns>The data set with its issues (never throws for missing data: that is reported as issues).</returns>
    public LowValueDataset Build(LowValueEntry entry, LowValueDestination destination)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var run = new Run(this, entry, destination);
        return run.Build();
    }

    private sealed class Run(LowValueDatasetBuilder owner, LowValueEntry entry, LowValueDestination destination)
    {
        private readonly List<LowValueIssue> _issues = [];
        private readonly Order _order = entry.Order;
        private readonly LowValueParties _p = entry.Parties;
        private LowValueDatasetStatus _status = LowValueDatasetStatus.Applicable;
        private EuVatRoute? _route;

        public LowValueDataset Build()
        {
            var country = _order.BuyerCountry.Value;
            var regime = owner._rules.InForce(destination, LowValueRegimeKind.Threshold, _order.OrderDate).FirstOrDefault();
            CheckDestination(country);
            if (regime is null)
            {
                NotApplicable("regime", $"no {LowValueRules.DatasetId(destination)} regime row in force on {_order.OrderDate:uuuu-MM-dd} in data/customs/{LowValueRules.RegimesFile}");
            }
            else
            {
                CheckValue(regime);
            }

            if (destination == LowValueDestination.US)
            {
                CheckSuspension();
            }

            if (destination == LowValueDestination.EU)
            {
                _route = ResolveRoute();
            }

            var header = new List<LowValueValue>();
            var items = new List<IReadOnlyList<LowValueValue>>();
            foreach (var spec in owner._rules.Fields(destination).Where(f => f.Level == LowValueFieldLevel.Header))
            {
                header.Add(Fill(spec, spec.Field, Header(spec)));
            }

            for (var i = 0; i < _order.Lines.Count; i++)
            {
                var line = _order.Lines[i];
                var values = new List<LowValueValue>();
                foreach (var spec in owner._rules.Fields(destination).Where(f => f.Level == LowValueFieldLevel.Item))
                {
                    values.Add(Fill(spec, $"items[{i + 1}].{spec.Field}", Item(spec, line)));
                }

                items.Add(values);
            }

            Notices();
            return new LowValueDataset(LowValueRules.DatasetId(destination), destination, country, _order.OrderId, _order.OrderDate, _status, regime, header, items, _issues);
        }

        private void CheckDestination(string country)
        {
            var ok = destination switch
            {
                LowValueDestination.EU => owner._rules.IsEuMember(country),
                LowValueDestination.GB => country == "GB",
                _ => country == "US",
            };
            if (!ok)
            {
                NotApplicable("destination", $"order {_order.OrderId} ships to {country}, not to {(destination == LowValueDestination.EU ? "an EU member state" : destination.ToString())}");
            }
        }

        private void CheckValue(LowValueRegime regime)
        {
            var value = _order.GoodsValue;
            var ccy = regime.Currency!.Value;
            if (!owner._fx.TryConvert(value, ccy, _order.OrderDate, out var converted, out _))
            {
                NotApplicable(ValueField, $"no FX rate {value.Currency}->{ccy} on or before {_order.OrderDate:uuuu-MM-dd}: the {regime.Threshold} {ccy} test cannot be made");
                return;
            }

            if (converted.Round().Amount > regime.Threshold!.Value)
            {
                NotApplicable(ValueField, string.Create(CultureInfo.InvariantCulture,
                    $"{value} = {converted.Round()} on {_order.OrderDate:uuuu-MM-dd} is above the {regime.Threshold} {ccy} threshold ({regime.Id}): not a low-value consignment{(destination == LowValueDestination.EU ? " (use H1)" : "")}"));
            }
        }

        private string ValueField => destination == LowValueDestination.US ? "fair_retail_value" : "intrinsic_value";

        private void CheckSuspension()
        {
            var origin = entry.Shipment.Origin.Value;
            foreach (var row in owner._rules.InForce(destination, LowValueRegimeKind.Suspended, _order.OrderDate))
            {
                if (row.Origins.Count == 0 || row.Origins.Contains(origin))
                {
                    _status = LowValueDatasetStatus.Suspended;
                    _issues.Add(new LowValueIssue("regime", LowValueIssueSeverity.Error,
                        $"Section 321 de minimis is not available on {_order.OrderDate:uuuu-MM-dd} for goods from {origin} ({row.Id}, {row.Source.Citation.Split(';')[0].Trim()}): {row.Note}"));
                }
            }
        }

        private EuVatRoute? ResolveRoute()
        {
            var ioss = entry.IossNumber?.Trim();
            if (entry.VatRoute is { } r && r != EuVatRoute.Ioss && !string.IsNullOrEmpty(ioss))
            {
                Error("ioss_vat_id", $"an IOSS number was given with VAT route {r}: with an IOSS number only C07 and F48 are allowed (AEAT DE 11 10)");
                return r;
            }

            if (!string.IsNullOrEmpty(ioss))
            {
                if (ioss.Any(char.IsWhiteSpace))
                {
                    Error("ioss_vat_id", "the IOSS number contains spaces; give it as one token");
                }

                return EuVatRoute.Ioss;
            }

            if (entry.VatRoute is null or EuVatRoute.Ioss)
            {
                Error("ioss_vat_id", "missing: a B2C consignment of intrinsic value <= EUR 150 declares the seller's IOSS VAT number (DE 13 16 000 000, role FR5); give it (--ioss), or declare the special arrangements (F49) or the standard VAT route explicitly (--vat-route special|standard)");
                return entry.VatRoute;
            }

            return entry.VatRoute;
        }

        private (string? Value, string? Note) Header(LowValueFieldSpec spec) => spec.Field switch
        {
            "ioss_vat_id" => _route == EuVatRoute.Ioss && !string.IsNullOrWhiteSpace(entry.IossNumber) ? (entry.IossNumber!.Trim(), "role FR5 (seller)") : (null, NotRequiredNote()),
            "invoice_currency" => (_order.GoodsValue.Currency.Value, "currency of the order"),
            "gross_mass" => (string.Create(CultureInfo.InvariantCulture, $"{entry.Shipment.GrossMass.Kilograms:0.000}"), entry.Shipment.MassEstimated ? "Kuajing estimate (data/orders/weight-estimates.csv, status E), not a measurement" : "from the planned shipment"),
            "transport_insurance_costs" => entry.Shipment.TransportCostToBorder is { } t
                ? (string.Create(CultureInfo.InvariantCulture, $"{t.Round().Amount:0.00} {t.Currency}"), "freight to the border of the chosen plan; insurance not included (no basis in the sources)")
                : (null, null),
            "intrinsic_value" => (Amount(_order.GoodsValue), "sum of the order lines, excluding transport and insurance"),
            "fair_retail_value" => ConvertedValue(CurrencyCode.Usd),
            "country_of_origin" => (entry.Shipment.Origin.Value, "country the goods ship from; the order has no origin per line, so the goods are taken to originate there"),
            "clearance_channel" => entry.Shipment.Channel switch
            {
                ClearanceChannel.Postal => ("postal", "clearing leg of the chosen plan"),
                ClearanceChannel.Courier or ClearanceChannel.Formal => ("non-postal", $"clearing leg of the chosen plan ({entry.Shipment.Channel})"),
                _ => (null, null),
            },
            "consignee" => (_p.BuyerName, null),
            "seller_vat_registration" => (_p.SellerVatRegistration, null),
            "declaration_type" => (_p.DeclarationType, null),
            "lrn" => (_p.Lrn, null),
            "transport_document" => (_p.TransportDocument, null),
            "previous_document" => (_p.PreviousDocument, null),
            "seller_name" => (_p.SellerName, null),
            "seller_address" => (_p.SellerAddress, null),
            "buyer_name" => (_p.BuyerName, null),
            "buyer_address" => (_p.BuyerAddress, _p.BuyerAddress is null ? $"the order carries only the country ({_order.BuyerCountry}){(_order.BuyerPostcode is { } pc ? $" and postcode {pc}" : "")}" : null),
            "declarant_eori" => (_p.DeclarantEori, null),
            "location_of_goods" => (_p.LocationOfGoods, null),
            "customs_office" => (_p.CustomsOffice, null),
            _ => throw new InvalidOperationException($"header field {spec.Field} has no source in the entry"),
        };

        private (string? Value, string? Note) Item(LowValueFieldSpec spec, OrderLine line) => spec.Field switch
        {
            "additional_procedure" => _route switch
            {
                EuVatRoute.Ioss => ("C07 F48", "low-value duty relief + IOSS"),
                EuVatRoute.SpecialArrangements => ("C07 F49", "low-value duty relief + special arrangements"),
                EuVatRoute.Standard => ("C07", "low-value duty relief; VAT under the standard rules"),
                _ => (null, "depends on the VAT route, which is not stated"),
            },
            "intrinsic_value" => (Amount(line.LineValue), $"{line.Quantity} x {Amount(line.UnitValue)}"),
            "commodity_code_hs6" => (line.Hs?.Subheading, line.Hs is { } h && h.Subheading is null ? $"HS code {h} has fewer than 6 digits" : line.Hs is null ? $"no HS code on {line.Location}" : null),
            "goods_description" => (string.IsNullOrWhiteSpace(line.Description) ? null : line.Description.Trim(), null),
            "requested_procedure" => ("40 00", "as regulatory-facts.md s5.1 gives it (U)"),
            _ => throw new InvalidOperationException($"item field {spec.Field} has no source in the entry"),
        };

        private LowValueValue Fill(LowValueFieldSpec spec, string name, (string? Value, string? Note) v)
        {
            var value = string.IsNullOrWhiteSpace(v.Value) ? null : v.Value;
            if (value is null)
            {
                var required = spec.Requirement == LowValueRequirement.Required
                    || (spec.Requirement == LowValueRequirement.Conditional && ConditionHolds(spec));
                if (required)
                {
                    if (!_issues.Any(i => i.Field == name && i.Severity == LowValueIssueSeverity.Error))
                    {
                        Error(name, $"missing: {spec.Description}{(v.Note is null ? "" : $" ({v.Note})")}; source: {spec.Source.Citation}");
                    }
                }
                else if (spec.Requirement == LowValueRequirement.Listed)
                {
                    _issues.Add(new LowValueIssue(name, LowValueIssueSeverity.Gap, $"no value in the entry: {spec.Description}{(v.Note is null ? "" : $" ({v.Note})")}; requirement unconfirmed"));
                }
            }
            else if (spec.Field == "gross_mass" && entry.Shipment.MassEstimated)
            {
                _issues.Add(new LowValueIssue(name, LowValueIssueSeverity.Gap, "the gross mass is a Kuajing estimate, not a measurement: replace it with the weighed mass before filing"));
            }

            return new LowValueValue(spec, value, v.Note);
        }

        private bool ConditionHolds(LowValueFieldSpec spec) => spec.Field switch
        {
            "ioss_vat_id" => _route is null or EuVatRoute.Ioss,
            "seller_vat_registration" => _status == LowValueDatasetStatus.Applicable,
            _ => true,
        };

        private string? NotRequiredNote() => _route switch
        {
            EuVatRoute.SpecialArrangements => "not declared: VAT under the special arrangements (F49)",
            EuVatRoute.Standard => "not declared: VAT under the standard rules",
            _ => null,
        };

        private (string? Value, string? Note) ConvertedValue(CurrencyCode target) =>
            owner._fx.TryConvert(_order.GoodsValue, target, _order.OrderDate, out var usd, out var stale)
                ? (Amount(usd.Round()), $"{Amount(_order.GoodsValue)} {_order.GoodsValue.Currency} at the FRED monthly rate of {_order.OrderDate:uuuu-MM-dd}{(stale ? " (stale rate)" : "")}")
                : (null, $"no FX rate {_order.GoodsValue.Currency}->{target}");

        private void Notices()
        {
            switch (destination)
            {
                case LowValueDestination.GB:
                    _issues.Add(new LowValueIssue("dataset", LowValueIssueSeverity.Notice, "regulatory-facts.md gives the UK low-value rules (GBP 135, point-of-sale VAT, no duty) but no declaration field list: only the sourced elements are produced"));
                    break;
                case LowValueDestination.US:
                    _issues.Add(new LowValueIssue("dataset", LowValueIssueSeverity.Notice, "regulatory-facts.md gives the Section 321 rules and their 2025 suspension but no entry (Type 86) data-element list: only the sourced elements are produced"));
                    break;
                default:
                    break;
            }
        }

        private void NotApplicable(string field, string message)
        {
            _status = LowValueDatasetStatus.NotApplicable;
            Error(field, message);
        }

        private void Error(string field, string message) => _issues.Add(new LowValueIssue(field, LowValueIssueSeverity.Error, message));

        private static string Amount(Money.Money m) => m.Amount.ToString("0.00", CultureInfo.InvariantCulture);
    }
}
