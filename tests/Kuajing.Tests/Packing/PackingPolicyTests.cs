using Kuajing.Goods;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Tests.Packing;

public sealed class PackingPolicyTests
{
    private static readonly PackingPolicy Policy = new()
    {
        MaxCartonKg = 20m,
        MaxCarton = new Dimensions(60m, 40m, 40m),
        FillFactor = 0.8m,
        HandlingHours = 24,
        Validity = ValidityPeriod.Always,
        Source = new DataSource("test", null, SourceStatus.Estimated),
    };

    private static OrderLine Line(int qty, decimal kg, decimal side) => new(
        "SKU", "GOODS", null, qty, new Kuajing.Money.Money(1m, Kuajing.Money.CurrencyCode.Gbp),
        new Mass(kg), new Dimensions(side, side, side), true, GoodsHazards.None, new SourceLocation("f", 2));

    [Fact]
    public void Pack_HeavyOrder_SplitsIntoEqualCartonsUnderWeightLimit()
    {
        // 90 units × 0.5 kg = 45 kg; 20 kg cartons → ceil(45/20) = 3 cartons of 15 kg.
        // Volume 90 × 1,000 cm³ / 0.8 = 112,500 cm³ < 3 × 96,000, so weight decides.
        var c = Policy.Pack([Line(90, 0.5m, 10m)]);
        Assert.Equal(3, c.Parcels.Count);
        Assert.All(c.Parcels, p => Assert.Equal(15m, p.Weight.Kilograms));
        Assert.Equal(45m, c.GrossWeight.Kilograms);
        Assert.True(c.WeightEstimated);
    }

    [Fact]
    public void Pack_BulkyLightOrder_SplitsByVolume()
    {
        // 10 units of 40×40×40 cm = 640,000 cm³ / 0.8 = 800,000 cm³; a carton holds 96,000 cm³ → 9 cartons.
        var c = Policy.Pack([Line(10, 0.2m, 40m)]);
        Assert.Equal(9, c.Parcels.Count);
    }

    [Fact]
    public void Pack_LineWithoutWeight_Throws()
    {
        var line = Line(1, 1m, 1m) with { UnitWeight = null };
        Assert.Throws<ArgumentException>(() => Policy.Pack([line]));
    }

    [Fact]
    public void Load_BundledFile_HasEstimatedStatus()
    {
        var p = PackingPolicy.Load(Kuajing.ReferenceData.DataDirectory.PathOf("planning/packing.csv"), new LocalDate(2026, 3, 1));
        Assert.Equal(SourceStatus.Estimated, p.Source.Status);
        Assert.Equal(20m, p.MaxCartonKg);
    }

    [Fact]
    public void Load_BadFillFactor_NamesFileLineAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"packing-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "id,max_carton_kg,max_carton_length_cm,max_carton_width_cm,max_carton_height_cm,fill_factor,handling_hours,valid_from,valid_until,source,status\n" +
            "bad,20,60,40,40,1.5,24,2000-01-01,,test,E\n");
        try
        {
            var e = Assert.Throws<Kuajing.ReferenceData.ReferenceDataException>(() => PackingPolicy.Load(path, new LocalDate(2026, 1, 1)));
            Assert.Equal(2, e.Line);
            Assert.Equal("fill_factor", e.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
