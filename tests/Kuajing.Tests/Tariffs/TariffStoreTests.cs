using Kuajing.ReferenceData;
using Kuajing.Tariffs;
using Kuajing.Tests.Tracking;
using NodaTime;

namespace Kuajing.Tests.Tariffs;

public sealed class TariffStoreTests
{
    private static readonly Lazy<TariffStore> LazyStore = new(TariffStore.LoadBundled);

    private static TariffStore Store => LazyStore.Value;

    // Row counts: data/tariffs/SOURCE.md (derived from shared/data/tariffs: 11,414 HTSUS lines with their own General
    // rate in ch. 01-97; 11,830 UKGT/CET rows; 9,653 Japanese 9-digit leaf rows). Every row is either parsed or counted
    // as unparsed by pattern: nothing is dropped.
    [Theory]
    [InlineData("US-HTS-2026-R10", 11414)]
    [InlineData("GB-UKGT-2021", 11830)]
    [InlineData("EU-CET-2020", 11830)]
    [InlineData("JP-2026-07-09", 9653)]
    public void LoadAll_BundledSchedules_CountsEveryRow(string id, int rows)
    {
        var report = Store.LoadAll().Single(r => r.ScheduleId == id);

        Assert.Equal(rows, report.RowsRead);
        Assert.Equal(report.RowsRead, report.Parsed + report.UnparsedByPattern.Sum(p => p.Value));
        Assert.True(report.Parsed > report.RowsRead * 9 / 10, $"{id}: {report.Parsed} of {report.RowsRead} parsed");
    }

    // EU CET 2020 has 29 rows reading exactly "Entry Price" (shared SOURCE.md pattern count): reported, not dropped.
    [Fact]
    public void LoadAll_EuCet_ReportsEntryPriceRowsByPattern()
    {
        var report = Store.LoadAll().Single(r => r.ScheduleId == "EU-CET-2020");

        Assert.Contains(report.UnparsedByPattern, p => p.Key == "Entry Price" && p.Value == 29);
    }

    // UK 2021 schedule: in force 2021-01-01 until 2022-01-01 (re-keyed to HS 2022, shared SOURCE.md); EU column is 2020.
    [Theory]
    [InlineData("GB", 2021, 2022)]
    [InlineData("EU", 2020, 2021)]
    public void ScheduleFor_UkAndEu_CarryTheirValidity(string destination, int from, int until)
    {
        var s = Store.ScheduleFor(destination, new LocalDate(2026, 3, 2))!;

        Assert.Equal(new LocalDate(from, 1, 1), s.Validity.From);
        Assert.Equal(new LocalDate(until, 1, 1), s.Validity.Until);
    }

    // HTSUS 0402.29: three lines carry their own rate (0402.29.05.00 17.5 %, 0402.29.10.00 17.5 %, 0402.29.50.00
    // "$1.104/kg + 14.9%"): the HS six-digit code reaches all three; the national code reaches one.
    [Fact]
    public void Find_HsSubheadingAndNationalCode_RangeVersusOneLine()
    {
        var us = Store.ScheduleFor("US", new LocalDate(2026, 6, 15))!;

        Assert.Equal(["0402290500", "0402291000", "0402295000"], us.Find("040229").Select(l => l.Code));
        var one = Assert.Single(us.Find("0402295000"));
        Assert.Equal("$1.104/kg + 14.9%", one.RateText);
    }

    // A 10-digit code under an 8-digit UK line falls back to the longest prefix (shared SOURCE.md: "look up the longest
    // matching prefix"): 6109100010 → 61091000 "12.0%".
    [Fact]
    public void Find_TenDigitUnderEightDigitLine_LongestPrefix()
    {
        var gb = Store.ScheduleFor("GB", new LocalDate(2026, 3, 2))!;

        Assert.Equal("61091000", Assert.Single(gb.Find("6109100010")).Code);
    }

    // Japan's applied rate (shared SOURCE.md): 6403.20-011 has temporary 24% and WTO "(24%)" in parentheses → 24 %;
    // 6403.20-012 has only the WTO "30%又は4,300円/足のうちいずれか高い税率" → that text.
    [Fact]
    public void Load_JapanAppliedRate_WtoUnlessParenthesised()
    {
        var jp = Store.ScheduleFor("JP", new LocalDate(2026, 7, 15))!;

        Assert.True(jp.TryGetLine("640320011", out var temporary));
        Assert.Equal("24%", temporary.RateText);
        Assert.True(jp.TryGetLine("640320012", out var wto));
        Assert.Equal("30%又は4,300円/足のうちいずれか高い税率", wto.RateText);
    }

    // us-s301-product-lists.csv: 85076000 (lithium-ion batteries) is on List 4B (9903.88.16, suspended: no rule row) and
    // on 9903.91.06 (+25 %, "entries on or after January 1, 2026", HTSUS rev 10). So for China-origin goods: nothing from
    // Section 301 on 2025-12-31, 25 % on 2026-01-01; never for another origin.
    [Fact]
    public void RulesFor_LithiumIonBatteries_Section301FromItsDate()
    {
        var us = Store.ScheduleFor("US", new LocalDate(2026, 6, 15))!;
        Assert.True(us.TryGetLine("85076000", out var line));
        var book = Store.AdditionalDuties;

        Assert.DoesNotContain(book.RulesFor(line, "CN", new LocalDate(2025, 12, 31)), r => r.Group == "s301");
        Assert.Equal(25m, Assert.Single(book.RulesFor(line, "CN", new LocalDate(2026, 3, 2)), r => r.Group == "s301").RatePercent);
        Assert.Empty(book.RulesFor(line, "VN", new LocalDate(2026, 3, 2)));
    }

    // Australia's partial scrape has no open licence: never bundled, loadable from ../shared in tests only.
    // Row 9405.21.00 stat 01 "Designed for use solely with light-emitting diode (LED) light sources", general rate "5%".
    [Fact]
    public void LoadAustraliaPartial_SharedScrape_FindsLedLuminaire()
    {
        var path = Path.Combine(SharedTrackingDataset.RepoRoot(), "..", "shared", "data", "tariffs", "au-working-tariff-partial", "au_schedule3_partial_flat.csv.gz");

        var au = TariffSchedule.LoadAustraliaPartial(path);

        Assert.Equal("AU", au.Destination);
        Assert.Equal(5m, Assert.Single(au.Find("94052100")).Expression!.AdValoremPercent);
        Assert.Empty(au.Find("610910")); // chapter 61 is missing from the scrape: unknown, never free
        Assert.False(File.Exists(Path.Combine(DataDirectory.Find(), "tariffs", "au_schedule3_partial_flat.csv.gz")));
    }

    // A malformed catalogue row names file, line and field.
    [Fact]
    public void Load_BadDialect_ErrorNamesFileLineField()
    {
        var dir = Path.Combine(Path.GetTempPath(), "kuajing-tariffs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "tariffs"));
        foreach (var f in Directory.GetFiles(Path.Combine(DataDirectory.Find(), "tariffs"), "*.csv"))
        {
            File.Copy(f, Path.Combine(dir, "tariffs", Path.GetFileName(f)));
        }

        var catalogue = Path.Combine(dir, "tariffs", TariffStore.SchedulesFile);
        var lines = File.ReadAllLines(catalogue);
        lines[2] = lines[2].Replace(",eu-cn,", ",eu-taric,", StringComparison.Ordinal);
        File.WriteAllLines(catalogue, lines);

        var e = Assert.Throws<ReferenceDataException>(() => TariffStore.Load(dir));

        Assert.Equal(3, e.Line);
        Assert.Equal("dialect", e.Field);
        Assert.Contains("eu-taric", e.Message, StringComparison.Ordinal);
    }
}
