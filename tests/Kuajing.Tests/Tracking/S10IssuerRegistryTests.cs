using Kuajing.Geography;
using Kuajing.Tracking;

namespace Kuajing.Tests.Tracking;

public sealed class S10IssuerRegistryTests : IDisposable
{
    private const string Header = "country_code,country,postal_operator,citation,as_of,status";
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-s10-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadBundled_SameCodesAsTheUpstreamDataset()
    {
        // data/tracking/s10-issuers.csv is a conversion of the Courier lookup in couriers/s10.json; compare to the JSON.
        var registry = S10IssuerRegistry.LoadBundled();
        var upstream = SharedTrackingDataset.IssuerCountryCodes.ToArray();
        Assert.Equal(upstream.Length, registry.Count);
        Assert.All(upstream, code => Assert.True(registry.Contains(new CountryCode(code)), code));
    }

    [Fact]
    public void TryGet_China_IsChinaPostConfirmed()
    {
        Assert.True(S10IssuerRegistry.LoadBundled().TryGet(new CountryCode("CN"), out var issuer));
        Assert.Equal("China Post", issuer.PostalOperator);
        Assert.Equal(Kuajing.Provenance.SourceStatus.Confirmed, issuer.Source.Status);
    }

    [Fact]
    public void Contains_UserAssignedCodeXx_IsFalse() =>
        // ISO 3166-1 reserves XA–XZ for user assignment; no postal operator issues them.
        Assert.False(S10IssuerRegistry.LoadBundled().Contains(new CountryCode("XX")));

    [Theory]
    [InlineData("C1,China,China Post,cite,,C", "country_code")] // digit in the code
    [InlineData("CN,,China Post,cite,,C", "country")] // empty country
    [InlineData("CN,China,China Post,cite,22-11-2026,C", "as_of")] // not ISO yyyy-MM-dd
    [InlineData("CN,China,China Post,cite,,X", "status")] // not C/D/U/E
    public void Load_MalformedRow_NamesFileLineAndField(string row, string field)
    {
        var path = Write(Header, "GB,United Kingdom,Royal Mail,cite,,C", row);
        var e = Assert.Throws<InvalidDataException>(() => S10IssuerRegistry.Load(path));
        Assert.Contains($"{path}:3:", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{field}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateCode_IsRejected()
    {
        var path = Write(Header, "CN,China,China Post,cite,,C", "CN,China,China Post,cite,,C");
        var e = Assert.Throws<InvalidDataException>(() => S10IssuerRegistry.Load(path));
        Assert.Contains(":3:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongHeader_IsRejected()
    {
        var path = Write("code,country", "CN,China");
        var e = Assert.Throws<InvalidDataException>(() => S10IssuerRegistry.Load(path));
        Assert.Contains(":1:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => S10IssuerRegistry.Load(Path.Combine(_dir, "none.csv")));

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
