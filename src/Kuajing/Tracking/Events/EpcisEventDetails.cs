using NodaTime;

namespace Kuajing.Tracking.Events;

/// <summary>
/// The GS1 EPCIS 2.0 fields of an event (EPCIS 2.0 §7.4, CBV 2.0). Vocabulary values (bizStep, disposition, business
/// transaction / source / destination types) are kept as the document wrote them (URN, Web URI or bare CBV term);
/// <see cref="CbvVocabulary.ShortName(string?)"/> reduces them to the bare CBV term.
/// </summary>
public sealed record EpcisEventDetails
{
    /// <summary><c>action</c>; <see langword="null"/> for TransformationEvent (which has none).</summary>
    public EpcisAction? Action { get; init; }

    /// <summary><c>bizStep</c>, e.g. <c>urn:epcglobal:cbv:bizstep:shipping</c> or <c>shipping</c>.</summary>
    public string? BizStep { get; init; }

    /// <summary><c>disposition</c>, e.g. <c>in_transit</c>.</summary>
    public string? Disposition { get; init; }

    /// <summary><c>readPoint</c> id.</summary>
    public string? ReadPoint { get; init; }

    /// <summary><c>bizLocation</c> id.</summary>
    public string? BizLocation { get; init; }

    /// <summary><c>epcList</c> (ObjectEvent, TransactionEvent).</summary>
    public IReadOnlyList<string> EpcList { get; init; } = [];

    /// <summary><c>parentID</c> (Aggregation, Transaction, Association events).</summary>
    public string? ParentId { get; init; }

    /// <summary><c>childEPCs</c> (Aggregation, Association events).</summary>
    public IReadOnlyList<string> ChildEpcs { get; init; } = [];

    /// <summary><c>inputEPCList</c> (TransformationEvent).</summary>
    public IReadOnlyList<string> InputEpcList { get; init; } = [];

    /// <summary><c>outputEPCList</c> (TransformationEvent).</summary>
    public IReadOnlyList<string> OutputEpcList { get; init; } = [];

    /// <summary><c>quantityList</c>.</summary>
    public IReadOnlyList<QuantityElement> QuantityList { get; init; } = [];

    /// <summary><c>childQuantityList</c>.</summary>
    public IReadOnlyList<QuantityElement> ChildQuantityList { get; init; } = [];

    /// <summary><c>inputQuantityList</c>.</summary>
    public IReadOnlyList<QuantityElement> InputQuantityList { get; init; } = [];

    /// <summary><c>outputQuantityList</c>.</summary>
    public IReadOnlyList<QuantityElement> OutputQuantityList { get; init; } = [];

    /// <summary><c>transformationID</c>.</summary>
    public string? TransformationId { get; init; }

    /// <summary><c>bizTransactionList</c>.</summary>
    public IReadOnlyList<TypedIdentifier> BizTransactions { get; init; } = [];

    /// <summary><c>sourceList</c> (type is a CBV source/destination type such as <c>owning_party</c>).</summary>
    public IReadOnlyList<TypedIdentifier> Sources { get; init; } = [];

    /// <summary><c>destinationList</c>.</summary>
    public IReadOnlyList<TypedIdentifier> Destinations { get; init; } = [];

    /// <summary><c>persistentDisposition/set</c>.</summary>
    public IReadOnlyList<string> PersistentDispositionSet { get; init; } = [];

    /// <summary><c>persistentDisposition/unset</c>.</summary>
    public IReadOnlyList<string> PersistentDispositionUnset { get; init; } = [];

    /// <summary><c>errorDeclaration</c>: present when this event declares an earlier event erroneous (EPCIS 2.0 §7.4.1.2).</summary>
    public EpcisErrorDeclaration? ErrorDeclaration { get; init; }

    /// <summary>
    /// <c>sensorElementList</c> as raw text, not modelled further: the JSON array text for JSON-LD documents, the XML
    /// <c>&lt;sensorElementList&gt;</c> element text for XML documents. <see langword="null"/> when absent.
    /// </summary>
    public string? SensorElementListRaw { get; init; }

    /// <summary><c>ilmd</c> as raw text (JSON object or XML element); <see langword="null"/> when absent.</summary>
    public string? IlmdRaw { get; init; }

    /// <summary>
    /// A format-neutral view of the parts not modelled (sensor elements, ILMD, user extensions): sorted <c>path=value</c>
    /// leaves with namespace prefixes expanded to their URIs, for queries and display (the event hash is computed from the
    /// full event tree, see <see cref="EpcisEventHash"/>).
    /// </summary>
    public IReadOnlyList<string> ExtensionLeaves { get; init; } = [];
}

/// <summary>An EPCIS quantity element (EPCIS 2.0 §7.3.3.3).</summary>
/// <param name="EpcClass">The class identifier (LGTIN / GTIN URN or GS1 Digital Link).</param>
/// <param name="Quantity">The quantity, ≥ 0; <see langword="null"/> when the source gave none (a count of unknown size).</param>
/// <param name="Uom">UN/ECE Recommendation 20 unit code (e.g. <c>KGM</c>); <see langword="null"/> means a count of instances.</param>
public sealed record QuantityElement(string EpcClass, decimal? Quantity, string? Uom);

/// <summary>An identifier with a CBV type: a business transaction, a source or a destination.</summary>
/// <param name="Type">The CBV type (e.g. <c>urn:epcglobal:cbv:btt:po</c>, <c>owning_party</c>); <see langword="null"/> when untyped (allowed for business transactions).</param>
/// <param name="Value">The identifier.</param>
public sealed record TypedIdentifier(string? Type, string Value);

/// <summary>An EPCIS error declaration (EPCIS 2.0 §7.4.1.2).</summary>
/// <param name="DeclarationTime">When the error was declared.</param>
/// <param name="Reason">CBV error reason (e.g. <c>incorrect_data</c>); <see langword="null"/> when not given.</param>
/// <param name="CorrectiveEventIds">The eventIDs of the events that correct this one.</param>
public sealed record EpcisErrorDeclaration(Instant DeclarationTime, string? Reason, IReadOnlyList<string> CorrectiveEventIds);
