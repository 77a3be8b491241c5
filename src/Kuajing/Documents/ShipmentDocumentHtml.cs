using System.Globalization;
using System.Net;
using System.Text;

namespace Kuajing.Documents;

/// <summary>What the documents say beyond the stored order: the seller, and the goods' country of origin.</summary>
/// <param name="Seller">Seller / exporter.</param>
/// <param name="CountryOfOrigin">ISO 3166-1 alpha-2 country of origin of the goods.</param>
/// <param name="CountryOfOriginAssumed">True when <paramref name="CountryOfOrigin"/> is assumed (the order data records none; Kuajing takes the origin hub's country) — the documents mark it.</param>
public sealed record DocumentOptions(DocumentParty Seller, string CountryOfOrigin, bool CountryOfOriginAssumed);

/// <summary>
/// Renders a shipment's commercial invoice and packing list as printable HTML (A4 print CSS), with bilingual headings
/// (English / 简体中文). The output is well-formed XML (XHTML serialisation of HTML5) so it can be checked by any XML
/// parser; every text from the order or the user is HTML-escaped. Estimated weights and sizes are marked "est." with a
/// footnote naming their source.
/// </summary>
public static class ShipmentDocumentHtml
{
    private static readonly CultureInfo F = CultureInfo.InvariantCulture;

    private const string Css = """
        @page { size: A4; margin: 15mm; }
        body { font-family: "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", Arial, sans-serif; font-size: 9.5pt; color: #000; margin: 0; }
        h1 { font-size: 16pt; margin: 0 0 4mm 0; }
        h2 { font-size: 10.5pt; margin: 5mm 0 2mm 0; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 0.3mm solid #444; padding: 1mm 1.5mm; vertical-align: top; }
        th { background: #eee; text-align: left; font-weight: 600; }
        td.n, th.n { text-align: right; white-space: nowrap; }
        .parties td { width: 50%; }
        .est { font-style: italic; }
        .note { font-size: 8pt; margin-top: 3mm; }
        tfoot td { font-weight: 600; }
        tr { page-break-inside: avoid; }
        thead { display: table-header-group; }
        @media screen { body { max-width: 210mm; margin: 10mm auto; } }
        """;

    /// <summary>The commercial invoice.</summary>
    /// <param name="doc">The shipment's document data.</param>
    /// <param name="options">Seller and country of origin.</param>
    /// <returns>The HTML text (UTF-8, XHTML-serialised).</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static string Invoice(ShipmentDocument doc, DocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(options);
        var ccy = doc.Order.GoodsCurrency;
        var sb = Begin($"Commercial invoice {doc.Order.OrderId}");
        sb.Append("<h1>Commercial Invoice 商业发票</h1>\n");
        Header(sb, doc, options);
        sb.Append("<h2>Goods 货物明细</h2>\n<table class=\"lines\">\n<thead><tr>")
            .Append("<th class=\"n\">No. 序号</th><th>Description 品名</th><th>HS code 海关编码</th><th>Country of origin 原产国</th>")
            .Append("<th class=\"n\">Quantity 数量</th><th class=\"n\">Unit value 单价 (").Append(E(ccy)).Append(")</th>")
            .Append("<th class=\"n\">Total 总价 (").Append(E(ccy)).Append(")</th><th class=\"n\">Net weight 净重 (kg)</th><th class=\"n\">Gross weight 毛重 (kg)</th></tr></thead>\n<tbody>\n");
        var origin = E(options.CountryOfOrigin) + (options.CountryOfOriginAssumed ? " <span class=\"est\">(assumed 推定)</span>" : "");
        foreach (var l in doc.Lines)
        {
            sb.Append("<tr><td class=\"n\">").Append(l.Number.ToString(F)).Append("</td><td>").Append(E(l.Line.Description));
            if (l.Line.Sku.Length > 0)
            {
                sb.Append(" <small>(").Append(E(l.Line.Sku)).Append(")</small>");
            }

            sb.Append("</td><td>").Append(l.Line.HsCode is { } hs ? E(hs) : "<span class=\"est\">not given 未提供</span>")
                .Append("</td><td>").Append(origin)
                .Append("</td><td class=\"n\">").Append(l.Line.Quantity.ToString("N0", F))
                .Append("</td><td class=\"n\">").Append(Money(l.Line.UnitValue))
                .Append("</td><td class=\"n\">").Append(Money(l.Total))
                .Append("</td><td class=\"n\"><span class=\"est\">not recorded</span>")
                .Append("</td><td class=\"n\">").Append(Weight(l.GrossWeightKg, l.Line.WeightEstimated)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n<tfoot><tr><td colspan=\"4\">Totals 合计</td><td class=\"n\">").Append(doc.TotalQuantity.ToString("N0", F))
            .Append("</td><td></td><td class=\"n\">").Append(E(ccy)).Append(' ').Append(Money(doc.TotalValue))
            .Append("</td><td></td><td class=\"n\">").Append(Weight(doc.LinesGrossWeightKg, doc.WeightEstimated)).Append("</td></tr></tfoot>\n</table>\n");
        sb.Append("<p>Invoice total 发票总额: <strong>").Append(E(ccy)).Append(' ').Append(Money(doc.TotalValue)).Append("</strong>, ")
            .Append(E(doc.Shipment.Incoterm)).Append(' ').Append(E(doc.Order.BuyerCountry))
            .Append(" (Incoterms® 2020). Parcels 件数: ").Append(doc.Parcels.Count.ToString(F))
            .Append("; shipment gross weight 总毛重: ").Append(Weight(doc.ParcelsGrossWeightKg, doc.Parcels.Any(p => p.Estimated))).Append(" kg.</p>\n");
        Notes(sb, doc, options);
        return End(sb);
    }

    /// <summary>The packing list: one row per parcel with its dimensions and gross weight as planned, and the goods it holds.</summary>
    /// <param name="doc">The shipment's document data.</param>
    /// <param name="options">Seller and country of origin.</param>
    /// <returns>The HTML text (UTF-8, XHTML-serialised).</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    public static string PackingList(ShipmentDocument doc, DocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(options);
        var sb = Begin($"Packing list {doc.Order.OrderId}");
        sb.Append("<h1>Packing List 装箱单</h1>\n");
        Header(sb, doc, options);
        sb.Append("<h2>Parcels 包裹</h2>\n<table class=\"parcels\">\n<thead><tr><th class=\"n\">Parcel 包裹号</th>")
            .Append("<th class=\"n\">Dimensions 尺寸 L×W×H (cm)</th><th class=\"n\">Volume 体积 (m³)</th><th class=\"n\">Gross weight 毛重 (kg)</th><th>Contents 内装货物</th></tr></thead>\n<tbody>\n");
        var contents = doc.Parcels.Count == 1
            ? "all goods lines 全部货物"
            : $"1/{doc.Parcels.Count.ToString(F)} of lines 1–{doc.Lines.Count.ToString(F)} (goods split evenly over equal cartons by the packing estimate)";
        foreach (var p in doc.Parcels)
        {
            var est = p.Estimated ? " <span class=\"est\">(est.)</span>" : "";
            sb.Append("<tr><td class=\"n\">").Append(p.Sequence.ToString(F)).Append(" / ").Append(doc.Parcels.Count.ToString(F))
                .Append("</td><td class=\"n\">").Append(Dim(p.LengthCm)).Append(" × ").Append(Dim(p.WidthCm)).Append(" × ").Append(Dim(p.HeightCm)).Append(est)
                .Append("</td><td class=\"n\">").Append((p.LengthCm * p.WidthCm * p.HeightCm / 1_000_000m).ToString("0.000", F))
                .Append("</td><td class=\"n\">").Append(Weight(p.WeightKg, p.Estimated))
                .Append("</td><td>").Append(E(contents)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n<tfoot><tr><td>Totals 合计</td><td class=\"n\">").Append(doc.Parcels.Count.ToString(F)).Append(" parcels 件</td><td class=\"n\">")
            .Append(doc.Parcels.Sum(p => p.LengthCm * p.WidthCm * p.HeightCm / 1_000_000m).ToString("0.000", F))
            .Append("</td><td class=\"n\">").Append(Weight(doc.ParcelsGrossWeightKg, doc.Parcels.Any(p => p.Estimated))).Append("</td><td></td></tr></tfoot>\n</table>\n");
        sb.Append("<h2>Goods 货物明细</h2>\n<table class=\"lines\">\n<thead><tr><th class=\"n\">No. 序号</th><th>Description 品名</th><th>HS code 海关编码</th><th class=\"n\">Quantity 数量</th><th class=\"n\">Gross weight 毛重 (kg)</th></tr></thead>\n<tbody>\n");
        foreach (var l in doc.Lines)
        {
            sb.Append("<tr><td class=\"n\">").Append(l.Number.ToString(F)).Append("</td><td>").Append(E(l.Line.Description))
                .Append("</td><td>").Append(l.Line.HsCode is { } hs ? E(hs) : "<span class=\"est\">not given 未提供</span>")
                .Append("</td><td class=\"n\">").Append(l.Line.Quantity.ToString("N0", F))
                .Append("</td><td class=\"n\">").Append(Weight(l.GrossWeightKg, l.Line.WeightEstimated)).Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n<tfoot><tr><td colspan=\"3\">Totals 合计</td><td class=\"n\">").Append(doc.TotalQuantity.ToString("N0", F))
            .Append("</td><td class=\"n\">").Append(Weight(doc.LinesGrossWeightKg, doc.WeightEstimated)).Append("</td></tr></tfoot>\n</table>\n");
        Notes(sb, doc, options);
        return End(sb);
    }

    private static StringBuilder Begin(string title) =>
        new StringBuilder(8192)
            .Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
            .Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");

    private static string End(StringBuilder sb) => sb.Append("</body>\n</html>\n").ToString();

    private static void Header(StringBuilder sb, ShipmentDocument doc, DocumentOptions options)
    {
        var o = doc.Order;
        var s = doc.Shipment;
        var route = string.Join(" → ", s.Legs.OrderBy(l => l.Sequence).Select(l => $"{l.FromNode} {l.Mode} {l.ToNode}").Take(1)
            .Concat(s.Legs.OrderBy(l => l.Sequence).Skip(1).Select(l => $"{l.Mode} {l.ToNode}")));
        sb.Append("<table class=\"parties\"><tr><td><strong>Seller / Exporter 卖方/出口商</strong><br/>").Append(E(options.Seller.Name)).Append("<br/>").Append(E(options.Seller.Address))
            .Append("</td><td><strong>Consignee 收货人</strong><br/>(name and address not recorded in the order data 订单未记录)<br/>")
            .Append("Country 国家: ").Append(E(o.BuyerCountry));
        if (o.BuyerPostcode is { Length: > 0 } pc)
        {
            sb.Append(", postcode 邮编: ").Append(E(pc));
        }

        sb.Append("</td></tr></table>\n<table class=\"meta\"><tr>")
            .Append("<th>Invoice number 发票号</th><td>").Append(E(o.OrderId)).Append("</td>")
            .Append("<th>Date 日期</th><td>").Append(o.PlacedAt.ToString("yyyy-MM-dd", F)).Append("</td></tr>\n<tr>")
            .Append("<th>Incoterm 贸易术语</th><td>").Append(E(s.Incoterm)).Append(' ').Append(E(o.BuyerCountry)).Append(" (Incoterms® 2020)</td>")
            .Append("<th>Currency 币种</th><td>").Append(E(o.GoodsCurrency)).Append("</td></tr>\n<tr>")
            .Append("<th>Tracking number 运单号</th><td>").Append(E(s.TrackingNumber)).Append("</td>")
            .Append("<th>Route 路线</th><td>").Append(E(route)).Append("</td></tr></table>\n");
    }

    private static void Notes(StringBuilder sb, ShipmentDocument doc, DocumentOptions options)
    {
        sb.Append("<div class=\"note\">");
        if (doc.WeightEstimated || doc.Parcels.Any(p => p.Estimated))
        {
            sb.Append("<p><span class=\"est\">est.</span> Estimated 估算: unit weights and sizes are Kuajing keyword estimates (data/orders/weight-estimates.csv, status E), ")
                .Append("and parcels come from the packing assumption (data/planning/packing.csv, status E); not measured. Net weights are not recorded in the order data.</p>");
        }

        if (options.CountryOfOriginAssumed)
        {
            sb.Append("<p>Country of origin 原产国: assumed to be ").Append(E(options.CountryOfOrigin))
                .Append(", the country of the origin hub; the order data records no country of origin. Confirm before filing.</p>");
        }

        sb.Append("<p>We certify that this invoice is true and correct. 兹证明本发票内容真实无误。</p></div>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Money(decimal value) => value.ToString("#,##0.00", F);

    private static string Dim(decimal cm) => cm.ToString("0.#", F);

    private static string Weight(decimal? kg, bool estimated) =>
        kg is not { } w ? "<span class=\"est\">unknown</span>"
        : estimated ? "≈ " + w.ToString("#,##0.000", F) + " <span class=\"est\">(est.)</span>"
        : w.ToString("#,##0.000", F);
}
