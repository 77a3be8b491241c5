using System.Collections.Frozen;
using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Tariffs;

/// <summary>
/// One national import tariff schedule (MFN / general column): its destination (ISO country or <c>EU</c>), currency,
/// as-of date, validity, source, and its lines keyed by national code and by HS six-digit subheading. Rows come from
/// <c>data/tariffs/</c> (see <c>data/tariffs/SOURCE.md</c>, catalogue <c>schedules.csv</c>). Immutable, thread-safe.
/// </summary>
public sealed class TariffSchedule
{
    private TariffLine[] _lines = [];
    private FrozenDictionary<string, TariffLine> _byCode = FrozenDictionary<string, TariffLine>.Empty;
    private FrozenDictionary<string, TariffLineGroup> _bySubheading = FrozenDictionary<string, TariffLineGroup>.Empty;

    internal TariffSchedule(string id, string destination, Money.CurrencyCode currency, LocalDate asOf, ValidityPeriod validity, DataSource source, TariffDialect dialect)
    {
        Id = id;
        Destination = destination;
        Currency = currency;
        AsOf = asOf;
        Validity = validity;
        Source = source;
        Dialect = dialect;
        Report = new TariffLoadReport(id, 0, 0, []);
        StaleNote = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"; stale tariff: {id} as of {asOf:uuuu-MM-dd}, in force until {validity.Until:uuuu-MM-dd}, is older than the order date");
        PostdatesNote = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"; tariff {id} as of {asOf:uuuu-MM-dd} (in force from {validity.From:uuuu-MM-dd}) is later than the order date; an earlier revision is not loaded");
    }

    /// <summary>Reason of the unknown duty line when no customs line has a six-digit HS code (built once).</summary>
    internal string NoHsReason => _noHsReason ??= $"ordinary tariff rate unknown: the customs lines have no six-digit HS code, so no line of {Id} can be found; no relief applies; duty unknown, not zero";

    private string? _noHsReason;

    /// <summary>Reason suffix for quotes on orders dated after <see cref="Validity"/> (flag <c>stale-tariff</c>).</summary>
    internal string StaleNote { get; }

    /// <summary>Reason suffix for quotes on orders dated before <see cref="Validity"/> starts (flag <c>tariff-schedule-postdates-order</c>).</summary>
    internal string PostdatesNote { get; }

    /// <summary>Schedule id, e.g. <c>US-HTS-2026-R10</c>, <c>GB-UKGT-2021</c>, <c>EU-CET-2020</c>, <c>JP-2026-07-09</c>.</summary>
    public string Id { get; }

    /// <summary>Destination the schedule applies to: ISO 3166-1 alpha-2, or <c>EU</c> for the EU customs union.</summary>
    public string Destination { get; }

    /// <summary>Currency of specific duties (USD, GBP, EUR, JPY, AUD).</summary>
    public Money.CurrencyCode Currency { get; }

    /// <summary>The date the schedule describes (revision or publication date).</summary>
    public LocalDate AsOf { get; }

    /// <summary>When the schedule was in force; orders outside it are quoted with it but flagged (stale or earlier than the schedule).</summary>
    public ValidityPeriod Validity { get; }

    /// <summary>Citation and status of the schedule.</summary>
    public DataSource Source { get; }

    /// <summary>How the schedule writes duty expressions.</summary>
    public TariffDialect Dialect { get; }

    /// <summary>Rows read, parsed and unparsed by pattern.</summary>
    public TariffLoadReport Report { get; private set; }

    /// <summary>Every line, sorted by code.</summary>
    public IReadOnlyList<TariffLine> Lines => _lines;

    /// <summary>The line with exactly this national code.</summary>
    /// <param name="code">Digits only.</param>
    /// <param name="line">The line when found.</param>
    /// <returns>True when found.</returns>
    public bool TryGetLine(string code, out TariffLine line) => _byCode.TryGetValue(code, out line!);

    /// <summary>
    /// The lines an order's code points to: the line with the code itself, else the line of its longest prefix (a 10-digit
    /// code under an 8-digit line), else every line under it (an HS six-digit code, or a national code above the
    /// declarable level). Empty when the code is not in the schedule.
    /// </summary>
    /// <param name="code">HS six-digit or national code, digits only (6–10 digits).</param>
    /// <returns>The candidate lines, sorted by code; one when the code identifies a line.</returns>
    public IReadOnlyList<TariffLine> Find(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return FindGroup(code)?.Lines ?? [];
    }

    internal TariffLineGroup? FindGroup(string code)
    {
        if (code.Length == 6)
        {
            return _bySubheading.GetValueOrDefault(code);
        }

        var lookup = _byCode.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var n = code.Length; n > 6; n--)
        {
            if (lookup.TryGetValue(code.AsSpan(0, n), out var line))
            {
                return line.Group;
            }
        }

        var (from, to) = PrefixRange(code);
        return from < to ? new TariffLineGroup(_lines[from..to]) : null;
    }

    private (int From, int To) PrefixRange(string prefix)
    {
        int lo = 0, hi = _lines.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_lines[mid].Code, prefix) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var end = lo;
        while (end < _lines.Length && _lines[end].Code.StartsWith(prefix, StringComparison.Ordinal))
        {
            end++;
        }

        return (lo, end);
    }

    internal void SetLines(List<TariffLine> lines, int rowsRead, Dictionary<string, int> unparsed)
    {
        lines.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        _lines = [.. lines];
        var byCode = new Dictionary<string, TariffLine>(StringComparer.Ordinal);
        foreach (var l in _lines)
        {
            byCode.TryAdd(l.Code, l); // a duplicate code keeps its first row (none in the bundled files)
        }

        var bySub = new Dictionary<string, TariffLineGroup>(StringComparer.Ordinal);
        var i = 0;
        while (i < _lines.Length)
        {
            var sub = _lines[i].Subheading;
            var j = i;
            while (j < _lines.Length && _lines[j].Code.StartsWith(sub, StringComparison.Ordinal))
            {
                j++;
            }

            bySub[sub] = new TariffLineGroup(_lines[i..j]);
            i = j;
        }

        foreach (var l in _lines)
        {
            l.Group = new TariffLineGroup([l]);
        }

        _byCode = byCode.ToFrozenDictionary(StringComparer.Ordinal);
        _bySubheading = bySub.ToFrozenDictionary(StringComparer.Ordinal);
        var parsed = _lines.Count(l => l.Expression is not null);
        Report = new TariffLoadReport(Id, rowsRead, parsed,
            unparsed.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Loads the Australian Working Tariff partial scrape (<c>au_schedule3_partial_flat.csv.gz</c>, column
    /// <c>general_rate_guess</c>). That data has <b>no open licence</b>: it is never bundled in <c>data/</c>; tests read it
    /// from <c>../shared/data/tariffs/au-working-tariff-partial/</c>. 24 chapters are missing: a code not found is unknown,
    /// never duty-free.
    /// </summary>
    /// <param name="path">Path of the flat CSV (plain or .gz).</param>
    /// <returns>The schedule (destination AU, AUD, as of 2026-04-01, the scrape's commit date).</returns>
    /// <exception cref="ReferenceDataException">When the file cannot be opened or lacks a required column. Rows whose reference number is not 8 digits (scrape damage) are counted in <see cref="Report"/> under their own pattern, not loaded.</exception>
    public static TariffSchedule LoadAustraliaPartial(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var asOf = new LocalDate(2026, 4, 1);
        var schedule = new TariffSchedule(
            "AU-WT-2026-PARTIAL", "AU", new Money.CurrencyCode("AUD"), asOf, new ValidityPeriod(asOf, null),
            new DataSource("Australian Border Force Working Tariff Schedule 3, scraped in networkneedsau/australian-tariff-classification@9a8f3f37 (no licence; partial: 72 of 96 chapters)", asOf, SourceStatus.Unconfirmed),
            TariffDialect.AustraliaWorkingTariff);
        var lines = new List<TariffLine>();
        var unparsed = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        using var csv = CsvInput.Open(path, "reference_number", "statistical_code", "general_rate_guess");
        while (csv.Read())
        {
            if (csv.Text("statistical_code").Trim().Length == 0)
            {
                continue; // grouping rows carry no rate
            }

            rows++;
            // The scrape carries zero-width spaces (U+200B) inside some codes (shared SOURCE.md quirks).
            var code = csv.Required("reference_number").Replace(".", "", StringComparison.Ordinal).Replace("\u200B", "", StringComparison.Ordinal);
            if (code.Length != 8 || !code.All(char.IsAsciiDigit))
            {
                // The scrape has a few mangled codes (e.g. '1211601'): counted in the report, not loaded, not fatal.
                const string bad = "(reference_number not 8 digits: row not loaded)";
                unparsed[bad] = unparsed.GetValueOrDefault(bad) + 1;
                continue;
            }

            Add(schedule, lines, unparsed, code, csv.Text("general_rate_guess").Replace("\u200B", "", StringComparison.Ordinal).Trim(), csv.Line);
        }

        schedule.SetLines(lines, rows, unparsed);
        return schedule;
    }

    internal static void Add(TariffSchedule schedule, List<TariffLine> lines, Dictionary<string, int> unparsed, string code, string rate, int sourceLine)
    {
        if (DutyExpressionParser.TryParse(rate, schedule.Dialect, out var expression))
        {
            lines.Add(new TariffLine(schedule, code, rate, expression, null, sourceLine));
            return;
        }

        var pattern = DutyExpressionParser.PatternOf(rate);
        unparsed[pattern] = unparsed.GetValueOrDefault(pattern) + 1;
        lines.Add(new TariffLine(schedule, code, rate, null, pattern, sourceLine));
    }

    internal static LocalDate? ParseDate(CsvInput csv, string column)
    {
        var text = csv.Text(column).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw csv.Error(column, $"'{text}' is not an ISO date (yyyy-MM-dd)");
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Destination}, as of {AsOf:uuuu-MM-dd})";
}

/// <summary>The lines one code points to, with what quoting needs precomputed (range of codes, label, whether all parse).</summary>
internal sealed class TariffLineGroup
{
    public TariffLineGroup(TariffLine[] lines)
    {
        Lines = lines;
        First = lines[0];
        Last = lines[^1];
        AllParsed = lines.All(l => l.Expression is not null);
        Label = lines.Length == 1 ? First.Label : $"Duty {First.Schedule.Id} {First.Code}..{Last.Code} ({lines.Length} lines)";
        RuleId = lines.Length == 1 ? First.RuleId : $"{First.Schedule.Id}:{First.Code}..{Last.Code}";
        var distinct = lines.Select(l => l.RateText).Distinct(StringComparer.Ordinal).ToArray();
        Expressions = string.Join("; ", distinct.Take(6)) + (distinct.Length > 6 ? $"; … ({distinct.Length} distinct)" : "");
        Reason = lines.Length == 1 ? $"tariff line {First.Code} of {First.Schedule.Id}: {First.RateText}" : $"tariff lines {First.Code}..{Last.Code} of {First.Schedule.Id}: {Expressions}";
        AdValoremOnly = lines.All(l => l.Expression is { Needs: DutyQuantity.None });
        if (lines.All(l => l.Expression?.AdValoremPercent is not null))
        {
            MinFraction = lines.Min(l => l.Expression!.AdValoremPercent!.Value) / 100m;
            MaxFraction = lines.Max(l => l.Expression!.AdValoremPercent!.Value) / 100m;
        }
    }

    /// <summary>When every line is a plain ad valorem rate: the lowest rate as a fraction (16.5 % → 0.165); else <see langword="null"/>.</summary>
    public decimal? MinFraction { get; }

    /// <summary>When every line is a plain ad valorem rate: the highest rate as a fraction; else <see langword="null"/>.</summary>
    public decimal? MaxFraction { get; }

    public string RuleId { get; }

    public string Reason { get; }

    /// <summary>Reason of a range line: the candidates and their duties (built once).</summary>
    public string RangeReason => _rangeReason ??= $"{Lines.Length} national lines share HS {First.Subheading} and the order names none: {Reason}";

    /// <summary>The reason with a schedule-date note appended, cached per note (the note is one of the schedule's two fixed strings).</summary>
    public string ReasonWith(string note, bool range)
    {
        var cached = range ? _rangeNoted : _noted;
        if (cached is not null && ReferenceEquals(cached.Value.Note, note))
        {
            return cached.Value.Text;
        }

        var text = (range ? RangeReason : Reason) + note;
        if (range)
        {
            _rangeNoted = (note, text);
        }
        else
        {
            _noted = (note, text);
        }

        return text;
    }

    /// <summary>An unknown-duty reason built once per (missing quantities, date note) and reused (single-entry cache; a benign race rebuilds the same text).</summary>
    public string Cached(DutyQuantity missing, string? note, Func<TariffLineGroup, DutyQuantity, string?, string> build)
    {
        var c = _unknownReason;
        if (c is not null && c.Missing == missing && ReferenceEquals(c.Note, note))
        {
            return c.Text;
        }

        var text = build(this, missing, note);
        _unknownReason = new CachedReason(missing, note, text);
        return text;
    }

    private sealed record CachedReason(DutyQuantity Missing, string? Note, string Text);

    private CachedReason? _unknownReason;
    private string? _rangeReason;
    private (string Note, string Text)? _noted;
    private (string Note, string Text)? _rangeNoted;

    public bool AdValoremOnly { get; }

    public TariffLine[] Lines { get; }

    public TariffLine First { get; }

    public TariffLine Last { get; }

    public bool AllParsed { get; }

    public string Label { get; }

    public string Expressions { get; }
}
