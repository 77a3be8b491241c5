using Kuajing.Tracking.Events;
using System.Globalization;
using NodaTime;

namespace Kuajing.Tracking.Eta;

/// <summary>Kinds of tracking exception.</summary>
public enum TrackingAlertKind
{
    /// <summary>The parcel arrived at a node after the onward leg's cut-off (plus slack): it missed that departure.</summary>
    MissedConnection,

    /// <summary>The parcel stayed at a node longer than the planned dwell plus the tolerance for the onward leg's mode.</summary>
    DwellExceeded,

    /// <summary>An import customs hold was not released within the <c>customs_hold</c> threshold.</summary>
    CustomsHold,

    /// <summary>The promised (else predicted) delivery plus grace has passed without a Delivered milestone.</summary>
    LateDelivery,
}

/// <summary>One raised exception.</summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="LegSequence">Leg concerned (for a dwell or missed connection: the inbound leg).</param>
/// <param name="NodeCode">Node concerned.</param>
/// <param name="RaisedAt">Instant the rule became true (e.g. hold time + threshold), ≤ the evaluation instant.</param>
/// <param name="Detail">Human-readable explanation with the instants and threshold used.</param>
public sealed record TrackingAlert(TrackingAlertKind Kind, int LegSequence, string NodeCode, Instant RaisedAt, string Detail);

/// <summary>
/// Raises tracking exceptions for a shipment at an evaluation instant <c>now</c>, from its plan and the
/// milestones observed up to <c>now</c> (later events are ignored). Pure and deterministic. Thresholds come from
/// <see cref="EtaThresholds"/> (<c>data/eta/exception-thresholds.csv</c>, Kuajing estimates, status E), looked up on the UTC date of <c>now</c>.
/// <list type="bullet">
/// <item>MissedConnection: an <c>Arrived</c> on leg k later than leg k+1's cut-off + <c>missed_connection_slack</c>.</item>
/// <item>DwellExceeded: between <c>Arrived</c> on leg k and <c>Departed</c>/<c>PickedUp</c> on leg k+1 (or <c>now</c> if not yet departed), more than max(0, planned dwell) + <c>dwell_tolerance</c> of leg k+1's mode, planned dwell = leg k+1 planned departure − leg k planned arrival.</item>
/// <item>CustomsHold: an <c>ImportCustomsHeld</c> with no <c>ImportCustomsReleased</c>, or an <c>ExportCustomsHeld</c> with no <c>ExportCleared</c>, on the same leg within <c>customs_hold</c> hours.</item>
/// <item>LateDelivery: no <c>Delivered</c> (and no <c>Returned</c>) by <c>now</c>, and <c>now</c> &gt; deadline + <c>late_delivery_grace</c>, deadline = the plan's promised delivery, else the given predicted delivery, else the planned delivery.</item>
/// </list>
/// </summary>
public sealed class TrackingAlertDetector
{
    private readonly EtaThresholds _thresholds;

    /// <summary>Creates a detector.</summary>
    /// <param name="thresholds">Thresholds.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="thresholds"/> is null.</exception>
    public TrackingAlertDetector(EtaThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        _thresholds = thresholds;
    }

    /// <summary>Evaluates every rule.</summary>
    /// <param name="plan">The planned shipment.</param>
    /// <param name="events">Milestones observed, any order; those after <paramref name="now"/> are ignored.</param>
    /// <param name="now">Evaluation instant.</param>
    /// <param name="predictedDelivery">Predicted delivery (e.g. <see cref="EtaPrediction.Expected"/>), used for LateDelivery when the plan has no promised delivery.</param>
    /// <returns>Raised exceptions ordered by <see cref="TrackingAlert.RaisedAt"/>, then kind and leg; empty when none.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="plan"/> or <paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">When an event names a leg outside 1..number of legs.</exception>
    /// <exception cref="KeyNotFoundException">When a needed threshold has no row in force on the date of <paramref name="now"/>.</exception>
    public IReadOnlyList<TrackingAlert> Detect(EtaShipmentPlan plan, IEnumerable<MilestoneObservation> events, Instant now, Instant? predictedDelivery = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(events);
        var seen = events.Where(e => e.At <= now).OrderBy(e => e.At).ThenBy(e => e.LegSequence).ToArray();
        foreach (var e in seen)
        {
            if (e.LegSequence < 1 || e.LegSequence > plan.Legs.Count)
            {
                throw new ArgumentException($"shipment {plan.ShipmentId}: {e.Milestone} at {e.At} names leg {e.LegSequence}; the plan has legs 1..{plan.Legs.Count}", nameof(events));
            }
        }

        var today = now.InUtc().Date;
        var raised = new List<TrackingAlert>();
        for (var k = 1; k < plan.Legs.Count; k++)
        {
            var inbound = plan.Legs[k - 1];
            var onward = plan.Legs[k];
            var arrival = First(seen, TrackingMilestone.Arrived, k);
            if (arrival is null)
            {
                continue;
            }

            var slack = _thresholds.Get(EtaThresholdRule.MissedConnectionSlack, onward.Mode, today);
            if (arrival.At > onward.CutOff + slack)
            {
                raised.Add(new(TrackingAlertKind.MissedConnection, k, inbound.ToNode, arrival.At,
                    $"arrived at {inbound.ToNode} {arrival.At} after leg {k + 1} cut-off {onward.CutOff} + slack {Hours(slack)} h"));
            }

            var departure = seen.FirstOrDefault(e => e.LegSequence == k + 1 && e.Milestone is TrackingMilestone.Departed or TrackingMilestone.PickedUp && e.At >= arrival.At);
            var plannedDwell = Duration.Max(Duration.Zero, onward.PlannedDeparture - inbound.PlannedArrival);
            var tolerance = _thresholds.Get(EtaThresholdRule.DwellTolerance, onward.Mode, today);
            var limit = arrival.At + plannedDwell + tolerance;
            var dwellEnd = departure?.At ?? now;
            if (dwellEnd > limit)
            {
                raised.Add(new(TrackingAlertKind.DwellExceeded, k, inbound.ToNode, limit,
                    $"at {inbound.ToNode} since {arrival.At}, {(departure is null ? "not departed by " + now.ToString() : "departed " + departure.At.ToString())}; planned dwell {Hours(plannedDwell)} h + {onward.Mode} tolerance {Hours(tolerance)} h"));
            }
        }

        var holdLimit = _thresholds.Get(EtaThresholdRule.CustomsHold, null, today);
        foreach (var hold in seen.Where(e => e.Milestone is TrackingMilestone.ImportCustomsHeld or TrackingMilestone.ExportCustomsHeld))
        {
            var export = hold.Milestone == TrackingMilestone.ExportCustomsHeld;
            var released = export ? TrackingMilestone.ExportCleared : TrackingMilestone.ImportCustomsReleased;
            var release = seen.FirstOrDefault(e => e.Milestone == released && e.LegSequence == hold.LegSequence && e.At >= hold.At);
            var deadline = hold.At + holdLimit;
            if ((release?.At ?? now) > deadline)
            {
                raised.Add(new(TrackingAlertKind.CustomsHold, hold.LegSequence, hold.NodeCode, deadline,
                    $"held by {(export ? "export" : "import")} customs at {hold.NodeCode} {hold.At}; {(release is null ? "not released by " + now.ToString() : "released " + release.At.ToString())}; threshold {Hours(holdLimit)} h"));
            }
        }

        if (!seen.Any(e => e.Milestone is TrackingMilestone.Delivered or TrackingMilestone.Returned))
        {
            var last = plan.Legs[^1];
            var promised = plan.PromisedDelivery ?? predictedDelivery ?? plan.PlannedDelivery;
            var due = promised + _thresholds.Get(EtaThresholdRule.LateDeliveryGrace, last.Mode, today);
            if (now > due)
            {
                raised.Add(new(TrackingAlertKind.LateDelivery, last.Sequence, last.ToNode, due,
                    $"not delivered by {now}; {(plan.PromisedDelivery is null ? "predicted" : "promised")} delivery {promised}, grace until {due}"));
            }
        }

        return raised.OrderBy(x => x.RaisedAt).ThenBy(x => x.Kind).ThenBy(x => x.LegSequence).ToArray();
    }

    private static MilestoneObservation? First(MilestoneObservation[] seen, TrackingMilestone milestone, int leg) =>
        Array.Find(seen, e => e.Milestone == milestone && e.LegSequence == leg);

    private static string Hours(Duration d) => d.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
}
