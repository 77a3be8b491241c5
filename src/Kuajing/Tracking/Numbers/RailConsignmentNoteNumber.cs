using System.Diagnostics.CodeAnalysis;

namespace Kuajing.Tracking.Numbers;

/// <summary>The rail law a consignment note is issued under.</summary>
public enum RailConsignmentNoteSystem
{
    /// <summary>CIM (COTIF Appendix B): CIM consignment note, or the CIM part of a CIM/SMGS common consignment note.</summary>
    Cim,

    /// <summary>SMGS (OSJD Agreement on International Goods Transport by Rail): SMGS consignment note, e.g. China–Europe trains to the Belarus/Poland border.</summary>
    Smgs,
}

/// <summary>
/// A rail consignment note number under CIM or SMGS. Immutable.
/// </summary>
/// <remarks>
/// <para><b>CIM</b>: the sending identifier of box 62 of the CIM consignment note (CIT, CIM Consignment Note Manual
/// GLV-CIM): the UIC country code of the forwarding station (2 digits), the station code, the code of the carrier at
/// departure (4-digit RICS code), and the consignment number, whose 6th and last digit is a Luhn check digit over its
/// first five (CIT news article 185, "How is the unique sending identifier in the CIM consignment note established?").
/// Kuajing checks: digits only (separators ignored), 13 to 20 digits, and the Luhn check digit of the last six. The
/// split between station code and carrier code is not checked (the station code's length is not published in the
/// sources above); the country code is checked for form only.</para>
/// <para><b>SMGS</b>: <b>no public check digit</b> — the OSJD SMGS agreement publishes none for the consignment note
/// number — so only the form is checked: 4 to 20 letters or digits (separators ignored) with at least one digit.
/// These bounds are Kuajing's (estimated), not the agreement's; a wrong digit cannot be detected.</para>
/// <para>A rail consignment note may cover a whole train-load of consolidated shipments, so one number may link many
/// shipments.</para>
/// </remarks>
public readonly record struct RailConsignmentNoteNumber
{
    /// <summary>Fewest digits of a CIM sending identifier accepted: 13 (2 country + 1 station + 4 carrier + 6 consignment).</summary>
    public const int CimMinDigits = 13;

    /// <summary>Most digits of a CIM sending identifier accepted: 20 (Kuajing's bound, estimated).</summary>
    public const int CimMaxDigits = 20;

    /// <summary>Fewest characters of an SMGS number accepted: 4 (Kuajing's bound, estimated).</summary>
    public const int SmgsMinLength = 4;

    /// <summary>Most characters of an SMGS number accepted: 20 (Kuajing's bound, estimated).</summary>
    public const int SmgsMaxLength = 20;

    private RailConsignmentNoteNumber(RailConsignmentNoteSystem system, string value)
    {
        System = system;
        Value = value;
    }

    /// <summary>CIM or SMGS.</summary>
    public RailConsignmentNoteSystem System { get; }

    /// <summary>The number without separators, upper case (the lookup key).</summary>
    public string Value { get; }

    /// <summary>Whether the number carries a verified check digit (CIM: yes; SMGS: no).</summary>
    public bool HasCheckDigit => System == RailConsignmentNoteSystem.Cim;

    /// <summary>CIM only: the 2-digit UIC country code of the forwarding station (e.g. "80" Germany); <see langword="null"/> for SMGS.</summary>
    public string? CountryCode => System == RailConsignmentNoteSystem.Cim ? Value[..2] : null;

    /// <summary>CIM only: the 6-digit consignment number including its Luhn check digit; <see langword="null"/> for SMGS.</summary>
    public string? ConsignmentNumber => System == RailConsignmentNoteSystem.Cim ? Value[^6..] : null;

    /// <summary>Parses a CIM or SMGS consignment note number.</summary>
    /// <param name="system">The rail law the note is issued under.</param>
    /// <param name="text">The number; spaces, hyphens, slashes and dots between groups are ignored.</param>
    /// <returns>The number.</returns>
    /// <exception cref="FormatException">When <paramref name="text"/> is not a valid number of <paramref name="system"/>; the message says what is wrong.</exception>
    public static RailConsignmentNoteNumber Parse(RailConsignmentNoteSystem system, string? text) =>
        TryParse(system, text, out var result, out var error) ? result : throw new FormatException(error);

    /// <summary>Tries to parse a CIM or SMGS consignment note number and says why it failed.</summary>
    /// <param name="system">The rail law the note is issued under.</param>
    /// <param name="text">The number; spaces, hyphens, slashes and dots between groups are ignored.</param>
    /// <param name="result">The number, or <see langword="default"/> on failure.</param>
    /// <param name="error">On failure, what is wrong and what was expected; <see langword="null"/> on success.</param>
    /// <returns>Whether <paramref name="text"/> is valid.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="system"/> is not a defined value.</exception>
    public static bool TryParse(RailConsignmentNoteSystem system, [NotNullWhen(true)] string? text, out RailConsignmentNoteNumber result, [NotNullWhen(false)] out string? error)
    {
        if (system is not (RailConsignmentNoteSystem.Cim or RailConsignmentNoteSystem.Smgs))
        {
            throw new ArgumentOutOfRangeException(nameof(system), system, "expected Cim or Smgs");
        }

        result = default;
        var name = system == RailConsignmentNoteSystem.Cim ? "CIM consignment note number" : "SMGS consignment note number";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"{name} is empty";
            return false;
        }

        if (!NumberText.OnlyAlphanumericAndSeparators(text, out var bad))
        {
            error = $"{name} '{text}' has '{bad}'; expected letters and digits";
            return false;
        }

        var key = NumberText.Key(text);
        if (system == RailConsignmentNoteSystem.Cim)
        {
            if (!key.All(char.IsAsciiDigit) || key.Length is < CimMinDigits or > CimMaxDigits)
            {
                error = $"{name} '{text}' is '{key}'; expected {CimMinDigits}–{CimMaxDigits} digits (country code, station code, carrier code, consignment number; GLV-CIM box 62)";
                return false;
            }

            var expected = CheckDigits.Luhn(key.AsSpan(key.Length - 6, 5));
            if (key[^1] - '0' != expected)
            {
                error = $"{name} '{text}': consignment number {key[^6..]} has check digit {key[^1]}, expected {expected} (Luhn over {key.Substring(key.Length - 6, 5)}, CIT)";
                return false;
            }
        }
        else
        {
            if (key.Length is < SmgsMinLength or > SmgsMaxLength || !key.AsSpan().ContainsAnyInRange('0', '9'))
            {
                error = $"{name} '{text}' is '{key}'; expected {SmgsMinLength}–{SmgsMaxLength} letters or digits with at least one digit (form only: SMGS publishes no check digit)";
                return false;
            }
        }

        result = new RailConsignmentNoteNumber(system, key);
        error = null;
        return true;
    }

    /// <summary>The number without separators; empty for <see langword="default"/>.</summary>
    /// <returns>The number text.</returns>
    public override string ToString() => Value ?? "";
}
