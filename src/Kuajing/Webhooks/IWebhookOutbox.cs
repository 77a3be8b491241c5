using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>Where a delivery stands in the outbox.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt (possibly leased by a dispatcher right now).</summary>
    Pending,

    /// <summary>A 2xx answer was received and recorded; never sent again.</summary>
    Delivered,

    /// <summary>Given up: rejected by the receiver (a status that is not retried) or out of attempts; kept for inspection and manual replay.</summary>
    DeadLettered,
}

/// <summary>How one HTTP attempt ended.</summary>
public enum WebhookAttemptOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>A network error, a timeout, 5xx or 429: retried (in process, then durably) until attempts run out.</summary>
    Retryable,

    /// <summary>Any other answer (1xx, 3xx, 4xx other than 429): not retried; the delivery is dead-lettered at once.</summary>
    Rejected,
}

/// <summary>One line of a delivery's log: one HTTP attempt.</summary>
/// <param name="AttemptNumber">1 for the first attempt of the delivery, counting across dispatch passes and processes.</param>
/// <param name="StartedAt">When the request was signed and sent (dispatcher's <see cref="IClock"/>).</param>
/// <param name="Duration">Wall time from send to answer or error.</param>
/// <param name="StatusCode">The HTTP status code, or <see langword="null"/> when no answer came (network error, timeout).</param>
/// <param name="Error">The network or timeout error, or <see langword="null"/> when an answer came.</param>
/// <param name="Outcome">How the attempt is classified.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c> (RFC 9110 §10.2.3) as a delay from <paramref name="StartedAt"/>, or <see langword="null"/> when absent.</param>
/// <param name="DelayBefore">The in-process back-off waited before this attempt, or <see langword="null"/> for the first attempt of a dispatch pass.</param>
public sealed record WebhookDeliveryAttempt(
    int AttemptNumber,
    Instant StartedAt,
    Duration Duration,
    int? StatusCode,
    string? Error,
    WebhookAttemptOutcome Outcome,
    Duration? RetryAfter,
    Duration? DelayBefore);

/// <summary>A dispatcher's time-limited claim on one due delivery.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="LeaseId">Identifies this claim; marks with a stale lease id are ignored.</param>
/// <param name="LeasedUntil">After this instant the lease expires and another dispatch pass may lease (and re-send) the delivery.</param>
/// <param name="AttemptsMade">Attempts already recorded for this delivery before this lease.</param>
public sealed record WebhookLease(WebhookDelivery Delivery, Guid LeaseId, Instant LeasedUntil, int AttemptsMade);

/// <summary>A snapshot of one delivery and its log, for inspection and tests.</summary>
/// <param name="Delivery">The delivery.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="NextAttemptAt">When it is next due (meaningful while <see cref="WebhookDeliveryStatus.Pending"/>).</param>
/// <param name="CompletedAt">When it was delivered or dead-lettered; <see langword="null"/> while pending.</param>
/// <param name="DeadLetterReason">Why it was given up; <see langword="null"/> unless dead-lettered.</param>
/// <param name="Attempts">Every recorded attempt, oldest first.</param>
public sealed record WebhookDeliveryState(
    WebhookDelivery Delivery,
    WebhookDeliveryStatus Status,
    Instant NextAttemptAt,
    Instant? CompletedAt,
    string? DeadLetterReason,
    IReadOnlyList<WebhookDeliveryAttempt> Attempts);

/// <summary>
/// The durable queue of webhook deliveries (transactional outbox pattern): deliveries are enqueued, leased when
/// due, and marked delivered, rescheduled or dead-lettered; every attempt is logged.
/// </summary>
/// <remarks>
/// At-least-once contract: a leased delivery that is never marked (the dispatcher crashed between sending and
/// marking) becomes due again when its lease expires and is sent again with the same delivery id. Marks carry the
/// lease; a mark whose <see cref="WebhookLease.LeaseId"/> is no longer the delivery's current lease changes nothing
/// and returns <see langword="false"/>. Implementations must be safe for concurrent use by several dispatchers
/// (a database implementation leases with <c>UPDATE … WHERE lease expired … RETURNING</c> or <c>FOR UPDATE SKIP LOCKED</c>).
/// </remarks>
public interface IWebhookOutbox
{
    /// <summary>Stores a new pending delivery, due at <paramref name="dueAt"/>.</summary>
    /// <param name="delivery">The delivery.</param>
    /// <param name="dueAt">When its first attempt is due.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when a delivery with the same id already exists (publishing is idempotent).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="delivery"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<bool> EnqueueAsync(WebhookDelivery delivery, Instant dueAt, CancellationToken cancellationToken);

    /// <summary>Leases up to <paramref name="maxCount"/> pending deliveries that are due at <paramref name="now"/> and not under a live lease, earliest due first.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="leaseDuration">How long the lease lasts; positive.</param>
    /// <param name="maxCount">Largest number of leases returned; at least 1.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The new leases, possibly none.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="leaseDuration"/> is not positive or <paramref name="maxCount"/> is below 1.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<IReadOnlyList<WebhookLease>> LeaseDueAsync(Instant now, Duration leaseDuration, int maxCount, CancellationToken cancellationToken);

    /// <summary>Appends one attempt to the delivery's log (always, even under a stale lease: the request was sent).</summary>
    /// <param name="lease">The lease under which the attempt was made.</param>
    /// <param name="attempt">The attempt.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the attempt is stored.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lease"/> or <paramref name="attempt"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">When the delivery is not in the outbox.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task RecordAttemptAsync(WebhookLease lease, WebhookDeliveryAttempt attempt, CancellationToken cancellationToken);

    /// <summary>Marks the leased delivery delivered.</summary>
    /// <param name="lease">The current lease.</param>
    /// <param name="deliveredAt">When the 2xx answer came.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease is stale or the delivery is no longer pending.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lease"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<bool> MarkDeliveredAsync(WebhookLease lease, Instant deliveredAt, CancellationToken cancellationToken);

    /// <summary>Releases the lease and reschedules the delivery for <paramref name="nextAttemptAt"/>.</summary>
    /// <param name="lease">The current lease.</param>
    /// <param name="nextAttemptAt">When the next attempt is due.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease is stale or the delivery is no longer pending.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lease"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<bool> MarkFailedAsync(WebhookLease lease, Instant nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Gives the delivery up (dead letter).</summary>
    /// <param name="lease">The current lease.</param>
    /// <param name="at">When it was given up.</param>
    /// <param name="reason">Why, e.g. <c>HTTP 400 is not retried</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="false"/> when the lease is stale or the delivery is no longer pending.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="lease"/> or <paramref name="reason"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<bool> MarkDeadLetteredAsync(WebhookLease lease, Instant at, string reason, CancellationToken cancellationToken);

    /// <summary>Reads one delivery's state and log.</summary>
    /// <param name="deliveryId">The delivery id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The snapshot, or <see langword="null"/> when unknown.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<WebhookDeliveryState?> FindAsync(Guid deliveryId, CancellationToken cancellationToken);

    /// <summary>Lists dead-lettered deliveries, oldest first.</summary>
    /// <param name="maxCount">Largest number returned; at least 1.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The dead letters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="maxCount"/> is below 1.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    Task<IReadOnlyList<WebhookDeliveryState>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken);
}
