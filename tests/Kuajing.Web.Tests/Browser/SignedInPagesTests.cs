using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Kuajing.Web.Tests.Browser;

/// <summary>
/// The private pages in a real browser, signed in through the real /login form as the seller that owns the bundled
/// orders, another seller, or the provider carrying one leg; access follows the API's rules (issue #4 point 3).
/// </summary>
[Collection(BrowserFixtureGroup.Name)]
public sealed class SignedInPagesTests(PlannedServer server)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/orders/upload")]
    [InlineData("/shipments/HJ000000000CN")]
    [InlineData("/orders/x%7Cy/plans")]
    public async Task PrivatePage_Anonymous_RedirectsToLogin(string path)
    {
        using var http = server.Http();

        var response = await http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_SignedIn_ShowsOrdersDeliveryOnTimeAndException()
    {
        var page = await server.NewPageAsync(PlannedServer.SellerEmail);
        await page.GotoAsync("/");

        // Every order this seller owns is counted (and no other seller's uploads); the one shipment with events was delivered six hours before its planned
        // delivery (on time), after one customs hold (see PlannedServer).
        Assert.Equal(server.OrderCount.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")), await page.Locator("#tiles .tile strong").First.InnerTextAsync());
        Assert.Equal("0", await page.Locator("#in-flight").InnerTextAsync());
        Assert.Equal("100.0%", await page.Locator("#on-time").InnerTextAsync());
        Assert.Contains("Customs hold (cleared)", await page.Locator("#exceptions").InnerTextAsync(), StringComparison.Ordinal); // the stored exception, cleared by the release
        var lanes = await page.Locator("#lanes").InnerTextAsync();
        Assert.Contains("CNCGO → DE", lanes, StringComparison.Ordinal);
        // Every UCI line's weight is a keyword estimate (data/orders/weight-estimates.csv), so the CO2e is marked as estimated.
        Assert.Contains("estimated", lanes, StringComparison.Ordinal);
        Assert.DoesNotContain("@", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlansPage_SignedIn_ChartsEveryParetoPlanAndHighlightsTheChosenOne()
    {
        var page = await server.NewPageAsync(PlannedServer.SellerEmail);
        await page.GotoAsync("/orders/" + Uri.EscapeDataString(server.WidestChoice.SourceKey) + "/plans");

        using var pareto = JsonDocument.Parse(server.WidestChoice.Shipment!.ParetoJson);
        var plans = pareto.RootElement.GetArrayLength();
        Assert.True(plans >= 2, "a real order with a choice of plans is needed for the chart");
        Assert.Equal(plans, await page.Locator("#plans tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator("#plans tbody tr.chosen").CountAsync());
        await page.WaitForSelectorAsync("#pareto-chart[data-drawn=true]");
        // The quote currency is CNY: CLDR's English symbol is CN¥.
        Assert.Contains("CN¥", await page.Locator("#plans").InnerTextAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#lang-zh");
        await page.WaitForSelectorAsync("#pareto-chart[data-drawn=true]");
        var zh = await page.Locator("#plans").InnerTextAsync();
        Assert.Contains("已选", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("CN¥", zh, StringComparison.Ordinal);
        Assert.Contains("¥", zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShipmentPage_SignedIn_ShowsTimelineLegsAndMap()
    {
        var page = await server.NewPageAsync(PlannedServer.SellerEmail);
        await page.GotoAsync("/shipments/" + server.Germany.TrackingNumber);

        Assert.Equal(server.EventCount, await page.Locator("#timeline tbody tr").CountAsync());
        Assert.Equal(server.Germany.Legs.Count, await page.Locator("#legs tbody tr").CountAsync());
        // A signed-in user sees the carriers the public page hides.
        Assert.Contains(server.Germany.Legs[0].Carrier, await page.Locator("#legs").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("@", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("svg.world-map[data-drawn=true]");
        Assert.Equal(server.Germany.Legs.Count, await page.Locator("svg.world-map path.leg").CountAsync());
    }

    [Fact]
    public async Task UploadPage_FileWithBadLine_ReportsLineFieldAndReason()
    {
        var file = Path.Combine(Path.GetTempPath(), "kuajing-ui-upload-" + Guid.NewGuid().ToString("N")[..8] + ".csv");
        var example = await File.ReadAllLinesAsync(Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "examples", "orders-example.csv"));
        // Line 2 of the upload keeps the first example row (KJ-1001, HS 610910, quantity 2, unit value 8.50) with its quantity
        // written as a word: docs/order-format.md wants a positive integer, so that line (and its order) is rejected.
        var bad = example[1].Replace(",610910,2,8.50,", ",610910,two,8.50,", StringComparison.Ordinal);
        Assert.NotEqual(example[1], bad);
        await File.WriteAllLinesAsync(file, [example[0], bad, .. example.Skip(2)]);
        try
        {
            var page = await server.NewPageAsync(PlannedServer.SellerEmail);
            await page.GotoAsync("/orders/upload");
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("form.upload-form button");
            await page.WaitForSelectorAsync("#upload-summary");

            var row = page.Locator("#rejections tbody tr").First;
            Assert.Equal("2", await row.Locator("td").Nth(0).InnerTextAsync());
            Assert.Equal("quantity", await row.Locator("td").Nth(2).InnerTextAsync());
            Assert.Contains(Path.GetFileName(file), await page.Locator("#upload-summary").InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetTempPath(), await page.ContentAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task OtherSeller_FirstSellersPlansAndShipment_Gets404PageAndEmptyDashboard()
    {
        var page = await server.NewPageAsync(PlannedServer.OtherSellerEmail);

        // The dashboard counts only this seller's orders: none.
        Assert.Equal("0", await page.Locator("#tiles .tile strong").First.InnerTextAsync());
        Assert.DoesNotContain(server.GermanyOrder.OrderId, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#orders tbody tr").CountAsync());

        // The first seller's order and shipment do not exist for this seller: a 404 page, as for an unknown number.
        var plans = await page.GotoAsync("/orders/" + Uri.EscapeDataString(server.GermanyOrder.SourceKey) + "/plans");
        Assert.Equal(404, plans!.Status);
        Assert.Equal("Not found", await page.Locator("h1").InnerTextAsync());
        var shipment = await page.GotoAsync("/shipments/" + server.Germany.TrackingNumber);
        Assert.Equal(404, shipment!.Status);
        Assert.DoesNotContain(server.Germany.Legs[0].Carrier, await page.ContentAsync(), StringComparison.Ordinal);
        await PlannedServer.ScreenshotAsync(page, "not-found-en");
        await page.ClickAsync("#lang-zh");
        await page.WaitForSelectorAsync("html[lang=zh-CN]");
        Assert.Equal("未找到", await page.Locator("h1").InnerTextAsync());
        await PlannedServer.ScreenshotAsync(page, "not-found-zh-CN");
    }

    [Fact]
    public async Task Provider_CarriedShipment_SeesLegsAndTimelineButNoMoneyOrOrder()
    {
        var page = await server.NewPageAsync(PlannedServer.ProviderEmail);

        // A provider sees shipments, not orders: no order tiles, no landed cost on the lanes.
        Assert.True(await page.Locator("#shipments-only").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#orders").CountAsync());
        Assert.Contains("not shown", await page.Locator("#lanes").InnerTextAsync(), StringComparison.Ordinal);

        var response = await page.GotoAsync("/shipments/" + server.Germany.TrackingNumber);
        Assert.Equal(200, response!.Status);
        Assert.Equal("Carrier", await page.Locator("#relation").InnerTextAsync());
        Assert.Equal("not shown to your organisation", await page.Locator("#landed-cost").InnerTextAsync());
        Assert.Equal(server.EventCount, await page.Locator("#timeline tbody tr").CountAsync());
        // Leg 1 is the provider's (assigned by AccountService.AssignShipmentAsync, leg 1).
        Assert.Contains("carried by you", await page.Locator("#legs tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(server.GermanyOrder.OrderId, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("CN¥", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PlannedServer.ScreenshotAsync(page, "shipment-provider-en");

        // The order (and its Pareto set of costs) is the seller's: 404.
        var plans = await page.GotoAsync("/orders/" + Uri.EscapeDataString(server.GermanyOrder.SourceKey) + "/plans");
        Assert.Equal(404, plans!.Status);
    }
}
