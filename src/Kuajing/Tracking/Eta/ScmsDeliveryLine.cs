using NodaTime;

namespace Kuajing.Tracking.Eta;

/// <summary>
/// Shipment mode of a line in the USAID SCMS Delivery History dataset (column <c>Shipment Mode</c>).
/// Source: USAID "Supply Chain Shipment Pricing Data" (SCMS Delivery History Dataset, 2019-10-08 release), see <c>data/eta/SOURCE.md</c>.
/// </summary>
public enum ScmsShipmentMode
{
    /// <summary>Scheduled air freight (<c>Air</c>).</summary>
    Air,

    /// <summary>Chartered aircraft (<c>Air Charter</c>).</summary>
    AirCharter,

    /// <summary>Road freight (<c>Truck</c>).</summary>
    Truck,

    /// <summary>Ocean freight (<c>Ocean</c>).</summary>
    Ocean,
}

/// <summary>
/// One parsed line item of the USAID SCMS Delivery History dataset, reduced to the fields the lead-time model
/// uses. Dates are calendar dates without time (the source gives none). Source: USAID SCMS Delivery History
/// Dataset (2019-10-08 release, public domain US government work), bundled as <c>data/eta/scms-delivery-history.csv.gz</c>.
/// </summary>
/// <param name="SourceLine">1-based line in the CSV (the header is line 1).</param>
/// <param name="Id">The dataset's <c>ID</c> (positive integer).</param>
/// <param name="AsnDn">Advance shipping notice / delivery note number (<c>ASN/DN #</c>, e.g. <c>ASN-8</c>); groups the lines of one physical shipment.</param>
/// <param name="PurchaseOrder">Purchase or sales order number (<c>PO / SO #</c>).</param>
/// <param name="Country">Destination country name as written in the source (e.g. <c>Côte d'Ivoire</c>).</param>
/// <param name="FulfilVia">How the order was fulfilled: <c>Direct Drop</c> (from the vendor) or <c>From RDC</c> (from a regional distribution centre).</param>
/// <param name="VendorIncoterm">Vendor Incoterm as written (e.g. <c>EXW</c>, <c>DDP</c>, <c>N/A - From RDC</c>).</param>
/// <param name="Mode">Shipment mode.</param>
/// <param name="PqFirstSent">Date the price quote was first sent to the client; <see langword="null"/> when the source gives text (e.g. <c>Pre-PQ Process</c>).</param>
/// <param name="PoSentToVendor">Date the PO was sent to the vendor; <see langword="null"/> when the source gives text (e.g. <c>Date Not Captured</c>).</param>
/// <param name="Scheduled">Scheduled delivery date (the plan the model is compared with).</param>
/// <param name="Delivered">Actual date delivered to the client.</param>
/// <param name="WeightKg">Line weight in kg; <see langword="null"/> when the source gives text instead (see <paramref name="WeightNote"/>).</param>
/// <param name="WeightNote">The non-numeric weight text (e.g. <c>Weight Captured Separately</c>, <c>See ASN-93 (ID#:1281)</c>), else <see langword="null"/>.</param>
/// <param name="FreightUsd">Freight cost in USD; <see langword="null"/> when the source gives text instead (see <paramref name="FreightNote"/>).</param>
/// <param name="FreightNote">The non-numeric freight text (e.g. <c>Freight Included in Commodity Cost</c>, <c>Invoiced Separately</c>), else <see langword="null"/>.</param>
public sealed record ScmsDeliveryLine(
    int SourceLine,
    int Id,
    string AsnDn,
    string PurchaseOrder,
    string Country,
    string FulfilVia,
    string VendorIncoterm,
    ScmsShipmentMode Mode,
    LocalDate? PqFirstSent,
    LocalDate? PoSentToVendor,
    LocalDate Scheduled,
    LocalDate Delivered,
    decimal? WeightKg,
    string? WeightNote,
    decimal? FreightUsd,
    string? FreightNote)
{
    /// <summary>Actual minus scheduled delivery, in whole days (negative = delivered early).</summary>
    public int DelayDays => Period.Between(Scheduled, Delivered, PeriodUnits.Days).Days;
}

/// <summary>A source line the reader did not turn into a <see cref="ScmsDeliveryLine"/>, with the reason.</summary>
/// <param name="Line">1-based line in the CSV (the header is line 1).</param>
/// <param name="Id">The row's <c>ID</c> text (may be empty).</param>
/// <param name="Field">The column at fault.</param>
/// <param name="Reason">What was found and what was expected.</param>
public sealed record ScmsSkippedRow(int Line, string Id, string Field, string Reason);

/// <summary>Result of reading the SCMS Delivery History: the usable lines and every skipped row with its reason.</summary>
/// <param name="Path">File as opened.</param>
/// <param name="Lines">Parsed lines in file order.</param>
/// <param name="Skipped">Rows left out, in file order.</param>
public sealed record ScmsReadResult(string Path, IReadOnlyList<ScmsDeliveryLine> Lines, IReadOnlyList<ScmsSkippedRow> Skipped);
