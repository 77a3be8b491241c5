using Microsoft.EntityFrameworkCore;
using System.Xml;
using System.Xml.Linq;
using Kuajing.Documents;
using Kuajing.Tests.Cli;
using Kuajing.Tests.EndToEnd;

namespace Kuajing.Tests.Documents;

public sealed class ShipmentDocumentHtmlTests : IDisposable
{
    private static readonly XNamespace X = "http://www.w3.org/1999/xhtml";
    private static readonly DocumentOptions Options = new(new DocumentParty("Example Exporter <Zhengzhou> & Co", "Zhengzhou, CN"), "CN", CountryOfOriginAssumed: true);
    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private async Task<ShipmentDocument> PlanAndLoadAsync(string fileName, string csv, string orderId)
    {
        var input = _workspace.Write(fileName, csv);
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: 782));
        Assert.Equal(0, run.ExitCode);
        await using var store = await _workspace.OpenStoreAsync();
        return await ShipmentDocument.LoadAsync(store, orderId, null, CancellationToken.None) ?? throw new InvalidOperationException("order not stored");
    }

    private static XDocument Parse(string html)
    {
        // Well-formed XML (the HTML5 doctype is skipped, not resolved).
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static string[] Cells(XElement row) => row.Elements(X + "td").Select(td => td.Value).ToArray();

    [Fact]
    public async Task Invoice_Uci536365_TotalsReasonedByHand()
    {
        // Invoice 536365 (UCI Online Retail, orders-2010-12.csv.gz lines 2-8, CC BY 4.0), see GoldenInvoices.Uk536365.
        // Quantity 6+6+8+6+6+2+6 = 40; value 15.30+20.34+22.00+20.34+20.34+15.30+25.50 = GBP 139.12.
        // Gross weights from data/orders/weight-estimates.csv (first whole-word keyword in file order, status E):
        // T-LIGHT HOLDER 0.25x6 = 1.50; LANTERN 0.80x6 = 4.80; HANGER 0.10x8 = 0.80 (CUP does not match CUPID);
        // BOTTLE 0.40x6 = 2.40; RED WOOLLY HOTTIE WHITE HEART. matches nothing: default 0.30x6 = 1.80; BOXES 0.30x2 = 0.60;
        // T-LIGHT HOLDER 0.25x6 = 1.50; total 13.40 kg, all estimates.
        var doc = await PlanAndLoadAsync("golden.csv", GoldenInvoices.Csv([GoldenInvoices.Uk536365]), "536365");
        Assert.Equal(40, doc.TotalQuantity);
        Assert.Equal(139.12m, doc.TotalValue);
        Assert.Equal(13.40m, doc.LinesGrossWeightKg);
        Assert.True(doc.WeightEstimated);

        var xml = Parse(ShipmentDocumentHtml.Invoice(doc, Options));
        var rows = xml.Descendants(X + "table").Single(t => (string?)t.Attribute("class") == "lines").Element(X + "tbody")!.Elements(X + "tr").ToArray();
        Assert.Equal(7, rows.Length);
        Assert.Equal(["3", "CREAM CUPID HEARTS COAT HANGER (84406B)", "not given 未提供", "CN (assumed 推定)", "8", "2.75", "22.00", "not recorded", "≈ 0.800 (est.)"], Cells(rows[2]));
        var totals = Cells(xml.Descendants(X + "tfoot").First().Element(X + "tr")!);
        Assert.Equal(["Totals 合计", "40", "", "GBP 139.12", "", "≈ 13.400 (est.)"], totals);
        var text = xml.Root!.Value;
        Assert.Contains("Commercial Invoice 商业发票", text, StringComparison.Ordinal);
        Assert.Contains("DAP GB (Incoterms® 2020)", text, StringComparison.Ordinal);
        Assert.Contains("Example Exporter <Zhengzhou> & Co", text, StringComparison.Ordinal);
        Assert.Contains("size: A4", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackingList_Uci536365_TwoEqualCartonsFromThePackingAssumption()
    {
        // data/planning/packing.csv: cartons of at most 20 kg and 60x40x40 cm (96,000 cm³), fill factor 0.8.
        // Unit sizes (weight-estimates.csv): 12 T-light holders x 1,000 + 6 lanterns x 9,720 + 8 hangers x 800
        // + 6 bottles x 2,500 + 6 default x 3,000 + 2 boxes x 3,000 = 115,720 cm³; / 0.8 = 144,650 cm³ -> 2 cartons
        // (13.4 kg needs only 1 by weight). Each 13.4 / 2 = 6.700 kg, cube side cbrt(72,325) = 41.66 -> 41.7 cm.
        var doc = await PlanAndLoadAsync("golden.csv", GoldenInvoices.Csv([GoldenInvoices.Uk536365]), "536365");
        var xml = Parse(ShipmentDocumentHtml.PackingList(doc, Options));
        var parcels = xml.Descendants(X + "table").Single(t => (string?)t.Attribute("class") == "parcels").Element(X + "tbody")!.Elements(X + "tr").ToArray();
        Assert.Equal(2, parcels.Length);
        Assert.All(parcels, p =>
        {
            var c = Cells(p);
            Assert.Equal("41.7 × 41.7 × 41.7 (est.)", c[1]);
            Assert.Equal("≈ 6.700 (est.)", c[3]);
        });
        Assert.Equal("1 / 2", Cells(parcels[0])[0]);
        Assert.Equal("2 / 2", Cells(parcels[1])[0]);
        Assert.Contains("Packing List 装箱单", xml.Root!.Value, StringComparison.Ordinal);

        // The store keeps the two identical cartons as one row of two (ParcelRecord.Count); the document lists both.
        await using var store = await _workspace.OpenStoreAsync();
        var stored = await store.Parcels.AsNoTracking().Where(p => p.ShipmentRecordId == doc.Shipment.Id).ToListAsync();
        var row = Assert.Single(stored);
        Assert.Equal((1, 2, 6.700m), (row.Sequence, row.Count, row.WeightKg));
    }

    [Fact]
    public async Task Invoice_DescriptionWithMarkup_IsEscapedAndRoundTrips()
    {
        const string description = "Mug <script>alert(\"x\")</script> & 'Co'";
        var csv = "order_id,placed_at,buyer_country,buyer_postcode,sku,description,hs_code,quantity,unit_value,currency,unit_weight_kg,length_cm,width_cm,height_cm,hazards\n"
            + "KJ-<9>,2025-03-16T09:00:00,DE,10115,MUG-1,\"Mug <script>alert(\"\"x\"\")</script> & 'Co'\",691200,2,3.25,EUR,0.36,12,9,10,\n";
        var doc = await PlanAndLoadAsync("orders.csv", csv, "KJ-<9>");
        var html = ShipmentDocumentHtml.Invoice(doc, Options);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        var xml = Parse(html);
        var row = xml.Descendants(X + "table").Single(t => (string?)t.Attribute("class") == "lines").Element(X + "tbody")!.Element(X + "tr")!;
        // The parsed cell reads back the seller's text exactly; 2 x 3.25 = 6.50; 2 x 0.36 kg = 0.720 kg, given (not estimated).
        Assert.Equal(["1", description + " (MUG-1)", "691200", "CN (assumed 推定)", "2", "3.25", "6.50", "not recorded", "0.720"], Cells(row));
        Assert.Empty(xml.Descendants(X + "script"));
    }
}
