using System.Text.RegularExpressions;
using Kuajing.Provenance;

namespace Kuajing.Tracking.Numbers;

/// <summary>
/// One tracking-number format of one courier (e.g. "UPS" 1Z numbers, "FedEx Express (12)", "S10"), as defined by an
/// entry of <c>tracking_numbers[]</c> in a courier file of <c>data/tracking/couriers</c>: an anchored regular
/// expression with named groups (<c>SerialNumber</c>, <c>CheckDigit</c>, <c>ServiceType</c>, <c>CountryCode</c> …),
/// an optional checksum, optional lookups and the upstream test numbers. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Matching follows the reference implementation (Ruby gem <c>tracking_number</c>, <c>base.rb</c>): whitespace is
/// removed and letters upper-cased, the whole number must match the pattern, the serial number may get a prefix
/// (<c>serial_number_format.prepend_if</c>) before the checksum is computed, and every name listed in
/// <c>validation.additional.exists</c> must find a lookup entry. Source: <c>jkeen/tracking_number_data</c> @
/// b79ce4bf (MIT).
/// </remarks>
public sealed class TrackingNumberFormat
{
    private readonly Regex _pattern;
    private readonly ChecksumRule? _checksum;
    private readonly Regex? _prependIf;
    private readonly string? _prependContent;
    private readonly IReadOnlyList<TrackingNumberLookup> _lookups;
    private readonly IReadOnlyList<string> _requiredLookups;

    internal TrackingNumberFormat(
        string courierName,
        string courierCode,
        string? id,
        string name,
        Regex pattern,
        ChecksumRule? checksum,
        Regex? prependIf,
        string? prependContent,
        IReadOnlyList<TrackingNumberLookup> lookups,
        IReadOnlyList<string> requiredLookups,
        string? trackingUrl,
        IReadOnlyList<string> validTestNumbers,
        IReadOnlyList<string> invalidTestNumbers,
        DataSource source)
    {
        CourierName = courierName;
        CourierCode = courierCode;
        Id = id;
        Name = name;
        _pattern = pattern;
        _checksum = checksum;
        _prependIf = prependIf;
        _prependContent = prependContent;
        _lookups = lookups;
        _requiredLookups = requiredLookups;
        TrackingUrl = trackingUrl;
        ValidTestNumbers = validTestNumbers;
        InvalidTestNumbers = invalidTestNumbers;
        Source = source;
    }

    /// <summary>The courier's name, e.g. "UPS", "S10 International Standard".</summary>
    public string CourierName { get; }

    /// <summary>The courier's code, e.g. "ups", "fedex", "s10".</summary>
    public string CourierCode { get; }

    /// <summary>The format's id, e.g. "fedex_12"; <see langword="null"/> where the data gives none (4 of 39 formats).</summary>
    public string? Id { get; }

    /// <summary>The format's name, e.g. "FedEx Express (12)".</summary>
    public string Name { get; }

    /// <summary>The checksum algorithm's name as in the data (mod10, mod7, s10, luhn, mod_37_36, sum_product_with_weightings_and_modulo), or <see langword="null"/> when the format has no check digit and is validated by pattern only.</summary>
    public string? ChecksumName => _checksum?.Name;

    /// <summary>The courier's tracking page with <c>%s</c> for the number, or <see langword="null"/>.</summary>
    public string? TrackingUrl { get; }

    /// <summary>The upstream <c>test_numbers.valid</c> examples.</summary>
    public IReadOnlyList<string> ValidTestNumbers { get; }

    /// <summary>The upstream <c>test_numbers.invalid</c> examples (may be empty).</summary>
    public IReadOnlyList<string> InvalidTestNumbers { get; }

    /// <summary>Where the definition comes from (courier file and dataset commit).</summary>
    public DataSource Source { get; }

    /// <summary>
    /// Matches a number against this format: pattern, checksum and required lookups.
    /// </summary>
    /// <param name="number">The number as printed; whitespace anywhere is ignored and letters are upper-cased.</param>
    /// <returns><see langword="null"/> when the number does not have this format's shape; otherwise a candidate whose
    /// <see cref="TrackingNumberCandidate.IsValid"/> says whether checksum and lookups pass.</returns>
    /// <exception cref="RegexMatchTimeoutException">When the data's pattern takes longer than 100 ms (a faulty pattern).</exception>
    public TrackingNumberCandidate? Match(string? number) =>
        number is null ? null : MatchNormalized(TrackingNumberFormats.Normalize(number));

    internal TrackingNumberCandidate? MatchNormalized(string normalized)
    {
        var m = _pattern.Match(normalized);
        if (!m.Success)
        {
            return null;
        }

        var serial = Group(m, "SerialNumber");
        var checkDigit = Group(m, "CheckDigit");
        bool? checksumValid = null;
        string? failure = null;
        if (_checksum is not null)
        {
            if (serial is null || checkDigit is null)
            {
                checksumValid = false;
                failure = $"{Name}: the pattern matched but gave no serial number or check digit to verify";
            }
            else
            {
                var sequence = _prependIf is not null && _prependIf.IsMatch(serial) ? _prependContent + serial : serial;
                checksumValid = _checksum.Validates(sequence, checkDigit);
                if (checksumValid == false)
                {
                    failure = $"{Name}: check digit '{checkDigit}' does not verify against serial number {sequence} ({_checksum.Name})";
                }
            }
        }

        string? service = null;
        string? issuer = null;
        string? issuerCountry = null;
        foreach (var lookup in _lookups)
        {
            var value = Group(m, lookup.GroupName);
            var entry = value is null ? null : lookup.Find(value);
            if (entry is null)
            {
                if (failure is null && _requiredLookups.Contains(lookup.Name))
                {
                    failure = $"{Name}: {lookup.GroupName} '{value}' is not in the '{lookup.Name}' list";
                }

                continue;
            }

            if (lookup.Name == "Service Type")
            {
                service = entry.Name;
            }
            else if (lookup.Name == "Courier")
            {
                issuer = entry.Courier;
                issuerCountry = entry.Country;
            }
        }

        foreach (var required in _requiredLookups)
        {
            if (failure is null && !_lookups.Any(l => l.Name == required))
            {
                failure = $"{Name}: required lookup '{required}' is not defined";
            }
        }

        return new TrackingNumberCandidate(this, normalized, serial, checkDigit, checksumValid, service, issuer, issuerCountry, failure);
    }

    /// <summary>The format's name and courier code.</summary>
    /// <returns>For example "UPS (ups)".</returns>
    public override string ToString() => $"{Name} ({CourierCode})";

    private static string? Group(Match m, string name)
    {
        var g = m.Groups[name];
        if (!g.Success)
        {
            return null;
        }

        var v = g.ValueSpan;
        var hasSpace = false;
        foreach (var c in v)
        {
            hasSpace |= char.IsWhiteSpace(c);
        }

        return hasSpace ? string.Concat(g.Value.Where(c => !char.IsWhiteSpace(c))) : g.Value;
    }
}

/// <summary>One lookup table of a format (<c>additional[]</c>): values of a regex group mapped to names.</summary>
internal sealed class TrackingNumberLookup(string name, string groupName, IReadOnlyList<TrackingNumberLookupEntry> entries)
{
    public string Name { get; } = name;

    public string GroupName { get; } = groupName;

    /// <summary>First entry whose <c>matches</c> equals the value or whose <c>matches_regex</c> is found in it (as in the Ruby gem).</summary>
    public TrackingNumberLookupEntry? Find(string value)
    {
        foreach (var e in entries)
        {
            if (e.Matches is not null ? string.Equals(e.Matches, value, StringComparison.Ordinal) : e.MatchesRegex!.IsMatch(value))
            {
                return e;
            }
        }

        return null;
    }
}

/// <summary>One lookup entry: how it matches and what it names.</summary>
internal sealed record TrackingNumberLookupEntry(string? Matches, Regex? MatchesRegex, string? Name, string? Courier, string? Country);
