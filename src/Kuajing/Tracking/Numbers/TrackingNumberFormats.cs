using System.Text.Json;
using System.Text.RegularExpressions;
using Kuajing.Provenance;
using Kuajing.ReferenceData;

namespace Kuajing.Tracking.Numbers;

/// <summary>
/// The courier tracking-number formats of <c>data/tracking/couriers/*.json</c> (18 courier files, 39 formats:
/// UPU S10, UPS, FedEx, USPS, DHL, DPD, Amazon, Canada Post, Canpar, Purolator, OnTrac, LaserShip, Old Dominion,
/// Yodel, YunExpress, Landmark, Spee-Dee, GoFo), with carrier detection and check-digit validation. Immutable after
/// loading and thread-safe.
/// </summary>
/// <remarks>
/// Source: <c>jkeen/tracking_number_data</c> @ b79ce4bfc04519ef4bc85bf7c6f321795aadf3d3 (MIT, Copyright (c) 2017
/// Jeff Keen), bundled unchanged; see <c>data/tracking/couriers/SOURCE.md</c>. Detection tries every format
/// (39 anchored regular expressions, interpreted, 100 ms timeout each), so it costs microseconds per number, not
/// nanoseconds: call it when a number arrives, not per event in a hot loop.
/// </remarks>
public sealed class TrackingNumberFormats
{
    /// <summary>Folder of the bundled courier files, relative to <c>data/</c>.</summary>
    public const string BundledFolder = "tracking/couriers";

    private const string Citation = "jkeen/tracking_number_data @ b79ce4bfc04519ef4bc85bf7c6f321795aadf3d3, couriers/";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    private TrackingNumberFormats(IReadOnlyList<TrackingNumberFormat> formats) => Formats = formats;

    /// <summary>All formats, ordered by courier file name, then as listed in the file.</summary>
    public IReadOnlyList<TrackingNumberFormat> Formats { get; }

    /// <summary>Loads the bundled courier files from <c>data/tracking/couriers</c> (found by <see cref="DataDirectory"/>).</summary>
    /// <returns>The formats.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder or its <c>tracking/couriers</c> folder cannot be found.</exception>
    /// <exception cref="InvalidDataException">When a courier file is malformed; the message names the file, the JSON path and what was expected.</exception>
    public static TrackingNumberFormats LoadBundled() => Load(DataDirectory.PathOf(BundledFolder));

    /// <summary>Loads every <c>*.json</c> courier file of a folder.</summary>
    /// <param name="directory">Folder holding courier files in the <c>tracking_number_data</c> layout.</param>
    /// <returns>The formats.</returns>
    /// <exception cref="DirectoryNotFoundException">When <paramref name="directory"/> does not exist or holds no <c>*.json</c> file.</exception>
    /// <exception cref="InvalidDataException">
    /// When a file is not JSON, or a format lacks <c>name</c>, <c>regex</c> (string or array of strings) or
    /// <c>test_numbers.valid</c>, its pattern does not compile or has no <c>SerialNumber</c> group, its checksum is
    /// unknown or lacks parameters, or a lookup is malformed; the message names the file, the JSON path and what was expected.
    /// </exception>
    public static TrackingNumberFormats Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"courier tracking-number folder not found: {directory}");
        }

        var files = Directory.GetFiles(directory, "*.json");
        if (files.Length == 0)
        {
            throw new DirectoryNotFoundException($"courier tracking-number folder {directory} holds no *.json file");
        }

        Array.Sort(files, StringComparer.Ordinal);
        var formats = new List<TrackingNumberFormat>();
        foreach (var file in files)
        {
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(File.ReadAllText(file));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{file}: not valid JSON ({e.Message})", e);
            }

            using (doc)
            {
                ReadCourier(doc.RootElement, file, Path.GetFileName(file), formats);
            }
        }

        return new TrackingNumberFormats(formats);
    }

    /// <summary>
    /// Every format whose pattern the number has, valid candidates first (then in <see cref="Formats"/> order).
    /// </summary>
    /// <param name="number">The number as printed; whitespace is ignored, letters are upper-cased; <see langword="null"/> gives no candidate.</param>
    /// <returns>The candidates; empty when no format has this shape.</returns>
    public IReadOnlyList<TrackingNumberCandidate> Detect(string? number) => DetectNormalized(Normalize(number ?? ""));

    /// <summary>Validates a number against every format: valid when at least one format accepts it.</summary>
    /// <param name="number">The number as printed; whitespace is ignored, letters are upper-cased.</param>
    /// <returns>The validation with its candidates and, when invalid, the reason (no matching shape, or each candidate's failure).</returns>
    public TrackingNumberValidation Validate(string? number)
    {
        var normalized = Normalize(number ?? "");
        if (normalized.Length == 0)
        {
            return new TrackingNumberValidation(normalized, [], "empty tracking number");
        }

        var candidates = DetectNormalized(normalized);
        if (candidates.Count == 0)
        {
            return new TrackingNumberValidation(
                normalized,
                candidates,
                $"'{normalized}' has the shape of none of the {Formats.Count} courier formats in {BundledFolder} (jkeen/tracking_number_data)");
        }

        return candidates[0].IsValid
            ? new TrackingNumberValidation(normalized, candidates, null)
            : new TrackingNumberValidation(normalized, candidates, string.Join("; ", candidates.Select(c => c.Failure)));
    }

    /// <summary>Removes whitespace and upper-cases ASCII letters, as the reference implementation does.</summary>
    internal static string Normalize(string number)
    {
        var clean = true;
        foreach (var c in number)
        {
            if (char.IsWhiteSpace(c) || char.IsAsciiLetterLower(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return number;
        }

        return string.Create(number.Count(c => !char.IsWhiteSpace(c)), number, static (span, s) =>
        {
            var i = 0;
            foreach (var c in s)
            {
                if (!char.IsWhiteSpace(c))
                {
                    span[i++] = char.IsAsciiLetterLower(c) ? char.ToUpperInvariant(c) : c;
                }
            }
        });
    }

    private List<TrackingNumberCandidate> DetectNormalized(string normalized)
    {
        var valid = new List<TrackingNumberCandidate>();
        List<TrackingNumberCandidate>? invalid = null;
        if (normalized.Length == 0)
        {
            return valid;
        }

        foreach (var format in Formats)
        {
            var candidate = format.MatchNormalized(normalized);
            if (candidate is null)
            {
                continue;
            }

            if (candidate.IsValid)
            {
                valid.Add(candidate);
            }
            else
            {
                (invalid ??= []).Add(candidate);
            }
        }

        if (invalid is not null)
        {
            valid.AddRange(invalid);
        }

        return valid;
    }

    private static void ReadCourier(JsonElement root, string file, string fileName, List<TrackingNumberFormat> formats)
    {
        var courierName = RequiredString(root, "name", file, "$");
        var courierCode = RequiredString(root, "courier_code", file, "$");
        if (!root.TryGetProperty("tracking_numbers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{file}: $.tracking_numbers: missing; expected an array of formats");
        }

        var index = 0;
        foreach (var t in list.EnumerateArray())
        {
            var path = $"$.tracking_numbers[{index}]";
            var where = $"{file}: {path}";
            var name = RequiredString(t, "name", file, path);
            var id = t.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            var pattern = ReadPattern(t, where);
            if (Array.IndexOf(pattern.GetGroupNames(), "SerialNumber") < 0)
            {
                throw new InvalidDataException($"{where}.regex: has no (?<SerialNumber>…) group; expected one (glossary.json)");
            }

            ChecksumRule? checksum = null;
            Regex? prependIf = null;
            string? prependContent = null;
            var required = new List<string>();
            if (t.TryGetProperty("validation", out var validation) && validation.ValueKind == JsonValueKind.Object)
            {
                if (validation.TryGetProperty("checksum", out var c) && c.ValueKind == JsonValueKind.Object)
                {
                    checksum = ChecksumRule.Parse(c, $"{where}.validation.checksum");
                }

                if (validation.TryGetProperty("serial_number_format", out var snf)
                    && snf.TryGetProperty("prepend_if", out var prepend))
                {
                    prependIf = Compile(RequiredString(prepend, "matches_regex", file, $"{path}.validation.serial_number_format.prepend_if"), $"{where}.validation.serial_number_format.prepend_if.matches_regex");
                    prependContent = RequiredString(prepend, "content", file, $"{path}.validation.serial_number_format.prepend_if");
                }

                if (validation.TryGetProperty("additional", out var add) && add.TryGetProperty("exists", out var exists) && exists.ValueKind == JsonValueKind.Array)
                {
                    required.AddRange(exists.EnumerateArray().Select(e => e.GetString() ?? throw new InvalidDataException($"{where}.validation.additional.exists: expected strings")));
                }
            }

            var lookups = ReadLookups(t, file, path);
            var tests = t.TryGetProperty("test_numbers", out var tn) ? tn : default;
            var valid = tests.ValueKind == JsonValueKind.Object ? Strings(tests, "valid", where) : [];
            if (valid.Count == 0)
            {
                throw new InvalidDataException($"{where}.test_numbers.valid: missing or empty; expected at least one example number");
            }

            var invalid = tests.TryGetProperty("invalid", out _) ? Strings(tests, "invalid", where) : [];
            var url = t.TryGetProperty("tracking_url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
            formats.Add(new TrackingNumberFormat(
                courierName,
                courierCode,
                id,
                name,
                pattern,
                checksum,
                prependIf,
                prependContent,
                lookups,
                required,
                url,
                valid,
                invalid,
                new DataSource(Citation + fileName + " " + path, null, SourceStatus.Confirmed)));
            index++;
        }
    }

    private static Regex ReadPattern(JsonElement t, string where)
    {
        if (!t.TryGetProperty("regex", out var r))
        {
            throw new InvalidDataException($"{where}.regex: missing; expected a string or an array of strings");
        }

        string text = r.ValueKind switch
        {
            JsonValueKind.String => r.GetString()!,
            JsonValueKind.Array => string.Concat(r.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
                ? e.GetString()
                : throw new InvalidDataException($"{where}.regex: array element '{e}' is not a string"))),
            _ => throw new InvalidDataException($"{where}.regex: {r.ValueKind}; expected a string or an array of strings"),
        };

        // The reference implementation anchors the whole pattern (^…$); a group keeps a top-level alternation anchored too.
        return Compile(@"\A(?:" + text + @")\z", $"{where}.regex");
    }

    private static Regex Compile(string pattern, string where)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{where}: '{pattern}' is not a valid .NET regular expression ({e.Message})", e);
        }
    }

    private static List<TrackingNumberLookup> ReadLookups(JsonElement t, string file, string path)
    {
        var lookups = new List<TrackingNumberLookup>();
        if (!t.TryGetProperty("additional", out var additional) || additional.ValueKind != JsonValueKind.Array)
        {
            return lookups;
        }

        var i = 0;
        foreach (var a in additional.EnumerateArray())
        {
            var apath = $"{path}.additional[{i}]";
            var name = RequiredString(a, "name", file, apath);
            var group = RequiredString(a, "regex_group_name", file, apath);
            if (!a.TryGetProperty("lookup", out var lookup) || lookup.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{file}: {apath}.lookup: missing; expected an array of entries");
            }

            var entries = new List<TrackingNumberLookupEntry>();
            var j = 0;
            foreach (var e in lookup.EnumerateArray())
            {
                var epath = $"{file}: {apath}.lookup[{j}]";
                var matches = OptionalString(e, "matches");
                var matchesRegex = OptionalString(e, "matches_regex");
                if (matches is null && matchesRegex is null)
                {
                    throw new InvalidDataException($"{epath}: has neither 'matches' nor 'matches_regex'; expected one");
                }

                entries.Add(new TrackingNumberLookupEntry(
                    matches,
                    matches is null ? Compile(matchesRegex!, epath + ".matches_regex") : null,
                    OptionalString(e, "name"),
                    OptionalString(e, "courier"),
                    OptionalString(e, "country")));
                j++;
            }

            lookups.Add(new TrackingNumberLookup(name, group, entries));
            i++;
        }

        return lookups;
    }

    private static List<string> Strings(JsonElement obj, string property, string where)
    {
        if (!obj.TryGetProperty(property, out var a) || a.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{where}.test_numbers.{property}: expected an array of strings");
        }

        return [.. a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new InvalidDataException($"{where}.test_numbers.{property}: '{e}' is not a string"))];
    }

    private static string RequiredString(JsonElement obj, string property, string file, string path) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new InvalidDataException($"{file}: {path}.{property}: missing or empty; expected a string");

    private static string? OptionalString(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
