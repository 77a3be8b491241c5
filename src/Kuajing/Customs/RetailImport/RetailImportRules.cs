using Kuajing.Money;
using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Customs.RetailImport;

/// <summary>
/// The limits of China's cross-border e-commerce retail import tax policy (跨境电子商务零售进口税收政策) in force on one
/// date, each figure with the data row it came from (<c>data/customs/cn-retail-import-limits.csv</c>). Current regime:
/// 财关税〔2018〕49号 (notice of 2018-11-29, in force 2019-01-01): RMB 5,000 per transaction, RMB 26,000 per person per
/// year, 0 % tariff and import VAT and consumption tax at 70 % of the statutory amount within the limits
/// (regulatory-facts.md §4). Before it, 财关税〔2016〕18号: RMB 2,000 and RMB 20,000.
/// </summary>
/// <param name="PerTransaction">Single-transaction limit in CNY: a dutiable value up to and including it is inside the limit.</param>
/// <param name="PerTransactionRow">Id of the row behind <paramref name="PerTransaction"/>.</param>
/// <param name="PerTransactionSource">Source of <paramref name="PerTransaction"/>.</param>
/// <param name="Annual">Annual limit per person and calendar year in CNY: a year total up to and including it is inside.</param>
/// <param name="AnnualRow">Id of the row behind <paramref name="Annual"/>.</param>
/// <param name="AnnualSource">Source of <paramref name="Annual"/>.</param>
/// <param name="TaxFactor">Share of the statutory import VAT and consumption tax charged within the limits (0.7), 0–1.</param>
/// <param name="TaxFactorRow">Id of the row behind <paramref name="TaxFactor"/>.</param>
/// <param name="TaxFactorSource">Source of <paramref name="TaxFactor"/>.</param>
/// <param name="TariffPercentInside">Tariff rate within the limits, percent (0).</param>
/// <param name="TariffRow">Id of the row behind <paramref name="TariffPercentInside"/>.</param>
/// <param name="TariffSource">Source of <paramref name="TariffPercentInside"/>.</param>
public sealed record RetailImportLimits(
    Money.Money PerTransaction,
    string PerTransactionRow,
    DataSource PerTransactionSource,
    Money.Money Annual,
    string AnnualRow,
    DataSource AnnualSource,
    decimal TaxFactor,
    string TaxFactorRow,
    DataSource TaxFactorSource,
    decimal TariffPercentInside,
    string TariffRow,
    DataSource TariffSource)
{
    /// <summary>True when any of the four figures has status U or E and must be flagged.</summary>
    public bool NeedsFlag => PerTransactionSource.NeedsFlag || AnnualSource.NeedsFlag || TaxFactorSource.NeedsFlag || TariffSource.NeedsFlag;
}

/// <summary>The import taxes a goods category bears (the <c>tax</c> column of <c>cn-import-tax-rates.csv</c>).</summary>
public enum ChinaImportTax
{
    /// <summary>Import value-added tax (进口环节增值税).</summary>
    Vat,

    /// <summary>Consumption tax (消费税), ad valorem, computed on the composite base P/(1 − t).</summary>
    ConsumptionTax,
}

/// <summary>One statutory China import tax rate for a goods category, from <c>data/customs/cn-import-tax-rates.csv</c>.</summary>
/// <param name="Category">Goods category, lower case (e.g. <c>general</c>).</param>
/// <param name="Tax">Which tax.</param>
/// <param name="RatePercent">Statutory rate in percent, 0 ≤ rate &lt; 100.</param>
/// <param name="Validity">Dates the rate applies (start <see cref="LocalDate.MinIsoValue"/> when the source gives none).</param>
/// <param name="Source">Citation and status (the 13 % VAT is U: regulatory-facts.md §2 gives no source).</param>
/// <param name="Line">Line in the CSV.</param>
public sealed record ChinaImportTaxRate(string Category, ChinaImportTax Tax, decimal RatePercent, ValidityPeriod Validity, DataSource Source, int Line);

/// <summary>
/// The dated rows of China's CBEC retail import policy: limits and the factor (<c>cn-retail-import-limits.csv</c>) and
/// statutory VAT / consumption-tax rates per goods category (<c>cn-import-tax-rates.csv</c>), both under
/// <c>data/customs/</c> (see its SOURCE.md). Immutable and thread-safe once loaded.
/// </summary>
public sealed class RetailImportRules
{
    /// <summary>File name of the limits rows.</summary>
    public const string LimitsFile = "cn-retail-import-limits.csv";

    /// <summary>File name of the tax-rate rows.</summary>
    public const string TaxRatesFile = "cn-import-tax-rates.csv";

    private static readonly CurrencyCode Cny = new("CNY");

    private readonly LimitRow[] _limits;
    private readonly ChinaImportTaxRate[] _rates;

    private RetailImportRules(LimitRow[] limits, ChinaImportTaxRate[] rates)
    {
        _limits = limits;
        _rates = rates;
    }

    /// <summary>Number of limit rows loaded.</summary>
    public int LimitRowCount => _limits.Length;

    /// <summary>Number of tax-rate rows loaded.</summary>
    public int TaxRateCount => _rates.Length;

    /// <summary>Loads both files from <c>DATA/customs/</c>.</summary>
    /// <param name="dataDir">The data folder (see <see cref="DataDirectory.Find"/>).</param>
    /// <returns>The rules.</returns>
    /// <exception cref="ReferenceDataException">When a file is missing or a row is malformed (names file, line and field), or when two rows of one parameter overlap in time.</exception>
    public static RetailImportRules Load(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        var folder = Path.Combine(dataDir, CustomsCsv.Folder);
        return new RetailImportRules(LoadLimits(Path.Combine(folder, LimitsFile)), LoadRates(Path.Combine(folder, TaxRatesFile)));
    }

    /// <summary>Loads from the bundled <c>data/</c> folder.</summary>
    /// <returns>The rules.</returns>
    /// <exception cref="ReferenceDataException">As for <see cref="Load"/>.</exception>
    public static RetailImportRules LoadBundled() => Load(DataDirectory.Find());

    /// <summary>The limits in force on <paramref name="date"/>.</summary>
    /// <param name="date">The transaction date (China local date).</param>
    /// <param name="limits">The limits, when every parameter has a row in force.</param>
    /// <returns>False when a parameter has no row in force (before 2016-04-08): the policy is unknown on that date.</returns>
    public bool TryLimitsOn(LocalDate date, out RetailImportLimits limits)
    {
        LimitRow? txn = null, year = null, factor = null, tariff = null;
        foreach (var row in _limits)
        {
            if (!row.Validity.Contains(date))
            {
                continue;
            }

            switch (row.Parameter)
            {
                case "per_transaction_limit": txn = row; break;
                case "annual_limit": year = row; break;
                case "tax_factor": factor = row; break;
                default: tariff = row; break;
            }
        }

        if (txn is null || year is null || factor is null || tariff is null)
        {
            limits = null!;
            return false;
        }

        limits = new RetailImportLimits(
            new Money.Money(txn.Value, Cny), txn.Id, txn.Source,
            new Money.Money(year.Value, Cny), year.Id, year.Source,
            factor.Value, factor.Id, factor.Source,
            tariff.Value, tariff.Id, tariff.Source);
        return true;
    }

    /// <summary>The statutory rate of <paramref name="tax"/> for <paramref name="category"/> on <paramref name="date"/>.</summary>
    /// <param name="category">Goods category (case-insensitive), e.g. <c>general</c>.</param>
    /// <param name="tax">Which tax.</param>
    /// <param name="date">Transaction date.</param>
    /// <returns>The row, or <see langword="null"/> when none is sourced: the tax is then unknown, never zero.</returns>
    public ChinaImportTaxRate? RateOn(string category, ChinaImportTax tax, LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(category);
        foreach (var rate in _rates)
        {
            if (rate.Tax == tax && rate.Validity.Contains(date) && string.Equals(rate.Category, category, StringComparison.OrdinalIgnoreCase))
            {
                return rate;
            }
        }

        return null;
    }

    private static LimitRow[] LoadLimits(string path)
    {
        var rows = new List<LimitRow>();
        using var csv = CsvInput.Open(path, "id", "parameter", "value", "unit", "valid_from", "valid_until", "status", "source");
        while (csv.Read())
        {
            var parameter = csv.Required("parameter");
            var unit = csv.Required("unit");
            var expectedUnit = parameter switch
            {
                "per_transaction_limit" or "annual_limit" => "CNY",
                "tax_factor" => "ratio",
                "tariff_percent_inside" => "percent",
                _ => throw csv.Error("parameter", $"'{parameter}' is not one of per_transaction_limit, annual_limit, tax_factor, tariff_percent_inside"),
            };
            if (unit != expectedUnit)
            {
                throw csv.Error("unit", $"'{unit}' for {parameter}; expected {expectedUnit}");
            }

            var value = csv.Decimal("value");
            var valid = parameter switch
            {
                "tax_factor" => value is > 0m and <= 1m,
                "tariff_percent_inside" => value is >= 0m and < 100m,
                _ => value > 0m,
            };
            if (!valid)
            {
                throw csv.Error("value", $"{value} is out of range for {parameter} (limits > 0, 0 < factor <= 1, 0 <= tariff < 100)");
            }

            var row = new LimitRow(csv.Required("id"), parameter, value, CustomsCsv.Validity(csv), CustomsCsv.Source(csv), csv.Line);
            foreach (var other in rows)
            {
                if (other.Parameter == parameter && Overlaps(other.Validity, row.Validity))
                {
                    throw csv.Error("valid_from", $"row {row.Id} overlaps row {other.Id} (line {other.Line}) for {parameter}");
                }
            }

            rows.Add(row);
        }

        return rows.ToArray();
    }

    private static ChinaImportTaxRate[] LoadRates(string path)
    {
        var rows = new List<ChinaImportTaxRate>();
        using var csv = CsvInput.Open(path, "category", "tax", "rate_percent", "valid_from", "valid_until", "status", "source");
        while (csv.Read())
        {
            var tax = csv.Required("tax") switch
            {
                "vat" => ChinaImportTax.Vat,
                "consumption_tax" => ChinaImportTax.ConsumptionTax,
                var t => throw csv.Error("tax", $"'{t}' is not vat or consumption_tax"),
            };
            var rate = csv.Decimal("rate_percent");
            if (rate is < 0m or >= 100m)
            {
                throw csv.Error("rate_percent", $"{rate} is out of range; expected 0 <= rate < 100");
            }

            rows.Add(new ChinaImportTaxRate(csv.Required("category").ToLowerInvariant(), tax, rate, CustomsCsv.Validity(csv), CustomsCsv.Source(csv), csv.Line));
        }

        return rows.ToArray();
    }

    private static bool Overlaps(ValidityPeriod a, ValidityPeriod b) =>
        (a.Until is null || b.From < a.Until.Value) && (b.Until is null || a.From < b.Until.Value);

    private sealed record LimitRow(string Id, string Parameter, decimal Value, ValidityPeriod Validity, DataSource Source, int Line);
}
