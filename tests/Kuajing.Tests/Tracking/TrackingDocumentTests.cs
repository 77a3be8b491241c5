using Kuajing.Ledger;
using Kuajing.Tracking;

namespace Kuajing.Tests.Tracking;

public sealed class TrackingDocumentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-trackdoc-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("  <epcis:EPCISDocument/>", null, TrackingDocumentFormat.EpcisXml)]
    [InlineData("{\"x\":1}", "application/xml", TrackingDocumentFormat.EpcisXml)]
    [InlineData("{\"@context\":[],\"epcisBody\":{}}", null, TrackingDocumentFormat.EpcisJson)]
    [InlineData("{\"x\":1}", "application/ld+json; charset=utf-8", TrackingDocumentFormat.EpcisJson)]
    [InlineData("{\"tracking_code\":\"EZ1000000001\"}", null, TrackingDocumentFormat.EasyPost)]
    [InlineData("[{\"eventType\":\"TRANSPORT\"}]", null, TrackingDocumentFormat.Dcsa)]
    public void Detect_TextAndMediaType_TellsTheFormat(string text, string? media, TrackingDocumentFormat expected) =>
        Assert.Equal(expected, TrackingDocument.Detect(text, media));

    [Fact]
    public void TryParseName_EveryName_RoundTripsAndUnknownIsRefused()
    {
        foreach (var f in Enum.GetValues<TrackingDocumentFormat>())
        {
            Assert.True(TrackingDocument.TryParseName(TrackingDocument.Name(f).ToUpperInvariant(), out var parsed));
            Assert.Equal(f, parsed);
        }

        Assert.False(TrackingDocument.TryParseName("edifact", out _));
    }

    [Fact]
    public void LedgerKeyFile_CreateThenLoad_SameKeyOwnerOnlyWithPublicHalfBeside()
    {
        var path = Path.Combine(_dir, "k.db.ledger-key.pem");
        Assert.Null(LedgerKeyFile.LoadOrCreate(path, create: false));

        using var created = LedgerKeyFile.LoadOrCreate(path, create: true)!;
        using var loaded = LedgerKeyFile.LoadOrCreate(path, create: false)!;

        Assert.Equal(created.ExportPublicKeyPem(), loaded.ExportPublicKeyPem());
        Assert.Equal(created.ExportPublicKeyPem(), File.ReadAllText(LedgerKeyFile.PublicKeyPath(path)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(Path.Combine(_dir, "k.db") + ".ledger-key.pem", LedgerKeyFile.DefaultPath(Path.Combine(_dir, "k.db")));
        Assert.Equal("kuajing-ledger-key.pem", LedgerKeyFile.DefaultPath(null));
    }
}
