using Kuajing.Customs.China;

namespace Kuajing.Tests.Customs.China;

public sealed class SupervisionModeTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-modes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadBundled_SevenRows_9610ExportHasSummaryAnd9810Filing()
    {
        var t = ChinaCustomsFixture.Modes;
        Assert.Equal(7, t.Rows.Count());
        Assert.True(t.TryGet(CrossBorderMode.Ecommerce9610, CustomsDirection.Export, out var m9610));
        Assert.True(m9610!.Filings.HasFlag(ModeFilings.SummaryDeclaration)); // 清单核放、汇总申报 (GACC 2014 No. 12)
        Assert.True(t.TryGet(CrossBorderMode.OverseasWarehouse9810, CustomsDirection.Export, out var m9810));
        Assert.Equal('W', m9810!.OrderType);
        Assert.True(m9810.Filings.HasFlag(ModeFilings.OverseasWarehouseFiling));
        Assert.True(t.TryGet(CrossBorderMode.Bonded1210, CustomsDirection.Export, out var m1210));
        Assert.Equal(new NodaTime.LocalDate(2014, 8, 1), m1210!.Validity.From); // GACC 2014 No. 57, in force 2014-08-01
    }

    [Fact]
    public void Load_BadDirection_ErrorNamesFileLineField()
    {
        var path = Path.Combine(_dir, "modes.csv");
        File.WriteAllText(path, "code,direction,name_zh,name_en,messages,filings,order_type,valid_from,valid_until,status,source,note\n9610,outbound,x,x,CEB303,,E,2014-01-01,,U,src,\n");
        var e = Assert.Throws<InvalidDataException>(() => SupervisionModeTable.Load(path));
        Assert.Contains($"{path}:2: field 'direction'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclarationInput_BadEnterpriseCode_ErrorNamesJsonPath()
    {
        var json = File.ReadAllText(ChinaCustomsFixture.SamplePath).Replace("\"410196ZZ01\"", "\"41019\"", StringComparison.Ordinal);
        var e = Assert.Throws<DeclarationInputException>(() => DeclarationInputFile.Parse(System.Text.Encoding.UTF8.GetBytes(json), "in.json"));
        Assert.Equal("$.order.platform.code", e.JsonPath);
    }
}
