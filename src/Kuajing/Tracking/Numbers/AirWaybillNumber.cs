using System.Diagnostics.CodeAnalysis;

namespace Kuajing.Tracking.Numbers;

/// <summary>
/// An IATA air waybill (AWB) number: a 3-digit airline prefix (the issuing carrier's IATA accounting code, e.g. 176
/// Emirates, 999 Air China) and an 8-digit serial number whose last digit is the check digit: the first seven serial
/// digits, read as a number, modulo 7. Printed as <c>176-12345675</c>.
/// </summary>
/// <remarks>
/// Source: IATA Resolution 600a (Air Waybill), serial number and check digit (unweighted modulus 7); the same rule is
/// published in the Australian Border Force ICS "Airway bill check digit formula" (v1.1, 2002-06-16). The prefix is
/// checked for form only (three digits): Kuajing bundles no list of airline prefixes. A master air waybill covers a
/// whole consolidation, so one AWB number may link many shipments. Immutable.
/// </remarks>
public readonly record struct AirWaybillNumber
{
    private AirWaybillNumber(string prefix, string serial)
    {
        AirlinePrefix = prefix;
        SerialNumber = serial;
    }

    /// <summary>The 3-digit airline prefix, e.g. "176".</summary>
    public string AirlinePrefix { get; }

    /// <summary>The 8-digit serial number including its check digit, e.g. "12345675".</summary>
    public string SerialNumber { get; }

    /// <summary>The check digit (last serial digit), 0 to 6.</summary>
    public int CheckDigit => SerialNumber[7] - '0';

    /// <summary>The 11 digits without separator, e.g. "17612345675" (the lookup key).</summary>
    public string Digits => AirlinePrefix + SerialNumber;

    /// <summary>Parses an air waybill number.</summary>
    /// <param name="text">11 digits; spaces and a hyphen between groups are ignored ("176-12345675", "176 1234 5675").</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> is not an air waybill number; the message says which check failed.</exception>
    public static AirWaybillNumber Parse(string? text) =>
        TryParse(text, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Tries to parse an air waybill number and says why it failed.</summary>
    /// <param name="text">11 digits; spaces and a hyphen between groups are ignored.</param>
    /// <param name="result">The number, or <see langword="default"/> on failure.</param>
    /// <param name="error">On failure, what is wrong and what was expected; <see langword="null"/> on success.</param>
    /// <returns>Whether <paramref name="text"/> is a valid air waybill number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out AirWaybillNumber result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "air waybill number is empty; expected 11 digits like 176-12345675";
            return false;
        }

        if (!NumberText.OnlyAlphanumericAndSeparators(text, out var bad))
        {
            error = $"air waybill number '{text}' has '{bad}'; expected digits with an optional hyphen after the 3-digit prefix";
            return false;
        }

        var key = NumberText.Key(text);
        if (key.Length != 11 || !key.All(char.IsAsciiDigit))
        {
            error = $"air waybill number '{text}' has {key.Length} letters and digits; expected 11 digits (3-digit airline prefix, 8-digit serial number)";
            return false;
        }

        var expected = CheckDigits.AirWaybillMod7(key.AsSpan(3, 7));
        if (key[10] - '0' != expected)
        {
            error = $"air waybill number '{text}': check digit is {key[10]}, expected {expected} ({key.Substring(3, 7)} mod 7, IATA Resolution 600a)";
            return false;
        }

        result = new AirWaybillNumber(key[..3], key[3..]);
        error = null;
        return true;
    }

    /// <summary>The printed form, e.g. "176-12345675"; empty for <see langword="default"/>.</summary>
    /// <returns>The number text.</returns>
    public override string ToString() => AirlinePrefix is null ? "" : AirlinePrefix + "-" + SerialNumber;
}
