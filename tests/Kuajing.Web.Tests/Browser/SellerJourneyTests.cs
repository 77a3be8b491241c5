using System.Globalization;
using System.Text.Json;
using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Kuajing.Web.Tests.Browser;

/// <summary>
/// Issue #4's browser proof end to end, with nothing test-only in the server: a seller made through
/// <see cref="AccountService"/> logs in at /login, uploads real UCI invoices, reads the validation report, stores and
/// plans the accepted orders (IOrderIntake, as the REST bulk upload), compares the plans of one order, opens a
/// shipment whose carrier events then arrive, and the buyer opens the public page signed out; every page in English
/// and 简体中文, each saved as a screenshot. A second seller then gets the 404 page for the first one's order and
/// shipment.
/// </summary>
[Collection(BrowserFixtureGroup.Name)]
public sealed class SellerJourneyTests(PlannedServer server)
{
    [Fact]
    public async Task Seller_UploadStorePlanCompareShipmentAndPublicPage_EveryPageInEnglishAndChinese()
    {
        var email = "wang.fang." + Guid.NewGuid().ToString("N")[..8] + "@silk.example";
        var org = await server.AddUserAsync("Hangzhou Silk Scarves Ltd", AccountRole.Seller, email);

        // Real invoices of the bundled UCI file of December 2010 (data/orders/online-retail/orders-2010-12.csv.gz; +782
        // weeks falls inside the bundled lanes' validity), not those the fixture seller owns: twelve from further in, and
        // the second one to Germany, France and the Netherlands for lanes with a choice.
        var december = server.UciOrders.Where(o => o.PlacedAt.Year == 2010 && o.PlacedAt.Month == 12).ToList();
        var invoices = december.Skip(100).Take(12)
            .Concat(december.Where(o => o.BuyerCountry.Value is "DE" or "FR" or "NL").GroupBy(o => o.BuyerCountry).Select(g => g.Skip(1).FirstOrDefault()).OfType<Kuajing.Orders.Order>())
            .DistinctBy(o => o.OrderId).ToList();
        var bad = december[200];
        Assert.DoesNotContain(bad, invoices);
        // The bad invoice's first line gets the quantity "two": docs/order-format.md wants a whole number ≥ 1, so that row
        // (and its whole order) is rejected; it is the first row after the header and every good invoice's rows.
        var badRows = PlannedServer.GenericCsv([bad]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var q = bad.Lines[0];
        var tail = string.Create(CultureInfo.InvariantCulture, $",{q.Quantity},{q.UnitValue.Amount},{q.UnitValue.Currency.Value}");
        Assert.EndsWith(tail, badRows[1], StringComparison.Ordinal);
        var badLine = badRows[1][..^tail.Length] + string.Create(CultureInfo.InvariantCulture, $",two,{q.UnitValue.Amount},{q.UnitValue.Currency.Value}");
        var good = PlannedServer.GenericCsv(invoices);
        var expectedBadLine = good.Count(c => c == '\n') + 1;
        var folder = Directory.CreateTempSubdirectory("kuajing-journey-");
        var file = Path.Combine(folder.FullName, "uci-2010-12-replayed.csv");
        await File.WriteAllTextAsync(file, good + badLine + "\n" + string.Join('\n', badRows.Skip(2)) + "\n");
        try
        {
            var page = await server.NewPageAsync();
            await PlannedServer.SignInAsync(page, email, PlannedServer.Password);

            // 1. Validation report.
            await page.GotoAsync("/orders/upload");
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("form.upload-form button");
            await page.WaitForSelectorAsync("#upload-summary");
            var rejected = page.Locator("#rejections tbody tr").First;
            Assert.Equal(expectedBadLine.ToString(CultureInfo.InvariantCulture), await rejected.Locator("td").Nth(0).InnerTextAsync());
            Assert.Equal(bad.OrderId, await rejected.Locator("td").Nth(1).InnerTextAsync());
            Assert.Equal("quantity", await rejected.Locator("td").Nth(2).InnerTextAsync());
            Assert.Equal(invoices.Count, await page.Locator("#accepted tbody tr").CountAsync());
            await PlannedServer.ScreenshotAsync(page, "upload-en");

            // 2. Store and plan: every accepted order is stored for this seller, with its shipment number when planned.
            await page.ClickAsync("#store-form button");
            await page.WaitForSelectorAsync("#stored-summary");
            Assert.Equal(invoices.Count, await page.Locator("#stored tbody tr").CountAsync());
            // The intake reads the file again, by the same reader: the bad row is reported again, nothing else.
            Assert.Equal(1, await page.Locator("#store-rejections tbody tr").CountAsync());
            Assert.Equal("quantity", await page.Locator("#store-rejections tbody tr td").Nth(2).InnerTextAsync());
            await PlannedServer.ScreenshotAsync(page, "upload-stored-en");

            List<OrderRecord> stored;
            await using (var plans = await PlanStore.OpenAsync(server.DbPath, null, CancellationToken.None))
            {
                stored = await plans.Orders.AsNoTracking().Include(o => o.Shipment).ThenInclude(s => s!.Legs)
                    .Where(o => o.SourceKey.StartsWith("api-" + org + "|")).ToListAsync();
            }

            Assert.Equal(invoices.Select(o => o.OrderId).Order(StringComparer.Ordinal), stored.Select(o => o.OrderId).Order(StringComparer.Ordinal));
            var german = stored.First(o => o.BuyerCountry == "DE" && o.Shipment is not null);
            var widest = stored.Where(o => o.Shipment is not null).OrderByDescending(o => JsonDocument.Parse(o.Shipment!.ParetoJson).RootElement.GetArrayLength()).First();

            // 3. Dashboard: exactly this seller's orders.
            await page.ClickAsync("#to-dashboard");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            Assert.Equal(invoices.Count.ToString("N0", CultureInfo.GetCultureInfo("en")), await page.Locator("#tiles .tile strong").First.InnerTextAsync());
            Assert.Contains(german.OrderId, await page.Locator("#orders").InnerTextAsync(), StringComparison.Ordinal);

            // 4. Plan comparison: the Pareto set charted, exactly one chosen plan.
            await page.GotoAsync("/orders/" + Uri.EscapeDataString(widest.SourceKey) + "/plans");
            var paretoCount = JsonDocument.Parse(widest.Shipment!.ParetoJson).RootElement.GetArrayLength();
            Assert.Equal(paretoCount, await page.Locator("#plans tbody tr").CountAsync());
            Assert.Equal(1, await page.Locator("#plans tbody tr.chosen").CountAsync());
            await page.WaitForSelectorAsync("#pareto-chart[data-drawn=true]");
            await PlannedServer.ScreenshotAsync(page, "plans-en");
            await SwitchAsync(page, "zh-CN");
            await page.WaitForSelectorAsync("#pareto-chart[data-drawn=true]");
            Assert.Contains("已选", await page.Locator("#plans tbody tr.chosen").InnerTextAsync(), StringComparison.Ordinal);
            await PlannedServer.ScreenshotAsync(page, "plans-zh-CN");
            await SwitchAsync(page, "en");

            // 5. The carrier's events arrive (TimelineService, as a feed would); the shipment page shows them and the route.
            var number = german.Shipment!.TrackingNumber;
            var (events, _) = await server.CaptureJourneyAsync(number);
            await page.GotoAsync("/shipments/" + number);
            Assert.Equal(events, await page.Locator("#timeline tbody tr").CountAsync());
            Assert.Equal(german.Shipment.Legs.Count, await page.Locator("#legs tbody tr").CountAsync());
            Assert.Equal("Owner (seller)", await page.Locator("#relation").InnerTextAsync());
            Assert.Contains("CN¥", await page.Locator("#landed-cost").InnerTextAsync(), StringComparison.Ordinal);
            await page.WaitForSelectorAsync("svg.world-map[data-drawn=true]");
            Assert.Equal(german.Shipment.Legs.Count, await page.Locator("svg.world-map path.leg").CountAsync());
            await PlannedServer.ScreenshotAsync(page, "shipment-en");
            await SwitchAsync(page, "zh-CN");
            await page.WaitForSelectorAsync("svg.world-map[data-drawn=true]");
            Assert.Contains("已签收", await page.Locator("#timeline").InnerTextAsync(), StringComparison.Ordinal);
            await PlannedServer.ScreenshotAsync(page, "shipment-zh-CN");

            // 6. Dashboard in Chinese, then English: one delivered shipment, on time.
            await page.GotoAsync("/");
            Assert.Equal("100.0%", await page.Locator("#on-time").InnerTextAsync());
            await PlannedServer.ScreenshotAsync(page, "dashboard-zh-CN");
            await SwitchAsync(page, "en");
            await PlannedServer.ScreenshotAsync(page, "dashboard-en");

            // 7. The upload page in Chinese; storing the same file again stores nothing twice (every id is a duplicate).
            await SwitchAsync(page, "zh-CN");
            await page.GotoAsync("/orders/upload");
            await page.SetInputFilesAsync("#file", file);
            await page.ClickAsync("form.upload-form button");
            await page.WaitForSelectorAsync("#upload-summary");
            Assert.Contains("被拒", await page.Locator("#upload-summary").InnerTextAsync(), StringComparison.Ordinal);
            await PlannedServer.ScreenshotAsync(page, "upload-zh-CN");
            await page.ClickAsync("#store-form button");
            await page.WaitForSelectorAsync("#stored-summary");
            Assert.Equal(0, await page.Locator("#stored tbody tr").CountAsync());
            Assert.Equal(invoices.Count + 1, await page.Locator("#store-rejections tbody tr").CountAsync());
            Assert.Contains("already exists", await page.Locator("#store-rejections").InnerTextAsync(), StringComparison.Ordinal);
            await PlannedServer.ScreenshotAsync(page, "upload-stored-zh-CN");

            // 8. The public page, signed out: milestones and the map, no money or names.
            var buyer = await server.NewPageAsync();
            var response = await buyer.GotoAsync("/track/" + number);
            Assert.Equal(200, response!.Status);
            Assert.Equal(events, await buyer.Locator("#milestones tbody tr").CountAsync());
            await buyer.WaitForSelectorAsync("svg.world-map[data-drawn=true]");
            var publicText = await buyer.Locator("body").InnerTextAsync();
            Assert.DoesNotContain(german.OrderId, publicText, StringComparison.Ordinal);
            Assert.DoesNotContain(PlannedServer.PrivateNames.Buyer, publicText, StringComparison.Ordinal);
            Assert.DoesNotContain("¥", publicText, StringComparison.Ordinal);
            await PlannedServer.ScreenshotAsync(buyer, "track-en");
            await SwitchAsync(buyer, "zh-CN");
            await buyer.WaitForSelectorAsync("svg.world-map[data-drawn=true]");
            Assert.Equal("已签收", await buyer.Locator("#latest").InnerTextAsync());
            await PlannedServer.ScreenshotAsync(buyer, "track-zh-CN");

            // 9. Another seller signs in: this seller's order and shipment do not exist for it (404 page), nor on its dashboard.
            var other = await server.NewPageAsync(PlannedServer.OtherSellerEmail);
            Assert.DoesNotContain(german.OrderId, await other.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(404, (await other.GotoAsync("/orders/" + Uri.EscapeDataString(german.SourceKey) + "/plans"))!.Status);
            Assert.Equal(404, (await other.GotoAsync("/shipments/" + number))!.Status);
            Assert.Equal("Not found", await other.Locator("h1").InnerTextAsync());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The language switch in the page header, as a person clicks it; waits for the page to come back in that language.
    private static async Task SwitchAsync(IPage page, string culture)
    {
        await page.ClickAsync(culture == "en" ? "#lang-en" : "#lang-zh");
        await page.WaitForSelectorAsync($"html[lang={culture}]");
    }
}
