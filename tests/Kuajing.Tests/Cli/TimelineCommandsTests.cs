using Microsoft.Data.Sqlite;

namespace Kuajing.Tests.Cli;

/// <summary>kuajing link / ingest / track / verify through Program.Main on a temporary SQLite file.</summary>
public sealed class TimelineCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-tl-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Dcsa(string name) => Kuajing.Tests.Tracking.Events.SharedEventData.Dcsa(name);

    [Fact]
    public async Task IngestTrackVerify_DcsaEventsUnderALinkedContainer_LandOnOneVerifiedTimeline()
    {
        var db = Path.Combine(_dir, "k.db");

        // HJ721194646CN: a Kuajing S10 number (check digit 6 by the S10 weights 8,6,4,2,3,5,9,7).
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["link", "HJ721194646CN", "Container", "APZU 481209 0", "--leg", "2", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["ingest", Dcsa("tnt-220-response.json"), "--db", db]));

        // The same file again: every event is a duplicate, nothing new is stored.
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["ingest", Dcsa("tnt-220-response.json"), "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["track", "APZU4812090", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["verify", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["verify", "HJ721194646CN", "--db", db]));
        await using (var conn = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await conn.OpenAsync();
            await using var count = new SqliteCommand("SELECT COUNT(*) FROM timeline_events", conn);
            Assert.Equal(7L, (long)(await count.ExecuteScalarAsync())!); // tnt-220-response.json holds 7 events

            // Tamper: rewrite one stored event; verify must now fail.
            await using var edit = new SqliteCommand("UPDATE timeline_events SET Milestone = 'Delivered', Payload = replace(Payload, '\"Info\"', '\"Delivered\"') WHERE LedgerIndex = 1", conn);
            Assert.Equal(1, await edit.ExecuteNonQueryAsync());
        }

        Assert.Equal(1, await Kuajing.Cli.Program.Main(["verify", "--db", db]));
        Assert.Equal(1, await Kuajing.Cli.Program.Main(["verify", "APZU4812090", "--db", db])); // the shipment's own timeline fails too
    }

    [Fact]
    public async Task Link_InvalidContainerCheckDigit_IsRefused()
    {
        // ISO 6346: APZU481209 has check digit 0, so APZU4812091 is not a container number.
        Assert.Equal(1, await Kuajing.Cli.Program.Main(["link", "HJ721194646CN", "Container", "APZU4812091", "--db", Path.Combine(_dir, "k.db")]));
    }
}
