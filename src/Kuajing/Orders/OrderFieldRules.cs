using System.Globalization;
using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Money;
using Kuajing.ReferenceData;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Orders;

/// <summary>
/// Field checks shared by the generic CSV and JSON order formats (docs/order-format.md). Each returns false with
/// the reason (what was found, what was expected) instead of throwing: bad input is an expected outcome.
/// </summary>
internal sealed class OrderFieldRules
{
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");
    private static readonly LocalDateTimePattern DateTimeMinutesPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private readonly HashSet<CurrencyCode> _fxCurrencies;

    public OrderFieldRules(CountryTable countries, FxRates fx, HsNomenclature hs)
    {
        Countries = countries;
        Hs = hs;
        _fxCurrencies = [.. fx.Currencies];
    }

    public CountryTable Countries { get; }

    public HsNomenclature Hs { get; }

    public static bool TryParseHazards(string text, out GoodsHazards hazards, out string error)
    {
        hazards = GoodsHazards.None;
        error = "";
        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Enum.TryParse<GoodsHazards>(part, ignoreCase: true, out var flag) || !Enum.IsDefined(flag) || int.TryParse(part, out _))
            {
                error = $"'{part}' is not a hazard; expected '|'-separated names from: {string.Join(", ", Enum.GetNames<GoodsHazards>().Where(n => n != nameof(GoodsHazards.None)))}";
                return false;
            }

            hazards |= flag;
        }

        return true;
    }

    public static bool TryPlacedAt(string text, out LocalDateTime value, out string error)
    {
        error = "";
        text = text.Trim();
        var parsed = DateTimePattern.Parse(text);
        if (!parsed.Success)
        {
            parsed = DateTimeMinutesPattern.Parse(text);
        }

        if (parsed.Success)
        {
            value = parsed.Value;
            return true;
        }

        var date = LocalDatePattern.Iso.Parse(text);
        if (date.Success)
        {
            value = date.Value.AtMidnight();
            return true;
        }

        value = default;
        error = $"'{text}' is not a local date-time yyyy-MM-ddTHH:mm[:ss] or a date yyyy-MM-dd";
        return false;
    }

    public bool TryCountry(string text, out CountryCode code, out string error) => Countries.TryResolve(text, out code, out error);

    public bool TryCurrency(string text, out CurrencyCode currency, out string error)
    {
        error = "";
        currency = default;
        text = text.Trim();
        if (text.Length != 3 || !text.All(char.IsAsciiLetterUpper))
        {
            error = $"'{text}' is not an ISO 4217 currency code (three upper-case letters, e.g. EUR)";
            return false;
        }

        currency = new CurrencyCode(text);
        if (!_fxCurrencies.Contains(currency))
        {
            error = $"currency '{text}' has no exchange rate in data/reference/fx-rates (known: {string.Join(", ", _fxCurrencies.Select(c => c.Value).Order(StringComparer.Ordinal))})";
            return false;
        }

        return true;
    }

    public bool TryHsCode(string text, out HsCode? hs, out string error)
    {
        error = "";
        hs = null;
        text = text.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        try
        {
            hs = new HsCode(text);
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }

        if (!Hs.Contains(hs.Value))
        {
            error = $"HS code '{text}' is not in the HS 2022 nomenclature (chapter, heading or 6-digit subheading; 8/10-digit codes are checked on their first 6 digits)";
            hs = null;
            return false;
        }

        return true;
    }

    public static bool TryQuantity(string text, out int quantity, out string error)
    {
        error = "";
        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out quantity))
        {
            error = $"'{text}' is not a whole number of units";
            return false;
        }

        return CheckQuantity(quantity, out error);
    }

    public static bool CheckQuantity(int quantity, out string error)
    {
        error = quantity >= 1 ? "" : $"{quantity} is not a quantity ≥ 1 (returns and adjustments cannot ship)";
        return quantity >= 1;
    }

    public static bool TryNonNegativeDecimal(string text, string what, out decimal value, out string error)
    {
        error = "";
        text = text.Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            error = $"'{text}' is not a decimal {what} ('.' as decimal separator)";
            return false;
        }

        return CheckNonNegative(value, what, out error);
    }

    public static bool CheckNonNegative(decimal value, string what, out string error)
    {
        error = value >= 0m ? "" : $"{value.ToString(CultureInfo.InvariantCulture)} is negative; expected a {what} ≥ 0";
        return value >= 0m;
    }

    public static bool CheckPositive(decimal value, string what, out string error)
    {
        error = value > 0m ? "" : $"{value.ToString(CultureInfo.InvariantCulture)} is not a {what} > 0";
        return value > 0m;
    }
}
