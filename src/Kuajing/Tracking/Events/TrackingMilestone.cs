namespace Kuajing.Tracking.Events;

/// <summary>
/// The canonical milestones of a cross-border parcel (Kuajing issue #3, point 1). Every source format
/// (GS1 CBV 2.0 business steps and dispositions, DCSA Track &amp; Trace event codes, carrier status codes)
/// maps onto these; the tables are in <c>docs/tracking-events.md</c>.
/// </summary>
public enum TrackingMilestone
{
    /// <summary>The source code is not known to any mapping table (an unmapped carrier status, an unknown CBV step).</summary>
    Other = 0,

    /// <summary>A known code that is deliberately not a milestone (label created, booking confirmed, container gate-in, sensor reading).</summary>
    Info,

    /// <summary>The carrier took possession of the parcel from the shipper.</summary>
    PickedUp,

    /// <summary>
    /// Held by export customs in the country of dispatch (e.g. a China customs CEB receipt with status 500 inspection or
    /// 501–599 held on an export list, docs/china-customs.md §7). Released by <see cref="ExportCleared"/>. Ordered before
    /// it: a hold comes before the clearance that ends it (the ETA ranks milestones of one leg in this order).
    /// </summary>
    ExportCustomsHeld,

    /// <summary>Export customs formalities completed in the country of dispatch.</summary>
    ExportCleared,

    /// <summary>The parcel (or the vessel, aircraft, train or truck carrying it) left a facility or port.</summary>
    Departed,

    /// <summary>The parcel (or its conveyance) arrived at a facility or port.</summary>
    Arrived,

    /// <summary>Held by import customs in the destination country (a DCSA customs hold is read as this side: see the caveat on DCSA customs codes in the docs).</summary>
    ImportCustomsHeld,

    /// <summary>Released by customs after a hold or on clearance (import side).</summary>
    ImportCustomsReleased,

    /// <summary>On the last-mile vehicle for delivery to the consignee.</summary>
    OutForDelivery,

    /// <summary>Delivered to the consignee or collected by them from a pick-up point.</summary>
    Delivered,

    /// <summary>A delivery attempt failed, or the carrier reports a failure it cannot recover from.</summary>
    DeliveryFailed,

    /// <summary>Returned (or on its way back) to the shipper.</summary>
    Returned,
}

/// <summary>Which kind of source event a <see cref="TrackingEvent"/> was read from.</summary>
public enum TrackingEventType
{
    /// <summary>GS1 EPCIS 2.0 ObjectEvent (EPCIS 2.0 §7.4.2).</summary>
    ObjectEvent,

    /// <summary>GS1 EPCIS 2.0 AggregationEvent (EPCIS 2.0 §7.4.3).</summary>
    AggregationEvent,

    /// <summary>GS1 EPCIS 2.0 TransactionEvent (EPCIS 2.0 §7.4.5).</summary>
    TransactionEvent,

    /// <summary>GS1 EPCIS 2.0 TransformationEvent (EPCIS 2.0 §7.4.6).</summary>
    TransformationEvent,

    /// <summary>GS1 EPCIS 2.0 AssociationEvent (EPCIS 2.0 §7.4.4).</summary>
    AssociationEvent,

    /// <summary>DCSA Track &amp; Trace SHIPMENT event (booking / document milestones).</summary>
    DcsaShipment,

    /// <summary>DCSA Track &amp; Trace TRANSPORT event (vessel arrival / departure at a transport call).</summary>
    DcsaTransport,

    /// <summary>DCSA Track &amp; Trace EQUIPMENT event (container load, discharge, gate in/out...).</summary>
    DcsaEquipment,

    /// <summary>DCSA Track &amp; Trace v3.0 IOT event (container sensor detection).</summary>
    DcsaIot,

    /// <summary>DCSA Track &amp; Trace v3.0 REEFER event (reefer measurement / adjustment).</summary>
    DcsaReefer,

    /// <summary>A status update from a carrier feed (karrio-style plugin in <c>Kuajing.Tracking.Carriers</c>).</summary>
    CarrierStatus,
}

/// <summary>
/// Whether the event happened, is expected, or is planned: DCSA <c>eventClassifierCode</c> ACT / EST / PLN.
/// EPCIS events and carrier scans are always <see cref="Actual"/>.
/// </summary>
public enum EventClassifier
{
    /// <summary>ACT: the event happened.</summary>
    Actual,

    /// <summary>EST: an estimate (e.g. an ETA) that later events may revise.</summary>
    Estimated,

    /// <summary>PLN: a planned time from a schedule.</summary>
    Planned,
}

/// <summary>The format a tracking event was read from.</summary>
public enum EventSourceFormat
{
    /// <summary>GS1 EPCIS 2.0 JSON / JSON-LD.</summary>
    EpcisJson,

    /// <summary>GS1 EPCIS 2.0 XML.</summary>
    EpcisXml,

    /// <summary>DCSA Track &amp; Trace 2.2 (JSON array of events).</summary>
    DcsaV22,

    /// <summary>DCSA Track &amp; Trace 3.0 (<c>{ "events": [...] }</c>).</summary>
    DcsaV30,

    /// <summary>A carrier's own tracking payload, read by a carrier plugin.</summary>
    Carrier,

    /// <summary>A customs authority's receipt (回执), e.g. a China customs cross-border e-commerce CEB receipt (<c>Kuajing.Customs.China.CustomsReceiptEvents</c>).</summary>
    Customs,
}

/// <summary>EPCIS <c>action</c> (EPCIS 2.0 §7.3.2): how the event relates to the lifecycle of the identified objects.</summary>
public enum EpcisAction
{
    /// <summary>ADD: the objects were created / added.</summary>
    Add,

    /// <summary>OBSERVE: the objects were seen, with no change.</summary>
    Observe,

    /// <summary>DELETE: the objects were removed / decommissioned.</summary>
    Delete,
}
