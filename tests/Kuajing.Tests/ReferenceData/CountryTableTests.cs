using Kuajing.Geography;
using Kuajing.ReferenceData;

namespace Kuajing.Tests.ReferenceData;

public class CountryTableTests
{
    // The 38 Country values of the UCI Online Retail data (doi:10.24432/C5BW33), as they appear in
    // data/orders/online-retail (the SOURCE.md list writes "UAE"; the rows say "United Arab Emirates").
    // Expected codes: ISO 3166-1 alpha-2.
    [Theory]
    [InlineData("United Kingdom", "GB")]
    [InlineData("Germany", "DE")]
    [InlineData("France", "FR")]
    [InlineData("EIRE", "IE")] // Irish-language name of Ireland
    [InlineData("Spain", "ES")]
    [InlineData("Netherlands", "NL")]
    [InlineData("Switzerland", "CH")]
    [InlineData("Belgium", "BE")]
    [InlineData("Portugal", "PT")]
    [InlineData("Australia", "AU")]
    [InlineData("Norway", "NO")]
    [InlineData("Finland", "FI")]
    [InlineData("Italy", "IT")]
    [InlineData("Cyprus", "CY")]
    [InlineData("Sweden", "SE")]
    [InlineData("Austria", "AT")]
    [InlineData("Japan", "JP")]
    [InlineData("Israel", "IL")]
    [InlineData("Denmark", "DK")]
    [InlineData("Hong Kong", "HK")]
    [InlineData("Poland", "PL")]
    [InlineData("USA", "US")]
    [InlineData("Singapore", "SG")]
    [InlineData("Iceland", "IS")]
    [InlineData("Canada", "CA")]
    [InlineData("Greece", "GR")]
    [InlineData("Malta", "MT")]
    [InlineData("United Arab Emirates", "AE")]
    [InlineData("UAE", "AE")]
    [InlineData("RSA", "ZA")] // Republic of South Africa
    [InlineData("Lebanon", "LB")]
    [InlineData("Lithuania", "LT")]
    [InlineData("Brazil", "BR")]
    [InlineData("Czech Republic", "CZ")] // ISO short name is Czechia since 2016
    [InlineData("Bahrain", "BH")]
    [InlineData("Saudi Arabia", "SA")]
    public void TryResolve_UciCountryName_GivesIsoCode(string name, string expected)
    {
        Assert.True(Bundled.Data.Countries.TryResolve(name, out var code, out var reason), reason);
        Assert.Equal(new CountryCode(expected), code);
    }

    // The three UCI names that do not identify one customs territory must not be guessed.
    [Theory]
    [InlineData("Channel Islands", "Jersey (JE) and Guernsey (GG)")]
    [InlineData("European Community", "customs union")]
    [InlineData("Unspecified", "no destination country")]
    public void TryResolve_AmbiguousUciName_FailsWithReason(string name, string reasonPart)
    {
        Assert.False(Bundled.Data.Countries.TryResolve(name, out _, out var reason));
        Assert.Contains(reasonPart, reason, StringComparison.Ordinal);
        Assert.Contains(name, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_UnknownName_FailsNamingTheName()
    {
        Assert.False(Bundled.Data.Countries.TryResolve("Atlantis", out _, out var reason));
        Assert.Contains("'Atlantis' is not an ISO 3166-1", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de", "DE")]
    [InlineData("DEU", "DE")]
    [InlineData(" china ", "CN")]
    [InlineData("Czechia", "CZ")]
    public void TryResolve_IsoCodesAndNamesAnyCase_Resolve(string name, string expected)
    {
        Assert.True(Bundled.Data.Countries.TryResolve(name, out var code));
        Assert.Equal(expected, code.Value);
    }

    [Fact]
    public void TryGet_UnitedKingdom_HasGbpAndM49Region()
    {
        // ISO 4217: GBP; UN M49: 826, Europe / Northern Europe.
        Assert.True(Bundled.Data.Countries.TryGet(new CountryCode("GB"), out var gb));
        Assert.Equal("GBP", gb.Currency?.Value);
        Assert.Equal(826, gb.M49);
        Assert.Equal("Europe", gb.Region);
        Assert.Equal("Northern Europe", gb.SubRegion);
        Assert.Equal(249, Bundled.Data.Countries.Count); // row count stated in country-codes/SOURCE.md
    }

    [Fact]
    public void Load_AliasToUnknownCode_ThrowsNamingFileLineField()
    {
        var aliases = Bundled.TempFile("aliases.csv", "alias,iso_alpha2,status,source,note\nEIRE,IE,C,x,\nNarnia,QQ,C,x,\n");
        var e = Assert.Throws<ReferenceDataException>(() => CountryTable.Load(Bundled.PathOf("reference/country-codes/country-codes.csv"), aliases));
        Assert.Equal(3, e.Line);
        Assert.Equal("iso_alpha2", e.Field);
        Assert.Contains($"{aliases}:3: field 'iso_alpha2'", e.Message, StringComparison.Ordinal);
    }
}
