using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>Whether an exception notification reports the exception being raised or cleared.</summary>
public enum WebhookExceptionTransition
{
    /// <summary>The exception was raised (payload <c>type</c> <c>exception.raised</c>).</summary>
    Raised = 1,

    /// <summary>The exception was resolved (payload <c>type</c> <c>exception.cleared</c>).</summary>
    Cleared = 2,
}

/// <summary>
/// What an <c>exception.raised</c> / <c>exception.cleared</c> notification says about the stored exception (payload
/// field <c>exception</c>, docs/webhooks.md).
/// </summary>
/// <param name="ExceptionId">The stored exception's stable id (shipment / code / leg [/ occurrence]), 1 to 180 characters.</param>
/// <param name="Transition">Raised or cleared.</param>
/// <param name="LegSequence">Leg concerned, 1-based, or <see langword="null"/>.</param>
/// <param name="NodeCode">Node concerned, or <see langword="null"/>.</param>
/// <param name="RaisedAt">When the exception's rule became true (event time).</param>
/// <param name="ClearedAt">When it was resolved; <see langword="null"/> for a raised notification of a still-open exception.</param>
/// <param name="EvidenceEventId">The event that revealed it (de-duplication key), or <see langword="null"/>.</param>
/// <param name="ClearingEventId">The event that resolved it, or <see langword="null"/>.</param>
/// <param name="PlannedAt">The planned instant compared against, or <see langword="null"/>.</param>
/// <param name="ObservedAt">The observed instant, or <see langword="null"/>.</param>
/// <param name="ThresholdHours">The threshold applied, hours, ≥ 0.</param>
/// <param name="UsualDwellHours">For a dwell: the planned dwell, hours; otherwise <see langword="null"/>.</param>
/// <param name="Source">Where the threshold and plan figures come from (data file row, citation, status).</param>
/// <param name="Detail">Human-readable explanation.</param>
public sealed record WebhookExceptionInfo(
    string ExceptionId,
    WebhookExceptionTransition Transition,
    int? LegSequence,
    string? NodeCode,
    Instant RaisedAt,
    Instant? ClearedAt,
    string? EvidenceEventId,
    string? ClearingEventId,
    Instant? PlannedAt,
    Instant? ObservedAt,
    decimal ThresholdHours,
    decimal? UsualDwellHours,
    string Source,
    string Detail);
