namespace Kuajing.Tracking.Events;

/// <summary>
/// The DCSA Track &amp; Trace fields of an event (DCSA TNT 2.2.0 and 3.0.0). Codes are kept as the message wrote them.
/// </summary>
public sealed record DcsaEventDetails
{
    /// <summary>The DCSA event type as written: <c>SHIPMENT</c>, <c>TRANSPORT</c>, <c>EQUIPMENT</c>, <c>IOT</c>, <c>REEFER</c>.</summary>
    public required string EventTypeCode { get; init; }

    /// <summary>
    /// The type-specific event code: <c>shipmentEventTypeCode</c> (RECE, DRFT, CONF, HOLD, RELS...),
    /// <c>transportEventTypeCode</c> (ARRI, DEPA), <c>equipmentEventTypeCode</c> (LOAD, DISC, GTIN, GTOT...),
    /// <c>iotEventTypeCode</c> or <c>reeferEventTypeCode</c>.
    /// </summary>
    public required string EventCode { get; init; }

    /// <summary>SHIPMENT events: <c>documentTypeCode</c> of the document the event is about (BKG, TRD, SHI, CUS...); v3 uses the main document reference's type.</summary>
    public string? DocumentTypeCode { get; init; }

    /// <summary>SHIPMENT events: <c>documentID</c> (v2.2) or the main document reference (v3).</summary>
    public string? DocumentId { get; init; }

    /// <summary><c>documentReferences</c> (v2.2) or <c>shipmentDetails.documentReference</c> + <c>additionalDocumentReferences</c> (v3).</summary>
    public IReadOnlyList<TypedIdentifier> DocumentReferences { get; init; } = [];

    /// <summary>EQUIPMENT / IOT / REEFER events: the container number (ISO 6346), e.g. <c>APZU4812090</c>.</summary>
    public string? EquipmentReference { get; init; }

    /// <summary>ISO 6346 size/type code, e.g. <c>22GP</c>.</summary>
    public string? IsoEquipmentCode { get; init; }

    /// <summary><c>EMPTY</c> or <c>LADEN</c>.</summary>
    public string? EmptyIndicatorCode { get; init; }

    /// <summary>The transport call the event happened at; <see langword="null"/> when not given.</summary>
    public DcsaTransportCall? TransportCall { get; init; }

    /// <summary>v2.2 <c>delayReasonCode</c> / v3 <c>delayReasonCodes</c> (SMDG delay reason codes).</summary>
    public IReadOnlyList<string> DelayReasonCodes { get; init; } = [];

    /// <summary>Free-text remark on a change (<c>changeRemark</c>) or reason (<c>reason</c>).</summary>
    public string? Remark { get; init; }
}

/// <summary>A DCSA transport call: a vessel (or other conveyance) calling at a location on a voyage.</summary>
/// <param name="TransportCallId">v2.2 <c>transportCallID</c> or v3 <c>transportCallReference</c>.</param>
/// <param name="UnLocode">UN/LOCODE of the call.</param>
/// <param name="ModeOfTransport">VESSEL, RAIL, TRUCK, BARGE...</param>
/// <param name="CarrierServiceCode">The carrier's service code.</param>
/// <param name="ExportVoyageNumber">The carrier's export voyage number.</param>
/// <param name="ImportVoyageNumber">The carrier's import voyage number.</param>
/// <param name="SequenceNumber">The call's sequence number on the voyage, ≥ 1, when given.</param>
/// <param name="Vessel">The vessel, when the mode is VESSEL and the message names it.</param>
public sealed record DcsaTransportCall(
    string? TransportCallId,
    string? UnLocode,
    string? ModeOfTransport,
    string? CarrierServiceCode,
    string? ExportVoyageNumber,
    string? ImportVoyageNumber,
    int? SequenceNumber,
    DcsaVessel? Vessel);

/// <summary>A vessel named in a DCSA transport call.</summary>
/// <param name="ImoNumber">IMO ship identification number (7 digits, the last a check digit: SOLAS XI-1/3, IMO Res. A.1117(30)).</param>
/// <param name="Name">Vessel name.</param>
/// <param name="Flag">Flag state, ISO 3166-1 alpha-2.</param>
/// <param name="CallSign">Radio call sign.</param>
public sealed record DcsaVessel(string? ImoNumber, string? Name, string? Flag, string? CallSign);
