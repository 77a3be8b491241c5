using Kuajing.Tests.Webhooks;
using Kuajing.Webhooks;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Kuajing.Tests.Timeline;

/// <summary>kuajing webhooks add / list / dispatch through Program.Main on a temporary SQLite file, with a real loopback receiver.</summary>
public sealed class WebhookCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-webhook-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Dcsa(string name) => Kuajing.Tests.Tracking.Events.SharedEventData.Dcsa(name);

    private static async Task<T> ScalarAsync<T>(string db, string sql)
    {
        await using var conn = new SqliteConnection($"Data Source={db};Pooling=False");
        await conn.OpenAsync();
        await using var cmd = new SqliteCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AddIngestDispatch_ShipmentSubscription_ReceiverGetsEveryCanonicalMilestoneSignedOnce()
    {
        var db = Path.Combine(_dir, "k.db");
        string? secret = null;
        var checks = new List<WebhookSignatureCheck>();
        await using var receiver = new LoopbackReceiver(r =>
        {
            var check = WebhookSignature.Verify(WebhookSecret.Parse(secret!), r.Headers.GetValueOrDefault(WebhookSignature.HeaderName), r.Body, SystemClock.Instance.GetCurrentInstant(), WebhookSignature.DefaultTolerance);
            lock (checks)
            {
                checks.Add(check);
            }

            return new ReceiverAnswer(check == WebhookSignatureCheck.Valid ? 200 : 401);
        });

        // HJ721194646CN: a Kuajing S10 number (check digit 6 by the S10 weights 8,6,4,2,3,5,9,7); APZU4812090 its container (ISO 6346).
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["webhooks", "add", receiver.Url.ToString(), "--shipment", "HJ721194646CN", "--kinds", "milestone", "--db", db]));
        Assert.Equal(2, await Kuajing.Cli.Program.Main(["webhooks", "add", "http://example.com/hook", "--shipment", "HJ721194646CN", "--db", db])); // plain http off loopback
        Assert.Equal(2, await Kuajing.Cli.Program.Main(["webhooks", "add", receiver.Url.ToString(), "--db", db])); // no scope
        secret = await ScalarAsync<string>(db, "SELECT Secret FROM webhook_subscriptions");
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["link", "HJ721194646CN", "Container", "APZU 481209 0", "--leg", "2", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["ingest", Dcsa("tnt-220-response.json"), "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["webhooks", "dispatch", "--once", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["webhooks", "dispatch", "--once", "--db", db]));
        Assert.Equal(0, await Kuajing.Cli.Program.Main(["webhooks", "list", "--db", db]));

        // Every stored event with a canonical milestone (not Info/Other) is one notification; the file's events all
        // belong to the one shipment, so the receiver gets exactly that many requests, each once, all validly signed.
        var canonical = await ScalarAsync<long>(db, "SELECT COUNT(*) FROM timeline_events WHERE Milestone NOT IN ('Info', 'Other')");
        Assert.True(canonical > 0, "the DCSA sample should hold at least one canonical milestone");
        Assert.Equal(canonical, receiver.Received.Count);
        Assert.Equal(canonical, receiver.Received.Select(r => r.Headers[Kuajing.Webhooks.WebhookDispatcher.DeliveryIdHeader]).Distinct().Count());
        Assert.All(checks, c => Assert.Equal(WebhookSignatureCheck.Valid, c));
        Assert.Equal(canonical, await ScalarAsync<long>(db, "SELECT COUNT(*) FROM webhook_deliveries WHERE Status = 1"));
    }
}
