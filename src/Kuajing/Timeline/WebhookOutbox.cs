using Kuajing.Webhooks;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Timeline;

/// <summary>
/// The durable <see cref="IWebhookOutbox"/> in the <see cref="TimelineStore"/> (tables <c>webhook_deliveries</c> and
/// <c>webhook_attempts</c>, SQLite or PostgreSQL), with the same lease semantics as <see cref="InMemoryWebhookOutbox"/>.
/// </summary>
/// <remarks>
/// <para>
/// Leasing is safe for several dispatchers (threads or processes) on one database. On PostgreSQL one statement claims
/// the batch: <c>UPDATE … WHERE id IN (SELECT … WHERE lease expired … FOR UPDATE SKIP LOCKED) RETURNING id</c>, so two
/// dispatchers never claim the same row. On SQLite (one writer at a time) each candidate is claimed by a
/// compare-and-set <c>UPDATE … WHERE status = pending AND lease expired</c> inside one transaction; a row another
/// dispatcher claimed first is skipped. Every mark is a compare-and-set on the lease id, so a mark under a stale lease
/// changes nothing and returns <see langword="false"/>.
/// </para>
/// <para>
/// Built over a store factory, every operation opens its own short-lived <see cref="TimelineStore"/>, so the instance is
/// thread-safe (the dispatcher calls it from several tasks). Built over one store (<see cref="ForStore"/>), it works in
/// that store's current transaction (used by <see cref="TimelineService.CaptureAsync"/> to publish in the capture
/// transaction) and is not thread-safe.
/// </para>
/// </remarks>
public sealed class TimelineWebhookOutbox : IWebhookOutbox
{
    private readonly Func<TimelineStore>? _factory;
    private readonly TimelineStore? _store;

    /// <summary>Creates an outbox that opens a fresh store per operation.</summary>
    /// <param name="storeFactory">Creates an open, migrated store (e.g. <c>() =&gt; new TimelineStore(TimelineStore.ForSqlite(path))</c>); the outbox disposes each store it creates.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="storeFactory"/> is <see langword="null"/>.</exception>
    public TimelineWebhookOutbox(Func<TimelineStore> storeFactory)
    {
        _factory = storeFactory ?? throw new ArgumentNullException(nameof(storeFactory));
    }

    private TimelineWebhookOutbox(TimelineStore store)
    {
        _store = store;
    }

    /// <summary>An outbox working inside one store and its current transaction; not thread-safe, the caller owns the store.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The outbox.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="store"/> is <see langword="null"/>.</exception>
    public static TimelineWebhookOutbox ForStore(TimelineStore store) =>
        new(store ?? throw new ArgumentNullException(nameof(store)));

    /// <inheritdoc/>
    public async Task<bool> EnqueueAsync(WebhookDelivery delivery, Instant dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        cancellationToken.ThrowIfCancellationRequested();
        return await UseAsync(async db =>
        {
            if (db.WebhookDeliveries.Local.Any(d => d.Id == delivery.Id)
                || await db.WebhookDeliveries.AsNoTracking().AnyAsync(d => d.Id == delivery.Id, cancellationToken))
            {
                return false;
            }

            db.WebhookDeliveries.Add(ToRecord(delivery, dueAt));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        });
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookLease>> LeaseDueAsync(Instant now, Duration leaseDuration, int maxCount, CancellationToken cancellationToken)
    {
        if (leaseDuration <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "lease duration must be positive");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var nowUtc = now.ToDateTimeUtc();
        var until = (now + leaseDuration).ToDateTimeUtc();
        return await UseAsync(async db =>
        {
            var leased = new List<(Guid Id, Guid Lease)>();
            if (db.Database.IsNpgsql())
            {
                var lease = Guid.NewGuid();
                var ids = await db.Database.SqlQuery<Guid>($"""
                    UPDATE webhook_deliveries SET "LeaseId" = {lease}, "LeasedUntilUtc" = {until}
                    WHERE "Id" IN (
                        SELECT "Id" FROM webhook_deliveries
                        WHERE "Status" = 0 AND "NextAttemptAtUtc" <= {nowUtc} AND ("LeaseId" IS NULL OR "LeasedUntilUtc" <= {nowUtc})
                        ORDER BY "NextAttemptAtUtc", "CreatedAtUtc", "Id"
                        LIMIT {maxCount}
                        FOR UPDATE SKIP LOCKED)
                    RETURNING "Id" AS "Value"
                    """).ToListAsync(cancellationToken);
                leased.AddRange(ids.Select(id => (id, lease)));
            }
            else
            {
                await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
                var candidates = await Due(db, nowUtc).OrderBy(d => d.NextAttemptAtUtc).ThenBy(d => d.CreatedAtUtc).ThenBy(d => d.Id)
                    .Select(d => d.Id).Take(maxCount).ToListAsync(cancellationToken);
                foreach (var id in candidates)
                {
                    var lease = Guid.NewGuid();
                    var claimed = await Due(db, nowUtc).Where(d => d.Id == id)
                        .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseId, lease).SetProperty(d => d.LeasedUntilUtc, until), cancellationToken);
                    if (claimed == 1)
                    {
                        leased.Add((id, lease));
                    }
                }

                if (tx is not null)
                {
                    await tx.CommitAsync(cancellationToken);
                }
            }

            var idsLeased = leased.Select(l => l.Id).ToArray();
            var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => idsLeased.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
            IReadOnlyList<WebhookLease> result = [.. leased
                .Select(l => rows[l.Id])
                .OrderBy(r => r.NextAttemptAtUtc).ThenBy(r => r.CreatedAtUtc).ThenBy(r => r.Id)
                .Select(r => new WebhookLease(ToDelivery(r), leased.First(l => l.Id == r.Id).Lease, Instant.FromDateTimeUtc(Utc(r.LeasedUntilUtc!.Value)), r.AttemptCount))];
            return result;
        });
    }

    /// <inheritdoc/>
    public async Task RecordAttemptAsync(WebhookLease lease, WebhookDeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(attempt);
        cancellationToken.ThrowIfCancellationRequested();
        await UseAsync(async db =>
        {
            await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            var id = lease.Delivery.Id;
            var updated = await db.WebhookDeliveries.Where(d => d.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.AttemptCount, d => d.AttemptCount + 1), cancellationToken);
            if (updated == 0)
            {
                throw new KeyNotFoundException($"webhook delivery {id} is not in the outbox");
            }

            db.WebhookAttempts.Add(new WebhookAttemptRecord
            {
                DeliveryId = id,
                AttemptNumber = attempt.AttemptNumber,
                StartedAtUtc = attempt.StartedAt.ToDateTimeUtc(),
                DurationTicks = attempt.Duration.BclCompatibleTicks,
                StatusCode = attempt.StatusCode,
                Error = attempt.Error,
                Outcome = (int)attempt.Outcome,
                RetryAfterTicks = attempt.RetryAfter?.BclCompatibleTicks,
                DelayBeforeTicks = attempt.DelayBefore?.BclCompatibleTicks,
            });
            await db.SaveChangesAsync(cancellationToken);
            if (tx is not null)
            {
                await tx.CommitAsync(cancellationToken);
            }

            return true;
        });
    }

    /// <inheritdoc/>
    public Task<bool> MarkDeliveredAsync(WebhookLease lease, Instant deliveredAt, CancellationToken cancellationToken)
    {
        var at = deliveredAt.ToDateTimeUtc();
        return CompleteAsync(lease, q => q.ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Status, (int)WebhookDeliveryStatus.Delivered).SetProperty(d => d.CompletedAtUtc, at).SetProperty(d => d.LeaseId, (Guid?)null),
            cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> MarkFailedAsync(WebhookLease lease, Instant nextAttemptAt, CancellationToken cancellationToken)
    {
        var next = nextAttemptAt.ToDateTimeUtc();
        return CompleteAsync(lease, q => q.ExecuteUpdateAsync(
            s => s.SetProperty(d => d.NextAttemptAtUtc, next).SetProperty(d => d.LeaseId, (Guid?)null),
            cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> MarkDeadLetteredAsync(WebhookLease lease, Instant at, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var atUtc = at.ToDateTimeUtc();
        return CompleteAsync(lease, q => q.ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Status, (int)WebhookDeliveryStatus.DeadLettered).SetProperty(d => d.CompletedAtUtc, atUtc)
                .SetProperty(d => d.DeadLetterReason, reason).SetProperty(d => d.LeaseId, (Guid?)null),
            cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<WebhookDeliveryState?> FindAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await UseAsync(async db =>
        {
            var row = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken);
            return row is null ? null : await SnapshotAsync(db, row, cancellationToken);
        });
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<WebhookDeliveryState>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        return await UseAsync(async db =>
        {
            var rows = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status == (int)WebhookDeliveryStatus.DeadLettered)
                .OrderBy(d => d.CompletedAtUtc).ThenBy(d => d.CreatedAtUtc).ThenBy(d => d.Id)
                .Take(maxCount).ToListAsync(cancellationToken);
            var list = new List<WebhookDeliveryState>(rows.Count);
            foreach (var row in rows)
            {
                list.Add(await SnapshotAsync(db, row, cancellationToken));
            }

            return (IReadOnlyList<WebhookDeliveryState>)list;
        });
    }

    /// <summary>Maps a stored delivery back to the domain type.</summary>
    internal static WebhookDelivery ToDelivery(WebhookDeliveryRecord r)
    {
        var location = r.HasLocation ? new WebhookLocation(r.LocationName, r.LocationUnLocode, r.LocationCountry) : null;
        var exception = r.ExceptionJson is { } json ? WebhookExceptionJson.Parse(json) : null;
        var notification = WebhookNotification.Create(r.EventId, (WebhookNotificationKinds)r.Kind, r.Code, r.TrackingNumber, r.AccountId, Instant.FromDateTimeUtc(Utc(r.OccurredAtUtc)), location, exception);
        var subscription = WebhookSubscription.Restore(r.SubscriptionId, WebhookScope.ForShipment(r.TrackingNumber), (WebhookNotificationKinds)r.Kind, new Uri(r.TargetUrl), WebhookSecret.Parse(r.Secret));
        var delivery = WebhookDelivery.For(subscription, notification, Instant.FromDateTimeUtc(Utc(r.CreatedAtUtc)));
        if (delivery.Id != r.Id)
        {
            throw new InvalidOperationException($"webhook_deliveries row {r.Id}: its event id and subscription id derive delivery id {delivery.Id}; the row was altered");
        }

        return delivery;
    }

    private static WebhookDeliveryRecord ToRecord(WebhookDelivery delivery, Instant dueAt)
    {
        var n = delivery.Notification;
        return new WebhookDeliveryRecord
        {
            Id = delivery.Id,
            SubscriptionId = delivery.SubscriptionId,
            TargetUrl = delivery.TargetUrl.OriginalString,
            Secret = delivery.Secret.Reveal(),
            EventId = n.EventId,
            Kind = (int)n.Kind,
            Code = n.Code,
            TrackingNumber = n.TrackingNumber,
            AccountId = n.AccountId,
            OccurredAtUtc = n.OccurredAt.ToDateTimeUtc(),
            HasLocation = n.Location is not null,
            LocationName = n.Location?.Name,
            LocationUnLocode = n.Location?.UnLocode,
            LocationCountry = n.Location?.Country,
            ExceptionJson = n.Exception is { } x ? WebhookExceptionJson.ToText(x) : null,
            CreatedAtUtc = delivery.CreatedAt.ToDateTimeUtc(),
            Status = (int)WebhookDeliveryStatus.Pending,
            NextAttemptAtUtc = dueAt.ToDateTimeUtc(),
        };
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static Instant? ToInstant(DateTime? t) => t is { } v ? Instant.FromDateTimeUtc(Utc(v)) : null;

    private static Duration? ToDuration(long? ticks) => ticks is { } t ? Duration.FromTicks(t) : null;

    private static IQueryable<WebhookDeliveryRecord> Due(TimelineStore db, DateTime nowUtc) =>
        db.WebhookDeliveries.Where(d => d.Status == (int)WebhookDeliveryStatus.Pending && d.NextAttemptAtUtc <= nowUtc
            && (d.LeaseId == null || d.LeasedUntilUtc <= nowUtc));

    private static async Task<WebhookDeliveryState> SnapshotAsync(TimelineStore db, WebhookDeliveryRecord row, CancellationToken ct)
    {
        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == row.Id).OrderBy(a => a.AttemptNumber).ThenBy(a => a.Id).ToListAsync(ct);
        return new WebhookDeliveryState(
            ToDelivery(row),
            (WebhookDeliveryStatus)row.Status,
            Instant.FromDateTimeUtc(Utc(row.NextAttemptAtUtc)),
            ToInstant(row.CompletedAtUtc),
            row.DeadLetterReason,
            [.. attempts.Select(a => new WebhookDeliveryAttempt(
                a.AttemptNumber,
                Instant.FromDateTimeUtc(Utc(a.StartedAtUtc)),
                Duration.FromTicks(a.DurationTicks),
                a.StatusCode,
                a.Error,
                (WebhookAttemptOutcome)a.Outcome,
                ToDuration(a.RetryAfterTicks),
                ToDuration(a.DelayBeforeTicks)))]);
    }

    private async Task<bool> CompleteAsync(WebhookLease lease, Func<IQueryable<WebhookDeliveryRecord>, Task<int>> update, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ct.ThrowIfCancellationRequested();
        var id = lease.Delivery.Id;
        Guid? leaseId = lease.LeaseId;
        return await UseAsync(async db => await update(db.WebhookDeliveries
            .Where(d => d.Id == id && d.Status == (int)WebhookDeliveryStatus.Pending && d.LeaseId == leaseId)) == 1);
    }

    private async Task<T> UseAsync<T>(Func<TimelineStore, Task<T>> work)
    {
        if (_store is not null)
        {
            return await work(_store);
        }

        await using var db = _factory!();
        return await work(db);
    }
}
