using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>
/// An <see cref="IWebhookOutbox"/> held in process memory, for tests and single-process development. It is not
/// durable: a process exit loses it (production uses the SQLite/PostgreSQL outbox).
/// </summary>
/// <remarks>Thread-safe: every operation takes one lock.</remarks>
public sealed class InMemoryWebhookOutbox : IWebhookOutbox
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Entry> _entries = [];
    private long _sequence;

    /// <inheritdoc/>
    public Task<bool> EnqueueAsync(WebhookDelivery delivery, Instant dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_entries.ContainsKey(delivery.Id))
            {
                return Task.FromResult(false);
            }

            _entries.Add(delivery.Id, new Entry(delivery, dueAt, _sequence++));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookLease>> LeaseDueAsync(Instant now, Duration leaseDuration, int maxCount, CancellationToken cancellationToken)
    {
        if (leaseDuration <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "lease duration must be positive");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var leases = new List<WebhookLease>();
            foreach (Entry entry in _entries.Values
                .Where(e => e.Status == WebhookDeliveryStatus.Pending && e.NextAttemptAt <= now && (e.LeaseId is null || e.LeasedUntil <= now))
                .OrderBy(e => e.NextAttemptAt).ThenBy(e => e.Sequence).Take(maxCount))
            {
                entry.LeaseId = Guid.NewGuid();
                entry.LeasedUntil = now + leaseDuration;
                leases.Add(new WebhookLease(entry.Delivery, entry.LeaseId.Value, entry.LeasedUntil, entry.Attempts.Count));
            }

            return Task.FromResult<IReadOnlyList<WebhookLease>>(leases);
        }
    }

    /// <inheritdoc/>
    public Task RecordAttemptAsync(WebhookLease lease, WebhookDeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(attempt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_entries.TryGetValue(lease.Delivery.Id, out Entry? entry))
            {
                throw new KeyNotFoundException($"webhook delivery {lease.Delivery.Id} is not in the outbox");
            }

            entry.Attempts.Add(attempt);
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc/>
    public Task<bool> MarkDeliveredAsync(WebhookLease lease, Instant deliveredAt, CancellationToken cancellationToken) =>
        Complete(lease, entry =>
        {
            entry.Status = WebhookDeliveryStatus.Delivered;
            entry.CompletedAt = deliveredAt;
        }, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> MarkFailedAsync(WebhookLease lease, Instant nextAttemptAt, CancellationToken cancellationToken) =>
        Complete(lease, entry => entry.NextAttemptAt = nextAttemptAt, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> MarkDeadLetteredAsync(WebhookLease lease, Instant at, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Complete(lease, entry =>
        {
            entry.Status = WebhookDeliveryStatus.DeadLettered;
            entry.CompletedAt = at;
            entry.DeadLetterReason = reason;
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<WebhookDeliveryState?> FindAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(_entries.TryGetValue(deliveryId, out Entry? entry) ? entry.Snapshot() : null);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<WebhookDeliveryState>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<WebhookDeliveryState> list = _entries.Values
                .Where(e => e.Status == WebhookDeliveryStatus.DeadLettered)
                .OrderBy(e => e.CompletedAt).ThenBy(e => e.Sequence).Take(maxCount)
                .Select(e => e.Snapshot()).ToList();
            return Task.FromResult(list);
        }
    }

    private Task<bool> Complete(WebhookLease lease, Action<Entry> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_entries.TryGetValue(lease.Delivery.Id, out Entry? entry)
                || entry.Status != WebhookDeliveryStatus.Pending
                || entry.LeaseId != lease.LeaseId)
            {
                return Task.FromResult(false);
            }

            change(entry);
            entry.LeaseId = null;
            return Task.FromResult(true);
        }
    }

    private sealed class Entry(WebhookDelivery delivery, Instant dueAt, long sequence)
    {
        public WebhookDelivery Delivery { get; } = delivery;

        public long Sequence { get; } = sequence;

        public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;

        public Instant NextAttemptAt { get; set; } = dueAt;

        public Guid? LeaseId { get; set; }

        public Instant LeasedUntil { get; set; }

        public Instant? CompletedAt { get; set; }

        public string? DeadLetterReason { get; set; }

        public List<WebhookDeliveryAttempt> Attempts { get; } = [];

        public WebhookDeliveryState Snapshot() =>
            new(Delivery, Status, NextAttemptAt, CompletedAt, DeadLetterReason, Attempts.ToArray());
    }
}
