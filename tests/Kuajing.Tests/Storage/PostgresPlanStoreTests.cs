using Kuajing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.Storage;

public sealed class PostgresPlanStoreTests
{
    private static OrderRecord Order(string key, string tracking, int legs)
    {
        var s = new ShipmentRecord
        {
            TrackingNumber = tracking,
            OriginNode = "CNCGO",
            Objective = "cheapest",
            Incoterm = "DAP",
            QuoteCurrency = "CNY",
            Flags = "",
            ParetoJson = "[]",
            ReadyAtUtc = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc),
            DeliveredAtUtc = new DateTime(2026, 3, 9, 1, 0, 0, DateTimeKind.Utc),
        };
        for (var i = 1; i <= legs; i++)
        {
            s.Legs.Add(new LegRecord
            {
                Sequence = i, LaneId = "lane-" + i, Mode = "Road", Service = "s", Carrier = "c", FromNode = "A", ToNode = "B",
                FreightCurrency = "CNY", DepartureUtc = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc),
                ArrivalUtc = new DateTime(2026, 3, 3, 10, 0, 0, DateTimeKind.Utc), Freight = i == 1 ? null : 12.5m,
            });
        }

        return new OrderRecord
        {
            SourceKey = key, OrderId = key.Split('|')[1], BuyerCountry = "DE", GoodsCurrency = "GBP", GoodsValue = 139.12m,
            LineCount = 7, Status = OrderStatus.Planned, PlacedAt = new DateTime(2026, 3, 1, 8, 26, 0), Shipment = s,
        };
    }

    [Fact]
    public async Task ReplaceOrdersAsync_OnPostgres_RoundTripsAndNeverDuplicates()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using (var store = await PostgresPlanStore.OpenAsync(db.ConnectionString, CancellationToken.None))
        {
            Assert.Empty(await store.Database.GetPendingMigrationsAsync());
            await store.ReplaceOrdersAsync([Order("src|1", "HJ000000011CN", 2), Order("src|2", "HJ000000025CN", 3)], [], CancellationToken.None);
            await store.ReplaceOrdersAsync([Order("src|1", "HJ000000011CN", 2), Order("src|2", "HJ000000025CN", 1)], [], CancellationToken.None);
        }

        await using (var store = await PostgresPlanStore.OpenAsync(db.ConnectionString, CancellationToken.None))
        {
            Assert.Equal(2, await store.Orders.CountAsync());
            Assert.Equal(3, await store.Legs.CountAsync());
            var order = await store.Orders.AsNoTracking().Include(o => o.Shipment).ThenInclude(s => s!.Legs).SingleAsync(o => o.SourceKey == "src|1");

            // Local order time kept without a zone; amounts exact (numeric); unknown freight stays NULL, not 0.
            Assert.Equal(new DateTime(2026, 3, 1, 8, 26, 0), order.PlacedAt);
            Assert.Equal(139.12m, order.GoodsValue);
            Assert.Null(order.Shipment!.Legs.Single(l => l.Sequence == 1).Freight);
            Assert.Equal(12.5m, order.Shipment.Legs.Single(l => l.Sequence == 2).Freight);
        }
    }

    [Fact]
    public async Task ReplaceOrdersAsync_OnPostgresDuplicateTrackingNumber_RollsBackWholeBatch()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var store = await PostgresPlanStore.OpenAsync(db.ConnectionString, CancellationToken.None);
        await store.ReplaceOrdersAsync([Order("src|1", "HJ000000011CN", 1)], [], CancellationToken.None);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            store.ReplaceOrdersAsync([Order("src|1", "HJ000000039CN", 1), Order("src|3", "HJ000000039CN", 1)], [], CancellationToken.None));
        Assert.Equal("HJ000000011CN", (await store.Shipments.AsNoTracking().SingleAsync()).TrackingNumber);
    }
}
