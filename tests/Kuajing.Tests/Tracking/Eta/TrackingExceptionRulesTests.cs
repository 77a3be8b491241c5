using Kuajing.Tracking.Eta;
using Kuajing.Tracking.Events;
using NodaTime;
using static Kuajing.Tests.Tracking.Eta.EtaPlanFixture;

namespace Kuajing.Tests.Tracking.Eta;

// Plan (EtaPlanFixture, t0 = 2026-03-02 00:00 UTC): leg 1 Road SZX-WH→HKG 0h→24h; leg 2 Air HKG→LHR 48h→96h, cut-off 44h;
// leg 3 LastMile LHR→DOOR-GB 120h→144h, cut-off 116h. Thresholds: data/eta/exception-thresholds.csv (Kuajing estimates,
// status E): missed-connection slack 0 h, dwell tolerance Air 24 h / LastMile 24 h, customs hold 48 h, late-delivery grace 0 h.
public sealed class TrackingExceptionRulesTests
{
    private readonly TrackingExceptionRules _rules = new(Thresholds);

    private static MilestoneObservation Ev(TrackingMilestone m, double hours, int leg, string node, string id) => new(m, At(hours), node, leg, id);

    [Fact]
    public void Evaluate_ArrivalAfterCutOffThenOnwardDeparture_MissedConnectionRaisedAtArrivalClearedAtDeparture()
    {
        // Arrived at HKG t0+45h > leg 2 cut-off t0+44h + 0 h slack; the parcel leaves on leg 2 at t0+70h (next flight).
        var found = _rules.Evaluate(Plan(), [Ev(TrackingMilestone.Arrived, 45, 1, "HKG", "id:a"), Ev(TrackingMilestone.Departed, 70, 2, "HKG", "id:d")], At(80));

        var x = Assert.Single(found, f => f.Kind == TrackingAlertKind.MissedConnection);
        Assert.Equal((1, "HKG", At(45), (Instant?)At(70), "id:d"), (x.LegSequence, x.NodeCode, x.RaisedAt, x.ClearedAt, x.ClearingEventId));
        Assert.Equal(("id:a", (Instant?)At(44), (Instant?)At(45)), (x.Evidence.EventId, x.Evidence.PlannedAt, x.Evidence.ObservedAt));
        Assert.Contains("missed_connection_slack", x.Evidence.Source, StringComparison.Ordinal);
        Assert.Equal("missed_connection", x.Code);

        // Dwell: limit = 45 + planned dwell (48 − 24 = 24 h) + Air tolerance 24 h = t0+93h; departed at 70 h: none.
        Assert.DoesNotContain(found, f => f.Kind == TrackingAlertKind.DwellExceeded);
    }

    [Fact]
    public void Evaluate_NoDepartureByUsualDwell_DwellOpenUntilDeparture()
    {
        // Arrived HKG t0+24h; usual dwell = planned 24 h + Air tolerance 24 h → should leave by t0+72h.
        Assert.DoesNotContain(_rules.Evaluate(Plan(), [Ev(TrackingMilestone.Arrived, 24, 1, "HKG", "id:a")], At(72)), f => f.Kind == TrackingAlertKind.DwellExceeded);
        var open = Assert.Single(_rules.Evaluate(Plan(), [Ev(TrackingMilestone.Arrived, 24, 1, "HKG", "id:a")], At(73)), f => f.Kind == TrackingAlertKind.DwellExceeded);
        Assert.Equal((At(72), (Instant?)null, (Duration?)Duration.FromHours(24), Duration.FromHours(24)), (open.RaisedAt, open.ClearedAt, open.Evidence.UsualDwell, open.Evidence.Threshold));

        var cleared = Assert.Single(_rules.Evaluate(Plan(), [Ev(TrackingMilestone.Arrived, 24, 1, "HKG", "id:a"), Ev(TrackingMilestone.Departed, 80, 2, "HKG", "id:d")], At(100)), f => f.Kind == TrackingAlertKind.DwellExceeded);
        Assert.Equal((At(72), (Instant?)At(80)), (cleared.RaisedAt, cleared.ClearedAt));
    }

    [Fact]
    public void Evaluate_CustomsHoldReportedTwiceThenReleased_OneHoldRaisedAtFirstReportClearedAtRelease()
    {
        // The hold is the exception (raised when it is reported); the 48 h threshold only dates the expected release.
        var found = _rules.Evaluate(Plan(), [Ev(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR", "id:h1"), Ev(TrackingMilestone.ImportCustomsHeld, 95, 2, "LHR", "id:h2"), Ev(TrackingMilestone.ImportCustomsReleased, 100, 2, "LHR", "id:r")], At(101));

        var x = Assert.Single(found, f => f.Kind == TrackingAlertKind.CustomsHold);
        Assert.Equal((At(90), (Instant?)At(100), "id:r", "id:h1", (Instant?)At(138)), (x.RaisedAt, x.ClearedAt, x.ClearingEventId, x.Evidence.EventId, x.Evidence.PlannedAt));
    }

    [Fact]
    public void Evaluate_SecondHoldAfterRelease_IsASecondException()
    {
        var found = _rules.Evaluate(Plan(), [Ev(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR", "id:h1"), Ev(TrackingMilestone.ImportCustomsReleased, 100, 2, "LHR", "id:r"), Ev(TrackingMilestone.ImportCustomsHeld, 101, 2, "LHR", "id:h2")], At(102));

        var holds = found.Where(f => f.Kind == TrackingAlertKind.CustomsHold).ToArray();
        Assert.Equal(2, holds.Length);
        Assert.NotEqual(holds[0].Occurrence, holds[1].Occurrence);
        Assert.Null(holds[1].ClearedAt);
    }

    [Fact]
    public void Evaluate_ExportHoldThenExportCleared_CustomsHoldRaisedAtHoldClearedByExportClearance()
    {
        // A China customs receipt 500/501–599 on an export list is an export-side hold (docs/china-customs.md §7); goods leave
        // only once export customs releases them, and the release is reported as ExportCleared (receipt 800 on an export list).
        // Threshold customs_hold 48 h (data/eta/exception-thresholds.csv, status E): expected release by t0+2h+48h = t0+50h.
        var found = _rules.Evaluate(Plan(), [Ev(TrackingMilestone.ExportCustomsHeld, 2, 1, "SZX-WH", "id:xh"), Ev(TrackingMilestone.ExportCleared, 10, 1, "SZX-WH", "id:xc")], At(11));

        var x = Assert.Single(found, f => f.Kind == TrackingAlertKind.CustomsHold);
        Assert.Equal((1, "SZX-WH", At(2), (Instant?)At(10), "id:xc", (Instant?)At(50)), (x.LegSequence, x.NodeCode, x.RaisedAt, x.ClearedAt, x.ClearingEventId, x.Evidence.PlannedAt));
        Assert.Contains("export customs", x.Detail, StringComparison.Ordinal);
        Assert.Equal("customs_hold", x.Code);
    }

    [Fact]
    public void Evaluate_ExportHoldThenImportRelease_ImportReleaseDoesNotClearTheExportHold()
    {
        // Two sides, two holds: an ImportCustomsReleased at the destination says nothing about the export hold at origin, but a
        // departure after the hold does (the goods left, so export customs let them go).
        var open = Assert.Single(_rules.Evaluate(Plan(), [Ev(TrackingMilestone.ExportCustomsHeld, 2, 1, "SZX-WH", "id:xh"), Ev(TrackingMilestone.ImportCustomsReleased, 5, 1, "SZX-WH", "id:ir")], At(6)));
        Assert.Null(open.ClearedAt);

        var left = Assert.Single(_rules.Evaluate(Plan(), [Ev(TrackingMilestone.ExportCustomsHeld, 2, 1, "SZX-WH", "id:xh"), Ev(TrackingMilestone.Departed, 30, 2, "HKG", "id:d")], At(31)));
        Assert.Equal(((Instant?)At(30), "id:d"), (left.ClearedAt, left.ClearingEventId));
    }

    [Fact]
    public void Evaluate_ExportHoldAndLaterImportHold_TwoCustomsHolds()
    {
        var holds = _rules.Evaluate(Plan(), [Ev(TrackingMilestone.ExportCustomsHeld, 2, 1, "SZX-WH", "id:xh"), Ev(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR", "id:ih")], At(95))
            .Where(f => f.Kind == TrackingAlertKind.CustomsHold).ToArray();
        Assert.Equal(["id:xh", "id:ih"], holds.Select(h => h.Evidence.EventId));
        Assert.All(holds, h => Assert.Null(h.ClearedAt));
    }

    [Fact]
    public void Evaluate_PromisedDeliveryPassed_LateRaisedAtPromiseClearedAtDelivery()
    {
        // Promised t0+144h, grace 0 h.
        Assert.Empty(_rules.Evaluate(Plan(At(144)), [Ev(TrackingMilestone.PickedUp, 1, 1, "SZX-WH", "id:p")], At(144)));
        var open = Assert.Single(_rules.Evaluate(Plan(At(144)), [Ev(TrackingMilestone.PickedUp, 1, 1, "SZX-WH", "id:p")], At(145)));
        Assert.Equal((TrackingAlertKind.LateDelivery, 3, At(144), (Instant?)null), (open.Kind, open.LegSequence, open.RaisedAt, open.ClearedAt));

        var late = Assert.Single(_rules.Evaluate(Plan(At(144)), [Ev(TrackingMilestone.Delivered, 150, 3, "DOOR-GB", "id:del")], At(160)));
        Assert.Equal((At(144), (Instant?)At(150), (Instant?)At(150)), (late.RaisedAt, late.ClearedAt, late.Evidence.ObservedAt));

        // Delivered on time: nothing, whenever evaluated.
        Assert.Empty(_rules.Evaluate(Plan(At(144)), [Ev(TrackingMilestone.Delivered, 140, 3, "DOOR-GB", "id:del")], At(400)));
    }

    [Fact]
    public void Evaluate_EventsAfterAsOf_Ignored()
    {
        // The release at 100 h is not known at 99 h: the hold is still open then.
        var x = Assert.Single(_rules.Evaluate(Plan(), [Ev(TrackingMilestone.ImportCustomsHeld, 90, 2, "LHR", "id:h"), Ev(TrackingMilestone.ImportCustomsReleased, 100, 2, "LHR", "id:r")], At(99)));
        Assert.Null(x.ClearedAt);
    }
}
