namespace Kuajing.Tracking.Numbers;

/// <summary>The outcome of checking one carrier number of a given kind.</summary>
/// <param name="Kind">The kind it was checked as.</param>
/// <param name="Input">The number as given.</param>
/// <param name="Number">The canonical printed form (e.g. "176-12345675", "CSQU3054383"), or the input when invalid.</param>
/// <param name="Key">The lookup key: upper-case letters and digits only (e.g. "17612345675"); empty when invalid.</param>
/// <param name="Carrier">For last-mile numbers the courier named by the matching format(s) (e.g. "UPS"), for S10 numbers the issuing postal operator; otherwise <see langword="null"/>.</param>
/// <param name="HasCheckDigit">Whether validity includes a verified check digit (false: form only — B/L, SMGS, courier formats without checksum).</param>
/// <param name="Reason">Why the number is invalid; <see langword="null"/> when valid.</param>
public sealed record CarrierNumberCheck(
    CarrierNumberKind Kind,
    string Input,
    string Number,
    string Key,
    string? Carrier,
    bool HasCheckDigit,
    string? Reason)
{
    /// <summary>Whether the number is valid for its kind.</summary>
    public bool IsValid => Reason is null;
}

/// <summary>
/// Validates a carrier number of a given <see cref="CarrierNumberKind"/> by its own rule: IATA AWB mod 7, ISO 6346,
/// B/L form, CIM Luhn / SMGS form, UPU S10 with the issuer list, and the courier formats of
/// <c>data/tracking/couriers</c> for last-mile numbers. Thread-safe; shared by every <see cref="INumberIndex"/>.
/// </summary>
public sealed class CarrierNumberValidator
{
    private readonly TrackingNumberFormats _formats;
    private readonly S10IssuerRegistry _issuers;

    /// <summary>Creates a validator over loaded reference data.</summary>
    /// <param name="formats">Courier formats for last-mile numbers.</param>
    /// <param name="issuers">S10 issuer countries for postal numbers.</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public CarrierNumberValidator(TrackingNumberFormats formats, S10IssuerRegistry issuers)
    {
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentNullException.ThrowIfNull(issuers);
        _formats = formats;
        _issuers = issuers;
    }

    /// <summary>Creates a validator over the bundled <c>data/tracking</c> files.</summary>
    /// <returns>The validator.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="FileNotFoundException">When <c>tracking/s10-issuers.csv</c> is missing.</exception>
    /// <exception cref="InvalidDataException">When a bundled file is malformed; the message names file and field.</exception>
    public static CarrierNumberValidator LoadBundled() =>
        new(TrackingNumberFormats.LoadBundled(), S10IssuerRegistry.LoadBundled());

    /// <summary>The lookup key of any number: its ASCII letters (upper-cased) and digits, without spaces or separators.</summary>
    /// <param name="anyNumber">A number as printed, e.g. "176-1234 5675".</param>
    /// <returns>The key, e.g. "17612345675"; empty when the text has no letter or digit.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="anyNumber"/> is <see langword="null"/>.</exception>
    public static string KeyOf(string anyNumber)
    {
        ArgumentNullException.ThrowIfNull(anyNumber);
        return NumberText.Key(anyNumber);
    }

    /// <summary>Checks a number as the given kind.</summary>
    /// <param name="kind">What the carrier number is.</param>
    /// <param name="carrierNumber">The number as printed or received.</param>
    /// <returns>The check, valid or with the reason it is not.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="kind"/> is not a defined value.</exception>
    public CarrierNumberCheck Check(CarrierNumberKind kind, string? carrierNumber)
    {
        var input = carrierNumber ?? "";
        switch (kind)
        {
            case CarrierNumberKind.AirWaybill:
                return AirWaybillNumber.TryParse(input, out var awb, out var e1)
                    ? Ok(kind, input, awb.ToString(), awb.Digits, null, true)
                    : Bad(kind, input, e1);
            case CarrierNumberKind.BillOfLading:
                return BillOfLadingNumber.TryParse(input, out var bl, out var e2)
                    ? Ok(kind, input, bl.Value, bl.Value, null, false)
                    : Bad(kind, input, e2);
            case CarrierNumberKind.Container:
                return ContainerNumber.TryParse(input, out var box, out var e3)
                    ? Ok(kind, input, box.Code, box.Code, null, true)
                    : Bad(kind, input, e3);
            case CarrierNumberKind.CimConsignmentNote:
            case CarrierNumberKind.SmgsConsignmentNote:
                var system = kind == CarrierNumberKind.CimConsignmentNote ? RailConsignmentNoteSystem.Cim : RailConsignmentNoteSystem.Smgs;
                return RailConsignmentNoteNumber.TryParse(system, input, out var note, out var e4)
                    ? Ok(kind, input, note.Value, note.Value, null, note.HasCheckDigit)
                    : Bad(kind, input, e4);
            case CarrierNumberKind.PostalS10:
                if (!S10TrackingNumber.TryParse(input.AsSpan(), _issuers, out var s10, out var failure))
                {
                    return Bad(kind, input, failure.Message);
                }

                _issuers.TryGet(s10.Country, out var issuer);
                return Ok(kind, input, s10.ToString(), s10.ToString(), issuer?.PostalOperator, true);
            case CarrierNumberKind.LastMile:
                var validation = _formats.Validate(input);
                if (!validation.IsValid)
                {
                    return Bad(kind, input, "last-mile number: " + validation.Reason);
                }

                var valid = validation.Candidates.Where(c => c.IsValid).ToList();
                var carrier = string.Join(" / ", valid.Select(c => c.Issuer ?? c.CourierName).Distinct(StringComparer.Ordinal));
                return Ok(kind, input, validation.Number, NumberText.Key(validation.Number), carrier, valid.Any(c => c.ChecksumValid == true));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a CarrierNumberKind");
        }
    }

    private static CarrierNumberCheck Ok(CarrierNumberKind kind, string input, string number, string key, string? carrier, bool checkDigit) =>
        new(kind, input, number, key, carrier, checkDigit, null);

    private static CarrierNumberCheck Bad(CarrierNumberKind kind, string input, string reason) =>
        new(kind, input, input, "", null, false, reason);
}
