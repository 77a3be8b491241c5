using System.Globalization;
using System.Text;
using NodaTime;

namespace Kuajing.Tracking.Eta;

/// <summary>A time split of the SCMS lines: older scheduled dates for training, the newest share for testing.</summary>
/// <param name="Cutoff">First scheduled date of the test set: test lines have Scheduled ≥ Cutoff, training lines Scheduled &lt; Cutoff.</param>
/// <param name="Training">Training lines (scheduled before the cut-off, and no line of a shipment that also has a test line).</param>
/// <param name="Test">Held-out lines (scheduled on or after the cut-off).</param>
/// <param name="DroppedForGroupOverlap">Lines scheduled before the cut-off left out of training because their ASN/DN shipment also has a test line.</param>
public sealed record LeadTimeSplit(LocalDate Cutoff, IReadOnlyList<ScmsDeliveryLine> Training, IReadOnlyList<ScmsDeliveryLine> Test, int DroppedForGroupOverlap);

/// <summary>Error figures of the model and of the dataset's own schedule on one slice of the held-out lines.</summary>
/// <param name="Slice">Mode name, or <c>all</c>.</param>
/// <param name="Rows">Held-out lines in the slice.</param>
/// <param name="ModelMaeDays">Mean absolute error of the model's predicted delivery date, days.</param>
/// <param name="ScheduleMaeDays">Mean absolute error of the scheduled delivery date (mean |actual − scheduled|), days: the baseline.</param>
/// <param name="ModelWithin7">Share (0–1) of lines whose predicted date is within ±7 days of the actual date.</param>
/// <param name="ScheduleWithin7">Share (0–1) of lines whose scheduled date is within ±7 days of the actual date.</param>
/// <param name="BandCoverage">Share (0–1) of lines whose actual delay lies in the model's P10–P90 residual band (nominally 0.8); NaN when the mode had no training lines.</param>
public sealed record LeadTimeErrorSlice(string Slice, int Rows, double ModelMaeDays, double ScheduleMaeDays, double ModelWithin7, double ScheduleWithin7, double BandCoverage);

/// <summary>Outcome of <see cref="LeadTimeEvaluation.Evaluate(ScmsReadResult, double, double)"/>.</summary>
/// <param name="Source">File evaluated.</param>
/// <param name="LinesRead">Lines parsed.</param>
/// <param name="Skipped">Rows the reader skipped, with reasons.</param>
/// <param name="Split">The time split used.</param>
/// <param name="ShrinkageRows">Shrinkage strength k of the model.</param>
/// <param name="Overall">Figures over all held-out lines.</param>
/// <param name="ByMode">Figures per mode present in the test set, in <see cref="ScmsShipmentMode"/> order.</param>
public sealed record LeadTimeEvaluationReport(
    string Source,
    int LinesRead,
    IReadOnlyList<ScmsSkippedRow> Skipped,
    LeadTimeSplit Split,
    double ShrinkageRows,
    LeadTimeErrorSlice Overall,
    IReadOnlyList<LeadTimeErrorSlice> ByMode)
{
    /// <summary>The report as a Markdown table (days, shares in %), invariant culture.</summary>
    /// <returns>Markdown text.</returns>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.Append(c, $"Source: {Path.GetFileName(Source)}; lines read {LinesRead}, skipped {Skipped.Count}").AppendLine();
        foreach (var reason in Skipped.GroupBy(s => s.Field + ": " + s.Reason).OrderByDescending(g => g.Count()))
        {
            sb.Append(c, $"- skipped {reason.Count()} × {reason.Key}").AppendLine();
        }

        sb.Append(c, $"Split: test = scheduled ≥ {Split.Cutoff:yyyy-MM-dd} ({Split.Test.Count} lines); train = older ({Split.Training.Count} lines; {Split.DroppedForGroupOverlap} dropped because their ASN/DN also has a test line); k = {ShrinkageRows}").AppendLine();
        sb.AppendLine().AppendLine("| mode | held-out lines | model MAE (days) | schedule MAE (days) | model within ±7 d | schedule within ±7 d | actual in model P10–P90 |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in ByMode.Append(Overall))
        {
            sb.Append(c, $"| {s.Slice} | {s.Rows} | {s.ModelMaeDays:F2} | {s.ScheduleMaeDays:F2} | {s.ModelWithin7:P1} | {s.ScheduleWithin7:P1} | {s.BandCoverage:P1} |").AppendLine();
        }

        return sb.ToString();
    }
}

/// <summary>
/// Calibrates <see cref="LeadTimeModel"/> on older SCMS lines and evaluates it on the newest ones against the
/// dataset's own scheduled delivery dates (the baseline: predict "delivered on the scheduled date").
/// Split by time, never by random rows: a whole ASN/DN shipment is either in the test set or out of training.
/// </summary>
public static class LeadTimeEvaluation
{
    /// <summary>Default share of lines held out for testing: the newest 20 % by scheduled date.</summary>
    public const double DefaultTestShare = 0.2;

    /// <summary>Splits lines by scheduled date.</summary>
    /// <param name="lines">Lines in any order.</param>
    /// <param name="testShare">Share of lines (0 &lt; share &lt; 1) to hold out; the cut-off is the scheduled date of the line at rank ⌊n·(1 − share)⌋ in date order (then by ID), so every line on that date is tested and the test share can be slightly larger.</param>
    /// <returns>The split.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lines"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="testShare"/> is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">When fewer than 2 lines are given.</exception>
    public static LeadTimeSplit SplitByTime(IReadOnlyCollection<ScmsDeliveryLine> lines, double testShare = DefaultTestShare)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (!(testShare > 0 && testShare < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testShare), testShare, "the test share must be strictly between 0 and 1");
        }

        if (lines.Count < 2)
        {
            throw new ArgumentException("a time split needs at least 2 lines", nameof(lines));
        }

        var ordered = lines.OrderBy(l => l.Scheduled).ThenBy(l => l.Id).ToArray();
        var cutoff = ordered[(int)Math.Floor(ordered.Length * (1 - testShare))].Scheduled;
        var test = ordered.Where(l => l.Scheduled >= cutoff).ToArray();
        var testGroups = test.Select(l => l.AsnDn).ToHashSet(StringComparer.Ordinal);
        var older = ordered.Where(l => l.Scheduled < cutoff).ToArray();
        var training = older.Where(l => !testGroups.Contains(l.AsnDn)).ToArray();
        return new LeadTimeSplit(cutoff, training, test, older.Length - training.Length);
    }

    /// <summary>Reads the bundled SCMS file, splits, fits and evaluates.</summary>
    /// <returns>The report.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="Kuajing.ReferenceData.ReferenceDataException">When the file cannot be read or lacks a required column.</exception>
    public static LeadTimeEvaluationReport EvaluateBundled() => Evaluate(ScmsDeliveryHistoryReader.ReadBundled());

    /// <summary>Splits the lines by time, fits <see cref="LeadTimeModel"/> on the older ones and scores both the model and the schedule on the held-out ones.</summary>
    /// <param name="data">Parsed SCMS lines.</param>
    /// <param name="testShare">Share held out (see <see cref="SplitByTime"/>).</param>
    /// <param name="shrinkageRows">Model shrinkage strength k ≥ 0.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="testShare"/> is not in (0, 1) or <paramref name="shrinkageRows"/> is negative.</exception>
    /// <exception cref="ArgumentException">When the split leaves no training line (fewer than 2 lines, or all on one date).</exception>
    public static LeadTimeEvaluationReport Evaluate(ScmsReadResult data, double testShare = DefaultTestShare, double shrinkageRows = LeadTimeModel.DefaultShrinkageRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        var split = SplitByTime(data.Lines.ToArray(), testShare);
        var model = LeadTimeModel.Fit(split.Training, shrinkageRows);
        var byMode = split.Test.GroupBy(l => l.Mode).OrderBy(g => g.Key)
            .Select(g => Score(g.Key.ToString(), g.ToArray(), model)).ToArray();
        return new LeadTimeEvaluationReport(data.Path, data.Lines.Count, data.Skipped, split, shrinkageRows, Score("all", split.Test, model), byMode);
    }

    private static LeadTimeErrorSlice Score(string slice, IReadOnlyList<ScmsDeliveryLine> test, LeadTimeModel model)
    {
        double modelAbs = 0, scheduleAbs = 0;
        int modelWithin = 0, scheduleWithin = 0, covered = 0, banded = 0;
        foreach (var line in test)
        {
            var modelError = Math.Abs(Period.Between(model.PredictDelivery(line), line.Delivered, PeriodUnits.Days).Days);
            var scheduleError = Math.Abs(line.DelayDays);
            modelAbs += modelError;
            scheduleAbs += scheduleError;
            modelWithin += modelError <= 7 ? 1 : 0;
            scheduleWithin += scheduleError <= 7 ? 1 : 0;
            if (model.Residuals(line.Mode) is { } band)
            {
                banded++;
                var residual = line.DelayDays - model.PredictDelayDays(line);
                covered += residual >= band.P10Days && residual <= band.P90Days ? 1 : 0;
            }
        }

        double n = test.Count;
        return new LeadTimeErrorSlice(slice, test.Count, modelAbs / n, scheduleAbs / n, modelWithin / n, scheduleWithin / n, banded == 0 ? double.NaN : covered / (double)banded);
    }
}
