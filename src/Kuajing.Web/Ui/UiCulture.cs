using System.Globalization;
using Kuajing.Web.Ui.Resources;
using Microsoft.Extensions.Localization;

namespace Kuajing.Web.Ui;

/// <summary>
/// The UI's languages and how values are shown in them. The culture comes from the ASP.NET Core culture cookie
/// (<c>.AspNetCore.Culture</c>, set by the language switch), else the browser's <c>Accept-Language</c>, else English;
/// numbers, currencies and dates are formatted with <see cref="CultureInfo.CurrentCulture"/> (CLDR data via ICU).
/// </summary>
public static class UiCulture
{
    /// <summary>English (the default).</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese, mainland China (简体中文).</summary>
    public const string SimplifiedChinese = "zh-CN";

    /// <summary>The supported cultures, default first.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, SimplifiedChinese];

    /// <summary>True when <paramref name="culture"/> is one of <see cref="Supported"/> (ordinal, case-sensitive).</summary>
    /// <param name="culture">A culture name from a request.</param>
    /// <returns>Whether the UI offers it.</returns>
    public static bool IsSupported(string? culture) => culture is not null && Supported.Contains(culture, StringComparer.Ordinal);
}

/// <summary>
/// Formats values for the current request's culture: money with the currency's CLDR symbol for the UI language
/// (resource keys <c>Currency.CNY</c>, <c>Currency.EUR</c>, <c>Currency.GBP</c>, <c>Currency.USD</c>; another currency
/// shows its ISO 4217 code), dates in the culture's patterns, and unknown values as the word "unknown", never 0.
/// One instance per render; reads <see cref="CultureInfo.CurrentCulture"/> when created.
/// </summary>
/// <param name="text">The UI text.</param>
public sealed class UiFormat(IStringLocalizer<UiText> text)
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    /// <summary>The culture values are formatted in.</summary>
    public CultureInfo Culture => _culture;

    /// <summary>An amount of money, two decimals, with the currency's symbol placed as the culture places it.</summary>
    /// <param name="amount">The amount; <see langword="null"/> means unknown.</param>
    /// <param name="currency">ISO 4217 code, e.g. <c>CNY</c>.</param>
    /// <param name="lowerBound">True when the amount excludes an unknown part: shown as "≥ amount".</param>
    /// <returns>The text, e.g. <c>CN¥1,234.56</c> (en) or <c>¥1,234.56</c> (zh-CN).</returns>
    public string Money(decimal? amount, string currency, bool lowerBound = false)
    {
        if (amount is not { } value)
        {
            return Unknown;
        }

        var symbol = text["Currency." + currency];
        var format = (NumberFormatInfo)_culture.NumberFormat.Clone();
        format.CurrencySymbol = symbol.ResourceNotFound ? currency + " " : symbol.Value;
        var shown = value.ToString("C2", format);
        return lowerBound ? "≥ " + shown : shown;
    }

    /// <summary>A number with a fixed count of decimals in the culture's digits and separators.</summary>
    /// <param name="value">The number.</param>
    /// <param name="decimals">Decimals shown, 0–6.</param>
    /// <returns>The text.</returns>
    public string Number(decimal value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), _culture);

    /// <summary>A number with a fixed count of decimals in the culture's digits and separators.</summary>
    /// <param name="value">The number.</param>
    /// <param name="decimals">Decimals shown, 0–6.</param>
    /// <returns>The text.</returns>
    public string Number(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), _culture);

    /// <summary>A count in the culture's digits and group separators.</summary>
    /// <param name="value">The count.</param>
    /// <returns>The text.</returns>
    public string Count(int value) => value.ToString("N0", _culture);

    /// <summary>A share as a percentage (culture's percent pattern, one decimal).</summary>
    /// <param name="share">0–1; <see langword="null"/> means unknown.</param>
    /// <returns>The text, or <see cref="Unknown"/>.</returns>
    public string Percent(double? share) => share is { } s ? s.ToString("P1", _culture) : Unknown;

    /// <summary>A date and time as it was locally (short date + short time of the culture, then the UTC offset).</summary>
    /// <param name="utc">The instant (UTC).</param>
    /// <param name="offsetMinutes">The local offset in minutes, −1080 to 1080.</param>
    /// <returns>E.g. <c>1/5/2026 2:30 PM UTC+08:00</c> (en) or <c>2026/1/5 14:30 UTC+08:00</c> (zh-CN).</returns>
    public string DateTime(DateTime utc, int offsetMinutes)
    {
        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var local = new DateTimeOffset(System.DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(offset);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return local.ToString("g", _culture) + " UTC" + sign + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>A date and time in UTC, short patterns of the culture.</summary>
    /// <param name="utc">The instant (UTC).</param>
    /// <returns>E.g. <c>1/5/2026 2:30 PM UTC</c>.</returns>
    public string DateTimeUtc(DateTime utc) => DateTime(utc, 0).Replace("UTC+00:00", "UTC", StringComparison.Ordinal);

    /// <summary>A date in the culture's long pattern.</summary>
    /// <param name="utc">The instant (UTC); the date is taken in UTC.</param>
    /// <returns>E.g. <c>Monday, January 5, 2026</c> (en) or <c>2026年1月5日星期一</c> (zh-CN).</returns>
    public string LongDate(DateTime utc) => System.DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("D", _culture);

    /// <summary>A term of a closed list (milestone, mode, order status) in the UI language; the value itself when the list has no text for it.</summary>
    /// <param name="list">Resource key prefix: <c>Milestone</c>, <c>Mode</c> or <c>Status</c>.</param>
    /// <param name="value">The value, e.g. <c>Departed</c>.</param>
    /// <returns>The text.</returns>
    public string Term(string list, string value)
    {
        var found = text[list + "." + value];
        return found.ResourceNotFound ? value : found.Value;
    }

    /// <summary>The word for an unknown value in the UI language.</summary>
    public string Unknown => text["Value.Unknown"];
}
