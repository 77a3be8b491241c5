namespace Kuajing.Tracking.Eta;

/// <summary>
/// Empirical distribution of a delay in days (actual minus scheduled delivery; negative = early).
/// Quantiles are nearest-rank (the ⌈p·n⌉-th smallest value); the median is the mean of the two middle values when n is even.
/// </summary>
/// <param name="Count">Number of observations, ≥ 1.</param>
/// <param name="P10Days">10th percentile, days.</param>
/// <param name="P50Days">Median, days.</param>
/// <param name="P90Days">90th percentile, days.</param>
public sealed record DelayDistribution(int Count, double P10Days, double P50Days, double P90Days)
{
    /// <summary>Builds the distribution of a sample.</summary>
    /// <param name="delaysDays">Observed delays in days.</param>
    /// <returns>Its nearest-rank P10, median and P90.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="delaysDays"/> is null.</exception>
    /// <exception cref="ArgumentException">When the sample is empty.</exception>
    public static DelayDistribution Of(IEnumerable<double> delaysDays)
    {
        ArgumentNullException.ThrowIfNull(delaysDays);
        var sorted = delaysDays.ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("a delay distribution needs at least one observation", nameof(delaysDays));
        }

        Array.Sort(sorted);
        return new DelayDistribution(sorted.Length, NearestRank(sorted, 0.10), Median(sorted), NearestRank(sorted, 0.90));
    }

    internal static double Median(double[] sorted)
    {
        var n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2.0;
    }

    internal static double NearestRank(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}

/// <summary>
/// Lead-time (delay) model calibrated on the USAID SCMS Delivery History: predicts a line's delay against its
/// scheduled delivery date from features known before delivery — shipment mode, fulfilment route
/// (<c>Direct Drop</c> / <c>From RDC</c>) and destination country — as a hierarchy of medians with shrinkage:
/// <c>est(level) = (n·median(level) + k·est(parent)) / (n + k)</c>, levels global → mode → (mode, fulfil via)
/// → (mode, fulfil via, country); a key unseen in training falls back to its parent. Medians minimise absolute
/// error, the criterion the model is judged on. Source of the data: USAID SCMS Delivery History Dataset (2019-10-08), see <c>data/eta/SOURCE.md</c>.
/// </summary>
public sealed class LeadTimeModel
{
    /// <summary>Default shrinkage strength k, in pseudo-rows: a group needs about this many rows before its own median outweighs its parent's. Chosen by hand (not tuned on the test rows).</summary>
    public const double DefaultShrinkageRows = 20;

    private readonly double _global;
    private readonly Dictionary<ScmsShipmentMode, double> _mode;
    private readonly Dictionary<(ScmsShipmentMode, string), double> _modeVia;
    private readonly Dictionary<(ScmsShipmentMode, string, string), double> _modeViaCountry;
    private readonly Dictionary<ScmsShipmentMode, DelayDistribution> _residuals;

    private LeadTimeModel(
        double global,
        Dictionary<ScmsShipmentMode, double> mode,
        Dictionary<(ScmsShipmentMode, string), double> modeVia,
        Dictionary<(ScmsShipmentMode, string, string), double> modeViaCountry,
        Dictionary<ScmsShipmentMode, DelayDistribution> delays,
        Dictionary<ScmsShipmentMode, DelayDistribution> residuals,
        int trainingRows)
    {
        _global = global;
        _mode = mode;
        _modeVia = modeVia;
        _modeViaCountry = modeViaCountry;
        ModeDelays = delays;
        _residuals = residuals;
        TrainingRows = trainingRows;
    }

    /// <summary>Number of lines the model was fitted on.</summary>
    public int TrainingRows { get; }

    /// <summary>Distribution of the raw delay (actual − scheduled, days) per mode in the training lines; modes absent from training are absent here.</summary>
    public IReadOnlyDictionary<ScmsShipmentMode, DelayDistribution> ModeDelays { get; }

    /// <summary>Fits the model.</summary>
    /// <param name="training">Training lines (any order; the fit is order-independent).</param>
    /// <param name="shrinkageRows">Shrinkage strength k ≥ 0 in pseudo-rows (0 = raw group medians).</param>
    /// <returns>The fitted model.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="training"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="shrinkageRows"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">When <paramref name="training"/> is empty.</exception>
    public static LeadTimeModel Fit(IReadOnlyCollection<ScmsDeliveryLine> training, double shrinkageRows = DefaultShrinkageRows)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (!double.IsFinite(shrinkageRows) || shrinkageRows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(shrinkageRows), shrinkageRows, "shrinkage must be a finite number of pseudo-rows ≥ 0");
        }

        if (training.Count == 0)
        {
            throw new ArgumentException("the lead-time model needs at least one training line", nameof(training));
        }

        var k = shrinkageRows;
        var global = DelayDistribution.Median(Sorted(training));
        var mode = training.GroupBy(l => l.Mode)
            .ToDictionary(g => g.Key, g => Shrink(Sorted(g), global, k));
        var modeVia = training.GroupBy(l => (l.Mode, l.FulfilVia))
            .ToDictionary(g => g.Key, g => Shrink(Sorted(g), mode[g.Key.Mode], k));
        var modeViaCountry = training.GroupBy(l => (l.Mode, l.FulfilVia, l.Country))
            .ToDictionary(g => g.Key, g => Shrink(Sorted(g), modeVia[(g.Key.Mode, g.Key.FulfilVia)], k));
        var delays = training.GroupBy(l => l.Mode)
            .ToDictionary(g => g.Key, g => DelayDistribution.Of(g.Select(l => (double)l.DelayDays)));
        var model = new LeadTimeModel(global, mode, modeVia, modeViaCountry, delays, [], training.Count);
        foreach (var g in training.GroupBy(l => l.Mode))
        {
            model._residuals[g.Key] = DelayDistribution.Of(g.Select(l => l.DelayDays - model.PredictDelayDays(l)));
        }

        return model;
    }

    /// <summary>Predicted delay of a line against its scheduled date, in days (fractional; negative = early).</summary>
    /// <param name="line">The line; only its mode, fulfil-via and country are used.</param>
    /// <returns>The shrunken median delay of the most specific group seen in training.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="line"/> is null.</exception>
    public double PredictDelayDays(ScmsDeliveryLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (_modeViaCountry.TryGetValue((line.Mode, line.FulfilVia, line.Country), out var specific))
        {
            return specific;
        }

        if (_modeVia.TryGetValue((line.Mode, line.FulfilVia), out var via))
        {
            return via;
        }

        return _mode.TryGetValue(line.Mode, out var mode) ? mode : _global;
    }

    /// <summary>Predicted delivery date: the scheduled date plus the predicted delay rounded to whole days (midpoint away from zero).</summary>
    /// <param name="line">The line.</param>
    /// <returns>The predicted delivery date.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="line"/> is null.</exception>
    public NodaTime.LocalDate PredictDelivery(ScmsDeliveryLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Scheduled.PlusDays((int)Math.Round(PredictDelayDays(line), MidpointRounding.AwayFromZero));
    }

    /// <summary>Distribution of training residuals (actual delay − predicted delay, days) for a mode; gives the P10–P90 band around a prediction.</summary>
    /// <param name="mode">Shipment mode.</param>
    /// <returns>The residual distribution, or <see langword="null"/> when the mode had no training lines (unknown, not zero).</returns>
    public DelayDistribution? Residuals(ScmsShipmentMode mode) => _residuals.GetValueOrDefault(mode);

    private static double[] Sorted(IEnumerable<ScmsDeliveryLine> lines)
    {
        var values = lines.Select(l => (double)l.DelayDays).ToArray();
        Array.Sort(values);
        return values;
    }

    private static double Shrink(double[] sorted, double parent, double k) =>
        ((sorted.Length * DelayDistribution.Median(sorted)) + (k * parent)) / (sorted.Length + k);
}
