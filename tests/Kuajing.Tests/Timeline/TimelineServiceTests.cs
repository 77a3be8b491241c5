using Kuajing.Ledger;
using Kuajing.Tests.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Timeline;

/// <summary>Capture, timeline and tamper detection on real SQLite and real PostgreSQL (started by test.sh).</summary>
public sealed class TimelineServiceTests : IDisposable
{
    private static readonly S10TrackingNumber Shipment = new TrackingNumberAllocator().Allocate(1234, new Geography.CountryCode("CN"));
    private static readonly S10TrackingNumber Other = new TrackingNumberAllocator().Allocate(5678, new Geography.CountryCode("CN"));
    private static readonly CarrierNumberValidator Numbers = CarrierNumberValidator.LoadBundled();
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-capture-").FullName;
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 3, 10, 12, 0));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private async Task<(TimelineStore Store, PostgresDatabase? Pg)> OpenAsync(string provider)
    {
        if (provider == "sqlite")
        {
            return (await TimelineStore.OpenAsync(Path.Combine(_dir, "t.db"), null, CancellationToken.None), null);
        }

        var pg = await PostgresDatabase.CreateAsync();
        return (await TimelineStore.OpenAsync(null, pg.ConnectionString, CancellationToken.None), pg);
    }

    private static TrackingEvent Event(string? id, int hour, TrackingMilestone milestone, string reference, string kind = "tracking") => new()
    {
        EventId = id,
        ContentHash = "kj:sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{reference}|{hour}|{milestone}"))),
        Type = TrackingEventType.CarrierStatus,
        EventTime = Instant.FromUtc(2026, 3, 2, 0, 0) + Duration.FromHours(hour),
        EventTimeOffset = Offset.FromHours(8),
        Milestone = milestone,
        References = [new ShipmentReference(kind, reference)],
        Source = new EventSource(EventSourceFormat.Carrier, "test", $"/{hour}"),
    };

    [Fact]
    public async Task ReadOnlyService_ReadsAndLinksButRefusesToCapture()
    {
        var (store, _) = await OpenAsync("sqlite");
        await using var __ = store;
        using (var signer = TreeHeadSigner.Create())
        {
            Assert.Equal(1, (await new TimelineService(store, signer, Numbers, _clock).CaptureAsync([Event("ro-1", 1, TrackingMilestone.PickedUp, Shipment.ToString())], CancellationToken.None)).Stored);
        }

        var reader = new TimelineService(store, Numbers, _clock); // no signing key
        Assert.True((await reader.LinkAsync(Shipment, 2, CarrierNumberKind.AirWaybill, "176-12345675", CancellationToken.None)).IsValid);
        var (shipments, events) = await reader.TimelineAsync("176-12345675", CancellationToken.None);

        Assert.Equal([Shipment.ToString()], shipments);
        Assert.Single(events);
        await Assert.ThrowsAsync<InvalidOperationException>(() => reader.CaptureAsync([Event("ro-2", 2, TrackingMilestone.Departed, Shipment.ToString())], CancellationToken.None));
        Assert.Equal(1, await store.Events.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Capture_DuplicatesAndOutOfOrder_StoredOnceAndOrderedByEventTime(string provider)
    {
        var (store, pg) = await OpenAsync(provider);
        await using var _ = pg;
        await using var __ = store;
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(store, signer, Numbers, _clock);

        // IATA AWB 176-12345675: serial 1234567 mod 7 = 5 (IATA Cargo-IMP check digit).
        Assert.True((await service.LinkAsync(Shipment, 2, CarrierNumberKind.AirWaybill, "176-12345675", CancellationToken.None)).IsValid);

        // Delivered arrives first, departure later; the same departure is delivered twice, once under the AWB.
        var delivered = Event("e-3", 72, TrackingMilestone.Delivered, Shipment.ToString());
        var departed = Event("e-2", 30, TrackingMilestone.Departed, "17612345675", "awb");
        var pickedUp = Event(null, 2, TrackingMilestone.PickedUp, Shipment.ToString());
        var first = await service.CaptureAsync([delivered, departed], CancellationToken.None);
        var second = await service.CaptureAsync([departed, pickedUp, pickedUp], CancellationToken.None);

        Assert.Equal((2, 0), (first.Stored, first.Duplicates));
        Assert.Equal((1, 2), (second.Stored, second.Duplicates)); // e-2 again, and pickedUp twice in one batch (same hash)
        var (shipments, events) = await service.TimelineAsync("176 1234 5675", CancellationToken.None);
        Assert.Equal([Shipment.ToString()], shipments);
        Assert.Equal(["PickedUp", "Departed", "Delivered"], events.Select(e => e.Milestone));
        Assert.Equal([2L, 1L, 0L], events.Select(e => e.LedgerIndex)); // ledger keeps arrival order
        Assert.Equal(3, second.Head!.TreeSize);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Capture_OneEventUnresolvable_RefusesWholeBatchWithPerEventError(string provider)
    {
        var (store, pg) = await OpenAsync(provider);
        await using var _ = pg;
        await using var __ = store;
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(store, signer, Numbers, _clock);

        var result = await service.CaptureAsync([Event("ok", 1, TrackingMilestone.PickedUp, Shipment.ToString()), Event("bad", 2, TrackingMilestone.Departed, "UNKNOWN123")], CancellationToken.None);

        Assert.False(result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal(1, error.EventIndex);
        Assert.Contains("UNKNOWN123", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, await store.Events.CountAsync()); // never half a batch
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_EditDeleteReorder_EachDetected(string provider)
    {
        var (store, pg) = await OpenAsync(provider);
        await using var _ = pg;
        await using var __ = store;
        using var signer = TreeHeadSigner.Create();
        using var verifier = signer.CreateVerifier();
        var service = new TimelineService(store, signer, Numbers, _clock);
        await service.CaptureAsync([.. Enumerable.Range(0, 6).Select(h => Event($"e{h}", h, TrackingMilestone.Info, h % 2 == 0 ? Shipment.ToString() : Other.ToString()))], CancellationToken.None);
        Assert.True((await service.VerifyAsync(verifier, null, CancellationToken.None)).IsValid);
        var trusted = (await service.VerifyAsync(verifier, null, CancellationToken.None)).Head;

        // 1. Edit: a milestone quietly rewritten in the stored payload.
        await store.Database.ExecuteSqlRawAsync("UPDATE timeline_events SET \"Payload\" = replace(\"Payload\", 'Info', 'Delivered') WHERE \"LedgerIndex\" = 2");
        var edited = await service.VerifyAsync(verifier, trusted, CancellationToken.None);
        Assert.False(edited.IsValid);
        Assert.Contains(edited.Findings, f => f.Contains("LeafEdited at ledger index 2", StringComparison.Ordinal));

        // 2. Reorder: two events swap ledger positions (payload and hash travel with them).
        await store.Database.ExecuteSqlRawAsync("UPDATE timeline_events SET \"Payload\" = replace(\"Payload\", 'Delivered', 'Info') WHERE \"LedgerIndex\" = 2");
        Assert.True((await service.VerifyAsync(verifier, trusted, CancellationToken.None)).IsValid);
        await store.Database.ExecuteSqlRawAsync("UPDATE timeline_events SET \"LedgerIndex\" = -1 WHERE \"LedgerIndex\" = 1");
        await store.Database.ExecuteSqlRawAsync("UPDATE timeline_events SET \"LedgerIndex\" = 1 WHERE \"LedgerIndex\" = 4");
        await store.Database.ExecuteSqlRawAsync("UPDATE timeline_events SET \"LedgerIndex\" = 4 WHERE \"LedgerIndex\" = -1");
        var reordered = await service.VerifyAsync(verifier, trusted, CancellationToken.None);
        Assert.Contains(reordered.Findings, f => f.Contains("RootMismatch", StringComparison.Ordinal));

        // 3. Delete: one event removed.
        await store.Database.ExecuteSqlRawAsync("DELETE FROM timeline_events WHERE \"LedgerIndex\" = 5");
        var deleted = await service.VerifyAsync(verifier, trusted, CancellationToken.None);
        Assert.Contains(deleted.Findings, f => f.Contains("LeavesMissing", StringComparison.Ordinal));
    }
}
