using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Kuajing.Web.Accounts;
using Kuajing.Web.Storage;
using Kuajing.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Kuajing.Web.Tests.Api;

/// <summary>
/// A running server with two sellers, two providers, two brokers and an admin, each with an API key; seller A and seller
/// B each own one planned order (created through the API), A's shipment is carried by provider P1 (leg 1) and cleared
/// by broker K1, B's by P2 and K2; A's shipment has one captured event at a named warehouse.
/// </summary>
internal sealed class ApiWorld : IAsyncDisposable
{
    public const string WarehouseName = "Acme Bonded Warehouse No. 7";
    public const string SellerAName = "Zhengzhou Teapots Ltd";

    private readonly KuajingServerFactory _factory;
    private readonly WebApplicationFactory<Kuajing.Web.Program> _server;

    private ApiWorld(KuajingServerFactory factory, WebApplicationFactory<Kuajing.Web.Program> server)
    {
        _factory = factory;
        _server = server;
    }

    public Dictionary<string, (string OrgId, string Key)> Parties { get; } = new(StringComparer.Ordinal);

    public string OrderA { get; private set; } = "";

    public string ShipmentA { get; private set; } = "";

    public string OrderB { get; private set; } = "";

    public string ShipmentB { get; private set; } = "";

    public AccountService Accounts => _server.Services.GetRequiredService<AccountService>();

    public WebApplicationFactory<Kuajing.Web.Program> Server => _server;

    public KuajingServerFactory Factory => _factory;

    public static async Task<ApiWorld> CreateAsync(string provider, IDictionary<string, string>? settings = null, bool seed = true)
    {
        var factory = await KuajingServerFactory.CreateAsync(provider);
        var server = factory.WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in settings ?? new Dictionary<string, string>())
            {
                b.UseSetting(k, v);
            }
        });
        var world = new ApiWorld(factory, server);
        using (server.CreateClient())
        {
            // starts the host (migrations run before the first request)
        }

        var accounts = world.Accounts;
        foreach (var (name, role) in new[] { ("sellerA", AccountRole.Seller), ("sellerB", AccountRole.Seller), ("provider1", AccountRole.Provider), ("provider2", AccountRole.Provider), ("broker1", AccountRole.Broker), ("broker2", AccountRole.Broker), ("admin", AccountRole.Admin) })
        {
            var org = await accounts.AddOrganisationAsync(name == "sellerA" ? SellerAName : name, role, CancellationToken.None);
            var key = await accounts.AddApiKeyAsync(org.Id, name + "-key", CancellationToken.None);
            world.Parties[name] = (org.Id, key.Key);
        }

        if (seed)
        {
            (world.OrderA, world.ShipmentA) = await world.CreatePlannedOrderAsync("sellerA", "A-1001");
            (world.OrderB, world.ShipmentB) = await world.CreatePlannedOrderAsync("sellerB", "B-2001");
            await accounts.AssignShipmentAsync(world.ShipmentA, world.Parties["provider1"].OrgId, AssignmentKinds.Carrier, 1, CancellationToken.None);
            await accounts.AssignShipmentAsync(world.ShipmentA, world.Parties["broker1"].OrgId, AssignmentKinds.Broker, 0, CancellationToken.None);
            await accounts.AssignShipmentAsync(world.ShipmentB, world.Parties["provider2"].OrgId, AssignmentKinds.Carrier, 0, CancellationToken.None);
            await accounts.AssignShipmentAsync(world.ShipmentB, world.Parties["broker2"].OrgId, AssignmentKinds.Broker, 0, CancellationToken.None);
            await world.CaptureEventAsync(world.ShipmentA);
        }

        return world;
    }

    public HttpClient Client(string party)
    {
        var client = _server.CreateClient();
        if (party != "anonymous")
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", Parties[party].Key);
        }

        return client;
    }

    /// <summary>
    /// A small generic JSON order (docs/order-format.md) to Germany on 2026-03-10, inside the validity of the bundled
    /// lanes and import rules (the replayed window 2025-11-26 to 2026-10-26, README).
    /// </summary>
    public static string OrderJson(string orderId, string postcode = "10115") => $$"""
        {"orderId":"{{orderId}}","placedAt":"2026-03-10T10:00:00","buyerCountry":"DE","buyerPostcode":"{{postcode}}",
         "lines":[{"sku":"TEA-POT-1","description":"Ceramic teapot","hsCode":"691200","quantity":2,"unitValue":"18.50","currency":"EUR",
                   "unitWeightKg":"0.9","lengthCm":20,"widthCm":15,"heightCm":15,"hazards":[]}]}
        """;

    public async Task<(string Key, string Shipment)> CreatePlannedOrderAsync(string party, string orderId)
    {
        using var client = Client(party);
        var response = await client.PostAsync(new Uri("/api/orders", UriKind.Relative), new StringContent(OrderJson(orderId), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"creating {orderId}: {(int)response.StatusCode} {text}");
        }

        using var doc = JsonDocument.Parse(text);
        var status = doc.RootElement.GetProperty("status").GetString();
        if (status != "planned")
        {
            throw new InvalidOperationException($"order {orderId} was not planned: {text}");
        }

        return (doc.RootElement.GetProperty("key").GetString()!, doc.RootElement.GetProperty("trackingNumber").GetString()!);
    }

    private async Task CaptureEventAsync(string shipment)
    {
        await using var store = _factory.SqlitePath is not null
            ? new TimelineStore(TimelineStore.ForSqlite(_factory.SqlitePath))
            : new PostgresTimelineStore(PostgresTimelineStore.ForPostgres(_factory.PostgresConnection!));
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), NodaTime.SystemClock.Instance);
        var e = new TrackingEvent
        {
            EventId = "evt-" + shipment,
            ContentHash = "kj:sha256:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(shipment))),
            Type = TrackingEventType.CarrierStatus,
            EventTime = Instant.FromUtc(2026, 3, 12, 6, 0),
            EventTimeOffset = Offset.FromHours(8),
            Milestone = TrackingMilestone.Departed,
            Location = new EventLocation(UnLocode: "CNCGO", Name: WarehouseName, City: "Zhengzhou", PostalCode: "450000", Country: "CN"),
            References = [new ShipmentReference("tracking", shipment)],
            Source = new EventSource(EventSourceFormat.Carrier, "test", "/0"),
        };
        var result = await service.CaptureAsync([e], CancellationToken.None);
        if (!result.Accepted)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
