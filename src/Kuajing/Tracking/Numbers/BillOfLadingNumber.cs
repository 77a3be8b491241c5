using System.Diagnostics.CodeAnalysis;

namespace Kuajing.Tracking.Numbers;

/// <summary>
/// An ocean bill of lading (B/L) number in the form carriers print it: the carrier's 4-letter Standard Carrier Alpha
/// Code (SCAC) followed by the carrier's own reference, e.g. <c>MAEU123456789</c>, <c>MEDUAB123456</c>.
/// </summary>
/// <remarks>
/// <b>No check digit</b>: neither the SCAC scheme nor any public B/L standard defines one, so only the form is
/// validated: 4 letters A–Z (SCAC, NMFTA; ocean carriers use 4-letter codes) then 1 to 16 letters or digits
/// containing at least one digit, at most 20 characters in all (the length limit of DCSA's
/// <c>transportDocumentReference</c>). A wrong digit in the reference cannot be detected. References printed without
/// the SCAC (e.g. DCSA's example "HHL71800000") are rejected: without the carrier they are not unique across carriers,
/// so the caller must prepend the carrier's SCAC. A master B/L may cover many shipments. Immutable.
/// </remarks>
public readonly record struct BillOfLadingNumber
{
    /// <summary>Most characters in a B/L number (SCAC plus reference): 20.</summary>
    public const int MaxLength = 20;

    private BillOfLadingNumber(string value) => Value = value;

    /// <summary>The number without spaces or separators, upper case, e.g. "MAEU123456789" (the lookup key).</summary>
    public string Value { get; }

    /// <summary>The carrier's 4-letter SCAC, e.g. "MAEU".</summary>
    public string Scac => Value[..4];

    /// <summary>The carrier's reference after the SCAC, e.g. "123456789".</summary>
    public string Reference => Value[4..];

    /// <summary>Parses a bill of lading number (form only; there is no check digit).</summary>
    /// <param name="text">SCAC and reference; spaces, hyphens, slashes, dots and lower case are tolerated.</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> does not have the form; the message says what is wrong.</exception>
    public static BillOfLadingNumber Parse(string? text) =>
        TryParse(text, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Tries to parse a bill of lading number (form only) and says why it failed.</summary>
    /// <param name="text">SCAC and reference; spaces, hyphens, slashes, dots and lower case are tolerated.</param>
    /// <param name="result">The number, or <see langword="default"/> on failure.</param>
    /// <param name="error">On failure, what is wrong and what was expected; <see langword="null"/> on success.</param>
    /// <returns>Whether <paramref name="text"/> has the form of a B/L number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out BillOfLadingNumber result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "bill of lading number is empty; expected the carrier's 4-letter SCAC and its reference, like MAEU123456789";
            return false;
        }

        if (!NumberText.OnlyAlphanumericAndSeparators(text, out var bad))
        {
            error = $"bill of lading number '{text}' has '{bad}'; expected letters and digits";
            return false;
        }

        var key = NumberText.Key(text);
        if (key.Length < 5 || !char.IsAsciiLetterUpper(key[0]) || !char.IsAsciiLetterUpper(key[1]) || !char.IsAsciiLetterUpper(key[2]) || !char.IsAsciiLetterUpper(key[3]))
        {
            error = $"bill of lading number '{text}' does not start with a 4-letter SCAC followed by the carrier's reference; prepend the carrier's SCAC (e.g. MAEU, MEDU, COSU)";
            return false;
        }

        if (key.Length > MaxLength)
        {
            error = $"bill of lading number '{text}' has {key.Length} letters and digits; expected at most {MaxLength} (DCSA transportDocumentReference)";
            return false;
        }

        if (!key.AsSpan(4).ContainsAnyInRange('0', '9'))
        {
            error = $"bill of lading number '{text}': reference '{key[4..]}' after the SCAC has no digit; expected the carrier's document number";
            return false;
        }

        result = new BillOfLadingNumber(key);
        error = null;
        return true;
    }

    /// <summary>The number, e.g. "MAEU123456789"; empty for <see langword="default"/>.</summary>
    /// <returns>The number text.</returns>
    public override string ToString() => Value ?? "";
}
