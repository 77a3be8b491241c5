using Kuajing.Goods;
using Kuajing.LandedCost;
using NodaTime;
using static Kuajing.Tests.LandedCost.LandedCostFixture;

namespace Kuajing.Tests.LandedCost;

/// <summary>
/// Landed-cost quotes whose duty comes from real tariff rows (data/tariffs, derived from shared/data/tariffs) plus the
/// dated import rules (data/tax). Every expected figure is worked by hand in the comment; FX is the fixture's round table.
/// </summary>
public sealed class TariffQuoteTests
{
    private static readonly LocalDate June15 = new(2026, 6, 15); // after HTSUS rev 10 (2026-06-08), inside Section 122 (2026-02-24..07-24)

    private static IReadOnlyList<CostLine> Duties(LandedCostQuote q) => q.LinesOf(CostKind.Duty);

    // HTSUS rev 10 6109.10.00 "T-shirts … Of cotton": General "16.5%"; us-s301-product-lists.csv lists 61091000 on List 4A
    // (9903.88.15, "+ 7.5%"); regulatory-facts.md line 60: Section 122 surcharge 10 % from 2026-02-24 (rule US-S122-SURCHARGE-10).
    // US customs value is FOB (19 U.S.C. 1401a(b)): USD 100 of goods. Duty 16.50 + 7.50 + 10.00 = 34.00; no federal VAT.
    [Fact]
    public void Quote_UsCottonTShirtFromChina_MfnPlusSection301PlusSection122()
    {
        var q = TariffCalculator.Quote(Request("CN", "US", June15, [Line(100m, "USD", "610910")], 20m, 15m, "USD"));

        var d = Duties(q);
        Assert.Equal(3, d.Count);
        Assert.Equal(("US-HTS-2026-R10:61091000", 16.50m), (d[0].RuleId, d[0].Amount!.Value.Amount));
        Assert.Contains("16.5%", d[0].Label, StringComparison.Ordinal);
        Assert.Equal(("US-S301-9903.88.15", 7.50m), (d[1].RuleId, d[1].Amount!.Value.Amount));
        Assert.Equal(("US-S122-SURCHARGE-10", 10.00m), (d[2].RuleId, d[2].Amount!.Value.Amount));
        Assert.All(d, l => Assert.Equal(CostLineStatus.Known, l.Status));
        Assert.False(q.HasFlag(LandedCostFlags.StaleTariff));
        Assert.False(q.HasFlag(LandedCostFlags.DutyRateUnknown));
    }

    // Same T-shirt from Viet Nam: Section 301 covers goods of China only → 16.50 + 10.00 (Section 122 covers all origins).
    [Fact]
    public void Quote_UsCottonTShirtFromVietNam_NoSection301()
    {
        var q = TariffCalculator.Quote(Request("VN", "US", June15, [Line(100m, "USD", "610910")], 20m, 15m, "USD"));

        Assert.Equal(["US-HTS-2026-R10:61091000", "US-S122-SURCHARGE-10"], Duties(q).Select(l => l.RuleId));
        Assert.Equal(26.50m, Duties(q).Sum(l => l.Amount!.Value.Amount));
    }

    // HTSUS 8507.60.00 "Lithium-ion batteries" "3.4%". On 2025-12-15 (China origin): List 4B is suspended (no row) and
    // 9903.91.06 starts 2026-01-01, so no Section 301; but IEEPA duties were in force (regulatory-facts.md lines 58 and 60:
    // 2025-08-29 .. 2026-02-24) at a rate the sources do not give → that line Unknown, the duty incomplete, not zero.
    // The schedule (rev 10, 2026-06-08) postdates the order → flagged.
    [Fact]
    public void Quote_UsBatteriesBeforeFebruary2026_IeepaUnknownNotZero()
    {
        var q = TariffCalculator.Quote(Request("CN", "US", new LocalDate(2025, 12, 15), [Line(100m, "USD", "850760")], 20m, 15m, "USD"));

        var d = Duties(q);
        Assert.Equal(3.40m, d.Single(l => l.RuleId == "US-HTS-2026-R10:85076000").Amount!.Value.Amount);
        Assert.Equal(CostLineStatus.Unknown, d.Single(l => l.RuleId == "US-IEEPA-2025").Status);
        Assert.True(q.HasFlag(LandedCostFlags.AdditionalDutyUnknown));
        Assert.True(q.HasFlag(LandedCostFlags.TariffPostdatesOrder));
        Assert.False(q.IsComplete);
    }

    // Same batteries on 2026-06-15: 3.4 % = 3.40, Section 301 9903.91.06 (+25 %, from 2026-01-01) = 25.00, Section 122 10 % = 10.00.
    [Fact]
    public void Quote_UsBatteriesJune2026_Section301FourYearReviewApplies()
    {
        var q = TariffCalculator.Quote(Request("CN", "US", June15, [Line(100m, "USD", "850760")], 20m, 15m, "USD"));

        Assert.Equal(
            [("US-HTS-2026-R10:85076000", 3.40m), ("US-S301-9903.91.06", 25.00m), ("US-S122-SURCHARGE-10", 10.00m)],
            Duties(q).Select(l => (l.RuleId, l.Amount!.Value.Amount)));
        Assert.True(q.IsComplete);
    }

    // HTSUS 6110.12: 6110.12.10 "Wholly of cashmere" 4 % and 6110.12.20 16 %. From Viet Nam (no Section 301), USD 100, the
    // order names no national line → Range 4.00..16.00. Naming 61101220 gives 16.00.
    [Fact]
    public void Quote_HsSubheadingWithTwoRates_RangeUnlessNationalCodeGiven()
    {
        var range = TariffCalculator.Quote(Request("VN", "US", June15, [Line(100m, "USD", "611012")], 20m, 15m, "USD"));
        var named = TariffCalculator.Quote(Request("VN", "US", June15, [Line(100m, "USD", "611012") with { NationalTariffCode = "61101220" }], 20m, 15m, "USD"));

        var r = Duties(range)[0];
        Assert.Equal((CostLineStatus.Range, 4.00m, 16.00m), (r.Status, r.Amount!.Value.Amount, r.High!.Value.Amount));
        Assert.Equal("US-HTS-2026-R10:61101210..61101220", r.RuleId);
        Assert.True(range.HasFlag(LandedCostFlags.TariffLineRange));
        Assert.Equal((CostLineStatus.Known, 16.00m), (Duties(named)[0].Status, Duties(named)[0].Amount!.Value.Amount));
    }

    // EU CET 2020 9101.11.00 (wrist-watches of precious metal) "4.50% MIN 0.30 EUR / item MAX 0.80 EUR / item". Germany,
    // 2026-03-02 (before the EUR 3 flat duty), 10 watches, EUR 200 > EUR 150 (no art. 23 relief), freight to border 0 →
    // customs value 200: 4.5 % = 9.00 capped by MAX 0.80 × 10 = 8.00. Import VAT 19 % on goods + freight + duty
    // (Directive 2006/112/EC art. 85-86): (200 + 10 + 8) × 19 % = 41.42. The 2020 schedule is stale → flagged.
    [Fact]
    public void Quote_GermanyWatchesMinMaxClause_MaxBitesAndStaleFlag()
    {
        var q = TariffCalculator.Quote(Request("CN", "DE", new LocalDate(2026, 3, 2), [Line(200m, "EUR", "910111", quantity: 10, description: "wrist-watch")], 10m, 0m, "EUR"));

        var duty = Single(q, CostKind.Duty);
        Assert.Equal(("EU-CET-2020:91011100", 8.00m, CostLineStatus.Known), (duty.RuleId, duty.Amount!.Value.Amount, duty.Status));
        Assert.Contains("4.50% MIN 0.30 EUR / item MAX 0.80 EUR / item", duty.Label, StringComparison.Ordinal);
        Assert.Contains("2020-01-01", duty.Reason, StringComparison.Ordinal);
        Assert.True(q.HasFlag(LandedCostFlags.StaleTariff));
        Assert.Equal(41.42m, Single(q, CostKind.ImportVat).Amount!.Value.Amount);
    }

    // UKGT 2021 0102.29.10 "10.00% + 77.00 GBP/100kg" named by national code, 500 kg net, GBP 1,000 (> GBP 135, no relief):
    // 100.00 + 77 × 5 = 485.00. Stale: the 2021 UK schedule was in force until 2022-01-01.
    [Fact]
    public void Quote_UkCompoundWithNetMass_Exact()
    {
        var line = Line(1000m, "GBP", "010229", description: "live bovine animal") with { NationalTariffCode = "01022910", NetMass = new Mass(500m) };

        var q = TariffCalculator.Quote(Request("CN", "GB", new LocalDate(2026, 3, 2), [line], 50m, 0m, "GBP"));

        var duty = Single(q, CostKind.Duty);
        Assert.Equal(("GB-UKGT-2021:01022910", 485.00m), (duty.RuleId, duty.Amount!.Value.Amount));
        Assert.True(q.HasFlag(LandedCostFlags.StaleTariff));
    }

    // UKGT 0406.30 (processed cheese): every line is per 100 kg ("116.00 GBP/100kg" …); the order declares no net mass →
    // duty Unknown naming the missing mass; VAT is a lower bound on the known part.
    [Fact]
    public void Quote_UkSpecificDutyWithoutNetMass_UnknownAndVatLowerBound()
    {
        var q = TariffCalculator.Quote(Request("CN", "GB", new LocalDate(2026, 3, 2), [Line(200m, "GBP", "040630", description: "processed cheese")], 20m, 0m, "GBP"));

        var duty = Single(q, CostKind.Duty);
        Assert.Equal(CostLineStatus.Unknown, duty.Status);
        Assert.Contains("net mass", duty.Reason, StringComparison.Ordinal);
        Assert.True(q.HasFlag(LandedCostFlags.TariffQuantityMissing));
        Assert.Equal(CostLineStatus.LowerBound, Single(q, CostKind.ImportVat).Status);
    }

    // HS 2022 8541.42 (photovoltaic cells not in modules) did not exist in HS 2017 / CN 2020 (then 8541.40): the UK 2021
    // schedule has no such line → "not in the loaded schedule", duty unknown.
    [Fact]
    public void Quote_Hs2022CodeAbsentFromUk2021Schedule_NotFoundUnknown()
    {
        var q = TariffCalculator.Quote(Request("CN", "GB", new LocalDate(2026, 3, 2), [Line(500m, "GBP", "854142", description: "solar cells")], 20m, 0m, "GBP"));

        var duty = Single(q, CostKind.Duty);
        Assert.Equal(CostLineStatus.Unknown, duty.Status);
        Assert.Contains("854142", duty.Reason, StringComparison.Ordinal);
        Assert.True(q.HasFlag(LandedCostFlags.TariffCodeNotFound));
        Assert.True(q.HasFlag(LandedCostFlags.DutyRateUnknown));
    }

    // Japan 6403.20-012 "30%又は4,300円/足のうちいずれか高い税率", 2 pairs declared, JPY 20,000 (> JPY 10,000 relief),
    // freight to border 0 → CIF 20,000: 30 % = 6,000 < 4,300 × 2 = 8,600 → 8,600. Without pairs: unknown.
    [Fact]
    public void Quote_JapanFootwearWhicheverHigher_PerPairWins()
    {
        var shoes = Line(20000m, "JPY", "640320", quantity: 2, description: "leather sandals") with { NationalTariffCode = "640320012" };
        var date = new LocalDate(2026, 7, 15);

        var withPairs = TariffCalculator.Quote(Request("CN", "JP", date, [shoes with { Pairs = 2m }], 1000m, 0m, "JPY"));
        var withoutPairs = TariffCalculator.Quote(Request("CN", "JP", date, [shoes], 1000m, 0m, "JPY"));

        Assert.Equal(8600m, Single(withPairs, CostKind.Duty).Amount!.Value.Amount);
        Assert.Equal(CostLineStatus.Unknown, Single(withoutPairs, CostKind.Duty).Status);
        Assert.Contains("pairs", Single(withoutPairs, CostKind.Duty).Reason, StringComparison.Ordinal);
    }

    // Within the UK GBP 135 relief the tariff is not consulted: the relieved duty line stays (regulatory-facts.md line 47).
    [Fact]
    public void Quote_UkBelowRelief_TariffNotUsed()
    {
        var q = TariffCalculator.Quote(Request("CN", "GB", new LocalDate(2026, 3, 2), [Line(100m, "GBP", "610910")], 10m, 0m, "GBP"));

        Assert.Equal("GB-DUTY-RELIEF-135", Single(q, CostKind.Duty).RuleId);
        Assert.False(q.HasFlag(LandedCostFlags.StaleTariff));
    }

    // Two lines, GB, GBP 300 + GBP 100 with GBP 40 freight to the border (UK CIF): the customs value 440 is shared in
    // proportion to value (330 and 110). UKGT 6109.10.00 "12.0%" on 330 → 39.60. The second line has no HS code → its
    // duty is unknown and flagged hs-code-missing.
    [Fact]
    public void Quote_TwoLinesOneWithoutHs_KnownLinePlusUnknownLine()
    {
        var q = TariffCalculator.Quote(Request("CN", "GB", new LocalDate(2026, 3, 2),
            [Line(300m, "GBP", "610910"), Line(100m, "GBP", null, description: "gift set")], 60m, 40m, "GBP"));

        var d = Duties(q);
        Assert.Equal(39.60m, d.Single(l => l.RuleId == "GB-UKGT-2021:61091000").Amount!.Value.Amount);
        Assert.Equal(CostLineStatus.Unknown, d.Single(l => l.RuleId is null).Status);
        Assert.True(q.HasFlag(LandedCostFlags.HsCodeMissing));
    }
}
