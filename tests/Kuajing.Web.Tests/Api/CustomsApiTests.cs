using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Kuajing.Compliance;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using Kuajing.Web.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Kuajing.Web.Tests.Api.TrackingApiTests;

namespace Kuajing.Web.Tests.Api;

/// <summary>
/// Issue #5 through the API, on real bundled orders (UCI Online Retail invoices, CC BY 4.0, created through
/// <c>POST /api/orders</c> replayed 782 weeks later as run.sh does): China CBEC declarations with the three-order check,
/// the destination low-value data sets, the commercial invoice and packing list, and the stored compliance warnings.
/// On SQLite and on a real PostgreSQL.
/// </summary>
public sealed class CustomsApiTests
{
    private static string Sample() => File.ReadAllText(Path.Combine(UciInvoices.RepoRoot(), "samples", "customs", "545645-export.json"));

    /// <summary>
    /// The sample's (fictitious) parties, payment and waybill re-keyed to an order of one line: its number, the line's
    /// classification, and a payment whose goods value is what the declaration will compute (each unit price converted
    /// at the FRED rate of the order date and rounded to 0.01, as CrossBorderDeclaration does) plus the sample's CNY 45.00
    /// freight, so the three-order check passes.
    /// </summary>
    internal static string InputFor(string orderId, string sku, int quantity, decimal unitValue, string currency, LocalDate placed)
    {
        var fx = ReferenceDataSet.Load(Path.Combine(UciInvoices.RepoRoot(), "data")).Fx;
        Assert.True(fx.TryConvert(new Kuajing.Money.Money(1m, new Kuajing.Money.CurrencyCode(currency)), new Kuajing.Money.CurrencyCode("CNY"), placed, out var rate, out _));
        var goods = quantity * Math.Round(unitValue * rate.Amount, 2, MidpointRounding.AwayFromZero);
        var input = JsonNode.Parse(Sample())!;
        input["orderNo"] = orderId;
        input["payment"]!["orderNo"] = orderId;
        input["waybill"]!["orderNo"] = orderId;
        input["payment"]!["amount"] = (goods + 45.00m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        input["payment"]!["breakdown"]!["goodsValue"] = goods.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        input["goods"] = new JsonArray(new JsonObject
        {
            ["sku"] = sku, ["gcode"] = "6912000000", ["nameZh"] = "陶瓷茶壶", ["model"] = "CERAMIC TEAPOT", ["unit"] = "011",
            ["legalUnit"] = "035", ["legalQuantityPerUnit"] = "0.9", ["originCountry"] = "142", ["itemRecordNo"] = "KJ-" + sku,
        });
        return input.ToJsonString();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Declaration_RealInvoice545645_ThreeOrderCheckPassesAndMessagesValidate(string provider)
    {
        await using var world = await CapabilityWorld.CreateAsync(provider);

        // UCI invoice 545645 (data/orders/online-retail/orders-2011-03.csv.gz): 3 lines to Japan placed 2011-03-04 12:42,
        // replayed to 2026-02-27; samples/customs/545645-export.json carries its (fictitious) payment and waybill.
        var invoice = UciInvoices.Read("2011-03", "545645");
        Assert.Equal(3, invoice.Lines.Count);
        var (_, shipment) = await UciInvoices.CreateAsync(world.Api, "sellerA", invoice);
        Assert.NotNull(shipment);
        await world.Api.Accounts.AssignShipmentAsync(shipment, world.Parties["broker1"].OrgId, AssignmentKinds.Broker, 0, CancellationToken.None);
        var path = $"/api/shipments/{shipment}/customs/declarations?mode=9610&declaredAt=2026-02-27T06:00:00Z";

        var (status, body, _) = await PostAsync(world, "sellerA", path, Sample(), "application/json");
        Assert.True(status == HttpStatusCode.OK, body);
        using (var doc = JsonDocument.Parse(body))
        {
            var root = doc.RootElement;
            Assert.Equal("545645", root.GetProperty("orderNo").GetString());
            Assert.Equal("9610", root.GetProperty("mode").GetString());

            // Goods value in CNY: each GBP unit price × the FRED 2026-02 cross rate (CNY 6.9064 / GBP 0.7364 per USD =
            // 9.3786 CNY per GBP), rounded per unit: 5.95 → 55.80, 9.95 → 93.32, 1.65 → 15.47; one of each = 164.59,
            // the goods value the sample's payment breakdown declares (so the three-order check can pass).
            Assert.Equal(164.59m, root.GetProperty("goodsValueCny").GetDecimal());
            Assert.True(root.GetProperty("threeOrderCheck").GetProperty("passed").GetBoolean());
            Assert.True(root.GetProperty("threeOrderCheck").GetProperty("paymentCompared").GetBoolean());

            // 9610 export sends order, payment, waybill, list and the summary declaration
            // (data/customs/china/supervision-modes.csv row 9610/export: CEB303;CEB403;CEB505;CEB603;CEB701), each valid.
            var messages = root.GetProperty("messages").EnumerateArray().ToList();
            Assert.Equal(["CEB303", "CEB403", "CEB505", "CEB603", "CEB701"], messages.Select(m => m.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
            Assert.All(messages, m => Assert.True(m.GetProperty("valid").GetBoolean()));
            var order = XDocument.Parse(messages.Single(m => m.GetProperty("type").GetString() == "CEB303").GetProperty("xml").GetString()!);
            XNamespace ceb = "http://www.chinaport.gov.cn/ceb";
            Assert.Equal("545645", order.Descendants(ceb + "orderNo").First().Value);
        }

        // The appointed broker may declare too; the carrier (role) is refused, strangers do not find the shipment.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(world, "broker1", path, Sample(), "application/json")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(world, "provider1", path, Sample(), "application/json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(world, "sellerB", path, Sample(), "application/json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(world, "broker2", path, Sample(), "application/json")).Status);

        // A payment of RMB 219.59 against an order whose goods + freight + tax − discount is 164.59 + 45.00 = 209.59:
        // 422 three-order-mismatch naming acturalPaid with the three values, and no message.
        var mismatched = JsonNode.Parse(Sample())!;
        mismatched["payment"]!["amount"] = "219.59";
        var (bad, badBody, _) = await PostAsync(world, "sellerA", path, mismatched.ToJsonString(), "application/json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        Assert.Equal("three-order-mismatch", Code(badBody));
        using (var doc = JsonDocument.Parse(badBody))
        {
            Assert.Equal(["acturalPaid"], doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name));
            var m = Assert.Single(doc.RootElement.GetProperty("mismatches").EnumerateArray());
            Assert.Equal("209.59", m.GetProperty("orderValue").GetString());
            Assert.Equal("219.59", m.GetProperty("paymentValue").GetString());
            Assert.DoesNotContain("<?xml", badBody, StringComparison.Ordinal);
        }

        // 1210 bonded export releases one unit of each item from the account book stocked with 10 (the sample's bondedStoreIn).
        var (bonded, bondedBody, _) = await PostAsync(world, "sellerA", $"/api/shipments/{shipment}/customs/declarations?mode=1210&declaredAt=2026-02-27T06:00:00Z", Sample(), "application/json");
        Assert.True(bonded == HttpStatusCode.OK, bondedBody);
        using (var doc = JsonDocument.Parse(bondedBody))
        {
            var releases = doc.RootElement.GetProperty("bondedReleases").EnumerateArray().ToList();
            Assert.Equal(3, releases.Count);
            Assert.All(releases, r => Assert.Equal(9m, r.GetProperty("balanceAfter").GetDecimal()));
        }

        // Bad input: the field by JSON path; bad mode and direction by parameter.
        var noWaybill = JsonNode.Parse(Sample())!.AsObject();
        noWaybill.Remove("waybill");
        var (malformed, malformedBody, _) = await PostAsync(world, "sellerA", path, noWaybill.ToJsonString(), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, malformed);
        Assert.Contains("waybill", malformedBody, StringComparison.Ordinal);
        var (badMode, badModeBody, _) = await PostAsync(world, "sellerA", $"/api/shipments/{shipment}/customs/declarations?mode=9999&direction=sideways", Sample(), "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, badMode);
        using (var doc = JsonDocument.Parse(badModeBody))
        {
            Assert.Equal(["direction", "mode"], doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        // 9710 is export-only (supervision-modes.csv): as an import it is refused with the reason, 422 declaration-refused.
        var (refused, refusedBody, _) = await PostAsync(world, "sellerA", $"/api/shipments/{shipment}/customs/declarations?mode=9710&direction=import", Sample(), "application/json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal("declaration-refused", Code(refusedBody));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task LowValueDataset_EuH7_CompleteWithIossAndHs_MissingElementsNamed(string provider)
    {
        await using var world = await CapabilityWorld.CreateAsync(provider);
        var keyA = Uri.EscapeDataString(world.OrderA);

        // Order A: 2 × EUR 18.50 ceramic teapots, HS 691200, to Germany (ApiWorld.OrderJson) — EUR 37.00, under the EUR 150
        // H7 threshold (regulatory-facts.md §5.1). With the seller's IOSS number every required element is there.
        var (ok, okBody) = await GetAsync(world, "sellerA", $"/api/orders/{keyA}/low-value-dataset?dest=EU&ioss=IM2760000001");
        Assert.True(ok == HttpStatusCode.OK, okBody);
        using (var doc = JsonDocument.Parse(okBody))
        {
            var root = doc.RootElement;
            Assert.Equal("EU-H7", root.GetProperty("dataset").GetString());
            Assert.False(root.GetProperty("hasErrors").GetBoolean());
            Assert.Equal("IM2760000001", root.GetProperty("header").GetProperty("ioss_vat_id").GetProperty("value").GetString());
            var item = Assert.Single(root.GetProperty("items").EnumerateArray());
            Assert.Equal("691200", item.GetProperty("commodity_code_hs6").GetProperty("value").GetString());
            Assert.Equal(37m, decimal.Parse(item.GetProperty("intrinsic_value").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("C07 F48", item.GetProperty("additional_procedure").GetProperty("value").GetString());
        }

        // Without the IOSS number (and no other VAT route declared), a B2C consignment under EUR 150 lacks DE 13 16.
        var (missing, missingBody) = await GetAsync(world, "sellerA", $"/api/orders/{keyA}/low-value-dataset?dest=EU");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Equal("dataset-incomplete", Code(missingBody));
        using (var doc = JsonDocument.Parse(missingBody))
        {
            // ... and, with no VAT route at all, the additional procedure (C07 with F48 or F49, AEAT DE 11 10) cannot be chosen.
            Assert.Equal(["ioss_vat_id", "items[1].additional_procedure"], doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal("EU-H7", doc.RootElement.GetProperty("dataset").GetProperty("dataset").GetString());
        }

        // Real UCI invoice 538644 (orders-2010-12.csv.gz): 2 lines to Germany, GBP 8.50 + 3.95 = 12.45. The UCI data has no
        // HS codes, so both items lack the six-digit code ICS2 requires: the two fields are named, nothing is invented.
        var invoice = UciInvoices.Read("2010-12", "538644");
        var (key538644, _) = await UciInvoices.CreateAsync(world.Api, "sellerA", invoice);
        var (uci, uciBody) = await GetAsync(world, "sellerA", $"/api/orders/{Uri.EscapeDataString(key538644)}/low-value-dataset?dest=EU&ioss=IM2760000001");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, uci);
        using (var doc = JsonDocument.Parse(uciBody))
        {
            Assert.Equal(["items[1].commodity_code_hs6", "items[2].commodity_code_hs6"], doc.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        }

        // Who: the appointed broker yes, the carrier never (role), other parties do not find the order.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(world, "broker1", $"/api/orders/{keyA}/low-value-dataset?dest=EU&ioss=IM2760000001")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(world, "provider1", $"/api/orders/{keyA}/low-value-dataset?dest=EU")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "sellerB", $"/api/orders/{keyA}/low-value-dataset?dest=EU")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "broker2", $"/api/orders/{keyA}/low-value-dataset?dest=EU")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(world, "sellerA", $"/api/orders/{keyA}/low-value-dataset?dest=XX")).Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Documents_RealInvoice536365_InvoiceTotalsAndPackingListAsHtml(string provider)
    {
        await using var world = await CapabilityWorld.CreateAsync(provider);

        // UCI invoice 536365 (orders-2010-12.csv.gz), the dataset's first: 7 lines to the United Kingdom,
        // 6×2.55 + 6×3.39 + 8×2.75 + 6×3.39 + 6×3.39 + 2×7.65 + 6×4.25 = GBP 139.12.
        var invoice = UciInvoices.Read("2010-12", "536365");
        var (_, shipment) = await UciInvoices.CreateAsync(world.Api, "sellerA", invoice);
        Assert.NotNull(shipment);

        using var client = world.Client("sellerA");
        using var response = await client.GetAsync(new Uri($"/api/shipments/{shipment}/documents/commercial-invoice", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("536365", html, StringComparison.Ordinal);
        Assert.Contains("139.12", html, StringComparison.Ordinal);
        Assert.Contains("WHITE HANGING HEART T-LIGHT HOLDER", html, StringComparison.Ordinal);
        Assert.Contains(ApiWorld.SellerAName, html, StringComparison.Ordinal);
        Assert.Contains("商业发票", html, StringComparison.Ordinal);
        _ = XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.OrdinalIgnoreCase)); // well-formed (docs/documents.md)

        var (listStatus, list) = await GetAsync(world, "sellerA", $"/api/shipments/{shipment}/documents/packing-list");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains("装箱单", list, StringComparison.Ordinal);
        Assert.Contains(shipment, list, StringComparison.Ordinal);

        await world.Api.Accounts.AssignShipmentAsync(shipment, world.Parties["broker1"].OrgId, AssignmentKinds.Broker, 0, CancellationToken.None);
        await world.Api.Accounts.AssignShipmentAsync(shipment, world.Parties["provider1"].OrgId, AssignmentKinds.Carrier, 0, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(world, "broker1", $"/api/shipments/{shipment}/documents/commercial-invoice")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(world, "provider1", $"/api/shipments/{shipment}/documents/commercial-invoice")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "sellerB", $"/api/shipments/{shipment}/documents/packing-list")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "broker2", $"/api/shipments/{shipment}/documents/packing-list")).Status);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Compliance_ImpactRunStored_WarningsOfTheOrderForItsSellerOnly(string provider)
    {
        await using var world = await CapabilityWorld.CreateAsync(provider);

        // UCI invoice 558109 (orders-2011-06.csv.gz): 15 × RED RETROSPOT PICNIC BAG at GBP 2.95 to Germany, placed
        // 2011-06-26 15:36, replayed to 2026-06-21 and planned by road, air via FRA and last mile — still in transit on
        // 2026-07-01, when the EU low-value duty relief ends and the EUR 3 flat duty per tariff subheading starts
        // (data/tax/import-rules.csv rows EU-DUTY-RELIEF-ART23 until 2026-07-01 and EU-FLAT-DUTY-3EUR from 2026-07-01).
        var invoice = UciInvoices.Read("2011-06", "558109");
        var (orderKey, shipment) = await UciInvoices.CreateAsync(world.Api, "sellerA", invoice);
        Assert.NotNull(shipment);
        var key = Uri.EscapeDataString(orderKey);

        // Nothing stored yet: an empty list, not a 404.
        using (var empty = JsonDocument.Parse((await GetAsync(world, "sellerA", $"/api/orders/{key}/compliance")).Body))
        {
            Assert.Empty(empty.RootElement.GetProperty("warnings").EnumerateArray());
        }

        // 'kuajing compliance impact --as-of 2026-07-01' over the server's store (the library call the CLI makes).
        var data = Path.Combine(UciInvoices.RepoRoot(), "data");
        var reference = ReferenceDataSet.Load(data);
        var impact = new ComplianceImpact(ComplianceRuleBook.Load(data), ImportRuleBook.Load(data), reference.Fx, LaneCatalogue.Load(data));
        List<(string RuleId, string Change, DateOnly EffectiveOn)> stored;
        await using (var plans = world.OpenPlanStore())
        {
            await impact.RunAsync(plans, new LocalDate(2026, 7, 1), null, SystemClock.Instance.GetCurrentInstant(), CancellationToken.None);
            stored = [.. (await plans.ComplianceWarnings.AsNoTracking().Where(w => w.SourceKey == orderKey).ToListAsync())
                .Select(w => (w.RuleId, w.Change.ToString().ToLowerInvariant(), w.EffectiveOn))];
        }

        Assert.True(stored.Count > 0, "no warning stored on order 558109");
        var (status, body) = await GetAsync(world, "sellerA", $"/api/orders/{key}/compliance");
        Assert.Equal(HttpStatusCode.OK, status);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal(shipment, doc.RootElement.GetProperty("trackingNumber").GetString());
        var listed = doc.RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => (w.GetProperty("ruleId").GetString()!, w.GetProperty("change").GetString()!, DateOnly.Parse(w.GetProperty("effectiveOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(stored.Order(), listed.Order());
        Assert.Equal(("EU-DUTY-RELIEF-ART23+EU-FLAT-DUTY-3EUR", "cost", new DateOnly(2026, 7, 1)), Assert.Single(listed)); // the rows behind the change, in ordinal order

        // The landed cost rises by the flat duty: one subheading × EUR 3, in CNY at the FRED rate of the order month.
        var warning = doc.RootElement.GetProperty("warnings")[0];
        Assert.Equal("CNY", warning.GetProperty("currency").GetString());
        Assert.True(reference.Fx.TryConvert(new Kuajing.Money.Money(3m, new Kuajing.Money.CurrencyCode("EUR")), new Kuajing.Money.CurrencyCode("CNY"), new LocalDate(2026, 6, 21), out var flat, out _));
        Assert.Equal(Math.Round(flat.Amount, 2), warning.GetProperty("costAfter").GetDecimal() - warning.GetProperty("costBefore").GetDecimal());

        // For seller A and admins only: warnings carry landed cost.
        await world.Api.Accounts.AssignShipmentAsync(shipment, world.Parties["broker1"].OrgId, AssignmentKinds.Broker, 0, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(world, "admin", $"/api/orders/{key}/compliance")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(world, "sellerB", $"/api/orders/{key}/compliance")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(world, "provider1", $"/api/orders/{key}/compliance")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(world, "broker1", $"/api/orders/{key}/compliance")).Status);
    }
}
