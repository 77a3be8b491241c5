using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace Kuajing.Web.Tests.Browser;

/// <summary>
/// The private pages in a real browser, signed in with the browser login cookie. Until the accounts capability lands the
/// cookie comes from the test sign-in (<see cref="PlannedServer.SignInPath"/>), not the /login form.
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
        var page = await server.NewPageAsync(signedIn: true);
        await page.GotoAsync("/");

        // Every stored order is counted; the one shipment with events was delivered six hours before its planned
        // delivery (on time), after one customs hold (see PlannedServer).
        Assert.Equal(server.OrderCount.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en")), await page.Locator("#tiles .tile strong").First.InnerTextAsync());
        Assert.Equal("0", await page.Locator("#in-flight").InnerTextAsync());
        Assert.Equal("100.0%", await page.Locator("#on-time").InnerTextAsync());
        Assert.Contains("Held at import customs", await page.Locator("#exceptions").InnerTextAsync(), StringComparison.Ordinal);
        var lanes = await page.Locator("#lanes").InnerTextAsync();
        Assert.Contains("CNCGO → DE", lanes, StringComparison.Ordinal);
        // Every UCI line's weight is a keyword estimate (data/orders/weight-estimates.csv), so the CO2e is marked as estimated.
        Assert.Contains("estimated", lanes, StringComparison.Ordinal);
        Assert.DoesNotContain("@", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PlannedServer.ScreenshotAsync(page, "dashboard-en");
    }

    [Fact]
    public async Task PlansPage_SignedIn_ChartsEveryParetoPlanAndHighlightsTheChosenOne()
    {
        var page = await server.NewPageAsync(signedIn: true);
        await page.GotoAsync("/orders/" + Uri.EscapeDataString(server.WidestChoice.SourceKey) + "/plans");

        using var pareto = JsonDocument.Parse(server.WidestChoice.Shipment!.ParetoJson);
        var plans = pareto.RootElement.GetArrayLength();
        Assert.True(plans >= 2, "a real order with a choice of plans is needed for the chart");
        Assert.Equal(plans, await page.Locator("#plans tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator("#plans tbody tr.chosen").CountAsync());
        await page.WaitForSelectorAsync("#pareto-chart[data-drawn=true]");
        // The quote currency is CNY: CLDR's English symbol is CN¥.
        Assert.Contains("CN¥", await page.Locator("#plans").InnerTextAsync(), StringComparison.Ordinal);
        await PlannedServer.ScreenshotAsync(page, "plans-en");

        await page.ClickAsync("#lang-zh");
        await page.WaitForSelectorAsync("#pareto-chart[data-drawn=true]");
        var zh = await page.Locator("#plans").InnerTextAsync();
        Assert.Contains("已选", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("CN¥", zh, StringComparison.Ordinal);
        Assert.Contains("¥", zh, StringComparison.Ordinal);
        await PlannedServer.ScreenshotAsync(page, "plans-zh-CN");
    }

    [Fact]
    public async Task ShipmentPage_SignedIn_ShowsTimelineLegsAndMap()
    {
        var page = await server.NewPageAsync(signedIn: true);
        await page.GotoAsync("/shipments/" + server.Germany.TrackingNumber);

        Assert.Equal(server.EventCount, await page.Locator("#timeline tbody tr").CountAsync());
        Assert.Equal(server.Germany.Legs.Count, await page.Locator("#legs tbody tr").CountAsync());
        // A signed-in user sees the carriers the public page hides.
        Assert.Contains(server.Germany.Legs[0].Carrier, await page.Locator("#legs").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("@", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("svg.world-map[data-drawn=true]");
        Assert.Equal(server.Germany.Legs.Count, await page.Locator("svg.world-map path.leg").CountAsync());
        await PlannedServer.ScreenshotAsync(page, "shipment-en");
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
            var page = await server.NewPageAsync(signedIn: true);
            await page.GotoAsync("/orders/upload");
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("form.upload-form button");
            await page.WaitForSelectorAsync("#upload-summary");

            var row = page.Locator("#rejections tbody tr").First;
            Assert.Equal("2", await row.Locator("td").Nth(0).InnerTextAsync());
            Assert.Equal("quantity", await row.Locator("td").Nth(2).InnerTextAsync());
            Assert.Contains(Path.GetFileName(file), await page.Locator("#upload-summary").InnerTextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(Path.GetTempPath(), await page.ContentAsync(), StringComparison.Ordinal);
            await PlannedServer.ScreenshotAsync(page, "upload-en");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
