using Kuajing.Tests.Storage;
using Kuajing.Tests.Webhooks;
using Kuajing.Timeline;
using Kuajing.Webhooks;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Timeline;

/// <summary>
/// The contract of <see cref="IWebhookOutbox"/> (as <see cref="InMemoryWebhookOutbox"/> defines it) for the durable
/// <see cref="TimelineWebhookOutbox"/>, on real SQLite and real PostgreSQL (started by test.sh).
/// </summary>
public sealed class WebhookOutboxTests : IDisposable
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly Duration Lease = Duration.FromSeconds(80);
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-outbox-").FullName;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class Db(Func<TimelineStore> factory, PostgresDatabase? pg) : IAsyncDisposable
    {
        public Func<TimelineStore> Factory { get; } = factory;

        public TimelineWebhookOutbox Outbox() => new(Factory);

        public async ValueTask DisposeAsync()
        {
            if (pg is not null)
            {
                await pg.DisposeAsync();
            }
        }
    }

    private async Task<Db> OpenAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(_dir, "o.db");
            await (await TimelineStore.OpenAsync(path, null, Ct)).DisposeAsync();
            return new Db(() => new TimelineStore(TimelineStore.ForSqlite(path)), null);
        }

        var pg = await PostgresDatabase.CreateAsync();
        await (await TimelineStore.OpenAsync(null, pg.ConnectionString, Ct)).DisposeAsync();
        return new Db(() => new PostgresTimelineStore(PostgresTimelineStore.ForPostgres(pg.ConnectionString)), pg);
    }

    private static WebhookDelivery Delivery(string eventId, Uri? url = null)
    {
        var subscription = WebhookSubscription.Create(WebhookScope.ForShipment("KJ000000001CN"), WebhookNotificationKinds.All, url ?? new Uri("https://hooks.example.com/kuajing"));
        var notification = WebhookNotification.Create(eventId, WebhookNotificationKinds.Milestone, "arrived", "KJ000000001CN", "acct-1", Start - Duration.FromHours(2), new WebhookLocation("Liège Airport", "BELGG", "BE"));
        return WebhookDelivery.For(subscription, notification, Start);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EnqueueAsync_SameDeliveryTwice_StoredOnceAndRoundTrips(string provider)
    {
        await using var db = await OpenAsync(provider);
        var outbox = db.Outbox();
        var delivery = Delivery("e-1");

        Assert.True(await outbox.EnqueueAsync(delivery, Start, Ct));
        Assert.False(await outbox.EnqueueAsync(delivery, Start + Duration.FromHours(1), Ct));

        var state = (await outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(WebhookDeliveryStatus.Pending, state.Status);
        Assert.Equal(Start, state.NextAttemptAt); // the second enqueue changed nothing
        Assert.Equal(delivery, state.Delivery); // record equality: id, subscription, URL, secret, notification, created time
        Assert.Null(await outbox.FindAsync(Guid.NewGuid(), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LeaseDueAsync_DueAndLive_LeasedOnceUntilLeaseExpires(string provider)
    {
        await using var db = await OpenAsync(provider);
        var outbox = db.Outbox();
        var early = Delivery("e-1");
        var late = Delivery("e-2");
        await outbox.EnqueueAsync(late, Start + Duration.FromMinutes(1), Ct);
        await outbox.EnqueueAsync(early, Start, Ct);

        Assert.Empty(await outbox.LeaseDueAsync(Start - Duration.FromSeconds(1), Lease, 10, Ct)); // nothing due yet
        var first = Assert.Single(await outbox.LeaseDueAsync(Start, Lease, 10, Ct)); // only the due one
        Assert.Equal(early.Id, first.Delivery.Id);
        Assert.Equal(Start + Lease, first.LeasedUntil);
        Assert.Equal(0, first.AttemptsMade);

        var later = Start + Duration.FromMinutes(1);
        var second = Assert.Single(await outbox.LeaseDueAsync(later, Lease, 10, Ct)); // early is under a live lease
        Assert.Equal(late.Id, second.Delivery.Id);

        // Both leases expire at their LeasedUntil; earliest due first.
        var again = await outbox.LeaseDueAsync(later + Lease, Lease, 10, Ct);
        Assert.Equal([early.Id, late.Id], again.Select(l => l.Delivery.Id));
        Assert.NotEqual(first.LeaseId, again[0].LeaseId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MarkDeliveredAsync_CurrentLease_DeliveredAndNeverLeasedAgain(string provider)
    {
        await using var db = await OpenAsync(provider);
        var outbox = db.Outbox();
        var delivery = Delivery("e-1");
        await outbox.EnqueueAsync(delivery, Start, Ct);
        var lease = Assert.Single(await outbox.LeaseDueAsync(Start, Lease, 10, Ct));

        Assert.True(await outbox.MarkDeliveredAsync(lease, Start + Duration.FromSeconds(1), Ct));
        Assert.False(await outbox.MarkDeliveredAsync(lease, Start + Duration.FromSeconds(2), Ct)); // no longer pending

        var state = (await outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(WebhookDeliveryStatus.Delivered, state.Status);
        Assert.Equal(Start + Duration.FromSeconds(1), state.CompletedAt);
        Assert.Empty(await outbox.LeaseDueAsync(Start + Duration.FromDays(30), Lease, 10, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Marks_StaleLease_RefusedAndChangeNothing(string provider)
    {
        await using var db = await OpenAsync(provider);
        var outbox = db.Outbox();
        var delivery = Delivery("e-1");
        await outbox.EnqueueAsync(delivery, Start, Ct);
        var stale = Assert.Single(await outbox.LeaseDueAsync(Start, Lease, 10, Ct));
        var current = Assert.Single(await outbox.LeaseDueAsync(Start + Lease, Lease, 10, Ct)); // the first lease expired

        Assert.False(await outbox.MarkDeliveredAsync(stale, Start + Lease, Ct));
        Assert.False(await outbox.MarkFailedAsync(stale, Start + Duration.FromHours(5), Ct));
        Assert.False(await outbox.MarkDeadLetteredAsync(stale, Start + Lease, "stale", Ct));
        var state = (await outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal((WebhookDeliveryStatus.Pending, Start, (string?)null), (state.Status, state.NextAttemptAt, state.DeadLetterReason));

        Assert.True(await outbox.MarkDeliveredAsync(current, Start + Lease, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MarkFailedAsync_CurrentLease_ReleasedAndDueAgainAtNextAttempt(string provider)
    {
        await using var db = await OpenAsync(provider);
        var outbox = db.Outbox();
        var delivery = Delivery("e-1");
        await outbox.EnqueueAsync(delivery, Start, Ct);
        var lease = Assert.Single(await outbox.LeaseDueAsync(Start, Lease, 10, Ct));
        var next = Start + Duration.FromMinutes(2);

        Assert.True(await outbox.MarkFailedAsync(lease, next, Ct));

        Assert.Empty(await outbox.LeaseDueAsync(next - Duration.FromSeconds(1), Lease, 10, Ct));
        var again = Assert.Single(await outbox.LeaseDueAsync(next, Lease, 10, Ct)); // before the old lease would have expired
        Assert.Equal(delivery.Id, again.Delivery.Id);
        Assert.Equal(next, (await outbox.FindAsync(delivery.Id, Ct))!.NextAttemptAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MarkDeadLetteredAsync_CurrentLease_ListedWithReasonAndAttempts(string provider)
    {
        await using var db = await OpenAsync(provider);
        var outbox = db.Outbox();
        var delivery = Delivery("e-1");
        await outbox.EnqueueAsync(delivery, Start, Ct);
        await outbox.EnqueueAsync(Delivery("e-2"), Start, Ct);
        var lease = (await outbox.LeaseDueAsync(Start, Lease, 1, Ct)).Single();
        var attempt = new WebhookDeliveryAttempt(1, Start, Duration.FromMilliseconds(12), 400, null, WebhookAttemptOutcome.Rejected, Duration.FromSeconds(30), null);
        await outbox.RecordAttemptAsync(lease, attempt, Ct);

        Assert.True(await outbox.MarkDeadLetteredAsync(lease, Start + Duration.FromSeconds(1), "HTTP 400 is not retried", Ct));

        var dead = Assert.Single(await outbox.ListDeadLettersAsync(10, Ct));
        Assert.Equal(lease.Delivery.Id, dead.Delivery.Id);
        Assert.Equal(WebhookDeliveryStatus.DeadLettered, dead.Status);
        Assert.Equal("HTTP 400 is not retried", dead.DeadLetterReason);
        Assert.Equal(attempt, Assert.Single(dead.Attempts));
        Assert.DoesNotContain(await outbox.LeaseDueAsync(Start + Duration.FromDays(1), Lease, 10, Ct), l => l.Delivery.Id == lease.Delivery.Id);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RecordAttemptAsync_UnknownDelivery_ThrowsKeyNotFound(string provider)
    {
        await using var db = await OpenAsync(provider);
        var lease = new WebhookLease(Delivery("nowhere"), Guid.NewGuid(), Start + Lease, 0);
        var attempt = new WebhookDeliveryAttempt(1, Start, Duration.Zero, null, "network error", WebhookAttemptOutcome.Retryable, null, null);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => db.Outbox().RecordAttemptAsync(lease, attempt, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LeaseDueAsync_TwoDispatchersAtOnce_NeverLeaseTheSameDelivery(string provider)
    {
        await using var db = await OpenAsync(provider);
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var d = Delivery($"e-{i}");
            ids.Add(d.Id);
            await db.Outbox().EnqueueAsync(d, Start, Ct);
        }

        // Two outboxes = two connections, as two dispatcher processes would have; each claims up to 25 of 40 at once.
        var a = Task.Run(() => db.Outbox().LeaseDueAsync(Start, Lease, 25, Ct));
        var b = Task.Run(() => db.Outbox().LeaseDueAsync(Start, Lease, 25, Ct));
        var leases = (await Task.WhenAll(a, b)).SelectMany(l => l).ToList();

        Assert.Equal(leases.Count, leases.Select(l => l.Delivery.Id).Distinct().Count()); // no delivery twice
        Assert.Equal(40, leases.Count); // 25 + 15: every delivery claimed by exactly one
        Assert.True(ids.SetEquals(leases.Select(l => l.Delivery.Id)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dispatch_CrashBetweenSendAndMark_ResentWithSameIdAfterLeaseExpiry(string provider)
    {
        await using var db = await OpenAsync(provider);
        await using var receiver = new LoopbackReceiver(_ => new ReceiverAnswer(200));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var clock = new FakeClock(Start);
        var policy = new WebhookDeliveryPolicy { AttemptTimeout = Duration.FromSeconds(5), InProcessBaseDelay = Duration.FromMilliseconds(50), UseJitter = false };
        var delivery = Delivery("e-crash", receiver.Url);
        await db.Outbox().EnqueueAsync(delivery, Start, Ct);

        // A first dispatcher leases, sends (the receiver would see attempt 1), logs the attempt and dies before marking.
        var crashed = Assert.Single(await db.Outbox().LeaseDueAsync(Start, policy.LeaseDuration, 10, Ct));
        await db.Outbox().RecordAttemptAsync(crashed, new WebhookDeliveryAttempt(1, Start, Duration.FromMilliseconds(5), 200, null, WebhookAttemptOutcome.Delivered, null, null), Ct);

        var dispatcher = new WebhookDispatcher(http, db.Outbox(), clock, policy);
        Assert.Equal(0, (await dispatcher.DispatchDueAsync(Ct)).Leased); // lease still live: not re-sent yet
        clock.Advance(policy.LeaseDuration);
        var summary = await dispatcher.DispatchDueAsync(Ct);

        Assert.Equal(new WebhookDispatchSummary(1, 1, 0, 0, 0), summary);
        var request = Assert.Single(receiver.Received);
        Assert.Equal(delivery.Id.ToString("D"), request.Headers[WebhookDispatcher.DeliveryIdHeader]);
        Assert.Equal("2", request.Headers[WebhookDispatcher.AttemptHeader]); // attempts counted across processes
        var state = (await db.Outbox().FindAsync(delivery.Id, Ct))!;
        Assert.Equal(WebhookDeliveryStatus.Delivered, state.Status);
        Assert.Equal([1, 2], state.Attempts.Select(x => x.AttemptNumber));
        Assert.False(await db.Outbox().MarkDeliveredAsync(crashed, clock.GetCurrentInstant(), Ct)); // the dead process's lease is stale
    }
}
