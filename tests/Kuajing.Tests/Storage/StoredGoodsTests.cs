using Kuajing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.Storage;

public sealed class StoredGoodsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-goods-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OrderLineRecord Line(string description, string? hs, decimal? kg, string hazards) => new()
    {
        Sku = "S-1",
        Description = description,
        HsCode = hs,
        Quantity = 3,
        UnitValue = 2.55m,
        UnitWeightKg = kg,
        LengthCm = kg is null ? null : 10m,
        WidthCm = kg is null ? null : 10m,
        HeightCm = kg is null ? null : 10.5m,
        WeightEstimated = kg is null,
        Hazards = hazards,
    };

    [Fact]
    public void OrderLinesJson_WriteThenRead_KeepsEveryFieldIncludingUnknowns()
    {
        var lines = new[] { Line("WHITE \"HANGING\" HEART, T-LIGHT", null, null, ""), Line("Power bank 10000 mAh", "850760", 0.25m, "LithiumIonBatteriesAlone|Magnetic") };
        var back = OrderLinesJson.Read(OrderLinesJson.Write(lines));
        Assert.Equal(lines.Length, back.Count);
        for (var i = 0; i < lines.Length; i++)
        {
            Assert.Equivalent(lines[i], back[i], strict: true);
        }
    }

    [Fact]
    public void OrderLinesJson_ReadMalformed_ThrowsInvalidData()
    {
        var e = Assert.Throws<InvalidDataException>(() => OrderLinesJson.Read("[[\"a\",\"b\"]]"));
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplaceOrdersAsync_LinesAndParcels_AreStoredAndReplacedOnReRun()
    {
        OrderRecord Order()
        {
            var s = new ShipmentRecord { TrackingNumber = "KA000000011CN", OriginNode = "CNCGO", Objective = "balanced", Incoterm = "DAP", QuoteCurrency = "CNY", Flags = "", ParetoJson = "[]" };
            s.Parcels.Add(new ParcelRecord { Sequence = 1, WeightKg = 6.7m, LengthCm = 41.7m, WidthCm = 41.7m, HeightCm = 41.7m, Estimated = true });
            s.Parcels.Add(new ParcelRecord { Sequence = 2, Count = 3, WeightKg = 6.7m, LengthCm = 41.7m, WidthCm = 41.7m, HeightCm = 41.7m, Estimated = true });
            return new OrderRecord
            {
                SourceKey = "src|1", OrderId = "1", BuyerCountry = "GB", GoodsCurrency = "GBP", Status = OrderStatus.Planned, Shipment = s,
                LinesJson = OrderLinesJson.Write([Line("MUG", "691200", 0.35m, "")]),
            };
        }

        var path = Path.Combine(_dir, "k.db");
        await using (var store = await PlanStore.OpenSqliteAsync(path, CancellationToken.None))
        {
            await store.ReplaceOrdersAsync([Order()], [], CancellationToken.None);
            await store.ReplaceOrdersAsync([Order()], [], CancellationToken.None);
        }

        await using var read = await PlanStore.OpenSqliteAsync(path, CancellationToken.None);
        Assert.Equal(2, await read.Parcels.CountAsync());
        Assert.Equal([1, 3], await read.Parcels.OrderBy(p => p.Sequence).Select(p => p.Count).ToListAsync()); // the run of three kept its count
        var order = await read.Orders.AsNoTracking().SingleAsync();
        Assert.Equal("MUG", Assert.Single(OrderLinesJson.Read(order.LinesJson)).Description);
    }
}
