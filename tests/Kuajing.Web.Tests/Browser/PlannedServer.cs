using System.Globalization;
using System.Net;
using System.Text;
using Kuajing.Emissions;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Ledger;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Planning;
using Kuajing.ReferenceData;
using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Kuajing.Trade;
using Kuajing.Web.Accounts;
using Kuajing.Web.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;

namespace Kuajing.Web.Tests.Browser;

/// <summary>
/// The real server on Kestrel (127.0.0.1, free port) over an SQLite store holding the bundled example orders
/// (a real subset of data/orders/online-retail) planned through the library as <c>kuajing plan</c> does, and a
/// timeline captured through <see cref="TimelineService"/> for the first order to Germany; plus headless Debian
/// Chromium driven by Playwright. Accounts are made through the server's own <see cref="AccountService"/> (as the CLI
/// does): seller <see cref="SellerEmail"/> owns those orders, seller <see cref="OtherSellerEmail"/> owns none, provider
/// <see cref="ProviderEmail"/> carries leg 1 of the German shipment. Pages are signed in through the real /login form.
/// One per test collection (planning and browser start once).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class PlannedServer : IAsyncLifetime
{
    /// <summary>The seller that owns the bundled orders.</summary>
    public const string SellerEmail = "li.wei@teapots.example";

    /// <summary>A second seller without orders (must never see the first one's).</summary>
    public const string OtherSellerEmail = "chen.jing@lanterns.example";

    /// <summary>A logistics provider carrying leg 1 of <see cref="Germany"/>.</summary>
    public const string ProviderEmail = "ops@linehaul.example";

    /// <summary>Every fixture user's password (AccountService wants at least 10 characters).</summary>
    public const string Password = "correct horse battery";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kuajing-ui-" + Guid.NewGuid().ToString("N")[..12]);
    private ServerFactory? _factory;
    private IPlaywright? _playwright;

    public string DbPath => Path.Combine(_folder, "kuajing.db");

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The shipment of the first planned UCI order to Germany, with events.</summary>
    public ShipmentRecord Germany { get; private set; } = null!;

    /// <summary>That shipment's order row.</summary>
    public OrderRecord GermanyOrder { get; private set; } = null!;

    /// <summary>The planned order with the largest Pareto set.</summary>
    public OrderRecord WidestChoice { get; private set; } = null!;

    /// <summary>Source keys of the stored orders (owned by <see cref="SellerEmail"/>'s organisation).</summary>
    public IReadOnlyList<string> OwnedKeys { get; private set; } = [];

    /// <summary>Orders stored.</summary>
    public int OrderCount { get; private set; }

    /// <summary>Events captured for <see cref="Germany"/>.</summary>
    public int EventCount { get; private set; }

    /// <summary>When <see cref="Germany"/> was delivered (UTC); shown at UTC+01:00.</summary>
    public DateTime DeliveredUtc { get; private set; }

    /// <summary>The UCI orders of data/orders/online-retail (every monthly file) as read by <see cref="OrdersReader"/>, not replayed.</summary>
    public IReadOnlyList<Order> UciOrders { get; private set; } = [];

    /// <summary>The server's account service (the one the CLI's <c>kuajing accounts</c> uses).</summary>
    public AccountService Accounts => _factory!.Services.GetRequiredService<AccountService>();

    /// <summary>Where screenshots go: artifacts/screenshots under the repository root (git-ignored, kept by test.sh).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepoRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        await PlanBundledAsync();
        await CaptureEventsAsync();

        _factory = new ServerFactory(DbPath);
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        using (var client = _factory.CreateClient())
        {
            BaseAddress = client.BaseAddress!;
        }

        // Accounts as `kuajing accounts add-org / add-user / assign-orders / assign-carrier` make them.
        var seller = await AddUserAsync("Zhengzhou Teapots Ltd", AccountRole.Seller, SellerEmail);
        await Accounts.AssignOrdersAsync(OwnedKeys, seller, CancellationToken.None);
        await AddUserAsync("Yiwu Lanterns Co.", AccountRole.Seller, OtherSellerEmail);
        var provider = await AddUserAsync("Linehaul Express", AccountRole.Provider, ProviderEmail);
        await Accounts.AssignShipmentAsync(Germany.TrackingNumber, provider, AssignmentKinds.Carrier, 1, CancellationToken.None);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("KUAJING_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies), English unless told; signed in through the /login form when <paramref name="email"/> is given.</summary>
    public async Task<IPage> NewPageAsync(string? email = null, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await SignInAsync(page, email, Password);
        }

        return page;
    }

    /// <summary>Signs in as a person does: opens /login, types email and password, submits, lands on the dashboard.</summary>
    public static async Task SignInAsync(IPage page, string email, string password, string? screenshot = null)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>Adds an organisation and one user of it through <see cref="AccountService"/>; returns the organisation id.</summary>
    public async Task<string> AddUserAsync(string organisation, AccountRole role, string email)
    {
        var org = await Accounts.AddOrganisationAsync(organisation, role, CancellationToken.None);
        await Accounts.AddUserAsync(email, Password, org.Id, CancellationToken.None);
        return org.Id;
    }

    /// <summary>
    /// Writes real UCI invoices as a generic CSV (docs/order-format.md) the upload page and the REST bulk upload take:
    /// one row per goods line with the invoice's number, country, stock code, description, quantity, unit price and
    /// currency, placed <c>+782</c> weeks later (as the browser fixture replays them) so that the bundled lanes and rules
    /// are in force. Weights are left out: the reader estimates them from data/orders/weight-estimates.csv as it does for
    /// the UCI file.
    /// </summary>
    public static string GenericCsv(IEnumerable<Order> orders)
    {
        var csv = new StringBuilder("order_id,placed_at,buyer_country,sku,description,quantity,unit_value,currency\n");
        foreach (var o in orders)
        {
            var placed = o.PlacedAt.PlusWeeks(782).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            foreach (var l in o.Lines)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{o.OrderId},{placed},{o.BuyerCountry.Value},{Quote(l.Sku)},{Quote(l.Description)},{l.Quantity},{l.UnitValue.Amount.ToString(CultureInfo.InvariantCulture)},{l.UnitValue.Currency.Value}\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>Captures a journey for a planned shipment through <see cref="TimelineService"/>, as a carrier feed would; returns the event count.</summary>
    public async Task<(int Events, DateTime DeliveredUtc)> CaptureJourneyAsync(string trackingNumber)
    {
        await using var plans = await PlanStore.OpenAsync(DbPath, null, CancellationToken.None);
        var shipment = await plans.Shipments.AsNoTracking().Include(s => s.Legs).FirstAsync(s => s.TrackingNumber == trackingNumber);
        return await CaptureEventsAsync(shipment, trackingNumber);
    }

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal)
        ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : text;

    /// <summary>An HTTP client on the Kestrel server that does not follow redirects.</summary>
    public HttpClient Http() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS temp cleaner.
        }
    }

    // Plans real bundled orders (UCI Online Retail, data/orders/online-retail) as `kuajing plan` / run.sh do
    // (src/Kuajing.Cli/PlanCommand.cs): origin CNCGO, balanced objective, DAP, CNY quote, replayed +782 weeks; the first
    // 20 invoices and the first invoice to each of DE, FR, US, AU and JP.
    private async Task PlanBundledAsync()
    {
        var dataDir = DataDirectory.Find();
        var data = PlanningData.Load(dataDir);
        var catalogue = data.Catalogue;
        var read = OrdersReader.Create(data.Reference).Read(Path.Combine(dataDir, "orders", "online-retail"));
        UciOrders = read.Orders;
        var orders = read.Orders.Take(20)
            .Concat(read.Orders.Where(o => o.BuyerCountry.Value is "DE" or "FR" or "US" or "AU" or "JP").GroupBy(o => o.BuyerCountry).Select(g => g.First()))
            .DistinctBy(o => o.OrderId)
            .Select(o => o with { PlacedAt = o.PlacedAt.PlusWeeks(782) })
            .ToList();
        var options = new OrderPlanOptions("CNCGO", PlanObjective.Balanced, Incoterm.DAP, CurrencyCode.Cny);
        var planner = data.CreatePlanner(options, data.PackingOn(orders.Min(o => o.OrderDate)));
        var allocator = new TrackingNumberAllocator();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var records = new List<OrderRecord>();
        foreach (var order in orders)
        {
            var plan = planner.Plan(order);
            var key = PlanRecordMapping.SourceKey("online-retail", order.OrderId);
            var number = plan.Chosen is null ? "" : allocator.FromStableKey(key, catalogue.Nodes["CNCGO"].Country, n => taken.Contains(n.ToString())).ToString();
            taken.Add(number);
            records.Add(PlanRecordMapping.ToRecord(key, plan, number, options, catalogue.IsPriceKnown));
        }

        OrderCount = records.Count;
        OwnedKeys = [.. records.Select(r => r.SourceKey)];
        await using var store = await PlanStore.OpenAsync(DbPath, null, CancellationToken.None);
        await store.ReplaceOrdersAsync(records, [], CancellationToken.None);
        var planned = await store.Orders.AsNoTracking().Include(o => o.Shipment).ThenInclude(s => s!.Legs).Where(o => o.Shipment != null).ToListAsync();
        GermanyOrder = planned.First(o => o.BuyerCountry == "DE");
        Germany = GermanyOrder.Shipment!;
        Germany.Legs.Sort((x, y) => x.Sequence.CompareTo(y.Sequence));
        WidestChoice = planned.OrderByDescending(o => System.Text.Json.JsonDocument.Parse(o.Shipment!.ParetoJson).RootElement.GetArrayLength()).First();
    }

    // The DE shipment's journey along its chosen legs, with names, postcodes and organisations in the locations that the
    // public page must hide. Times: each leg's planned departure and arrival as stated by the source at UTC+08:00 in China
    // and UTC+01:00 elsewhere; delivered six hours before the planned delivery.
    private async Task CaptureEventsAsync()
    {
        (EventCount, DeliveredUtc) = await CaptureEventsAsync(Germany, "ui-test");
    }

    private async Task<(int Events, DateTime DeliveredUtc)> CaptureEventsAsync(ShipmentRecord shipment, string idPrefix)
    {
        var number = shipment.TrackingNumber;
        var i = 0;
        TrackingEvent Event(TrackingMilestone milestone, DateTime utc, EventLocation location)
        {
            var offset = Offset.FromHours(location.UnLocode is { } code && code.StartsWith("CN", StringComparison.Ordinal) ? 8 : 1);
            i++;
            return new TrackingEvent
            {
                EventId = $"{idPrefix}-{i}",
                ContentHash = $"kj:sha256:{idPrefix}-{i}",
                Type = TrackingEventType.CarrierStatus,
                EventTime = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
                EventTimeOffset = offset,
                Milestone = milestone,
                Location = location,
                References = [new ShipmentReference("tracking", number)],
                Source = new EventSource(EventSourceFormat.Carrier, "browser-test", $"/events/{i}"),
            };
        }

        var legs = shipment.Legs.OrderBy(l => l.Sequence).ToList();
        var events = new List<TrackingEvent>
        {
            Event(TrackingMilestone.PickedUp, legs[0].DepartureUtc.AddHours(-6), new EventLocation(UnLocode: legs[0].FromNode, Name: PrivateNames.Shipper, PostalCode: "450000")),
        };
        foreach (var leg in legs.Where(l => !l.ToNode.StartsWith("DOOR-", StringComparison.Ordinal)))
        {
            events.Add(Event(TrackingMilestone.Departed, leg.DepartureUtc, new EventLocation(UnLocode: leg.FromNode)));
            events.Add(Event(TrackingMilestone.Arrived, leg.ArrivalUtc, new EventLocation(UnLocode: leg.ToNode, Name: PrivateNames.Terminal)));
        }

        var delivered = shipment.DeliveredAtUtc.AddHours(-6);
        events.Add(Event(TrackingMilestone.ImportCustomsHeld, delivered.AddHours(-30), new EventLocation(City: "Frankfurt", Country: "DE")));
        events.Add(Event(TrackingMilestone.ImportCustomsReleased, delivered.AddHours(-20), new EventLocation(City: "Frankfurt", Country: "DE")));
        events.Add(Event(TrackingMilestone.OutForDelivery, delivered.AddHours(-5), new EventLocation(Name: PrivateNames.Buyer, City: "Berlin", PostalCode: PrivateNames.Postcode, Country: "DE")));
        events.Add(Event(TrackingMilestone.Delivered, delivered, new EventLocation(Name: PrivateNames.Buyer, City: "Berlin", PostalCode: PrivateNames.Postcode, Country: "DE")));
        await using var store = await TimelineStore.OpenAsync(DbPath, null, CancellationToken.None);
        await using var plans = await PlanStore.OpenAsync(DbPath, null, CancellationToken.None);
        using var signer = TreeHeadSigner.Create();

        // As `kuajing ingest` captures: with the exception monitor, so the customs hold is stored (raised, then cleared by the release).
        var monitor = new ShipmentExceptionMonitor(new PlanStoreShipmentPlans(plans), Kuajing.Tracking.Eta.EtaThresholds.LoadBundled(), NodaTime.SystemClock.Instance);
        var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), NodaTime.SystemClock.Instance, monitor);
        var result = await service.CaptureAsync(events, CancellationToken.None);
        if (!result.Accepted || result.Stored != events.Count)
        {
            throw new InvalidOperationException("capture refused: " + string.Join("; ", result.Errors));
        }

        return (events.Count, delivered);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kuajing.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Kuajing.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Names and an address put into event locations; the public page must never show them.</summary>
    public static class PrivateNames
    {
        public const string Shipper = "Henan Example Trading Co., Ltd.";
        public const string Terminal = "Example Container Terminal GmbH";
        public const string Buyer = "Erika Mustermann";
        public const string Postcode = "10115";
    }

    // The server as `kuajing serve --db FILE` runs it: its own accounts, cookie and API-key schemes; nothing test-only.
    private sealed class ServerFactory(string dbPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Kuajing:Db", dbPath);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserFixtureGroup : ICollectionFixture<PlannedServer>
{
    public const string Name = "browser";
}
