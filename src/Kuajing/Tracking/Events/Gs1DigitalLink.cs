using System.Text;
using System.Text.RegularExpressions;

namespace Kuajing.Tracking.Events;

/// <summary>
/// Turns GS1 identifiers into the constrained canonical GS1 Digital Link URI the EPCIS Event Hash ID uses (CBV 2.0 §8.9,
/// rules 17-18): EPC URIs (<c>urn:epc:id:*</c>), EPC Class URIs (<c>urn:epc:class:lgtin</c>) and EPC ID Pattern URIs
/// (<c>urn:epc:idpat:*</c>) per GS1 EPC Tag Data Standard 2.0 §6-§8 and GS1 Digital Link URI Syntax 1.2 §4.11; Digital Link
/// URIs on any domain become <c>https://id.gs1.org/…</c> without query string, with only the finest identification level.
/// A value that is none of these, or whose Digital Link form would not be valid, gives <see langword="null"/> (the
/// caller keeps the value as written). Behaviour matched against the GS1 reference implementation
/// (github.com/RalphTro/epcis-event-hash-generator, dl_normaliser, MIT licence) and its test vectors.
/// </summary>
internal static partial class Gs1DigitalLink
{
    private const string Root = "https://id.gs1.org/";

    // TDS 2.0 §6.3.1 character set of serials etc. ("GS1 AI encodable character set 82", percent-escaped in URNs).
    private const string Char82 = @"(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])";

    // DL "safe" characters allowed in the final, constrained URI (the reference implementation's validity check).
    private const string DlSafe = @"[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]";

    private static readonly System.Buffers.SearchValues<char> Escaped = System.Buffers.SearchValues.Create("!()*+,:");

    private static readonly string[] KeyOrder = ["00", "01", "253", "255", "401", "402", "414", "417", "8003", "8004", "8006", "8010", "8017", "8018"];

    private static readonly (string Short, string Ai)[] ShortNames =
    [
        ("gtin", "01"), ("itip", "8006"), ("cpid", "8010"), ("gln", "414"), ("party", "417"), ("gsrnp", "8017"), ("gsrn", "8018"),
        ("gcn", "255"), ("sscc", "00"), ("gdti", "253"), ("ginc", "401"), ("gsin", "402"), ("grai", "8003"), ("giai", "8004"),
        ("cpv", "22"), ("lot", "10"), ("ser", "21"),
    ];

    [GeneratedRegex(@"^urn:epc:(id|class|idpat):([a-z]+):(.+)$")]
    private static partial Regex EpcUrn();

    [GeneratedRegex(@"^https?://[^/?#]*(?:[^?#]*)/(01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai)/\d{4}[^/]+")]
    private static partial Regex DigitalLink();

    [GeneratedRegex(@"^https://id\.gs1\.org/(01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)/\d{4}[^/]+")]
    private static partial Regex CanonicalDomain();

    [GeneratedRegex(@"^https://id\.gs1\.org/(?:"
        + @"00/\d{18}"
        + @"|01/\d{14}(?:/21/" + DlSafe + @"{0,20}|/10/" + DlSafe + @"{0,20}|/235/" + DlSafe + @"{0,28})?"
        + @"|253/\d{13}" + DlSafe + @"{0,17}"
        + @"|255/\d{13}\d{0,12}"
        + @"|401/" + DlSafe + @"{0,30}"
        + @"|402/\d{17}"
        + @"|414/\d{13}(?:/254/" + DlSafe + @"{0,20})?"
        + @"|417/\d{13}"
        + @"|8003/\d{14}" + DlSafe + @"{0,16}"
        + @"|8004/" + DlSafe + @"{0,30}"
        + @"|8006/\d{18}(?:/21/" + DlSafe + @"{0,20}|/10/" + DlSafe + @"{0,20})?"
        + @"|8010/[\x23\x2D\x2F\x30-\x39\x41-\x5A]{0,30}(?:/8011/\d{0,12})?"
        + @"|8017/\d{18}"
        + @"|8018/\d{18})$")]
    private static partial Regex ValidConstrained();

    [GeneratedRegex(@"^(\d{6}\.\d{7}|\d{7}\.\d{6}|\d{8}\.\d{5}|\d{9}\.\d{4}|\d{10}\.\d{3}|\d{11}\.\d{2}|\d{12}\.\d)\.(" + Char82 + @"{1,20})$")]
    private static partial Regex Sgtin();

    [GeneratedRegex(@"^(\d{6}\.\d{11}|\d{7}\.\d{10}|\d{8}\.\d{9}|\d{9}\.\d{8}|\d{10}\.\d{7}|\d{11}\.\d{6}|\d{12}\.\d{5})$")]
    private static partial Regex Sscc();

    [GeneratedRegex(@"^(\d{6}\.\d{6}|\d{7}\.\d{5}|\d{8}\.\d{4}|\d{9}\.\d{3}|\d{10}\.\d{2}|\d{11}\.\d|\d{12}\.)\.(" + Char82 + @"{1,20})$")]
    private static partial Regex Sgln();

    [GeneratedRegex(@"^(\d{6}\.\d{6}|\d{7}\.\d{5}|\d{8}\.\d{4}|\d{9}\.\d{3}|\d{10}\.\d{2}|\d{11}\.\d|\d{12}\.)\.(" + Char82 + @"{1,16})$")]
    private static partial Regex Grai();

    [GeneratedRegex(@"^(\d{6,12})\.(" + Char82 + @"{1,24})$")]
    private static partial Regex GcpAndReference();

    [GeneratedRegex(@"^(\d{6}\.\d{11}|\d{7}\.\d{10}|\d{8}\.\d{9}|\d{9}\.\d{8}|\d{10}\.\d{7}|\d{11}\.\d{6}|\d{12}\.\d{5})$")]
    private static partial Regex Gsrn();

    [GeneratedRegex(@"^(\d{6}\.\d{6}|\d{7}\.\d{5}|\d{8}\.\d{4}|\d{9}\.\d{3}|\d{10}\.\d{2}|\d{11}\.\d|\d{12}\.)\.(" + Char82 + @"{1,17})$")]
    private static partial Regex Gdti();

    [GeneratedRegex(@"^(\d{6}\.\d{6}|\d{7}\.\d{5}|\d{8}\.\d{4}|\d{9}\.\d{3}|\d{10}\.\d{2}|\d{11}\.\d|\d{12}\.)\.(\d{1,12})$")]
    private static partial Regex Sgcn();

    [GeneratedRegex(@"^(\d{6}\.\d{10}|\d{7}\.\d{9}|\d{8}\.\d{8}|\d{9}\.\d{7}|\d{10}\.\d{6}|\d{11}\.\d{5}|\d{12}\.\d{4})$")]
    private static partial Regex Gsin();

    [GeneratedRegex(@"^(\d{6}\.\d{6}|\d{7}\.\d{5}|\d{8}\.\d{4}|\d{9}\.\d{3}|\d{10}\.\d{2}|\d{11}\.\d|\d{12}\.)$")]
    private static partial Regex Pgln();

    [GeneratedRegex(@"^(\d{6}\.\d{7}|\d{7}\.\d{6}|\d{8}\.\d{5}|\d{9}\.\d{4}|\d{10}\.\d{3}|\d{11}\.\d{2}|\d{12}\.\d)\.(\d{2})\.(\d{2})\.(" + Char82 + @"{1,20})$")]
    private static partial Regex Itip();

    [GeneratedRegex(@"^(\d{6}\.\d{7}|\d{7}\.\d{6}|\d{8}\.\d{5}|\d{9}\.\d{4}|\d{10}\.\d{3}|\d{11}\.\d{2}|\d{12}\.\d)\.(" + Char82 + @"{1,28})$")]
    private static partial Regex Upui();

    [GeneratedRegex(@"^(\d{6,12})\.((?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-]){1,24})\.(\d{1,12})$")]
    private static partial Regex Cpi();

    [GeneratedRegex(@"^(\d{6}\.\d{7}|\d{7}\.\d{6}|\d{8}\.\d{5}|\d{9}\.\d{4}|\d{10}\.\d{3}|\d{11}\.\d{2}|\d{12}\.\d)\.\*$")]
    private static partial Regex GtinPattern();

    [GeneratedRegex(@"^(\d{6}\.\d{6}|\d{7}\.\d{5}|\d{8}\.\d{4}|\d{9}\.\d{3}|\d{10}\.\d{2}|\d{11}\.\d|\d{12}\.)\.\*$")]
    private static partial Regex TwelveDigitPattern();

    [GeneratedRegex(@"^(\d{6}\.\d{7}|\d{7}\.\d{6}|\d{8}\.\d{5}|\d{9}\.\d{4}|\d{10}\.\d{3}|\d{11}\.\d{2}|\d{12}\.\d)\.(\d{2})\.(\d{2})\.\*$")]
    private static partial Regex ItipPattern();

    [GeneratedRegex(@"^(\d{6,12})\.((?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-]){1,24})\.\*$")]
    private static partial Regex CpiPattern();

    /// <summary>The constrained canonical GS1 Digital Link URI for <paramref name="value"/>, or <see langword="null"/> when it is not a GS1 identifier URI.</summary>
    public static string? Normalise(string value)
    {
        if (value.StartsWith("urn:epc:", StringComparison.Ordinal))
        {
            var m = EpcUrn().Match(value);
            return m.Success ? FromEpcUri(m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value) : null;
        }

        return value.StartsWith("http", StringComparison.Ordinal) && DigitalLink().IsMatch(value) ? Constrain(value) : null;
    }

    private static string? FromEpcUri(string kind, string scheme, string body)
    {
        Match m;
        switch (kind, scheme)
        {
            case ("id", "sgtin") when (m = Sgtin().Match(body)).Success:
                return Root + "01/" + Gtin(m.Groups[1].Value) + "/21/" + Escape(Tail(body, m.Groups[1].Value));
            case ("id", "sscc") when (m = Sscc().Match(body)).Success:
                var (ssccPrefix, serialRef) = Split(body);
                return Root + "00/" + WithCheckDigit(serialRef[..1] + ssccPrefix + serialRef[1..]);
            case ("id", "sgln") when (m = Sgln().Match(body)).Success:
                var gln = WithCheckDigit(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal));
                var extension = m.Groups[2].Value;
                return Root + "414/" + gln + (extension == "0" ? "" : "/254/" + Escape(extension));
            case ("id", "grai") when (m = Grai().Match(body)).Success:
                return Root + "8003/" + WithCheckDigit("0" + m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal)) + Escape(m.Groups[2].Value);
            case ("id", "giai") when (m = GcpAndReference().Match(body)).Success && m.Groups[1].Length + m.Groups[2].Length <= 30:
                return Root + "8004/" + m.Groups[1].Value + Escape(m.Groups[2].Value);
            case ("id", "gsrn") when Gsrn().IsMatch(body):
                return Root + "8018/" + WithCheckDigit(body.Replace(".", "", StringComparison.Ordinal));
            case ("id", "gsrnp") when Gsrn().IsMatch(body):
                return Root + "8017/" + WithCheckDigit(body.Replace(".", "", StringComparison.Ordinal));
            case ("id", "gdti") when (m = Gdti().Match(body)).Success:
                return Root + "253/" + WithCheckDigit(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal)) + Escape(m.Groups[2].Value);
            case ("id", "cpi") when (m = Cpi().Match(body)).Success && m.Groups[1].Length + m.Groups[2].Length <= 30:
                return Root + "8010/" + Escape(m.Groups[1].Value + m.Groups[2].Value) + "/8011/" + m.Groups[3].Value;
            case ("id", "sgcn") when (m = Sgcn().Match(body)).Success:
                return Root + "255/" + WithCheckDigit(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal)) + m.Groups[2].Value;
            case ("id", "ginc") when (m = GcpAndReference().Match(body)).Success && m.Groups[1].Length + m.Groups[2].Length <= 30:
                return Root + "401/" + m.Groups[1].Value + Escape(m.Groups[2].Value);
            case ("id", "gsin") when Gsin().IsMatch(body):
                return Root + "402/" + WithCheckDigit(body.Replace(".", "", StringComparison.Ordinal));
            case ("id", "itip") when (m = Itip().Match(body)).Success:
                return Root + "8006/" + Gtin(m.Groups[1].Value) + m.Groups[2].Value + m.Groups[3].Value + "/21/" + Escape(m.Groups[4].Value);
            case ("id", "upui") when (m = Upui().Match(body)).Success:
                return Root + "01/" + Gtin(m.Groups[1].Value) + "/235/" + Escape(m.Groups[2].Value);
            case ("id", "pgln") when Pgln().IsMatch(body):
                return Root + "417/" + WithCheckDigit(body.Replace(".", "", StringComparison.Ordinal));
            case ("class", "lgtin") when (m = Sgtin().Match(body)).Success:
                return Root + "01/" + Gtin(m.Groups[1].Value) + "/10/" + Escape(m.Groups[2].Value);
            case ("idpat", "sgtin") when (m = GtinPattern().Match(body)).Success:
                return Root + "01/" + Gtin(m.Groups[1].Value);
            case ("idpat", "upui") when (m = GtinPattern().Match(body)).Success:
                return Root + "01/" + Gtin(m.Groups[1].Value);
            case ("idpat", "grai") when (m = TwelveDigitPattern().Match(body)).Success:
                return Root + "8003/" + WithCheckDigit("0" + m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal));
            case ("idpat", "gdti") when (m = TwelveDigitPattern().Match(body)).Success:
                return Root + "253/" + WithCheckDigit(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal));
            case ("idpat", "sgcn") when (m = TwelveDigitPattern().Match(body)).Success:
                return Root + "255/" + WithCheckDigit(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal));
            case ("idpat", "cpi") when (m = CpiPattern().Match(body)).Success:
                return Root + "8010/" + Escape(m.Groups[1].Value + m.Groups[2].Value);
            case ("idpat", "itip") when (m = ItipPattern().Match(body)).Success:
                return Root + "8006/" + Gtin(m.Groups[1].Value) + m.Groups[2].Value + m.Groups[3].Value;
            default:
                return null;
        }
    }

    /// <summary>GTIN-14 from <c>companyPrefix.indicatorAndItemReference</c> (TDS 2.0 §7.1): indicator digit first, then the check digit.</summary>
    private static string Gtin(string prefixDotItem)
    {
        var (prefix, item) = Split(prefixDotItem);
        return WithCheckDigit(item[..1] + prefix + item[1..]);
    }

    private static (string Prefix, string Remainder) Split(string dotted)
    {
        var dot = dotted.IndexOf('.', StringComparison.Ordinal);
        return (dotted[..dot], dotted[(dot + 1)..]);
    }

    private static string Tail(string body, string head) => body[(head.Length + 1)..];

    /// <summary>Appends the GS1 mod-10 check digit (GS1 General Specifications §7.9.1: weights 3,1,3,… from the right).</summary>
    internal static string WithCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? 3 * d : d;
        }

        return digits + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>Percent-encodes the characters GS1 Digital Link 1.2 Table 7-1 requires and EPC URIs leave literal.</summary>
    private static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny(Escaped) < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '!' => "%21",
                '(' => "%28",
                ')' => "%29",
                '*' => "%2A",
                '+' => "%2B",
                ',' => "%2C",
                ':' => "%3A",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string? Constrain(string uri)
    {
        var q = uri.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            uri = uri[..q];
        }

        foreach (var (shortName, ai) in ShortNames)
        {
            uri = uri.Replace("/" + shortName + "/", "/" + ai + "/", StringComparison.Ordinal);
        }

        if (!CanonicalDomain().IsMatch(uri))
        {
            foreach (var key in KeyOrder)
            {
                var at = uri.IndexOf("/" + key + "/", StringComparison.Ordinal);
                if (at >= 0)
                {
                    uri = "https://id.gs1.org" + uri[at..];
                    break;
                }
            }
        }

        var segments = uri[Root.Length..].Split('/');
        if (segments.Length >= 2 && segments[0] == "01" && segments[1].Length is 8 or 12 or 13 && segments[1].All(char.IsAsciiDigit))
        {
            segments[1] = segments[1].PadLeft(14, '0');
        }

        if (segments.Length >= 2 && segments[0] is "01" or "8006")
        {
            // keep the finest level: drop a consumer product variant (22), and a lot (10) when a serial (21) follows.
            var kept = new List<string> { segments[0], segments[1] };
            var pairs = new List<(string Ai, string Value)>();
            for (var i = 2; i + 1 < segments.Length; i += 2)
            {
                pairs.Add((segments[i], segments[i + 1]));
            }

            if ((segments.Length - 2) % 2 != 0)
            {
                return null;
            }

            var hasSerial = pairs.Any(p => p.Ai == "21");
            foreach (var (ai, v) in pairs)
            {
                if (ai == "22" || (ai == "10" && hasSerial))
                {
                    continue;
                }

                kept.Add(ai);
                kept.Add(v);
            }

            segments = [.. kept];
        }

        var result = Root + string.Join('/', segments);
        return ValidConstrained().IsMatch(result) ? result : null;
    }
}
