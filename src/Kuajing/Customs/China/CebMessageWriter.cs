using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Customs.China;

/// <summary>
/// Writes the CEB messages of a declaration (issue #5 point 3) in the namespace <c>http://www.chinaport.gov.cn/ceb</c> with the
/// fields of regulatory-facts.md §3.3; the element mapping is in docs/china-customs.md and the schema in <c>ceb.xsd</c>
/// (<see cref="CebSchema"/>). The list declarations (CEB603, CEB621) are written only after the three-order check passes.
/// Messages are deterministic: the guid is a name-based UUID (RFC 9562 §5.5, SHA-1) of the type, copNo, order number and
/// declaration time, so the same declaration gives byte-identical messages. Stateless; thread-safe.
/// </summary>
public static class CebMessageWriter
{
    /// <summary>The CEB namespace (regulatory-facts.md §3.3).</summary>
    public const string Namespace = "http://www.chinaport.gov.cn/ceb";

    /// <summary>RMB in the customs currency code set (regulatory-facts.md §3.3, C).</summary>
    public const string RmbCode = "142";

    private static readonly LocalDateTimePattern AppTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmss");
    private static readonly LocalDatePattern DeclDate = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");
    private static readonly LocalDateTimePattern FileTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMddHHmmssfff");
    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
    private static readonly Guid NamespaceId = new("6f1c8f0e-2b6a-5c55-9a53-4b756a696e67");

    /// <summary>Writes every message the declaration's mode needs, in the mode's order (<see cref="SupervisionMode.Messages"/>), except the summary (CEB701), which covers many lists (<see cref="WriteSummary"/>).</summary>
    /// <param name="declaration">The declaration.</param>
    /// <returns>The messages.</returns>
    /// <exception cref="ThreeOrderMismatchException">When the mode has a list declaration and the three-order check finds a mismatch; no message is returned.</exception>
    public static IReadOnlyList<CebMessage> WriteAll(CrossBorderDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (declaration.Mode.Messages.Any(CebMessageType.IsListDeclaration))
        {
            ThreeOrderCheck.Require(declaration);
        }

        return [.. declaration.Mode.Messages.Where(m => m != CebMessageType.Ceb701).Select((m, i) => Write(declaration, m, i + 1))];
    }

    /// <summary>Writes one message of a declaration.</summary>
    /// <param name="declaration">The declaration.</param>
    /// <param name="type">One of <see cref="CebMessageType.All"/> except CEB701.</param>
    /// <param name="sequence">Sequence number for the file name, 1–9999.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ThreeOrderMismatchException">When <paramref name="type"/> is a list declaration and the three-order check finds a mismatch.</exception>
    /// <exception cref="ArgumentException">When <paramref name="type"/> is CEB701 or unknown, or a payment message is asked for without a payment record.</exception>
    public static CebMessage Write(CrossBorderDeclaration declaration, string type, int sequence = 1)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        if (CebMessageType.IsListDeclaration(type))
        {
            ThreeOrderCheck.Require(declaration);
        }

        var guid = GuidFor(type, declaration.Input.CopNo, declaration.OrderNo, declaration.DeclaredAt);
        var buffer = new MemoryStream(4096);
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("ceb", type + "Message", Namespace);
            w.WriteAttributeString("guid", guid);
            w.WriteAttributeString("version", "1.0");
            var d = declaration;
            switch (type)
            {
                case CebMessageType.Ceb303:
                case CebMessageType.Ceb311:
                    WriteOrder(w, d, guid, type == CebMessageType.Ceb311);
                    break;
                case CebMessageType.Ceb403:
                    WriteReceipts(w, d, guid);
                    break;
                case CebMessageType.Ceb411:
                    WritePayment(w, d, guid);
                    break;
                case CebMessageType.Ceb505:
                    WriteExportLogistics(w, d, guid);
                    break;
                case CebMessageType.Ceb511:
                    WriteImportLogistics(w, d, guid);
                    break;
                case CebMessageType.Ceb603:
                case CebMessageType.Ceb621:
                    WriteInventory(w, d, guid, type == CebMessageType.Ceb621);
                    break;
                default:
                    throw new ArgumentException($"'{type}' is not a per-order CEB message Kuajing writes ({string.Join(", ", CebMessageType.All.Where(t => t != CebMessageType.Ceb701))})", nameof(type));
            }

            WriteTransfer(w, d.Input.Transfer);
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return new CebMessage(type, guid, FileName(type, declaration.Input.Transfer, declaration.DeclaredAt, sequence), buffer.ToArray());
    }

    /// <summary>
    /// Writes the CEB701 summary application (汇总申请单) for 9610 export 汇总申报 over released lists. The field list is
    /// Kuajing's (regulatory-facts.md §3.3 names CEB701 but gives no fields: U).
    /// </summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The message.</returns>
    public static CebMessage WriteSummary(SummaryDeclaration summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var first = summary.Lists[0];
        var guid = GuidFor(CebMessageType.Ceb701, summary.CopNo, summary.From.ToString("yyyyMMdd", CultureInfo.InvariantCulture), summary.DeclaredAt);
        var buffer = new MemoryStream(4096);
        using (var w = XmlWriter.Create(buffer, Settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("ceb", "CEB701Message", Namespace);
            w.WriteAttributeString("guid", guid);
            w.WriteAttributeString("version", "1.0");
            w.WriteStartElement("ceb", "SummaryApply", Namespace);
            w.WriteStartElement("ceb", "SummaryApplyHead", Namespace);
            Common(w, guid, summary.DeclaredAt);
            E(w, "customsCode", first.Input.Office.CustomsCode);
            E(w, "copNo", summary.CopNo);
            E(w, "agentCode", first.Input.Order.Agent.Code.Value);
            E(w, "agentName", first.Input.Order.Agent.Name);
            E(w, "ebcCode", first.Input.Order.Ecommerce.Code.Value);
            E(w, "ebcName", first.Input.Order.Ecommerce.Name);
            E(w, "sumStartDate", DeclDate.Format(summary.From));
            E(w, "sumEndDate", DeclDate.Format(summary.Until));
            E(w, "ivtCount", summary.Lists.Count.ToString(CultureInfo.InvariantCulture));
            E(w, "totalPrice", Money2(summary.TotalPrice));
            E(w, "currency", RmbCode);
            E(w, "grossWeight", Weight(summary.GrossWeightKg));
            w.WriteEndElement();
            var n = 0;
            foreach (var list in summary.Lists)
            {
                w.WriteStartElement("ceb", "SummaryApplyList", Namespace);
                E(w, "gnum", (++n).ToString(CultureInfo.InvariantCulture));
                E(w, "copNo", list.Input.CopNo);
                E(w, "orderNo", list.OrderNo);
                E(w, "logisticsNo", list.Input.Waybill.LogisticsNo);
                E(w, "totalPrice", Money2(list.GoodsValue));
                E(w, "grossWeight", Weight(list.GrossWeightKg));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            WriteTransfer(w, first.Input.Transfer);
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return new CebMessage(CebMessageType.Ceb701, guid, FileName(CebMessageType.Ceb701, first.Input.Transfer, summary.DeclaredAt, 1), buffer.ToArray());
    }

    private static void WriteOrder(XmlWriter w, CrossBorderDeclaration d, string guid, bool import)
    {
        var o = d.Input.Order;
        w.WriteStartElement("ceb", "Order", Namespace);
        w.WriteStartElement("ceb", "OrderHead", Namespace);
        Common(w, guid, d.DeclaredAt);
        E(w, "orderType", d.Mode.OrderType.ToString());
        E(w, "orderNo", d.OrderNo);
        // A 9810 order (W) is an overseas-warehouse booking: ebpName is the warehouse name ("电商平台/海外仓名称", export/OrderHead.java).
        E(w, "ebpCode", o.Platform.Code.Value);
        E(w, "ebpName", d.Mode.OrderType == 'W' && d.Input.OverseasWarehouse is { } h ? h.WarehouseName : o.Platform.Name);
        E(w, "ebcCode", o.Ecommerce.Code.Value);
        E(w, "ebcName", o.Ecommerce.Name);
        E(w, "goodsValue", Money2(d.GoodsValue));
        E(w, "freight", Money2(o.Freight));
        if (import)
        {
            E(w, "discount", Money2(o.Discount));
            E(w, "taxTotal", Money2(o.TaxTotal));
            E(w, "acturalPaid", Money2(d.ActualPaid));
        }

        E(w, "currency", RmbCode);
        if (import)
        {
            Optional(w, "buyerRegNo", o.Buyer.RegistrationNo);
            E(w, "buyerName", o.Buyer.Name);
            Optional(w, "buyerTelephone", o.Buyer.Telephone);
            E(w, "buyerIdType", o.Buyer.IdType);
            E(w, "buyerIdNumber", o.Buyer.IdNumber);
            var payment = d.Input.Payment!;
            E(w, "payCode", payment.PaymentEnterprise.Code.Value);
            E(w, "payName", payment.PaymentEnterprise.Name);
            E(w, "payTransactionId", payment.TransactionId);
            E(w, "consignee", o.Consignee.Name);
            E(w, "consigneeTelephone", o.Consignee.Telephone);
            E(w, "consigneeAddress", o.Consignee.Address);
            Optional(w, "consigneeDitrict", o.Consignee.District);
        }

        w.WriteEndElement();
        foreach (var l in d.Lines)
        {
            w.WriteStartElement("ceb", "OrderList", Namespace);
            E(w, "gnum", l.Gnum.ToString(CultureInfo.InvariantCulture));
            E(w, "itemNo", l.Line.Sku);
            E(w, "itemName", l.Goods.NameZh);
            E(w, "itemDescribe", l.Line.Description);
            Optional(w, "barCode", l.Goods.BarCode);
            E(w, "unit", l.Goods.Unit);
            E(w, "currency", RmbCode);
            E(w, "qty", Quantity(l.Quantity));
            E(w, "price", Money2(l.Price));
            E(w, "totalPrice", Money2(l.TotalPrice));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteReceipts(XmlWriter w, CrossBorderDeclaration d, string guid)
    {
        var o = d.Input.Order;
        var p = d.Input.Payment ?? throw new ArgumentException("CEB403 needs the payment record");
        w.WriteStartElement("ceb", "Receipts", Namespace);
        Common(w, guid, d.DeclaredAt);
        E(w, "ebpCode", o.Platform.Code.Value);
        E(w, "ebpName", o.Platform.Name);
        E(w, "ebcCode", o.Ecommerce.Code.Value);
        E(w, "ebcName", o.Ecommerce.Name);
        E(w, "orderNo", p.OrderNo);
        E(w, "payCode", p.PaymentEnterprise.Code.Value);
        E(w, "payName", p.PaymentEnterprise.Name);
        E(w, "payNo", p.TransactionId);
        E(w, "charge", Money2(p.Amount));
        E(w, "currency", RmbCode);
        E(w, "accountingDate", Time(p.PaidAt));
        w.WriteEndElement();
    }

    private static void WritePayment(XmlWriter w, CrossBorderDeclaration d, string guid)
    {
        var o = d.Input.Order;
        var p = d.Input.Payment ?? throw new ArgumentException("CEB411 needs the payment record");
        w.WriteStartElement("ceb", "Payment", Namespace);
        w.WriteStartElement("ceb", "PaymentHead", Namespace);
        Common(w, guid, d.DeclaredAt);
        E(w, "payCode", p.PaymentEnterprise.Code.Value);
        E(w, "payName", p.PaymentEnterprise.Name);
        E(w, "payTransactionId", p.TransactionId);
        E(w, "orderNo", p.OrderNo);
        E(w, "ebpCode", (p.Platform ?? o.Platform).Code.Value);
        E(w, "ebpName", (p.Platform ?? o.Platform).Name);
        E(w, "payerIdType", p.Payer.IdType);
        E(w, "payerIdNumber", p.Payer.IdNumber);
        E(w, "payerName", p.Payer.Name);
        Optional(w, "telephone", p.Payer.Telephone);
        E(w, "amountPaid", Money2(p.Amount));
        E(w, "currency", RmbCode);
        E(w, "payTime", Time(p.PaidAt));
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteExportLogistics(XmlWriter w, CrossBorderDeclaration d, string guid)
    {
        var b = d.Input.Waybill;
        var ebc = b.Ecommerce ?? d.Input.Order.Ecommerce;
        w.WriteStartElement("ceb", "Logistics", Namespace);
        Common(w, guid, d.DeclaredAt);
        E(w, "logisticsCode", b.Logistics.Code.Value);
        E(w, "logisticsName", b.Logistics.Name);
        E(w, "logisticsNo", b.LogisticsNo);
        E(w, "freight", Money2(b.Freight));
        E(w, "insuredFee", Money2(b.InsuredFee));
        E(w, "currency", RmbCode);
        E(w, "grossWeight", Weight(b.GrossWeight.Kilograms));
        E(w, "packNo", b.Packages.ToString(CultureInfo.InvariantCulture));
        E(w, "goodsInfo", b.GoodsInfo);
        E(w, "ebcCode", ebc.Code.Value);
        E(w, "ebcName", ebc.Name);
        Optional(w, "ebcTelephone", b.EcommerceTelephone);
        w.WriteEndElement();
    }

    private static void WriteImportLogistics(XmlWriter w, CrossBorderDeclaration d, string guid)
    {
        var b = d.Input.Waybill;
        w.WriteStartElement("ceb", "Logistics", Namespace);
        w.WriteStartElement("ceb", "LogisticsHead", Namespace);
        Common(w, guid, d.DeclaredAt);
        E(w, "logisticsCode", b.Logistics.Code.Value);
        E(w, "logisticsName", b.Logistics.Name);
        E(w, "logisticsNo", b.LogisticsNo);
        Optional(w, "billNo", b.BillNo);
        E(w, "freight", Money2(b.Freight));
        E(w, "insuredFee", Money2(b.InsuredFee));
        E(w, "currency", RmbCode);
        E(w, "weight", Weight(b.GrossWeight.Kilograms));
        E(w, "packNo", b.Packages.ToString(CultureInfo.InvariantCulture));
        E(w, "goodsInfo", b.GoodsInfo);
        E(w, "consignee", b.Consignee.Name);
        E(w, "consigneeAddress", b.Consignee.Address);
        E(w, "consigneeTelephone", b.Consignee.Telephone);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void WriteInventory(XmlWriter w, CrossBorderDeclaration d, string guid, bool import)
    {
        var o = d.Input.Order;
        var b = d.Input.Waybill;
        var f = d.Input.Office;
        w.WriteStartElement("ceb", "Inventory", Namespace);
        w.WriteStartElement("ceb", "InventoryHead", Namespace);
        Common(w, guid, d.DeclaredAt);
        E(w, "orderNo", d.OrderNo);
        E(w, "ebpCode", o.Platform.Code.Value);
        E(w, "ebpName", o.Platform.Name);
        E(w, "ebcCode", o.Ecommerce.Code.Value);
        E(w, "ebcName", o.Ecommerce.Name);
        E(w, "logisticsNo", b.LogisticsNo);
        E(w, "logisticsCode", b.Logistics.Code.Value);
        E(w, "logisticsName", b.Logistics.Name);
        E(w, "copNo", d.Input.CopNo);
        if (import)
        {
            Optional(w, "assureCode", f.Assurer?.Code.Value);
        }

        if (d.Mode.Filings.HasFlag(ModeFilings.BondedStock))
        {
            Optional(w, "emsNo", f.AccountBookNo);
        }

        E(w, "ieFlag", import ? "I" : "E");
        E(w, "declTime", DeclDate.Format(d.DeclaredAt.InZone(ChinaTime.Zone).Date));
        E(w, "customsCode", f.CustomsCode);
        E(w, "portCode", f.PortCode);
        if (import)
        {
            E(w, "buyerIdType", o.Buyer.IdType);
            E(w, "buyerIdNumber", o.Buyer.IdNumber);
            E(w, "buyerName", o.Buyer.Name);
            Optional(w, "buyerTelephone", o.Buyer.Telephone);
            E(w, "consigneeAddress", o.Consignee.Address);
        }

        E(w, "agentCode", o.Agent.Code.Value);
        E(w, "agentName", o.Agent.Name);
        if (f.Area is { } area && d.Mode.Filings.HasFlag(ModeFilings.BondedStock))
        {
            E(w, "areaCode", area.Code.Value);
            E(w, "areaName", area.Name);
        }

        E(w, "tradeMode", d.Mode.Code);
        E(w, "trafMode", f.TransportMode);
        if (!import)
        {
            Optional(w, "billNo", b.BillNo);
        }

        E(w, "country", f.Country);
        E(w, "freight", Money2(o.Freight));
        E(w, "insuredFee", Money2(o.InsuredFee));
        E(w, "currency", RmbCode);
        E(w, "packNo", b.Packages.ToString(CultureInfo.InvariantCulture));
        E(w, "grossWeight", Weight(d.GrossWeightKg));
        w.WriteEndElement();
        foreach (var l in d.Lines)
        {
            w.WriteStartElement("ceb", "InventoryList", Namespace);
            E(w, "gnum", l.Gnum.ToString(CultureInfo.InvariantCulture));
            Optional(w, "itemRecordNo", l.Goods.ItemRecordNo);
            E(w, "itemNo", l.Line.Sku);
            E(w, "itemName", l.Goods.NameZh);
            E(w, "gcode", l.Goods.ChinaTariffCode);
            E(w, "gname", l.Goods.NameZh);
            E(w, "gmodel", l.Goods.Model);
            Optional(w, "barCode", l.Goods.BarCode);
            E(w, "country", l.Goods.OriginCountry);
            E(w, "currency", RmbCode);
            E(w, "qty", Quantity(l.Quantity));
            E(w, "unit", l.Goods.Unit);
            E(w, "qty1", Quantity(l.LegalQuantity));
            E(w, "unit1", l.Goods.LegalUnit);
            E(w, "price", Money2(l.Price));
            E(w, "totalPrice", Money2(l.TotalPrice));
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteTransfer(XmlWriter w, BaseTransfer t)
    {
        w.WriteStartElement("ceb", "BaseTransfer", Namespace);
        E(w, "copCode", t.CopCode.Value);
        E(w, "copName", t.CopName);
        E(w, "dxpMode", "DXP");
        E(w, "dxpId", t.DxpId);
        w.WriteEndElement();
    }

    // appType 1 = new, appStatus 2 = declare (regulatory-facts.md §3.3). The Signature node that appStatus 2 requires is
    // added by the signing client (SM2/RSA key of the enterprise), not here.
    private static void Common(XmlWriter w, string guid, Instant at)
    {
        E(w, "guid", guid);
        E(w, "appType", "1");
        E(w, "appTime", Time(at));
        E(w, "appStatus", "2");
    }

    private static void E(XmlWriter w, string name, string value) => w.WriteElementString("ceb", name, Namespace, value);

    private static void Optional(XmlWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            E(w, name, value);
        }
    }

    private static string Time(Instant at) => AppTime.Format(at.InZone(ChinaTime.Zone).LocalDateTime);

    private static string Money2(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quantity(decimal q) => q.ToString("0.#####", CultureInfo.InvariantCulture);

    private static string Weight(decimal kg) => kg.ToString("0.0####", CultureInfo.InvariantCulture);

    private static string FileName(string type, BaseTransfer t, Instant at, int sequence) =>
        $"CEB_{type}_{t.CopCode.Value}_EPORT_{FileTime.Format(at.InZone(ChinaTime.Zone).LocalDateTime)}{sequence.ToString("0000", CultureInfo.InvariantCulture)}.xml";

    /// <summary>A name-based UUID (RFC 9562 §5.5, version 5: SHA-1 over namespace + name), upper case as the CEB guid field asks ("英文字母大写").</summary>
    internal static string GuidFor(string type, string copNo, string key, Instant at)
    {
        var name = Encoding.UTF8.GetBytes($"{type}|{copNo}|{key}|{at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}");
        Span<byte> ns = stackalloc byte[16];
        NamespaceId.TryWriteBytes(ns, bigEndian: true, out _);
        var input = new byte[16 + name.Length];
        ns.CopyTo(input);
        name.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 §5.5 specifies for version-5 UUIDs; no security property is relied on.
        SHA1.HashData(input, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D").ToUpperInvariant();
    }
}
