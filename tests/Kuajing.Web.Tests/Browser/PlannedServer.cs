using System.Net;
using System.Security.Claims;
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
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using NodaTime;

namespace Kuajing.Web.Tests.Browser;

/// <summary>
/// The real server on Kestrel (127.0.0.1, free port) over an SQLite store holding the bundled example orders
/// (a real subset of data/orders/online-retail) planned through the library as <c>kuajing plan</c> does, and a
/// timeline captured through <see cref="TimelineService"/> for the first order to Germany; plus headless Debian
/// Chromium driven by Playwright. One per test collection (planning and browser start once).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class PlannedServer : IAsyncLifetime
{
    /// <summary>Path of the browser test sign-in (test only; see <see cref="TestSignIn"/>).</summary>
    public const string SignInPath = "/test/sign-in";

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

    /// <summary>Orders stored.</summary>
    public int OrderCount { get; private set; }

    /// <summary>Events captured for <see cref="Germany"/>.</summary>
    public int EventCount { get; private set; }

    /// <summary>When <see cref="Germany"/> was delivered (UTC); shown at UTC+01:00.</summary>
    public DateTime DeliveredUtc { get; private set; }

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

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("KUAJING_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies), English unless told.</summary>
    public async Task<IPage> NewPageAsync(bool signedIn = false, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        if (signedIn)
        {
            await page.GotoAsync(SignInPath);
        }

        return page;
    }

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
        var reference = ReferenceDataSet.Load(dataDir);
        var catalogue = LaneCatalogue.Load(dataDir);
        var emissions = EmissionFactors.Load(dataDir);
        var rules = ImportRuleBook.Load(dataDir);
        var read = OrdersReader.Create(reference).Read(Path.Combine(dataDir, "orders", "online-retail"));
        var orders = read.Orders.Take(20)
            .Concat(read.Orders.Where(o => o.BuyerCountry.Value is "DE" or "FR" or "US" or "AU" or "JP").GroupBy(o => o.BuyerCountry).Select(g => g.First()))
            .DistinctBy(o => o.OrderId)
            .Select(o => o with { PlacedAt = o.PlacedAt.PlusWeeks(782) })
            .ToList();
        var packing = PackingPolicy.Load(Path.Combine(dataDir, "planning", "packing.csv"), orders.Min(o => o.OrderDate));
        var network = new TransportNetwork(catalogue.Nodes.Values, catalogue.Lanes);
        var itineraries = new ItineraryPlanner(network, new FxRatesConversion(reference.Fx), emissions.LegDistanceKm, emissions.Co2eKg);
        var options = new OrderPlanOptions("CNCGO", PlanObjective.Balanced, Incoterm.DAP, CurrencyCode.Cny);
        var planner = new OrderPlanner(itineraries, new LandedCostCalculator(rules, reference.Fx), packing, options, catalogue.IsPriceKnown);
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
        var number = Germany.TrackingNumber;
        var i = 0;
        TrackingEvent Event(TrackingMilestone milestone, DateTime utc, EventLocation location)
        {
            var offset = Offset.FromHours(location.UnLocode is { } code && code.StartsWith("CN", StringComparison.Ordinal) ? 8 : 1);
            i++;
            return new TrackingEvent
            {
                EventId = $"ui-test-{i}",
                ContentHash = $"kj:sha256:ui-test-{i}",
                Type = TrackingEventType.CarrierStatus,
                EventTime = Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
                EventTimeOffset = offset,
                Milestone = milestone,
                Location = location,
                References = [new ShipmentReference("tracking", number)],
                Source = new EventSource(EventSourceFormat.Carrier, "browser-test", $"/events/{i}"),
            };
        }

        var legs = Germany.Legs;
        var events = new List<TrackingEvent>
        {
            Event(TrackingMilestone.PickedUp, legs[0].DepartureUtc.AddHours(-6), new EventLocation(UnLocode: legs[0].FromNode, Name: PrivateNames.Shipper, PostalCode: "450000")),
        };
        foreach (var leg in legs.Where(l => !l.ToNode.StartsWith("DOOR-", StringComparison.Ordinal)))
        {
            events.Add(Event(TrackingMilestone.Departed, leg.DepartureUtc, new EventLocation(UnLocode: leg.FromNode)));
            events.Add(Event(TrackingMilestone.Arrived, leg.ArrivalUtc, new EventLocation(UnLocode: leg.ToNode, Name: PrivateNames.Terminal)));
        }

        var delivered = Germany.DeliveredAtUtc.AddHours(-6);
        events.Add(Event(TrackingMilestone.ImportCustomsHeld, delivered.AddHours(-30), new EventLocation(City: "Frankfurt", Country: "DE")));
        events.Add(Event(TrackingMilestone.ImportCustomsReleased, delivered.AddHours(-20), new EventLocation(City: "Frankfurt", Country: "DE")));
        events.Add(Event(TrackingMilestone.OutForDelivery, delivered.AddHours(-5), new EventLocation(Name: PrivateNames.Buyer, City: "Berlin", PostalCode: PrivateNames.Postcode, Country: "DE")));
        events.Add(Event(TrackingMilestone.Delivered, delivered, new EventLocation(Name: PrivateNames.Buyer, City: "Berlin", PostalCode: PrivateNames.Postcode, Country: "DE")));
        EventCount = events.Count;
        DeliveredUtc = delivered;

        await using var store = await TimelineStore.OpenAsync(DbPath, null, CancellationToken.None);
        using var signer = TreeHeadSigner.Create();
        var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), NodaTime.SystemClock.Instance);
        var result = await service.CaptureAsync(events, CancellationToken.None);
        if (!result.Accepted || result.Stored != events.Count)
        {
            throw new InvalidOperationException("capture refused: " + string.Join("; ", result.Errors));
        }
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

    private sealed class ServerFactory(string dbPath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Kuajing:Db", dbPath);
            builder.ConfigureTestServices(services =>
            {
                // Until the accounts capability is merged, the browser login cookie scheme is registered here; afterwards the
                // app's own registration is used and only the test sign-in endpoint is added.
                if (!services.Any(d => d.ServiceType == typeof(IPostConfigureOptions<CookieAuthenticationOptions>)))
                {
                    services.AddAuthentication().AddCookie(KuajingClaims.CookieScheme, o => o.LoginPath = "/login");
                }

                services.AddSingleton<IStartupFilter, TestSignIn>();
            });
        }
    }

    /// <summary>
    /// Test-only sign-in: issues the browser login cookie for a seller of organisation <c>org-ui-test</c>. Stands in for
    /// the real /login form until accounts exist (issue #4 point 3); replace with a form sign-in then.
    /// </summary>
    private sealed class TestSignIn : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // Not app.Map: a mapped branch sets PathBase, which would scope the cookie's path to the sign-in URL.
            app.Use(async (ctx, nextMiddleware) =>
            {
                if (ctx.Request.Path != SignInPath)
                {
                    await nextMiddleware(ctx);
                    return;
                }

                var identity = new ClaimsIdentity(
                    [new Claim(ClaimTypes.Name, "seller@ui-test.example"), new Claim(KuajingClaims.Organisation, "org-ui-test"), new Claim(KuajingClaims.Role, "seller")],
                    KuajingClaims.CookieScheme);
                await ctx.SignInAsync(KuajingClaims.CookieScheme, new ClaimsPrincipal(identity));
                ctx.Response.Redirect("/");
            });
            next(app);
        };
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserFixtureGroup : ICollectionFixture<PlannedServer>
{
    public const string Name = "browser";
}
