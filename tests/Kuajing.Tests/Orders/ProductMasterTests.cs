using Kuajing.Goods;
using Kuajing.Orders;
using Kuajing.ReferenceData;
using Kuajing.Tests.ReferenceData;

namespace Kuajing.Tests.Orders;

public class ProductMasterTests
{
    [Fact]
    public void Load_Example_ReadsSellerFacts()
    {
        var master = ProductMaster.Load(Bundled.PathOf("orders/examples/product-master-example.csv"));
        Assert.Equal(3, master.Count);
        Assert.True(master.TryGet("EB-BT5", out var earbuds));
        Assert.Equal(GoodsHazards.LithiumIonContainedInEquipment, earbuds.Hazards);
        Assert.Equal(new HsCode("851830"), earbuds.Hs);
        Assert.False(earbuds.Estimated);
    }

    [Theory]
    [InlineData("A1,0,10,10,10,,", "unit_weight_kg")]       // weight must be > 0
    [InlineData("A1,0.2,10,10,,,", "length_cm/width_cm/height_cm")] // two of three dimensions
    [InlineData("A1,0.2,,,,61091,", "hs_code")]             // odd digit count
    [InlineData("A1,0.2,,,,,Radioactive", "hazards")]       // not a GoodsHazards name
    public void Load_BadRow_ThrowsNamingFileLineField(string row, string field)
    {
        var path = Bundled.TempFile("master.csv", "sku,unit_weight_kg,length_cm,width_cm,height_cm,hs_code,hazards\nOK,0.1,,,,,\n" + row + "\n");
        var e = Assert.Throws<ReferenceDataException>(() => ProductMaster.Load(path));
        Assert.Equal((3, field), (e.Line, e.Field));
        Assert.StartsWith($"{path}:3: field '{field}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_SkuNotInMaster_FallsBackToEstimate()
    {
        var catalog = new ProductCatalog(
            WeightEstimateRules.Load(Bundled.PathOf("orders/weight-estimates.csv")),
            ProductMaster.Load(Bundled.PathOf("orders/examples/product-master-example.csv")));
        var facts = catalog.Complete("UNKNOWN-SKU", "RED RETROSPOT MUG", null, null, null, GoodsHazards.None);
        Assert.True(facts.Estimated);
        Assert.Equal(0.35m, facts.UnitWeight?.Kilograms); // weight-estimates.csv row MUG,0.35,...
        Assert.Equal(Provenance.SourceStatus.Estimated, facts.Source.Status);
    }
}
