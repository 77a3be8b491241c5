namespace Kuajing.Timeline;

/// <summary>
/// A stored webhook subscription (<see cref="Webhooks.WebhookSubscription"/>). The secret is stored as given
/// (<c>whsec_</c> + hex); encrypting it at rest is future work (see <c>docs/webhooks.md</c>).
/// </summary>
public sealed class WebhookSubscriptionRecord
{
    /// <summary>The subscription id (key).</summary>
    public Guid Id { get; set; }

    /// <summary>Scope kind: <c>Shipment</c> or <c>Account</c> (<see cref="Webhooks.WebhookScopeKind"/>).</summary>
    public required string ScopeKind { get; set; }

    /// <summary>The followed tracking number or account id, 1 to 200 characters.</summary>
    public required string ScopeValue { get; set; }

    /// <summary>Kinds delivered, as the <see cref="Webhooks.WebhookNotificationKinds"/> flags (1 milestone, 2 exception, 3 both).</summary>
    public int Kinds { get; set; }

    /// <summary>Code filter, comma-separated lower snake case codes; empty for every code.</summary>
    public required string Codes { get; set; }

    /// <summary>The receiver's absolute URL.</summary>
    public required string TargetUrl { get; set; }

    /// <summary>The signing secret as given (<c>whsec_</c> + 64 hex digits); not encrypted at rest.</summary>
    public required string Secret { get; set; }

    /// <summary>When the subscription was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>One delivery in the durable outbox (<see cref="Webhooks.WebhookDelivery"/> plus its state and lease).</summary>
public sealed class WebhookDeliveryRecord
{
    /// <summary>The delivery id (key), derived from event id and subscription id.</summary>
    public Guid Id { get; set; }

    /// <summary>The subscription it is for.</summary>
    public Guid SubscriptionId { get; set; }

    /// <summary>Target URL copied from the subscription at publication.</summary>
    public required string TargetUrl { get; set; }

    /// <summary>Signing secret copied from the subscription at publication (<c>whsec_</c> + hex; not encrypted at rest).</summary>
    public required string Secret { get; set; }

    /// <summary>The reported event's id, 1 to 200 characters.</summary>
    public required string EventId { get; set; }

    /// <summary>1 milestone or 2 exception (<see cref="Webhooks.WebhookNotificationKinds"/>).</summary>
    public int Kind { get; set; }

    /// <summary>Milestone or exception code, lower snake case, 1 to 64 characters.</summary>
    public required string Code { get; set; }

    /// <summary>The shipment's tracking number.</summary>
    public required string TrackingNumber { get; set; }

    /// <summary>The owning account's id.</summary>
    public required string AccountId { get; set; }

    /// <summary>Event time (UTC).</summary>
    public DateTime OccurredAtUtc { get; set; }

    /// <summary>Place name, or <see langword="null"/>.</summary>
    public string? LocationName { get; set; }

    /// <summary>UN/LOCODE, or <see langword="null"/>.</summary>
    public string? LocationUnLocode { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country, or <see langword="null"/>.</summary>
    public string? LocationCountry { get; set; }

    /// <summary>Whether the event carried a location at all (a location with all parts unknown is still a location).</summary>
    public bool HasLocation { get; set; }

    /// <summary>For an exception notification: its details as the payload's <c>exception</c> JSON object (docs/webhooks.md); <see langword="null"/> for a milestone.</summary>
    public string? ExceptionJson { get; set; }

    /// <summary>Publication time (UTC); the payload's <c>created_at</c>.</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>0 pending, 1 delivered, 2 dead-lettered (<see cref="Webhooks.WebhookDeliveryStatus"/>).</summary>
    public int Status { get; set; }

    /// <summary>When the next attempt is due (UTC).</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    /// <summary>The current lease, or <see langword="null"/> when not leased.</summary>
    public Guid? LeaseId { get; set; }

    /// <summary>When the current lease expires (UTC), or <see langword="null"/>.</summary>
    public DateTime? LeasedUntilUtc { get; set; }

    /// <summary>Attempts recorded so far, across passes and processes.</summary>
    public int AttemptCount { get; set; }

    /// <summary>When delivered or dead-lettered (UTC); <see langword="null"/> while pending.</summary>
    public DateTime? CompletedAtUtc { get; set; }

    /// <summary>Why it was dead-lettered; <see langword="null"/> otherwise.</summary>
    public string? DeadLetterReason { get; set; }
}

/// <summary>One HTTP attempt of a delivery (<see cref="Webhooks.WebhookDeliveryAttempt"/>): the delivery log.</summary>
public sealed class WebhookAttemptRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The delivery.</summary>
    public Guid DeliveryId { get; set; }

    /// <summary>1-based attempt number.</summary>
    public int AttemptNumber { get; set; }

    /// <summary>When the request was sent (UTC).</summary>
    public DateTime StartedAtUtc { get; set; }

    /// <summary>Wall time from send to answer or error, in 100 ns ticks.</summary>
    public long DurationTicks { get; set; }

    /// <summary>HTTP status code, or <see langword="null"/> when no answer came.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Network or timeout error, or <see langword="null"/>.</summary>
    public string? Error { get; set; }

    /// <summary>0 delivered, 1 retryable, 2 rejected (<see cref="Webhooks.WebhookAttemptOutcome"/>).</summary>
    public int Outcome { get; set; }

    /// <summary>The receiver's <c>Retry-After</c> in 100 ns ticks, or <see langword="null"/>.</summary>
    public long? RetryAfterTicks { get; set; }

    /// <summary>The in-process back-off before this attempt in 100 ns ticks, or <see langword="null"/>.</summary>
    public long? DelayBeforeTicks { get; set; }
}

/// <summary>Which account owns a shipment, for account-scoped webhook subscriptions.</summary>
public sealed class WebhookShipmentAccountRecord
{
    /// <summary>The shipment's Kuajing S10 number (key).</summary>
    public required string ShipmentNumber { get; set; }

    /// <summary>The owning account's id, 1 to 200 characters.</summary>
    public required string AccountId { get; set; }
}
