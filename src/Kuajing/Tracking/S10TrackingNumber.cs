using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kuajing.Geography;

namespace Kuajing.Tracking;

/// <summary>
/// A UPU S10 item identifier, Kuajing's one tracking number per shipment that links all its legs:
/// 2-letter service indicator, 8-digit serial number, 1 mod-11 check digit, 2-letter ISO 3166-1 alpha-2
/// country code of the issuer (for Kuajing, the shipment's origin country), e.g. <c>RB123456785GB</c>.
/// </summary>
/// <remarks>
/// Source: UPU standard S10 "Identification of postal items – 13-character identifier" (version 12), as
/// encoded in <c>couriers/s10.json</c> and <c>CHECKSUM_ALGORITHMS.md</c> of <c>jkeen/tracking_number_data</c>
/// (commit b79ce4bf, MIT; copy in <c>shared/data/tracking-numbers</c>). Immutable and thread-safe.
/// <see langword="default"/> is not a valid identifier; its <see cref="ToString()"/> is empty.
/// </remarks>
public readonly struct S10TrackingNumber : IEquatable<S10TrackingNumber>, IComparable<S10TrackingNumber>, ISpanFormattable
{
    /// <summary>Characters in an S10 identifier: 13.</summary>
    public const int Length = 13;

    /// <summary>Largest serial number: 99,999,999 (eight digits).</summary>
    public const int MaxSerialNumber = 99_999_999;

    // S10 check-digit weights for serial digits 1..8, left to right (UPU S10; s10.json "weightings").
    private static ReadOnlySpan<byte> Weights => [8, 6, 4, 2, 3, 5, 9, 7];

    private readonly int _serialNumber;

    /// <summary>Creates an identifier and computes its check digit.</summary>
    /// <param name="serviceIndicator">The service indicator, e.g. <see cref="S10ServiceIndicator.KuajingConsolidated"/>.</param>
    /// <param name="serialNumber">Serial number, 0 to 99,999,999.</param>
    /// <param name="country">ISO 3166-1 alpha-2 code of the issuing (origin) country.</param>
    /// <exception cref="ArgumentException">When <paramref name="serviceIndicator"/> or <paramref name="country"/> is <see langword="default"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="serialNumber"/> is below 0 or above 99,999,999.</exception>
    public S10TrackingNumber(S10ServiceIndicator serviceIndicator, int serialNumber, CountryCode country)
    {
        if (serviceIndicator.First == '\0')
        {
            throw new ArgumentException("service indicator is default (no letters)", nameof(serviceIndicator));
        }

        if (country.Value is null)
        {
            throw new ArgumentException("country code is default (no letters)", nameof(country));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(serialNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serialNumber, MaxSerialNumber);
        ServiceIndicator = serviceIndicator;
        _serialNumber = serialNumber;
        Country = country;
    }

    /// <summary>The two-letter service indicator (characters 1–2).</summary>
    public S10ServiceIndicator ServiceIndicator { get; }

    /// <summary>The serial number (characters 3–10), 0 to 99,999,999.</summary>
    public int SerialNumber => _serialNumber;

    /// <summary>The check digit (character 11), 0 to 9, computed from <see cref="SerialNumber"/> by <see cref="CheckDigit(ReadOnlySpan{char})"/>'s rule.</summary>
    public int CheckDigitValue => CheckDigitOf(_serialNumber);

    /// <summary>The issuing country (characters 12–13); for Kuajing shipments the origin country.</summary>
    public CountryCode Country { get; }

    /// <summary>
    /// The S10 check digit of an eight-digit serial number: weights 8, 6, 4, 2, 3, 5, 9, 7 left to right,
    /// S = Σ digit × weight, C = 11 − (S mod 11), then C = 10 becomes 0 and C = 11 becomes 5 (UPU S10).
    /// </summary>
    /// <param name="serial8">Exactly eight ASCII digits.</param>
    /// <returns>The check digit, 0 to 9.</returns>
    /// <exception cref="ArgumentException">When <paramref name="serial8"/> is not exactly eight ASCII digits.</exception>
    public static int CheckDigit(ReadOnlySpan<char> serial8)
    {
        if (serial8.Length != 8)
        {
            throw new ArgumentException($"S10 serial number must be 8 digits, got {serial8.Length} characters", nameof(serial8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = serial8[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException($"S10 serial number '{serial8}' has '{c}' at position {i + 1}, expected a digit 0–9", nameof(serial8));
            }

            sum += (c - '0') * Weights[i];
        }

        return FromWeightedSum(sum);
    }

    /// <summary>Parses an S10 identifier, checking form and check digit (not the issuer list).</summary>
    /// <param name="text">13 characters; whitespace anywhere is ignored (labels print "RR 123 456 785 CN"), lower-case letters are upper-cased.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> is not a valid S10 identifier; the message names the failed check (see <see cref="S10ParseError"/>).</exception>
    public static S10TrackingNumber Parse(string? text) => Parse(text, null);

    /// <summary>Parses an S10 identifier, checking form, check digit and, when given, that the country is a known issuer.</summary>
    /// <param name="text">13 characters; whitespace anywhere is ignored, lower-case letters are upper-cased.</param>
    /// <param name="issuers">Known issuer countries, or <see langword="null"/> to accept any two letters.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> is not a valid S10 identifier or, with <paramref name="issuers"/>, its country is not listed; the message names the failed check.</exception>
    public static S10TrackingNumber Parse(string? text, S10IssuerRegistry? issuers) =>
        TryParse(text.AsSpan(), issuers, out var result, out var failure)
            ? result
            : throw new FormatException(failure.Message);

    /// <summary>Tries to parse an S10 identifier (form and check digit).</summary>
    /// <param name="text">13 characters; whitespace anywhere is ignored, lower-case letters are upper-cased.</param>
    /// <param name="result">The identifier, or <see langword="default"/> on failure.</param>
    /// <returns>Whether <paramref name="text"/> is a valid S10 identifier.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out S10TrackingNumber result) =>
        TryParse(text.AsSpan(), null, out result, out _);

    /// <summary>Tries to parse an S10 identifier and says why it failed.</summary>
    /// <param name="text">13 characters; whitespace anywhere is ignored, lower-case letters are upper-cased.</param>
    /// <param name="issuers">Known issuer countries, or <see langword="null"/> to accept any two letters.</param>
    /// <param name="result">The identifier, or <see langword="default"/> on failure.</param>
    /// <param name="failure">On failure, the first check that failed and a message; <see langword="null"/> on success.</param>
    /// <returns>Whether <paramref name="text"/> is valid.</returns>
    public static bool TryParse(
        ReadOnlySpan<char> text,
        S10IssuerRegistry? issuers,
        out S10TrackingNumber result,
        [NotNullWhen(false)] out S10ParseFailure? failure)
    {
        result = default;
        Span<char> c = stackalloc char[Length];
        var n = 0;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch))
            {
                continue;
            }

            if (n < Length)
            {
                c[n] = char.IsAsciiLetterLower(ch) ? char.ToUpperInvariant(ch) : ch;
            }

            n++;
        }

        if (n == 0)
        {
            failure = Fail(S10ParseError.Empty, text, "empty; expected 13 characters like RB123456785GB");
            return false;
        }

        if (n != Length)
        {
            failure = Fail(S10ParseError.WrongLength, text, $"{n} characters without whitespace; expected 13 (2 letters, 8 digits, check digit, 2 letters)");
            return false;
        }

        if (!char.IsAsciiLetterUpper(c[0]) || !char.IsAsciiLetterUpper(c[1]))
        {
            failure = Fail(S10ParseError.ServiceIndicatorNotLetters, text, $"service indicator '{c[..2]}' (characters 1–2) is not two letters A–Z");
            return false;
        }

        var serial = 0;
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var d = c[2 + i];
            if (!char.IsAsciiDigit(d))
            {
                failure = Fail(S10ParseError.SerialNumberNotDigits, text, $"serial number '{c[2..10]}' (characters 3–10) has '{d}' at character {3 + i}; expected 8 digits 0–9");
                return false;
            }

            serial = (serial * 10) + (d - '0');
            sum += (d - '0') * Weights[i];
        }

        if (!char.IsAsciiDigit(c[10]))
        {
            failure = Fail(S10ParseError.CheckDigitNotDigit, text, $"check digit '{c[10]}' (character 11) is not a digit 0–9");
            return false;
        }

        if (!char.IsAsciiLetterUpper(c[11]) || !char.IsAsciiLetterUpper(c[12]))
        {
            failure = Fail(S10ParseError.CountryCodeNotLetters, text, $"country code '{c[11..]}' (characters 12–13) is not two letters A–Z (ISO 3166-1 alpha-2)");
            return false;
        }

        var expected = FromWeightedSum(sum);
        if (c[10] - '0' != expected)
        {
            failure = Fail(S10ParseError.CheckDigitMismatch, text, $"check digit is {c[10]}, expected {expected} for serial {c[2..10]} (UPU S10 mod 11, weights 8,6,4,2,3,5,9,7)");
            return false;
        }

        if (issuers is not null && !issuers.Contains(c[11], c[12]))
        {
            failure = Fail(S10ParseError.UnknownIssuerCountry, text, $"country code '{c[11..]}' is not a known S10 issuer country ({issuers.Description})");
            return false;
        }

        result = new S10TrackingNumber(new S10ServiceIndicator(c[0], c[1]), serial, new CountryCode(new string(c[11..])));
        failure = null;
        return true;
    }

    /// <summary>The 13-character identifier without spaces, e.g. "HJ000000425CN"; empty for <see langword="default"/>.</summary>
    /// <returns>The identifier text.</returns>
    public override string ToString()
    {
        if (Country.Value is null)
        {
            return "";
        }

        return string.Create(Length, this, static (span, number) => number.TryFormat(span, out _, default, null));
    }

    /// <summary>Formats the identifier (format and provider are ignored: S10 has one form).</summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    /// <returns>Same as <see cref="ToString()"/>.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes the 13 characters into <paramref name="destination"/> without allocating.</summary>
    /// <param name="destination">Target buffer; needs at least 13 characters.</param>
    /// <param name="charsWritten">13 on success, 0 otherwise.</param>
    /// <param name="format">Ignored.</param>
    /// <param name="provider">Ignored.</param>
    /// <returns>False when <paramref name="destination"/> is shorter than 13 or this is <see langword="default"/>.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
    {
        if (destination.Length < Length || Country.Value is null)
        {
            charsWritten = 0;
            return false;
        }

        destination[0] = ServiceIndicator.First;
        destination[1] = ServiceIndicator.Second;
        _serialNumber.TryFormat(destination.Slice(2, 8), out _, "D8", CultureInfo.InvariantCulture);
        destination[10] = (char)('0' + CheckDigitValue);
        destination[11] = Country.Value[0];
        destination[12] = Country.Value[1];
        charsWritten = Length;
        return true;
    }

    /// <inheritdoc/>
    public bool Equals(S10TrackingNumber other) =>
        ServiceIndicator == other.ServiceIndicator && _serialNumber == other._serialNumber && Country == other.Country;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is S10TrackingNumber other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ServiceIndicator, _serialNumber, Country);

    /// <summary>Orders by the identifier text (ordinal).</summary>
    /// <param name="other">The identifier to compare with.</param>
    /// <returns>Negative, zero or positive as this sorts before, with or after <paramref name="other"/>.</returns>
    public int CompareTo(S10TrackingNumber other)
    {
        // Fixed-width text, so field order equals text order; the check digit follows from the serial.
        var c = ServiceIndicator.First.CompareTo(other.ServiceIndicator.First);
        if (c == 0)
        {
            c = ServiceIndicator.Second.CompareTo(other.ServiceIndicator.Second);
        }

        if (c == 0)
        {
            c = _serialNumber.CompareTo(other._serialNumber);
        }

        return c != 0 ? c : string.CompareOrdinal(Country.Value, other.Country.Value);
    }

    /// <summary>Equality of service indicator, serial number and country.</summary>
    /// <param name="left">First identifier.</param>
    /// <param name="right">Second identifier.</param>
    /// <returns>Whether both are the same identifier.</returns>
    public static bool operator ==(S10TrackingNumber left, S10TrackingNumber right) => left.Equals(right);

    /// <summary>Inequality of service indicator, serial number or country.</summary>
    /// <param name="left">First identifier.</param>
    /// <param name="right">Second identifier.</param>
    /// <returns>Whether the identifiers differ.</returns>
    public static bool operator !=(S10TrackingNumber left, S10TrackingNumber right) => !left.Equals(right);

    /// <summary>Ordinal ordering of the identifier text.</summary>
    /// <param name="left">First identifier.</param>
    /// <param name="right">Second identifier.</param>
    /// <returns>Whether <paramref name="left"/> sorts before <paramref name="right"/>.</returns>
    public static bool operator <(S10TrackingNumber left, S10TrackingNumber right) => left.CompareTo(right) < 0;

    /// <summary>Ordinal ordering of the identifier text.</summary>
    /// <param name="left">First identifier.</param>
    /// <param name="right">Second identifier.</param>
    /// <returns>Whether <paramref name="left"/> sorts before or equals <paramref name="right"/>.</returns>
    public static bool operator <=(S10TrackingNumber left, S10TrackingNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Ordinal ordering of the identifier text.</summary>
    /// <param name="left">First identifier.</param>
    /// <param name="right">Second identifier.</param>
    /// <returns>Whether <paramref name="left"/> sorts after <paramref name="right"/>.</returns>
    public static bool operator >(S10TrackingNumber left, S10TrackingNumber right) => left.CompareTo(right) > 0;

    /// <summary>Ordinal ordering of the identifier text.</summary>
    /// <param name="left">First identifier.</param>
    /// <param name="right">Second identifier.</param>
    /// <returns>Whether <paramref name="left"/> sorts after or equals <paramref name="right"/>.</returns>
    public static bool operator >=(S10TrackingNumber left, S10TrackingNumber right) => left.CompareTo(right) >= 0;

    /// <summary>Check digit of a serial number held as an integer (0..99,999,999, already range-checked).</summary>
    internal static int CheckDigitOf(int serialNumber)
    {
        var sum = 0;
        for (var i = 7; i >= 0; i--)
        {
            sum += (serialNumber % 10) * Weights[i];
            serialNumber /= 10;
        }

        return FromWeightedSum(sum);
    }

    // C = 11 − (S mod 11); 10 → 0, 11 → 5 (UPU S10).
    private static int FromWeightedSum(int sum) => (11 - (sum % 11)) switch
    {
        10 => 0,
        11 => 5,
        var c => c,
    };

    private static S10ParseFailure Fail(S10ParseError error, ReadOnlySpan<char> text, string what) =>
        new(error, $"S10 tracking number '{text}': {what}");
}
