using System.Globalization;
using Kuajing.Money;
using Kuajing.Provenance;
using Kuajing.Trade;

namespace Kuajing.LandedCost;

/// <summary>
/// Quotes landed cost (freight + insurance + duty + import VAT/GST + fees) by the destination rules of an
/// <see cref="ImportRuleBook"/> in force on the order date, converting amounts and thresholds with <see cref="FxRates"/>
/// at the order date.
/// <para>
/// <b>Who pays (convention).</b> Freight: the seller under both DAP and DDP (Incoterms® 2020: the seller contracts
/// and pays carriage to the named place). Import duty, import VAT/GST at the border and import fees: the seller under
/// DDP, the buyer under DAP, unless the rule row names a liable party (Romania's RON 25 fee: the seller).
/// VAT/GST collected at checkout under a point-of-sale regime (EU IOSS, UK ≤ GBP 135, Australia, New Zealand, Norway
/// VOEC, Singapore OVR): the seller, whatever the Incoterm, because the seller charges and remits it; the buyer
/// bears it economically inside the price. Kuajing assumes a seller uses IOSS/VOEC whenever the consignment is
/// eligible (IOSS is optional in law), and flags it (<c>ioss-eligible</c>, <c>voec</c>).
/// </para>
/// <para>
/// <b>Tariffs.</b> A duty that no relief, flat duty, courier global rate or ad valorem rule row covers comes from the
/// destination's tariff schedule in <see cref="ImportRuleBook.Tariffs"/> (<c>data/tariffs</c>): one Duty line per customs
/// line naming the tariff line (schedule id, national code, duty expression), a <see cref="CostLineStatus.Range"/> when
/// several national lines share the HS six-digit code and the line names none, then one Duty line per additional duty by
/// origin (Section 301 …). The customs value is shared among customs lines in proportion to their value. A schedule older
/// than the order date raises <c>stale-tariff</c>; one that starts after it raises <c>tariff-schedule-postdates-order</c>.
/// </para>
/// <para>
/// <b>Unknowns.</b> A duty on goods that no relief covers is <see cref="CostLineStatus.Unknown"/> when no schedule is
/// loaded for the destination, the code is not in it, its text is not parsed, or it needs a quantity the line lacks (net
/// mass, litres, pairs …), or a <see cref="CostLineStatus.Range"/> where a cited range exists; never zero. Import VAT whose base
/// includes an unknown duty is computed on the known part as a <see cref="CostLineStatus.LowerBound"/>. Insurance is
/// <see cref="CostLineStatus.NotIncluded"/> (no insurance basis in the sources; DAP/DDP impose no insurance
/// obligation), and customs values exclude it. When the carrier's DDP price includes duty and tax
/// (<see cref="LandedCostRequest.DutyAndTaxIncluded"/>), duty, import VAT at the border and import fees are reported
/// <see cref="CostLineStatus.IncludedInFreight"/>; point-of-sale VAT is still charged by the seller.
/// </para>
/// <para>Thread-safe: holds no mutable state; one instance may quote from many threads.</para>
/// </summary>
public sealed partial class LandedCostCalculator
{
    private const string DutyRateUnknownReason =
        "ordinary tariff rate not known: no tariff schedule loaded for this destination (see data/tariffs); no relief applies";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string TaxName, decimal Low, decimal High), string> TaxLabels = new();

    private readonly ImportRuleBook _book;
    private readonly FxRates _fx;

    /// <summary>Creates a calculator.</summary>
    /// <param name="book">The import rules (see <see cref="ImportRuleBook.Load"/>).</param>
    /// <param name="fx">Dated FX rates used for amounts, thresholds and fees.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public LandedCostCalculator(ImportRuleBook book, FxRates fx)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(fx);
        _book = book;
        _fx = fx;
    }

    /// <summary>Quotes one shipment.</summary>
    /// <param name="request">The shipment: origin, destination, order date, Incoterm, customs lines, freight, channel, quote currency.</param>
    /// <returns>The quote; expected gaps (unknown destination, unknown duty rate, missing FX) are reported inside it, not thrown.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> or its line list is null.</exception>
    /// <exception cref="ArgumentException">When the request has no customs line, a line's quantity is below 1, a line value or a freight amount is negative.</exception>
    public LandedCostQuote Quote(LandedCostRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Lines);
        if (request.Lines.Count == 0)
        {
            throw new ArgumentException("a landed-cost request needs at least one customs line", nameof(request));
        }

        for (var i = 0; i < request.Lines.Count; i++)
        {
            var line = request.Lines[i];
            if (line.Quantity < 1)
            {
                throw new ArgumentException($"customs line {i + 1} ('{line.Description}'): quantity {line.Quantity} is below 1", nameof(request));
            }

            if (line.Value.Amount < 0)
            {
                throw new ArgumentException($"customs line {i + 1} ('{line.Description}'): value {line.Value} is negative", nameof(request));
            }
        }

        if (request.Freight.Amount < 0 || request.FreightToBorder.Amount < 0)
        {
            throw new ArgumentException($"freight {request.Freight} / freight to border {request.FreightToBorder} must not be negative", nameof(request));
        }

        return new Quoting(this, request).Run();
    }

    /// <summary>
    /// Re-quotes a shipment as if ordered on <paramref name="date"/>: import rules, VAT rates, the tariff schedule (and its
    /// stale flag), additional duties by origin and FX are all taken as in force on that date. For compliance impact
    /// checks ("what changes for this open order when a new rule or rate row takes effect").
    /// </summary>
    /// <param name="request">The shipment as quoted originally.</param>
    /// <param name="date">The date whose rules apply.</param>
    /// <returns>The quote; same contract as <see cref="Quote"/>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Quote"/>.</exception>
    public LandedCostQuote QuoteOn(LandedCostRequest request, NodaTime.LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Quote(request with { OrderDate = date });
    }

    /// <summary>The state of one quote being built.</summary>
    private sealed partial class Quoting(LandedCostCalculator owner, LandedCostRequest request)
    {
        private readonly List<CostLine> _lines = new(6);
        private readonly List<string> _flags = new(8);
        private readonly CurrencyCode _ccy = request.QuoteCurrency;
        private string? _missingCurrency;
        private decimal _goods;
        private DestinationRules? _rules;

        public LandedCostQuote Run()
        {
            var freightKnown = TryAmount(request.Freight, out var freight);
            _lines.Add(freightKnown
                ? new CostLine(CostKind.Freight, "Freight to door", CostLineStatus.Known, M(freight), null, Payer.Seller, null, null, null)
                : new CostLine(CostKind.Freight, "Freight to door", CostLineStatus.Unknown, null, null, Payer.Seller, null, null, FxReason()));
            _lines.Add(new CostLine(
                CostKind.Insurance, "Cargo insurance", CostLineStatus.NotIncluded, null, null, Payer.Seller, null, null,
                "not included: no insurance basis in the sources; Incoterms 2020 DAP/DDP impose no insurance obligation"));
            Flag(LandedCostFlags.InsuranceNotIncluded);
            if (request.DutyAndTaxIncluded)
            {
                Flag(LandedCostFlags.CarrierDdpIncludesDuty);
            }

            var origin = request.Origin.Value ?? "";
            var destination = request.Destination.Value ?? "";
            var rules = owner._book.Find(destination);
            _rules = rules;
            if (request.Channel == Lanes.ClearanceChannel.None || origin == destination
                || (rules?.Profile.CustomsUnion is { } union && rules.UnionOf(origin) == union))
            {
                Flag(LandedCostFlags.NoImportClearance);
                return Finish(rulesKnown: true, customsValue: null);
            }

            if (rules is null)
            {
                Flag(LandedCostFlags.RulesUnknown);
                Flag(LandedCostFlags.DutyRateUnknown);
                var reason = $"no import rules on file for {destination}: duty and tax unknown (not zero)";
                AddUnknown(CostKind.Duty, "Duty", reason);
                AddUnknown(CostKind.ImportVat, "Import VAT/GST", reason);
                return Finish(rulesKnown: false, customsValue: null);
            }

            // Goods value (intrinsic), the largest unit value (per-item tests) and freight to the border, in the quote currency.
            // Lines are summed in their own currency and converted once per currency (orders rarely mix currencies),
            // so a 26-line order costs one FX lookup, not 26: this runs for every candidate plan of every order.
            decimal goods = 0, maxUnit = 0;
            var fxOk = freightKnown;
            var lines = request.Lines;
            var first = lines[0].Value.Currency;
            var singleCurrency = true;
            for (var i = 1; i < lines.Count && singleCurrency; i++)
            {
                singleCurrency = lines[i].Value.Currency == first;
            }

            if (singleCurrency)
            {
                decimal sum = 0, maxUnitRaw = 0;
                foreach (var line in lines)
                {
                    sum += line.Value.Amount;
                    var unit = line.Value.Amount / line.Quantity;
                    if (unit > maxUnitRaw)
                    {
                        maxUnitRaw = unit;
                    }
                }

                if (!TryAmount(new Money.Money(sum, first), out goods) || !TryAmount(new Money.Money(maxUnitRaw, first), out maxUnit))
                {
                    fxOk = false;
                }
            }
            else
            {
                foreach (var line in lines)
                {
                    if (!TryAmount(line.Value, out var v))
                    {
                        fxOk = false;
                        continue;
                    }

                    goods += v;
                    var unit = v / line.Quantity;
                    if (unit > maxUnit)
                    {
                        maxUnit = unit;
                    }
                }
            }

            fxOk &= TryAmount(request.FreightToBorder, out var freightToBorder);
            if (!fxOk)
            {
                AddUnknown(CostKind.Duty, "Duty", FxReason());
                AddUnknown(CostKind.ImportVat, rules.Profile.TaxName, FxReason());
                return Finish(rulesKnown: true, customsValue: null);
            }

            var profile = rules.Profile;
            var customsValue = profile.CustomsValueBasis == CustomsValueBasis.Cif ? goods + freightToBorder : goods;
            if (profile.CustomsValueSource.NeedsFlag)
            {
                Flag(LandedCostFlags.CustomsValueBasisUnconfirmed);
                Flag(LandedCostFlags.UnconfirmedRule);
            }

            // Select the rows in force for this date, origin, channel and value.
            var matched = new List<ImportRule>(8);
            var taxAmountReliefs = new List<ImportRule>(1);
            bool dutyUntestable = false, taxUntestable = false;
            var originUnion = rules.UnionOf(origin);
            foreach (var rule in rules.Rules)
            {
                if (!rule.Validity.Contains(request.OrderDate) || !rule.MatchesChannel(request.Channel) || !rule.MatchesOrigin(origin, originUnion))
                {
                    continue;
                }

                if (rule.Basis == ValueBasis.TaxAmount)
                {
                    taxAmountReliefs.Add(rule);
                    continue;
                }

                if (!rule.Band.IsAny)
                {
                    if (!TryFactor(rule.ThresholdCurrency, out var factor))
                    {
                        dutyUntestable |= rule.CoversDuty;
                        taxUntestable |= rule.CoversTax || rule.Kind is RuleKind.Fee;
                        continue;
                    }

                    var measure = rule.PerItem ? maxUnit : rule.Basis switch
                    {
                        ValueBasis.Intrinsic => goods,
                        ValueBasis.CustomsValue => customsValue,
                        _ => goods + freight,
                    };
                    if (!rule.Band.Contains(measure, factor))
                    {
                        continue;
                    }
                }

                matched.Add(rule);
            }

            _goods = goods;
            var (dutyLow, dutyHigh, dutyUnknown, globalRate) = QuoteDuty(matched, customsValue, dutyUntestable);
            QuoteTax(rules, matched, taxAmountReliefs, goods, freight, customsValue, dutyLow, dutyHigh, dutyUnknown, globalRate, taxUntestable);
            QuoteFees(matched);
            return Finish(rulesKnown: true, customsValue: M(customsValue));
        }

        private (decimal Low, decimal High, bool Unknown, ImportRule? Global) QuoteDuty(List<ImportRule> matched, decimal customsValue, bool untestable)
        {
            ImportRule? relief = null, flat = null, global = null;
            foreach (var r in matched)
            {
                switch (r.Kind)
                {
                    case RuleKind.Relief when r.CoversDuty: relief ??= r; break;
                    case RuleKind.FlatDutyPerSubheading: flat ??= r; break;
                    case RuleKind.GlobalRate: global ??= r; break;
                    case RuleKind.DeMinimisSuspended: Use(r); break;
                    default: break;
                }
            }

            if (untestable)
            {
                AddUnknown(CostKind.Duty, "Duty", $"duty threshold cannot be tested: {FxReason()}");
                return (0, 0, true, null);
            }

            decimal low = 0, high = 0;
            var unknown = false;
            if (relief is not null)
            {
                Use(relief);
                AddImport(CostKind.Duty, "Duty (relieved)", CostLineStatus.Known, 0m, null, relief, relief.Reason);
                return (0, 0, false, null);
            }

            if (global is not null)
            {
                Use(global);
                low = high = Round(customsValue * global.RatePercent!.Value / 100m);
                AddImport(CostKind.Duty, global.Label, CostLineStatus.Known, low, null, global, global.Note);
            }
            else if (flat is not null)
            {
                Use(flat);
                var (known, missing) = CountSubheadings();
                if (!TryAmount(flat.Amount!.Value, out var each))
                {
                    AddImport(CostKind.Duty, flat.Label, CostLineStatus.Unknown, null, null, flat, FxReason());
                    unknown = true;
                }
                else if (missing == 0)
                {
                    low = high = Round(each * known);
                    AddImport(CostKind.Duty, flat.Label, CostLineStatus.Known, low, null, flat, flat.Note);
                }
                else
                {
                    Flag(LandedCostFlags.HsCodeMissing);
                    low = Round(each * Math.Max(known, 1));
                    high = Round(each * (known + missing));
                    AddImport(CostKind.Duty, flat.Label, CostLineStatus.Range, low, high, flat,
                        $"{missing} line(s) without a 6-digit HS code: {Math.Max(known, 1)} to {known + missing} distinct sub-headings");
                }
            }
            else if (HasAdValoremRow(matched) || !QuoteTariff(customsValue, ref low, ref high, ref unknown))
            {
                unknown = !QuoteAdValorem(matched, customsValue, ref low, ref high);
            }

            foreach (var r in matched)
            {
                if (r.Kind != RuleKind.DutySurcharge)
                {
                    continue;
                }

                Use(r);
                var amount = Round(customsValue * r.RatePercent!.Value / 100m);
                low += amount;
                high += amount;
                AddImport(CostKind.Duty, r.Label, CostLineStatus.Known, amount, null, r, r.Note);
            }

            return (low, high, unknown, global);
        }

        /// <summary>Ad valorem duty rows; several variants (e.g. Remessa Conforme member or not) give a range. False when no row: duty unknown.</summary>
        private bool QuoteAdValorem(List<ImportRule> matched, decimal customsValue, ref decimal low, ref decimal high)
        {
            ImportRule? first = null;
            decimal min = decimal.MaxValue, max = decimal.MinValue;
            var variants = 0;
            foreach (var r in matched)
            {
                if (r.Kind != RuleKind.DutyAdValorem)
                {
                    continue;
                }

                decimal deduction = 0;
                if (r.Amount is { } d && !TryAmount(d, out deduction))
                {
                    AddImport(CostKind.Duty, "Duty", CostLineStatus.Unknown, null, null, r, FxReason());
                    return false;
                }

                Use(r);
                first ??= r;
                variants++;
                var amount = Round(Math.Max(0m, (customsValue * r.RatePercent!.Value / 100m) - deduction));
                min = Math.Min(min, amount);
                max = Math.Max(max, amount);
            }

            if (first is null)
            {
                Flag(LandedCostFlags.DutyRateUnknown);
                AddImport(CostKind.Duty, "Duty", CostLineStatus.Unknown, null, null, null, DutyRateUnknownReason);
                return false;
            }

            low += min;
            high += max;
            if (variants > 1 && min != max)
            {
                Flag(LandedCostFlags.VariantUnknown);
                AddImport(CostKind.Duty, "Duty (by seller programme)", CostLineStatus.Range, min, max, first,
                    "the rate depends on a seller status not in the request (e.g. Remessa Conforme membership)");
            }
            else
            {
                AddImport(CostKind.Duty, first.Label, CostLineStatus.Known, min, null, first, first.Note);
            }

            return true;
        }

        private void QuoteTax(
            DestinationRules rules, List<ImportRule> matched, List<ImportRule> taxAmountReliefs, decimal goods, decimal freight,
            decimal customsValue, decimal dutyLow, decimal dutyHigh, bool dutyUnknown, ImportRule? global, bool untestable)
        {
            var profile = rules.Profile;
            ImportRule? relief = null, pos = null, imp = null, none = null;
            foreach (var r in matched)
            {
                switch (r.Kind)
                {
                    case RuleKind.Relief when r.CoversTax: relief ??= r; break;
                    case RuleKind.PointOfSaleTax: pos ??= r; break;
                    case RuleKind.ImportTax: imp ??= r; break;
                    case RuleKind.NoImportTax: none ??= r; break;
                    default: break;
                }
            }

            if (untestable)
            {
                AddUnknown(CostKind.ImportVat, profile.TaxName, $"tax threshold cannot be tested: {FxReason()}");
                return;
            }

            if (relief is not null)
            {
                Use(relief);
                AddImport(CostKind.ImportVat, profile.TaxName, CostLineStatus.Known, 0m, null, relief, relief.Reason);
                return;
            }

            if (none is not null)
            {
                Use(none);
                AddImport(CostKind.ImportVat, "No import VAT/GST", CostLineStatus.Known, 0m, null, none, none.Note);
                return;
            }

            var taxRule = global ?? pos ?? imp;
            if (taxRule is null)
            {
                AddUnknown(CostKind.ImportVat, profile.TaxName, $"no import-tax rule on file for {request.Destination} on {request.OrderDate:uuuu-MM-dd}");
                return;
            }

            Use(taxRule);
            decimal rateLow, rateHigh;
            string? rateNote = null;
            if (taxRule.Kind != RuleKind.GlobalRate && taxRule.RatePercent is { } fixedRate)
            {
                rateLow = rateHigh = fixedRate;
            }
            else if (!TryVatRate(rules, out rateLow, out rateHigh, out rateNote))
            {
                AddImport(CostKind.ImportVat, profile.TaxName, CostLineStatus.Unknown, null, null, taxRule,
                    $"no {profile.TaxName} rate on file for {request.Destination} on {request.OrderDate:uuuu-MM-dd}");
                return;
            }

            var label = TaxLabel(profile.TaxName, rateLow, rateHigh);
            if (global is not null)
            {
                // Whether the Mexican courier global rate already includes IVA is unconfirmed: zero to full IVA.
                Flag(LandedCostFlags.GlobalRateVatInclusionUnconfirmed);
                Flag(LandedCostFlags.UnconfirmedRule);
                AddImport(CostKind.ImportVat, label, CostLineStatus.Range, 0m, Round((customsValue + dutyHigh) * rateHigh / 100m), global,
                    "the courier global rate may already include the tax (unconfirmed)");
                return;
            }

            var vatBase = taxRule.Kind == RuleKind.PointOfSaleTax ? profile.PointOfSaleVatBase : profile.ImportVatBase;
            if (vatBase == VatBase.Unconfirmed || profile.VatBaseSource is null || profile.VatBaseSource.NeedsFlag)
            {
                Flag(LandedCostFlags.VatBaseUnconfirmed);
                Flag(LandedCostFlags.UnconfirmedRule);
            }

            var (baseValue, withDuty) = vatBase switch
            {
                VatBase.Goods => (goods, false),
                VatBase.GoodsPlusFreight => (goods + freight, false),
                VatBase.GoodsPlusFreightPlusDuty => (goods + freight, true),
                _ => (customsValue, true),
            };
            var low = Round((baseValue + (withDuty ? dutyLow : 0m)) * rateLow / 100m);
            var high = Round((baseValue + (withDuty ? dutyHigh : 0m)) * rateHigh / 100m);
            var status = withDuty && dutyUnknown ? CostLineStatus.LowerBound : low == high ? CostLineStatus.Known : CostLineStatus.Range;
            var reason = status switch
            {
                CostLineStatus.LowerBound => "computed on the known part of the base; the unknown duty would add to it",
                CostLineStatus.Range when rateLow != rateHigh => $"region not in the request: {rateNote}",
                CostLineStatus.Range => "the duty in the base is a range",
                _ => taxRule.Note,
            };
            if (status == CostLineStatus.LowerBound)
            {
                Flag(LandedCostFlags.VatOnKnownPartOnly);
            }

            if (rateLow != rateHigh)
            {
                Flag(LandedCostFlags.RegionalTaxRange);
            }

            // Swiss rule: import VAT not collected when the tax amount is <= CHF 5.
            foreach (var r in taxAmountReliefs)
            {
                if (!r.CoversTax || !TryFactor(r.ThresholdCurrency, out var factor))
                {
                    continue;
                }

                if (status != CostLineStatus.LowerBound && r.Band.Contains(high, factor))
                {
                    Use(r);
                    AddImport(CostKind.ImportVat, $"{profile.TaxName} (relieved)", CostLineStatus.Known, 0m, null, r, $"relieved: tax {M(high)} within the limit; {r.Note}");
                    return;
                }

                if (r.Band.Contains(low, factor))
                {
                    Use(r);
                    AddImport(CostKind.ImportVat, label, CostLineStatus.Unknown, null, null, r,
                        "whether the small-amount relief applies depends on the unknown duty");
                    return;
                }
            }

            if (taxRule.Kind == RuleKind.PointOfSaleTax)
            {
                _lines.Add(new CostLine(CostKind.ImportVat, label, status, M(low), status == CostLineStatus.Range ? M(high) : null,
                    Payer.Seller, taxRule.Id, taxRule.Source, status == CostLineStatus.Known ? taxRule.PointOfSaleReason : $"collected by the seller at checkout; {reason}"));
                return;
            }

            AddImport(CostKind.ImportVat, label, status, low, status == CostLineStatus.Range ? high : null, taxRule, reason);
        }

        private void QuoteFees(List<ImportRule> matched)
        {
            foreach (var r in matched)
            {
                if (r.Kind != RuleKind.Fee)
                {
                    continue;
                }

                Use(r);
                if (TryAmount(r.Amount!.Value, out var fee))
                {
                    AddImport(CostKind.Fee, r.Label, CostLineStatus.Known, Round(fee), null, r, r.Note);
                }
                else
                {
                    AddImport(CostKind.Fee, r.Label, CostLineStatus.Unknown, null, null, r, FxReason());
                }
            }
        }

        /// <summary>Distinct 6-digit sub-headings among the lines, and the number of lines without one.</summary>
        private (int Known, int Missing) CountSubheadings()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var missing = 0;
            foreach (var line in request.Lines)
            {
                if (line.Hs?.Subheading is { } s)
                {
                    seen.Add(s);
                }
                else
                {
                    missing++;
                }
            }

            return (seen.Count, missing);
        }

        private bool TryVatRate(DestinationRules rules, out decimal low, out decimal high, out string? note)
        {
            low = decimal.MaxValue;
            high = decimal.MinValue;
            note = null;
            var regions = 0;
            foreach (var rate in rules.Rates)
            {
                if (!rate.Validity.Contains(request.OrderDate))
                {
                    continue;
                }

                regions++;
                low = Math.Min(low, rate.RatePercent);
                high = Math.Max(high, rate.RatePercent);
                if (rate.Source.NeedsFlag)
                {
                    Flag(LandedCostFlags.UnconfirmedRule);
                }
            }

            if (regions == 0)
            {
                return false;
            }

            if (regions > 1 && low != high)
            {
                note = string.Create(CultureInfo.InvariantCulture, $"{regions} regional rates from {low} % to {high} % in {ImportRuleBook.VatRatesFile}");
            }

            return true;
        }

        private void AddImport(CostKind kind, string label, CostLineStatus status, decimal? amount, decimal? high, ImportRule? rule, string? reason)
        {
            var payer = rule?.Payer switch
            {
                PayerRule.Seller => Payer.Seller,
                PayerRule.Buyer => Payer.Buyer,
                _ => request.Incoterm == Incoterm.DDP ? Payer.Seller : Payer.Buyer,
            };
            if (request.DutyAndTaxIncluded)
            {
                status = CostLineStatus.IncludedInFreight;
                high = null;
                reason = "included in the carrier's DDP freight price; not added again";
            }

            _lines.Add(new CostLine(kind, label, status, amount is null ? null : M(amount.Value), high is null ? null : M(high.Value), payer, rule?.Id, rule?.Source, reason));
        }

        private void AddUnknown(CostKind kind, string label, string reason) =>
            AddImport(kind, label, CostLineStatus.Unknown, null, null, null, reason);

        private void Use(ImportRule rule)
        {
            if (rule.Flag is not null)
            {
                Flag(rule.Flag);
            }

            if (rule.Source.NeedsFlag)
            {
                Flag(LandedCostFlags.UnconfirmedRule);
            }
        }

        private void Flag(string flag)
        {
            if (!_flags.Contains(flag))
            {
                _flags.Add(flag);
            }
        }

        private bool TryAmount(Money.Money money, out decimal amount)
        {
            if (money.Currency == _ccy)
            {
                amount = money.Amount;
                return true;
            }

            if (owner._fx.TryConvert(money, _ccy, request.OrderDate, out var converted, out var stale))
            {
                if (stale)
                {
                    Flag(LandedCostFlags.StaleFx);
                }

                amount = converted.Amount;
                return true;
            }

            _missingCurrency ??= money.Currency.Value;
            Flag(LandedCostFlags.FxUnavailable);
            amount = 0;
            return false;
        }

        /// <summary>Units of the quote currency per unit of <paramref name="currency"/> on the order date.</summary>
        private bool TryFactor(CurrencyCode currency, out decimal factor) => TryAmount(new Money.Money(1m, currency), out factor);

        private string FxReason() =>
            $"no FX rate {_missingCurrency}->{_ccy} on or before {request.OrderDate:uuuu-MM-dd}";

        private LandedCostQuote Finish(bool rulesKnown, Money.Money? customsValue) =>
            new(request, rulesKnown, _lines.ToArray(), _flags.ToArray(), customsValue);

        private Money.Money M(decimal amount) => new Money.Money(amount, _ccy).Round();

        private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

        private static string TaxLabel(string taxName, decimal low, decimal high) =>
            TaxLabels.GetOrAdd((taxName, low, high), static k => k.Low == k.High
                ? $"{k.TaxName} {ImportRule.Percent(k.Low)}"
                : $"{k.TaxName} {ImportRule.Percent(k.Low)}-{ImportRule.Percent(k.High)}");
    }
}
