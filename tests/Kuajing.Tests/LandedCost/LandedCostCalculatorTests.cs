using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Trade;
using NodaTime;
using static Kuajing.Tests.LandedCost.LandedCostFixture;

namespace Kuajing.Tests.LandedCost;

public sealed class LandedCostCalculatorTests
{
    private static readonly LocalDate March2026 = new(2026, 3, 1);

    // EU IOSS (regulatory-facts §1.1, rule EU-IOSS-150): intrinsic value EUR 120 <= EUR 150, so VAT is charged at
    // checkout at the destination rate, on the price INCLUDING transport: DE 19 % (vat-rates.csv, from 2021-01-01)
    // x (120 + 10 freight) = 24.70, collected by the seller. Duty: relief art. 23 Reg. (EC) 1186/2009 (<= EUR 150),
    // rule EU-DUTY-RELIEF-ART23, so 0. Total = 10 freight + 24.70 VAT = 34.70, all borne by the seller.
    [Fact]
    public void Quote_IossConsignmentToGermanyMarch2026_VatOnValuePlusTransportAndNoDuty()
    {
        var quote = Calculator.Quote(Request("CN", "DE", March2026, [Line(120m, "EUR")], 10m, 6m, "EUR"));

        var vat = Single(quote, CostKind.ImportVat);
        Assert.Equal(CostLineStatus.Known, vat.Status);
        Assert.Equal(M(24.70m, "EUR"), vat.Amount);
        Assert.Equal(Payer.Seller, vat.Payer);
        Assert.Equal("EU-IOSS-150", vat.RuleId);
        var duty = Single(quote, CostKind.Duty);
        Assert.Equal(M(0m, "EUR"), duty.Amount);
        Assert.Equal("EU-DUTY-RELIEF-ART23", duty.RuleId);
        Assert.True(quote.HasFlag(LandedCostFlags.IossEligible));
        Assert.True(quote.HasFlag(LandedCostFlags.DutyReliefApplied));
        Assert.True(quote.IsComplete);
        Assert.Equal(M(34.70m, "EUR"), quote.LowerBound);
        Assert.Equal(M(34.70m, "EUR"), quote.KnownTotalFor(Payer.Seller));
        Assert.Equal(M(0m, "EUR"), quote.KnownTotalFor(Payer.Buyer));
    }

    // EUR 3 flat duty per distinct tariff sub-heading, 2026-07-01 .. 2028-07-01 (regulatory-facts §1.1, rule
    // EU-FLAT-DUTY-3EUR, scope U). The facts' own example: 1 silk blouse + 2 wool blouses = 2 categories = EUR 6.
    // Silk blouse HS 6206.10, wool blouses HS 6206.20: 2 sub-headings -> duty 6.00 (buyer pays under DAP).
    // Value 40 + 80 = 120 <= 150 -> IOSS VAT 19 % x (120 + 10) = 24.70 (seller). Total = 10 + 6 + 24.70 = 40.70.
    [Fact]
    public void Quote_IossConsignmentToGermanyAugust2026_ThreeEuroPerDistinctSubheading()
    {
        var lines = new[] { Line(40m, "EUR", "620610", 1, "silk blouse"), Line(80m, "EUR", "620620", 2, "wool blouse") };
        var quote = Calculator.Quote(Request("CN", "DE", new LocalDate(2026, 8, 1), lines, 10m, 6m, "EUR"));

        var duty = Single(quote, CostKind.Duty);
        Assert.Equal(CostLineStatus.Known, duty.Status);
        Assert.Equal(M(6m, "EUR"), duty.Amount);
        Assert.Equal(Payer.Buyer, duty.Payer);
        Assert.Equal("EU-FLAT-DUTY-3EUR", duty.RuleId);
        Assert.Equal(M(24.70m, "EUR"), Single(quote, CostKind.ImportVat).Amount);
        Assert.True(quote.HasFlag(LandedCostFlags.EuFlatDuty3Eur));
        Assert.True(quote.HasFlag(LandedCostFlags.UnconfirmedRule)); // the scope of the EUR 3 duty is U
        Assert.False(quote.HasFlag(LandedCostFlags.DutyReliefApplied));
        Assert.Equal(M(40.70m, "EUR"), quote.LowerBound);
    }

    // Same parcel on 2026-06-30: the EUR 3 duty is not yet in force, art. 23 relief still applies -> duty 0.
    [Fact]
    public void Quote_IossConsignmentDayBeforeFlatDuty_ReliefStillApplies()
    {
        var quote = Calculator.Quote(Request("CN", "DE", new LocalDate(2026, 6, 30), [Line(120m, "EUR")], 10m, 6m, "EUR"));

        Assert.Equal(M(0m, "EUR"), Single(quote, CostKind.Duty).Amount);
        Assert.False(quote.HasFlag(LandedCostFlags.EuFlatDuty3Eur));
    }

    // Two lines without HS codes under the EUR 3 duty: 1 to 2 distinct sub-headings -> a range EUR 3..6, not a guess.
    [Fact]
    public void Quote_FlatDutyWithoutHsCodes_RangeOfSubheadingCounts()
    {
        var lines = new[] { Line(50m, "EUR", null), Line(50m, "EUR", null) };
        var quote = Calculator.Quote(Request("CN", "DE", new LocalDate(2026, 8, 1), lines, 10m, 6m, "EUR"));

        var duty = Single(quote, CostKind.Duty);
        Assert.Equal(CostLineStatus.Range, duty.Status);
        Assert.Equal(M(3m, "EUR"), duty.Amount);
        Assert.Equal(M(6m, "EUR"), duty.High);
        Assert.True(quote.HasFlag(LandedCostFlags.HsCodeMissing));
        Assert.False(quote.IsComplete);
    }

    // EUR 200 to FR, 2026-03-01: above EUR 150, so neither IOSS (rule EU-VAT-IMPORT applies: VAT at import) nor the
    // art. 23 duty relief. Duty rate unknown (no tariff data) -> Unknown, never 0. VAT base (Directive 2006/112/EC
    // art. 85-86) = goods + transport + duty; on the known part: FR 20 % x (200 + 12) = 42.40 as a lower bound.
    // Lower bound of the quote = 12 freight + 42.40 = 54.40; no upper bound.
    [Fact]
    public void Quote_Eur200ToFrance_DutyUnknownAndVatOnKnownPart()
    {
        var quote = Calculator.Quote(Request("CN", "FR", March2026, [Line(200m, "EUR", "950300")], 12m, 8m, "EUR", Incoterm.DDP));

        var duty = Single(quote, CostKind.Duty);
        Assert.Equal(CostLineStatus.Unknown, duty.Status);
        Assert.Null(duty.Amount);
        Assert.Contains("not known", duty.Reason, StringComparison.Ordinal);
        var vat = Single(quote, CostKind.ImportVat);
        Assert.Equal(CostLineStatus.LowerBound, vat.Status);
        Assert.Equal(M(42.40m, "EUR"), vat.Amount);
        Assert.Equal("EU-VAT-IMPORT", vat.RuleId);
        Assert.True(quote.HasFlag(LandedCostFlags.DutyRateUnknown));
        Assert.True(quote.HasFlag(LandedCostFlags.VatOnKnownPartOnly));
        Assert.False(quote.HasFlag(LandedCostFlags.IossEligible));
        Assert.False(quote.IsComplete);
        Assert.Equal(M(54.40m, "EUR"), quote.LowerBound);
        Assert.Null(quote.UpperBound);
        Assert.Equal(M(208m, "EUR"), quote.CustomsValue); // CIF (UCC art. 71): 200 + 8 to the border
    }

    // DAP vs DDP (Incoterms 2020, Trade.Incoterm): the same FR import; under DAP the buyer pays duty and import VAT,
    // under DDP the seller. Freight is the seller's under both. Lower bound by payer: DAP seller 12, buyer 42.40;
    // DDP seller 54.40, buyer 0.
    [Fact]
    public void Quote_DapVersusDdp_ImportChargesMoveBetweenBuyerAndSeller()
    {
        var lines = new[] { Line(200m, "EUR", "950300") };
        var dap = Calculator.Quote(Request("CN", "FR", March2026, lines, 12m, 8m, "EUR", Incoterm.DAP));
        var ddp = Calculator.Quote(Request("CN", "FR", March2026, lines, 12m, 8m, "EUR", Incoterm.DDP));

        Assert.Equal(Payer.Buyer, Single(dap, CostKind.Duty).Payer);
        Assert.Equal(Payer.Buyer, Single(dap, CostKind.ImportVat).Payer);
        Assert.Equal(Payer.Seller, Single(ddp, CostKind.Duty).Payer);
        Assert.Equal(Payer.Seller, Single(ddp, CostKind.ImportVat).Payer);
        Assert.Equal(Payer.Seller, Single(dap, CostKind.Freight).Payer);
        Assert.Equal(M(12m, "EUR"), dap.LowerBoundFor(Payer.Seller));
        Assert.Equal(M(42.40m, "EUR"), dap.LowerBoundFor(Payer.Buyer));
        Assert.Equal(M(54.40m, "EUR"), ddp.LowerBoundFor(Payer.Seller));
        Assert.Equal(M(0m, "EUR"), ddp.LowerBoundFor(Payer.Buyer));
    }

    // Point-of-sale VAT is the seller's under DAP too (the seller charges it at checkout; UK rule GB-POS-VAT-135).
    [Fact]
    public void Quote_PointOfSaleVatUnderDap_SellerCollects()
    {
        var quote = Calculator.Quote(Request("CN", "GB", March2026, [Line(100m, "GBP")], 8m, 5m, "GBP", Incoterm.DAP));

        Assert.Equal(Payer.Seller, Single(quote, CostKind.ImportVat).Payer);
    }

    // Italy: EUR 2 per consignment <= EUR 150 from non-EU countries from 2026-01-01 (2026 Budget Law art. 1 paras
    // 126-128; rule IT-FEE-2EUR). EUR 100 on 2026-02-01: IOSS VAT 22 % x (100 + 10) = 24.20 (seller), duty relieved,
    // fee 2.00 (declarant liable -> by Incoterm: DAP buyer). Total 10 + 24.20 + 2 = 36.20. On 2025-12-31: no fee.
    [Fact]
    public void Quote_ItalyFromJanuary2026_TwoEuroConsignmentFee()
    {
        var after = Calculator.Quote(Request("CN", "IT", new LocalDate(2026, 2, 1), [Line(100m, "EUR")], 10m, 6m, "EUR"));
        var before = Calculator.Quote(Request("CN", "IT", new LocalDate(2025, 12, 31), [Line(100m, "EUR")], 10m, 6m, "EUR"));

        var fee = Single(after, CostKind.Fee);
        Assert.Equal(M(2m, "EUR"), fee.Amount);
        Assert.Equal(Payer.Buyer, fee.Payer);
        Assert.Equal("IT-FEE-2EUR", fee.RuleId);
        Assert.Equal(M(24.20m, "EUR"), Single(after, CostKind.ImportVat).Amount);
        Assert.Equal(M(36.20m, "EUR"), after.LowerBound);
        Assert.Empty(before.LinesOf(CostKind.Fee));
    }

    // Romania: RON 25 per parcel < EUR 150 from 2026-01-01, seller liable (rule RO-FEE-25RON). FX of the fixture:
    // 4 RON and 0.8 EUR per USD -> 25 RON = 6.25 USD = 5.00 EUR, paid by the seller even under DAP.
    [Fact]
    public void Quote_RomaniaFee_ConvertedAtOrderDateAndSellerLiable()
    {
        var quote = Calculator.Quote(Request("CN", "RO", new LocalDate(2026, 2, 1), [Line(100m, "EUR")], 10m, 6m, "EUR", Incoterm.DAP));

        var fee = Single(quote, CostKind.Fee);
        Assert.Equal(M(5m, "EUR"), fee.Amount);
        Assert.Equal(Payer.Seller, fee.Payer);
    }

    // UK (regulatory-facts §1.2): <= GBP 135 VAT at the point of sale and no duty (rules GB-POS-VAT-135,
    // GB-DUTY-RELIEF-135): GBP 100 -> VAT 20 % x (100 + 8) = 21.60, duty 0, complete.
    // GBP 200 > 135: import VAT at the border, duty unknown; VAT base at the UK border is U in the sources, so
    // customs value + duty is used and flagged: 20 % x (200 + 5 freight to border) = 41.00 as a lower bound.
    [Fact]
    public void Quote_UkGbp100VersusGbp200_PointOfSaleVersusBorder()
    {
        var low = Calculator.Quote(Request("CN", "GB", March2026, [Line(100m, "GBP")], 8m, 5m, "GBP"));
        var high = Calculator.Quote(Request("CN", "GB", March2026, [Line(200m, "GBP")], 8m, 5m, "GBP"));

        Assert.Equal(M(21.60m, "GBP"), Single(low, CostKind.ImportVat).Amount);
        Assert.Equal(M(0m, "GBP"), Single(low, CostKind.Duty).Amount);
        Assert.True(low.HasFlag("uk-vat-at-point-of-sale"));
        Assert.True(low.IsComplete);

        Assert.Equal(CostLineStatus.Unknown, Single(high, CostKind.Duty).Status);
        var vat = Single(high, CostKind.ImportVat);
        Assert.Equal(CostLineStatus.LowerBound, vat.Status);
        Assert.Equal(M(41.00m, "GBP"), vat.Amount);
        Assert.Equal("GB-IMPORT-VAT", vat.RuleId);
        Assert.True(high.HasFlag(LandedCostFlags.VatBaseUnconfirmed));
        Assert.False(high.IsComplete);
    }

    // Thresholds convert at the order date's FX rate: goods priced USD 160 quoted in GBP at 0.8 GBP/USD = GBP 128
    // <= 135 -> point of sale; USD 200 = GBP 160 > 135 -> border.
    [Fact]
    public void Quote_GoodsInOtherCurrency_ThresholdTestedAfterConversion()
    {
        var under = Calculator.Quote(Request("CN", "GB", March2026, [Line(160m, "USD")], 8m, 5m, "GBP"));
        var over = Calculator.Quote(Request("CN", "GB", March2026, [Line(200m, "USD")], 8m, 5m, "GBP"));

        Assert.Equal("GB-POS-VAT-135", Single(under, CostKind.ImportVat).RuleId);
        Assert.Equal(M(27.20m, "GBP"), Single(under, CostKind.ImportVat).Amount); // 20 % x (128 + 8)
        Assert.Equal("GB-IMPORT-VAT", Single(over, CostKind.ImportVat).RuleId);
    }

    // US 2025-04-01 from CN: USD 800 de minimis (19 U.S.C. 1321(a)(2)(C)) still applied to CN until EO 14256 took
    // effect on 2025-05-02, so USD 300 enters duty-free (rule US-DE-MINIMIS-800-CNHK). No federal VAT (U) -> tax
    // 0 flagged unconfirmed. Total = freight 20.
    [Fact]
    public void Quote_UsFromChinaApril2025_DeMinimisStillApplies()
    {
        var quote = Calculator.Quote(Request("CN", "US", new LocalDate(2025, 4, 1), [Line(300m, "USD")], 20m, 15m, "USD"));

        var duty = Single(quote, CostKind.Duty);
        Assert.Equal(M(0m, "USD"), duty.Amount);
        Assert.Equal("US-DE-MINIMIS-800-CNHK", duty.RuleId);
        Assert.Equal("US-NO-FEDERAL-VAT", Single(quote, CostKind.ImportVat).RuleId);
        Assert.True(quote.HasFlag(LandedCostFlags.UnconfirmedRule));
        Assert.False(quote.HasFlag(LandedCostFlags.DeMinimisNotAvailable));
        Assert.True(quote.IsComplete);
        Assert.Equal(M(20m, "USD"), quote.LowerBound);
    }

    // 2025-05-10: de minimis ended for CN/HK (EO 14256, 2025-05-02) but not yet for others (EO 14324, 2025-08-29).
    [Fact]
    public void Quote_UsMay2025_EndedForChinaButNotForVietnam()
    {
        var date = new LocalDate(2025, 5, 10);
        var fromCn = Calculator.Quote(Request("CN", "US", date, [Line(300m, "USD")], 20m, 15m, "USD"));
        var fromVn = Calculator.Quote(Request("VN", "US", date, [Line(300m, "USD")], 20m, 15m, "USD"));

        Assert.True(fromCn.HasFlag(LandedCostFlags.DeMinimisNotAvailable));
        Assert.Equal(CostLineStatus.Unknown, Single(fromCn, CostKind.Duty).Status);
        Assert.Equal("US-DE-MINIMIS-800", Single(fromVn, CostKind.Duty).RuleId);
    }

    // 2025-09-01: EO 14324 suspended de minimis for all countries from 2025-08-29 -> duty unknown, quote incomplete.
    [Theory]
    [InlineData("CN")]
    [InlineData("DE")]
    public void Quote_UsSeptember2025_NoDeMinimisForAnyOrigin(string origin)
    {
        var quote = Calculator.Quote(Request(origin, "US", new LocalDate(2025, 9, 1), [Line(50m, "USD")], 20m, 15m, "USD"));

        Assert.True(quote.HasFlag(LandedCostFlags.DeMinimisNotAvailable));
        Assert.Equal(CostLineStatus.Unknown, Single(quote, CostKind.Duty).Status);
        Assert.False(quote.IsComplete);
    }

    // US 2026-03-01: Section 122 temporary surcharge 10 % (2026-02-24 .. 2026-07-24, rule US-S122-SURCHARGE-10) on
    // the customs value. US value is FOB (19 U.S.C. 1401a): USD 300, so surcharge = 30.00; the ordinary tariff is
    // unknown. Lower bound = 20 freight + 30 = 50.
    [Fact]
    public void Quote_UsMarch2026_Section122SurchargePlusUnknownTariff()
    {
        var quote = Calculator.Quote(Request("CN", "US", March2026, [Line(300m, "USD")], 20m, 15m, "USD"));

        var duties = quote.LinesOf(CostKind.Duty);
        Assert.Equal(2, duties.Count);
        Assert.Contains(duties, d => d.Status == CostLineStatus.Unknown);
        var surcharge = Assert.Single(duties, d => d.RuleId == "US-S122-SURCHARGE-10");
        Assert.Equal(M(30m, "USD"), surcharge.Amount);
        Assert.Equal(M(300m, "USD"), quote.CustomsValue);
        Assert.Equal(M(50m, "USD"), quote.LowerBound);
        Assert.False(quote.IsComplete);
    }

    // Canada courier from CN (CBSA LVS page; rule CA-COURIER-20): CAD 15 <= 20 -> free of duty and tax.
    // CAD 50 > 20: duty unknown; GST/HST by province (not in the request) 5 % .. 15 % (vat-rates.csv) on
    // customs value (FOB, U) + duty -> lower bound 5 % x 50 = 2.50.
    [Fact]
    public void Quote_CanadaCourierCad15VersusCad50_ReliefThenTaxRange()
    {
        var low = Calculator.Quote(Request("CN", "CA", March2026, [Line(15m, "CAD")], 10m, 6m, "CAD"));
        var high = Calculator.Quote(Request("CN", "CA", March2026, [Line(50m, "CAD")], 10m, 6m, "CAD"));

        Assert.Equal("CA-COURIER-20", Single(low, CostKind.Duty).RuleId);
        Assert.Equal(M(0m, "CAD"), Single(low, CostKind.ImportVat).Amount);
        Assert.True(low.IsComplete);

        Assert.Equal(CostLineStatus.Unknown, Single(high, CostKind.Duty).Status);
        var tax = Single(high, CostKind.ImportVat);
        Assert.Equal(CostLineStatus.LowerBound, tax.Status);
        Assert.Equal(M(2.50m, "CAD"), tax.Amount);
        Assert.True(high.HasFlag(LandedCostFlags.RegionalTaxRange));
    }

    // Canada courier from the US (CUSMA, CBSA CN20-18, from 2020-07-01): CAD 100 is in 40.01-150 -> no duty but
    // taxes apply: 5 % .. 15 % x 100 = 5.00 .. 15.00 (a cited range, duty known to be 0).
    [Fact]
    public void Quote_CanadaCusmaCourierCad100_DutyFreeTaxRange()
    {
        var quote = Calculator.Quote(Request("US", "CA", March2026, [Line(100m, "CAD")], 10m, 6m, "CAD"));

        Assert.Equal("CA-CUSMA-COURIER-150", Single(quote, CostKind.Duty).RuleId);
        var tax = Single(quote, CostKind.ImportVat);
        Assert.Equal(CostLineStatus.Range, tax.Status);
        Assert.Equal(M(5m, "CAD"), tax.Amount);
        Assert.Equal(M(15m, "CAD"), tax.High);
        Assert.Equal(M(25m, "CAD"), quote.UpperBound); // 10 freight + 15
    }

    // Australia (regulatory-facts §1.5): <= AUD 1,000 GST 10 % at the point of sale, no duty at the border:
    // AUD 900 -> 10 % x (900 + 30 freight) = 93.00 (seller). AUD 1,200 -> duty unknown, GST at the border on
    // customs value (FOB, excludes freight) + duty -> lower bound 10 % x 1,200 = 120.00.
    [Fact]
    public void Quote_AustraliaAud900VersusAud1200_PointOfSaleThenBorder()
    {
        var low = Calculator.Quote(Request("CN", "AU", March2026, [Line(900m, "AUD")], 30m, 20m, "AUD"));
        var high = Calculator.Quote(Request("CN", "AU", March2026, [Line(1200m, "AUD")], 30m, 20m, "AUD"));

        var gst = Single(low, CostKind.ImportVat);
        Assert.Equal(M(93m, "AUD"), gst.Amount);
        Assert.Equal(Payer.Seller, gst.Payer);
        Assert.Equal("AU-DUTY-RELIEF-1000", Single(low, CostKind.Duty).RuleId);
        Assert.True(low.HasFlag("au-gst-at-point-of-sale"));

        Assert.Equal(CostLineStatus.Unknown, Single(high, CostKind.Duty).Status);
        var border = Single(high, CostKind.ImportVat);
        Assert.Equal(CostLineStatus.LowerBound, border.Status);
        Assert.Equal(M(120m, "AUD"), border.Amount);
        Assert.Equal("AU-IMPORT-GST", border.RuleId);
    }

    // Brazil RTS (regulatory-facts §1.11), courier, USD 100 goods + 20 to the border = CIF 120 (basis CIF from
    // 2024-08-01). Member: 60 % x 120 - 20 = 52; non-member: 60 % x 120 = 72 -> duty range 52..72.
    // ICMS (state unknown, 17 % or 20 % from 2025-04-01) on CIF + import tax: 17 % x 172 = 29.24 .. 20 % x 192 = 38.40.
    [Fact]
    public void Quote_BrazilRts_DutyAndIcmsAsCitedRanges()
    {
        var quote = Calculator.Quote(Request("CN", "BR", March2026, [Line(100m, "USD")], 20m, 20m, "USD"));

        var duty = Single(quote, CostKind.Duty);
        Assert.Equal(CostLineStatus.Range, duty.Status);
        Assert.Equal(M(52m, "USD"), duty.Amount);
        Assert.Equal(M(72m, "USD"), duty.High);
        var icms = Single(quote, CostKind.ImportVat);
        Assert.Equal(CostLineStatus.Range, icms.Status);
        Assert.Equal(M(29.24m, "USD"), icms.Amount);
        Assert.Equal(M(38.40m, "USD"), icms.High);
        Assert.True(quote.HasFlag(LandedCostFlags.VariantUnknown));
    }

    // Norway VOEC (regulatory-facts §1.9, rule NO-VOEC-3000): < NOK 3,000 PER ITEM, VAT 25 % at sale, shipping in the
    // base, no duty. 2 items of NOK 2,500 (line NOK 5,000) -> each < 3,000 -> VAT 25 % x (5,000 + 100) = 1,275.00.
    // One item of NOK 3,500 -> outside VOEC: VAT at import (NO-IMPORT-VAT-ALL, from 2024-01-01) on customs value
    // (CIF, U) + unknown duty -> lower bound 25 % x (3,500 + 60) = 890.00.
    [Fact]
    public void Quote_NorwayVoec_TestedPerItemNotPerConsignment()
    {
        var voec = Calculator.Quote(Request("CN", "NO", March2026, [Line(5000m, "NOK", quantity: 2)], 100m, 60m, "NOK"));
        var border = Calculator.Quote(Request("CN", "NO", March2026, [Line(3500m, "NOK")], 100m, 60m, "NOK"));

        Assert.Equal(M(1275m, "NOK"), Single(voec, CostKind.ImportVat).Amount);
        Assert.Equal("NO-VOEC-DUTY-RELIEF", Single(voec, CostKind.Duty).RuleId);
        Assert.True(voec.HasFlag("voec"));
        var vat = Single(border, CostKind.ImportVat);
        Assert.Equal("NO-IMPORT-VAT-ALL", vat.RuleId);
        Assert.Equal(CostLineStatus.LowerBound, vat.Status);
        Assert.Equal(M(890m, "NOK"), vat.Amount);
    }

    // Japan (customs.go.jp 1006): total customs value <= JPY 10,000 exempt from duty and consumption tax. The value
    // basis (CIF) is U in the sources and flagged: 8,000 + 1,500 to the border = 9,500 -> exempt; 9,000 + 1,500 =
    // 10,500 -> not exempt: consumption tax 10 % x 10,500 = 1,050 as a lower bound (duty unknown).
    [Fact]
    public void Quote_JapanTenThousandYen_CustomsValueIncludesFreightToBorder()
    {
        var under = Calculator.Quote(Request("CN", "JP", March2026, [Line(8000m, "JPY")], 2000m, 1500m, "JPY"));
        var over = Calculator.Quote(Request("CN", "JP", March2026, [Line(9000m, "JPY")], 2000m, 1500m, "JPY"));

        Assert.Equal("JP-DUTY-RELIEF-10000", Single(under, CostKind.Duty).RuleId);
        Assert.Equal("JP-TAX-RELIEF-10000", Single(under, CostKind.ImportVat).RuleId);
        Assert.True(under.HasFlag(LandedCostFlags.CustomsValueBasisUnconfirmed));
        Assert.Equal(M(1050m, "JPY"), Single(over, CostKind.ImportVat).Amount);
        Assert.Equal(CostLineStatus.Unknown, Single(over, CostKind.Duty).Status);
    }

    // Korea is not covered by regulatory-facts.md: the quote says the rules are unknown; duty and tax are Unknown,
    // not zero, and the lower bound holds only the freight.
    [Fact]
    public void Quote_UnknownDestination_RulesUnknownNotZero()
    {
        var quote = Calculator.Quote(Request("CN", "KR", March2026, [Line(100m, "USD")], 20m, 15m, "USD"));

        Assert.False(quote.RulesKnown);
        Assert.True(quote.HasFlag(LandedCostFlags.RulesUnknown));
        Assert.Equal(CostLineStatus.Unknown, Single(quote, CostKind.Duty).Status);
        Assert.Equal(CostLineStatus.Unknown, Single(quote, CostKind.ImportVat).Status);
        Assert.Null(Single(quote, CostKind.ImportVat).Amount);
        Assert.False(quote.IsComplete);
        Assert.Equal(M(20m, "USD"), quote.LowerBound);
    }

    // A carrier DDP price that includes duty and tax: the FR import's duty and VAT are reported as included in the
    // freight, not added again; nothing unknown remains, so the quote is complete at the freight price.
    [Fact]
    public void Quote_CarrierDdpIncludesDuty_DutyAndVatReportedAsIncluded()
    {
        var quote = Calculator.Quote(Request("CN", "FR", March2026, [Line(200m, "EUR")], 25m, 8m, "EUR", Incoterm.DDP, dutyAndTaxIncluded: true));

        Assert.Equal(CostLineStatus.IncludedInFreight, Single(quote, CostKind.Duty).Status);
        Assert.Equal(CostLineStatus.IncludedInFreight, Single(quote, CostKind.ImportVat).Status);
        Assert.True(quote.HasFlag(LandedCostFlags.CarrierDdpIncludesDuty));
        Assert.True(quote.IsComplete);
        Assert.Equal(M(25m, "EUR"), quote.LowerBound);
    }

    // Insurance has no basis in the sources: reported as not included (with a reason), never as a silent zero line.
    [Fact]
    public void Quote_AnyShipment_InsuranceReportedAsNotIncluded()
    {
        var quote = Calculator.Quote(Request("CN", "DE", March2026, [Line(120m, "EUR")], 10m, 6m, "EUR"));

        var insurance = Single(quote, CostKind.Insurance);
        Assert.Equal(CostLineStatus.NotIncluded, insurance.Status);
        Assert.Null(insurance.Amount);
        Assert.False(string.IsNullOrEmpty(insurance.Reason));
        Assert.True(quote.HasFlag(LandedCostFlags.InsuranceNotIncluded));
    }

    // DE -> FR stays inside the EU customs union: no import clearance, no duty or VAT lines.
    [Fact]
    public void Quote_IntraEu_NoImportClearance()
    {
        var quote = Calculator.Quote(Request("DE", "FR", March2026, [Line(500m, "EUR")], 10m, 10m, "EUR"));

        Assert.True(quote.HasFlag(LandedCostFlags.NoImportClearance));
        Assert.Empty(quote.LinesOf(CostKind.Duty));
        Assert.True(quote.IsComplete);
    }

    // A currency the FX table lacks (SAR thresholds are not in the FRED set): the duty test cannot be made, so the
    // duty is Unknown with the reason, and the quote is flagged fx-unavailable.
    [Fact]
    public void Quote_ThresholdCurrencyWithoutFx_DutyUnknownAndFlagged()
    {
        var quote = Calculator.Quote(Request("CN", "SA", March2026, [Line(100m, "USD")], 20m, 15m, "USD"));

        Assert.True(quote.HasFlag(LandedCostFlags.FxUnavailable));
        var duty = Single(quote, CostKind.Duty);
        Assert.Equal(CostLineStatus.Unknown, duty.Status);
        Assert.Contains("SAR", duty.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_NoCustomsLines_Throws()
    {
        var request = Request("CN", "DE", March2026, [], 10m, 6m, "EUR");

        Assert.Throws<ArgumentException>(() => Calculator.Quote(request));
    }

    [Fact]
    public void Quote_ZeroQuantity_ThrowsNamingTheLine()
    {
        var request = Request("CN", "DE", March2026, [Line(10m, "EUR", quantity: 0)], 10m, 6m, "EUR");

        var e = Assert.Throws<ArgumentException>(() => Calculator.Quote(request));
        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_PostalChannelNone_NoImportClearance()
    {
        var quote = Calculator.Quote(Request("CN", "DE", March2026, [Line(10m, "EUR")], 10m, 6m, "EUR", channel: ClearanceChannel.None));

        Assert.True(quote.HasFlag(LandedCostFlags.NoImportClearance));
    }
}
