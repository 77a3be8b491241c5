using Kuajing.Tracking.Events;
using Kuajing.Storage;
using Kuajing.Tracking.Eta;
using NodaTime;

namespace Kuajing.Timeline;

/// <summary>A shipment's predicted delivery and open alerts, computed from its plan and its stored timeline.</summary>
/// <param name="Prediction">Predicted delivery with its P10–P90 band.</param>
/// <param name="Alerts">Logistics exceptions raised (missed connection, dwell exceeded, customs hold, late delivery).</param>
/// <param name="Observations">The timeline events that carried a milestone, mapped to legs.</param>
public sealed record ShipmentEtaReport(EtaPrediction Prediction, IReadOnlyList<TrackingAlert> Alerts, IReadOnlyList<MilestoneObservation> Observations);

/// <summary>
/// Joins the planned shipment (<see cref="ShipmentRecord"/> with its legs) and its timeline events into an ETA and
/// alerts (<see cref="EtaPredictor"/>, <see cref="TrackingAlertDetector"/>), recomputed whenever events arrive.
/// <para>Events carry places, not leg numbers. An event is assigned to the leg whose departure node (for PickedUp,
/// ExportCleared, Departed) or arrival node (for the other milestones) equals the event's location code; when no
/// leg matches, to the last leg planned to have started by the event time (a Kuajing rule, documented in
/// docs/tracking-events.md). Events without a canonical milestone (Info, Other) do not move the ETA.</para>
/// </summary>
public sealed class ShipmentEta
{
    private readonly EtaPredictor _predictor;
    private readonly TrackingAlertDetector _alerts;

    /// <summary>Creates the estimator over calibrated delays and alert thresholds.</summary>
    /// <param name="profile">Calibrated delay distributions by mode (<see cref="DelayProfile.LoadBundled"/>).</param>
    /// <param name="thresholds">Alert thresholds (<see cref="EtaThresholds.LoadBundled"/>).</param>
    public ShipmentEta(DelayProfile profile, EtaThresholds thresholds)
    {
        _predictor = new EtaPredictor(profile, thresholds);
        _alerts = new TrackingAlertDetector(thresholds);
    }

    /// <summary>Predicts delivery and raises alerts as of <paramref name="now"/>.</summary>
    /// <param name="shipment">The planned shipment with its legs loaded.</param>
    /// <param name="events">Its timeline, any order.</param>
    /// <param name="now">The evaluation instant (for late-delivery and hold alerts).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">When the shipment has no legs.</exception>
    public ShipmentEtaReport Estimate(ShipmentRecord shipment, IReadOnlyList<TimelineEventRecord> events, Instant now)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(events);
        var plan = EtaShipmentPlan.FromRecord(shipment);
        var observations = Observe(plan, events);
        var prediction = _predictor.Predict(plan, observations);
        var alerts = _alerts.Detect(plan, observations, now, prediction.Expected);
        return new ShipmentEtaReport(prediction, alerts, observations);
    }

    /// <summary>
    /// Maps timeline events onto the plan's legs (the rule in the class remarks); events without a canonical milestone
    /// are left out. Each observation carries the event's de-duplication key as its <see cref="MilestoneObservation.EventId"/>.
    /// </summary>
    /// <param name="plan">The planned shipment.</param>
    /// <param name="events">Its timeline, any order.</param>
    /// <returns>The observations, in the order of <paramref name="events"/>.</returns>
    internal static List<MilestoneObservation> Observe(EtaShipmentPlan plan, IEnumerable<TimelineEventRecord> events)
    {
        var observations = new List<MilestoneObservation>();
        foreach (var e in events)
        {
            if (!Enum.TryParse<TrackingMilestone>(e.Milestone, out var milestone) || milestone is TrackingMilestone.Info or TrackingMilestone.Other)
            {
                continue; // a fact on the timeline, not a milestone
            }

            var at = Instant.FromDateTimeUtc(DateTime.SpecifyKind(e.EventTimeUtc, DateTimeKind.Utc));
            var departing = milestone is TrackingMilestone.PickedUp or TrackingMilestone.ExportCustomsHeld or TrackingMilestone.ExportCleared or TrackingMilestone.Departed;
            EtaLeg? leg = null;
            foreach (var l in plan.Legs)
            {
                if (string.Equals(departing ? l.FromNode : l.ToNode, e.Location, StringComparison.OrdinalIgnoreCase))
                {
                    leg = l;
                    break;
                }
            }

            leg ??= plan.Legs.LastOrDefault(l => l.PlannedDeparture <= at) ?? plan.Legs[0];
            observations.Add(new MilestoneObservation(milestone, at, e.Location ?? (departing ? leg.FromNode : leg.ToNode), leg.Sequence, e.EventKey));
        }

        return observations;
    }
}
