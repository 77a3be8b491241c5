using Kuajing.Customs.China;

namespace Kuajing.Tests.Customs.China;

public sealed class CrossBorderDeclarationTests
{
    private static DeclarationBuildResult Build(CrossBorderMode mode, CustomsDirection direction, DeclarationInput input, Kuajing.Orders.Order? order = null) =>
        CrossBorderDeclaration.Build(ChinaCustomsFixture.Modes, mode, direction, order ?? ChinaCustomsFixture.Order, input, ChinaCustomsFixture.Reference.Fx, ChinaCustomsFixture.DeclaredAt);

    [Fact]
    public void Build_Order545645_LinesInCnyAtFredRateOfOrderMonth()
    {
        // data/reference/fx-rates/monthly.csv, 2026-02-01: China 6.9064, United Kingdom 0.7364 units per USD → 9.37860 CNY per GBP.
        // 5.95 × 9.37860 = 55.8017 → 55.80; 9.95 × = 93.3170 → 93.32; 1.65 × = 15.4747 → 15.47 (round half away from zero).
        var (cny, gbp) = FredRates(new NodaTime.LocalDate(2026, 2, 1));
        var rate = cny / gbp;
        var d = ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export);
        Assert.Equal([55.80m, 93.32m, 15.47m], d.Lines.Select(l => l.Price));
        Assert.Equal([Math.Round(5.95m * rate, 2), Math.Round(9.95m * rate, 2), Math.Round(1.65m * rate, 2)], d.Lines.Select(l => l.TotalPrice));
        Assert.Equal(164.59m, d.GoodsValue);
        Assert.Equal(209.59m, d.ActualPaid);
        Assert.Equal(Kuajing.Provenance.SourceStatus.Derived, d.FxSource.Status);
    }

    [Fact]
    public void Build_9810WithoutOverseasWarehouseFiling_Refused()
    {
        // GACC 2020 No. 75: 9810 exporters file the overseas-warehouse business mode (海外仓业务模式备案).
        var r = Build(CrossBorderMode.OverseasWarehouse9810, CustomsDirection.Export, ChinaCustomsFixture.ExportInput with { OverseasWarehouse = null });
        Assert.Equal("overseasWarehouse", Assert.Single(r.Problems).Field);
    }

    [Fact]
    public void Build_9810FilingByAnotherEnterprise_Refused()
    {
        var input = ChinaCustomsFixture.ExportInput;
        var r = Build(CrossBorderMode.OverseasWarehouse9810, CustomsDirection.Export, input with { OverseasWarehouse = input.OverseasWarehouse! with { Filer = EnterpriseCode.Parse("91410100MA00000021") } });
        Assert.Equal("overseasWarehouse.filer", Assert.Single(r.Problems).Field);
    }

    [Fact]
    public void Build_1210WithoutAccountBook_Refused()
    {
        var input = ChinaCustomsFixture.ExportInput;
        var r = Build(CrossBorderMode.Bonded1210, CustomsDirection.Export, input with { Office = input.Office with { AccountBookNo = null } });
        Assert.Equal("office.accountBookNo", Assert.Single(r.Problems).Field);
    }

    [Theory]
    [InlineData(CrossBorderMode.B2BDirectExport9710, CustomsDirection.Import)] // 9710 is B2B export only (GACC 2020 No. 75)
    [InlineData(CrossBorderMode.OverseasWarehouse9810, CustomsDirection.Import)] // 9810 is export only
    [InlineData(CrossBorderMode.BondedA1239, CustomsDirection.Export)] // 1239 is bonded import (GACC 2016 No. 75)
    public void Build_ModeWithoutThatDirection_Refused(CrossBorderMode mode, CustomsDirection direction) =>
        Assert.Equal("mode", Assert.Single(Build(mode, direction, ChinaCustomsFixture.ExportInput).Problems).Field);

    [Fact]
    public void Build_UnshiftedOrderFrom2011Under9710_RefusedBeforeModeExisted()
    {
        // 9710 applies from 2020-07-01 (GACC 2020 No. 75; day U): the order as placed on 2011-03-04 predates it.
        var order = ChinaCustomsFixture.Order with { PlacedAt = ChinaCustomsFixture.Order.PlacedAt.PlusWeeks(-782) };
        var r = Build(CrossBorderMode.B2BDirectExport9710, CustomsDirection.Export, ChinaCustomsFixture.ExportInput, order);
        Assert.Contains(r.Problems, p => p.Field == "order.placedAt");
    }

    [Fact]
    public void Build_ChargesNotInCny_Refused()
    {
        var input = ChinaCustomsFixture.ExportInput;
        var r = Build(CrossBorderMode.Ecommerce9610, CustomsDirection.Export, input with { Order = input.Order with { Currency = Kuajing.Money.CurrencyCode.Gbp } });
        Assert.Equal("order.currency", Assert.Single(r.Problems).Field);
    }

    [Fact]
    public void Build_9610WithoutPayment_Refused()
    {
        // 9610 retail export sends the receipt of payment (regulatory-facts.md §3.2: order, 收款 and logistics data).
        var r = Build(CrossBorderMode.Ecommerce9610, CustomsDirection.Export, ChinaCustomsFixture.ExportInput with { Payment = null });
        Assert.Equal("payment", Assert.Single(r.Problems).Field);
    }

    [Fact]
    public void Build_SkuWithoutClassification_RefusedNamingTheLine()
    {
        var input = ChinaCustomsFixture.ExportInput;
        var r = Build(CrossBorderMode.Ecommerce9610, CustomsDirection.Export, input with { Goods = [.. input.Goods.Where(g => g.Sku != "22968")] });
        var p = Assert.Single(r.Problems);
        Assert.Equal("goods[SKU 22968]", p.Field);
        Assert.Contains("orders-2011-03.csv.gz", p.Reason, StringComparison.Ordinal);
    }

    private static (decimal Cny, decimal Gbp) FredRates(NodaTime.LocalDate month)
    {
        // Read straight from the CSV, not through FxRates, so the test does not trust the code under test.
        var key = month.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rows = File.ReadLines(Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "reference", "fx-rates", "monthly.csv"))
            .Select(l => l.Split(',')).Where(p => p[0] == key).ToDictionary(p => p[1], p => decimal.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture));
        return (rows["China"], rows["United Kingdom"]);
    }
}
