using System.Net;
using System.Text;
using System.Text.Json;

namespace Kuajing.Web.Tests.Api;

/// <summary>
/// The access rules of issue #4, table-driven: every endpoint that reads or writes an organisation's data, called by
/// every party. Seller A owns order A / shipment A; provider1 carries A's leg 1; broker1 is appointed to A. Anyone else
/// must get 404 on reads (existence never leaks) and 403/404 on writes; anonymous callers 401.
/// </summary>
public sealed class AccessRulesTests
{
    private static readonly string[] AllParties = ["sellerA", "sellerB", "provider1", "provider2", "broker1", "broker2", "admin", "anonymous"];

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task EveryEndpoint_EveryParty_OnlyEntitledPartiesSeeOrChange(string provider)
    {
        var ledger = CapabilityWorld.LedgerSettings();
        try
        {
            await EveryEndpointAsync(provider, ledger);
        }
        finally
        {
            CapabilityWorld.DeleteLedgerKey(ledger);
        }
    }

    private static async Task EveryEndpointAsync(string provider, Dictionary<string, string> ledger)
    {
        await using var world = await ApiWorld.CreateAsync(provider, ledger);
        var orderA = Uri.EscapeDataString(world.OrderA);
        var shipA = world.ShipmentA;

        // A webhook subscription of seller A, for the DELETE row; and a declaration input that matches order A.
        string subscriptionA;
        using (var sellerA = world.Client("sellerA"))
        {
            using var created = await sellerA.PostAsync(new Uri("/api/webhooks", UriKind.Relative), new StringContent("""{"url":"https://hooks.example.com/a","scope":"account"}""", Encoding.UTF8, "application/json"));
            using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            subscriptionA = doc.RootElement.GetProperty("subscription").GetProperty("id").GetString()!;
        }

        var declarationA = CustomsApiTests.InputFor(world.OrderA.Split('|')[1], "TEA-POT-1", 2, 18.50m, "EUR", new NodaTime.LocalDate(2026, 3, 10));

        // (method, path, body, party → expected status). Reads: owner/carrier/broker/admin 200, others 404, anonymous 401.
        var table = new List<(string Method, string Path, string? Body, Func<string, HttpStatusCode> Expected)>
        {
            ("GET", $"/api/orders/{orderA}", null, p => Read(p, "sellerA", "admin")),
            ("GET", $"/api/orders/{orderA}/plan", null, p => Read(p, "sellerA", "admin")),
            ("GET", $"/api/shipments/{shipA}", null, p => Read(p, "sellerA", "provider1", "broker1", "admin")),
            ("GET", $"/api/shipments/{shipA}/timeline", null, p => Read(p, "sellerA", "provider1", "broker1", "admin")),

            // Writes: creating orders is for sellers only (into their own namespace).
            ("POST", "/api/orders", ApiWorld.OrderJson("X-{party}"), p => p switch
            {
                "anonymous" => HttpStatusCode.Unauthorized,
                "sellerA" or "sellerB" => HttpStatusCode.Created,
                _ => HttpStatusCode.Forbidden,
            }),
            ("POST", "/api/orders/bulk", "order_id,placed_at,buyer_country,description,quantity,unit_value,currency\nY-{party},2026-03-10,DE,Ceramic teapot,1,10.00,EUR\n", p => p switch
            {
                "anonymous" => HttpStatusCode.Unauthorized,
                "sellerA" or "sellerB" => HttpStatusCode.OK,
                _ => HttpStatusCode.Forbidden,
            }),

            // Issue #3: events are posted by the carrier of the shipment (or an admin); sellers and brokers never (403); another
            // carrier's events for A are refused as if A did not exist (400, per event). Exceptions: whoever sees the shipment.
            ("POST", "/api/events", TrackingApiTests.Epcis("urn:uuid:access-{party}", shipA, "2026-03-12T09:00:00+08:00"), p => p switch
            {
                "anonymous" => HttpStatusCode.Unauthorized,
                "provider1" or "admin" => HttpStatusCode.OK,
                "provider2" => HttpStatusCode.BadRequest,
                _ => HttpStatusCode.Forbidden,
            }),
            ("GET", $"/api/shipments/{shipA}/exceptions", null, p => Read(p, "sellerA", "provider1", "broker1", "admin")),

            // The public ledger needs no credentials: everyone, anonymous included, gets the same hashes.
            ("GET", "/api/ledger/tree-head", null, _ => HttpStatusCode.OK),
            ("GET", "/api/ledger/proofs/inclusion?event=urn:uuid:access-provider1", null, _ => HttpStatusCode.OK),
            ("GET", "/api/ledger/proofs/consistency?from=2&to=3", null, _ => HttpStatusCode.OK),

            // Webhooks: a subscription to shipment A for whoever sees A; a subscription is deleted only by its organisation.
            ("POST", "/api/webhooks", $$"""{"url":"https://hooks.example.com/{party}","scope":"shipment","shipment":"{{shipA}}"}""", p => p switch
            {
                "anonymous" => HttpStatusCode.Unauthorized,
                "sellerA" or "provider1" or "broker1" or "admin" => HttpStatusCode.Created,
                _ => HttpStatusCode.NotFound,
            }),
            ("DELETE", $"/api/webhooks/{subscriptionA}", null, p => p switch
            {
                "anonymous" => HttpStatusCode.Unauthorized,
                "sellerA" => HttpStatusCode.NoContent,
                _ => HttpStatusCode.NotFound,
            }),

            // Issue #5: customs for the owning seller, the appointed broker and admins; carriers never (403).
            ("POST", $"/api/shipments/{shipA}/customs/declarations?mode=9610&declaredAt=2026-03-10T06:00:00Z", declarationA, p => Customs(p)),
            ("GET", $"/api/orders/{orderA}/low-value-dataset?dest=EU&ioss=IM2760000001", null, p => Customs(p)),
            ("GET", $"/api/shipments/{shipA}/documents/commercial-invoice", null, p => Customs(p)),
            ("GET", $"/api/shipments/{shipA}/documents/packing-list", null, p => Customs(p)),

            // Compliance warnings carry landed cost: the owning seller and admins; carriers and brokers 403.
            ("GET", $"/api/orders/{orderA}/compliance", null, p => p switch
            {
                "anonymous" => HttpStatusCode.Unauthorized,
                "sellerA" or "admin" => HttpStatusCode.OK,
                "sellerB" => HttpStatusCode.NotFound,
                _ => HttpStatusCode.Forbidden,
            }),

            // Assigning a provider to shipment A: another seller gets 404 (A's shipment does not exist for it), providers
            // and brokers 403 (their role never assigns). Seller A and admin succeed; they run last (see the loop).
            ("POST", $"/api/shipments/{shipA}/assignments", $$"""{"organisationId":"{{world.Parties["provider2"].OrgId}}","kind":"carrier","leg":0}""", p => p switch
            {
                "anonymous" => HttpStatusCode.Unauthorized,
                "sellerA" or "admin" => HttpStatusCode.NoContent,
                "sellerB" => HttpStatusCode.NotFound,
                _ => HttpStatusCode.Forbidden,
            }),
        };

        var failures = new List<string>();
        foreach (var (method, path, body, expected) in table)
        {
            // Parties whose write succeeds go last, so a granted write cannot change what the refused ones see.
            foreach (var party in AllParties.OrderBy(p => method != "GET" && expected(p) is HttpStatusCode.NoContent ? 1 : 0))
            {
                using var client = world.Client(party);
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                if (body is not null)
                {
                    var text = body.Replace("{party}", party, StringComparison.Ordinal);
                    request.Content = new StringContent(text, Encoding.UTF8, path.EndsWith("/bulk", StringComparison.Ordinal) ? "text/csv" : path == "/api/events" ? "application/ld+json" : "application/json");
                }

                using var response = await client.SendAsync(request);
                var content = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != expected(party))
                {
                    failures.Add($"{party} {method} {path}: expected {(int)expected(party)}, got {(int)response.StatusCode} {content}");
                }

                if ((int)response.StatusCode >= 400 && ProblemCode(content) is { } code && code != Expected(response.StatusCode))
                {
                    failures.Add($"{party} {method} {path}: problem code {code}");
                }

                if (response.StatusCode == HttpStatusCode.NotFound && (content.Contains("goodsValue", StringComparison.Ordinal) || content.Contains("destination", StringComparison.Ordinal)))
                {
                    failures.Add($"{party} {method} {path}: the 404 carries data: {content}");
                }
            }
        }

        // Lists: nobody but the entitled parties finds A's order or shipment in a list.
        foreach (var party in AllParties.Where(p => p != "anonymous"))
        {
            using var client = world.Client(party);
            var orders = await client.GetStringAsync(new Uri("/api/orders?limit=500", UriKind.Relative));
            var shipments = await client.GetStringAsync(new Uri("/api/shipments?limit=500", UriKind.Relative));
            if (orders.Contains(world.OrderA, StringComparison.Ordinal) != party is "sellerA" or "admin")
            {
                failures.Add($"{party} GET /api/orders: order A listed = {orders.Contains(world.OrderA, StringComparison.Ordinal)}");
            }

            if (orders.Contains(world.OrderB, StringComparison.Ordinal) != party is "sellerB" or "admin")
            {
                failures.Add($"{party} GET /api/orders: order B listed = {orders.Contains(world.OrderB, StringComparison.Ordinal)}");
            }

            // provider2 was assigned to A by the successful writes above; broker2 never was.
            var seesA = party is "sellerA" or "provider1" or "provider2" or "broker1" or "admin";
            if (shipments.Contains(world.ShipmentA, StringComparison.Ordinal) != seesA)
            {
                failures.Add($"{party} GET /api/shipments: shipment A listed = {!seesA}");
            }
        }

        // Money stays with the owner: the carrier of A sees the shipment but not its landed cost.
        using (var carrier = world.Client("provider1"))
        {
            using var doc = JsonDocument.Parse(await carrier.GetStringAsync(new Uri($"/api/shipments/{shipA}", UriKind.Relative)));
            Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("costs").ValueKind);
            Assert.True(doc.RootElement.GetProperty("legs")[0].GetProperty("carriedByYou").GetBoolean());
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static HttpStatusCode Customs(string party) => party switch
    {
        "anonymous" => HttpStatusCode.Unauthorized,
        "sellerA" or "broker1" or "admin" => HttpStatusCode.OK,
        "provider1" or "provider2" => HttpStatusCode.Forbidden,
        _ => HttpStatusCode.NotFound,
    };

    private static HttpStatusCode Read(string party, params string[] entitled) =>
        party == "anonymous" ? HttpStatusCode.Unauthorized : entitled.Contains(party) ? HttpStatusCode.OK : HttpStatusCode.NotFound;

    private static string Expected(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => "validation-failed",
        HttpStatusCode.Unauthorized => "unauthenticated",
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.NotFound => "not-found",
        _ => "?",
    };

    private static string? ProblemCode(string content)
    {
        try
        {
            using var doc = JsonDocument.Parse(content);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
