using Kuajing.Ledger;
using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Kuajing.Tests.Timeline;

/// <summary>kuajing exceptions scan / list and track through Program.Main on a temporary SQLite file.</summary>
public sealed class ExceptionCommandsTests : IDisposable
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 0, 0);
    private static readonly S10TrackingNumber Shipment = new TrackingNumberAllocator().Allocate(301, new Geography.CountryCode("CN"));
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-exceptions-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<long> CountAsync(string db, string where)
    {
        await using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = new SqliteCommand("SELECT COUNT(*) FROM shipment_exceptions WHERE " + where, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task ScanListTrack_ArrivedThenSilent_ScanRaisesDwellAndLateOnceAndListsThem()
    {
        var db = Path.Combine(_dir, "k.db");

        // Plan (as 'kuajing plan' stores it): leg 1 Rail CNCGO→PLMAL t0+0h→t0+240h; leg 2 Road PLMAL→DEBER t0+264h→t0+288h,
        // promised delivery t0+288h. Road dwell tolerance 12 h (data/eta/exception-thresholds.csv, E).
        await using (var plans = await PlanStore.OpenAsync(db, null, CancellationToken.None))
        {
            var shipment = new ShipmentRecord
            {
                TrackingNumber = Shipment.ToString(), OriginNode = "CNCGO", Objective = "balanced", Incoterm = "DAP", QuoteCurrency = "CNY",
                Flags = "", ParetoJson = "[]", ReadyAtUtc = T0.ToDateTimeUtc(), DeliveredAtUtc = (T0 + Duration.FromHours(288)).ToDateTimeUtc(),
            };
            shipment.Legs.Add(new LegRecord { Sequence = 1, LaneId = "r", Mode = "Rail", Service = "s", Carrier = "c", FromNode = "CNCGO", ToNode = "PLMAL", FreightCurrency = "CNY", DepartureUtc = T0.ToDateTimeUtc(), ArrivalUtc = (T0 + Duration.FromHours(240)).ToDateTimeUtc() });
            shipment.Legs.Add(new LegRecord { Sequence = 2, LaneId = "t", Mode = "Road", Service = "s", Carrier = "c", FromNode = "PLMAL", ToNode = "DEBER", FreightCurrency = "CNY", DepartureUtc = (T0 + Duration.FromHours(264)).ToDateTimeUtc(), ArrivalUtc = (T0 + Duration.FromHours(288)).ToDateTimeUtc() });
            plans.Orders.Add(new OrderRecord { SourceKey = "cli", OrderId = "1", BuyerCountry = "DE", GoodsCurrency = "EUR", Shipment = shipment });
            await plans.SaveChangesAsync();
        }

        // Arrived at Małaszewicze on time, t0+240h; nothing after.
        await using (var store = await TimelineStore.OpenAsync(db, null, CancellationToken.None))
        {
            using var signer = TreeHeadSigner.Create();
            var monitor = new ShipmentExceptionMonitor(new PlanStoreShipmentPlans(await PlanStore.OpenAsync(db, null, CancellationToken.None)), Kuajing.Tracking.Eta.EtaThresholds.LoadBundled(), SystemClock.Instance);
            var result = await new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), SystemClock.Instance, monitor).CaptureAsync(
            [
                new TrackingEvent
                {
                    EventId = "cli-arr", ContentHash = "kj:sha256:cli-arr", Type = TrackingEventType.CarrierStatus, EventTime = T0 + Duration.FromHours(240),
                    EventTimeOffset = Offset.Zero, Milestone = TrackingMilestone.Arrived, Location = new EventLocation(UnLocode: "PLMAL"),
                    References = [new ShipmentReference("tracking", Shipment.ToString())], Source = new EventSource(EventSourceFormat.Carrier, "test", "/0"),
                },
            ], CancellationToken.None);
            Assert.True(result.Accepted);
        }

        Assert.Equal(2, await Kuajing.Cli.Program.Main(["exceptions", "scan", "--at", "yesterday", "--db", db]));

        // As of t0+300h: should have left by 240 + (264 − 240) + 12 = t0+276h → dwell; promised t0+288h → late. Twice: stored once.
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["exceptions", "scan", "--at", "2026-03-14T12:00:00Z", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["exceptions", "scan", "--at", "2026-03-14T12:00:00Z", "--db", db]));
        Assert.Equal(1, await CountAsync(db, "Code = 'dwell_exceeded' AND Status = 'open' AND RaisedBy = 'scan' AND RaisedAtUtc = '2026-03-13 12:00:00'"));
        Assert.Equal(1, await CountAsync(db, "Code = 'late_delivery' AND Status = 'open' AND RaisedBy = 'scan' AND RaisedAtUtc = '2026-03-14 00:00:00'"));
        Assert.Equal(2, await CountAsync(db, "1 = 1"));

        Assert.Equal(0, await Kuajing.Cli.Program.Main(["exceptions", "list", "--open", Shipment.ToString(), "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["exceptions", "list", "--db", db]));
        Assert.Equal(1, await Kuajing.Cli.Program.Main(["exceptions", "list", "NOSUCHNUMBER1", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["track", Shipment.ToString(), "--db", db]));
    }
}
