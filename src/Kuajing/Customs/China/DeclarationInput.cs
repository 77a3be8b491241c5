using Kuajing.Geography;
using Kuajing.Goods;
using NodaTime;

namespace Kuajing.Customs.China;

/// <summary>An enterprise as the CEB messages name it: its code (<c>…Code</c>) and registered name (<c>…Name</c>).</summary>
/// <param name="Code">Customs registration code or unified social credit code.</param>
/// <param name="Name">Registered name (C..100 in the CEB field comments).</param>
public sealed record EnterpriseRef(EnterpriseCode Code, string Name);

/// <summary>A person's identity as declared: the buyer in the order, the payer in the payment.</summary>
/// <param name="Name">Name as on the identity document.</param>
/// <param name="IdType">Identity document type (<c>buyerIdType</c> / <c>payerIdType</c>): <c>1</c> = PRC identity card (regulatory-facts.md §3.3).</param>
/// <param name="IdNumber">Identity document number.</param>
/// <param name="Telephone">Telephone, or <see langword="null"/>.</param>
/// <param name="RegistrationNo">The buyer's account on the platform (<c>buyerRegNo</c>), or <see langword="null"/>.</param>
public sealed record PersonIdentity(string Name, string IdType, string IdNumber, string? Telephone, string? RegistrationNo = null);

/// <summary>Who receives the goods, as the order and the waybill state it (regulatory-facts.md §3.2: the two must match).</summary>
/// <param name="Name">Consignee name.</param>
/// <param name="Telephone">Consignee telephone.</param>
/// <param name="Address">Full delivery address.</param>
/// <param name="District">Six-digit GB/T 2260 division code (<c>consigneeDitrict</c>, import orders), or <see langword="null"/>.</param>
public sealed record ConsigneeDetails(string Name, string Telephone, string Address, string? District);

/// <summary>The platform's side of the order beyond what a Kuajing <see cref="Orders.Order"/> holds: parties, buyer, charges.</summary>
/// <param name="Platform">E-commerce platform (<c>ebpCode</c>/<c>ebpName</c>).</param>
/// <param name="Ecommerce">E-commerce enterprise, the seller (<c>ebcCode</c>/<c>ebcName</c>).</param>
/// <param name="PaymentEnterprise">Payment enterprise the order names (<c>payCode</c>/<c>payName</c>), or <see langword="null"/> when none.</param>
/// <param name="PayTransactionId">Payment transaction id the order names (<c>payTransactionId</c>), or <see langword="null"/>.</param>
/// <param name="Logistics">Logistics enterprise the order is booked with.</param>
/// <param name="LogisticsNo">Waybill number the order is booked under (the planned shipment's tracking number).</param>
/// <param name="Agent">Declaring enterprise (<c>agentCode</c>/<c>agentName</c>).</param>
/// <param name="Buyer">The buyer.</param>
/// <param name="Consignee">The consignee.</param>
/// <param name="Freight">Freight charged to the buyer, not in the goods value (<c>freight</c>, N16,2), in <see cref="Currency"/>.</param>
/// <param name="Discount">Non-cash deductions: points, coupons (<c>discount</c>), ≥ 0.</param>
/// <param name="TaxTotal">Tax withheld in advance (<c>taxTotal</c>), ≥ 0.</param>
/// <param name="InsuredFee">Insurance fee (<c>insuredFee</c>), ≥ 0.</param>
/// <param name="Currency">ISO 4217 currency of the charges; the declaration requires CNY (customs code 142).</param>
public sealed record OrderDeclarationFacts(
    EnterpriseRef Platform,
    EnterpriseRef Ecommerce,
    EnterpriseRef? PaymentEnterprise,
    string? PayTransactionId,
    EnterpriseRef Logistics,
    string LogisticsNo,
    EnterpriseRef Agent,
    PersonIdentity Buyer,
    ConsigneeDetails Consignee,
    decimal Freight,
    decimal Discount,
    decimal TaxTotal,
    decimal InsuredFee,
    Money.CurrencyCode Currency);

/// <summary>
/// The payment enterprise's record of the payment (支付单 / 收款单): what CEB411 (import) or CEB403 (export receipt of
/// payment) declares, held apart from the order so the three-order check can compare them.
/// </summary>
/// <param name="PaymentEnterprise">Payment enterprise (<c>payCode</c>/<c>payName</c>).</param>
/// <param name="TransactionId">Payment transaction id (<c>payTransactionId</c>; <c>payNo</c> in CEB403).</param>
/// <param name="OrderNo">The order number the payment is for.</param>
/// <param name="Platform">The platform the payment names (<c>ebpCode</c> in CEB411), or <see langword="null"/>.</param>
/// <param name="Amount">Amount paid (<c>amountPaid</c>; <c>charge</c> in CEB403), N16,2, &gt; 0.</param>
/// <param name="Currency">ISO 4217 currency of <see cref="Amount"/>.</param>
/// <param name="Payer">The payer (<c>payerIdType</c>, <c>payerIdNumber</c>, <c>payerName</c>, <c>telephone</c>).</param>
/// <param name="PaidAt">When it was paid (<c>payTime</c>; <c>accountingDate</c> in CEB403).</param>
/// <param name="Breakdown">
/// The payment's own split into goods value, freight and tax when the payment enterprise records one; a Kuajing input for the
/// check, not a CEB411 field. <see langword="null"/> when not given (then only the total is compared).
/// </param>
public sealed record PaymentRecord(
    EnterpriseRef PaymentEnterprise,
    string TransactionId,
    string OrderNo,
    EnterpriseRef? Platform,
    decimal Amount,
    Money.CurrencyCode Currency,
    PersonIdentity Payer,
    Instant PaidAt,
    PaymentBreakdown? Breakdown);

/// <summary>A payment's split of its amount, in the payment's currency.</summary>
/// <param name="GoodsValue">Goods value paid for.</param>
/// <param name="Freight">Freight paid for.</param>
/// <param name="TaxTotal">Tax paid.</param>
public sealed record PaymentBreakdown(decimal GoodsValue, decimal Freight, decimal TaxTotal);

/// <summary>The logistics enterprise's electronic waybill (运单): what CEB505 (export) or CEB511 (import) declares.</summary>
/// <param name="Logistics">Logistics enterprise (<c>logisticsCode</c>/<c>logisticsName</c>).</param>
/// <param name="LogisticsNo">Waybill number (<c>logisticsNo</c>, ≤ 60 characters, unique per logistics enterprise for 6 months).</param>
/// <param name="OrderNo">The order number the waybill was booked for (a check input; not a CEB505/511 field).</param>
/// <param name="Ecommerce">The e-commerce enterprise the waybill names (<c>ebcCode</c>/<c>ebcName</c> in CEB505), or <see langword="null"/>.</param>
/// <param name="EcommerceTelephone">The e-commerce enterprise's telephone (<c>ebcTelephone</c>, CEB505), or <see langword="null"/>.</param>
/// <param name="Freight">Freight on the waybill (<c>freight</c>).</param>
/// <param name="InsuredFee">Insurance fee (<c>insuredFee</c>).</param>
/// <param name="Currency">ISO 4217 currency of the amounts.</param>
/// <param name="GrossWeight">Gross weight (kg, <c>grossWeight</c> / <c>weight</c>), &gt; 0.</param>
/// <param name="Packages">Packages (<c>packNo</c>), ≥ 1.</param>
/// <param name="Consignee">The consignee on the waybill.</param>
/// <param name="BillNo">Master transport document (ocean B/L, master AWB, truck manifest; <c>billNo</c>), or <see langword="null"/>.</param>
/// <param name="GoodsInfo">Main goods description (<c>goodsInfo</c>).</param>
public sealed record WaybillRecord(
    EnterpriseRef Logistics,
    string LogisticsNo,
    string OrderNo,
    EnterpriseRef? Ecommerce,
    string? EcommerceTelephone,
    decimal Freight,
    decimal InsuredFee,
    Money.CurrencyCode Currency,
    Mass GrossWeight,
    int Packages,
    ConsigneeDetails Consignee,
    string? BillNo,
    string GoodsInfo);

/// <summary>Where and how the goods are declared.</summary>
/// <param name="CustomsCode">Declaring customs (<c>customsCode</c>), four-digit customs district code.</param>
/// <param name="PortCode">Port customs of exit or entry (<c>portCode</c>), four-digit customs district code.</param>
/// <param name="Country">Country of destination (export) or departure (import) as a three-digit customs country code (<c>country</c>).</param>
/// <param name="TransportMode">Transport mode code (<c>trafMode</c>).</param>
/// <param name="AccountBookNo">Bonded account book number (<c>emsNo</c>), required by the bonded modes, else <see langword="null"/>.</param>
/// <param name="Area">Enterprise inside the zone (<c>areaCode</c>/<c>areaName</c>) for the bonded modes, else <see langword="null"/>.</param>
/// <param name="Assurer">Enterprise guaranteeing tax withholding (<c>assureCode</c>, import lists), else <see langword="null"/>.</param>
/// <param name="Destination">Destination country (ISO 3166-1) for documents; the buyer's country of the order.</param>
public sealed record DeclarationOffice(
    string CustomsCode,
    string PortCode,
    string Country,
    string TransportMode,
    string? AccountBookNo,
    EnterpriseRef? Area,
    EnterpriseRef? Assurer,
    CountryCode Destination);

/// <summary>The China customs classification of one seller SKU (the order's HS code, when any, is a 6-digit subheading).</summary>
/// <param name="Sku">Seller's SKU, as on the order line (<c>itemNo</c>).</param>
/// <param name="ChinaTariffCode">Ten-digit China tariff code (<c>gcode</c>; 10 digits is U in regulatory-facts.md).</param>
/// <param name="NameZh">Goods name in Chinese (<c>gname</c> / <c>itemName</c>).</param>
/// <param name="Model">Specification and model (<c>gmodel</c>).</param>
/// <param name="Unit">Declared unit, JGS-20 measurement unit code (<c>unit</c>).</param>
/// <param name="LegalUnit">First legal unit code (<c>unit1</c>).</param>
/// <param name="LegalQuantityPerUnit">Legal quantity per declared unit (for <c>qty1</c>), &gt; 0: 1 when the units agree, kg per unit when the legal unit is kg.</param>
/// <param name="OriginCountry">Country of origin, three-digit customs country code (<c>country</c> on the line).</param>
/// <param name="ItemRecordNo">Bonded item record number (<c>itemRecordNo</c>), required by the bonded modes.</param>
/// <param name="BarCode">Barcode (<c>barCode</c>), or <see langword="null"/>.</param>
public sealed record GoodsClassification(
    string Sku,
    string ChinaTariffCode,
    string NameZh,
    string Model,
    string Unit,
    string LegalUnit,
    decimal LegalQuantityPerUnit,
    string OriginCountry,
    string? ItemRecordNo,
    string? BarCode);

/// <summary>
/// 海外仓业务模式备案: the overseas-warehouse business filing a 9810 exporter holds with customs (GACC Announcement 2020 No. 75,
/// regulatory-facts.md §3.1). No CEB message carries it in the fact file; a 9810 declaration is refused without one.
/// </summary>
/// <param name="Filer">The exporting enterprise that filed.</param>
/// <param name="FilingNo">The filing's reference as customs gave it.</param>
/// <param name="WarehouseName">Overseas warehouse name (also written as <c>ebpName</c> of a W order, "海外仓名称").</param>
/// <param name="Country">Country of the warehouse.</param>
/// <param name="Address">Warehouse address.</param>
/// <param name="FiledOn">Date of the filing; the declaration date must not be earlier.</param>
public sealed record OverseasWarehouseFiling(EnterpriseCode Filer, string FilingNo, string WarehouseName, CountryCode Country, string Address, LocalDate FiledOn);

/// <summary>The transmitting enterprise of every message (<c>BaseTransfer</c>, regulatory-facts.md §3.3).</summary>
/// <param name="CopCode">Transmitting enterprise code (<c>copCode</c>).</param>
/// <param name="CopName">Its name (<c>copName</c>).</param>
/// <param name="DxpId">DXP user number (<c>dxpId</c>); <c>dxpMode</c> is always <c>DXP</c>.</param>
public sealed record BaseTransfer(EnterpriseCode CopCode, string CopName, string DxpId);

/// <summary>Everything a declaration needs besides the Kuajing order: one file per order (format in docs/china-customs.md).</summary>
/// <param name="OrderNo">Platform order number (<c>orderNo</c>, ≤ 60 characters); usually the invoice number.</param>
/// <param name="CopNo">Enterprise's internal number of the list declaration (<c>copNo</c>).</param>
/// <param name="Order">The order-side facts.</param>
/// <param name="Payment">The payment record, or <see langword="null"/> when the mode has no payment message and none was given.</param>
/// <param name="Waybill">The waybill record.</param>
/// <param name="Office">Declaring customs and codes.</param>
/// <param name="Goods">Classification per SKU; every order line's SKU must be here.</param>
/// <param name="Transfer">The transmitting enterprise.</param>
/// <param name="OverseasWarehouse">The 9810 filing, else <see langword="null"/>.</param>
/// <param name="BondedStoreIn">Bonded store-in movements to record before a bonded release (item record no. → quantity), may be empty.</param>
/// <param name="Source">Where the input was read (file name), for messages.</param>
public sealed record DeclarationInput(
    string OrderNo,
    string CopNo,
    OrderDeclarationFacts Order,
    PaymentRecord? Payment,
    WaybillRecord Waybill,
    DeclarationOffice Office,
    IReadOnlyList<GoodsClassification> Goods,
    BaseTransfer Transfer,
    OverseasWarehouseFiling? OverseasWarehouse,
    IReadOnlyList<(string ItemRecordNo, decimal Quantity)> BondedStoreIn,
    string Source);
