using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking.Eta;
using Kuajing.Tracking.Events;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Web.Tests.Api;

/// <summary>
/// Issue #3 through the API: capturing events (EPCIS 2.0 JSON-LD through <c>POST /api/events</c>), the public ledger
/// (tree head, inclusion and consistency proofs checked with the library's verifier, not the server's code), stored
/// exceptions, and webhook subscriptions per organisation. On SQLite and on a real PostgreSQL.
/// </summary>
public sealed class TrackingApiTests
{
    private const string ReadPoint = "urn:epc:id:sgln:0614141.07346.1234";

    /// <summary>An EPCIS 2.0 JSON-LD document with one ObjectEvent whose business transaction is the shipment's Kuajing number.</summary>
    internal static string Epcis(string eventId, string number, string eventTime, string bizStep = "departing") => $$$"""
        {"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-03-12T08:00:00Z",
         "epcisBody":{"eventList":[{"eventID":"{{{eventId}}}","type":"ObjectEvent","action":"OBSERVE","bizStep":"{{{bizStep}}}","disposition":"in_transit",
           "epcList":["urn:epc:id:sgtin:0614141.107346.2017"],"eventTime":"{{{eventTime}}}","eventTimeZoneOffset":"+08:00",
           "readPoint":{"id":"{{{ReadPoint}}}"},"bizTransactionList":[{"type":"bol","bizTransaction":"{{{number}}}"}]}]}}
        """;

    internal static async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAsync(CapabilityWorld world, string party, string path, string body, string media = "application/ld+json", string? idempotencyKey = null)
    {
        using var client = world.Client(party);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, media) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    internal static async Task<(HttpStatusCode Status, string Body)> GetAsync(CapabilityWorld world, string party, string path)
    {
        using var client = world.Client(party);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    internal static Task<CapabilityWorld> WorldAsync(string provider) => CapabilityWorld.CreateAsync(provider);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Ledger_EventsPostedByTheCarrier_StoredOnceAndProvenWithThePublicKey(string provider)
    {
        await using var world = await WorldAsync(provider);
        var shipA = world.ShipmentA;

        // Never captured: no key, no tree head, a clear 404 on every public ledger endpoint.
        foreach (var path in new[] { "/api/ledger/tree-head", "/api/ledger/proofs/inclusion?event=e-1", "/api/ledger/proofs/consistency?from=1&to=1" })
        {
            var (status, body) = await GetAsync(world, "anonymous", path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("ledger-not-started", Code(body));
        }

        var doc1 = Epcis("urn:uuid:6d9f3ed8-0001-4b1c-9a51-000000000001", shipA, "2026-03-11T09:00:00+08:00");
        var doc2 = Epcis("urn:uuid:6d9f3ed8-0001-4b1c-9a51-000000000002", shipA, "2026-03-12T18:30:00+08:00", "arriving");

        // Sellers never post events; another provider's events for A are refused whole, in the words used for an unknown number.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(world, "sellerA", "/api/events", doc1)).Status);
        var (refused, refusedBody, _) = await PostAsync(world, "provider2", "/api/events", doc1);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("validation-failed", Code(refusedBody));
        Assert.Contains("events[0]", refusedBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "anonymous", "/api/ledger/tree-head")).Status);

        // The carrier of A: stored once; the same document again is a duplicate (idempotent by nature).
        var (ok, okBody, _) = await PostAsync(world, "provider1", "/api/events", doc1);
        Assert.Equal(HttpStatusCode.OK, ok);
        using (var first = JsonDocument.Parse(okBody))
        {
            Assert.Equal("epcis-json", first.RootElement.GetProperty("format").GetString());
            Assert.Equal(1, first.RootElement.GetProperty("stored").GetInt32());
            Assert.Equal(1, first.RootElement.GetProperty("treeSize").GetInt64());
        }

        using (var again = JsonDocument.Parse((await PostAsync(world, "provider1", "/api/events", doc1)).Body))
        {
            Assert.Equal(0, again.RootElement.GetProperty("stored").GetInt32());
            Assert.Equal(1, again.RootElement.GetProperty("duplicates").GetInt32());
            Assert.Equal(JsonValueKind.Null, again.RootElement.GetProperty("treeSize").ValueKind);
        }

        // With an Idempotency-Key the retry gets the first answer back.
        var (second, secondBody, _) = await PostAsync(world, "provider1", "/api/events", doc2, idempotencyKey: "evt-batch-2");
        Assert.Equal(HttpStatusCode.OK, second);
        var (replay, replayBody, replayResponse) = await PostAsync(world, "provider1", "/api/events", doc2, idempotencyKey: "evt-batch-2");
        Assert.Equal(HttpStatusCode.OK, replay);
        Assert.Equal(secondBody, replayBody);
        Assert.Equal("true", replayResponse.Headers.GetValues("Idempotent-Replayed").Single());
        replayResponse.Dispose();

        // The public tree head verifies with the public key it comes with.
        var (headStatus, headBody) = await GetAsync(world, "anonymous", "/api/ledger/tree-head");
        Assert.Equal(HttpStatusCode.OK, headStatus);
        using var headDoc = JsonDocument.Parse(headBody);
        var pem = headDoc.RootElement.GetProperty("publicKeyPem").GetString()!;
        using var verifier = TreeHeadVerifier.FromPem(pem);
        var head = Head(headDoc.RootElement.GetProperty("treeHead"));
        Assert.Equal(2, head.TreeSize);
        Assert.True(verifier.Verify(head));

        // Inclusion: the event hash is recomputed here from the document as posted (the library's EPCIS reader and the
        // canonical form of docs/tracking-events.md), then checked against the signed head with LedgerVerifier.
        var (inclusionStatus, inclusionBody) = await GetAsync(world, "anonymous", "/api/ledger/proofs/inclusion?event=" + Uri.EscapeDataString("urn:uuid:6d9f3ed8-0001-4b1c-9a51-000000000001"));
        Assert.Equal(HttpStatusCode.OK, inclusionStatus);
        using var inclusion = JsonDocument.Parse(inclusionBody);
        var posted = EpcisDocumentReader.ReadJson(doc1, "doc1").Events.Single();
        var expectedHash = new MerkleHash(SHA256.HashData(Encoding.UTF8.GetBytes(TimelineService.CanonicalPayload(posted, "id:" + posted.EventId))));
        var root = inclusion.RootElement;
        Assert.Equal(expectedHash.ToString(), root.GetProperty("eventHash").GetString());
        Assert.Equal(0, root.GetProperty("leafIndex").GetInt64());
        var receipt = new InclusionReceipt(
            root.GetProperty("leafIndex").GetInt64(), expectedHash, root.GetProperty("treeSize").GetInt64(),
            [.. root.GetProperty("auditPath").EnumerateArray().Select(h => MerkleHash.Parse(h.GetString()!))]);
        var proven = new LedgerVerifier(verifier).VerifyEvent(expectedHash, receipt, Head(root.GetProperty("treeHead")));
        Assert.True(proven.IsValid, string.Join("; ", proven.Findings));

        // A flipped bit in the event hash fails the same check: the proof binds this event, not any event.
        Assert.False(new LedgerVerifier(verifier).VerifyEvent(expectedHash.WithBitFlipped(3), receipt with { EventHash = expectedHash.WithBitFlipped(3) }, head).IsValid);

        // Consistency: the head of size 2 extends the head of size 1 (append-only).
        var (consistencyStatus, consistencyBody) = await GetAsync(world, "anonymous", "/api/ledger/proofs/consistency?from=1&to=2");
        Assert.Equal(HttpStatusCode.OK, consistencyStatus);
        using var consistency = JsonDocument.Parse(consistencyBody);
        var consistent = new LedgerVerifier(verifier).VerifyConsistency(
            Head(consistency.RootElement.GetProperty("from")), Head(consistency.RootElement.GetProperty("to")),
            [.. consistency.RootElement.GetProperty("proof").EnumerateArray().Select(h => MerkleHash.Parse(h.GetString()!))]);
        Assert.True(consistent.IsValid, string.Join("; ", consistent.Findings));

        // Public means hashes only: no shipment number, event id, place, milestone, seller or goods.
        foreach (var body in new[] { headBody, inclusionBody, consistencyBody })
        {
            foreach (var secret in new[] { shipA, "6d9f3ed8", ReadPoint, "0614141", "Departed", "departing", "Arrived", ApiWorld.SellerAName, world.Parties["sellerA"].OrgId, "A-1001", "teapot" })
            {
                Assert.DoesNotContain(secret, body, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The seller sees both events on the timeline, in event-time order.
        using var timeline = JsonDocument.Parse((await GetAsync(world, "sellerA", $"/api/shipments/{shipA}/timeline")).Body);
        Assert.Equal(["Departed", "Arrived"], timeline.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("milestone").GetString()));

        // Unknown event, unknown head size, bad parameters.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "anonymous", "/api/ledger/proofs/inclusion?event=urn:uuid:none")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "anonymous", "/api/ledger/proofs/consistency?from=1&to=3")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(world, "anonymous", "/api/ledger/proofs/consistency?from=2&to=1")).Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Events_InvalidRealDocuments_RefusedWholeWithPerEventErrors(string provider)
    {
        await using var world = await WorldAsync(provider);

        // DCSA T&T 2.2 example with deliberately wrong date-times (../shared/data/dcsa-track-and-trace, Apache-2.0):
        // refused with the field named, nothing stored.
        var wrong = await File.ReadAllTextAsync(Path.Combine(UciInvoices.RepoRoot(), "..", "shared", "data", "dcsa-track-and-trace", "messages", "tnt-220-response-wrong-date-times.json"));
        var (status, body, _) = await PostAsync(world, "admin", "/api/events", wrong, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("validation-failed", Code(body));
        using (var doc = JsonDocument.Parse(body))
        {
            var fields = doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
            Assert.NotEmpty(fields);
            Assert.All(fields, f => Assert.StartsWith("events[", f, StringComparison.Ordinal));
            Assert.Contains(fields, f => f.Contains("DateTime", StringComparison.OrdinalIgnoreCase));
        }

        // GS1 EPCIS 2.0 standard example 9.6.1 (../shared/data/gs1-epcis-examples): it parses, but none of its numbers is a
        // Kuajing shipment, so each of its two events is reported and nothing is stored.
        var gs1 = await File.ReadAllTextAsync(Path.Combine(UciInvoices.RepoRoot(), "..", "shared", "data", "gs1-epcis-examples", "JSON", "Example_9.6.1-ObjectEvent.jsonld"));
        (status, body, _) = await PostAsync(world, "admin", "/api/events", gs1);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using (var doc = JsonDocument.Parse(body))
        {
            Assert.Equal(["events[0]", "events[1]"], doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        // The XML form of the same standard example (application/xml) is read by the EPCIS XML reader: the same two events.
        var xml = await File.ReadAllTextAsync(Path.Combine(UciInvoices.RepoRoot(), "..", "shared", "data", "gs1-epcis-examples", "XML", "Example_9.6.1-ObjectEvent-2020_06_18a.xml"));
        (status, body, _) = await PostAsync(world, "admin", "/api/events", xml, "application/xml");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        using (var doc = JsonDocument.Parse(body))
        {
            Assert.Equal(["events[0]", "events[1]"], doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        // An unknown format is named.
        (status, body, _) = await PostAsync(world, "admin", "/api/events?format=edifact", gs1);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("\"format\"", body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "anonymous", "/api/ledger/tree-head")).Status);
        using var timeline = JsonDocument.Parse((await GetAsync(world, "admin", $"/api/shipments/{world.ShipmentA}/timeline")).Body);
        Assert.Empty(timeline.RootElement.GetProperty("events").EnumerateArray());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Exceptions_LateDeliveryScanned_ListedForThePartiesOfTheShipment(string provider)
    {
        await using var world = await WorldAsync(provider);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(world, "provider1", "/api/events", Epcis("urn:uuid:7a00-late-1", world.ShipmentA, "2026-03-11T09:00:00+08:00"))).Status);

        // Thirty days after the planned delivery without a Delivered milestone: late_delivery (docs/eta.md §4; the grace is
        // a row of data/eta/exception-thresholds.csv, far below 30 days). Raised by the library's scan, as cron would.
        await using (var plans = world.OpenPlanStore())
        await using (var store = world.OpenTimelineStore())
        {
            var planned = await plans.Shipments.AsNoTracking().Where(s => s.TrackingNumber == world.ShipmentA).Select(s => s.DeliveredAtUtc).SingleAsync();
            var monitor = new ShipmentExceptionMonitor(new PlanStoreShipmentPlans(plans), EtaThresholds.LoadBundled(), SystemClock.Instance, DelayProfile.LoadBundled());
            await monitor.ScanAsync(store, Instant.FromDateTimeUtc(DateTime.SpecifyKind(planned, DateTimeKind.Utc)).Plus(Duration.FromDays(30)), CancellationToken.None);
        }

        foreach (var party in new[] { "sellerA", "provider1", "broker1", "admin" })
        {
            var (status, body) = await GetAsync(world, party, $"/api/shipments/{world.ShipmentA}/exceptions");
            Assert.Equal(HttpStatusCode.OK, status);
            using var doc = JsonDocument.Parse(body);
            var late = Assert.Single(doc.RootElement.GetProperty("exceptions").EnumerateArray(), e => e.GetProperty("code").GetString() == "late_delivery");
            Assert.Equal("open", late.GetProperty("status").GetString());
            Assert.Equal("scan", late.GetProperty("raisedBy").GetString());
            Assert.True(doc.RootElement.GetProperty("open").GetInt32() >= 1);
        }

        using var openOnly = JsonDocument.Parse((await GetAsync(world, "sellerA", $"/api/shipments/{world.ShipmentA}/exceptions?open=true")).Body);
        Assert.All(openOnly.RootElement.GetProperty("exceptions").EnumerateArray(), e => Assert.Equal("open", e.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "sellerB", $"/api/shipments/{world.ShipmentA}/exceptions")).Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Webhooks_PerOrganisation_SecretOnceOwnOnlyAndDeliveriesQueued(string provider)
    {
        await using var world = await WorldAsync(provider);

        // Seller A follows its whole account; the secret is shown once, as whsec_ + 64 hex digits (docs/webhooks.md).
        var (created, createdBody, createdResponse) = await PostAsync(world, "sellerA", "/api/webhooks", """{"url":"https://hooks.example.com/kuajing","scope":"account"}""", "application/json");
        Assert.Equal(HttpStatusCode.Created, created);
        using var createdDoc = JsonDocument.Parse(createdBody);
        Assert.Matches("^whsec_[0-9a-f]{64}$", createdDoc.RootElement.GetProperty("secret").GetString()!);
        var accountId = createdDoc.RootElement.GetProperty("subscription").GetProperty("id").GetString()!;
        Assert.Equal("/api/webhooks/" + accountId, createdResponse.Headers.Location?.OriginalString);
        createdResponse.Dispose();

        // Provider 1 follows shipment A (it carries it) but not B; account scope is for sellers.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(world, "provider1", "/api/webhooks", $$"""{"url":"https://ops.example.net/hook","scope":"shipment","shipment":"{{world.ShipmentA}}","kinds":["milestone"]}""", "application/json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(world, "provider1", "/api/webhooks", $$"""{"url":"https://ops.example.net/hook","scope":"shipment","shipment":"{{world.ShipmentB}}"}""", "application/json")).Status);
        var (badScope, badScopeBody, _) = await PostAsync(world, "provider1", "/api/webhooks", """{"url":"https://ops.example.net/hook","scope":"account"}""", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, badScope);
        Assert.Contains("\"scope\"", badScopeBody, StringComparison.Ordinal);
        var (badUrl, badUrlBody, _) = await PostAsync(world, "sellerB", "/api/webhooks", """{"url":"http://hooks.example.com/x","scope":"account"}""", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, badUrl);
        Assert.Contains("\"url\"", badUrlBody, StringComparison.Ordinal);

        // A milestone of shipment A reaches both subscriptions' outboxes (A's account and the shipment scope).
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(world, "provider1", "/api/events", Epcis("urn:uuid:7b00-hook-1", world.ShipmentA, "2026-03-11T09:00:00+08:00"))).Status);

        using (var list = JsonDocument.Parse((await GetAsync(world, "sellerA", "/api/webhooks")).Body))
        {
            var own = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal(accountId, own.GetProperty("id").GetString());
            Assert.Equal("account", own.GetProperty("scope").GetString());
            Assert.Equal(1, own.GetProperty("pending").GetInt32());
            Assert.DoesNotContain("whsec_", list.RootElement.GetRawText(), StringComparison.Ordinal);
        }

        using (var list = JsonDocument.Parse((await GetAsync(world, "provider1", "/api/webhooks")).Body))
        {
            var own = Assert.Single(list.RootElement.EnumerateArray());
            Assert.Equal(world.ShipmentA, own.GetProperty("shipment").GetString());
            Assert.Equal(1, own.GetProperty("pending").GetInt32());
        }

        // Other organisations neither list nor delete A's subscription.
        foreach (var party in new[] { "sellerB", "provider2", "broker1", "admin" })
        {
            using var list = JsonDocument.Parse((await GetAsync(world, party, "/api/webhooks")).Body);
            Assert.Empty(list.RootElement.EnumerateArray());
            using var client = world.Client(party);
            Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(new Uri("/api/webhooks/" + accountId, UriKind.Relative))).StatusCode);
        }

        // Its owner deletes it; the pending delivery is dead-lettered, not sent.
        using (var owner = world.Client("sellerA"))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(new Uri("/api/webhooks/" + accountId, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync(new Uri("/api/webhooks/" + accountId, UriKind.Relative))).StatusCode);
        }

        using var after = JsonDocument.Parse((await GetAsync(world, "sellerA", "/api/webhooks")).Body);
        Assert.Empty(after.RootElement.EnumerateArray());
        await using var store = world.OpenTimelineStore();
        var guid = Guid.Parse(accountId);
        Assert.Equal("subscription deleted", await store.WebhookDeliveries.Where(d => d.SubscriptionId == guid).Select(d => d.DeadLetterReason).SingleAsync());
    }

    internal static SignedTreeHead Head(JsonElement e) => new(
        e.GetProperty("treeSize").GetInt64(),
        Instant.FromDateTimeOffset(e.GetProperty("timestamp").GetDateTimeOffset()),
        MerkleHash.Parse(e.GetProperty("rootHash").GetString()!),
        [.. Convert.FromBase64String(e.GetProperty("signature").GetString()!)],
        e.GetProperty("keyId").GetString()!);

    internal static string? Code(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
