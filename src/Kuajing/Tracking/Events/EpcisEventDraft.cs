using NodaTime;

namespace Kuajing.Tracking.Events;

/// <summary>Fields of one EPCIS event as read from JSON or XML, before validation; turned into a <see cref="TrackingEvent"/> by <see cref="Build"/>.</summary>
internal sealed class EpcisEventDraft
{
    public string? TypeName { get; set; }
    public string? EventId { get; set; }
    public string? EventTime { get; set; }
    public string? EventTimeZoneOffset { get; set; }
    public string? RecordTime { get; set; }
    public string? Action { get; set; }
    public string? BizStep { get; set; }
    public string? Disposition { get; set; }
    public string? ReadPoint { get; set; }
    public string? BizLocation { get; set; }
    public string? ParentId { get; set; }
    public string? TransformationId { get; set; }
    public List<string> EpcList { get; } = [];
    public List<string> ChildEpcs { get; } = [];
    public List<string> InputEpcs { get; } = [];
    public List<string> OutputEpcs { get; } = [];
    public List<(string Class, string? Quantity, string? Uom)> Quantities { get; } = [];
    public List<(string Class, string? Quantity, string? Uom)> ChildQuantities { get; } = [];
    public List<(string Class, string? Quantity, string? Uom)> InputQuantities { get; } = [];
    public List<(string Class, string? Quantity, string? Uom)> OutputQuantities { get; } = [];
    public List<TypedIdentifier> BizTransactions { get; } = [];
    public List<TypedIdentifier> Sources { get; } = [];
    public List<TypedIdentifier> Destinations { get; } = [];
    public List<string> PersistentSet { get; } = [];
    public List<string> PersistentUnset { get; } = [];
    public string? ErrorDeclarationTime { get; set; }
    public string? ErrorReason { get; set; }
    public List<string> CorrectiveEventIds { get; } = [];
    public bool HasErrorDeclaration { get; set; }
    public string? SensorRaw { get; set; }
    public string? IlmdRaw { get; set; }
    public List<string> ExtensionLeaves { get; } = [];

    /// <summary>The GS1 EPCIS Event Hash ID computed by the reader from the event's format-neutral tree.</summary>
    public required string HashId { get; init; }

    /// <summary>Validates and builds the event; adds one error per problem and returns <see langword="null"/> when the event is unusable.</summary>
    public TrackingEvent? Build(EventSource source, int index, List<EventParseError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string reason) => errors.Add(new EventParseError(source.Document, index, field, reason));

        TrackingEventType? type = TypeName switch
        {
            "ObjectEvent" => TrackingEventType.ObjectEvent,
            "AggregationEvent" => TrackingEventType.AggregationEvent,
            "TransactionEvent" => TrackingEventType.TransactionEvent,
            "TransformationEvent" => TrackingEventType.TransformationEvent,
            "AssociationEvent" => TrackingEventType.AssociationEvent,
            _ => null,
        };
        if (type is null)
        {
            Fail("type", $"'{TypeName}' is not an EPCIS 2.0 event type (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent)");
        }

        OffsetDateTime eventTime = default;
        if (EventTime is null)
        {
            Fail("eventTime", "is required (EPCIS 2.0 §7.4.1)");
        }
        else if (!IsoTime.TryParse(EventTime, out eventTime))
        {
            Fail("eventTime", IsoTime.NotIso("eventTime", EventTime));
        }

        var offset = eventTime.Offset;
        if (EventTimeZoneOffset is not null && !IsoTime.TryParseOffset(EventTimeZoneOffset, out offset))
        {
            Fail("eventTimeZoneOffset", $"'{EventTimeZoneOffset}' is not an offset of the form +HH:MM or -HH:MM");
        }

        Instant? recordTime = null;
        if (RecordTime is not null)
        {
            if (IsoTime.TryParse(RecordTime, out var rt))
            {
                recordTime = rt.ToInstant();
            }
            else
            {
                Fail("recordTime", IsoTime.NotIso("recordTime", RecordTime));
            }
        }

        EpcisAction? action = null;
        if (Action is not null)
        {
            action = Action.Trim() switch
            {
                "ADD" => EpcisAction.Add,
                "OBSERVE" => EpcisAction.Observe,
                "DELETE" => EpcisAction.Delete,
                _ => null,
            };
            if (action is null)
            {
                Fail("action", $"'{Action}' is not ADD, OBSERVE or DELETE");
            }
        }
        else if (type is not null and not TrackingEventType.TransformationEvent)
        {
            Fail("action", $"is required for {TypeName} (EPCIS 2.0 §7.4)");
        }

        EpcisErrorDeclaration? declaration = null;
        if (HasErrorDeclaration)
        {
            if (IsoTime.TryParse(ErrorDeclarationTime, out var dt))
            {
                declaration = new EpcisErrorDeclaration(dt.ToInstant(), ErrorReason, [.. CorrectiveEventIds]);
            }
            else
            {
                Fail("errorDeclaration.declarationTime", ErrorDeclarationTime is null ? "is required (EPCIS 2.0 §7.4.1.2)" : IsoTime.NotIso("declarationTime", ErrorDeclarationTime));
            }
        }

        var quantities = Quantity(Quantities, "quantityList", Fail);
        var childQuantities = Quantity(ChildQuantities, "childQuantityList", Fail);
        var inputQuantities = Quantity(InputQuantities, "inputQuantityList", Fail);
        var outputQuantities = Quantity(OutputQuantities, "outputQuantityList", Fail);

        if (errors.Count > before)
        {
            return null;
        }

        ExtensionLeaves.Sort(StringComparer.Ordinal);
        var details = new EpcisEventDetails
        {
            Action = action,
            BizStep = BizStep,
            Disposition = Disposition,
            ReadPoint = ReadPoint,
            BizLocation = BizLocation,
            EpcList = [.. EpcList],
            ParentId = ParentId,
            ChildEpcs = [.. ChildEpcs],
            InputEpcList = [.. InputEpcs],
            OutputEpcList = [.. OutputEpcs],
            QuantityList = quantities,
            ChildQuantityList = childQuantities,
            InputQuantityList = inputQuantities,
            OutputQuantityList = outputQuantities,
            TransformationId = TransformationId,
            BizTransactions = [.. BizTransactions],
            Sources = [.. Sources],
            Destinations = [.. Destinations],
            PersistentDispositionSet = [.. PersistentSet],
            PersistentDispositionUnset = [.. PersistentUnset],
            ErrorDeclaration = declaration,
            SensorElementListRaw = SensorRaw,
            IlmdRaw = IlmdRaw,
            ExtensionLeaves = [.. ExtensionLeaves],
        };

        var references = new List<ShipmentReference>();
        if (ParentId is not null)
        {
            references.Add(new ShipmentReference("parentID", ParentId));
        }

        foreach (var epc in EpcList.Concat(ChildEpcs).Concat(InputEpcs).Concat(OutputEpcs))
        {
            references.Add(new ShipmentReference("epc", epc));
        }

        foreach (var q in quantities.Concat(childQuantities).Concat(inputQuantities).Concat(outputQuantities))
        {
            references.Add(new ShipmentReference("epcClass", q.EpcClass));
        }

        foreach (var bt in BizTransactions)
        {
            references.Add(new ShipmentReference("bizTransaction", bt.Value));
        }

        var instant = eventTime.ToInstant();
        return new TrackingEvent
        {
            EventId = EventId,
            ContentHash = HashId,
            Type = type!.Value,
            EventTime = instant,
            EventTimeOffset = offset,
            RecordTime = recordTime,
            Milestone = CbvVocabulary.Milestone(BizStep, Disposition),
            Location = BizLocation is null && ReadPoint is null ? EventLocation.Unknown : new EventLocation(Identifier: BizLocation ?? ReadPoint),
            References = references,
            Source = source,
            Epcis = details,
        };
    }

    private static List<QuantityElement> Quantity(List<(string Class, string? Quantity, string? Uom)> raw, string field, Action<string, string> fail)
    {
        var list = new List<QuantityElement>(raw.Count);
        for (var i = 0; i < raw.Count; i++)
        {
            var (cls, q, uom) = raw[i];
            decimal? quantity = null;
            if (!string.IsNullOrWhiteSpace(q))
            {
                if (decimal.TryParse(q, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) && d >= 0)
                {
                    quantity = d;
                }
                else
                {
                    fail($"{field}[{i}].quantity", $"'{q}' is not a non-negative number");
                    continue;
                }
            }

            list.Add(new QuantityElement(cls, quantity, string.IsNullOrWhiteSpace(uom) ? null : uom.Trim()));
        }

        return list;
    }
}
