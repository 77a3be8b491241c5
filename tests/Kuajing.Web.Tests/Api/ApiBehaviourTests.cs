using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kuajing.Web.Storage;

namespace Kuajing.Web.Tests.Api;

public sealed class ApiBehaviourTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task RateLimit_BucketUsedUp_429ProblemWithRetryAfter_OtherKeysUnaffected(string provider)
    {
        // A bucket of 3 refilled by 1 per minute: the 4th request within the minute is refused.
        await using var world = await ApiWorld.CreateAsync(provider, new Dictionary<string, string>
        {
            ["Kuajing:RateLimit:TokenLimit"] = "3",
            ["Kuajing:RateLimit:TokensPerPeriod"] = "1",
            ["Kuajing:RateLimit:PeriodSeconds"] = "60",
        }, seed: false);
        using var a = world.Client("sellerA");
        using var b = world.Client("sellerB");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await a.GetAsync(new Uri("/api/orders", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var doc = JsonDocument.Parse(await last!.Content.ReadAsStringAsync());
        Assert.Equal("rate-limited", doc.RootElement.GetProperty("code").GetString());
        var retryAfter = int.Parse(last.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync(new Uri("/api/orders", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Idempotency_ReplayConflictAndInProgress(string provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, seed: false);
        using var client = world.Client("sellerA");
        var body = ApiWorld.OrderJson("IDEM-1");

        async Task<HttpResponseMessage> PostAsync(string key, string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/orders", UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var first = await PostAsync("key-1", body);
        var replay = await PostAsync("key-1", body);
        var reused = await PostAsync("key-1", ApiWorld.OrderJson("IDEM-2"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("idempotency-key-reused", Code(await reused.Content.ReadAsStringAsync()));

        // Created once: a second create without a key is a conflict, and the list holds one order.
        var again = await client.PostAsync(new Uri("/api/orders", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/orders", UriKind.Relative))))
        {
            Assert.Equal(1, list.RootElement.GetProperty("total").GetInt32());
        }

        // A first request still running (status 0) with the same request: 409. The hash is SHA-256 over
        // "METHOD\nPATH\nQUERY\n" + body, as Idempotency documents.
        var pending = ApiWorld.OrderJson("IDEM-3");
        await using (var store = world.Accounts.OpenStore())
        {
            store.IdempotencyKeys.Add(new IdempotencyRecord
            {
                OrganisationId = world.Parties["sellerA"].OrgId,
                Key = "key-2",
                RequestHash = SHA256.HashData(Encoding.UTF8.GetBytes("POST\n/api/orders\n\n" + pending)),
                CreatedAtUtc = DateTime.UtcNow,
            });
            await store.SaveChangesAsync();
        }

        var inProgress = await PostAsync("key-2", pending);
        Assert.Equal(HttpStatusCode.Conflict, inProgress.StatusCode);
        Assert.Equal("idempotency-key-in-progress", Code(await inProgress.Content.ReadAsStringAsync()));

        // Keys are per organisation: seller B may use "key-1" for its own request.
        using var b = world.Client("sellerB");
        using var requestB = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/orders", UriKind.Relative)) { Content = new StringContent(ApiWorld.OrderJson("B-IDEM"), Encoding.UTF8, "application/json") };
        requestB.Headers.Add("Idempotency-Key", "key-1");
        Assert.Equal(HttpStatusCode.Created, (await b.SendAsync(requestB)).StatusCode);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task BulkUpload_GoodAndBadRows_GoodStoredBadReportedWithLineAndField(string provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider, seed: false);
        using var client = world.Client("sellerA");

        // Line 1 header; K-1 good (line 2); K-2 line 3 quantity 0 (docs/order-format.md: whole number ≥ 1);
        // K-3 line 4 country "Atlantis" (not ISO 3166-1); K-4 good over two lines (5, 6).
        var csv = """
            order_id,placed_at,buyer_country,buyer_postcode,description,quantity,unit_value,currency,unit_weight_kg
            K-1,2026-03-10T09:00,DE,10115,Ceramic teapot,2,18.50,EUR,0.9
            K-2,2026-03-10T09:05,FR,75001,Ceramic mug,0,4.00,EUR,0.3
            K-3,2026-03-10T09:10,Atlantis,,Ceramic bowl,1,6.00,EUR,0.4
            K-4,2026-03-10T09:15,NL,1012 AB,Cotton T-shirt,3,8.50,EUR,0.18
            K-4,2026-03-10T09:15,NL,1012 AB,Ceramic mug,1,4.00,EUR,0.3
            """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        var response = await client.PostAsync(new Uri("/api/orders/bulk", UriKind.Relative), new StringContent(csv, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var report = JsonDocument.Parse(text);
        var accepted = report.RootElement.GetProperty("accepted").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()!).ToArray();
        var rejected = report.RootElement.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("orderId").GetString())).ToArray();
        Assert.Equal(["K-1", "K-4"], accepted);
        Assert.Equal([(3, "quantity", "K-2"), (4, "buyer_country", "K-3")], rejected);
        Assert.Equal(2, report.RootElement.GetProperty("rejectedOrders").GetInt32());
        Assert.All(report.RootElement.GetProperty("rejected").EnumerateArray(), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));

        // The good orders are stored and listed; the bad ones are not.
        var list = await client.GetStringAsync(new Uri("/api/orders", UriKind.Relative));
        Assert.Contains("\"K-1\"", list, StringComparison.Ordinal);
        Assert.Contains("\"K-4\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("\"K-2\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain("\"K-3\"", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quote_RealUciInvoice536365_ReturnsAParetoSetNoPlanDominates()
    {
        // The first invoice of the UCI Online Retail dataset (D. Chen, doi:10.24432/C5BW33, CC BY 4.0):
        // data/orders/online-retail/orders-2010-12.csv.gz, invoice 536365, 7 lines to the United Kingdom, placed
        // 2010-12-01 08:26 and replayed 782 weeks later (2025-11-26 08:26) as run.sh does (README, ADR 0004).
        var lines = ReadInvoice("536365");
        Assert.Equal(7, lines.Count);
        var order = new
        {
            orderId = "536365",
            placedAt = "2025-11-26T08:26:00",
            buyerCountry = "GB",
            lines = lines.Select(l => new { sku = l[1], description = l[2].Trim(), quantity = int.Parse(l[3], CultureInfo.InvariantCulture), unitValue = l[5], currency = "GBP" }).ToArray(),
        };
        await using var world = await ApiWorld.CreateAsync("sqlite", seed: false);
        using var client = world.Client("sellerA");

        var response = await client.PostAsync(new Uri("/api/quotes?objective=cheapest&currency=CNY", UriKind.Relative), new StringContent(JsonSerializer.Serialize(order), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("planned", root.GetProperty("status").GetString());
        Assert.Equal(7, root.GetProperty("lines").GetInt32());
        var set = root.GetProperty("paretoSet").EnumerateArray()
            .Select(p => (Cost: p.GetProperty("landedCost").GetDecimal(), At: p.GetProperty("deliveredAt").GetDateTimeOffset(), Co2e: p.GetProperty("co2eKg").GetDecimal(), Legs: p.GetProperty("legs")))
            .ToArray();
        Assert.NotEmpty(set);

        // Pareto: no plan is at least as good in all three criteria and better in one than another plan.
        foreach (var p in set)
        {
            foreach (var q in set)
            {
                var dominates = p.Cost <= q.Cost && p.At <= q.At && p.Co2e <= q.Co2e && (p.Cost < q.Cost || p.At < q.At || p.Co2e < q.Co2e);
                Assert.False(dominates, $"a plan ({p.Cost}, {p.At}, {p.Co2e}) dominates ({q.Cost}, {q.At}, {q.Co2e})");
            }
        }

        // Door to door from the default origin, and "cheapest" picks the lowest landed cost of the set.
        Assert.All(set, p => Assert.Equal("CNCGO", p.Legs[0].GetProperty("from").GetString()));
        Assert.All(set, p => Assert.Equal("DOOR-GB", p.Legs[p.Legs.GetArrayLength() - 1].GetProperty("to").GetString()));
        Assert.Equal(set.Min(p => p.Cost), set[root.GetProperty("chosen").GetInt32()].Cost);
        Assert.True(root.TryGetProperty("lanes", out _));

        // Nothing is stored by a quote.
        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/orders", UriKind.Relative)));
        Assert.Equal(0, list.RootElement.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task PublicTracking_ShowsMilestonesTimesPlacesOnly(string provider)
    {
        await using var world = await ApiWorld.CreateAsync(provider);
        using var anonymous = world.Client("anonymous");

        var response = await anonymous.GetAsync(new Uri($"/api/public/track/{world.ShipmentA}", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(text);
        var milestone = Assert.Single(doc.RootElement.GetProperty("milestones").EnumerateArray());
        Assert.Equal("Departed", milestone.GetProperty("milestone").GetString());
        Assert.Equal("CNCGO", milestone.GetProperty("place").GetString());
        Assert.Equal("Departed", doc.RootElement.GetProperty("status").GetString());

        // Never values, names, addresses or organisations: the warehouse name and postcode of the event, the seller's
        // name and id, the buyer's postcode, the goods value (2 × EUR 18.50) and the order id.
        foreach (var secret in new[] { ApiWorld.WarehouseName, "450000", ApiWorld.SellerAName, world.Parties["sellerA"].OrgId, "10115", "18.5", "goodsValue", "A-1001", "EUR", "landedCost" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        Assert.Equal(["number", "status", "milestones"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["milestone", "at", "place"], milestone.EnumerateObject().Select(p => p.Name));

        // B's shipment has no event yet: planned, no milestones; an unknown number is 404.
        using var b = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri($"/api/public/track/{world.ShipmentB}", UriKind.Relative)));
        Assert.Equal("Planned", b.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/api/public/track/HJ000000000CN", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryEndpointWithSummaryAndProblems()
    {
        await using var world = await ApiWorld.CreateAsync("sqlite", seed: false);
        using var client = world.Server.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths");

        foreach (var (path, method) in new[] { ("/api/orders", "get"), ("/api/orders", "post"), ("/api/orders/bulk", "post"), ("/api/orders/{key}", "get"), ("/api/orders/{key}/plan", "get"), ("/api/quotes", "post"), ("/api/shipments", "get"), ("/api/shipments/{number}", "get"), ("/api/shipments/{number}/timeline", "get"), ("/api/public/track/{number}", "get") })
        {
            var op = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), $"{method} {path}");
            Assert.True(op.GetProperty("responses").TryGetProperty("429", out _), $"{method} {path} lacks 429");
        }

        Assert.True(paths.GetProperty("/api/orders").GetProperty("post").GetProperty("responses").TryGetProperty("422", out _));
    }

    private static List<string[]> ReadInvoice(string invoice)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Kuajing.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new DirectoryNotFoundException("repository root (Kuajing.slnx) not found");
        }

        using var gz = new GZipStream(File.OpenRead(Path.Combine(root, "data", "orders", "online-retail", "orders-2010-12.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var lines = new List<string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith(invoice + ",", StringComparison.Ordinal))
            {
                lines.Add(line.Split(','));
            }
        }

        return lines;
    }

    private static string? Code(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("code").GetString();
    }
}
