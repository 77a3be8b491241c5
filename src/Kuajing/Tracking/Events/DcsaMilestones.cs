namespace Kuajing.Tracking.Events;

/// <summary>
/// DCSA Track &amp; Trace event codes → <see cref="TrackingMilestone"/> (table "DCSA → milestone" in <c>docs/tracking-events.md</c>).
/// The classifier (PLN/EST/ACT) does not change the milestone; it is kept on the event so an estimated arrival stays an estimate.
/// </summary>
public static class DcsaMilestones
{
    /// <summary>The milestone of a DCSA event.</summary>
    /// <param name="eventTypeCode">SHIPMENT, TRANSPORT, EQUIPMENT, IOT or REEFER.</param>
    /// <param name="eventCode">The type-specific code (e.g. ARRI, LOAD, HOLD).</param>
    /// <param name="documentTypeCode">For SHIPMENT events, the document type (CUS marks customs); may be <see langword="null"/>.</param>
    /// <returns>
    /// TRANSPORT ARRI → Arrived, DEPA → Departed; SHIPMENT HOLD/RELS on a CUS document → ImportCustomsHeld/Released; other
    /// known codes → Info; unknown → Other.
    /// </returns>
    public static TrackingMilestone Milestone(string? eventTypeCode, string? eventCode, string? documentTypeCode) =>
        (eventTypeCode, eventCode, documentTypeCode) switch
        {
            ("TRANSPORT", "ARRI", _) => TrackingMilestone.Arrived,
            ("TRANSPORT", "DEPA", _) => TrackingMilestone.Departed,
            ("SHIPMENT", "HOLD", "CUS") => TrackingMilestone.ImportCustomsHeld,
            ("SHIPMENT", "RELS", "CUS") => TrackingMilestone.ImportCustomsReleased,
            ("SHIPMENT", _, _) or ("EQUIPMENT", _, _) or ("IOT", _, _) or ("REEFER", _, _) => TrackingMilestone.Info,
            _ => TrackingMilestone.Other,
        };
}
