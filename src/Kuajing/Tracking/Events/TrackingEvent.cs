using NodaTime;

namespace Kuajing.Tracking.Events;

/// <summary>
/// One tracking event on a shipment's timeline, whoever reported it: a GS1 EPCIS 2.0 event, a DCSA
/// Track &amp; Trace event or a carrier status scan. The common core (time, milestone, location, references,
/// source) is filled for every event; <see cref="Epcis"/>, <see cref="Dcsa"/> and <see cref="Carrier"/> keep
/// the fields of the source standard that have no common meaning.
/// </summary>
/// <remarks>
/// Aligned with GS1 EPCIS 2.0 / CBV 2.0 (ratified June 2022) and DCSA Track &amp; Trace 2.2 / 3.0.
/// Immutable; safe to share between threads.
/// </remarks>
public sealed record TrackingEvent
{
    /// <summary>The source's own event id (EPCIS <c>eventID</c>, DCSA <c>eventID</c>); <see langword="null"/> when the source gave none (EPCIS makes it optional).</summary>
    public string? EventId { get; init; }

    /// <summary>
    /// A content hash of the event, for de-duplication when <see cref="EventId"/> is absent. For EPCIS events this is the
    /// GS1 EPCIS Event Hash ID (GS1 CBV 2.0 §8.9, <c>ni:///sha-256;&lt;64 hex&gt;?ver=CBV2.0</c>, see <see cref="EpcisEventHash"/>):
    /// equal for the XML and JSON-LD forms of one event. GS1 defines no hash for DCSA and carrier events, so theirs is
    /// Kuajing's own SHA-256 over the source's identifying fields (<c>kj:sha256:&lt;64 hex&gt;</c>). At most 89 characters.
    /// </summary>
    public required string ContentHash { get; init; }

    /// <summary>The key the capture layer de-duplicates on: <see cref="EventId"/> when present, else <see cref="ContentHash"/>.</summary>
    public string DeduplicationKey => EventId ?? ContentHash;

    /// <summary>Which kind of source event this is.</summary>
    public required TrackingEventType Type { get; init; }

    /// <summary>When the event happened (EPCIS <c>eventTime</c>, DCSA <c>eventDateTime</c>, carrier scan time), as an instant.</summary>
    public required Instant EventTime { get; init; }

    /// <summary>
    /// The local UTC offset the source stated for <see cref="EventTime"/> (EPCIS <c>eventTimeZoneOffset</c>, else the offset
    /// written in the timestamp; <see cref="Offset.Zero"/> for <c>Z</c> timestamps). Range −18:00 to +18:00.
    /// </summary>
    public required Offset EventTimeOffset { get; init; }

    /// <summary>When the source system recorded the event (EPCIS <c>recordTime</c>, DCSA <c>eventCreatedDateTime</c> / <c>eventUpdatedDateTime</c>); <see langword="null"/> when not given.</summary>
    public Instant? RecordTime { get; init; }

    /// <summary>Actual, estimated or planned (DCSA <c>eventClassifierCode</c>); always <see cref="EventClassifier.Actual"/> for EPCIS and carrier events.</summary>
    public EventClassifier Classifier { get; init; } = EventClassifier.Actual;

    /// <summary>The canonical milestone this event maps to (tables in <c>docs/tracking-events.md</c>).</summary>
    public required TrackingMilestone Milestone { get; init; }

    /// <summary>Where the event happened, as far as the source says; <see cref="EventLocation.Unknown"/> when it says nothing.</summary>
    public EventLocation Location { get; init; } = EventLocation.Unknown;

    /// <summary>
    /// The identifiers this event is about (EPCs, booking and transport-document numbers, container numbers, carrier tracking
    /// numbers). The capture layer links any of them to a shipment's Kuajing number.
    /// </summary>
    public IReadOnlyList<ShipmentReference> References { get; init; } = [];

    /// <summary>Where the event was read from (format, document, pointer to the event inside it).</summary>
    public required EventSource Source { get; init; }

    /// <summary>EPCIS-specific fields; <see langword="null"/> for non-EPCIS events.</summary>
    public EpcisEventDetails? Epcis { get; init; }

    /// <summary>DCSA-specific fields; <see langword="null"/> for non-DCSA events.</summary>
    public DcsaEventDetails? Dcsa { get; init; }

    /// <summary>Carrier-feed fields; <see langword="null"/> for non-carrier events.</summary>
    public CarrierEventDetails? Carrier { get; init; }

    /// <summary>The event time as the source wrote it locally: <see cref="EventTime"/> at <see cref="EventTimeOffset"/>.</summary>
    public OffsetDateTime LocalEventTime => EventTime.WithOffset(EventTimeOffset);
}

/// <summary>Where a tracking event was read from.</summary>
/// <param name="Format">The source format.</param>
/// <param name="Document">The file path or URL of the document (as given to the reader; may be a label such as <c>"stdin"</c>).</param>
/// <param name="Locator">Where the event is inside the document: an RFC 6901 JSON pointer (<c>/epcisBody/eventList/3</c>) for JSON, <c>line N</c> for XML.</param>
public sealed record EventSource(EventSourceFormat Format, string Document, string Locator)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Document}#{Locator} ({Format})";
}

/// <summary>A place an event happened at. All parts are optional; unknown parts are <see langword="null"/>, never empty strings.</summary>
/// <param name="UnLocode">UN/LOCODE (5 characters: ISO 3166-1 country + 3 location characters), e.g. <c>FRPAR</c>.</param>
/// <param name="Identifier">A location identifier of another scheme: EPCIS readPoint / bizLocation (SGLN URN or GS1 Digital Link), DCSA facility code.</param>
/// <param name="Name">Free-text name (DCSA <c>locationName</c>).</param>
/// <param name="City">City (carrier scans, DCSA address).</param>
/// <param name="Region">State / region.</param>
/// <param name="PostalCode">Postal code.</param>
/// <param name="Country">Country as the source wrote it (ISO 3166-1 alpha-2 when the source uses it, else free text).</param>
public sealed record EventLocation(
    string? UnLocode = null,
    string? Identifier = null,
    string? Name = null,
    string? City = null,
    string? Region = null,
    string? PostalCode = null,
    string? Country = null)
{
    /// <summary>A location the source did not state.</summary>
    public static EventLocation Unknown { get; } = new();

    /// <summary>True when no part of the location is known.</summary>
    public bool IsUnknown => UnLocode is null && Identifier is null && Name is null && City is null && Region is null && PostalCode is null && Country is null;
}

/// <summary>An identifier an event refers to.</summary>
/// <param name="Kind">
/// What the value is: <c>epc</c>, <c>parentID</c>, <c>epcClass</c>, <c>bizTransaction</c> (EPCIS); the DCSA document type code
/// (<c>BKG</c>, <c>TRD</c>, ...), <c>EQ</c> for equipment (container) numbers, or another DCSA reference type; <c>tracking</c>
/// for a carrier tracking number.
/// </param>
/// <param name="Value">The identifier as the source wrote it (trimmed).</param>
public sealed record ShipmentReference(string Kind, string Value);
