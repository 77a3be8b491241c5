using System.Diagnostics.CodeAnalysis;

namespace Kuajing.Tracking.Numbers;

/// <summary>
/// An ISO 6346 container identification number: a 3-letter owner code, a 1-letter equipment category identifier
/// (U freight container, J detachable freight-container-related equipment, Z trailer or chassis), a 6-digit serial
/// number and a check digit, e.g. <c>CSQU3054383</c>.
/// </summary>
/// <remarks>
/// Source: ISO 6346:1995 "Freight containers — Coding, identification and marking", clause 3 and Annex A (check digit,
/// see <see cref="CheckDigits.Iso6346(ReadOnlySpan{char})"/>); DCSA Track &amp; Trace 3.0 <c>equipmentReference</c>
/// (max. 11 characters, ISO 6346 where possible). The owner code is checked for form only: the BIC register of owner
/// codes is not open data. A container carries many shipments (LCL), so one container number may link many shipments.
/// Immutable.
/// </remarks>
public readonly record struct ContainerNumber
{
    private ContainerNumber(string code) => Code = code;

    /// <summary>The 11 characters without spaces, e.g. "CSQU3054383" (the lookup key).</summary>
    public string Code { get; }

    /// <summary>The 3-letter owner code, e.g. "CSQ".</summary>
    public string OwnerCode => Code[..3];

    /// <summary>The equipment category identifier: 'U', 'J' or 'Z'.</summary>
    public char CategoryIdentifier => Code[3];

    /// <summary>The 6-digit serial number, e.g. "305438".</summary>
    public string SerialNumber => Code[4..10];

    /// <summary>The check digit, 0 to 9.</summary>
    public int CheckDigit => Code[10] - '0';

    /// <summary>Parses a container number.</summary>
    /// <param name="text">11 characters; spaces, hyphens and lower case are tolerated ("CSQU 305438 3", "csqu3054383").</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> is not an ISO 6346 container number; the message says which check failed.</exception>
    public static ContainerNumber Parse(string? text) =>
        TryParse(text, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Tries to parse a container number and says why it failed.</summary>
    /// <param name="text">11 characters; spaces, hyphens and lower case are tolerated.</param>
    /// <param name="result">The number, or <see langword="default"/> on failure.</param>
    /// <param name="error">On failure, what is wrong and what was expected; <see langword="null"/> on success.</param>
    /// <returns>Whether <paramref name="text"/> is a valid container number.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out ContainerNumber result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "container number is empty; expected 11 characters like CSQU3054383";
            return false;
        }

        if (!NumberText.OnlyAlphanumericAndSeparators(text, out var bad))
        {
            error = $"container number '{text}' has '{bad}'; expected letters and digits";
            return false;
        }

        var key = NumberText.Key(text);
        if (key.Length != 11)
        {
            error = $"container number '{text}' has {key.Length} letters and digits; expected 11 (owner code, category, 6-digit serial, check digit; ISO 6346)";
            return false;
        }

        if (!char.IsAsciiLetterUpper(key[0]) || !char.IsAsciiLetterUpper(key[1]) || !char.IsAsciiLetterUpper(key[2]))
        {
            error = $"container number '{text}': owner code '{key[..3]}' is not three letters A–Z (ISO 6346)";
            return false;
        }

        if (key[3] is not ('U' or 'J' or 'Z'))
        {
            error = $"container number '{text}': category identifier '{key[3]}' is not U, J or Z (ISO 6346)";
            return false;
        }

        for (var i = 4; i < 11; i++)
        {
            if (!char.IsAsciiDigit(key[i]))
            {
                error = $"container number '{text}': '{key[i]}' at position {i + 1}; expected a 6-digit serial number and a check digit";
                return false;
            }
        }

        var expected = CheckDigits.Iso6346(key.AsSpan(0, 10));
        if (key[10] - '0' != expected)
        {
            error = $"container number '{text}': check digit is {key[10]}, expected {expected} (ISO 6346 Annex A, weights 2^0..2^9, mod 11)";
            return false;
        }

        result = new ContainerNumber(key);
        error = null;
        return true;
    }

    /// <summary>The 11 characters, e.g. "CSQU3054383"; empty for <see langword="default"/>.</summary>
    /// <returns>The number text.</returns>
    public override string ToString() => Code ?? "";
}
