using System.Xml.Linq;
using Kuajing.Customs.China;

namespace Kuajing.Tests.Customs.China;

/// <summary>
/// Golden CEB messages for each mode, built from the real order UCI invoice 545645 (see <see cref="ChinaCustomsFixture"/>).
/// The golden files under Golden/ were written once by this code (set KUAJING_UPDATE_GOLDEN=1 to rewrite them) and then
/// checked by hand against regulatory-facts.md §3.3; the field values that carry a rule are also asserted here from
/// independent reasoning, so a golden file cannot silently enshrine a wrong value.
/// </summary>
public sealed class CebMessageGoldenTests
{
    private static readonly XNamespace Ceb = "http://www.chinaport.gov.cn/ceb";

    public static TheoryData<CrossBorderMode, CustomsDirection, string> Modes => new()
    {
        { CrossBorderMode.Ecommerce9610, CustomsDirection.Export, "CEB303,CEB403,CEB505,CEB603" }, // 清单核放 + CEB701 summary separately
        { CrossBorderMode.B2BDirectExport9710, CustomsDirection.Export, "CEB303,CEB505,CEB603" },
        { CrossBorderMode.OverseasWarehouse9810, CustomsDirection.Export, "CEB303,CEB505,CEB603" },
        { CrossBorderMode.Bonded1210, CustomsDirection.Export, "CEB303,CEB403,CEB505,CEB603" },
        { CrossBorderMode.Ecommerce9610, CustomsDirection.Import, "CEB311,CEB411,CEB511,CEB621" }, // §3.2: order, payment, waybill before a retail import
        { CrossBorderMode.Bonded1210, CustomsDirection.Import, "CEB311,CEB411,CEB511,CEB621" },
        { CrossBorderMode.BondedA1239, CustomsDirection.Import, "CEB311,CEB411,CEB511,CEB621" },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void WriteAll_Order545645_MatchesGoldenAndSchema(CrossBorderMode mode, CustomsDirection direction, string types)
    {
        var d = ChinaCustomsFixture.Declare(mode, direction);
        var messages = CebMessageWriter.WriteAll(d);
        Assert.Equal(types.Split(','), messages.Select(m => m.Type));
        foreach (var m in messages)
        {
            Assert.Empty(CebSchema.Validate(m.Xml));
            Golden($"{d.Mode.Code}-{direction.ToString().ToLowerInvariant()}-{m.Type}.xml", m.Text);
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void WriteAll_Order545645_RuleFieldsFromIndependentReasoning(CrossBorderMode mode, CustomsDirection direction, string types)
    {
        _ = types;
        var d = ChinaCustomsFixture.Declare(mode, direction);
        var messages = CebMessageWriter.WriteAll(d).ToDictionary(m => m.Type, m => XDocument.Parse(m.Text));
        var export = direction == CustomsDirection.Export;
        var order = messages[export ? "CEB303" : "CEB311"];
        var list = messages[export ? "CEB603" : "CEB621"];

        // Envelope: ceb:CEBnnnMessage with guid and version 1.0 in http://www.chinaport.gov.cn/ceb; BaseTransfer dxpMode DXP (§3.3).
        Assert.All(messages.Values, x => Assert.Equal(("1.0", Ceb.NamespaceName), (x.Root!.Attribute("version")!.Value, x.Root.Name.NamespaceName)));
        Assert.All(messages.Values, x => Assert.Equal("DXP", x.Root!.Element(Ceb + "BaseTransfer")!.Element(Ceb + "dxpMode")!.Value));

        // orderType: E retail export, B = 9710, W = 9810, I import (§3.1, export/OrderHead.java).
        var orderType = (mode, direction) switch
        {
            (CrossBorderMode.B2BDirectExport9710, _) => "B",
            (CrossBorderMode.OverseasWarehouse9810, _) => "W",
            (_, CustomsDirection.Export) => "E",
            _ => "I",
        };
        Assert.Equal(orderType, order.Descendants(Ceb + "orderType").Single().Value);

        // tradeMode is the supervision mode code; ieFlag E/I (§3.3 CEB621).
        Assert.Equal(d.Mode.Code, list.Descendants(Ceb + "tradeMode").Single().Value);
        Assert.Equal(export ? "E" : "I", list.Descendants(Ceb + "ieFlag").Single().Value);

        // RMB 142 everywhere (§3.3).
        Assert.All(messages.Values.SelectMany(x => x.Descendants(Ceb + "currency")), c => Assert.Equal("142", c.Value));

        // Goods: three lines, 55.80 + 93.32 + 15.47 = 164.59 CNY (see CrossBorderDeclarationTests for the FX reasoning).
        Assert.Equal(["55.80", "93.32", "15.47"], list.Descendants(Ceb + "InventoryList").Select(l => l.Element(Ceb + "totalPrice")!.Value));
        Assert.Equal("164.59", order.Descendants(Ceb + "goodsValue").Single().Value);
        Assert.Equal(["9605000000", "4420909000", "9605000000"], list.Descendants(Ceb + "gcode").Select(g => g.Value));

        // appTime: 2026-02-27T06:00Z is 14:00 in China Standard Time (UTC+8).
        Assert.All(messages.Values.SelectMany(x => x.Descendants(Ceb + "appTime")), t => Assert.Equal("20260227140000", t.Value));

        if (!export)
        {
            // acturalPaid = 164.59 + 45.00 + 0 − 0 = 209.59 (§3.2), the payment's amountPaid.
            Assert.Equal("209.59", order.Descendants(Ceb + "acturalPaid").Single().Value);
            Assert.Equal("209.59", messages["CEB411"].Descendants(Ceb + "amountPaid").Single().Value);
        }

        // Bonded modes name the account book; the others do not.
        Assert.Equal(d.Mode.Filings.HasFlag(ModeFilings.BondedStock), list.Descendants(Ceb + "emsNo").Any());
    }

    [Fact]
    public void WriteSummary_9610ExportList_MatchesGoldenAndSchema()
    {
        var d = ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export);
        var day = new NodaTime.LocalDate(2026, 2, 27);
        var summary = CebMessageWriter.WriteSummary(SummaryDeclaration.Create([d], day, day, "KJ545645-S", ChinaCustomsFixture.DeclaredAt));
        Assert.Empty(CebSchema.Validate(summary.Xml));
        Golden("9610-export-CEB701.xml", summary.Text);
    }

    [Fact]
    public void WriteAll_SameDeclarationTwice_ByteIdentical()
    {
        var a = CebMessageWriter.WriteAll(ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export));
        var b = CebMessageWriter.WriteAll(ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export));
        Assert.Equal(a.Select(m => m.Text), b.Select(m => m.Text));
        Assert.Equal(a.Count, a.Select(m => m.MessageGuid).Distinct().Count());
    }

    [Fact]
    public void Validate_CurrencyNotRmb_Fails()
    {
        var m = CebMessageWriter.Write(ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export), CebMessageType.Ceb505);
        var broken = System.Text.Encoding.UTF8.GetBytes(m.Text.Replace("<ceb:currency>142</ceb:currency>", "<ceb:currency>303</ceb:currency>", StringComparison.Ordinal));
        Assert.Contains(CebSchema.Validate(broken), e => e.Contains("currency", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingRequiredElement_Fails()
    {
        var m = CebMessageWriter.Write(ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export), CebMessageType.Ceb603);
        var broken = System.Text.Encoding.UTF8.GetBytes(m.Text.Replace("<ceb:tradeMode>9610</ceb:tradeMode>", "", StringComparison.Ordinal));
        Assert.NotEmpty(CebSchema.Validate(broken));
    }

    private static void Golden(string name, string actual)
    {
        var path = Path.Combine(Tracking.SharedTrackingDataset.RepoRoot(), "tests", "Kuajing.Tests", "Customs", "China", "Golden", name);
        if (Environment.GetEnvironmentVariable("KUAJING_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file {path} is missing (run once with KUAJING_UPDATE_GOLDEN=1 and review it)");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
