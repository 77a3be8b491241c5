using System.Globalization;
using Kuajing.Tracking.Events;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Tracking.Eta;

/// <summary>What an exception was raised on: the event and the planned and observed instants compared, and the threshold used.</summary>
/// <param name="EventId">De-duplication key of the event that revealed it (the arrival, the customs hold); <see langword="null"/> for a late delivery, revealed by the passage of time.</param>
/// <param name="PlannedAt">The planned instant compared against: the onward leg's cut-off (missed connection), the onward leg's planned departure (dwell), the latest expected release = hold + threshold (customs hold), the promised or predicted delivery (late delivery).</param>
/// <param name="ObservedAt">The observed instant: the arrival (missed connection, dwell), the hold (customs hold), the delivery if it came (late delivery), else <see langword="null"/>.</param>
/// <param name="Threshold">The threshold applied (slack, dwell tolerance, hold limit or grace), ≥ 0.</param>
/// <param name="UsualDwell">For a dwell: the planned dwell at the node (onward planned departure − inbound planned arrival, at least 0); the usual dwell is this plus <paramref name="Threshold"/>. <see langword="null"/> for the other kinds.</param>
/// <param name="Source">Where the threshold and usual dwell come from: the plan, and the threshold row of <c>data/eta/exception-thresholds.csv</c> with its citation and status.</param>
public sealed record TrackingExceptionEvidence(string? EventId, Instant? PlannedAt, Instant? ObservedAt, Duration Threshold, Duration? UsualDwell, string Source);

/// <summary>
/// One exception the rules find on a shipment at an evaluation instant, with when it was raised and, if it is already
/// resolved by then, when and by which event it was cleared.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="LegSequence">Leg concerned: the inbound leg k for a missed connection or dwell at the node between legs k and k+1; the held leg for a customs hold; the last leg for a late delivery.</param>
/// <param name="NodeCode">Node concerned.</param>
/// <param name="Occurrence">Tells apart several exceptions of one kind on one leg (a second customs hold after a release): empty, or the ISO instant of the revealing event.</param>
/// <param name="RaisedAt">Instant the rule became true (event time, never wall-clock time of detection).</param>
/// <param name="Evidence">The instants and threshold compared.</param>
/// <param name="ClearedAt">Instant it was resolved (onward departure, customs release, delivery or return), or <see langword="null"/> while open.</param>
/// <param name="ClearingEventId">De-duplication key of the event that resolved it, or <see langword="null"/>.</param>
/// <param name="Detail">Human-readable explanation.</param>
public sealed record TrackingExceptionFinding(
    TrackingAlertKind Kind,
    int LegSequence,
    string NodeCode,
    string Occurrence,
    Instant RaisedAt,
    TrackingExceptionEvidence Evidence,
    Instant? ClearedAt,
    string? ClearingEventId,
    string Detail)
{
    /// <summary>The kind as a lower snake case code (<c>missed_connection</c>, <c>dwell_exceeded</c>, <c>customs_hold</c>, <c>late_delivery</c>): the webhook code and the stored kind.</summary>
    public string Code => TrackingExceptionRules.Code(Kind);
}

/// <summary>
/// The exception rules as a state over time (issue #3 point 6), for stored exceptions: for each exception, when it was
/// raised and when it was cleared. Pure and deterministic; the thresholds are the rows of
/// <c>data/eta/exception-thresholds.csv</c> (Kuajing estimates, status E) in force on the UTC date of the instant that
/// triggers the rule (the arrival, the hold, the deadline), so re-evaluating later yields the same finding.
/// <list type="bullet">
/// <item>MissedConnection (leg k): the first <c>Arrived</c> on leg k is later than leg k+1's cut-off + <c>missed_connection_slack</c>.
/// Raised at the arrival; cleared by the first <c>Departed</c>/<c>PickedUp</c> on leg k+1 at or after it (re-booked and moving), or by delivery/return.</item>
/// <item>DwellExceeded (leg k): from that arrival, the parcel has not left by arrival + max(0, planned dwell) + <c>dwell_tolerance</c> of leg k+1's mode,
/// planned dwell = leg k+1 planned departure − leg k planned arrival. Raised at that limit; cleared by the onward departure (or delivery/return).</item>
/// <item>CustomsHold: an <c>ImportCustomsHeld</c> or an <c>ExportCustomsHeld</c> (a hold while another of the same side is still open is the
/// same hold; an export and an import hold are two holds). Raised at the hold (the hold is the exception; the <c>customs_hold</c> threshold
/// gives the release expected by); an import hold is cleared by the first <c>ImportCustomsReleased</c> on the same leg at or after it, else
/// any such release at or after it; an export hold by the first <c>ExportCleared</c> on the same leg, else any <c>ExportCleared</c>, else a
/// <c>Departed</c> at or after it (goods leave only once export customs releases them); either by delivery/return.</item>
/// <item>LateDelivery: the deadline = promised delivery, else the given predicted delivery, else the planned delivery, + <c>late_delivery_grace</c>,
/// passes before a <c>Delivered</c>/<c>Returned</c>. Raised at the deadline + grace; cleared by the delivery or return.</item>
/// </list>
/// Milestones after the evaluation instant are ignored.
/// </summary>
public sealed class TrackingExceptionRules
{
    /// <summary>The two customs holds: the milestone that opens each and the one that releases it (an export hold is released by the export clearance).</summary>
    private static readonly (TrackingMilestone Hold, TrackingMilestone Release, string Name)[] CustomsSides =
    [
        (TrackingMilestone.ImportCustomsHeld, TrackingMilestone.ImportCustomsReleased, "import"),
        (TrackingMilestone.ExportCustomsHeld, TrackingMilestone.ExportCleared, "export"),
    ];

    private readonly EtaThresholds _thresholds;

    /// <summary>Creates the rules.</summary>
    /// <param name="thresholds">Thresholds (<see cref="EtaThresholds.LoadBundled"/>).</param>
    /// <exception cref="ArgumentNullException">When <paramref name="thresholds"/> is null.</exception>
    public TrackingExceptionRules(EtaThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        _thresholds = thresholds;
    }

    /// <summary>The lower snake case code of a kind: <c>missed_connection</c>, <c>dwell_exceeded</c>, <c>customs_hold</c>, <c>late_delivery</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The code.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="kind"/> is not a defined kind.</exception>
    public static string Code(TrackingAlertKind kind) => kind switch
    {
        TrackingAlertKind.MissedConnection => "missed_connection",
        TrackingAlertKind.DwellExceeded => "dwell_exceeded",
        TrackingAlertKind.CustomsHold => "customs_hold",
        TrackingAlertKind.LateDelivery => "late_delivery",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a TrackingAlertKind"),
    };

    /// <summary>The kind of a code written by <see cref="Code"/>.</summary>
    /// <param name="code">The code.</param>
    /// <param name="kind">The kind, when known.</param>
    /// <returns><see langword="true"/> when <paramref name="code"/> is one of the four codes.</returns>
    public static bool TryParseCode(string? code, out TrackingAlertKind kind)
    {
        foreach (var k in Enum.GetValues<TrackingAlertKind>())
        {
            if (string.Equals(Code(k), code, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>Evaluates every rule at <paramref name="asOf"/>.</summary>
    /// <param name="plan">The planned shipment.</param>
    /// <param name="events">Milestones observed, any order; those after <paramref name="asOf"/> are ignored.</param>
    /// <param name="asOf">Evaluation instant: what is known by then.</param>
    /// <param name="predictedDelivery">Predicted delivery, used for LateDelivery when the plan has no promised delivery.</param>
    /// <returns>Findings ordered by raised instant, then kind and leg; empty when none.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="plan"/> or <paramref name="events"/> is null.</exception>
    /// <exception cref="ArgumentException">When an event names a leg outside 1..number of legs.</exception>
    /// <exception cref="KeyNotFoundException">When a needed threshold has no row in force on the date of the triggering instant.</exception>
    public IReadOnlyList<TrackingExceptionFinding> Evaluate(EtaShipmentPlan plan, IEnumerable<MilestoneObservation> events, Instant asOf, Instant? predictedDelivery = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(events);
        var seen = events.Where(e => e.At <= asOf).OrderBy(e => e.At).ThenBy(e => e.LegSequence).ToArray();
        foreach (var e in seen)
        {
            if (e.LegSequence < 1 || e.LegSequence > plan.Legs.Count)
            {
                throw new ArgumentException($"shipment {plan.ShipmentId}: {e.Milestone} at {e.At} names leg {e.LegSequence}; the plan has legs 1..{plan.Legs.Count}", nameof(events));
            }
        }

        var finish = Array.Find(seen, e => e.Milestone is TrackingMilestone.Delivered or TrackingMilestone.Returned);
        var found = new List<TrackingExceptionFinding>();
        for (var k = 1; k < plan.Legs.Count; k++)
        {
            var inbound = plan.Legs[k - 1];
            var onward = plan.Legs[k];
            var arrival = Array.Find(seen, e => e.Milestone == TrackingMilestone.Arrived && e.LegSequence == k);
            if (arrival is null)
            {
                continue;
            }

            var onwardDeparture = Array.Find(seen, e => e.LegSequence == k + 1 && e.Milestone is TrackingMilestone.Departed or TrackingMilestone.PickedUp && e.At >= arrival.At);
            var clearing = onwardDeparture ?? (finish is not null && finish.At >= arrival.At ? finish : null);
            var on = arrival.At.InUtc().Date;

            var slack = _thresholds.Find(EtaThresholdRule.MissedConnectionSlack, onward.Mode, on);
            var slackDuration = EtaThresholds.ToDuration(slack.Hours);
            if (arrival.At > onward.CutOff + slackDuration)
            {
                found.Add(new(TrackingAlertKind.MissedConnection, k, inbound.ToNode, "", arrival.At,
                    new(arrival.EventId, onward.CutOff, arrival.At, slackDuration, null, $"plan: leg {k + 1} cut-off; {Cite(slack)}"),
                    clearing?.At, clearing?.EventId,
                    $"arrived at {inbound.ToNode} {Iso(arrival.At)}, after leg {k + 1} ({onward.Mode}) cut-off {Iso(onward.CutOff)} + slack {Hours(slackDuration)} h"));
            }

            var tolerance = _thresholds.Find(EtaThresholdRule.DwellTolerance, onward.Mode, on);
            var toleranceDuration = EtaThresholds.ToDuration(tolerance.Hours);
            var plannedDwell = Duration.Max(Duration.Zero, onward.PlannedDeparture - inbound.PlannedArrival);
            var limit = arrival.At + plannedDwell + toleranceDuration;
            if ((clearing?.At ?? asOf) > limit)
            {
                found.Add(new(TrackingAlertKind.DwellExceeded, k, inbound.ToNode, "", limit,
                    new(arrival.EventId, onward.PlannedDeparture, arrival.At, toleranceDuration, plannedDwell, $"plan: leg {k} planned arrival to leg {k + 1} planned departure; {Cite(tolerance)}"),
                    clearing?.At, clearing?.EventId,
                    $"at {inbound.ToNode} since {Iso(arrival.At)}; usual dwell = planned {Hours(plannedDwell)} h + {onward.Mode} tolerance {Hours(toleranceDuration)} h, so it should have left by {Iso(limit)}"));
            }
        }

        // Import and export holds are separate holds (the goods can be held leaving China and again entering the
        // destination): each side keeps its own "still open" state.
        foreach (var side in CustomsSides)
        {
            Instant? openUntil = null;
            var holdOpen = false;
            foreach (var hold in seen.Where(e => e.Milestone == side.Hold))
            {
                if (holdOpen || (openUntil is { } until && hold.At < until))
                {
                    continue; // the same hold reported again before its release
                }

                var limitRow = _thresholds.Find(EtaThresholdRule.CustomsHold, null, hold.At.InUtc().Date);
                var limitDuration = EtaThresholds.ToDuration(limitRow.Hours);
                var release = Array.Find(seen, e => e.Milestone == side.Release && e.LegSequence == hold.LegSequence && e.At >= hold.At)
                    ?? Array.Find(seen, e => e.Milestone == side.Release && e.At >= hold.At)
                    ?? (side.Hold == TrackingMilestone.ExportCustomsHeld ? Array.Find(seen, e => e.Milestone == TrackingMilestone.Departed && e.At >= hold.At) : null)
                    ?? (finish is not null && finish.At >= hold.At ? finish : null);
                holdOpen = release is null;
                openUntil = release?.At;
                found.Add(new(TrackingAlertKind.CustomsHold, hold.LegSequence, hold.NodeCode, Iso(hold.At), hold.At,
                    new(hold.EventId, hold.At + limitDuration, hold.At, limitDuration, null, Cite(limitRow)),
                    release?.At, release?.EventId,
                    $"held by {side.Name} customs at {hold.NodeCode} {Iso(hold.At)}; release expected within {Hours(limitDuration)} h (by {Iso(hold.At + limitDuration)})"));
            }
        }

        var last = plan.Legs[^1];
        var deadline = plan.PromisedDelivery ?? predictedDelivery ?? plan.PlannedDelivery;
        var grace = _thresholds.Find(EtaThresholdRule.LateDeliveryGrace, last.Mode, deadline.InUtc().Date);
        var graceDuration = EtaThresholds.ToDuration(grace.Hours);
        var due = deadline + graceDuration;
        if ((finish?.At ?? asOf) > due)
        {
            var what = plan.PromisedDelivery is not null ? "promised" : predictedDelivery is not null ? "predicted" : "planned";
            found.Add(new(TrackingAlertKind.LateDelivery, last.Sequence, last.ToNode, "", due,
                new(null, deadline, finish?.At, graceDuration, null, $"plan: {what} delivery; {Cite(grace)}"),
                finish?.At, finish?.EventId,
                $"not delivered by the {what} delivery {Iso(deadline)} + grace {Hours(graceDuration)} h"));
        }

        return [.. found.OrderBy(x => x.RaisedAt).ThenBy(x => x.Kind).ThenBy(x => x.LegSequence)];
    }

    private static string Cite(EtaThreshold row) =>
        $"data/eta/exception-thresholds.csv {RuleName(row.Rule)}/{row.Mode?.ToString() ?? "*"} = {row.Hours.ToString(CultureInfo.InvariantCulture)} h ({row.Source.Citation}, status {StatusLetter(row.Source.Status)})";

    private static string RuleName(EtaThresholdRule rule) => rule switch
    {
        EtaThresholdRule.MissedConnectionSlack => "missed_connection_slack",
        EtaThresholdRule.DwellTolerance => "dwell_tolerance",
        EtaThresholdRule.CustomsHold => "customs_hold",
        EtaThresholdRule.LateDeliveryGrace => "late_delivery_grace",
        _ => "redelivery",
    };

    private static string StatusLetter(Provenance.SourceStatus status) => status switch
    {
        Provenance.SourceStatus.Confirmed => "C",
        Provenance.SourceStatus.Derived => "D",
        Provenance.SourceStatus.Unconfirmed => "U",
        _ => "E",
    };

    private static string Iso(Instant t) => InstantPattern.ExtendedIso.Format(t);

    private static string Hours(Duration d) => d.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
}
