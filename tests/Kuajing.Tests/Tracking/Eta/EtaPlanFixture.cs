using Kuajing.Tracking.Events;
using Kuajing.Lanes;
using Kuajing.Provenance;
using Kuajing.Tracking.Eta;
using NodaTime;

namespace Kuajing.Tests.Tracking.Eta;

/// <summary>
/// A 3-leg plan used by the ETA and exception tests (t0 = 2026-03-02 00:00 UTC):
/// leg 1 Road SZX-WH→HKG t0+0h→t0+24h (cut-off t0−4h); leg 2 Air HKG→LHR t0+48h→t0+96h (cut-off t0+44h);
/// leg 3 LastMile LHR→DOOR-GB t0+120h→t0+144h (cut-off t0+116h). Planned door-to-door 144 h.
/// </summary>
internal static class EtaPlanFixture
{
    public static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 0, 0);

    public static Instant At(double hours) => T0 + Duration.FromMinutes((long)(hours * 60));

    public static EtaShipmentPlan Plan(Instant? promised = null) => new(
        "KJ000000001CN",
        [
            new EtaLeg(1, "SZX-WH", "HKG", TransportMode.Road, At(0), At(24), At(-4)),
            new EtaLeg(2, "HKG", "LHR", TransportMode.Air, At(48), At(96), At(44)),
            new EtaLeg(3, "LHR", "DOOR-GB", TransportMode.LastMile, At(120), At(144), At(116)),
        ],
        promised);

    /// <summary>Hand-made delays (days): Road −1/0/+1, Air −2/+1/+4, LastMile 0/+0.5/+2 (P10/P50/P90).</summary>
    public static DelayProfile Profile => new(
        new Dictionary<TransportMode, DelayDistribution>
        {
            [TransportMode.Road] = new(10, -1, 0, 1),
            [TransportMode.Air] = new(10, -2, 1, 4),
            [TransportMode.LastMile] = new(10, 0, 0.5, 2),
        },
        new DataSource("test profile", null, SourceStatus.Estimated));

    public static EtaThresholds Thresholds => EtaThresholds.Load(Path.Combine(EtaTestData.RepoRoot, "data", "eta", "exception-thresholds.csv"));

    public static MilestoneObservation Event(TrackingMilestone m, double hours, int leg, string node = "X") => new(m, At(hours), node, leg);
}
