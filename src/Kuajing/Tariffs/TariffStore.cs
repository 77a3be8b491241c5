using System.Collections.Frozen;
using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Tariffs;

/// <summary>
/// The import tariff schedules Kuajing quotes duty by, keyed by destination (ISO country, or <c>EU</c> for the customs
/// union) and national tariff code, reachable from an HS 2022 six-digit code; plus the dated additional duties by origin.
/// Bundled: US HTSUS 2026 rev 10 (+ Section 301 lists), UK Global Tariff 2021, EU CET 2020 (from the same UK file),
/// Japan 2026-07-09 (<c>data/tariffs/</c>, see its SOURCE.md). Each schedule loads on first use (so a run whose orders
/// carry no HS code pays nothing), once, thread-safely. Immutable once built.
/// </summary>
public sealed class TariffStore
{
    /// <summary>Folder of the tariff data inside <c>data/</c>.</summary>
    public const string FolderName = "tariffs";

    /// <summary>The schedule catalogue file (id, destination, currency, file, dialect, columns, dates, citation).</summary>
    public const string SchedulesFile = "schedules.csv";

    /// <summary>The additional-duty rule rows.</summary>
    public const string AdditionalDutiesFile = "additional-duties.csv";

    /// <summary>The US Section 301 product lists (HTS8 → Chapter 99 heading).</summary>
    public const string Section301ListsFile = "us-s301-product-lists.csv";

    private readonly FrozenDictionary<string, Lazy<TariffSchedule>[]> _byDestination;

    private TariffStore(FrozenDictionary<string, Lazy<TariffSchedule>[]> byDestination, IReadOnlyList<ScheduleEntry> entries, AdditionalDutyBook additional)
    {
        _byDestination = byDestination;
        Entries = entries;
        AdditionalDuties = additional;
    }

    /// <summary>A store with no schedule and no additional duty: every duty is quoted as before tariffs (unknown unless a rule row gives it).</summary>
    public static TariffStore Empty { get; } = new(
        FrozenDictionary<string, Lazy<TariffSchedule>[]>.Empty, [], new AdditionalDutyBook([], () => FrozenDictionary<string, string[]>.Empty));

    /// <summary>The destinations (ISO alpha-2 or <c>EU</c>) that have a schedule.</summary>
    public IEnumerable<string> Destinations => _byDestination.Keys;

    /// <summary>The additional duties by origin (Section 301, IEEPA) and the Section 301 product lists.</summary>
    public AdditionalDutyBook AdditionalDuties { get; }

    /// <summary>The catalogue rows (schedule id, destination, validity), without loading any schedule.</summary>
    public IReadOnlyList<ScheduleEntry> Entries { get; }

    /// <summary>
    /// The schedules whose validity starts or ends in the window (<paramref name="after"/>, <paramref name="through"/>]: on
    /// those days <see cref="ScheduleFor"/> may pick another schedule, or the same one becomes stale.
    /// </summary>
    /// <param name="after">Start of the window, exclusive.</param>
    /// <param name="through">End of the window, inclusive.</param>
    /// <returns>The catalogue rows in file order.</returns>
    public IReadOnlyList<ScheduleEntry> SchedulesChanging(LocalDate after, LocalDate through) =>
        [.. Entries.Where(e => (e.Validity.From > after && e.Validity.From <= through) || (e.Validity.Until is { } u && u > after && u <= through))];

    /// <summary>Loads the catalogue and additional duties from a data folder; schedules themselves load on first use.</summary>
    /// <param name="dataDir">The repository's <c>data/</c> folder; files are read from its <c>tariffs/</c> subfolder.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ReferenceDataException">When <see cref="SchedulesFile"/> or <see cref="AdditionalDutiesFile"/> is missing or malformed (file, line, field, expected form); a malformed schedule file throws the same on first use.</exception>
    public static TariffStore Load(string dataDir)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        var folder = Path.Combine(dataDir, FolderName);
        var entries = ReadCatalogue(Path.Combine(folder, SchedulesFile));
        var byDestination = entries
            .GroupBy(e => e.Destination, StringComparer.Ordinal)
            .ToFrozenDictionary(
                g => g.Key,
                g => g.Select(e => new Lazy<TariffSchedule>(() => LoadSchedule(folder, e), LazyThreadSafetyMode.ExecutionAndPublication)).ToArray(),
                StringComparer.Ordinal);
        var rules = AdditionalDutyBook.ReadRules(Path.Combine(folder, AdditionalDutiesFile));
        var s301 = Path.Combine(folder, Section301ListsFile);
        return new TariffStore(byDestination, entries, new AdditionalDutyBook(rules, () => AdditionalDutyBook.ReadSection301Lists(s301)));
    }

    /// <summary>Loads the bundled store from the data folder found by <see cref="DataDirectory.Find"/>.</summary>
    /// <returns>The store.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="ReferenceDataException">When a file is missing or malformed.</exception>
    public static TariffStore LoadBundled() => Load(DataDirectory.Find());

    /// <summary>A new store with one more schedule (e.g. the Australian partial scrape that tests read from <c>../shared</c>).</summary>
    /// <param name="schedule">The schedule to add; it is searched before existing schedules of its destination.</param>
    /// <returns>The new store; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="schedule"/> is null.</exception>
    public TariffStore With(TariffSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var map = _byDestination.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var loaded = new Lazy<TariffSchedule>(schedule);
        map[schedule.Destination] = map.TryGetValue(schedule.Destination, out var existing) ? [loaded, .. existing] : [loaded];
        var entry = new ScheduleEntry(schedule.Id, schedule.Destination, schedule.Currency, schedule.AsOf, schedule.Validity, schedule.Source, schedule.Dialect, "", "", "");
        return new TariffStore(map.ToFrozenDictionary(StringComparer.Ordinal), [.. Entries, entry], AdditionalDuties);
    }

    /// <summary>Whether a schedule exists for <paramref name="destination"/> (ISO alpha-2 or <c>EU</c>), without loading it.</summary>
    /// <param name="destination">Destination key.</param>
    /// <returns>True when one exists.</returns>
    public bool Covers(string destination) => destination is not null && _byDestination.ContainsKey(destination);

    /// <summary>
    /// The schedule to quote <paramref name="destination"/> on <paramref name="date"/>: the one in force on the date; else
    /// the latest that started on or before it (stale: the quote says so); else the earliest (it postdates the order).
    /// Loads it on first use.
    /// </summary>
    /// <param name="destination">ISO alpha-2, or <c>EU</c>.</param>
    /// <param name="date">Order date.</param>
    /// <returns>The schedule, or <see langword="null"/> when the destination has none.</returns>
    /// <exception cref="ReferenceDataException">When the schedule's file is missing or malformed.</exception>
    public TariffSchedule? ScheduleFor(string destination, LocalDate date)
    {
        if (destination is null || !_byDestination.TryGetValue(destination, out var list))
        {
            return null;
        }

        if (list.Length == 1)
        {
            return list[0].Value;
        }

        TariffSchedule? before = null, after = null;
        foreach (var lazy in list)
        {
            var s = lazy.Value;
            if (s.Validity.Contains(date))
            {
                return s;
            }

            if (s.Validity.From <= date)
            {
                before = before is null || s.Validity.From > before.Validity.From ? s : before;
            }
            else
            {
                after = after is null || s.Validity.From < after.Validity.From ? s : after;
            }
        }

        return before ?? after;
    }

    /// <summary>Loads every schedule now and returns their load reports (rows read, parsed, unparsed by pattern).</summary>
    /// <returns>One report per schedule, in catalogue order.</returns>
    /// <exception cref="ReferenceDataException">When a schedule file is missing or malformed.</exception>
    public IReadOnlyList<TariffLoadReport> LoadAll() =>
        _byDestination.Values.SelectMany(l => l).Select(l => l.Value.Report).OrderBy(r => r.ScheduleId, StringComparer.Ordinal).ToArray();

    private static List<ScheduleEntry> ReadCatalogue(string path)
    {
        var list = new List<ScheduleEntry>();
        using var csv = CsvInput.Open(path, "id", "destination", "currency", "file", "dialect", "code_column", "rate_column", "as_of", "valid_from", "valid_until", "validity_status", "citation");
        while (csv.Read())
        {
            var dialectText = csv.Required("dialect");
            var dialect = dialectText switch
            {
                "us-hts" => TariffDialect.UsHts,
                "eu-cn" => TariffDialect.EuCombinedNomenclature,
                "japan" => TariffDialect.JapanCustoms,
                _ => throw csv.Error("dialect", $"'{dialectText}' is not one of us-hts, eu-cn, japan"),
            };
            var asOf = TariffSchedule.ParseDate(csv, "as_of") ?? throw csv.Error("as_of", "empty; the schedule's date is required");
            var from = TariffSchedule.ParseDate(csv, "valid_from") ?? throw csv.Error("valid_from", "empty; the first day in force is required");
            var until = TariffSchedule.ParseDate(csv, "valid_until");
            SourceStatus status;
            try
            {
                status = DataSource.ParseStatus(csv.Required("validity_status"));
            }
            catch (FormatException e)
            {
                throw csv.Error("validity_status", e.Message);
            }

            Money.CurrencyCode currency;
            try
            {
                currency = new Money.CurrencyCode(csv.Required("currency"));
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw csv.Error("currency", e.Message);
            }

            list.Add(new ScheduleEntry(
                csv.Required("id"), csv.Required("destination"), currency, asOf, new ValidityPeriod(from, until),
                new DataSource(csv.Required("citation"), asOf, status), dialect, csv.Required("file"), csv.Required("code_column"), csv.Required("rate_column")));
        }

        return list;
    }

    private static TariffSchedule LoadSchedule(string folder, ScheduleEntry e)
    {
        var schedule = new TariffSchedule(e.Id, e.Destination, e.Currency, e.AsOf, e.Validity, e.Source, e.Dialect);
        var lines = new List<TariffLine>(12_000);
        var unparsed = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = 0;
        var japan = e.Dialect == TariffDialect.JapanCustoms;
        var rateColumns = e.RateColumn.Split('|');
        using var csv = CsvInput.Open(Path.Combine(folder, e.File), [e.CodeColumn, .. rateColumns]);
        while (csv.Read())
        {
            rows++;
            var code = csv.Required(e.CodeColumn);
            if (code.Length is < 8 or > 10 || !code.All(char.IsAsciiDigit))
            {
                throw csv.Error(e.CodeColumn, $"'{code}' is not an 8- to 10-digit national tariff code (digits only, leading zeros kept)");
            }

            var rate = japan ? JapanAppliedRate(csv, rateColumns) : csv.Text(e.RateColumn).Trim();
            TariffSchedule.Add(schedule, lines, unparsed, code, rate, csv.Line);
        }

        schedule.SetLines(lines, rows, unparsed);
        return schedule;
    }

    /// <summary>
    /// Japan's applied MFN rate (shared/data/tariffs/japan-customs-tariff/SOURCE.md): the WTO rate when it is shown without
    /// parentheses (a parenthesised WTO rate is not applied because the general/temporary rate is not higher); else the
    /// temporary rate (暫定) when present; else the general rate (基本).
    /// </summary>
    private static string JapanAppliedRate(CsvInput csv, string[] columns)
    {
        // columns: basic|temporary|wto
        var wto = csv.Text(columns[2]).Trim();
        var wtoNormal = DutyExpressionParser.NormaliseJapanese(wto);
        if (wtoNormal.Length > 0 && !wtoNormal.StartsWith('('))
        {
            return wto;
        }

        var temporary = csv.Text(columns[1]).Trim();
        return temporary.Length > 0 ? temporary : csv.Text(columns[0]).Trim();
    }
}

/// <summary>One row of <c>data/tariffs/schedules.csv</c>: a schedule's identity, dates and where its rows are.</summary>
/// <param name="Id">Schedule id.</param>
/// <param name="Destination">ISO alpha-2 or <c>EU</c>.</param>
/// <param name="Currency">Currency of specific duties.</param>
/// <param name="AsOf">Date the schedule describes.</param>
/// <param name="Validity">In force from/until.</param>
/// <param name="Source">Citation (with licence in the catalogue) and status of the validity dates.</param>
/// <param name="Dialect">Rate-text dialect.</param>
/// <param name="File">File name inside <c>data/tariffs/</c> (empty for a schedule added with <see cref="TariffStore.With"/>).</param>
/// <param name="CodeColumn">Column holding the national code.</param>
/// <param name="RateColumn">Column(s) holding the rate text (<c>basic|temporary|wto</c> for Japan).</param>
public sealed record ScheduleEntry(
    string Id, string Destination, Money.CurrencyCode Currency, LocalDate AsOf, ValidityPeriod Validity, DataSource Source,
    TariffDialect Dialect, string File, string CodeColumn, string RateColumn);
