using Kuajing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.Storage;

public sealed class PlanStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OrderRecord Order(string key, string tracking, int legs) => new()
    {
        SourceKey = key,
        OrderId = key.Split('|')[1],
        BuyerCountry = "DE",
        GoodsCurrency = "GBP",
        GoodsValue = 10m,
        LineCount = 1,
        Status = OrderStatus.Planned,
        Shipment = MakeShipment(tracking, legs),
    };

    private static ShipmentRecord MakeShipment(string tracking, int legs)
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
        };
        for (var i = 1; i <= legs; i++)
        {
            s.Legs.Add(new LegRecord
            {
                Sequence = i,
                LaneId = "lane-" + i,
                Mode = "Road",
                Service = "s",
                Carrier = "c",
                FromNode = "A",
                ToNode = "B",
                FreightCurrency = "CNY",
            });
        }

        return s;
    }

    [Fact]
    public async Task ReplaceOrdersAsync_SameKeysTwice_StoresEachOrderOnce()
    {
        var path = Path.Combine(_dir, "k.db");
        await using (var store = await PlanStore.OpenSqliteAsync(path, CancellationToken.None))
        {
            await store.ReplaceOrdersAsync([Order("src|1", "KA000000011CN", 2), Order("src|2", "KA000000025CN", 3)], [], CancellationToken.None);
        }

        await using (var store = await PlanStore.OpenSqliteAsync(path, CancellationToken.None))
        {
            // A re-run of the same input (order 2 now has a one-leg plan) replaces, never duplicates.
            await store.ReplaceOrdersAsync([Order("src|1", "KA000000011CN", 2), Order("src|2", "KA000000025CN", 1)], [], CancellationToken.None);
            Assert.Equal(2, await store.Orders.CountAsync());
            Assert.Equal(2, await store.Shipments.CountAsync());
            Assert.Equal(3, await store.Legs.CountAsync());
        }
    }

    [Fact]
    public async Task ReplaceOrdersAsync_DuplicateTrackingNumber_RollsBackWholeBatch()
    {
        var path = Path.Combine(_dir, "k.db");
        await using var store = await PlanStore.OpenSqliteAsync(path, CancellationToken.None);
        await store.ReplaceOrdersAsync([Order("src|1", "KA000000011CN", 1)], [], CancellationToken.None);

        // The unique tracking-number index refuses the batch; the earlier order must survive untouched.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            store.ReplaceOrdersAsync([Order("src|1", "KA000000039CN", 1), Order("src|3", "KA000000039CN", 1)], [], CancellationToken.None));
        var stored = await store.Shipments.AsNoTracking().SingleAsync();
        Assert.Equal("KA000000011CN", stored.TrackingNumber);
    }

    [Fact]
    public async Task ReplaceOrdersAsync_KeyNowRejected_RemovesEarlierRow()
    {
        // Run 1 planned src|1 and src|2; in run 2 the input's order 2 is rejected: its old plan must not survive.
        var path = Path.Combine(_dir, "k.db");
        await using var store = await PlanStore.OpenSqliteAsync(path, CancellationToken.None);
        await store.ReplaceOrdersAsync([Order("src|1", "KA000000011CN", 1), Order("src|2", "KA000000025CN", 2)], [], CancellationToken.None);
        await store.ReplaceOrdersAsync([Order("src|1", "KA000000011CN", 1)], ["src|2"], CancellationToken.None);
        Assert.Equal(["src|1"], await store.Orders.Select(o => o.SourceKey).ToListAsync());
        Assert.Equal(1, await store.Legs.CountAsync());
    }

    [Fact]
    public async Task OpenSqliteAsync_NewFile_AppliesMigrations()
    {
        var path = Path.Combine(_dir, "fresh.db");
        await using var store = await PlanStore.OpenSqliteAsync(path, CancellationToken.None);
        Assert.Empty(await store.Database.GetPendingMigrationsAsync());
        Assert.Contains(await store.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
    }
}
