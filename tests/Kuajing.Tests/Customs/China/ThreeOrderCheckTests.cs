using Kuajing.Customs.China;

namespace Kuajing.Tests.Customs.China;

/// <summary>三单对碰 (regulatory-facts.md §3.2): one test per mismatch kind, each changing one field of the sample.</summary>
public sealed class ThreeOrderCheckTests
{
    private static readonly DeclarationInput Sample = ChinaCustomsFixture.ExportInput;

    private static ThreeOrderReport Check(DeclarationInput input) =>
        ThreeOrderCheck.Compare(ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export, input));

    [Fact]
    public void Compare_SampleOrder545645_Passes()
    {
        // Independent arithmetic: goods 55.80 + 93.32 + 15.47 = 164.59 CNY, + freight 45.00 + tax 0 − discount 0 = 209.59 = the payment.
        var report = Check(Sample);
        Assert.True(report.Passed, string.Join("; ", report.Mismatches));
        Assert.True(report.PaymentCompared);
    }

    public static TheoryData<string, Func<DeclarationInput, DeclarationInput>> OneFieldChanged => new()
    {
        // Order number: the payment and the waybill name the order (CEB411 orderNo; §3.2 three messages).
        { "orderNo", i => i with { Payment = i.Payment! with { OrderNo = "545646" } } },
        { "orderNo", i => i with { Waybill = i.Waybill with { OrderNo = "545646" } } },
        // Enterprise codes.
        { "ebpCode", i => i with { Payment = i.Payment! with { Platform = new EnterpriseRef(EnterpriseCode.Parse("410196ZZ09"), "Other platform") } } },
        { "ebcCode", i => i with { Waybill = i.Waybill with { Ecommerce = new EnterpriseRef(EnterpriseCode.Parse("91410100MA00000021"), "Other seller") } } },
        { "payCode", i => i with { Payment = i.Payment! with { PaymentEnterprise = new EnterpriseRef(EnterpriseCode.Parse("410196ZZ08"), "Other payer firm") } } },
        { "logisticsCode", i => i with { Waybill = i.Waybill with { Logistics = new EnterpriseRef(EnterpriseCode.Parse("410198ZZ07"), "Other carrier") } } },
        { "payTransactionId", i => i with { Payment = i.Payment! with { TransactionId = "PAY-OTHER" } } },
        // Buyer identity = payer (2016 rules, §3.2).
        { "buyerName", i => i with { Payment = i.Payment! with { Payer = i.Payment.Payer with { Name = "Taro Yamada" } } } },
        { "buyerIdNumber", i => i with { Payment = i.Payment! with { Payer = i.Payment.Payer with { IdNumber = "TZ0000002" } } } },
        { "buyerIdType", i => i with { Payment = i.Payment! with { Payer = i.Payment.Payer with { IdType = "1" } } } },
        // Consignee must match the electronic waybill (§3.2).
        { "consignee", i => i with { Waybill = i.Waybill with { Consignee = i.Waybill.Consignee with { Name = "H. Yamada" } } } },
        { "consigneeTelephone", i => i with { Waybill = i.Waybill with { Consignee = i.Waybill.Consignee with { Telephone = "+81-3-0000-0001" } } } },
        { "consigneeAddress", i => i with { Waybill = i.Waybill with { Consignee = i.Waybill.Consignee with { Address = "2-2 Other-cho, Tokyo" } } } },
        // Currency: RMB on all three (§3.3).
        { "currency", i => i with { Payment = i.Payment! with { Currency = Kuajing.Money.CurrencyCode.Gbp } } },
        { "currency", i => i with { Waybill = i.Waybill with { Currency = Kuajing.Money.CurrencyCode.Usd } } },
        // acturalPaid = goodsValue + freight + taxTotal − discount = payment amount (§3.2): one fen off fails (no tolerance is published).
        { "acturalPaid", i => i with { Payment = i.Payment! with { Amount = 209.58m } } },
        // Goods value, tax and freight against the payment's split; freight and insurance against the waybill.
        { "goodsValue", i => i with { Payment = i.Payment! with { Amount = 209.59m, Breakdown = new PaymentBreakdown(164.60m, 45.00m, -0.01m) } } },
        { "taxTotal", i => i with { Payment = i.Payment! with { Breakdown = new PaymentBreakdown(164.59m, 45.00m, 0.01m) } } },
        { "freight", i => i with { Waybill = i.Waybill with { Freight = 44.99m } } },
        { "insuredFee", i => i with { Waybill = i.Waybill with { InsuredFee = 1m } } },
        // Logistics number: the order is booked under the waybill's number.
        { "logisticsNo", i => i with { Waybill = i.Waybill with { LogisticsNo = "HJ005456464CN" } } },
    };

    [Theory]
    [MemberData(nameof(OneFieldChanged))]
    public void Compare_OneFieldChanged_ReportsThatField(string field, Func<DeclarationInput, DeclarationInput> change)
    {
        var report = Check(change(Sample));
        Assert.False(report.Passed);
        Assert.Contains(report.Mismatches, m => m.Field == field);
    }

    [Fact]
    public void Compare_PaymentAmountOff_ReportsAllThreeValuesAndRule()
    {
        var report = Check(Sample with { Payment = Sample.Payment! with { Amount = 200m } });
        var m = Assert.Single(report.Mismatches, x => x.Field == "acturalPaid");
        Assert.Equal(("209.59", "200.00", (string?)null), (m.OrderValue, m.PaymentValue, m.WaybillValue));
        Assert.Equal(Kuajing.Provenance.SourceStatus.Confirmed, m.Source.Status);
    }

    [Fact]
    public void WriteList_MismatchStands_ThrowsTypedErrorAndWritesNothing()
    {
        var d = ChinaCustomsFixture.Declare(CrossBorderMode.Ecommerce9610, CustomsDirection.Export, Sample with { Waybill = Sample.Waybill with { Freight = 50m } });
        var e = Assert.Throws<ThreeOrderMismatchException>(() => CebMessageWriter.WriteAll(d));
        Assert.Equal("freight", Assert.Single(e.Report.Mismatches).Field);
        Assert.Throws<ThreeOrderMismatchException>(() => CebMessageWriter.Write(d, CebMessageType.Ceb603));
        Assert.NotEmpty(CebMessageWriter.Write(d, CebMessageType.Ceb303).Xml); // the order message itself is not gated
    }
}
