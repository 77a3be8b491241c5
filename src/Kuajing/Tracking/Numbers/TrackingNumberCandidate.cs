namespace Kuajing.Tracking.Numbers;

/// <summary>
/// A courier format that a number has the shape of, with the outcome of its checks. Produced by
/// <see cref="TrackingNumberFormat.Match(string)"/> and <see cref="TrackingNumberFormats.Detect(string)"/>.
/// </summary>
/// <param name="Format">The matching format.</param>
/// <param name="Number">The number with whitespace removed and letters upper-cased.</param>
/// <param name="SerialNumber">The <c>SerialNumber</c> group, or <see langword="null"/> when the pattern has none.</param>
/// <param name="CheckDigit">The <c>CheckDigit</c> group (one character), or <see langword="null"/> when the pattern has none.</param>
/// <param name="ChecksumValid">Whether the check digit verifies; <see langword="null"/> when the format has no checksum (pattern-only validation).</param>
/// <param name="Service">The service named by the format's "Service Type" lookup (e.g. "UPS United States Ground", "EMS"), or <see langword="null"/>.</param>
/// <param name="Issuer">For S10 numbers, the issuing postal operator from the "Courier" lookup (e.g. "China Post"); otherwise <see langword="null"/>.</param>
/// <param name="IssuerCountry">For S10 numbers, the issuing country's name from the "Courier" lookup; otherwise <see langword="null"/>.</param>
/// <param name="Failure">Why the number is not valid in this format (check digit or required lookup), or <see langword="null"/> when valid.</param>
public sealed record TrackingNumberCandidate(
    TrackingNumberFormat Format,
    string Number,
    string? SerialNumber,
    string? CheckDigit,
    bool? ChecksumValid,
    string? Service,
    string? Issuer,
    string? IssuerCountry,
    string? Failure)
{
    /// <summary>Whether the number is valid in this format: shape, checksum (if any) and required lookups.</summary>
    public bool IsValid => Failure is null;

    /// <summary>The courier's code, e.g. "ups".</summary>
    public string CourierCode => Format.CourierCode;

    /// <summary>The courier's name, e.g. "UPS".</summary>
    public string CourierName => Format.CourierName;

    /// <summary>The format's name, e.g. "UPS Waybill".</summary>
    public string FormatName => Format.Name;
}

/// <summary>The outcome of <see cref="TrackingNumberFormats.Validate(string)"/>.</summary>
/// <param name="Number">The number with whitespace removed and letters upper-cased (empty for null input).</param>
/// <param name="Candidates">Every format whose pattern matched, valid ones first, in data order within each group.</param>
/// <param name="Reason">Why the number is invalid, or <see langword="null"/> when it is valid.</param>
public sealed record TrackingNumberValidation(string Number, IReadOnlyList<TrackingNumberCandidate> Candidates, string? Reason)
{
    /// <summary>Whether at least one format accepts the number.</summary>
    public bool IsValid => Reason is null;

    /// <summary>The first valid candidate, or <see langword="null"/> when none is valid. Several valid candidates mean the number is ambiguous between couriers (e.g. a 12-digit number fitting FedEx and Purolator).</summary>
    public TrackingNumberCandidate? Best => Reason is null ? Candidates[0] : null;
}
