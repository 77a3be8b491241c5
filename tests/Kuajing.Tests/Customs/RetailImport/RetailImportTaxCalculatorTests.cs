using Kuajing.Customs.RetailImport;
using Kuajing.Money;
using NodaTime;
using Xunit;

namespace Kuajing.Tests.Customs.RetailImport;

// Rule: 财关税〔2018〕49号 (notice 2018-11-29, in force 2019-01-01) as regulatory-facts.md §4 states it: RMB 5,000 per
// transaction, RMB 26,000 per person per year, tariff 0 % and VAT/consumption tax at 70 % inside; over the limits full
// general-goods taxation (single item over 5,000 still through CBEC and counted; annual excess = general trade).
// General goods: VAT 13 % (§2, U), no consumption tax (§4, D). Figures below are worked by hand.
public sealed class RetailImportTaxCalculatorTests
{
    private static readonly RetailImportTaxCalculator Calculator = new(RetailImportRules.LoadBundled());
    private static readonly LocalDate Date = new(2026, 3, 10);
    private static readonly BuyerKey Buyer = new(new string('a', 64));

    private static Money.Money Cny(decimal amount) => new(amount, new CurrencyCode("CNY"));

    private static RetailImportTransaction Txn(decimal value, int items = 1, string category = "general", LocalDate? date = null, GeneralTariff? tariff = null) =>
        new("KJ-T1", Buyer, date ?? Date, Cny(value), items, category, tariff);

    private static RetailImportTaxLine Line(RetailImportAssessment a, string tax) => a.Lines.Single(l => l.Tax == tax);

    [Fact]
    public void Assess_ExactlyPerTransactionLimit_IsPreferentialAt70Percent()
    {
        // 5,000.00 <= 5,000 (inclusive). Tariff 0; CT 0 (general goods); VAT = 5,000.00 x 13 % x 0.7 = 455.00.
        var a = Calculator.Assess(Txn(5000.00m), Cny(0m));
        Assert.Equal(RetailImportTreatment.CbecPreferential, a.Treatment);
        Assert.Equal(Cny(0m), Line(a, "tariff").Amount);
        Assert.Equal(Cny(0m), Line(a, "consumption_tax").Amount);
        Assert.Equal(Cny(455.00m), Line(a, "vat").Amount);
        Assert.Equal(0.7m, Line(a, "vat").Factor);
        Assert.Equal(Cny(455.00m), a.TotalTax);
        Assert.True(a.CountsTowardsAnnualLimit);
        Assert.Equal("CN-CBEC-2018-TXN", a.Limits.PerTransactionRow);
    }

    [Fact]
    public void Assess_OneFenOverLimitSingleItem_IsCbecFullTaxWithTariffUnknown()
    {
        // 5,000.01 > 5,000, one item, year total 5,000.01 <= 26,000: CBEC channel, full taxes, counted.
        // Tariff rate not given -> unknown; CT 0 known; VAT floor = 5,000.01 x 13 % = 650.0013 -> 650.00 (lower bound).
        var a = Calculator.Assess(Txn(5000.01m), Cny(0m));
        Assert.Equal(RetailImportTreatment.CbecFullTax, a.Treatment);
        Assert.True(a.CountsTowardsAnnualLimit);
        Assert.Equal(TaxLineStatus.Unknown, Line(a, "tariff").Status);
        Assert.Null(Line(a, "tariff").Amount);
        Assert.Equal(TaxLineStatus.LowerBound, Line(a, "vat").Status);
        Assert.Equal(Cny(650.00m), Line(a, "vat").Amount);
        Assert.Equal(1m, Line(a, "vat").Factor);
        Assert.Null(a.TotalTax);
    }

    [Fact]
    public void Assess_OverLimitWithKnownGeneralTariff_ChargesFullTaxes()
    {
        // Tariff 10 %: 5,000.01 x 10 % = 500.001 -> 500.00. VAT = (5,000.01 + 500.00 + 0) x 13 % = 715.0013 -> 715.00.
        // Total = 1,215.00. (10 % is a test input, not a sourced rate.)
        var tariff = new GeneralTariff(10m, new Kuajing.Provenance.DataSource("test input", null, Kuajing.Provenance.SourceStatus.Estimated));
        var a = Calculator.Assess(Txn(5000.01m, tariff: tariff), Cny(0m));
        Assert.Equal(Cny(500.00m), Line(a, "tariff").Amount);
        Assert.Equal(Cny(715.00m), Line(a, "vat").Amount);
        Assert.Equal(Cny(1215.00m), a.TotalTax);
    }

    [Fact]
    public void Assess_OneFenOverLimitTwoItems_IsGeneralTrade()
    {
        // Over 5,000 and the order holds more than one item: general trade, not counted in the annual total.
        var a = Calculator.Assess(Txn(5000.01m, items: 2), Cny(0m));
        Assert.Equal(RetailImportTreatment.GeneralTrade, a.Treatment);
        Assert.False(a.CountsTowardsAnnualLimit);
    }

    [Fact]
    public void Assess_YearTotalReachesExactly26000_IsInside()
    {
        // 21,000.00 + 5,000.00 = 26,000.00 <= 26,000 (inclusive): preferential; VAT 455.00 as above.
        var a = Calculator.Assess(Txn(5000.00m), Cny(21000.00m));
        Assert.Equal(RetailImportTreatment.CbecPreferential, a.Treatment);
        Assert.Equal(Cny(455.00m), a.TotalTax);
    }

    [Fact]
    public void Assess_YearTotalWouldCross26000_IsGeneralTrade()
    {
        // 21,000.01 + 5,000.00 = 26,000.01 > 26,000: general trade, even though 5,000 is within the single limit.
        // Full VAT floor = 5,000 x 13 % = 650.00 (tariff unknown).
        var a = Calculator.Assess(Txn(5000.00m), Cny(21000.01m));
        Assert.Equal(RetailImportTreatment.GeneralTrade, a.Treatment);
        Assert.Equal(Cny(650.00m), Line(a, "vat").Amount);
        Assert.Equal(TaxLineStatus.LowerBound, Line(a, "vat").Status);
    }

    [Fact]
    public void Assess_Before2019_UsesThe2016Limits()
    {
        // 财关税〔2016〕18号 (RMB 2,000 / 20,000) until 2018-12-31: 2,000.01 with two items is general trade;
        // the same value on 2019-01-01 is inside the 2018 regime (5,000).
        Assert.Equal(RetailImportTreatment.GeneralTrade, Calculator.Assess(Txn(2000.01m, items: 2, date: new LocalDate(2018, 12, 31)), Cny(0m)).Treatment);
        var after = Calculator.Assess(Txn(2000.01m, items: 2, date: new LocalDate(2019, 1, 1)), Cny(0m));
        Assert.Equal(RetailImportTreatment.CbecPreferential, after.Treatment);
        // 2,000.01 x 13 % x 0.7 = 182.00091 -> 182.00
        Assert.Equal(Cny(182.00m), after.TotalTax);
    }

    [Fact]
    public void Assess_UnsourcedConsumptionTaxCategory_ReportsUnknownNeverZero()
    {
        // No category but "general" is sourced in regulatory-facts.md: CT and VAT unknown, no total.
        var a = Calculator.Assess(Txn(1000m, category: "cosmetics"), Cny(0m));
        Assert.Equal(TaxLineStatus.Unknown, Line(a, "consumption_tax").Status);
        Assert.Null(Line(a, "consumption_tax").Amount);
        Assert.Equal(TaxLineStatus.Unknown, Line(a, "vat").Status);
        Assert.Null(a.TotalTax);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Assess_NonPositiveValue_Throws(int value) =>
        Assert.Throws<ArgumentException>(() => Calculator.Assess(Txn(value), Cny(0m)));

    [Fact]
    public void Assess_NonCnyValue_Throws() =>
        Assert.Throws<ArgumentException>(() => Calculator.Assess(Txn(1m) with { DutiableValue = new Money.Money(1m, new CurrencyCode("EUR")) }, Cny(0m)));

    [Fact]
    public void Assess_DateBeforeAnyRegime_Throws() =>
        Assert.Throws<InvalidOperationException>(() => Calculator.Assess(Txn(1m, date: new LocalDate(2015, 1, 1)), Cny(0m)));
}
