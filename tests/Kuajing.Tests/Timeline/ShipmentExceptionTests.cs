using System.Collections.Concurrent;
using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Storage;
using Kuajing.Tests.Storage;
using Kuajing.Tests.Webhooks;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Eta;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Kuajing.Webhooks;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Timeline;

/// <summary>
/// Issue #3 points 6 and 7 on real SQLite and PostgreSQL: exceptions stored once, raised in the capture transaction
/// (customs hold, missed connection) or by the scan (dwell, late delivery), cleared by the resolving event, and their
/// exception.raised / exception.cleared notifications delivered through the durable outbox to real HTTP receivers.
/// </summary>
/// <remarks>
/// Every shipment has the same plan, stored with <see cref="PlanStore"/> in the same database (as <c>kuajing plan</c> does),
/// t0 = 2026-03-02 00:00 UTC:
/// leg 1 Air CNCGO (Zhengzhou) → BELGG (Liège), planned departure t0+10h, arrival t0+24h;
/// leg 2 LastMile BELGG → DEBER (Berlin), planned departure t0+36h, arrival t0+60h = the promised delivery.
/// Stored legs carry no cut-off, so leg 2's cut-off is its planned departure t0+36h (EtaShipmentPlan.FromRecord).
/// Thresholds (data/eta/exception-thresholds.csv, Kuajing estimates, status E): missed-connection slack 0 h, LastMile dwell
/// tolerance 24 h, customs hold 48 h, late-delivery grace 0 h. Planned dwell at BELGG = 36 − 24 = 12 h.
/// </remarks>
public sealed class ShipmentExceptionTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 0, 0);
    private static readonly TrackingNumberAllocator Allocator = new();
    private static readonly S10TrackingNumber Held = Allocator.Allocate(101, new Geography.CountryCode("CN"));
    private static readonly S10TrackingNumber Missed = Allocator.Allocate(102, new Geography.CountryCode("CN"));
    private static readonly S10TrackingNumber Dwelling = Allocator.Allocate(103, new Geography.CountryCode("CN"));
    private static readonly CarrierNumberValidator Numbers = CarrierNumberValidator.LoadBundled();
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-exceptions-").FullName;
    private readonly FakeClock _clock = new(T0 + Duration.FromHours(100));
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private CancellationToken Ct => _timeout.Token;

    public void Dispose()
    {
        _timeout.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private static Instant At(double hours) => T0 + Duration.FromMinutes((long)(hours * 60));

    private sealed record Stores(TimelineStore Timeline, PlanStore Plans, Func<TimelineStore> Factory, PostgresDatabase? Pg) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Timeline.DisposeAsync();
            await Plans.DisposeAsync();
            if (Pg is not null)
            {
                await Pg.DisposeAsync();
            }
        }
    }

    private async Task<Stores> OpenAsync(string provider)
    {
        Stores stores;
        if (provider == "sqlite")
        {
            var path = Path.Combine(_dir, "k.db");
            stores = new(await TimelineStore.OpenAsync(path, null, Ct), await PlanStore.OpenAsync(path, null, Ct), () => new TimelineStore(TimelineStore.ForSqlite(path)), null);
        }
        else
        {
            var pg = await PostgresDatabase.CreateAsync();
            stores = new(await TimelineStore.OpenAsync(null, pg.ConnectionString, Ct), await PlanStore.OpenAsync(null, pg.ConnectionString, Ct), () => new PostgresTimelineStore(PostgresTimelineStore.ForPostgres(pg.ConnectionString)), pg);
        }

        foreach (var shipment in new[] { Held, Missed, Dwelling })
        {
            stores.Plans.Orders.Add(PlannedOrder(shipment.ToString()));
        }

        await stores.Plans.SaveChangesAsync(Ct);
        return stores;
    }

    private static OrderRecord PlannedOrder(string trackingNumber)
    {
        var shipment = new ShipmentRecord
        {
            TrackingNumber = trackingNumber, OriginNode = "CNCGO", Objective = "balanced", Incoterm = "DAP", QuoteCurrency = "CNY",
            Flags = "", ParetoJson = "[]", ReadyAtUtc = At(0).ToDateTimeUtc(), DeliveredAtUtc = At(60).ToDateTimeUtc(), DeliveryDays = 2.5,
        };
        shipment.Legs.Add(Leg(1, "Air", "CNCGO", "BELGG", 10, 24));
        shipment.Legs.Add(Leg(2, "LastMile", "BELGG", "DEBER", 36, 60));
        return new OrderRecord { SourceKey = "test#" + trackingNumber, OrderId = trackingNumber, BuyerCountry = "DE", GoodsCurrency = "EUR", Shipment = shipment };
    }

    private static LegRecord Leg(int sequence, string mode, string from, string to, double departHours, double arriveHours) => new()
    {
        Sequence = sequence, LaneId = "lane-" + sequence, Mode = mode, Service = "test", Carrier = "test", FromNode = from, ToNode = to,
        FreightCurrency = "CNY", DepartureUtc = At(departHours).ToDateTimeUtc(), ArrivalUtc = At(arriveHours).ToDateTimeUtc(),
    };

    private static TrackingEvent Event(string id, double hours, TrackingMilestone milestone, S10TrackingNumber shipment, string unlocode) => new()
    {
        EventId = id,
        ContentHash = "kj:sha256:" + id,
        Type = TrackingEventType.CarrierStatus,
        EventTime = At(hours),
        EventTimeOffset = Offset.Zero,
        Milestone = milestone,
        Location = new EventLocation(UnLocode: unlocode),
        References = [new ShipmentReference("tracking", shipment.ToString())],
        Source = new EventSource(EventSourceFormat.Carrier, "test", $"/{id}"),
    };

    private ShipmentExceptionMonitor Monitor(Stores s) =>
        new(new PlanStoreShipmentPlans(s.Plans), EtaThresholds.LoadBundled(), _clock);

    private static async Task<ShipmentExceptionRecord[]> ExceptionsAsync(Stores s, S10TrackingNumber shipment) =>
        [.. (await ShipmentExceptionMonitor.ListAsync(s.Timeline, [shipment.ToString()], openOnly: false, CancellationToken.None)).OrderBy(x => x.RaisedAtUtc)];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Capture_CustomsHoldThenRelease_RaisedInCaptureOnceAndCleared(string provider)
    {
        await using var s = await OpenAsync(provider);
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(s.Timeline, signer, Numbers, _clock, Monitor(s));

        // Departed Zhengzhou on time (t0+10h), arrived Liège t0+25h (1 h late but before leg 2's cut-off t0+36h: no missed
        // connection), held by Belgian import customs at t0+26h.
        TrackingEvent[] first =
        [
            Event("h-dep", 10, TrackingMilestone.Departed, Held, "CNCGO"),
            Event("h-arr", 25, TrackingMilestone.Arrived, Held, "BELGG"),
            Event("h-hold", 26, TrackingMilestone.ImportCustomsHeld, Held, "BELGG"),
        ];
        var captured = await service.CaptureAsync(first, Ct);
        var again = await service.CaptureAsync(first, Ct);

        Assert.Equal((1, 0), (captured.Exceptions!.Raised, captured.Exceptions.Cleared));
        Assert.Equal(3, again.Duplicates);
        var hold = Assert.Single(await ExceptionsAsync(s, Held));
        Assert.Equal(
            ("customs_hold", 1, "BELGG", At(26).ToDateTimeUtc(), ShipmentExceptionRecord.Open, "capture", "id:h-hold"),
            (hold.Code, hold.LegSequence, hold.NodeCode, hold.RaisedAtUtc, hold.Status, hold.RaisedBy, hold.EvidenceEventKey));
        Assert.Equal(At(26 + 48).ToDateTimeUtc(), hold.PlannedAtUtc); // release expected within 48 h
        Assert.Equal(48 * 3600, hold.ThresholdSeconds);

        // A scan at t0+30h finds nothing new (no dwell yet: 25 + 12 + 24 = t0+61h; not yet late: promised t0+60h).
        var scan = await Monitor(s).ScanAsync(s.Timeline, At(30), Ct);
        Assert.Equal((1, 0, 0), (scan.ShipmentsEvaluated, scan.Raised, scan.Cleared));

        // Released at t0+31h: the hold is cleared by that event, in that capture.
        var release = await service.CaptureAsync([Event("h-rel", 31, TrackingMilestone.ImportCustomsReleased, Held, "BELGG")], Ct);
        Assert.Equal((0, 1), (release.Exceptions!.Raised, release.Exceptions.Cleared));
        hold = Assert.Single(await ExceptionsAsync(s, Held));
        Assert.Equal((ShipmentExceptionRecord.Cleared, (DateTime?)At(31).ToDateTimeUtc(), "id:h-rel"), (hold.Status, hold.ClearedAtUtc, hold.ClearingEventKey));
    }

    [Fact]
    public async Task Capture_RacingWriterRaisesTheSameHoldFirst_CaptureStillStoresItsEventsAndTheHoldOnce()
    {
        // Learn the exact row a capture of the hold raises (id, evidence) on a scratch SQLite store.
        TrackingEvent[] before = [Event("r-dep", 10, TrackingMilestone.Departed, Held, "CNCGO"), Event("r-arr", 25, TrackingMilestone.Arrived, Held, "BELGG")];
        var hold = Event("r-hold", 26, TrackingMilestone.ImportCustomsHeld, Held, "BELGG");
        ShipmentExceptionRecord expected;
        await using (var scratch = await OpenAsync("sqlite"))
        {
            using var scratchSigner = TreeHeadSigner.Create();
            var scratchService = new TimelineService(scratch.Timeline, scratchSigner, Numbers, _clock, Monitor(scratch));
            await scratchService.CaptureAsync(before, Ct);
            await scratchService.CaptureAsync([hold], Ct);
            expected = Assert.Single(await ExceptionsAsync(scratch, Held));
        }

        // On PostgreSQL, another writer (a scan, say) inserts that same exception and has not committed yet when the capture
        // of the hold runs: the capture's insert waits on the unique exception id, then meets the committed row.
        await using var s = await OpenAsync("postgres");
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(s.Timeline, signer, Numbers, _clock, Monitor(s));
        await service.CaptureAsync(before, Ct);
        await using var other = s.Factory();
        await using var otherTx = await other.Database.BeginTransactionAsync(Ct);
        other.Exceptions.Add(new ShipmentExceptionRecord
        {
            ExceptionId = expected.ExceptionId, ShipmentNumber = expected.ShipmentNumber, Code = expected.Code, LegSequence = expected.LegSequence,
            NodeCode = expected.NodeCode, RaisedAtUtc = Utc(expected.RaisedAtUtc), DetectedAtUtc = Utc(expected.DetectedAtUtc), RaisedBy = ShipmentExceptionMonitor.ByScan,
            EvidenceEventKey = expected.EvidenceEventKey, PlannedAtUtc = UtcOrNull(expected.PlannedAtUtc), ObservedAtUtc = UtcOrNull(expected.ObservedAtUtc),
            ThresholdSeconds = expected.ThresholdSeconds, UsualDwellSeconds = expected.UsualDwellSeconds, Source = expected.Source, Detail = expected.Detail,
            Status = expected.Status,
        });
        await other.SaveChangesAsync(Ct);

        // SQLite gives back DateTime of unspecified kind; the stored values are UTC.
        static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
        static DateTime? UtcOrNull(DateTime? value) => value is { } v ? Utc(v) : null;

        var capture = service.CaptureAsync([hold], Ct);
        await Task.Delay(1500, Ct); // the capture is now blocked on the uncommitted row's unique key
        Assert.False(capture.IsCompleted, "the capture did not wait for the other writer: the race was not set up");
        await otherTx.CommitAsync(Ct);
        var result = await capture;

        Assert.True(result.Accepted);
        Assert.Equal(1, result.Stored);
        Assert.Equal(0, result.Exceptions!.Raised); // the other writer raised it; the retried evaluation saw its row
        var stored = Assert.Single(await ExceptionsAsync(s, Held));
        Assert.Equal((expected.ExceptionId, ShipmentExceptionMonitor.ByScan), (stored.ExceptionId, stored.RaisedBy));
        Assert.Equal(3, await s.Timeline.Events.CountAsync(e => e.ShipmentNumber == Held.ToString(), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CaptureAndScan_MissedConnectionDwellAndLate_EachRaisedOnceClearedByTheResolvingEvent(string provider)
    {
        await using var s = await OpenAsync(provider);
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(s.Timeline, signer, Numbers, _clock, Monitor(s));

        // Missed: arrives Liège t0+40h, after leg 2's cut-off t0+36h → missed connection raised in the capture at t0+40h.
        // Dwelling: arrives on time t0+24h; nothing else yet.
        var capture = await service.CaptureAsync(
        [
            Event("m-arr", 40, TrackingMilestone.Arrived, Missed, "BELGG"),
            Event("d-arr", 24, TrackingMilestone.Arrived, Dwelling, "BELGG"),
        ], Ct);
        Assert.Equal(1, capture.Exceptions!.Raised);
        var missed = Assert.Single(await ExceptionsAsync(s, Missed));
        Assert.Equal(("missed_connection", At(40).ToDateTimeUtc(), (DateTime?)At(36).ToDateTimeUtc(), "capture"), (missed.Code, missed.RaisedAtUtc, missed.PlannedAtUtc, missed.RaisedBy));
        Assert.Empty(await ExceptionsAsync(s, Dwelling));

        // Scan at t0+59h: Dwelling should leave Liège by 24 + 12 (planned dwell) + 24 (LastMile tolerance) = t0+60h, and is
        // promised for t0+60h: nothing yet. Missed: usual dwell ends 40 + 12 + 24 = t0+76h: nothing new either.
        Assert.Equal(0, (await Monitor(s).ScanAsync(s.Timeline, At(59), Ct)).Raised);

        // Scan at t0+61h: Dwelling has overstayed (raised at t0+60h) and is late (raised at the promise t0+60h); Missed is
        // late as well (promised t0+60h). Three new exceptions; a second scan (same or later instant) raises none again.
        var scan = await Monitor(s).ScanAsync(s.Timeline, At(61), Ct);
        var rescan = await Monitor(s).ScanAsync(s.Timeline, At(61), Ct);
        var later = await Monitor(s).ScanAsync(s.Timeline, At(62), Ct);
        Assert.Equal((2, 3, 0), (scan.ShipmentsEvaluated, scan.Raised, scan.Cleared));
        Assert.Equal((0, 0), (rescan.Raised, later.Raised));
        var dwelling = await ExceptionsAsync(s, Dwelling);
        Assert.Equal(["dwell_exceeded", "late_delivery"], dwelling.Select(x => x.Code).Order());
        Assert.All(dwelling, x => Assert.Equal((At(60).ToDateTimeUtc(), "scan", ShipmentExceptionRecord.Open), (x.RaisedAtUtc, x.RaisedBy, x.Status)));
        var dwell = dwelling.Single(x => x.Code == "dwell_exceeded");
        Assert.Equal((12L * 3600, 24L * 3600, "id:d-arr"), (dwell.UsualDwellSeconds, dwell.ThresholdSeconds, dwell.EvidenceEventKey));
        Assert.Contains("dwell_tolerance/LastMile", dwell.Source, StringComparison.Ordinal);

        // Dwelling departs Liège at t0+63h (leg 2 departure: clears the dwell), delivered in Berlin at t0+70h (clears the
        // late delivery). Missed departs at t0+45h (clears the missed connection; reported late, out of order).
        var resolve = await service.CaptureAsync(
        [
            Event("d-dep", 63, TrackingMilestone.Departed, Dwelling, "BELGG"),
            Event("d-del", 70, TrackingMilestone.Delivered, Dwelling, "DEBER"),
            Event("m-dep", 45, TrackingMilestone.Departed, Missed, "BELGG"),
        ], Ct);
        Assert.Equal((0, 3), (resolve.Exceptions!.Raised, resolve.Exceptions.Cleared));
        dwelling = await ExceptionsAsync(s, Dwelling);
        Assert.All(dwelling, x => Assert.Equal(ShipmentExceptionRecord.Cleared, x.Status));
        Assert.Equal(At(63).ToDateTimeUtc(), dwelling.Single(x => x.Code == "dwell_exceeded").ClearedAtUtc);
        Assert.Equal(At(70).ToDateTimeUtc(), dwelling.Single(x => x.Code == "late_delivery").ClearedAtUtc);
        var missedNow = await ExceptionsAsync(s, Missed);
        Assert.Equal(At(45).ToDateTimeUtc(), missedNow.Single(x => x.Code == "missed_connection").ClearedAtUtc);
        Assert.Equal(ShipmentExceptionRecord.Open, missedNow.Single(x => x.Code == "late_delivery").Status); // not delivered yet

        // Re-scan later: nothing is raised again or re-opened; the stored rows are unchanged.
        var final = await Monitor(s).ScanAsync(s.Timeline, At(200), Ct);
        Assert.Equal((0, 0), (final.Raised, final.Cleared));
        Assert.Equal(4, await s.Timeline.Exceptions.CountAsync(Ct)); // missed connection + late (Missed), dwell + late (Dwelling)
    }

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
    public async Task RaiseAndClear_Subscribers_ExceptionNotificationsInOutboxAndDeliveredSigned(string provider)
    {
        await using var s = await OpenAsync(provider);
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(s.Timeline, signer, Numbers, _clock, Monitor(s));
        var subscriptions = new WebhookSubscriptionStore(s.Timeline, _clock);
        WebhookSubscription? exceptionSub = null, accountSub = null;
        await using var exceptionReceiver = new VerifyingReceiver(() => exceptionSub?.Secret, _clock);
        await using var accountReceiver = new VerifyingReceiver(() => accountSub?.Secret, _clock);
        await using var milestoneReceiver = new LoopbackReceiver(_ => new ReceiverAnswer(204));
        exceptionSub = WebhookSubscription.Create(WebhookScope.ForShipment(Held.ToString()), WebhookNotificationKinds.Exception, exceptionReceiver.Loopback.Url);
        accountSub = WebhookSubscription.Create(WebhookScope.ForAccount("acct-eu"), WebhookNotificationKinds.All, accountReceiver.Loopback.Url, ["customs_hold", "delivered"]);
        var milestoneSub = WebhookSubscription.Create(WebhookScope.ForShipment(Held.ToString()), WebhookNotificationKinds.Milestone, milestoneReceiver.Url);
        await subscriptions.AddAsync(exceptionSub, Ct);
        await subscriptions.AddAsync(accountSub, Ct);
        await subscriptions.AddAsync(milestoneSub, Ct);
        await subscriptions.AssignAccountAsync(Held.ToString(), "acct-eu", Ct);

        // Held at Liège t0+26h, released t0+31h (two captures: raise, then clear).
        await service.CaptureAsync([Event("w-arr", 25, TrackingMilestone.Arrived, Held, "BELGG"), Event("w-hold", 26, TrackingMilestone.ImportCustomsHeld, Held, "BELGG")], Ct);
        await service.CaptureAsync([Event("w-rel", 31, TrackingMilestone.ImportCustomsReleased, Held, "BELGG")], Ct);

        // Outbox rows: the exception subscriber and the account subscriber (filtered to customs_hold, delivered) each get
        // exception.raised and exception.cleared; the milestone-only subscriber gets milestones only (3 events), no exception.
        var rows = await s.Timeline.WebhookDeliveries.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(2, rows.Count(r => r.SubscriptionId == exceptionSub.Id && r.Kind == (int)WebhookNotificationKinds.Exception));
        Assert.Equal(0, rows.Count(r => r.SubscriptionId == exceptionSub.Id && r.Kind == (int)WebhookNotificationKinds.Milestone));
        Assert.Equal(2, rows.Count(r => r.SubscriptionId == accountSub.Id)); // arrived/held/released milestones are not in its codes
        Assert.Equal(0, rows.Count(r => r.SubscriptionId == milestoneSub.Id && r.Kind == (int)WebhookNotificationKinds.Exception));
        Assert.Equal(3, rows.Count(r => r.SubscriptionId == milestoneSub.Id));

        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var dispatcher = new WebhookDispatcher(http, new TimelineWebhookOutbox(s.Factory), _clock, new WebhookDeliveryPolicy { UseJitter = false });
        var summary = await dispatcher.DispatchDueAsync(Ct);
        Assert.Equal(7, summary.Delivered);

        foreach (var receiver in new[] { exceptionReceiver, accountReceiver })
        {
            Assert.All(receiver.Seen, x => Assert.Equal(WebhookSignatureCheck.Valid, x.Check));
            var bodies = receiver.Seen.Select(x => x.Body).OrderBy(b => b.GetProperty("type").GetString(), StringComparer.Ordinal).ToArray();
            Assert.Equal(["exception.cleared", "exception.raised"], bodies.Select(b => b.GetProperty("type").GetString()));
            Assert.All(bodies, b => Assert.Equal("customs_hold", b.GetProperty("code").GetString()));
            Assert.All(bodies, b => Assert.Equal("acct-eu", b.GetProperty("account_id").GetString()));
            var cleared = bodies[0].GetProperty("exception");
            var raised = bodies[1].GetProperty("exception");
            Assert.Equal(Held + "/customs_hold/1/2026-03-03T02:00:00Z", raised.GetProperty("id").GetString());
            Assert.Equal(("open", "2026-03-03T02:00:00Z"), (raised.GetProperty("status").GetString(), raised.GetProperty("raised_at").GetString()));
            Assert.Equal("id:w-hold", raised.GetProperty("evidence").GetProperty("event_id").GetString());
            Assert.Equal(48m, raised.GetProperty("evidence").GetProperty("threshold_hours").GetDecimal());
            Assert.Equal(("cleared", "2026-03-03T07:00:00Z", "id:w-rel"), (cleared.GetProperty("status").GetString(), cleared.GetProperty("cleared_at").GetString(), cleared.GetProperty("clearing_event_id").GetString()));
            Assert.Equal("2026-03-03T07:00:00Z", bodies[0].GetProperty("occurred_at").GetString()); // a clear occurs at the release
            Assert.Equal("BE", bodies[1].GetProperty("location").GetProperty("country").GetString());
        }

        Assert.Equal(3, milestoneReceiver.Received.Count);
        Assert.All(milestoneReceiver.Received, r => Assert.StartsWith("milestone.", JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString(), StringComparison.Ordinal));
    }
}
