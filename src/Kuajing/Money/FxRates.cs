using NodaTime;

namespace Kuajing.Money;

/// <summary>
/// One dated exchange rate: how many units of <see cref="Currency"/> buy one US dollar in the month
/// starting <see cref="Month"/> (the FRED H.10/G.5 convention used by <c>data/fx-rates</c>).
/// </summary>
/// <param name="Month">First day of the month the monthly average describes.</param>
/// <param name="Currency">The foreign currency.</param>
/// <param name="UnitsPerUsd">Units of <paramref name="Currency"/> per 1 USD; strictly positive.</param>
public sealed record FxRate(LocalDate Month, CurrencyCode Currency, decimal UnitsPerUsd);

/// <summary>
/// Dated currency conversion through US dollar cross rates. A conversion on a date uses the newest
/// monthly rate at or before that date; a rate older than <see cref="MaxStaleness"/> is still used but
/// reported as stale by <see cref="TryConvert"/>.
/// Source: FRED monthly exchange rates (see <c>data/fx-rates/SOURCE.md</c>). Thread-safe once built.
/// </summary>
public sealed class FxRates
{
    private readonly Dictionary<CurrencyCode, (int[] MonthDays, decimal[] Rates)> _byCurrency;

    /// <summary>Rates older than this many days before the conversion date are flagged as stale.</summary>
    public int MaxStaleness { get; }

    /// <summary>Builds the table from monthly rows.</summary>
    /// <param name="rows">Monthly rates; USD itself needs no row.</param>
    /// <param name="maxStalenessDays">Days after which a rate is stale (default 92, about a quarter).</param>
    /// <exception cref="ArgumentException">When a rate is not strictly positive.</exception>
    public FxRates(IEnumerable<FxRate> rows, int maxStalenessDays = 92)
    {
        ArgumentNullException.ThrowIfNull(rows);
        MaxStaleness = maxStalenessDays;
        _byCurrency = rows
            .Select(r => r.UnitsPerUsd > 0 ? r : throw new ArgumentException($"FX rate for {r.Currency} on {r.Month} must be positive", nameof(rows)))
            .GroupBy(r => r.Currency)
            .ToDictionary(
                g => g.Key,
                g =>
                {
                    var sorted = g.OrderBy(r => r.Month).ToArray();
                    return (sorted.Select(r => DayNumber(r.Month)).ToArray(), sorted.Select(r => r.UnitsPerUsd).ToArray());
                });
    }

    /// <summary>The currencies with at least one rate (USD is always convertible).</summary>
    public IEnumerable<CurrencyCode> Currencies => _byCurrency.Keys.Append(CurrencyCode.Usd);

    /// <summary>Converts <paramref name="money"/> to <paramref name="target"/> at the rate in force on <paramref name="on"/>.</summary>
    /// <param name="money">Amount to convert.</param>
    /// <param name="target">Currency wanted.</param>
    /// <param name="on">Date whose rate applies (usually the order date).</param>
    /// <returns>The converted amount, unrounded.</returns>
    /// <exception cref="KeyNotFoundException">When either currency has no rate at or before <paramref name="on"/>.</exception>
    public Money Convert(Money money, CurrencyCode target, LocalDate on) =>
        TryConvert(money, target, on, out var result, out _)
            ? result
            : throw new KeyNotFoundException($"no FX rate for {money.Currency}->{target} on or before {on}");

    /// <summary>Converts if rates are known, and says whether the newest rate used is stale.</summary>
    /// <param name="money">Amount to convert.</param>
    /// <param name="target">Currency wanted.</param>
    /// <param name="on">Date whose rate applies.</param>
    /// <param name="result">The converted amount, or default when unknown.</param>
    /// <param name="stale">True when a rate used is older than <see cref="MaxStaleness"/> days.</param>
    /// <returns>False when a currency has no rate at or before <paramref name="on"/>.</returns>
    public bool TryConvert(Money money, CurrencyCode target, LocalDate on, out Money result, out bool stale)
    {
        stale = false;
        result = default;
        if (money.Currency == target)
        {
            result = money;
            return true;
        }

        if (!TryRate(money.Currency, on, out var fromRate, out var fromStale) || !TryRate(target, on, out var toRate, out var toStale))
        {
            return false;
        }

        stale = fromStale || toStale;
        result = new Money(money.Amount / fromRate * toRate, target);
        return true;
    }

    private bool TryRate(CurrencyCode currency, LocalDate on, out decimal unitsPerUsd, out bool stale)
    {
        stale = false;
        unitsPerUsd = 1m;
        if (currency == CurrencyCode.Usd)
        {
            return true;
        }

        if (!_byCurrency.TryGetValue(currency, out var series))
        {
            return false;
        }

        // Day numbers (days since 0001-01-01) make the lookup integer-only: this runs for every lane and quote.
        var day = DayNumber(on);
        var i = Array.BinarySearch(series.MonthDays, day);
        if (i < 0)
        {
            i = ~i - 1;
        }

        if (i < 0)
        {
            return false;
        }

        unitsPerUsd = series.Rates[i];
        stale = day - series.MonthDays[i] > MaxStaleness;
        return true;
    }

    private static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;
}
