namespace Kuajing.Timeline;

/// <summary>
/// One accepted tracking event on a shipment's timeline, as stored. <see cref="LedgerIndex"/> is its position in the
/// append-only Merkle log; <see cref="CanonicalHash"/> (SHA-256 of <see cref="Payload"/>, 32 bytes) is the leaf data.
/// </summary>
public sealed class TimelineEventRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Position in the ledger, 0-based, dense and unique: the order of acceptance.</summary>
    public long LedgerIndex { get; set; }

    /// <summary>De-duplication key: <c>id:</c> + the source's event id, else <c>hash:</c> + the canonical event hash.</summary>
    public required string EventKey { get; set; }

    /// <summary>
    /// The Kuajing S10 number of the shipment the event belongs to; <see langword="null"/> when it arrived under a
    /// consolidation number (air waybill, bill of lading, container) shared by several shipments: it then shows on the
    /// timeline of every shipment linked to <see cref="CarrierNumber"/>.
    /// </summary>
    public string? ShipmentNumber { get; set; }

    /// <summary>The normalised number the event arrived under (letters and digits, upper case), if not the shipment's own.</summary>
    public string? CarrierNumber { get; set; }

    /// <summary>When the event happened (UTC); the timeline is ordered by this, not by arrival.</summary>
    public DateTime EventTimeUtc { get; set; }

    /// <summary>The UTC offset the source stated for the event time, minutes.</summary>
    public int EventTimeOffsetMinutes { get; set; }

    /// <summary>When Kuajing accepted the event (UTC).</summary>
    public DateTime RecordedAtUtc { get; set; }

    /// <summary>Canonical milestone name (PickedUp, Departed, Delivered …).</summary>
    public required string Milestone { get; set; }

    /// <summary>Where it happened: UN/LOCODE, node code or a place name; <see langword="null"/> when the source gives none.</summary>
    public string? Location { get; set; }

    /// <summary>Source format (e.g. <c>epcis-2.0-json</c>, <c>dcsa-2.2</c>, <c>carrier:easypost</c>).</summary>
    public required string SourceFormat { get; set; }

    /// <summary>Where in the source document the event was read (file and JSON pointer or XML path).</summary>
    public required string SourceRef { get; set; }

    /// <summary>The canonical JSON of the event (the ledger leaf's pre-image).</summary>
    public required string Payload { get; set; }

    /// <summary>SHA-256 of the UTF-8 <see cref="Payload"/>, 32 bytes.</summary>
    public required byte[] CanonicalHash { get; set; }
}

/// <summary>A signed tree head of the ledger (RFC 9162 style), kept so any later head can be proven consistent with it.</summary>
public sealed class TreeHeadRecord
{
    /// <summary>Number of leaves covered, ≥ 1 (key).</summary>
    public long TreeSize { get; set; }

    /// <summary>When the head was signed (UTC).</summary>
    public DateTime SignedAtUtc { get; set; }

    /// <summary>Merkle tree hash of the first <see cref="TreeSize"/> leaves, 32 bytes.</summary>
    public required byte[] RootHash { get; set; }

    /// <summary>Signature over the head's canonical encoding (see <c>docs/ledger.md</c>).</summary>
    public required byte[] Signature { get; set; }

    /// <summary>Identifier of the signing key (SHA-256 of its public key, hex).</summary>
    public required string KeyId { get; set; }
}

/// <summary>A carrier's number for one leg, linked to the shipment's Kuajing number (one number, end to end).</summary>
public sealed class NumberLinkRecord
{
    /// <summary>The carrier's number, normalised (letters and digits, upper case). With <see cref="ShipmentNumber"/> the key:
    /// a consolidation number (master air waybill, container) links many shipments.</summary>
    public required string CarrierNumber { get; set; }

    /// <summary>Kind of number (AirWaybill, BillOfLading, Container, RailConsignmentNote, PostalS10, LastMile …).</summary>
    public required string Kind { get; set; }

    /// <summary>The shipment's Kuajing S10 number.</summary>
    public required string ShipmentNumber { get; set; }

    /// <summary>Leg sequence the number belongs to, 1-based; 0 for the whole shipment.</summary>
    public int LegSequence { get; set; }
}
