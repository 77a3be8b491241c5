using System.Collections.Frozen;
using System.Text.Json;
using NodaTime;

namespace Kuajing.Tracking.Events;

/// <summary>
/// Reads and validates DCSA Track &amp; Trace events: v2.2 (a JSON array of events, TNT 2.2.0 with the DCSA EVENT_DOMAIN
/// 1.0.x schemas) and v3.0 (<c>{ "events": [...] }</c> POST bodies and GET responses, TNT 3.0.0). Validation is by code on
/// the spec's rules (required fields, enumerations, formats, v2.2 eventID as UUID, unique eventIDs), not by a generic
/// OpenAPI validator; every problem is reported with the event index and the field. Pure; thread-safe.
/// </summary>
public static class DcsaEventReader
{
    private static readonly FrozenSet<string> V22EventTypes = FrozenSet.Create(StringComparer.Ordinal, "SHIPMENT", "TRANSPORT", "EQUIPMENT");

    private static readonly FrozenSet<string> V30EventTypes = FrozenSet.Create(StringComparer.Ordinal, "SHIPMENT", "TRANSPORT", "EQUIPMENT", "IOT", "REEFER");

    private static readonly FrozenSet<string> Classifiers = FrozenSet.Create(StringComparer.Ordinal, "PLN", "EST", "ACT");

    // DCSA EVENT_DOMAIN 1.0.x / TNT 3.0.0 code lists.
    private static readonly FrozenSet<string> ShipmentCodes = FrozenSet.Create(StringComparer.Ordinal,
        "RECE", "DRFT", "PENA", "PENU", "REJE", "APPR", "ISSU", "SURR", "SUBM", "VOID", "CONF", "REQS", "CMPL", "HOLD", "RELS");

    private static readonly FrozenSet<string> TransportCodes = FrozenSet.Create(StringComparer.Ordinal, "ARRI", "DEPA");

    private static readonly FrozenSet<string> EquipmentCodes = FrozenSet.Create(StringComparer.Ordinal,
        "LOAD", "DISC", "GTIN", "GTOT", "STUF", "STRP", "PICK", "DROP", "INSP", "RSEA", "RMVD");

    private static readonly FrozenSet<string> DocumentTypes = FrozenSet.Create(StringComparer.Ordinal,
        "CBR", "BKG", "SHI", "SRM", "TRD", "ARN", "VGM", "CAS", "CUS", "DGD", "OOG");

    private static readonly FrozenSet<string> Modes = FrozenSet.Create(StringComparer.Ordinal, "VESSEL", "RAIL", "TRUCK", "BARGE");

    private static readonly FrozenSet<string> EmptyIndicators = FrozenSet.Create(StringComparer.Ordinal, "EMPTY", "LADEN");

    /// <summary>Reads a DCSA Track &amp; Trace message, detecting the version from its shape (array → v2.2, object with <c>events</c> → v3.0).</summary>
    /// <param name="json">The message text.</param>
    /// <param name="document">The file path or URL, recorded in each event's source and in errors.</param>
    /// <param name="clock">The clock that decides "now" for the rule that an event cannot have been created in the future.</param>
    /// <returns>The valid events and one error per problem; an invalid event is left out, the others are returned.</returns>
    /// <exception cref="ArgumentNullException">When any argument is null.</exception>
    public static EventParseResult Read(string json, string document, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(clock);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            return EventParseResult.DocumentError(document, $"line {ex.LineNumber + 1}", "not valid JSON: " + ex.Message);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                return ReadList(root, "", EventSourceFormat.DcsaV22, document, clock.GetCurrentInstant());
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("events", out var events) && events.ValueKind == JsonValueKind.Array)
            {
                return ReadList(events, "/events", EventSourceFormat.DcsaV30, document, clock.GetCurrentInstant());
            }

            return EventParseResult.DocumentError(document, "$", "expected a JSON array of events (DCSA TNT 2.2) or an object with an 'events' array (DCSA TNT 3.0)");
        }
    }

    /// <summary>Reads a DCSA message file (see <see cref="Read"/>).</summary>
    /// <param name="path">The file path.</param>
    /// <param name="clock">The clock for the not-in-the-future rule.</param>
    /// <returns>The parse result; the path is the document name.</returns>
    /// <exception cref="ArgumentNullException">When any argument is null.</exception>
    /// <exception cref="IOException">When the file cannot be read.</exception>
    public static EventParseResult ReadFile(string path, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllText(path), path, clock);
    }

    private static EventParseResult ReadList(JsonElement list, string pointer, EventSourceFormat format, string document, Instant now)
    {
        var events = new List<TrackingEvent>();
        var errors = new List<EventParseError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var source = new EventSource(format, document, $"{pointer}/{i}");
            var before = errors.Count;
            void Fail(string field, string reason) => errors.Add(new EventParseError(document, i, field, reason));
            if (item.ValueKind != JsonValueKind.Object)
            {
                Fail("$", "expected an event object");
            }
            else
            {
                var ev = format == EventSourceFormat.DcsaV22 ? ReadV22(item, source, now, Fail) : ReadV30(item, source, Fail);
                if (ev?.EventId is { } id)
                {
                    if (seen.TryGetValue(id, out var first))
                    {
                        Fail("eventID", $"'{id}' repeats the eventID of events[{first}] (eventIDs identify one event)");
                    }
                    else
                    {
                        seen[id] = i;
                    }
                }

                if (ev is not null && errors.Count == before)
                {
                    events.Add(ev);
                }
            }

            i++;
        }

        return new EventParseResult(events, errors);
    }

    private static TrackingEvent? ReadV22(JsonElement e, EventSource source, Instant now, Action<string, string> fail)
    {
        var eventId = RequiredString(e, "eventID", fail);
        if (eventId is not null && !Guid.TryParseExact(eventId, "D", out _))
        {
            fail("eventID", $"'{eventId}' is not a UUID (TNT 2.2: eventID is format uuid)");
        }

        var created = RequiredTime(e, "eventCreatedDateTime", fail);
        var time = RequiredTime(e, "eventDateTime", fail);
        var eventType = RequiredEnum(e, "eventType", V22EventTypes, fail);
        var classifier = RequiredEnum(e, "eventClassifierCode", Classifiers, fail);
        if (created is { } c)
        {
            if (c.ToInstant() > now)
            {
                fail("eventCreatedDateTime", $"'{Text(e, "eventCreatedDateTime")}' is in the future (now {now})");
            }

            if (classifier == "ACT" && time is { } t && c.ToInstant() < t.ToInstant())
            {
                fail("eventCreatedDateTime", $"'{Text(e, "eventCreatedDateTime")}' is before the eventDateTime '{Text(e, "eventDateTime")}' of an actual (ACT) event");
            }
        }

        string? code = null;
        string? docType = null;
        string? docId = null;
        switch (eventType)
        {
            case "SHIPMENT":
                code = RequiredEnum(e, "shipmentEventTypeCode", ShipmentCodes, fail);
                docType = RequiredEnum(e, "documentTypeCode", DocumentTypes, fail);
                docId = RequiredString(e, "documentID", fail);
                if (classifier is not null and not "ACT")
                {
                    fail("eventClassifierCode", $"'{classifier}' is not allowed for SHIPMENT events (always ACT)");
                }

                break;
            case "TRANSPORT":
                code = RequiredEnum(e, "transportEventTypeCode", TransportCodes, fail);
                if (!e.TryGetProperty("transportCall", out _))
                {
                    fail("transportCall", "is required for TRANSPORT events");
                }

                break;
            case "EQUIPMENT":
                code = RequiredEnum(e, "equipmentEventTypeCode", EquipmentCodes, fail);
                RequiredEnum(e, "emptyIndicatorCode", EmptyIndicators, fail);
                break;
        }

        var transportCall = e.TryGetProperty("transportCall", out var tc) ? TransportCallV22(tc, fail) : null;
        var location = LocationOf(e.TryGetProperty("eventLocation", out var loc) ? loc : default, "eventLocation", fail);
        if (location.IsUnknown && transportCall?.UnLocode is { } callLocode)
        {
            location = new EventLocation(UnLocode: callLocode);
        }

        var docRefs = new List<TypedIdentifier>();
        if (e.TryGetProperty("documentReferences", out var drs) && drs.ValueKind == JsonValueKind.Array)
        {
            foreach (var dr in drs.EnumerateArray())
            {
                if (Text(dr, "documentReferenceValue") is { } v)
                {
                    docRefs.Add(new TypedIdentifier(Text(dr, "documentReferenceType"), v));
                }
            }
        }

        var otherRefs = new List<ShipmentReference>();
        if (e.TryGetProperty("references", out var rs) && rs.ValueKind == JsonValueKind.Array)
        {
            otherRefs.AddRange(rs.EnumerateArray().Where(r => Text(r, "referenceValue") is not null)
                .Select(r => new ShipmentReference(Text(r, "referenceType") ?? "reference", Text(r, "referenceValue")!)));
        }

        if (eventId is null || time is null || eventType is null || classifier is null || code is null)
        {
            return null;
        }

        var details = new DcsaEventDetails
        {
            EventTypeCode = eventType,
            EventCode = code,
            DocumentTypeCode = docType,
            DocumentId = docId,
            DocumentReferences = docRefs,
            EquipmentReference = Text(e, "equipmentReference"),
            IsoEquipmentCode = Text(e, "ISOEquipmentCode"),
            EmptyIndicatorCode = Text(e, "emptyIndicatorCode"),
            TransportCall = transportCall,
            DelayReasonCodes = Text(e, "delayReasonCode") is { } delay ? [delay] : [],
            Remark = Text(e, "changeRemark") ?? Text(e, "reason"),
        };
        return Build(eventId, time.Value, created?.ToInstant(), classifier, details, location, otherRefs, source);
    }

    private static TrackingEvent? ReadV30(JsonElement e, EventSource source, Action<string, string> fail)
    {
        var eventId = RequiredString(e, "eventID", fail);
        if (eventId is { Length: > 500 })
        {
            fail("eventID", "is longer than 500 characters (TNT 3.0 maxLength)");
        }

        var time = RequiredTime(e, "eventDateTime", fail);
        Instant? updated = null;
        if (Text(e, "eventUpdatedDateTime") is { } u)
        {
            if (IsoTime.TryParse(u, out var ut))
            {
                updated = ut.ToInstant();
            }
            else
            {
                fail("eventUpdatedDateTime", IsoTime.NotIso("eventUpdatedDateTime", u));
            }
        }

        if (!e.TryGetProperty("eventClassification", out var cls) || cls.ValueKind != JsonValueKind.Object)
        {
            fail("eventClassification", "is required (an object with eventTypeCode and eventClassifierCode)");
            return null;
        }

        void ClsFail(string f, string r) => fail("eventClassification." + f, r);
        var eventType = RequiredEnum(cls, "eventTypeCode", V30EventTypes, ClsFail);
        var classifier = RequiredEnum(cls, "eventClassifierCode", Classifiers, ClsFail);
        var code = eventType switch
        {
            "SHIPMENT" => RequiredEnum(cls, "shipmentEventTypeCode", ShipmentCodes, ClsFail),
            "TRANSPORT" => RequiredEnum(cls, "transportEventTypeCode", TransportCodes, ClsFail),
            "EQUIPMENT" => RequiredEnum(cls, "equipmentEventTypeCode", EquipmentCodes, ClsFail),
            "IOT" => RequiredString(cls, "iotEventTypeCode", ClsFail),
            "REEFER" => RequiredString(cls, "reeferEventTypeCode", ClsFail),
            _ => null,
        };

        var location = LocationOf(e.TryGetProperty("eventLocation", out var loc) ? loc : default, "eventLocation", fail);
        var docRefs = new List<TypedIdentifier>();
        string? docType = null;
        string? docId = null;
        if (e.TryGetProperty("shipmentDetails", out var sd) && sd.ValueKind == JsonValueKind.Object)
        {
            if (sd.TryGetProperty("documentReference", out var main) && Text(main, "reference") is { } mainRef)
            {
                docType = Text(main, "typeCode");
                docId = mainRef;
                docRefs.Add(new TypedIdentifier(docType, mainRef));
            }

            if (sd.TryGetProperty("additionalDocumentReferences", out var adds) && adds.ValueKind == JsonValueKind.Array)
            {
                docRefs.AddRange(adds.EnumerateArray().Where(a => Text(a, "reference") is not null)
                    .Select(a => new TypedIdentifier(Text(a, "typeCode"), Text(a, "reference")!)));
            }
        }

        DcsaTransportCall? call = null;
        var delays = new List<string>();
        string? remark = null;
        if (e.TryGetProperty("transportDetails", out var td) && td.ValueKind == JsonValueKind.Object)
        {
            if (td.TryGetProperty("transportCall", out var tc) && tc.ValueKind == JsonValueKind.Object)
            {
                var mode = Text(tc, "modeOfTransport");
                var vessel = tc.TryGetProperty("vesselTransport", out var vt) && vt.ValueKind == JsonValueKind.Object
                    ? new DcsaVessel(Text(vt, "vesselIMONumber"), Text(vt, "vesselName"), Text(vt, "vesselFlag"), Text(vt, "vesselCallSign"))
                    : null;
                if (vessel?.ImoNumber is { } imo && !(imo.Length is 7 or 8 && imo.All(char.IsAsciiDigit)))
                {
                    fail("transportDetails.transportCall.vesselTransport.vesselIMONumber", $"'{imo}' is not 7 or 8 digits (TNT 3.0 vesselIMONumber)");
                }

                call = new DcsaTransportCall(
                    Text(tc, "transportCallReference"),
                    location.UnLocode,
                    mode,
                    tc.TryGetProperty("serviceCodeOrReference", out var sc) ? Text(sc, "carrierServiceCode") ?? Text(sc, "universalServiceReference") : null,
                    tc.TryGetProperty("exportVoyageNumberOrReference", out var ev) ? Text(ev, "carrierVoyageNumber") ?? Text(ev, "universalVoyageReference") : null,
                    tc.TryGetProperty("importVoyageNumberOrReference", out var iv) ? Text(iv, "carrierVoyageNumber") ?? Text(iv, "universalVoyageReference") : null,
                    tc.TryGetProperty("transportCallSequenceNumber", out var seq) && seq.TryGetInt32(out var n) ? n : null,
                    vessel);
            }

            if (td.TryGetProperty("delayReasonCodes", out var drc) && drc.ValueKind == JsonValueKind.Array)
            {
                delays.AddRange(drc.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
            }

            remark = Text(td, "changeRemark");
        }

        string? equipment = null;
        string? iso = null;
        string? empty = null;
        if (e.TryGetProperty("equipmentDetails", out var eq) && eq.ValueKind == JsonValueKind.Object)
        {
            equipment = Text(eq, "equipmentReference");
            iso = Text(eq, "ISOEquipmentCode");
            empty = Text(eq, "emptyIndicatorCode");
            if (empty is not null && !EmptyIndicators.Contains(empty))
            {
                fail("equipmentDetails.emptyIndicatorCode", $"'{empty}' is not one of EMPTY, LADEN");
            }
        }

        if (eventId is null || time is null || eventType is null || classifier is null || code is null)
        {
            return null;
        }

        var details = new DcsaEventDetails
        {
            EventTypeCode = eventType,
            EventCode = code,
            DocumentTypeCode = docType,
            DocumentId = docId,
            DocumentReferences = docRefs,
            EquipmentReference = equipment,
            IsoEquipmentCode = iso,
            EmptyIndicatorCode = empty,
            TransportCall = call,
            DelayReasonCodes = delays,
            Remark = remark,
        };
        return Build(eventId, time.Value, updated, classifier, details, location, [], source);
    }

    private static TrackingEvent Build(string eventId, OffsetDateTime time, Instant? recorded, string classifier, DcsaEventDetails details, EventLocation location, List<ShipmentReference> otherRefs, EventSource source)
    {
        var refs = new List<ShipmentReference>();
        refs.AddRange(details.DocumentReferences.Select(d => new ShipmentReference(d.Type ?? "document", d.Value)));
        if (details.DocumentId is { } docId && details.DocumentReferences.All(d => d.Value != docId))
        {
            refs.Add(new ShipmentReference(details.DocumentTypeCode ?? "document", docId));
        }

        if (details.EquipmentReference is { } eq)
        {
            refs.Add(new ShipmentReference("EQ", eq));
        }

        refs.AddRange(otherRefs.Where(o => !refs.Contains(o)));
        var instant = time.ToInstant();
        return new TrackingEvent
        {
            EventId = eventId,
            ContentHash = EpcisEventHash.ComputeFields("dcsa", details.EventTypeCode, details.EventCode, classifier, IsoTime.Canonical(instant), location.UnLocode, details.EquipmentReference, details.DocumentId),
            Type = details.EventTypeCode switch
            {
                "SHIPMENT" => TrackingEventType.DcsaShipment,
                "TRANSPORT" => TrackingEventType.DcsaTransport,
                "EQUIPMENT" => TrackingEventType.DcsaEquipment,
                "IOT" => TrackingEventType.DcsaIot,
                _ => TrackingEventType.DcsaReefer,
            },
            EventTime = instant,
            EventTimeOffset = time.Offset,
            RecordTime = recorded,
            Classifier = classifier switch { "EST" => EventClassifier.Estimated, "PLN" => EventClassifier.Planned, _ => EventClassifier.Actual },
            Milestone = DcsaMilestones.Milestone(details.EventTypeCode, details.EventCode, details.DocumentTypeCode),
            Location = location,
            References = refs,
            Source = source,
            Dcsa = details,
        };
    }

    private static DcsaTransportCall? TransportCallV22(JsonElement tc, Action<string, string> fail)
    {
        if (tc.ValueKind != JsonValueKind.Object)
        {
            fail("transportCall", "expected an object");
            return null;
        }

        var locode = Text(tc, "UNLocationCode");
        if (locode is not null && UnLocodeProblem(locode) is { } problem)
        {
            fail("transportCall.UNLocationCode", problem);
        }

        if (tc.TryGetProperty("location", out var inner))
        {
            LocationOf(inner, "transportCall.location", fail);
        }

        var mode = Text(tc, "modeOfTransport");
        if (mode is not null && !Modes.Contains(mode))
        {
            fail("transportCall.modeOfTransport", $"'{mode}' is not one of VESSEL, RAIL, TRUCK, BARGE");
        }

        DcsaVessel? vessel = null;
        if (tc.TryGetProperty("vessel", out var v) && v.ValueKind == JsonValueKind.Object)
        {
            vessel = new DcsaVessel(Text(v, "vesselIMONumber"), Text(v, "vesselName"), Text(v, "vesselFlag"), Text(v, "vesselCallSignNumber"));
            if (vessel.ImoNumber is { } imo && !(imo.Length == 7 && imo.All(char.IsAsciiDigit)))
            {
                fail("transportCall.vessel.vesselIMONumber", $"'{imo}' is not 7 digits (TNT 2.2 vesselIMONumber)");
            }
        }

        return new DcsaTransportCall(
            Text(tc, "transportCallID"),
            locode,
            mode,
            Text(tc, "carrierServiceCode"),
            Text(tc, "exportVoyageNumber"),
            Text(tc, "importVoyageNumber"),
            tc.TryGetProperty("transportCallSequenceNumber", out var seq) && seq.TryGetInt32(out var n) ? n : null,
            vessel);
    }

    private static EventLocation LocationOf(JsonElement loc, string field, Action<string, string> fail)
    {
        if (loc.ValueKind != JsonValueKind.Object)
        {
            return EventLocation.Unknown;
        }

        var locode = Text(loc, "UNLocationCode");
        if (locode is not null && UnLocodeProblem(locode) is { } problem)
        {
            fail(field + ".UNLocationCode", problem);
        }

        JsonElement address = default;
        var hasAddress = loc.TryGetProperty("address", out address) && address.ValueKind == JsonValueKind.Object;
        return new EventLocation(
            UnLocode: locode,
            Identifier: Text(loc, "facilityCode") ?? (loc.TryGetProperty("facility", out var f) ? Text(f, "facilityCode") : null),
            Name: Text(loc, "locationName"),
            City: hasAddress ? Text(address, "city") : null,
            Region: hasAddress ? Text(address, "stateRegion") : null,
            PostalCode: hasAddress ? Text(address, "postCode") : null,
            Country: hasAddress ? Text(address, "countryCode") ?? Text(address, "country") : null);
    }

    /// <summary>
    /// UN/LOCODE syntax (UNECE Recommendation 16: 2-letter ISO 3166-1 country + 3 characters A–Z, 2–9) and a country part
    /// that is a country: ISO 3166-1 §8.1.3 reserves AA, QM–QZ, XA–XZ and ZZ for user assignment, so no real location has them.
    /// </summary>
    internal static string? UnLocodeProblem(string code)
    {
        if (code.Length != 5 || !code[..2].All(char.IsAsciiLetterUpper) || !code[2..].All(ch => char.IsAsciiLetterUpper(ch) || ch is >= '2' and <= '9'))
        {
            return $"'{code}' is not a UN/LOCODE (2 upper-case letters then 3 of A-Z, 2-9)";
        }

        var cc = code[..2];
        var userAssigned = cc is "AA" or "ZZ" || (cc[0] == 'Q' && cc[1] >= 'M') || cc[0] == 'X';
        return userAssigned ? $"'{code}' has country part '{cc}', an ISO 3166-1 user-assigned code, not a country" : null;
    }

    /// <summary>
    /// IMO number check digit (IMO Resolution A.1117(30)): the 7th digit is the last digit of Σ dᵢ·(7−i) over the first six.
    /// Not enforced on DCSA messages (the DCSA specs only require digits, and their examples use synthetic numbers); offered
    /// to the capture layer for linking vessels.
    /// </summary>
    internal static bool IsImoNumber(string imo)
    {
        var digits = imo.StartsWith("IMO", StringComparison.Ordinal) ? imo[3..] : imo;
        if (digits.Length != 7 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 6; i++)
        {
            sum += (digits[i] - '0') * (7 - i);
        }

        return sum % 10 == digits[6] - '0';
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())
            ? v.GetString()!.Trim()
            : null;

    private static string? RequiredString(JsonElement e, string name, Action<string, string> fail)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            fail(name, "is required");
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            fail(name, $"{v.GetRawText()} is a JSON {v.ValueKind.ToString().ToLowerInvariant()}, expected a string");
            return null;
        }

        return v.GetString()!.Trim();
    }

    private static string? RequiredEnum(JsonElement e, string name, FrozenSet<string> allowed, Action<string, string> fail)
    {
        var v = RequiredString(e, name, fail);
        if (v is not null && !allowed.Contains(v))
        {
            fail(name, $"'{v}' is not one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
            return null;
        }

        return v;
    }

    private static OffsetDateTime? RequiredTime(JsonElement e, string name, Action<string, string> fail)
    {
        var v = RequiredString(e, name, fail);
        if (v is null)
        {
            return null;
        }

        if (!IsoTime.TryParse(v, out var t))
        {
            fail(name, IsoTime.NotIso(name, v));
            return null;
        }

        return t;
    }
}
