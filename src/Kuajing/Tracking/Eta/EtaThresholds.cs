using Kuajing.Tracking.Events;
using Kuajing.Lanes;
using Kuajing.Provenance;
using Kuajing.ReferenceData;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Tracking.Eta;

/// <summary>The thresholds the ETA and exception rules read from <c>data/eta/exception-thresholds.csv</c>.</summary>
public enum EtaThresholdRule
{
    /// <summary><c>missed_connection_slack</c>: hours after the next leg's cut-off before an arrival counts as a missed connection.</summary>
    MissedConnectionSlack,

    /// <summary><c>dwell_tolerance</c> (per mode of the onward leg): hours past the planned dwell at a node before it is exceeded.</summary>
    DwellTolerance,

    /// <summary><c>customs_hold</c>: hours an import customs hold may last without release before it is raised.</summary>
    CustomsHold,

    /// <summary><c>late_delivery_grace</c>: hours past the promised or predicted delivery before the shipment is late.</summary>
    LateDeliveryGrace,

    /// <summary><c>redelivery</c>: hours after a failed delivery attempt until the next attempt (ETA after <see cref="TrackingMilestone.DeliveryFailed"/>).</summary>
    Redelivery,
}

/// <summary>One threshold row.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Mode">The mode it applies to, or <see langword="null"/> for every mode (<c>*</c>).</param>
/// <param name="Hours">Threshold in hours, ≥ 0.</param>
/// <param name="Validity">Dates in force.</param>
/// <param name="Source">Citation and status (all shipped rows are Kuajing estimates, status E).</param>
public sealed record EtaThreshold(EtaThresholdRule Rule, TransportMode? Mode, decimal Hours, ValidityPeriod Validity, DataSource Source);

/// <summary>
/// Thresholds of the exception rules and of the ETA after a failed delivery, loaded from a CSV
/// (<c>rule,mode,hours,valid_from,valid_until,source,status,rationale</c>). The shipped values are Kuajing
/// estimates (status E), not carrier or customs figures; see <c>data/eta/SOURCE.md</c>.
/// </summary>
public sealed class EtaThresholds
{
    /// <summary>Path of the bundled file relative to <c>data/</c>.</summary>
    public const string BundledRelativePath = "eta/exception-thresholds.csv";

    private static readonly Dictionary<string, EtaThresholdRule> RuleNames = new(StringComparer.Ordinal)
    {
        ["missed_connection_slack"] = EtaThresholdRule.MissedConnectionSlack,
        ["dwell_tolerance"] = EtaThresholdRule.DwellTolerance,
        ["customs_hold"] = EtaThresholdRule.CustomsHold,
        ["late_delivery_grace"] = EtaThresholdRule.LateDeliveryGrace,
        ["redelivery"] = EtaThresholdRule.Redelivery,
    };

    private EtaThresholds(string path, IReadOnlyList<EtaThreshold> rows)
    {
        Path = path;
        Rows = rows;
    }

    /// <summary>File the thresholds came from.</summary>
    public string Path { get; }

    /// <summary>All rows in file order.</summary>
    public IReadOnlyList<EtaThreshold> Rows { get; }

    /// <summary>Loads the bundled file.</summary>
    /// <returns>The thresholds.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="ReferenceDataException">When the file cannot be read or a row is invalid (file, line and field named).</exception>
    public static EtaThresholds LoadBundled() => Load(DataDirectory.PathOf(BundledRelativePath));

    /// <summary>Loads a thresholds CSV.</summary>
    /// <param name="path">CSV path.</param>
    /// <returns>The thresholds.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="ReferenceDataException">When the file cannot be opened, a required column is missing, or a row has an unknown rule or mode, a negative or non-numeric hours value, a bad date or status, or an empty source.</exception>
    public static EtaThresholds Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rows = new List<EtaThreshold>();
        using var csv = CsvInput.Open(path, "rule", "mode", "hours", "valid_from", "valid_until", "source", "status");
        while (csv.Read())
        {
            var ruleText = csv.Required("rule");
            if (!RuleNames.TryGetValue(ruleText, out var rule))
            {
                throw csv.Error("rule", $"'{ruleText}' is not one of {string.Join(", ", RuleNames.Keys)}");
            }

            var modeText = csv.Required("mode");
            TransportMode? mode = null;
            if (modeText != "*")
            {
                mode = Enum.TryParse<TransportMode>(modeText, ignoreCase: false, out var m) && Enum.IsDefined(m)
                    ? m
                    : throw csv.Error("mode", $"'{modeText}' is not '*' or a TransportMode name ({string.Join(", ", Enum.GetNames<TransportMode>())})");
            }

            var hours = csv.Decimal("hours");
            if (hours < 0)
            {
                throw csv.Error("hours", $"{hours} is negative; expected hours ≥ 0");
            }

            var from = Date(csv, "valid_from") ?? throw csv.Error("valid_from", "a date yyyy-MM-dd is required");
            var status = ParseStatus(csv);
            rows.Add(new EtaThreshold(rule, mode, hours, new ValidityPeriod(from, Date(csv, "valid_until")), new DataSource(csv.Required("source"), null, status)));
        }

        return new EtaThresholds(path, rows);
    }

    /// <summary>The threshold for a rule and mode in force on a date: a row for the mode if any, else the <c>*</c> row.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="mode">Mode of the leg concerned.</param>
    /// <param name="on">Date the rule is applied (UTC date of the evaluation instant).</param>
    /// <returns>The threshold as a duration.</returns>
    /// <exception cref="KeyNotFoundException">When no row for the rule and mode (or <c>*</c>) is in force on <paramref name="on"/>: the threshold is unknown, never taken as zero.</exception>
    public Duration Get(EtaThresholdRule rule, TransportMode? mode, LocalDate on) => ToDuration(Find(rule, mode, on).Hours);

    /// <summary>The threshold row for a rule and mode in force on a date (a row for the mode if any, else the <c>*</c> row), with its source.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="mode">Mode of the leg concerned.</param>
    /// <param name="on">Date the rule is applied (UTC date of the evaluation instant).</param>
    /// <returns>The row, so that a raised exception can cite the figure and its source.</returns>
    /// <exception cref="KeyNotFoundException">When no row for the rule and mode (or <c>*</c>) is in force on <paramref name="on"/>: the threshold is unknown, never taken as zero.</exception>
    public EtaThreshold Find(EtaThresholdRule rule, TransportMode? mode, LocalDate on)
    {
        EtaThreshold? wildcard = null;
        foreach (var row in Rows)
        {
            if (row.Rule != rule || !row.Validity.Contains(on))
            {
                continue;
            }

            if (row.Mode is not null && row.Mode == mode)
            {
                return row;
            }

            wildcard ??= row.Mode is null ? row : null;
        }

        return wildcard
            ?? throw new KeyNotFoundException($"{Path}: no {rule} threshold for mode {(mode?.ToString() ?? "*")} in force on {on:uuuu-MM-dd}");
    }

    /// <summary>A threshold's hours as a duration, rounded to the second.</summary>
    /// <param name="hours">Hours, ≥ 0.</param>
    /// <returns>The duration.</returns>
    public static Duration ToDuration(decimal hours) => Duration.FromSeconds((long)Math.Round(hours * 3600m, MidpointRounding.AwayFromZero));

    private static SourceStatus ParseStatus(CsvInput csv)
    {
        try
        {
            return DataSource.ParseStatus(csv.Required("status"));
        }
        catch (FormatException e)
        {
            throw csv.Error("status", e.Message);
        }
    }

    private static LocalDate? Date(CsvInput csv, string column)
    {
        var text = csv.Text(column).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text);
        return parsed.Success ? parsed.Value : throw csv.Error(column, $"'{text}' is not a date yyyy-MM-dd");
    }
}
