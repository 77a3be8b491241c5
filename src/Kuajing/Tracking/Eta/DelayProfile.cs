using Kuajing.Lanes;
using Kuajing.Provenance;
using Kuajing.ReferenceData;

namespace Kuajing.Tracking.Eta;

/// <summary>
/// The calibrated delay distribution (actual − scheduled delivery, days) the ETA predictor adds for the
/// remaining part of a shipment, per Kuajing <see cref="TransportMode"/>. Each Kuajing mode borrows the
/// distribution of an SCMS mode through <c>data/eta/mode-delay-mapping.csv</c> (an analogy, status E).
/// Source of the distributions: USAID SCMS Delivery History Dataset (2019-10-08), see <c>data/eta/SOURCE.md</c>.
/// </summary>
public sealed class DelayProfile
{
    /// <summary>Path of the bundled mode mapping relative to <c>data/</c>.</summary>
    public const string BundledMappingRelativePath = "eta/mode-delay-mapping.csv";

    private readonly Dictionary<TransportMode, DelayDistribution> _byMode;

    /// <summary>Creates a profile from explicit distributions (tests, or a profile calibrated elsewhere).</summary>
    /// <param name="byMode">Distribution per mode; modes left out are unknown and make <see cref="For"/> throw.</param>
    /// <param name="source">Where the distributions come from.</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public DelayProfile(IReadOnlyDictionary<TransportMode, DelayDistribution> byMode, DataSource source)
    {
        ArgumentNullException.ThrowIfNull(byMode);
        ArgumentNullException.ThrowIfNull(source);
        _byMode = byMode.ToDictionary(p => p.Key, p => p.Value);
        Source = source;
    }

    /// <summary>Where the distributions come from.</summary>
    public DataSource Source { get; }

    /// <summary>The delay distribution for a mode.</summary>
    /// <param name="mode">Kuajing transport mode.</param>
    /// <returns>Its delay distribution in days.</returns>
    /// <exception cref="KeyNotFoundException">When the profile has no distribution for <paramref name="mode"/> (unknown, never taken as zero).</exception>
    public DelayDistribution For(TransportMode mode) =>
        _byMode.TryGetValue(mode, out var d) ? d : throw new KeyNotFoundException($"no calibrated delay distribution for mode {mode}");

    /// <summary>Fits on every bundled SCMS line and maps Kuajing modes with the bundled mapping.</summary>
    /// <returns>The profile.</returns>
    /// <exception cref="DirectoryNotFoundException">When the data folder cannot be found.</exception>
    /// <exception cref="ReferenceDataException">When a bundled file cannot be read or a row is invalid.</exception>
    public static DelayProfile LoadBundled() =>
        Calibrate(LeadTimeModel.Fit(ScmsDeliveryHistoryReader.ReadBundled().Lines.ToArray()), DataDirectory.PathOf(BundledMappingRelativePath));

    /// <summary>Builds a profile from a fitted model's per-mode delay distributions and a mapping CSV (<c>kuajing_mode,scms_mode,valid_from,valid_until,source,status,rationale</c>).</summary>
    /// <param name="model">Fitted lead-time model.</param>
    /// <param name="mappingPath">Mapping CSV path.</param>
    /// <returns>The profile; a Kuajing mode whose SCMS mode had no training lines is left out (unknown).</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ReferenceDataException">When the mapping cannot be read, a required column is missing, or a row names an unknown mode, status or date.</exception>
    public static DelayProfile Calibrate(LeadTimeModel model, string mappingPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(mappingPath);
        var byMode = new Dictionary<TransportMode, DelayDistribution>();
        var seen = new HashSet<TransportMode>();
        using (var csv = CsvInput.Open(mappingPath, "kuajing_mode", "scms_mode", "source", "status"))
        {
            while (csv.Read())
            {
                var kText = csv.Required("kuajing_mode");
                if (!Enum.TryParse<TransportMode>(kText, ignoreCase: false, out var kMode) || !Enum.IsDefined(kMode))
                {
                    throw csv.Error("kuajing_mode", $"'{kText}' is not a TransportMode name ({string.Join(", ", Enum.GetNames<TransportMode>())})");
                }

                var sText = csv.Required("scms_mode");
                if (!Enum.TryParse<ScmsShipmentMode>(sText, ignoreCase: false, out var sMode) || !Enum.IsDefined(sMode))
                {
                    throw csv.Error("scms_mode", $"'{sText}' is not one of {string.Join(", ", Enum.GetNames<ScmsShipmentMode>())}");
                }

                try
                {
                    _ = DataSource.ParseStatus(csv.Required("status"));
                }
                catch (FormatException e)
                {
                    throw csv.Error("status", e.Message);
                }

                if (!seen.Add(kMode))
                {
                    throw csv.Error("kuajing_mode", $"'{kText}' is mapped twice");
                }

                // An SCMS mode without training lines leaves the Kuajing mode unknown (For throws), never zero.
                if (model.ModeDelays.TryGetValue(sMode, out var distribution))
                {
                    byMode.Add(kMode, distribution);
                }
            }
        }

        return new DelayProfile(
            byMode,
            new DataSource($"USAID SCMS Delivery History Dataset (2019-10-08), {model.TrainingRows} lines; Kuajing-to-SCMS mode analogy in {Path.GetFileName(mappingPath)}", null, SourceStatus.Estimated));
    }
}
