using System.Globalization;
using Kuajing.Money;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.ReferenceData;

/// <summary>
/// Loads monthly FRED exchange rates (<c>data/reference/fx-rates/monthly.csv</c>, columns
/// <c>Date,Country,Exchange rate</c>; datasets/exchange-rates, ODC-PDDL, from Federal Reserve H.10/G.5) into
/// <see cref="FxRates"/>. The FRED series are named by country; <c>series-currencies.csv</c> maps each series
/// to an ISO 4217 code and states its quote direction (<c>units_per_usd</c> or <c>usd_per_unit</c>), so every
/// rate is normalised to units of the currency per 1 USD. Series with no currency (pre-euro national
/// currencies, Venezuela) are skipped; the euro uses the <c>Euro</c> series only.
/// </summary>
public static class FxTable
{
    /// <summary>File name of the series map, looked for beside the rates file.</summary>
    public const string SeriesMapFileName = "series-currencies.csv";

    /// <summary>Loads rates with the series map found beside <paramref name="monthlyCsv"/>.</summary>
    /// <param name="monthlyCsv">Path of the monthly rates CSV.</param>
    /// <returns>Rates normalised to units per USD.</returns>
    /// <exception cref="ReferenceDataException">When a file or column is missing, a date or rate does not parse, a rate is not positive, or a series is not in the map (message names file, line, field).</exception>
    public static FxRates Load(string monthlyCsv) =>
        Load(monthlyCsv, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(monthlyCsv)) ?? ".", SeriesMapFileName));

    /// <summary>Loads rates with an explicit series map.</summary>
    /// <param name="monthlyCsv">Path of the monthly rates CSV (<c>Date,Country,Exchange rate</c>, date <c>yyyy-MM-dd</c>, first of month).</param>
    /// <param name="seriesMapCsv">Path of the series map (<c>series,currency,quote,status,note</c>).</param>
    /// <returns>Rates normalised to units per USD.</returns>
    /// <exception cref="ReferenceDataException">When a file or column is missing, a date or rate does not parse, a rate is not positive, a quote is not <c>units_per_usd</c>/<c>usd_per_unit</c>, or a series is not in the map.</exception>
    public static FxRates Load(string monthlyCsv, string seriesMapCsv)
    {
        var map = new Dictionary<string, (CurrencyCode? Currency, bool Invert)>(StringComparer.Ordinal);
        using (var csv = CsvInput.Open(seriesMapCsv, "series", "currency", "quote", "status"))
        {
            while (csv.Read())
            {
                var series = csv.Required("series");
                var currencyText = csv.Text("currency").Trim();
                if (currencyText.Length == 0)
                {
                    map[series] = (null, false);
                    continue;
                }

                CurrencyCode currency;
                try
                {
                    currency = new CurrencyCode(currencyText);
                }
                catch (FormatException e)
                {
                    throw csv.Error("currency", e.Message);
                }

                var invert = csv.Text("quote").Trim() switch
                {
                    "units_per_usd" => false,
                    "usd_per_unit" => true,
                    var other => throw csv.Error("quote", $"'{other}' is not units_per_usd or usd_per_unit"),
                };
                map[series] = (currency, invert);
            }
        }

        var pattern = LocalDatePattern.Iso;
        var rows = new List<FxRate>(8192);
        using (var csv = CsvInput.Open(monthlyCsv, "Date", "Country", "Exchange rate"))
        {
            while (csv.Read())
            {
                var series = csv.Required("Country");
                if (!map.TryGetValue(series, out var target))
                {
                    throw csv.Error("Country", $"series '{series}' is not listed in {SeriesMapFileName}; add a row mapping it to an ISO 4217 code or leave its currency empty to skip it");
                }

                if (target.Currency is not { } currency)
                {
                    continue;
                }

                var dateText = csv.Text("Date").Trim();
                var parsed = pattern.Parse(dateText);
                if (!parsed.Success)
                {
                    throw csv.Error("Date", $"'{dateText}' is not a date yyyy-MM-dd");
                }

                var rateText = csv.Text("Exchange rate").Trim();
                if (rateText.Length == 0)
                {
                    continue; // FRED leaves months without a quote blank: unknown, not zero
                }

                if (!decimal.TryParse(rateText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
                {
                    throw csv.Error("Exchange rate", $"'{rateText}' is not a positive decimal");
                }

                rows.Add(new FxRate(parsed.Value, currency, target.Invert ? 1m / rate : rate));
            }
        }

        return new FxRates(rows);
    }
}
