namespace Kuajing.Timeline;

/// <summary>
/// A stored, dated exception on a shipment (issue #3 point 6, table <c>shipment_exceptions</c>): raised once (unique
/// <see cref="ExceptionId"/>), then open until cleared. Written by <see cref="ShipmentExceptionMonitor"/> in the capture
/// transaction (what the captured events reveal) or by its scan (what the passage of time reveals).
/// </summary>
public sealed class ShipmentExceptionRecord
{
    /// <summary>Value of <see cref="Status"/> while the exception is open.</summary>
    public const string Open = "open";

    /// <summary>Value of <see cref="Status"/> once the exception is cleared.</summary>
    public const string Cleared = "cleared";

    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Stable identity, unique: <c>shipment/code/leg</c>, plus <c>/</c> + the revealing event's ISO instant for a customs hold
    /// (several holds on one leg are distinct exceptions). 1 to 180 characters.</summary>
    public required string ExceptionId { get; set; }

    /// <summary>The shipment's Kuajing S10 number (13 characters).</summary>
    public required string ShipmentNumber { get; set; }

    /// <summary>Kind as a lower snake case code: <c>missed_connection</c>, <c>dwell_exceeded</c>, <c>customs_hold</c> or <c>late_delivery</c>.</summary>
    public required string Code { get; set; }

    /// <summary>Leg concerned, 1-based (the inbound leg for a missed connection or dwell; the last leg for a late delivery).</summary>
    public int? LegSequence { get; set; }

    /// <summary>Node concerned (node code or UN/LOCODE), or <see langword="null"/>.</summary>
    public string? NodeCode { get; set; }

    /// <summary>When the rule became true (UTC, event time): the late arrival, the hold, the end of the usual dwell, the delivery deadline.</summary>
    public DateTime RaisedAtUtc { get; set; }

    /// <summary>When Kuajing stored it (UTC, the store's clock).</summary>
    public DateTime DetectedAtUtc { get; set; }

    /// <summary>Who raised it: <c>capture</c> (in the capture transaction) or <c>scan</c> (<c>kuajing exceptions scan</c>).</summary>
    public required string RaisedBy { get; set; }

    /// <summary>Evidence: the de-duplication key of the event that revealed it, or <see langword="null"/> (late delivery).</summary>
    public string? EvidenceEventKey { get; set; }

    /// <summary>Evidence: the planned instant compared against (UTC), or <see langword="null"/>.</summary>
    public DateTime? PlannedAtUtc { get; set; }

    /// <summary>Evidence: the observed instant (UTC), or <see langword="null"/>.</summary>
    public DateTime? ObservedAtUtc { get; set; }

    /// <summary>Evidence: the threshold applied, seconds, ≥ 0.</summary>
    public long ThresholdSeconds { get; set; }

    /// <summary>Evidence: for a dwell, the planned dwell at the node, seconds (the usual dwell is this + the threshold); otherwise <see langword="null"/>.</summary>
    public long? UsualDwellSeconds { get; set; }

    /// <summary>Evidence: where the threshold and planned figures come from (plan, data file row with citation and status).</summary>
    public required string Source { get; set; }

    /// <summary>Human-readable explanation.</summary>
    public required string Detail { get; set; }

    /// <summary><see cref="Open"/> or <see cref="Cleared"/>.</summary>
    public required string Status { get; set; }

    /// <summary>When it was resolved (UTC, event time of the resolving event), or <see langword="null"/> while open.</summary>
    public DateTime? ClearedAtUtc { get; set; }

    /// <summary>The de-duplication key of the event that resolved it, or <see langword="null"/>.</summary>
    public string? ClearingEventKey { get; set; }

    /// <summary>When Kuajing recorded the clearing (UTC, the store's clock), or <see langword="null"/>.</summary>
    public DateTime? ClearDetectedAtUtc { get; set; }
}
