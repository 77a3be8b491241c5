using Kuajing.Tracking.Events;
using Kuajing.Tracking.Eta;
using static Kuajing.Tests.Tracking.Eta.EtaPlanFixture;

namespace Kuajing.Tests.Tracking.Eta;

// Thresholds: data/eta/exception-thresholds.csv (Kuajing estimates, status E): missed-connection slack 0 h,
// dwell tolerance Air 24 h, customs hold 48 h, late-delivery grace 0 h.
public sealed class TrackingAlertDetectorTests
{
    private readonly TrackingAlertDetector _detector = new(Thresholds);

    private TrackingAlert[] Detect(TrackingAlertKind kind, double nowHours, params MilestoneObservation[] events) =>
        _detector.Detect(Plan(), events, At(nowHours)).Where(x => x.Kind == kind).ToArray();

    [Fact]
    public void Detect_ArrivalAfterNextCutOff_RaisesMissedConnection()
    {
        // Leg 2 cut-off t0+44h; arrival at HKG t0+45h.
        var x = Assert.Single(Detect(TrackingAlertKind.MissedConnection, 46, Event(TrackingMilestone.Arrived, 45, 1, "HKG")));
        Assert.Equal((1, "HKG", At(45)), (x.LegSequence, x.NodeCode, x.RaisedAt));
    }

    [Fact]
    public void Detect_ArrivalBeforeNextCutOff_NoMissedConnection()
    {
        Assert.Empty(Detect(TrackingAlertKind.MissedConnection, 46, Event(TrackingMilestone.Arrived, 43, 1, "HKG")));
    }

    [Fact]
    public void Detect_NotDepartedPastPlannedDwellPlusTolerance_RaisesDwellExceeded()
    {
        // Arrived t0+24h; planned dwell 48 − 24 = 24 h; Air tolerance 24 h → limit t0+72h; now t0+73h, not departed.
        var x = Assert.Single(Detect(TrackingAlertKind.DwellExceeded, 73, Event(TrackingMilestone.Arrived, 24, 1, "HKG")));
        Assert.Equal(At(72), x.RaisedAt);
    }

    [Fact]
    public void Detect_WithinDwellOrDepartedInTime_NoDwellExceeded()
    {
        Assert.Empty(Detect(TrackingAlertKind.DwellExceeded, 71, Event(TrackingMilestone.Arrived, 24, 1, "HKG")));
        Assert.Empty(Detect(TrackingAlertKind.DwellExceeded, 100, Event(TrackingMilestone.Arrived, 24, 1, "HKG"), Event(TrackingMilestone.Departed, 70, 2, "HKG")));
    }

    [Fact]
    public void Detect_HoldWithoutReleaseBeyondThreshold_RaisesCustomsHold()
    {
        // Held t0+90h, threshold 48 h → t0+138h; now t0+139h, no release.
        var x = Assert.Single(Detect(TrackingAlertKind.CustomsHold, 139, Event(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR")));
        Assert.Equal((2, "LHR", At(138)), (x.LegSequence, x.NodeCode, x.RaisedAt));

        // Released only after 50 h: the hold still lasted beyond 48 h.
        Assert.Single(Detect(TrackingAlertKind.CustomsHold, 200, Event(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR"), Event(TrackingMilestone.ImportCustomsReleased, 140, 2, "LHR")));
    }

    [Fact]
    public void Detect_HoldReleasedOrStillYoung_NoCustomsHold()
    {
        Assert.Empty(Detect(TrackingAlertKind.CustomsHold, 137, Event(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR")));
        Assert.Empty(Detect(TrackingAlertKind.CustomsHold, 200, Event(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR"), Event(TrackingMilestone.ImportCustomsReleased, 130, 2, "LHR")));
    }

    [Fact]
    public void Detect_PastPromisedWithoutDelivered_RaisesLateDelivery()
    {
        var x = Assert.Single(_detector.Detect(Plan(At(144)), [Event(TrackingMilestone.Arrived, 30, 1)], At(145)), e => e.Kind == TrackingAlertKind.LateDelivery);
        Assert.Equal((3, "DOOR-GB", At(144)), (x.LegSequence, x.NodeCode, x.RaisedAt));

        // A Delivered event after "now" is not yet known: still late.
        Assert.Contains(_detector.Detect(Plan(At(144)), [Event(TrackingMilestone.Delivered, 150, 3)], At(145)), e => e.Kind == TrackingAlertKind.LateDelivery);
    }

    [Fact]
    public void Detect_DeliveredOrNotYetDue_NoLateDelivery()
    {
        Assert.DoesNotContain(_detector.Detect(Plan(At(144)), [Event(TrackingMilestone.Delivered, 143, 3)], At(200)), e => e.Kind == TrackingAlertKind.LateDelivery);
        Assert.DoesNotContain(_detector.Detect(Plan(At(144)), [], At(143)), e => e.Kind == TrackingAlertKind.LateDelivery);
    }

    [Fact]
    public void Detect_NoPromise_UsesPredictedDelivery()
    {
        // No promise: deadline = the predicted delivery passed in (t0+170h), not the plan's t0+144h.
        Assert.DoesNotContain(_detector.Detect(Plan(), [], At(160), At(170)), e => e.Kind == TrackingAlertKind.LateDelivery);
        Assert.Contains(_detector.Detect(Plan(), [], At(171), At(170)), e => e.Kind == TrackingAlertKind.LateDelivery);
    }
}
