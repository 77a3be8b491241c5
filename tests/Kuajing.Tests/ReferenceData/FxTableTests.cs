using Kuajing.Money;
using Kuajing.ReferenceData;
using NodaTime;

namespace Kuajing.Tests.ReferenceData;

public class FxTableTests
{
    private static readonly FxRates Fx = Bundled.Data.Fx;

    // Row "2011-01-01,United Kingdom,0.6336" of fx-rates/monthly.csv (FRED, GBP per USD):
    // 100 GBP = 100 / 0.6336 USD = 157.8282... USD.
    [Fact]
    public void Convert_GbpToUsdJanuary2011_UsesUnitsPerUsd()
    {
        var usd = Fx.Convert(new Money.Money(100m, CurrencyCode.Gbp), CurrencyCode.Usd, new LocalDate(2011, 1, 20));
        Assert.Equal(157.83m, usd.Round().Amount);
    }

    // Sterling traded around 1.60–1.65 USD in mid-2011 and around 1.25–1.35 USD in 2025
    // (Bank of England / Federal Reserve H.10 published rates). A series read in the wrong
    // direction would give about 0.62 and 0.78 instead.
    [Theory]
    [InlineData(2011, 6, 15, 1.55, 1.68)]
    [InlineData(2025, 6, 15, 1.25, 1.40)]
    [InlineData(2025, 1, 15, 1.20, 1.30)]
    public void Convert_OnePoundOnKnownDates_IsPublishedCableRate(int y, int m, int d, double low, double high)
    {
        var usd = Fx.Convert(new Money.Money(1m, CurrencyCode.Gbp), CurrencyCode.Usd, new LocalDate(y, m, d)).Amount;
        Assert.InRange(usd, (decimal)low, (decimal)high);
    }

    // Cross rate through USD: rows 2011-01-01 Euro 0.7479 and United Kingdom 0.6336:
    // 100 EUR = 100 / 0.7479 × 0.6336 GBP = 84.7172... GBP.
    [Fact]
    public void Convert_EurToGbp_CrossesThroughUsd()
    {
        var gbp = Fx.Convert(new Money.Money(100m, CurrencyCode.Eur), CurrencyCode.Gbp, new LocalDate(2011, 1, 31));
        Assert.Equal(84.72m, gbp.Round().Amount);
    }

    [Fact]
    public void Load_PreEuroAndVenezuelaSeries_AreNotLoaded()
    {
        // Only the Euro series gives EUR; national pre-euro series (e.g. Germany, DEM) are skipped.
        Assert.DoesNotContain(new CurrencyCode("DEM"), Fx.Currencies);
        Assert.Contains(CurrencyCode.Eur, Fx.Currencies);
        Assert.Contains(CurrencyCode.Cny, Fx.Currencies);
        Assert.False(Fx.TryConvert(new Money.Money(1m, new CurrencyCode("VES")), CurrencyCode.Usd, new LocalDate(2025, 1, 1), out _, out _));
    }

    [Fact]
    public void Load_UsdPerUnitSeries_IsInverted()
    {
        var rates = Bundled.TempFile("monthly.csv", "Date,Country,Exchange rate\n2011-01-01,United Kingdom,1.6\n");
        var map = Bundled.TempFile("series.csv", "series,currency,quote,status,note\nUnited Kingdom,GBP,usd_per_unit,C,\n");
        var fx = FxTable.Load(rates, map);
        // 1.6 USD per GBP → 0.625 GBP per USD → 1 GBP = 1.6 USD.
        Assert.Equal(1.6m, fx.Convert(new Money.Money(1m, CurrencyCode.Gbp), CurrencyCode.Usd, new LocalDate(2011, 1, 1)).Amount);
    }

    [Fact]
    public void Load_SeriesNotInMap_ThrowsNamingFileLineField()
    {
        var rates = Bundled.TempFile("monthly.csv", "Date,Country,Exchange rate\n2011-01-01,United Kingdom,0.63\n2011-01-01,Narnia,2.0\n");
        var map = Bundled.TempFile("series.csv", "series,currency,quote,status,note\nUnited Kingdom,GBP,units_per_usd,C,\n");
        var e = Assert.Throws<ReferenceDataException>(() => FxTable.Load(rates, map));
        Assert.Equal((3, "Country"), (e.Line, e.Field));
        Assert.Contains("Narnia", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NegativeRate_ThrowsNamingFileLineField()
    {
        var rates = Bundled.TempFile("monthly.csv", "Date,Country,Exchange rate\n2011-01-01,United Kingdom,-0.63\n");
        var map = Bundled.TempFile("series.csv", "series,currency,quote,status,note\nUnited Kingdom,GBP,units_per_usd,C,\n");
        var e = Assert.Throws<ReferenceDataException>(() => FxTable.Load(rates, map));
        Assert.Equal((2, "Exchange rate"), (e.Line, e.Field));
    }
}
