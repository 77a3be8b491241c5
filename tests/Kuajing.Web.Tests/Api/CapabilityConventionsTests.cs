using System.Net;
using System.Text.Json;

namespace Kuajing.Web.Tests.Api;

/// <summary>The issue #3 and #5 endpoints follow the API's conventions: described in OpenAPI with their problems, rate-limited.</summary>
public sealed class CapabilityConventionsTests
{
    [Fact]
    public async Task OpenApi_DescribesTheTrackingCustomsAndLedgerEndpoints()
    {
        // Nothing is captured here, so no ledger key file is made.
        await using var world = await ApiWorld.CreateAsync("sqlite", CapabilityWorld.LedgerSettings(), seed: false);
        using var client = world.Server.CreateClient();
        using var doc = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = doc.RootElement.GetProperty("paths");

        var operations = new[]
        {
            ("/api/events", "post"), ("/api/shipments/{number}/exceptions", "get"),
            ("/api/webhooks", "get"), ("/api/webhooks", "post"), ("/api/webhooks/{id}", "delete"),
            ("/api/ledger/tree-head", "get"), ("/api/ledger/proofs/inclusion", "get"), ("/api/ledger/proofs/consistency", "get"),
            ("/api/shipments/{number}/customs/declarations", "post"), ("/api/orders/{key}/low-value-dataset", "get"),
            ("/api/shipments/{number}/documents/commercial-invoice", "get"), ("/api/shipments/{number}/documents/packing-list", "get"),
            ("/api/orders/{key}/compliance", "get"),
        };
        foreach (var (path, method) in operations)
        {
            var op = paths.GetProperty(path).GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), $"{method} {path}");
            Assert.True(op.GetProperty("responses").TryGetProperty("429", out _), $"{method} {path} lacks 429");
        }

        // Creates take Idempotency-Key: their 409 (in progress) and 422 (key reused) are described.
        foreach (var path in new[] { "/api/events", "/api/webhooks", "/api/shipments/{number}/customs/declarations" })
        {
            var responses = paths.GetProperty(path).GetProperty("post").GetProperty("responses");
            Assert.True(responses.TryGetProperty("409", out _) && responses.TryGetProperty("422", out _), path);
        }

        // Typed responses: the declaration's schema names its messages and three-order check.
        Assert.Contains("threeOrderCheck", doc.RootElement.GetProperty("components").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicLedger_RateLimitedPerClientAddress()
    {
        // Nothing is captured here, so no ledger key file is made.
        await using var world = await ApiWorld.CreateAsync("sqlite", new Dictionary<string, string>(CapabilityWorld.LedgerSettings())
        {
            ["Kuajing:RateLimit:TokenLimit"] = "2",
            ["Kuajing:RateLimit:TokensPerPeriod"] = "1",
            ["Kuajing:RateLimit:PeriodSeconds"] = "60",
        }, seed: false);
        using var anonymous = world.Client("anonymous");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await anonymous.GetAsync(new Uri("/api/ledger/tree-head", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        // Never captured: 404 ledger-not-started twice, then the bucket of 2 is empty.
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }
}
