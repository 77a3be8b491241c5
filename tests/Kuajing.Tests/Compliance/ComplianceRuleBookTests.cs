using Kuajing.Compliance;
using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Tests.Compliance;

public sealed class ComplianceRuleBookTests
{
    private static readonly ComplianceRuleBook Book = ComplianceRuleBook.Load(DataDirectory.Find());
    private static readonly ComplianceLeg PostalLeg = new(1, "postal-test", TransportMode.Postal, Vehicle.Air);
    private static readonly ComplianceLeg LineLeg = new(1, "line-test", TransportMode.EcommerceLine, Vehicle.Air);
    private static readonly ComplianceLeg RailLeg = new(1, "rail-test", TransportMode.Rail, Vehicle.Rail);

    private static ComplianceCase Case(string destination, ComplianceLeg leg, params ComplianceGoodsLine[] lines) =>
        new(new CountryCode("CN"), new CountryCode(destination), lines, [leg]);

    private static string[] Ids(IEnumerable<ComplianceFinding> findings) => findings.Select(f => f.Rule.Id).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Load_BundledData_ReadsEveryRuleWithSourceAndStatus()
    {
        // data/compliance/rules.csv has 37 rows, goods-categories.csv 20 (counted in the files).
        Assert.Equal(37, Book.Rules.Count);
        Assert.Equal(20, Book.Categories.Categories.Count);
        Assert.All(Book.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Source.Citation)));
    }

    [Fact]
    public void Evaluate_PowerBankByPost_BlockedAsUn3480()
    {
        // regulatory-facts.md §8: UN3480 (PI 965) is cargo aircraft only; postal items fly on passenger aircraft.
        // The example order KJ-1001 line: "Power bank 10000 mAh", HS 850760, declared LithiumIonBatteriesAlone.
        var c = Case("DE", PostalLeg, new ComplianceGoodsLine("Power bank 10000 mAh", new HsCode("850760"), GoodsHazards.LithiumIonBatteriesAlone));
        var findings = Book.Evaluate(c, new LocalDate(2026, 3, 1));
        var blocked = Assert.Single(findings, f => f.Rule.Outcome == ComplianceOutcome.Blocked);
        Assert.Equal("UN3480-POST", blocked.Rule.Id);
        Assert.Equal(CategoryEvidence.DeclaredHazard, Assert.Single(blocked.Goods).Evidence);
        Assert.True(Book.IsBlocked(c, new LocalDate(2026, 3, 1)));
    }

    [Fact]
    public void Evaluate_PowerBankOnAnEcommerceLine_NeedsDgdAndLabelsNotBlocked()
    {
        // regulatory-facts.md §8: since 2022-04-01 PI 965 has no Section II: Shipper's Declaration, Class 9 and CAO labels;
        // state of charge ≤ 30 % since 2016-04-01 (A331). ICS2 R2 (§5.2) adds an ENS filing for every air consignment to the EU.
        var c = Case("DE", LineLeg, new ComplianceGoodsLine("Power bank 10000 mAh", new HsCode("850760"), GoodsHazards.None));
        var ids = Ids(Book.Evaluate(c, new LocalDate(2026, 3, 1)));
        Assert.Equal(["ICS2-R2-AIR", "UN3480-PI965-DGD", "UN3480-PI965-LABELS", "UN3480-PI965-SOC"], ids);
        Assert.False(Book.IsBlocked(c, new LocalDate(2026, 3, 1)));

        // Before 2022-04-01 Section II still existed: neither the DGD nor the label row applies.
        Assert.Equal(["UN3480-PI965-SOC"], Ids(Book.Evaluate(c, new LocalDate(2022, 3, 31))));
    }

    [Fact]
    public void Evaluate_UciMatchesByPostAndByRail_BlockedOnlyInTheMail()
    {
        // UPU Convention art. 19 (regulatory-facts.md §8): explosives and flammables are prohibited in international mail.
        // A real UCI line (RETROSPOT CIGAR BOX MATCHES) is recognised by the keyword MATCHES, not as tobacco (CIGAR is not a keyword).
        var line = new ComplianceGoodsLine("RETROSPOT CIGAR BOX MATCHES", null, GoodsHazards.None);
        var post = Book.Evaluate(Case("GB", PostalLeg, line), new LocalDate(2026, 3, 1));
        var blocked = Assert.Single(post, f => f.Rule.Outcome == ComplianceOutcome.Blocked);
        Assert.Equal("UPU-POST-EXPLOSIVES", blocked.Rule.Id);
        Assert.True(blocked.FromKeywordEstimate);
        Assert.DoesNotContain(post, f => f.Goods.Any(g => g.Category == "tobacco"));
        Assert.DoesNotContain(Book.Evaluate(Case("GB", RailLeg, line), new LocalDate(2026, 3, 1)), f => f.Rule.Outcome == ComplianceOutcome.Blocked);
    }

    [Fact]
    public void Evaluate_LithiumIonPackedWithEquipment_StateOfChargeBecomesMandatoryOn20260101()
    {
        // regulatory-facts.md §8: SoC ≤ 30 % recommended for UN3481 from 2025-01-01, mandatory for PI 966 from 2026-01-01.
        var c = Case("FR", LineLeg, new ComplianceGoodsLine("Camera with spare battery", null, GoodsHazards.LithiumIonPackedWithEquipment));
        var before = Ids(Book.Evaluate(c, new LocalDate(2025, 12, 31)));
        var after = Ids(Book.Evaluate(c, new LocalDate(2026, 1, 1)));
        Assert.Contains("UN3481-PI966-SOC-RECOMMENDED", before);
        Assert.DoesNotContain("UN3481-PI966-SOC", before);
        Assert.Contains("UN3481-PI966-SOC", after);
        Assert.DoesNotContain("UN3481-PI966-SOC-RECOMMENDED", after);
    }

    [Fact]
    public void Evaluate_UsNonPostalFromChina_AceEntryFromEo14256ThenEo14324()
    {
        // regulatory-facts.md §1.3: CN/HK de minimis ended 2025-05-02 (EO 14256); all countries from 2025-08-29 (EO 14324).
        var c = Case("US", LineLeg, new ComplianceGoodsLine("Ceramic mug", new HsCode("691200"), GoodsHazards.None));
        Assert.Empty(Book.Evaluate(c, new LocalDate(2025, 5, 1)));
        Assert.Equal(["US-ACE-ENTRY-CN"], Ids(Book.Evaluate(c, new LocalDate(2025, 5, 2))));
        Assert.Equal(["US-ACE-ENTRY-ALL"], Ids(Book.Evaluate(c, new LocalDate(2025, 8, 29))));
        var post = Case("US", PostalLeg, new ComplianceGoodsLine("Ceramic mug", new HsCode("691200"), GoodsHazards.None));
        Assert.Equal(["US-POSTAL-DUTY"], Ids(Book.Evaluate(post, new LocalDate(2025, 8, 29))));
    }

    [Fact]
    public void Evaluate_EuLineWithoutHsCode_Ics2FilingAndMissingHsWarning()
    {
        // regulatory-facts.md §5.2: ICS2 R2 from 2023-03-01 needs a 6-digit HS code in the ENS; a UCI line has none.
        var c = Case("DE", LineLeg, new ComplianceGoodsLine("WHITE METAL LANTERN", null, GoodsHazards.None));
        Assert.Equal(["ICS2-HS6-MISSING", "ICS2-R2-AIR"], Ids(Book.Evaluate(c, new LocalDate(2026, 3, 1))));
        Assert.Empty(Book.Evaluate(Case("GB", LineLeg, new ComplianceGoodsLine("WHITE METAL LANTERN", null, GoodsHazards.None)), new LocalDate(2026, 3, 1)));
    }

    [Theory]
    [InlineData("BIG DOUGHNUT FRIDGE MAGNETS", "MAGNET", true)]
    [InlineData("PANTRY MAGNETIC  SHOPPING LIST", "MAGNETIC", true)]
    [InlineData("CREAM CUPID HEARTS COAT HANGER", "CUP", false)]
    [InlineData("SET OF 6 WINE GLASSES", "GLASS", true)]
    [InlineData("RED TOADSTOOL LED NIGHT LIGHT", "LED", true)]
    [InlineData("HANDLED BASKET", "LED", false)]
    public void ContainsWord_UciDescriptions_WholeWordsAndPlurals(string text, string keyword, bool expected) =>
        Assert.Equal(expected, GoodsCategoryTable.ContainsWord(text, keyword));

    [Fact]
    public void WithFile_UnknownMode_ErrorNamesFileLineAndField()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kuajing-rules-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "id,destinations,origins,categories,modes,outcome,requirement,valid_from,valid_until,source,status,note\n"
            + "X-1,DE,*,magnets,boat,blocked,no magnets,2026-03-01,,test,C,\n");
        try
        {
            var e = Assert.Throws<ReferenceDataException>(() => Book.WithFile(path));
            Assert.Equal(2, e.Line);
            Assert.Equal("modes", e.Field);
            Assert.Contains("'boat' is not a mode", e.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
