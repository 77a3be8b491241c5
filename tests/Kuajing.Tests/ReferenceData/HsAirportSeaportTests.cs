using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.ReferenceData;

namespace Kuajing.Tests.ReferenceData;

public class HsNomenclatureTests
{
    // HS 2022 (WCO): 6109.10 T-shirts of cotton, chapter 61, section XI (textiles).
    [Theory]
    [InlineData("610910")]
    [InlineData("6109.10")]
    [InlineData("6109100010")] // a national 10-digit line resolves to its 6-digit subheading
    public void TryGet_CottonTShirt_FindsSubheading(string code)
    {
        Assert.True(Bundled.Data.Hs.TryGet(new HsCode(code), out var entry));
        Assert.Equal("610910", entry.Code);
        Assert.Equal("6109", entry.ParentCode);
        Assert.Equal("XI", entry.Section);
        Assert.StartsWith("T-shirts", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void TryGet_CodeNotInHs2022_ReturnsFalse()
    {
        Assert.False(Bundled.Data.Hs.TryGet(new HsCode("999999"), out _));
        Assert.False(Bundled.Data.Hs.Contains(new HsCode("77"))); // chapter 77 is reserved in the HS
    }

    [Fact]
    public void Load_BundledFile_HasChaptersHeadingsSubheadings()
    {
        // harmonized-system/SOURCE.md: 97 chapters + 1,229 headings + 5,613 subheadings, of which UN Comtrade's
        // statistical 99 / 9999 / 999999 ("not specified according to kind") are not WCO HS: 96 + 1,228 + 5,612 = 6,936.
        Assert.Equal(6936, Bundled.Data.Hs.Count);
        Assert.False(Bundled.Data.Hs.Contains(new HsCode("999999")));
    }
}

public class AirportTableTests
{
    // OpenFlights airports.dat row 3375: Zhengzhou Xinzheng International, China, Asia/Shanghai.
    [Fact]
    public void TryGet_Cgo_IsZhengzhouInChina()
    {
        Assert.True(Bundled.Data.Airports.TryGet("cgo", out var cgo));
        Assert.Equal(new CountryCode("CN"), cgo.Country);
        Assert.Equal("Asia/Shanghai", cgo.TimeZoneId);
        Assert.Equal("ZHCC", cgo.Icao);
        Assert.InRange(cgo.Latitude, 34.5, 34.6);
        Assert.True(Bundled.Data.Airports.TryGet("LHR", out var lhr));
        Assert.Equal(new CountryCode("GB"), lhr.Country);
        Assert.InRange(Bundled.Data.Airports.Count, 5800, 6072); // SOURCE.md: 6,072 rows with an IATA code
    }
}

public class SeaportTableTests
{
    // World Port Index 30780: Hamburg, UN/LOCODE "DE HAM".
    [Theory]
    [InlineData("DE HAM")]
    [InlineData("deham")]
    public void TryGet_Hamburg_WithOrWithoutSpace(string locode)
    {
        Assert.True(Bundled.Data.Seaports.TryGet(locode, out var port));
        Assert.Equal("DEHAM", port.UnLocode);
        Assert.Equal("Hamburg", port.Name);
        Assert.Equal(new CountryCode("DE"), port.Country);
        Assert.Equal(30780, port.WpiNumber);
    }

    [Fact]
    public void Load_BundledFile_KeepsPortsWithLocode()
    {
        // SOURCE.md: 3,338 of 3,768 ports have a UN/LOCODE; duplicates are dropped.
        Assert.InRange(Bundled.Data.Seaports.Count, 3000, 3338);
        Assert.Equal(3768, Bundled.Data.Seaports.Count + Bundled.Data.Seaports.SkippedRows);
    }
}

public class ReferenceDataSetTests
{
    [Fact]
    public void Load_SameFolderTwice_ReturnsSameInstance()
    {
        Assert.Same(ReferenceDataSet.Load(DataDirectory.Find()), ReferenceDataSet.Load(DataDirectory.Find() + Path.DirectorySeparatorChar));
    }
}
