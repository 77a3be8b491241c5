using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Web.Storage;

namespace Kuajing.Web.Tests.Api;

/// <summary>
/// An <see cref="ApiWorld"/> (two sellers, two providers, two brokers, an admin) with its own ledger key file and two
/// planned orders made through the API and no event yet: A (seller A, carried by provider1 on leg 1, broker1 appointed)
/// and B (seller B, provider2 on the whole shipment, broker2). For the issue #3 and #5 endpoints.
/// </summary>
internal sealed class CapabilityWorld : IAsyncDisposable
{
    private readonly Dictionary<string, string> _ledger;

    private CapabilityWorld(ApiWorld api, Dictionary<string, string> ledger)
    {
        Api = api;
        _ledger = ledger;
    }

    public ApiWorld Api { get; }

    public string OrderA { get; private set; } = "";

    public string ShipmentA { get; private set; } = "";

    public string OrderB { get; private set; } = "";

    public string ShipmentB { get; private set; } = "";

    public Dictionary<string, (string OrgId, string Key)> Parties => Api.Parties;

    /// <summary>Each world gets its own ledger key file (on PostgreSQL the default is the working directory, shared by parallel tests).</summary>
    public static Dictionary<string, string> LedgerSettings() =>
        new(StringComparer.Ordinal) { ["Kuajing:LedgerKey"] = Path.Combine(Path.GetTempPath(), "kuajing-ledger-" + Guid.NewGuid().ToString("N")[..12] + ".pem") };

    /// <summary>Deletes the key files a server made from <paramref name="settings"/> (the private key and its <c>.pub.pem</c>).</summary>
    public static void DeleteLedgerKey(IReadOnlyDictionary<string, string> settings)
    {
        var path = settings["Kuajing:LedgerKey"];
        File.Delete(path);
        File.Delete(Path.ChangeExtension(path, ".pub.pem"));
    }

    public static async Task<CapabilityWorld> CreateAsync(string provider)
    {
        var ledger = LedgerSettings();
        var world = new CapabilityWorld(await ApiWorld.CreateAsync(provider, ledger, seed: false), ledger);
        var accounts = world.Api.Accounts;
        (world.OrderA, world.ShipmentA) = await world.Api.CreatePlannedOrderAsync("sellerA", "A-1001");
        (world.OrderB, world.ShipmentB) = await world.Api.CreatePlannedOrderAsync("sellerB", "B-2001");
        await accounts.AssignShipmentAsync(world.ShipmentA, world.Parties["provider1"].OrgId, AssignmentKinds.Carrier, 1, CancellationToken.None);
        await accounts.AssignShipmentAsync(world.ShipmentA, world.Parties["broker1"].OrgId, AssignmentKinds.Broker, 0, CancellationToken.None);
        await accounts.AssignShipmentAsync(world.ShipmentB, world.Parties["provider2"].OrgId, AssignmentKinds.Carrier, 0, CancellationToken.None);
        await accounts.AssignShipmentAsync(world.ShipmentB, world.Parties["broker2"].OrgId, AssignmentKinds.Broker, 0, CancellationToken.None);
        return world;
    }

    public HttpClient Client(string party) => Api.Client(party);

    /// <summary>The plan store the server uses (to seed what the CLI would: compliance warnings, scans).</summary>
    public PlanStore OpenPlanStore() => Api.Factory.SqlitePath is { } db
        ? new PlanStore(PlanStore.ForSqlite(db))
        : new PostgresPlanStore(PostgresPlanStore.ForPostgres(Api.Factory.PostgresConnection!));

    /// <summary>The timeline store the server uses.</summary>
    public TimelineStore OpenTimelineStore() => Api.Factory.SqlitePath is { } db
        ? new TimelineStore(TimelineStore.ForSqlite(db))
        : new PostgresTimelineStore(PostgresTimelineStore.ForPostgres(Api.Factory.PostgresConnection!));

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        DeleteLedgerKey(_ledger);
    }
}
