using Kuajing.Tracking.Events;
using Kuajing.Lanes;
using NodaTime;

namespace Kuajing.Tracking.Eta;

/// <summary>Where a shipment stands for its ETA.</summary>
public enum EtaStatus
{
    /// <summary>No milestone yet: the ETA is the plan plus the calibrated delay.</summary>
    Planned,

    /// <summary>At least one milestone observed, not delivered.</summary>
    InTransit,

    /// <summary>Delivered: the ETA is the delivery instant.</summary>
    Delivered,

    /// <summary>Returned to the sender: no delivery will happen; the instants are the return instant.</summary>
    Returned,
}

/// <summary>A predicted delivery with its confidence band.</summary>
/// <param name="Status">Where the shipment stands.</param>
/// <param name="Expected">Point estimate of delivery (median of the calibrated delay).</param>
/// <param name="Early">Lower end of the band (P10 of the calibrated delay), ≤ <paramref name="Expected"/>.</param>
/// <param name="Late">Upper end of the band (P90 of the calibrated delay), ≥ <paramref name="Expected"/>.</param>
/// <param name="ObservedLateness">Lateness of the latest milestone against its planned instant, ≥ 0 (early milestones count as 0: later legs still depart on schedule).</param>
/// <param name="AnchorLeg">Leg of the milestone the prediction starts from; <see langword="null"/> when none.</param>
/// <param name="AnchorMilestone">That milestone; <see langword="null"/> when none.</param>
/// <param name="RemainingMode">Mode whose delay distribution was applied; <see langword="null"/> when no planned travel remained.</param>
/// <param name="RemainingShare">Share (0–1) of the planned door-to-door time still ahead of the anchor; the calibrated delay is scaled by it.</param>
public sealed record EtaPrediction(
    EtaStatus Status,
    Instant Expected,
    Instant Early,
    Instant Late,
    Duration ObservedLateness,
    int? AnchorLeg,
    TrackingMilestone? AnchorMilestone,
    TransportMode? RemainingMode,
    double RemainingShare);

/// <summary>
/// Predicts a shipment's delivery from its plan and the milestones observed so far. Pure and deterministic.
/// <para>Rule: take the furthest milestone (highest leg, then latest time; <see cref="TrackingMilestone.Returned"/> and
/// <see cref="TrackingMilestone.Delivered"/> end the prediction). Its planned instant is the leg's planned departure
/// (<c>PickedUp</c>, <c>ExportCleared</c>, <c>Departed</c>) or planned arrival (every other milestone). The
/// observed lateness L = max(0, event time − planned instant) shifts every remaining leg. The remaining share f =
/// (planned delivery − planned instant) / (planned delivery − first planned departure). The calibrated delay
/// distribution D of the remaining mode (the mode of the remaining leg with the longest planned time still ahead)
/// is added scaled by f: Expected = planned delivery + L + f·D.P50, Early = … + f·D.P10, Late = … + f·D.P90,
/// each no earlier than the latest observed milestone. After <see cref="TrackingMilestone.DeliveryFailed"/> the
/// next attempt is expected the <c>redelivery</c> threshold after the failure.</para>
/// Source of D: USAID SCMS Delivery History Dataset (2019-10-08) through <see cref="DelayProfile"/>; the scaling by f is a Kuajing assumption (delay accrues in proportion to planned time).
/// </summary>
public sealed class EtaPredictor
{
    private readonly DelayProfile _profile;
    private readonly EtaThresholds _thresholds;

    /// <summary>Creates a predictor.</summary>
    /// <param name="profile">Calibrated delay per mode.</param>
    /// <param name="thresholds">Thresholds (only <see cref="EtaThresholdRule.Redelivery"/> is used here).</param>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public EtaPredictor(DelayProfile profile, EtaThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(thresholds);
        _profile = profile;
        _thresholds = thresholds;
    }

    /// <summary>Predicts the delivery of a shipment.</summary>
    /// <param name="plan">The planned shipment.</param>
    /// <param name="events">Milestones observed so far, in any order (may be empty).</param>
    /// <returns>The prediction.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When an event names a leg outside 1..number of legs.</exception>
    /// <exception cref="KeyNotFoundException">When the remaining mode has no calibrated delay, or no redelivery threshold is in force (unknown, never zero).</exception>
    public EtaPrediction Predict(EtaShipmentPlan plan, IEnumerable<MilestoneObservation> events)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(events);
        MilestoneObservation? anchor = null, terminal = null;
        foreach (var e in events)
        {
            if (e.LegSequence < 1 || e.LegSequence > plan.Legs.Count)
            {
                throw new ArgumentException($"shipment {plan.ShipmentId}: {e.Milestone} at {e.At} names leg {e.LegSequence}; the plan has legs 1..{plan.Legs.Count}", nameof(events));
            }

            if (e.Milestone is TrackingMilestone.Info or TrackingMilestone.Other)
            {
                continue; // facts without a place in the milestone order do not move the ETA
            }

            if (e.Milestone is TrackingMilestone.Delivered or TrackingMilestone.Returned)
            {
                if (terminal is null || e.At > terminal.At)
                {
                    terminal = e;
                }
            }
            else if (anchor is null || (e.LegSequence, e.At, Rank(e.Milestone)).CompareTo((anchor.LegSequence, anchor.At, Rank(anchor.Milestone))) > 0)
            {
                anchor = e;
            }
        }

        if (terminal is not null)
        {
            var status = terminal.Milestone == TrackingMilestone.Delivered ? EtaStatus.Delivered : EtaStatus.Returned;
            return new EtaPrediction(status, terminal.At, terminal.At, terminal.At, Duration.Zero, terminal.LegSequence, terminal.Milestone, null, 0);
        }

        var start = plan.Legs[0].PlannedDeparture;
        var end = plan.PlannedDelivery;
        var reference = start;
        var lateness = Duration.Zero;
        var floor = start;
        if (anchor is not null)
        {
            var leg = plan.Legs[anchor.LegSequence - 1];
            reference = IsDepartureSide(anchor.Milestone) ? leg.PlannedDeparture : leg.PlannedArrival;
            lateness = Duration.Max(Duration.Zero, anchor.At - reference);
            floor = anchor.At;
        }

        var total = (end - start).TotalTicks;
        var share = total > 0 ? Math.Clamp((end - reference).TotalTicks / total, 0, 1) : 0;
        var mode = RemainingMode(plan, reference);
        var shifted = end + lateness;
        Instant expected, early, late;
        if (mode is null || share == 0)
        {
            expected = early = late = shifted;
        }
        else
        {
            var d = _profile.For(mode.Value);
            expected = shifted + Days(share * d.P50Days);
            early = shifted + Days(share * d.P10Days);
            late = shifted + Days(share * d.P90Days);
        }

        if (anchor?.Milestone == TrackingMilestone.DeliveryFailed)
        {
            var retry = anchor.At + _thresholds.Get(EtaThresholdRule.Redelivery, plan.Legs[^1].Mode, anchor.At.InUtc().Date);
            expected = Instant.Max(expected, retry);
            early = Instant.Max(early, retry);
            late = Instant.Max(late, retry);
        }

        return new EtaPrediction(
            anchor is null ? EtaStatus.Planned : EtaStatus.InTransit,
            Instant.Max(expected, floor),
            Instant.Max(early, floor),
            Instant.Max(late, floor),
            lateness,
            anchor?.LegSequence,
            anchor?.Milestone,
            share == 0 ? null : mode,
            share);
    }

    private static bool IsDepartureSide(TrackingMilestone m) => m is TrackingMilestone.PickedUp or TrackingMilestone.ExportCustomsHeld or TrackingMilestone.ExportCleared or TrackingMilestone.Departed;

    private static int Rank(TrackingMilestone m) => (int)m;

    private static TransportMode? RemainingMode(EtaShipmentPlan plan, Instant reference)
    {
        TransportMode? best = null;
        var bestAhead = Duration.Zero;
        foreach (var leg in plan.Legs)
        {
            var ahead = leg.PlannedArrival - Instant.Max(leg.PlannedDeparture, reference);
            if (ahead > bestAhead)
            {
                bestAhead = ahead;
                best = leg.Mode;
            }
        }

        return best;
    }

    private static Duration Days(double days) => Duration.FromSeconds(Math.Round(days * 86_400, MidpointRounding.AwayFromZero));
}
