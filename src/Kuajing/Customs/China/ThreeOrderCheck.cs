using System.Globalization;
using Kuajing.Provenance;

namespace Kuajing.Customs.China;

/// <summary>One field on which the order, the payment and the waybill disagree.</summary>
/// <param name="Field">The CEB field compared, e.g. <c>acturalPaid</c>, <c>consignee</c>, <c>logisticsNo</c>.</param>
/// <param name="OrderValue">The order's value, or <see langword="null"/> when the order does not carry the field.</param>
/// <param name="PaymentValue">The payment record's value, or <see langword="null"/> when not compared against the payment.</param>
/// <param name="WaybillValue">The waybill's value, or <see langword="null"/> when not compared against the waybill.</param>
/// <param name="Rule">The rule, as a sentence.</param>
/// <param name="Source">Where the rule comes from.</param>
public sealed record FieldMismatch(string Field, string? OrderValue, string? PaymentValue, string? WaybillValue, string Rule, DataSource Source)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Field}: order={OrderValue ?? "—"} payment={PaymentValue ?? "—"} waybill={WaybillValue ?? "—"} ({Rule})";
}

/// <summary>The result of a three-order check (三单对碰) on one order.</summary>
/// <param name="OrderNo">The order number.</param>
/// <param name="Mismatches">Every field-level mismatch; empty when the three agree.</param>
/// <param name="PaymentCompared">False when there was no payment record (modes without a payment message, 9710 and 9810).</param>
public sealed record ThreeOrderReport(string OrderNo, IReadOnlyList<FieldMismatch> Mismatches, bool PaymentCompared)
{
    /// <summary>True when no mismatch stands.</summary>
    public bool Passed => Mismatches.Count == 0;
}

/// <summary>
/// A list declaration was asked for while the three-order check has mismatches (issue #5 point 4: a declaration cannot go out
/// while a mismatch stands). Stable code <c>three-order-mismatch</c>.
/// </summary>
public sealed class ThreeOrderMismatchException : Exception
{
    /// <summary>Creates the error.</summary>
    /// <param name="report">The failed check.</param>
    public ThreeOrderMismatchException(ThreeOrderReport report)
        : base($"three-order-mismatch: order {report?.OrderNo}: " + string.Join("; ", report?.Mismatches ?? []))
    {
        Report = report ?? throw new ArgumentNullException(nameof(report));
    }

    /// <summary>The stable error code.</summary>
    public static string Code => "three-order-mismatch";

    /// <summary>The failed check.</summary>
    public ThreeOrderReport Report { get; }
}

/// <summary>
/// The three-order check (三单对碰, regulatory-facts.md §3.2): before a list declaration, the order (platform / e-commerce
/// enterprise), the payment (payment enterprise) and the waybill (logistics enterprise) are compared field by field:
/// enterprise codes, order number, payment transaction id, buyer identity, consignee, goods value, freight, tax, the amount
/// paid, currency and logistics number. No source states a tolerance, so every amount must agree to the fen and every code,
/// number and name exactly (after trimming spaces). Stateless; thread-safe.
/// </summary>
public static class ThreeOrderCheck
{
    private static readonly DataSource ThreeMessages = new(
        "regulatory-facts.md §3.2: order, payment and waybill reach customs from the platform, the payment firm and the logistics firm (https://ssopdot.com/blog/15686.html); the CEB411 payment and CEB505 waybill carry the order's ebpCode/ebcCode/orderNo (§3.3)",
        null,
        SourceStatus.Confirmed);

    private static readonly DataSource ConsigneeRule = new(
        "regulatory-facts.md §3.2: consignee name, phone and address must match the electronic waybill (Weasley-J/chinaport-data-signature OrderHead.java field comments)",
        null,
        SourceStatus.Confirmed);

    private static readonly DataSource PaidRule = new(
        "regulatory-facts.md §3.2: acturalPaid = goodsValue + freight + taxTotal − discount and must equal the payment voucher amount (Weasley-J/chinaport-data-signature OrderHead.java)",
        null,
        SourceStatus.Confirmed);

    private static readonly DataSource BuyerRule = new(
        "regulatory-facts.md §3.2: the e-commerce firm verifies the buyer's identity; under the 2016 rules the buyer had to be the payer (http://www.e-to-china.com/tariff_changes/Policy_Focus/2016/0510/113047.html)",
        null,
        SourceStatus.Confirmed);

    private static readonly DataSource FieldRule = new(
        "Kuajing issue #5 point 4 (compare goods value, freight, tax, currency field by field); no published tolerance, so exact equality",
        null,
        SourceStatus.Derived);

    private static readonly DataSource CurrencyRule = new(
        "regulatory-facts.md §3.3: RMB is customs currency 142 and order and logistics messages require RMB; Weasley-J/chinaport-data-signature export/OrderList.java: currency limited to RMB 142",
        null,
        SourceStatus.Confirmed);

    /// <summary>Compares the declaration's order facts, payment record and waybill.</summary>
    /// <param name="declaration">The declaration.</param>
    /// <returns>The report; <see cref="ThreeOrderReport.Passed"/> when no mismatch.</returns>
    public static ThreeOrderReport Compare(CrossBorderDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var order = declaration.Input.Order;
        var payment = declaration.Input.Payment;
        var waybill = declaration.Input.Waybill;
        var found = new List<FieldMismatch>();

        void Text(string field, string? o, string? p, string? w, bool withPayment, bool withWaybill, string rule, DataSource source)
        {
            var values = new List<string?> { o };
            if (withPayment)
            {
                values.Add(p);
            }

            if (withWaybill)
            {
                values.Add(w);
            }

            if (values.Select(v => v?.Trim()).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                found.Add(new FieldMismatch(field, o, withPayment ? p : null, withWaybill ? w : null, rule, source));
            }
        }

        void Amount(string field, decimal o, decimal? p, decimal? w, string rule, DataSource source)
        {
            if ((p is { } pv && pv != o) || (w is { } wv && wv != o))
            {
                found.Add(new FieldMismatch(field, F(o), p is null ? null : F(p.Value), w is null ? null : F(w.Value), rule, source));
            }
        }

        // Order number: the key all three messages share.
        Text("orderNo", declaration.OrderNo, payment?.OrderNo, waybill.OrderNo, payment is not null, true, "the payment and the waybill name the order's number", ThreeMessages);

        // Enterprise codes.
        Text("ebcCode", order.Ecommerce.Code.Value, null, waybill.Ecommerce?.Code.Value, false, waybill.Ecommerce is not null, "the waybill names the order's e-commerce enterprise", ThreeMessages);
        Text("logisticsCode", order.Logistics.Code.Value, null, waybill.Logistics.Code.Value, false, true, "the waybill is issued by the logistics enterprise the order names", ThreeMessages);
        if (payment is not null)
        {
            Text("ebpCode", order.Platform.Code.Value, payment.Platform?.Code.Value, null, payment.Platform is not null, false, "the payment names the order's platform", ThreeMessages);
            Text("payCode", order.PaymentEnterprise?.Code.Value, payment.PaymentEnterprise.Code.Value, null, true, false, "the payment is made through the payment enterprise the order names", ThreeMessages);
            Text("payTransactionId", order.PayTransactionId, payment.TransactionId, null, true, false, "the payment's transaction id is the one the order names", ThreeMessages);

            // Buyer identity against the payer.
            Text("buyerName", order.Buyer.Name, payment.Payer.Name, null, true, false, "the buyer is the payer", BuyerRule);
            Text("buyerIdType", order.Buyer.IdType, payment.Payer.IdType, null, true, false, "the buyer is the payer", BuyerRule);
            Text("buyerIdNumber", order.Buyer.IdNumber, payment.Payer.IdNumber, null, true, false, "the buyer is the payer", BuyerRule);
        }

        // Consignee: order against the electronic waybill.
        Text("consignee", order.Consignee.Name, null, waybill.Consignee.Name, false, true, "the consignee name matches the electronic waybill", ConsigneeRule);
        Text("consigneeTelephone", order.Consignee.Telephone, null, waybill.Consignee.Telephone, false, true, "the consignee telephone matches the electronic waybill", ConsigneeRule);
        Text("consigneeAddress", order.Consignee.Address, null, waybill.Consignee.Address, false, true, "the consignee address matches the electronic waybill", ConsigneeRule);

        // Currency.
        Text("currency", order.Currency.Value, payment?.Currency.Value, waybill.Currency.Value, payment is not null, true, "one currency, RMB (142), on all three", CurrencyRule);

        // Amounts.
        if (payment is not null)
        {
            Amount("acturalPaid", declaration.ActualPaid, payment.Amount, null, "goodsValue + freight + taxTotal − discount equals the amount paid", PaidRule);
            if (payment.Breakdown is { } b)
            {
                Amount("goodsValue", declaration.GoodsValue, b.GoodsValue, null, "the payment's goods value equals the order's", FieldRule);
                Amount("taxTotal", order.TaxTotal, b.TaxTotal, null, "the payment's tax equals the order's tax withheld", FieldRule);
            }
        }

        Amount("freight", order.Freight, payment?.Breakdown?.Freight, waybill.Freight, "the freight is the same on the order, the payment split and the waybill", FieldRule);
        Amount("insuredFee", order.InsuredFee, null, waybill.InsuredFee, "the insurance fee is the same on the order and the waybill", FieldRule);

        // Logistics number: the order is booked under the waybill's number.
        Text("logisticsNo", order.LogisticsNo, null, waybill.LogisticsNo, false, true, "the order is booked under the waybill's number", ThreeMessages);

        return new ThreeOrderReport(declaration.OrderNo, found, payment is not null);
    }

    /// <summary>Throws when the check fails; the gate before any list declaration.</summary>
    /// <param name="declaration">The declaration.</param>
    /// <returns>The passed report.</returns>
    /// <exception cref="ThreeOrderMismatchException">When any field mismatches.</exception>
    public static ThreeOrderReport Require(CrossBorderDeclaration declaration)
    {
        var report = Compare(declaration);
        return report.Passed ? report : throw new ThreeOrderMismatchException(report);
    }

    private static string F(decimal d) => d.ToString("0.00##", CultureInfo.InvariantCulture);
}
