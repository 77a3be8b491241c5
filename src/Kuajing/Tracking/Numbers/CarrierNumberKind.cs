namespace Kuajing.Tracking.Numbers;

/// <summary>The kind of number a leg's carrier identifies the goods by.</summary>
public enum CarrierNumberKind
{
    /// <summary>IATA air waybill number (master or house AWB); check digit mod 7 (<see cref="AirWaybillNumber"/>). May cover many shipments.</summary>
    AirWaybill,

    /// <summary>Ocean bill of lading number, SCAC + reference; form only, no check digit (<see cref="BillOfLadingNumber"/>). May cover many shipments.</summary>
    BillOfLading,

    /// <summary>ISO 6346 container number; check digit mod 11 (<see cref="ContainerNumber"/>). May carry many shipments.</summary>
    Container,

    /// <summary>CIM rail consignment note sending identifier; Luhn check digit on the consignment number (<see cref="RailConsignmentNoteNumber"/>). May cover many shipments.</summary>
    CimConsignmentNote,

    /// <summary>SMGS rail consignment note number; form only, no public check digit (<see cref="RailConsignmentNoteNumber"/>). May cover many shipments.</summary>
    SmgsConsignmentNote,

    /// <summary>A postal operator's UPU S10 item number (<see cref="S10TrackingNumber"/>, issuer country checked). Identifies one parcel, so one shipment.</summary>
    PostalS10,

    /// <summary>A last-mile courier's parcel number, validated against the courier formats of <see cref="TrackingNumberFormats"/>. Identifies one parcel, so one shipment.</summary>
    LastMile,
}

/// <summary>Properties of <see cref="CarrierNumberKind"/>.</summary>
public static class CarrierNumberKinds
{
    /// <summary>
    /// Whether a number of this kind identifies one parcel (S10, last-mile) and therefore at most one shipment;
    /// consolidation documents (AWB, B/L, container, rail notes) may link many shipments.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True for <see cref="CarrierNumberKind.PostalS10"/> and <see cref="CarrierNumberKind.LastMile"/>.</returns>
    public static bool IdentifiesOneParcel(this CarrierNumberKind kind) =>
        kind is CarrierNumberKind.PostalS10 or CarrierNumberKind.LastMile;
}
