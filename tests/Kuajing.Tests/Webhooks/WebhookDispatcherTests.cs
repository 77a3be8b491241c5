using System.Text.Json;
using Kuajing.Webhooks;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Webhooks;

/// <summary>End-to-end delivery against a real HTTP server on 127.0.0.1 (see <see cref="LoopbackReceiver"/>).</summary>
public sealed class WebhookDispatcherTests : IDisposable
{
    private static readonly Instant Start = Instant.FromUtc(2025, 3, 1, 8, 30);

    private readonly FakeClock _clock = new(Start);
    private readonly InMemoryWebhookOutbox _outbox = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    // Small in-process delays keep the tests fast; no jitter so the delays are exactly base, 2 × base.
    private static WebhookDeliveryPolicy FastPolicy => new()
    {
        InProcessBaseDelay = Duration.FromMilliseconds(100),
        InProcessMaxDelay = Duration.FromSeconds(2),
        UseJitter = false,
        AttemptTimeout = Duration.FromSeconds(5),
        Randomizer = () => 0.0, // durable jitter factor 0.5 + 0.5 × 0 = 0.5
    };

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _http.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task DispatchDueAsync_ReceiverVerifiesSignature_DeliveredWithDocumentedPayload()
    {
        WebhookSubscription subscription = null!;
        WebhookSignatureCheck? check = null;
        await using var receiver = new LoopbackReceiver(request =>
        {
            // What a receiver does (docs/webhooks.md): parse the stored secret, verify header + raw body.
            var secret = WebhookSecret.Parse(subscription.Secret.Reveal());
            check = WebhookSignature.Verify(secret, request.Headers.GetValueOrDefault(WebhookSignature.HeaderName), request.Body, Start, WebhookSignature.DefaultTolerance);
            return new ReceiverAnswer(check == WebhookSignatureCheck.Valid ? 204 : 401);
        });
        subscription = WebhookSubscription.Create(WebhookScope.ForShipment("KJ000000001CN"), WebhookNotificationKinds.Milestone, receiver.Url);
        var notification = WebhookNotification.Create("urn:uuid:6d9f3ed8-0001", WebhookNotificationKinds.Milestone, "arrived", "KJ000000001CN", "acct-1", Start - Duration.FromHours(2), new WebhookLocation("Liège Airport", "BELGG", "BE"));
        WebhookDelivery delivery = (await new WebhookPublisher(_outbox, _clock).PublishAsync(notification, [subscription], Ct)).Single();

        WebhookDispatchSummary summary = await new WebhookDispatcher(_http, _outbox, _clock, FastPolicy).DispatchDueAsync(Ct);

        Assert.Equal(new WebhookDispatchSummary(1, 1, 0, 0, 0), summary);
        Assert.Equal(WebhookSignatureCheck.Valid, check);
        ReceivedRequest request = Assert.Single(receiver.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal(delivery.Id.ToString("D"), request.Headers[WebhookDispatcher.DeliveryIdHeader]);
        Assert.Equal("1", request.Headers[WebhookDispatcher.AttemptHeader]);
        using JsonDocument json = JsonDocument.Parse(request.Body);
        JsonElement root = json.RootElement;
        Assert.Equal("urn:uuid:6d9f3ed8-0001", root.GetProperty("event_id").GetString());
        Assert.Equal("milestone.arrived", root.GetProperty("type").GetString());
        Assert.Equal("KJ000000001CN", root.GetProperty("tracking_number").GetString());
        Assert.Equal("2025-03-01T06:30:00Z", root.GetProperty("occurred_at").GetString());
        Assert.Equal("BELGG", root.GetProperty("location").GetProperty("unlocode").GetString());
        Assert.Equal(1, root.GetProperty("attempt").GetInt32());
        WebhookDeliveryState state = (await _outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(WebhookDeliveryStatus.Delivered, state.Status);
        Assert.Equal(204, Assert.Single(state.Attempts).StatusCode);
    }

    [Fact]
    public async Task DispatchDueAsync_TwoThen503ThenSuccess_OneAcceptedAfterThreeAttemptsWithIncreasingDelays()
    {
        await using var receiver = new LoopbackReceiver(r => new ReceiverAnswer(r.Index <= 2 ? 503 : 200));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);

        WebhookDispatchSummary summary = await new WebhookDispatcher(_http, _outbox, _clock, FastPolicy).DispatchDueAsync(Ct);

        Assert.Equal(1, summary.Delivered);
        IReadOnlyList<ReceivedRequest> received = receiver.Received;
        Assert.Equal(3, received.Count);
        Assert.Equal(["1", "2", "3"], received.Select(r => r.Headers[WebhookDispatcher.AttemptHeader]));
        Assert.Single(received.Select(r => r.Headers[WebhookDispatcher.DeliveryIdHeader]).Distinct());
        Assert.Equal(1, received.Count(r => r.Index == 3)); // exactly one request was answered 200

        WebhookDeliveryState state = (await _outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(WebhookDeliveryStatus.Delivered, state.Status);
        Assert.Equal([503, 503, 200], state.Attempts.Select(a => a.StatusCode));
        // Exponential back-off without jitter: 100 ms, then 2 × 100 ms (Polly DelayBackoffType.Exponential).
        Assert.Equal([null, Duration.FromMilliseconds(100), Duration.FromMilliseconds(200)], state.Attempts.Select(a => a.DelayBefore));
        // The server saw at least those waits for real (20 ms allowed for timer granularity). Only lower bounds:
        // wall-clock gaps also hold JIT and connection set-up, so comparing the two gaps would be flaky.
        TimeSpan firstGap = received[1].ArrivedAt - received[0].ArrivedAt;
        TimeSpan secondGap = received[2].ArrivedAt - received[1].ArrivedAt;
        Assert.True(firstGap >= TimeSpan.FromMilliseconds(80), $"first gap {firstGap}");
        Assert.True(secondGap >= TimeSpan.FromMilliseconds(180), $"second gap {secondGap}");
    }

    [Fact]
    public async Task DispatchDueAsync_400_NotRetriedAndDeadLettered()
    {
        await using var receiver = new LoopbackReceiver(_ => new ReceiverAnswer(400));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);
        var dispatcher = new WebhookDispatcher(_http, _outbox, _clock, FastPolicy);

        WebhookDispatchSummary summary = await dispatcher.DispatchDueAsync(Ct);
        _clock.Advance(Duration.FromDays(1));
        WebhookDispatchSummary later = await dispatcher.DispatchDueAsync(Ct);

        Assert.Equal(new WebhookDispatchSummary(1, 0, 0, 1, 0), summary);
        Assert.Equal(0, later.Leased);
        Assert.Single(receiver.Received);
        WebhookDeliveryState dead = Assert.Single(await _outbox.ListDeadLettersAsync(10, Ct));
        Assert.Equal(delivery.Id, dead.Delivery.Id);
        Assert.Contains("HTTP 400 is not retried", dead.DeadLetterReason, StringComparison.Ordinal);
        Assert.Equal(WebhookAttemptOutcome.Rejected, Assert.Single(dead.Attempts).Outcome);
    }

    [Fact]
    public async Task DispatchDueAsync_429WithShortRetryAfter_WaitsRetryAfterNotBackoff()
    {
        // Retry-After: 1 (delta-seconds, RFC 9110 §10.2.3) is longer than the 100 ms back-off and within the 2 s in-process cap.
        await using var receiver = new LoopbackReceiver(r => r.Index == 1
            ? new ReceiverAnswer(429, new Dictionary<string, string> { ["Retry-After"] = "1" })
            : new ReceiverAnswer(200));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);

        await new WebhookDispatcher(_http, _outbox, _clock, FastPolicy).DispatchDueAsync(Ct);

        IReadOnlyList<ReceivedRequest> received = receiver.Received;
        Assert.Equal(2, received.Count);
        Assert.True(received[1].ArrivedAt - received[0].ArrivedAt >= TimeSpan.FromMilliseconds(980), $"gap {received[1].ArrivedAt - received[0].ArrivedAt}");
        WebhookDeliveryState state = (await _outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(Duration.FromSeconds(1), state.Attempts[0].RetryAfter);
        Assert.Equal(Duration.FromSeconds(1), state.Attempts[1].DelayBefore);
        Assert.Equal(WebhookDeliveryStatus.Delivered, state.Status);
    }

    [Fact]
    public async Task DispatchDueAsync_503WithLongRetryAfter_RescheduledNoEarlierThanRetryAfter()
    {
        // Retry-After: 120 s exceeds the 2 s in-process cap, so the pass ends and the outbox holds it for 120 s
        // (longer than the durable back-off 30 s × 2^0 × 0.5 = 15 s, so Retry-After wins).
        await using var receiver = new LoopbackReceiver(r => r.Index == 1
            ? new ReceiverAnswer(503, new Dictionary<string, string> { ["Retry-After"] = "120" })
            : new ReceiverAnswer(200));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);
        var dispatcher = new WebhookDispatcher(_http, _outbox, _clock, FastPolicy);

        WebhookDispatchSummary first = await dispatcher.DispatchDueAsync(Ct);
        Assert.Equal(1, first.Rescheduled);
        Assert.Equal(Start + Duration.FromSeconds(120), (await _outbox.FindAsync(delivery.Id, Ct))!.NextAttemptAt);

        _clock.Advance(Duration.FromSeconds(119));
        Assert.Equal(0, (await dispatcher.DispatchDueAsync(Ct)).Leased);
        _clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(1, (await dispatcher.DispatchDueAsync(Ct)).Delivered);
        Assert.Equal(2, receiver.Received.Count);
    }

    [Fact]
    public async Task DispatchDueAsync_500WithoutRetryAfter_RescheduledAfterDurableBackoff()
    {
        // One attempt per pass (no in-process retries). Durable back-off after attempt n:
        // min(12 h, 30 s × 2^(n−1)) × (0.5 + 0.5 × r) with r = 0: 15 s after attempt 1, 30 s after attempt 2.
        await using var receiver = new LoopbackReceiver(_ => new ReceiverAnswer(500));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);
        var dispatcher = new WebhookDispatcher(_http, _outbox, _clock, FastPolicy with { InProcessRetries = 0, MaxAttempts = 3 });

        await dispatcher.DispatchDueAsync(Ct);
        Assert.Equal(Start + Duration.FromSeconds(15), (await _outbox.FindAsync(delivery.Id, Ct))!.NextAttemptAt);
        _clock.Advance(Duration.FromSeconds(15));
        await dispatcher.DispatchDueAsync(Ct);
        Assert.Equal(Start + Duration.FromSeconds(45), (await _outbox.FindAsync(delivery.Id, Ct))!.NextAttemptAt);
        _clock.Advance(Duration.FromSeconds(30));
        WebhookDispatchSummary third = await dispatcher.DispatchDueAsync(Ct);

        Assert.Equal(1, third.DeadLettered);
        WebhookDeliveryState state = (await _outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(WebhookDeliveryStatus.DeadLettered, state.Status);
        Assert.StartsWith("gave up after 3 attempts; last: HTTP 500", state.DeadLetterReason, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], state.Attempts.Select(a => a.AttemptNumber));
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task DispatchDueAsync_CrashBetweenSendAndMark_ResentAfterLeaseExpiry()
    {
        await using var receiver = new LoopbackReceiver(_ => new ReceiverAnswer(200));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);
        var crashing = new CrashOnFirstMarkDeliveredOutbox(_outbox);

        // Pass 1: the receiver accepts, then the process "dies" before the outbox records it.
        await Assert.ThrowsAsync<IOException>(() => new WebhookDispatcher(_http, crashing, _clock, FastPolicy).DispatchDueAsync(Ct));
        var restarted = new WebhookDispatcher(_http, _outbox, _clock, FastPolicy);
        // Still leased: nothing due until the lease expires.
        Assert.Equal(0, (await restarted.DispatchDueAsync(Ct)).Leased);
        _clock.Advance(restarted.Policy.LeaseDuration);
        WebhookDispatchSummary after = await restarted.DispatchDueAsync(Ct);

        Assert.Equal(1, after.Delivered);
        IReadOnlyList<ReceivedRequest> received = receiver.Received;
        Assert.Equal(2, received.Count); // at least once: sent twice
        // The receiver de-duplicates by delivery id: one distinct delivery.
        Assert.Equal([delivery.Id.ToString("D")], received.Select(r => r.Headers[WebhookDispatcher.DeliveryIdHeader]).Distinct());
        WebhookDeliveryState state = (await _outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal([1, 2], state.Attempts.Select(a => a.AttemptNumber));
        Assert.Equal(WebhookDeliveryStatus.Delivered, state.Status);
    }

    [Fact]
    public async Task DispatchDueAsync_NoServerListening_NetworkErrorLoggedAndRescheduled()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackReceiver.FreePort()}/hook");
        WebhookDelivery delivery = await EnqueueAsync(closed);

        WebhookDispatchSummary summary = await new WebhookDispatcher(_http, _outbox, _clock, FastPolicy with { InProcessRetries = 1 }).DispatchDueAsync(Ct);

        Assert.Equal(1, summary.Rescheduled);
        WebhookDeliveryState state = (await _outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(2, state.Attempts.Count);
        Assert.All(state.Attempts, a =>
        {
            Assert.Null(a.StatusCode);
            Assert.StartsWith("network error", a.Error, StringComparison.Ordinal);
            Assert.Equal(WebhookAttemptOutcome.Retryable, a.Outcome);
        });
    }

    [Fact]
    public async Task DispatchDueAsync_ReceiverSlowerThanAttemptTimeout_TimeoutLoggedAndRescheduled()
    {
        await using var receiver = new LoopbackReceiver(_ => new ReceiverAnswer(200, Delay: TimeSpan.FromSeconds(3)));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);

        WebhookDispatchSummary summary = await new WebhookDispatcher(_http, _outbox, _clock, FastPolicy with { InProcessRetries = 0, AttemptTimeout = Duration.FromMilliseconds(200) }).DispatchDueAsync(Ct);

        Assert.Equal(1, summary.Rescheduled);
        WebhookDeliveryAttempt attempt = Assert.Single((await _outbox.FindAsync(delivery.Id, Ct))!.Attempts);
        Assert.StartsWith("timeout after 200 ms", attempt.Error, StringComparison.Ordinal);
        Assert.True(attempt.Duration < Duration.FromSeconds(2), $"attempt took {attempt.Duration}");
    }

    [Fact]
    public async Task DispatchDueAsync_Cancelled_ThrowsAndLeavesDeliveryLeasedForResend()
    {
        await using var receiver = new LoopbackReceiver(_ => new ReceiverAnswer(200, Delay: TimeSpan.FromSeconds(3)));
        WebhookDelivery delivery = await EnqueueAsync(receiver.Url);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new WebhookDispatcher(_http, _outbox, _clock, FastPolicy).DispatchDueAsync(cancel.Token));

        WebhookDeliveryState state = (await _outbox.FindAsync(delivery.Id, Ct))!;
        Assert.Equal(WebhookDeliveryStatus.Pending, state.Status);
        Assert.Empty(state.Attempts);
    }

    private async Task<WebhookDelivery> EnqueueAsync(Uri target)
    {
        var subscription = WebhookSubscription.Create(WebhookScope.ForAccount("acct-1"), WebhookNotificationKinds.All, target);
        var notification = WebhookNotification.Create("evt-" + Guid.NewGuid().ToString("N"), WebhookNotificationKinds.Exception, "customs_hold", "KJ000000001CN", "acct-1", Start);
        return (await new WebhookPublisher(_outbox, _clock).PublishAsync(notification, [subscription], Ct)).Single();
    }

    /// <summary>Simulates a process crash right after the receiver accepted: the first "delivered" mark never reaches the store.</summary>
    private sealed class CrashOnFirstMarkDeliveredOutbox(IWebhookOutbox inner) : IWebhookOutbox
    {
        public Task<bool> EnqueueAsync(WebhookDelivery delivery, Instant dueAt, CancellationToken cancellationToken) => inner.EnqueueAsync(delivery, dueAt, cancellationToken);

        public Task<IReadOnlyList<WebhookLease>> LeaseDueAsync(Instant now, Duration leaseDuration, int maxCount, CancellationToken cancellationToken) => inner.LeaseDueAsync(now, leaseDuration, maxCount, cancellationToken);

        public Task RecordAttemptAsync(WebhookLease lease, WebhookDeliveryAttempt attempt, CancellationToken cancellationToken) => inner.RecordAttemptAsync(lease, attempt, cancellationToken);

        public Task<bool> MarkDeliveredAsync(WebhookLease lease, Instant deliveredAt, CancellationToken cancellationToken) => throw new IOException("simulated crash before the mark was stored");

        public Task<bool> MarkFailedAsync(WebhookLease lease, Instant nextAttemptAt, CancellationToken cancellationToken) => inner.MarkFailedAsync(lease, nextAttemptAt, cancellationToken);

        public Task<bool> MarkDeadLetteredAsync(WebhookLease lease, Instant at, string reason, CancellationToken cancellationToken) => inner.MarkDeadLetteredAsync(lease, at, reason, cancellationToken);

        public Task<WebhookDeliveryState?> FindAsync(Guid deliveryId, CancellationToken cancellationToken) => inner.FindAsync(deliveryId, cancellationToken);

        public Task<IReadOnlyList<WebhookDeliveryState>> ListDeadLettersAsync(int maxCount, CancellationToken cancellationToken) => inner.ListDeadLettersAsync(maxCount, cancellationToken);
    }
}
