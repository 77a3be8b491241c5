namespace Kuajing.Tracking;

/// <summary>Why a text is not a valid UPU S10 identifier, in the order the checks run.</summary>
public enum S10ParseError
{
    /// <summary>The text is null, empty or only whitespace.</summary>
    Empty,

    /// <summary>Without whitespace the text is not 13 characters long.</summary>
    WrongLength,

    /// <summary>Characters 1–2 (the service indicator) are not letters A–Z.</summary>
    ServiceIndicatorNotLetters,

    /// <summary>Characters 3–10 (the serial number) are not eight digits 0–9.</summary>
    SerialNumberNotDigits,

    /// <summary>Character 11 (the check digit) is not a digit 0–9.</summary>
    CheckDigitNotDigit,

    /// <summary>Characters 12–13 (the ISO 3166-1 alpha-2 country code) are not letters A–Z.</summary>
    CountryCodeNotLetters,

    /// <summary>The check digit is not the S10 mod-11 check digit of the serial number.</summary>
    CheckDigitMismatch,

    /// <summary>The country code is not in the issuer list the caller supplied (<see cref="S10IssuerRegistry"/>).</summary>
    UnknownIssuerCountry,
}

/// <summary>A rejected S10 identifier: the reason and a message that names the position and what was expected.</summary>
/// <param name="Error">The first check that failed.</param>
/// <param name="Message">Human-readable explanation quoting the input, e.g. "S10 tracking number 'RB123456786US': check digit is 6, expected 5 for serial 12345678".</param>
public sealed record S10ParseFailure(S10ParseError Error, string Message);
