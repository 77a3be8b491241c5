using Kuajing.Tracking.Events;
using NodaTime;

namespace Kuajing.Tracking.Eta;

/// <summary>One observed milestone of a shipment: what happened, when, where, on which leg.</summary>
/// <param name="Milestone">The canonical milestone (<see cref="TrackingMilestone.Info"/> and <see cref="TrackingMilestone.Other"/> are ignored by the ETA and alert rules).</param>
/// <param name="At">When it happened (event time, not capture time).</param>
/// <param name="NodeCode">Node code where it happened (e.g. <c>CGO</c>, <c>DEHAM</c>, <c>DOOR-DE</c>); informational.</param>
/// <param name="LegSequence">1-based leg of the plan the event belongs to (as <see cref="EtaLeg.Sequence"/>).</param>
/// <param name="EventId">The stored event's de-duplication key (e.g. <c>id:</c> + the source's event id), quoted as evidence by
/// <see cref="TrackingExceptionRules"/>; <see langword="null"/> when the observation does not come from a stored event.</param>
public sealed record MilestoneObservation(TrackingMilestone Milestone, Instant At, string NodeCode, int LegSequence, string? EventId = null);
