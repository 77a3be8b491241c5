using System.Globalization;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Customs.RetailImport;

/// <summary>How a retail import transaction is taxed (财关税〔2018〕49号 as regulatory-facts.md §4 states it).</summary>
public enum RetailImportTreatment
{
    /// <summary>Inside both limits: tariff 0 %, import VAT and consumption tax at 70 % of the statutory amount; counts towards the annual total.</summary>
    CbecPreferential,

    /// <summary>Dutiable value over the single-transaction limit, the order holds only one item and the annual total is not exceeded: still through the CBEC retail channel, but tariff, VAT and consumption tax in full at general goods rates; counts towards the annual total.</summary>
    CbecFullTax,

    /// <summary>Over the single-transaction limit with more than one item, or the annual total would be exceeded: handled as general trade, full taxes; does not use the annual allowance.</summary>
    GeneralTrade,
}

/// <summary>How much of a tax line is known.</summary>
public enum TaxLineStatus
{
    /// <summary>The amount is known (it may be zero; the rule row says why).</summary>
    Known,

    /// <summary>The amount is a floor: an unknown input (the general tariff) would raise it.</summary>
    LowerBound,

    /// <summary>Not known (no sourced rate); the amount is <see langword="null"/>, never zero.</summary>
    Unknown,
}

/// <summary>A general-goods tariff rate known to the caller (from a tariff schedule), for the full-tax treatments.</summary>
/// <param name="RatePercent">Ad valorem rate in percent, ≥ 0.</param>
/// <param name="Source">The tariff line or rule it came from.</param>
public sealed record GeneralTariff(decimal RatePercent, DataSource Source);

/// <summary>One retail import transaction (one order) to be checked against the limits and taxed.</summary>
/// <param name="TransactionId">The order number (CEB311 <c>orderNo</c>, ≤ 60 characters, unique per platform): the ledger's idempotency key.</param>
/// <param name="Buyer">The buyer's keyed hash.</param>
/// <param name="Date">Transaction date (China local date); its calendar year is the quota year and its rows apply.</param>
/// <param name="DutiableValue">Dutiable value in CNY: actual transaction price = retail price + freight + insurance (regulatory-facts.md §4), ≥ 0.01.</param>
/// <param name="ItemCount">Number of items (pieces) in the order, ≥ 1; 1 makes an over-limit order eligible for <see cref="RetailImportTreatment.CbecFullTax"/>.</param>
/// <param name="TaxCategory">Goods category of <c>cn-import-tax-rates.csv</c> (e.g. <c>general</c>); an unsourced category makes VAT / consumption tax unknown.</param>
/// <param name="GeneralTariff">The general-goods tariff rate, when known; otherwise the tariff of the full-tax treatments is unknown.</param>
public sealed record RetailImportTransaction(
    string TransactionId,
    BuyerKey Buyer,
    LocalDate Date,
    Money.Money DutiableValue,
    int ItemCount,
    string TaxCategory,
    GeneralTariff? GeneralTariff = null);

/// <summary>One tax of an assessment.</summary>
/// <param name="Tax">Which tax: <c>tariff</c>, <c>consumption_tax</c> or <c>vat</c>.</param>
/// <param name="Status">How much is known.</param>
/// <param name="Amount">CNY, rounded to 0.01 (midpoint away from zero; a Kuajing convention, the customs rounding rule is not in regulatory-facts.md); <see langword="null"/> when unknown.</param>
/// <param name="RatePercent">The statutory rate applied, percent; <see langword="null"/> when unknown.</param>
/// <param name="Factor">Share of the statutory amount charged (0.7 inside the limits, 1 otherwise).</param>
/// <param name="Source">Source of the rate; <see langword="null"/> when unknown.</param>
/// <param name="Reason">Why the line is zero, a floor or unknown; <see langword="null"/> for a plain amount.</param>
public sealed record RetailImportTaxLine(string Tax, TaxLineStatus Status, Money.Money? Amount, decimal? RatePercent, decimal Factor, DataSource? Source, string? Reason);

/// <summary>The outcome of checking a transaction against the limits: its treatment, why, and the taxes.</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Treatment">How it is taxed.</param>
/// <param name="Reason">Which limit decided it, with the figures.</param>
/// <param name="Limits">The limits in force on the transaction date.</param>
/// <param name="YearTotalBefore">The buyer's total for the calendar year before this transaction (reserved + committed), CNY.</param>
/// <param name="Lines">Tariff, consumption tax and VAT.</param>
public sealed record RetailImportAssessment(
    RetailImportTransaction Transaction,
    RetailImportTreatment Treatment,
    string Reason,
    RetailImportLimits Limits,
    Money.Money YearTotalBefore,
    IReadOnlyList<RetailImportTaxLine> Lines)
{
    /// <summary>True when the transaction uses the annual allowance (both CBEC treatments).</summary>
    public bool CountsTowardsAnnualLimit => Treatment != RetailImportTreatment.GeneralTrade;

    /// <summary>Total tax when every line is known; otherwise <see langword="null"/> (see <see cref="TaxLowerBound"/>).</summary>
    public Money.Money? TotalTax => Lines.All(l => l.Status == TaxLineStatus.Known) ? TaxLowerBound : null;

    /// <summary>Sum of the known amounts and floors; unknown lines add nothing here, so this is a lower bound unless <see cref="TotalTax"/> is set.</summary>
    public Money.Money TaxLowerBound => Lines.Aggregate(Money.Money.Zero(Transaction.DutiableValue.Currency), (s, l) => l.Amount is { } a ? s + a : s);
}

/// <summary>
/// Classifies a transaction against the limits in force on its date and computes the taxes: within the limits tariff
/// 0 % and consumption tax CT = 0.7 · P·t/(1 − t), VAT = 0.7 · (P + P·t/(1 − t))·v on the dutiable value P (combined
/// 0.7 · (t + v)/(1 − t), regulatory-facts.md §4, D); above them tariff, CT and VAT in full at general goods rates.
/// Stateless and thread-safe; the quota ledger (<see cref="RetailImportQuotaLedger"/>) supplies the year total.
/// </summary>
/// <param name="rules">The dated limits and tax rates.</param>
public sealed class RetailImportTaxCalculator(RetailImportRules rules)
{
    private const string TariffTax = "tariff";
    private const string ConsumptionTaxName = "consumption_tax";
    private const string VatTax = "vat";
    private readonly RetailImportRules _rules = rules ?? throw new ArgumentNullException(nameof(rules));

    /// <summary>The rules used.</summary>
    public RetailImportRules Rules => _rules;

    /// <summary>Decides the treatment: annual total first (year total + P &gt; annual limit → general trade), then P ≤ single-transaction limit → preferential, then one item → CBEC full tax, else general trade. Boundaries are inclusive: exactly RMB 5,000.00 and a year total of exactly RMB 26,000.00 are inside.</summary>
    /// <param name="value">Dutiable value P, CNY.</param>
    /// <param name="itemCount">Items in the order, ≥ 1.</param>
    /// <param name="yearTotalBefore">The buyer's year total before this transaction, CNY.</param>
    /// <param name="limits">Limits in force.</param>
    /// <param name="reason">Which limit decided it.</param>
    /// <returns>The treatment.</returns>
    public static RetailImportTreatment Classify(Money.Money value, int itemCount, Money.Money yearTotalBefore, RetailImportLimits limits, out string reason)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var after = yearTotalBefore + value;
        if (after > limits.Annual)
        {
            reason = Format($"year total {yearTotalBefore} + {value} = {after} would exceed the annual limit {limits.Annual} ({limits.AnnualRow}): general trade");
            return RetailImportTreatment.GeneralTrade;
        }

        if (value <= limits.PerTransaction)
        {
            reason = Format($"{value} <= single-transaction limit {limits.PerTransaction} ({limits.PerTransactionRow}) and year total {after} <= {limits.Annual} ({limits.AnnualRow})");
            return RetailImportTreatment.CbecPreferential;
        }

        if (itemCount == 1)
        {
            reason = Format($"{value} > single-transaction limit {limits.PerTransaction} ({limits.PerTransactionRow}) for a single item, year total {after} <= {limits.Annual}: CBEC channel, full general-goods taxes, counted in the annual total");
            return RetailImportTreatment.CbecFullTax;
        }

        reason = Format($"{value} > single-transaction limit {limits.PerTransaction} ({limits.PerTransactionRow}) with {itemCount} items: general trade");
        return RetailImportTreatment.GeneralTrade;
    }

    /// <summary>Assesses a transaction given the buyer's year total before it.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="yearTotalBefore">Reserved + committed total of the buyer in the transaction's calendar year, CNY, ≥ 0.</param>
    /// <returns>The assessment.</returns>
    /// <exception cref="ArgumentException">When the value is not in CNY or not positive, the item count is &lt; 1, or the transaction id is empty or longer than 60 characters.</exception>
    /// <exception cref="InvalidOperationException">When no limits are in force on the date (before 2016-04-08).</exception>
    public RetailImportAssessment Assess(RetailImportTransaction transaction, Money.Money yearTotalBefore)
    {
        var limits = Validate(transaction);
        var treatment = Classify(transaction.DutiableValue, transaction.ItemCount, yearTotalBefore, limits, out var reason);
        return new RetailImportAssessment(transaction, treatment, reason, limits, yearTotalBefore, Taxes(transaction, treatment, limits));
    }

    /// <summary>Checks a transaction and returns the limits in force on its date.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <returns>The limits.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Assess"/>.</exception>
    /// <exception cref="InvalidOperationException">As for <see cref="Assess"/>.</exception>
    public RetailImportLimits Validate(RetailImportTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (string.IsNullOrWhiteSpace(transaction.TransactionId) || transaction.TransactionId.Length > 60)
        {
            throw new ArgumentException("transaction id (order number): expected 1-60 characters (CEB311 orderNo)", nameof(transaction));
        }

        if (transaction.DutiableValue.Currency.Value != "CNY" || transaction.DutiableValue.Amount <= 0m)
        {
            throw new ArgumentException($"dutiable value: expected a positive CNY amount (declared currency is RMB, regulatory-facts.md s4), found {transaction.DutiableValue}", nameof(transaction));
        }

        if (transaction.DutiableValue.Amount != Math.Round(transaction.DutiableValue.Amount, 2))
        {
            throw new ArgumentException($"dutiable value: expected at most 2 decimals (fen), found {transaction.DutiableValue.Amount}", nameof(transaction));
        }

        if (transaction.ItemCount < 1)
        {
            throw new ArgumentException($"item count: expected >= 1, found {transaction.ItemCount}", nameof(transaction));
        }

        return _rules.TryLimitsOn(transaction.Date, out var limits)
            ? limits
            : throw new InvalidOperationException($"no China CBEC retail import limits in force on {transaction.Date:uuuu-MM-dd} in data/customs/{RetailImportRules.LimitsFile}");
    }

    private List<RetailImportTaxLine> Taxes(RetailImportTransaction t, RetailImportTreatment treatment, RetailImportLimits limits)
    {
        var p = t.DutiableValue.Amount;
        var ccy = t.DutiableValue.Currency;
        var preferential = treatment == RetailImportTreatment.CbecPreferential;
        var factor = preferential ? limits.TaxFactor : 1m;
        var lines = new List<RetailImportTaxLine>(3);

        // Tariff: 0 % inside the limits; in full at the general rate otherwise (known only when the caller gives it).
        decimal? tariff;
        if (preferential)
        {
            tariff = Round(p * limits.TariffPercentInside / 100m);
            lines.Add(new(TariffTax, TaxLineStatus.Known, new Money.Money(tariff.Value, ccy), limits.TariffPercentInside, 1m, limits.TariffSource, $"{limits.TariffRow}: tariff {limits.TariffPercentInside} % within the limits"));
        }
        else if (t.GeneralTariff is { } g)
        {
            tariff = Round(p * g.RatePercent / 100m);
            lines.Add(new(TariffTax, TaxLineStatus.Known, new Money.Money(tariff.Value, ccy), g.RatePercent, 1m, g.Source, null));
        }
        else
        {
            tariff = null;
            lines.Add(new(TariffTax, TaxLineStatus.Unknown, null, null, 1m, null, "general-goods tariff rate not given (it comes from the tariff schedule of the goods' HS code)"));
        }

        var tariffStatutory = preferential ? 0m : tariff ?? 0m;
        var ct = _rules.RateOn(t.TaxCategory, ChinaImportTax.ConsumptionTax, t.Date);
        var vat = _rules.RateOn(t.TaxCategory, ChinaImportTax.Vat, t.Date);

        // Consumption tax on the composite base (P + tariff)/(1 - t).
        decimal? ctStatutory = null;
        if (ct is null)
        {
            lines.Add(new(ConsumptionTaxName, TaxLineStatus.Unknown, null, null, factor, null, $"no sourced consumption-tax rate for category '{t.TaxCategory}' in data/customs/{RetailImportRules.TaxRatesFile}"));
        }
        else
        {
            var rate = ct.RatePercent / 100m;
            ctStatutory = (p + tariffStatutory) * rate / (1m - rate);
            var floor = tariff is null && !preferential && rate > 0m;
            lines.Add(new(ConsumptionTaxName, floor ? TaxLineStatus.LowerBound : TaxLineStatus.Known, new Money.Money(Round(ctStatutory.Value * factor), ccy), ct.RatePercent, factor, ct.Source,
                floor ? "computed without the unknown tariff in its base" : rate == 0m ? "category bears no consumption tax" : null));
        }

        // VAT on (P + tariff + statutory CT).
        if (vat is null)
        {
            lines.Add(new(VatTax, TaxLineStatus.Unknown, null, null, factor, null, $"no sourced VAT rate for category '{t.TaxCategory}' in data/customs/{RetailImportRules.TaxRatesFile}"));
        }
        else
        {
            var baseAmount = p + tariffStatutory + (ctStatutory ?? 0m);
            var floor = ctStatutory is null || (tariff is null && !preferential);
            lines.Add(new(VatTax, floor ? TaxLineStatus.LowerBound : TaxLineStatus.Known, new Money.Money(Round(baseAmount * vat.RatePercent / 100m * factor), ccy), vat.RatePercent, factor, vat.Source,
                floor ? "computed on the known part of its base (tariff or consumption tax unknown)" : null));
        }

        return lines;
    }

    private static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
