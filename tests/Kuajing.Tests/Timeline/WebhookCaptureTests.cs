using System.Collections.Concurrent;
using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Tests.Storage;
using Kuajing.Tests.Webhooks;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Kuajing.Webhooks;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Timeline;

/// <summary>
/// Issue #3 point 7 end to end on real SQLite and PostgreSQL: subscriptions stored, events captured, milestone
/// notifications published in the capture transaction, dispatched over the durable outbox to real HTTP receivers.
/// </summary>
public sealed class WebhookCaptureTests : IDisposable
{
    private static readonly S10TrackingNumber ShipmentA = new TrackingNumberAllocator().Allocate(1234, new Geography.CountryCode("CN"));
    private static readonly S10TrackingNumber ShipmentB = new TrackingNumberAllocator().Allocate(5678, new Geography.CountryCode("CN"));
    private static readonly CarrierNumberValidator Numbers = CarrierNumberValidator.LoadBundled();
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-webhook-capture-").FullName;
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 10, 12, 0));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(TimelineStore Store, Func<TimelineStore> Factory, PostgresDatabase? Pg)> OpenAsync(string provider)
    {
        if (provider == "sqlite")
        {
            var path = Path.Combine(_dir, "t.db");
            return (await TimelineStore.OpenAsync(path, null, Ct), () => new TimelineStore(TimelineStore.ForSqlite(path)), null);
        }

        var pg = await PostgresDatabase.CreateAsync();
        return (await TimelineStore.OpenAsync(null, pg.ConnectionString, Ct), () => new PostgresTimelineStore(PostgresTimelineStore.ForPostgres(pg.ConnectionString)), pg);
    }

    private static TrackingEvent Event(string id, int hour, TrackingMilestone milestone, string reference, string kind = "tracking") => new()
    {
        EventId = id,
        ContentHash = "kj:sha256:" + id,
        Type = TrackingEventType.CarrierStatus,
        EventTime = Instant.FromUtc(2026, 3, 2, 0, 0) + Duration.FromHours(hour),
        EventTimeOffset = Offset.FromHours(8),
        Milestone = milestone,
        Location = new EventLocation(UnLocode: "BELGG", Name: "Liège Airport", Country: "BE"),
        References = [new ShipmentReference(kind, reference)],
        Source = new EventSource(EventSourceFormat.Carrier, "test", $"/{id}"),
    };

    /// <summary>A receiver that verifies every request with one subscription's secret, as docs/webhooks.md tells receivers to.</summary>
    private sealed class VerifyingReceiver : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(WebhookSignatureCheck Check, JsonElement Body)> _seen = new();

        public VerifyingReceiver(Func<WebhookSecret?> secret, IClock clock)
        {
            Loopback = new LoopbackReceiver(request =>
            {
                var check = WebhookSignature.Verify(secret()!, request.Headers.GetValueOrDefault(WebhookSignature.HeaderName), request.Body, clock.GetCurrentInstant(), WebhookSignature.DefaultTolerance);
                using var json = JsonDocument.Parse(request.Body);
                _seen.Enqueue((check, json.RootElement.Clone()));
                return new ReceiverAnswer(check == WebhookSignatureCheck.Valid ? 204 : 401);
            });
        }

        public LoopbackReceiver Loopback { get; }

        public IReadOnlyList<(WebhookSignatureCheck Check, JsonElement Body)> Seen => [.. _seen];

        public ValueTask DisposeAsync() => Loopback.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CaptureThenDispatch_SubscribedReceivers_GetExactlyTheirMilestonesSigned(string provider)
    {
        var (store, factory, pg) = await OpenAsync(provider);
        await using var _ = pg;
        await using var __ = store;
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(store, signer, Numbers, _clock);
        var subscriptions = new WebhookSubscriptionStore(store, _clock);

        WebhookSubscription? shipmentSub = null, accountSub = null;
        await using var shipmentReceiver = new VerifyingReceiver(() => shipmentSub?.Secret, _clock);
        await using var accountReceiver = new VerifyingReceiver(() => accountSub?.Secret, _clock);
        shipmentSub = WebhookSubscription.Create(WebhookScope.ForShipment(ShipmentA.ToString()), WebhookNotificationKinds.Milestone, shipmentReceiver.Loopback.Url);
        accountSub = WebhookSubscription.Create(WebhookScope.ForAccount("acct-7"), WebhookNotificationKinds.All, accountReceiver.Loopback.Url);
        await subscriptions.AddAsync(shipmentSub, Ct);
        await subscriptions.AddAsync(accountSub, Ct);
        await subscriptions.AssignAccountAsync(ShipmentB.ToString(), "acct-7", Ct);

        // One master air waybill carries both shipments (consolidation). IATA AWB 176-12345675: 1234567 mod 7 = 5.
        Assert.True((await service.LinkAsync(ShipmentA, 2, CarrierNumberKind.AirWaybill, "176-12345675", Ct)).IsValid);
        Assert.True((await service.LinkAsync(ShipmentB, 2, CarrierNumberKind.AirWaybill, "176-12345675", Ct)).IsValid);
        TrackingEvent[] batch =
        [
            Event("e-1", 2, TrackingMilestone.PickedUp, ShipmentA.ToString()),
            Event("e-info", 3, TrackingMilestone.Info, ShipmentA.ToString()),     // not a canonical milestone: no webhook
            Event("e-other", 4, TrackingMilestone.Other, ShipmentB.ToString()),   // neither
            Event("e-2", 30, TrackingMilestone.Departed, "17612345675", "awb"),   // consolidation: A and B
            Event("e-3", 70, TrackingMilestone.Delivered, ShipmentB.ToString()),
            Event("e-4", 72, TrackingMilestone.Delivered, ShipmentA.ToString()),
        ];
        var result = await service.CaptureAsync(batch, Ct);
        var again = await service.CaptureAsync(batch, Ct); // all duplicates: nothing stored, nothing published again
        Assert.True(result.Accepted);
        Assert.Equal((6, 6), (result.Stored, again.Duplicates));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var dispatcher = new WebhookDispatcher(http, new TimelineWebhookOutbox(factory), _clock, new WebhookDeliveryPolicy { UseJitter = false });
        var summary = await dispatcher.DispatchDueAsync(Ct);
        var second = await dispatcher.DispatchDueAsync(Ct);

        // Shipment A's subscription: A's canonical milestones, the consolidation departure under A's own id.
        Assert.All(shipmentReceiver.Seen, s => Assert.Equal(WebhookSignatureCheck.Valid, s.Check));
        Assert.Equal(
            [("e-1", "milestone.picked_up"), ("e-2/" + ShipmentA, "milestone.departed"), ("e-4", "milestone.delivered")],
            shipmentReceiver.Seen.Select(s => (s.Body.GetProperty("event_id").GetString(), s.Body.GetProperty("type").GetString())).Order());
        Assert.All(shipmentReceiver.Seen, s => Assert.Equal(ShipmentA.ToString(), s.Body.GetProperty("tracking_number").GetString()));
        Assert.All(shipmentReceiver.Seen, s => Assert.Equal("unassigned", s.Body.GetProperty("account_id").GetString()));

        // Account acct-7 owns only B: B's departure (from the consolidation) and delivery.
        Assert.All(accountReceiver.Seen, s => Assert.Equal(WebhookSignatureCheck.Valid, s.Check));
        Assert.Equal(
            [("e-2/" + ShipmentB, "milestone.departed"), ("e-3", "milestone.delivered")],
            accountReceiver.Seen.Select(s => (s.Body.GetProperty("event_id").GetString(), s.Body.GetProperty("type").GetString())).Order());
        Assert.All(accountReceiver.Seen, s => Assert.Equal("acct-7", s.Body.GetProperty("account_id").GetString()));
        Assert.Equal("BELGG", accountReceiver.Seen[0].Body.GetProperty("location").GetProperty("unlocode").GetString());

        Assert.Equal(new WebhookDispatchSummary(5, 5, 0, 0, 0), summary);
        Assert.Equal(0, second.Leased); // delivered once each
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CaptureAsync_BatchRefused_NothingPublished(string provider)
    {
        var (store, factory, pg) = await OpenAsync(provider);
        await using var _ = pg;
        await using var __ = store;
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(store, signer, Numbers, _clock);
        await new WebhookSubscriptionStore(store, _clock).AddAsync(
            WebhookSubscription.Create(WebhookScope.ForShipment(ShipmentA.ToString()), WebhookNotificationKinds.Milestone, new Uri("https://hooks.example.com/k")), Ct);

        // The second event names an unlinked number: the whole batch is refused, so its milestone must not be published.
        var result = await service.CaptureAsync([Event("e-1", 2, TrackingMilestone.PickedUp, ShipmentA.ToString()), Event("e-x", 3, TrackingMilestone.Departed, "UNLINKED1", "awb")], Ct);

        Assert.False(result.Accepted);
        Assert.Empty(await new TimelineWebhookOutbox(factory).LeaseDueAsync(_clock.GetCurrentInstant() + Duration.FromDays(1), Duration.FromSeconds(80), 10, Ct));
    }
}
