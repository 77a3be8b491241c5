using System.Collections.Frozen;
using Kuajing.Provenance;
using Kuajing.ReferenceData;

namespace Kuajing.Tariffs;

/// <summary>Which tariff lines an <see cref="AdditionalDutyRule"/> covers (the <c>scope</c> column).</summary>
public enum AdditionalDutyScope
{
    /// <summary>Every tariff line of the destination (<c>all</c>).</summary>
    All,

    /// <summary>Lines whose HTS8 is listed under the rule's Chapter 99 heading in <c>us-s301-product-lists.csv</c> (<c>s301-list</c>).</summary>
    Section301List,
}

/// <summary>
/// One dated additional-duty row of <c>data/tariffs/additional-duties.csv</c>: a duty on top of the ordinary tariff for
/// goods of some origins (US Section 301 on goods of China by list, IEEPA duties), in percent of the customs value.
/// Within a <see cref="Group"/>, only the highest rate in force applies to a line (later Section 301 lists replace
/// earlier ones; they do not add up — The Budget Lab at Yale's rule, shared/data/tariffs/us-usitc-hts/SOURCE.md).
/// </summary>
/// <param name="Id">Unique row id, e.g. <c>US-S301-9903.88.03</c>.</param>
/// <param name="Destination">Import country (ISO alpha-2).</param>
/// <param name="Origins">Origin countries covered; empty = every origin.</param>
/// <param name="Validity">In force from (inclusive) until (exclusive).</param>
/// <param name="Scope">Which lines it covers.</param>
/// <param name="Heading">Chapter 99 heading for <see cref="AdditionalDutyScope.Section301List"/>; otherwise <see langword="null"/>.</param>
/// <param name="RatePercent">The additional rate in percent of the customs value; <see langword="null"/> when the sources do not give it (the duty is then reported unknown, never zero).</param>
/// <param name="Group">Rows of one group do not add up: the highest applies.</param>
/// <param name="Label">Cost-line label.</param>
/// <param name="Source">Citation and status.</param>
/// <param name="Note">Remarks (scope limits, missing exclusions).</param>
public sealed record AdditionalDutyRule(
    string Id,
    string Destination,
    IReadOnlyList<string> Origins,
    ValidityPeriod Validity,
    AdditionalDutyScope Scope,
    string? Heading,
    decimal? RatePercent,
    string Group,
    string Label,
    DataSource Source,
    string Note)
{
    /// <summary>Whether the rule covers goods of <paramref name="origin"/>.</summary>
    /// <param name="origin">ISO alpha-2 origin.</param>
    /// <returns>True when covered.</returns>
    public bool CoversOrigin(string origin) => Origins.Count == 0 || Origins.Contains(origin);
}

/// <summary>
/// The additional-duty rows and the US Section 301 product lists (HTS8 → Chapter 99 headings), loaded from
/// <c>data/tariffs/additional-duties.csv</c> and <c>data/tariffs/us-s301-product-lists.csv</c> (The Budget Lab at Yale,
/// MIT, built from HTSUS Chapter 99 U.S. notes 20 and 31). Immutable and thread-safe; the product lists load on first use.
/// </summary>
public sealed class AdditionalDutyBook
{
    private readonly AdditionalDutyRule[] _rules;
    private readonly Lazy<FrozenDictionary<string, string[]>> _s301;

    internal AdditionalDutyBook(AdditionalDutyRule[] rules, Func<FrozenDictionary<string, string[]>> s301)
    {
        _rules = rules;
        _s301 = new Lazy<FrozenDictionary<string, string[]>>(s301, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Every rule row.</summary>
    public IReadOnlyList<AdditionalDutyRule> Rules => _rules;

    /// <summary>Number of distinct HTS8 codes on the Section 301 lists (loads them).</summary>
    public int Section301CodeCount => _s301.Value.Count;

    /// <summary>The Section 301 Chapter 99 headings listing <paramref name="hts8"/> (empty when none).</summary>
    /// <param name="hts8">The 8-digit HTS code, digits only.</param>
    /// <returns>Headings such as <c>9903.88.03</c>.</returns>
    public IReadOnlyList<string> Section301Headings(string hts8) => _s301.Value.GetValueOrDefault(hts8) ?? [];

    /// <summary>
    /// The rules that apply to one tariff line for an origin on a date: per group, the highest-rate rule in force that
    /// covers the line (a rule without a rate wins its group, since its duty is unknown).
    /// </summary>
    /// <param name="line">The tariff line (its schedule's destination selects the rules).</param>
    /// <param name="origin">ISO alpha-2 origin of the goods.</param>
    /// <param name="date">Order date.</param>
    /// <returns>The applicable rules, at most one per group.</returns>
    public IReadOnlyList<AdditionalDutyRule> RulesFor(TariffLine line, string origin, NodaTime.LocalDate date)
    {
        ArgumentNullException.ThrowIfNull(line);
        var result = new List<AdditionalDutyRule>(2);
        Collect(line.Schedule.Destination, line, origin, date, result);
        return result;
    }

    /// <summary>
    /// The rows whose validity starts (<c>valid_from</c>) or ends (<c>valid_until</c>, the first day no longer in force) in the
    /// window (<paramref name="after"/>, <paramref name="through"/>]: the rows that can change a quote between those two dates.
    /// Rows with no <c>valid_from</c> in the file (long-standing) never start in a window.
    /// </summary>
    /// <param name="after">Start of the window, exclusive (e.g. the date a plan was quoted on).</param>
    /// <param name="through">End of the window, inclusive (e.g. the evaluation date).</param>
    /// <returns>The rows in file order; empty when <paramref name="through"/> ≤ <paramref name="after"/>.</returns>
    public IReadOnlyList<AdditionalDutyRule> RowsChanging(NodaTime.LocalDate after, NodaTime.LocalDate through)
    {
        var result = new List<AdditionalDutyRule>();
        foreach (var r in _rules)
        {
            if ((r.Validity.From > after && r.Validity.From <= through) || (r.Validity.Until is { } u && u > after && u <= through))
            {
                result.Add(r);
            }
        }

        return result;
    }

    /// <summary>Whether any rule could apply to the destination, origin and date (a cheap pre-test for quoting).</summary>
    internal bool Any(string destination, string origin, NodaTime.LocalDate date)
    {
        foreach (var r in _rules)
        {
            if (r.Destination == destination && r.Validity.Contains(date) && r.CoversOrigin(origin))
            {
                return true;
            }
        }

        return false;
    }

    internal void Collect(string destination, TariffLine line, string origin, NodaTime.LocalDate date, List<AdditionalDutyRule> into)
    {
        string[]? headings = null;
        var code = line.Code;
        foreach (var r in _rules)
        {
            if (r.Destination != destination || !r.Validity.Contains(date) || !r.CoversOrigin(origin))
            {
                continue;
            }

            if (r.Scope == AdditionalDutyScope.Section301List)
            {
                // Cached on the line (benign race: every thread computes the same array).
                headings ??= line.AdditionalHeadings ??= code.Length >= 8 ? _s301.Value.GetValueOrDefault(code[..8]) ?? [] : [];
                if (Array.IndexOf(headings, r.Heading) < 0)
                {
                    continue;
                }
            }

            var at = into.FindIndex(x => x.Group == r.Group);
            if (at < 0)
            {
                into.Add(r);
            }
            else if (into[at].RatePercent is { } held && (r.RatePercent is null || r.RatePercent > held))
            {
                into[at] = r;
            }
        }
    }

    internal static AdditionalDutyRule[] ReadRules(string path)
    {
        var rules = new List<AdditionalDutyRule>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var csv = CsvInput.Open(path, "id", "destination", "origins", "valid_from", "valid_until", "scope", "heading", "rate_percent", "group", "label", "source", "status", "note");
        while (csv.Read())
        {
            var id = csv.Required("id");
            if (!ids.Add(id))
            {
                throw csv.Error("id", $"'{id}' appears twice; ids must be unique");
            }

            var destination = csv.Required("destination");
            if (destination.Length != 2 || !destination.All(char.IsAsciiLetterUpper))
            {
                throw csv.Error("destination", $"'{destination}' is not an ISO 3166-1 alpha-2 code in upper case");
            }

            var originsText = csv.Required("origins");
            var origins = originsText == "*" ? [] : originsText.Split('|', StringSplitOptions.TrimEntries);
            var scopeText = csv.Required("scope");
            var scope = scopeText switch
            {
                "all" => AdditionalDutyScope.All,
                "s301-list" => AdditionalDutyScope.Section301List,
                _ => throw csv.Error("scope", $"'{scopeText}' is not one of all, s301-list"),
            };
            var heading = csv.Text("heading").Trim();
            if (scope == AdditionalDutyScope.Section301List && heading.Length == 0)
            {
                throw csv.Error("heading", "empty; an s301-list row needs its Chapter 99 heading (e.g. 9903.88.03)");
            }

            var rate = csv.OptionalDecimal("rate_percent");
            if (rate is < 0)
            {
                throw csv.Error("rate_percent", $"{rate} is negative; expected a percentage ≥ 0 or empty (unknown)");
            }

            var from = TariffSchedule.ParseDate(csv, "valid_from") ?? NodaTime.LocalDate.MinIsoValue;
            var until = TariffSchedule.ParseDate(csv, "valid_until");
            if (until is { } u && u <= from)
            {
                throw csv.Error("valid_until", $"{u:uuuu-MM-dd} is not after valid_from {from:uuuu-MM-dd}");
            }

            SourceStatus status;
            try
            {
                status = DataSource.ParseStatus(csv.Required("status"));
            }
            catch (FormatException e)
            {
                throw csv.Error("status", e.Message);
            }

            rules.Add(new AdditionalDutyRule(
                id, destination, origins, new ValidityPeriod(from, until), scope, heading.Length == 0 ? null : heading, rate,
                csv.Required("group"), csv.Required("label"), new DataSource(csv.Required("source"), null, status), csv.Text("note").Trim()));
        }

        return [.. rules];
    }

    internal static FrozenDictionary<string, string[]> ReadSection301Lists(string path)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        using var csv = CsvInput.Open(path, "hts8", "list", "ch99_code");
        while (csv.Read())
        {
            var hts8 = csv.Required("hts8");
            if (hts8.Length != 8 || !hts8.All(char.IsAsciiDigit))
            {
                throw csv.Error("hts8", $"'{hts8}' is not 8 digits (keep leading zeros)");
            }

            var heading = csv.Required("ch99_code");
            if (!map.TryGetValue(hts8, out var list))
            {
                map[hts8] = list = new List<string>(1);
            }

            if (!list.Contains(heading))
            {
                list.Add(heading);
            }
        }

        return map.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }
}
