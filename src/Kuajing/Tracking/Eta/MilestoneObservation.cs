using NodaTime;

namespace Kuajing.Tracking.Eta;

/// <summary>
/// Canonical milestones of a cross-border parcel as the ETA and exception rules see them (issue #3 point 1).
/// A minimal input shape: the full event model maps its events onto these.
/// </summary>
public enum EtaMilestone
{
    /// <summary>Collected from the shipper (first-mile departure of the leg).</summary>
    PickedUp,

    /// <summary>Export customs clearance granted at the origin.</summary>
    ExportCleared,

    /// <summary>Left the leg's departure node.</summary>
    Departed,

    /// <summary>Reached the leg's arrival node.</summary>
    Arrived,

    /// <summary>Held by import customs.</summary>
    ImportCustomsHeld,

    /// <summary>Released by import customs.</summary>
    ImportCustomsReleased,

    /// <summary>On the delivery vehicle for the last mile.</summary>
    OutForDelivery,

    /// <summary>Delivered to the consignee.</summary>
    Delivered,

    /// <summary>A delivery attempt failed.</summary>
    DeliveryFailed,

    /// <summary>Returned to the sender; the shipment will not be delivered.</summary>
    Returned,
}

/// <summary>One observed milestone of a shipment: what happened, when, where, on which leg.</summary>
/// <param name="Milestone">The canonical milestone.</param>
/// <param name="At">When it happened (event time, not capture time).</param>
/// <param name="NodeCode">Node code where it happened (e.g. <c>CGO</c>, <c>DEHAM</c>, <c>DOOR-DE</c>); informational.</param>
/// <param name="LegSequence">1-based leg of the plan the event belongs to (as <see cref="EtaLeg.Sequence"/>).</param>
public sealed record MilestoneObservation(EtaMilestone Milestone, Instant At, string NodeCode, int LegSequence);
