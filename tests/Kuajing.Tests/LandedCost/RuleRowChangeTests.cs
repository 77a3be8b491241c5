using Kuajing.Geography;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using NodaTime;

namespace Kuajing.Tests.LandedCost;

/// <summary>
/// <see cref="ImportRuleBook.RowsChanging(LocalDate, LocalDate)"/>: the dated rows of data/tax and data/tariffs that start or
/// stop being in force in a window (after, through], as read from the files.
/// </summary>
public sealed class RuleRowChangeTests
{
    private static readonly ImportRuleBook Book = LandedCostFixture.Book;

    [Fact]
    public void RowsChanging_EuOn20260701_FlatDutyTakesEffectReliefExpires()
    {
        // import-rules.csv: EU-DUTY-RELIEF-ART23 valid_until 2026-07-01, EU-FLAT-DUTY-3EUR valid_from 2026-07-01 (regulatory-facts.md
        // §1.1: the EUR 150 duty relief ends and the EUR 3 flat duty per sub-heading starts on 1 July 2026).
        var rows = Book.RowsChanging(new LocalDate(2026, 6, 30), new LocalDate(2026, 7, 1));
        Assert.Contains(rows, r => r is { RuleId: "EU-FLAT-DUTY-3EUR", Edge: RuleRowEdge.TakesEffect, File: "import-rules.csv", Destination: "EU" } && r.On == new LocalDate(2026, 7, 1));
        Assert.Contains(rows, r => r is { RuleId: "EU-DUTY-RELIEF-ART23", Edge: RuleRowEdge.Expires } && r.On == new LocalDate(2026, 7, 1));
        Assert.Equal(1, rows.Count(r => r.RuleId == "EU-FLAT-DUTY-3EUR")); // an EU row is listed once, not once per member state
        Assert.Equal("EU-FLAT-DUTY-3EUR (import-rules.csv, valid_from 2026-07-01)", rows.First(r => r.RuleId == "EU-FLAT-DUTY-3EUR").Describe());

        // The window is (after, through]: the day itself as "after" excludes it.
        Assert.DoesNotContain(Book.RowsChanging(new LocalDate(2026, 7, 1), new LocalDate(2026, 7, 2)), r => r.RuleId == "EU-FLAT-DUTY-3EUR" && r.Edge == RuleRowEdge.TakesEffect);
    }

    [Fact]
    public void RowsChanging_UsAdditionalDutiesAndSurcharge_ListedWithTheirFile()
    {
        // additional-duties.csv: US-IEEPA-2025 valid_until 2026-02-24; import-rules.csv: US-S122-SURCHARGE-10 valid_from 2026-02-24
        // (regulatory-facts.md §1.3: the Section 122 surcharge replaced the IEEPA duties on 24 February 2026).
        var rows = Book.RowsChanging(new CountryCode("US"), new CountryCode("CN"), ClearanceChannel.Courier, new LocalDate(2026, 2, 23), new LocalDate(2026, 2, 24));
        Assert.Contains(rows, r => r is { RuleId: "US-IEEPA-2025", Edge: RuleRowEdge.Expires, File: "additional-duties.csv" });
        Assert.Contains(rows, r => r is { RuleId: "US-S122-SURCHARGE-10", Edge: RuleRowEdge.TakesEffect, File: "import-rules.csv" });

        // Section 301 headings 9903.91.12 and 9903.91.14 take effect on 2026-11-10 (additional-duties.csv, HTSUS note 31).
        var november = Book.Tariffs.AdditionalDuties.RowsChanging(new LocalDate(2026, 11, 9), new LocalDate(2026, 11, 10)).Select(r => r.Id).ToArray();
        Assert.Equal(["US-S301-9903.91.12", "US-S301-9903.91.14"], november);
    }

    [Fact]
    public void RowsChanging_ForAShipment_OnlyRowsOfItsDestinationAndOrigin()
    {
        var window = (After: new LocalDate(2026, 1, 1), Through: new LocalDate(2026, 12, 31));

        // A German shipment sees the EU rows (customs union) and no US row; a British one neither (GB left the EU customs union).
        var de = Book.RowsChanging(new CountryCode("DE"), new CountryCode("CN"), ClearanceChannel.Courier, window.After, window.Through);
        Assert.Contains(de, r => r.RuleId == "EU-FLAT-DUTY-3EUR");
        Assert.DoesNotContain(de, r => r.Destination == "US");
        var gb = Book.RowsChanging(new CountryCode("GB"), new CountryCode("CN"), ClearanceChannel.Courier, window.After, window.Through);
        Assert.DoesNotContain(gb, r => r.Destination is "EU" or "US");

        // The US Section 301 rows cover goods of China only (origins CN): a shipment from Hong Kong does not see them.
        var fromHk = Book.RowsChanging(new CountryCode("US"), new CountryCode("HK"), ClearanceChannel.Courier, window.After, window.Through);
        Assert.DoesNotContain(fromHk, r => r.RuleId.StartsWith("US-S301-", StringComparison.Ordinal));
        var fromCn = Book.RowsChanging(new CountryCode("US"), new CountryCode("CN"), ClearanceChannel.Courier, window.After, window.Through);
        Assert.Contains(fromCn, r => r.RuleId == "US-S301-9903.91.12");

        // The US HTS 2026 rev 10 schedule starts 2026-06-08 (schedules.csv): a change day for US quotes.
        Assert.Contains(fromCn, r => r is { RuleId: "US-HTS-2026-R10", File: "schedules.csv", Edge: RuleRowEdge.TakesEffect } && r.On == new LocalDate(2026, 6, 8));
        Assert.True(fromCn.Zip(fromCn.Skip(1)).All(p => p.First.On <= p.Second.On), "ordered by date");
    }
}
