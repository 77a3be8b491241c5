using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kuajing.Web.Tests.Browser;

/// <summary>The public tracking page in a real browser (issue #4 points 3 and 4): milestones, times, places and the route map only.</summary>
[Collection(BrowserFixtureGroup.Name)]
public sealed class PublicTrackingPageTests(PlannedServer server)
{
    [Fact]
    public async Task TrackPage_PlannedShipmentWithEvents_ShowsMilestonesInEventOrderAndDrawsRoute()
    {
        var page = await server.NewPageAsync();
        var response = await page.GotoAsync("/track/" + server.Germany.TrackingNumber);

        Assert.Equal(200, response!.Status);
        // Every captured event, shown by event time: the first is the pick-up, the last the delivery.
        var rows = page.Locator("#milestones tbody tr");
        Assert.Equal(server.EventCount, await rows.CountAsync());
        Assert.Equal("Picked up", await rows.First.Locator("td").First.InnerTextAsync());
        Assert.Equal("Delivered", await page.Locator("#latest").InnerTextAsync());
        // A UN/LOCODE is shown as the place's name from data/lanes/nodes.csv with its code (the origin hub, Zhengzhou).
        Assert.Contains("Zhengzhou", await rows.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("(CNCGO)", await rows.First.InnerTextAsync(), StringComparison.Ordinal);
        // The delivery's local time at UTC+01:00, in the en culture's short date and time (CLDR en: M/d/yyyy h:mm a).
        var d = server.DeliveredUtc.AddHours(1);
        var hour = d.Hour % 12 == 0 ? 12 : d.Hour % 12;
        Assert.Matches(new Regex($@"{d.Month}/{d.Day}/{d.Year} {hour}:{d.Minute:00}\s?{(d.Hour < 12 ? "AM" : "PM")} UTC\+01:00"), await rows.Last.InnerTextAsync());

        // The map: Natural Earth countries drawn, one arc per leg of the chosen plan, one marker per distinct node.
        await page.WaitForSelectorAsync("svg.world-map[data-drawn=true]", new PageWaitForSelectorOptions { Timeout = 15000 });
        Assert.True(await page.Locator("svg.world-map path.country").CountAsync() > 150, "110m countries (177 shapes) expected");
        Assert.Equal(server.Germany.Legs.Count, await page.Locator("svg.world-map path.leg").CountAsync());
        var nodes = server.Germany.Legs.Select(l => l.FromNode).Append(server.Germany.Legs.OrderBy(l => l.Sequence).Last().ToNode).Distinct().Count();
        Assert.Equal(nodes, await page.Locator("svg.world-map circle.node").CountAsync());
        Assert.NotEqual("", await page.Locator("svg.world-map path.leg").First.GetAttributeAsync("d"));
    }

    [Fact]
    public async Task TrackPage_PlannedShipment_ShowsNoValueNameAddressOrCarrier()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/track/" + server.Germany.TrackingNumber);
        var html = await page.ContentAsync();
        var text = await page.Locator("body").InnerTextAsync();

        foreach (var secret in new[] { PlannedServer.PrivateNames.Shipper, PlannedServer.PrivateNames.Terminal, PlannedServer.PrivateNames.Buyer, "Mustermann", PlannedServer.PrivateNames.Postcode, "450000" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.OrdinalIgnoreCase);
        }

        // No carrier or service names (organisations), no order id, no money: goods value, landed cost, currencies.
        foreach (var leg in server.Germany.Legs)
        {
            Assert.DoesNotContain(leg.Carrier, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(server.GermanyOrder.OrderId, html, StringComparison.Ordinal);
        foreach (var amount in new[] { server.GermanyOrder.GoodsValue, server.Germany.LandedCost, server.Germany.Freight })
        {
            Assert.DoesNotContain(amount.ToString("0.00", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            Assert.DoesNotContain(amount.ToString("N2", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }

        Assert.DoesNotMatch(new Regex(@"\b(CNY|EUR|GBP|USD)\b|[¥€£]"), text);
    }

    [Fact]
    public async Task LanguageSwitch_ToSimplifiedChinese_ShowsChineseTextAndZhCnDates()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/track/" + server.Germany.TrackingNumber);

        await page.ClickAsync("#lang-zh");
        await page.WaitForURLAsync("**/track/" + server.Germany.TrackingNumber);

        Assert.Equal("zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("包裹追踪", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("已签收", await page.Locator("#latest").InnerTextAsync());
        // zh-CN (CLDR): short date y/M/d with a 24-hour clock; long date y年M月d日.
        var d = server.DeliveredUtc.AddHours(1);
        Assert.Contains($"{d.Year}/{d.Month}/{d.Day} {d.Hour:00}:{d.Minute:00} UTC+01:00", await page.Locator("#milestones tbody tr").Last.InnerTextAsync(), StringComparison.Ordinal);
        var planned = server.Germany.DeliveredAtUtc;
        Assert.StartsWith($"{planned.Year}年{planned.Month}月{planned.Day}日", await page.Locator("#planned-delivery").InnerTextAsync(), StringComparison.Ordinal);
        await page.WaitForSelectorAsync("svg.world-map[data-drawn=true]");

        // The choice is kept in the culture cookie: the next page is Chinese too, and switching back restores English.
        await page.GotoAsync("/track");
        Assert.Equal("包裹追踪", await page.Locator("h1").InnerTextAsync());
        await page.ClickAsync("#lang-en");
        await page.WaitForURLAsync("**/track");
        Assert.Equal("Track a parcel", await page.Locator("h1").InnerTextAsync());
    }

    [Fact]
    public async Task TrackForm_UnknownNumber_Returns404WithNotice()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/track");
        await page.FillAsync("#number", "HJ000000000CN");
        await page.ClickAsync("form.track-form button");
        await page.WaitForURLAsync("**/track/HJ000000000CN");

        Assert.True(await page.Locator("#not-found").IsVisibleAsync());
        using var http = server.Http();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/track/HJ000000000CN", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Assets_VendoredLibraries_ServedFromTheServerNotTheInternet()
    {
        var page = await server.NewPageAsync();
        var external = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(server.BaseAddress.ToString(), StringComparison.Ordinal))
            {
                external.Add(r.Url);
            }
        };
        await page.GotoAsync("/track/" + server.Germany.TrackingNumber);
        await page.WaitForSelectorAsync("svg.world-map[data-drawn=true]");

        Assert.Empty(external);
        using var http = server.Http();
        foreach (var asset in new[] { "/assets/vendor/d3-geo.min.js", "/assets/vendor/topojson-client.min.js", "/assets/vendor/chart.umd.min.js", "/assets/vendor/countries-110m.json" })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(asset, UriKind.Relative))).StatusCode);
        }
    }
}
