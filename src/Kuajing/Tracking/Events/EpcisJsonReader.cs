using System.Text.Json;

namespace Kuajing.Tracking.Events;

/// <summary>Reads EPCIS 2.0 JSON / JSON-LD (EPCIS 2.0 §11, the JSON schema and JSON-LD context of June 2022) with System.Text.Json.</summary>
internal static class EpcisJsonReader
{
    private static readonly HashSet<string> StandardKeys = new(StringComparer.Ordinal)
    {
        "type", "eventID", "eventTime", "eventTimeZoneOffset", "recordTime", "action", "bizStep", "disposition", "readPoint",
        "bizLocation", "epcList", "parentID", "childEPCs", "inputEPCList", "outputEPCList", "quantityList", "childQuantityList",
        "inputQuantityList", "outputQuantityList", "transformationID", "bizTransactionList", "sourceList", "destinationList",
        "persistentDisposition", "errorDeclaration", "sensorElementList", "ilmd", "certificationInfo",
    };

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static EventParseResult Read(string json, string document)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            return EventParseResult.DocumentError(document, $"line {ex.LineNumber + 1}", "not valid JSON: " + ex.Message);
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EventParseResult.DocumentError(document, "$", "expected a JSON object (EPCISDocument, EPCISQueryDocument or a single event)");
            }

            var prefixes = ContextPrefixes(root);
            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            JsonElement list;
            string pointer;
            switch (type)
            {
                case "EPCISDocument":
                    pointer = "/epcisBody/eventList";
                    if (!TryPath(root, out list, "epcisBody", "eventList"))
                    {
                        return EventParseResult.DocumentError(document, "epcisBody.eventList", "an EPCISDocument needs epcisBody.eventList (an array)");
                    }

                    break;
                case "EPCISQueryDocument":
                    pointer = "/epcisBody/queryResults/resultsBody/eventList";
                    if (!TryPath(root, out list, "epcisBody", "queryResults", "resultsBody", "eventList"))
                    {
                        return EventParseResult.DocumentError(document, "epcisBody.queryResults.resultsBody.eventList", "an EPCISQueryDocument needs epcisBody.queryResults.resultsBody.eventList (an array)");
                    }

                    break;
                default:
                    var errors1 = new List<EventParseError>();
                    var single = ReadEvent(root, prefixes, new EventSource(EventSourceFormat.EpcisJson, document, ""), 0, errors1);
                    return new EventParseResult(single is null ? [] : [single], errors1);
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                return EventParseResult.DocumentError(document, pointer, "expected an array of events");
            }

            var events = new List<TrackingEvent>();
            var errors = new List<EventParseError>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var source = new EventSource(EventSourceFormat.EpcisJson, document, $"{pointer}/{i}");
                if (item.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new EventParseError(document, i, "$", "expected an event object"));
                }
                else if (ReadEvent(item, prefixes, source, i, errors) is { } ev)
                {
                    events.Add(ev);
                }

                i++;
            }

            return new EventParseResult(events, errors);
        }
    }

    private static bool TryPath(JsonElement root, out JsonElement value, params string[] names)
    {
        value = root;
        foreach (var n in names)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(n, out value))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Namespace prefixes declared in the document's <c>@context</c> (objects inside it), e.g. <c>ext1 → http://example.com/ext1</c>.</summary>
    private static Dictionary<string, string> ContextPrefixes(JsonElement root)
    {
        // The EPCIS 2.0 JSON-LD context declares cbvmda for CBV master-data attributes in ILMD; its XML binding uses the
        // namespace urn:epcglobal:cbv:mda (CBV 2.0 §8.1), which is the form the event hash writes for both syntaxes.
        var map = new Dictionary<string, string>(StringComparer.Ordinal) { ["cbvmda"] = "urn:epcglobal:cbv:mda" };
        if (!root.TryGetProperty("@context", out var ctx))
        {
            return map;
        }

        AddPrefixes(ctx, map);
        return map;
    }

    /// <summary>Adds the prefix declarations of a JSON-LD <c>@context</c> value (an object, or an array of URLs and objects) to <paramref name="map"/>.</summary>
    internal static void AddPrefixes(JsonElement ctx, Dictionary<string, string> map)
    {
        IEnumerable<JsonElement> items = ctx.ValueKind == JsonValueKind.Array ? ctx.EnumerateArray() : [ctx];
        foreach (var item in items.Where(i => i.ValueKind == JsonValueKind.Object))
        {
            foreach (var p in item.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                map[p.Name] = p.Value.GetString()!;
            }
        }
    }

    /// <summary>The format-neutral hash trees of every event object in a JSON document, in document order.</summary>
    public static List<EpcisHashNode> EventTrees(string json)
    {
        using var doc = JsonDocument.Parse(json, Options);
        var root = doc.RootElement;
        var prefixes = ContextPrefixes(root);
        var list = root;
        var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var found = type switch
        {
            "EPCISDocument" => TryPath(root, out list, "epcisBody", "eventList"),
            "EPCISQueryDocument" => TryPath(root, out list, "epcisBody", "queryResults", "resultsBody", "eventList"),
            _ => false,
        };
        if (!found)
        {
            return [EpcisHashNode.FromJson(type ?? "", root, prefixes)];
        }

        return [.. list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            .Select(i => EpcisHashNode.FromJson(Str(i, "type") ?? "", i, prefixes))];
    }

    private static TrackingEvent? ReadEvent(JsonElement e, Dictionary<string, string> prefixes, EventSource source, int index, List<EventParseError> errors)
    {
        var typeName = Str(e, "type");
        var d = new EpcisEventDraft
        {
            HashId = EpcisEventHash.Compute(EpcisHashNode.FromJson(typeName ?? "", e, prefixes)),
            TypeName = typeName,
            EventId = Str(e, "eventID"),
            EventTime = Str(e, "eventTime"),
            EventTimeZoneOffset = Str(e, "eventTimeZoneOffset"),
            RecordTime = Str(e, "recordTime"),
            Action = Str(e, "action"),
            BizStep = Str(e, "bizStep"),
            Disposition = Str(e, "disposition"),
            ReadPoint = Id(e, "readPoint"),
            BizLocation = Id(e, "bizLocation"),
            ParentId = Str(e, "parentID"),
            TransformationId = Str(e, "transformationID"),
        };
        Strings(e, "epcList", d.EpcList);
        Strings(e, "childEPCs", d.ChildEpcs);
        Strings(e, "inputEPCList", d.InputEpcs);
        Strings(e, "outputEPCList", d.OutputEpcs);
        Quantities(e, "quantityList", d.Quantities);
        Quantities(e, "childQuantityList", d.ChildQuantities);
        Quantities(e, "inputQuantityList", d.InputQuantities);
        Quantities(e, "outputQuantityList", d.OutputQuantities);
        Typed(e, "bizTransactionList", "bizTransaction", d.BizTransactions);
        Typed(e, "sourceList", "source", d.Sources);
        Typed(e, "destinationList", "destination", d.Destinations);
        if (e.TryGetProperty("persistentDisposition", out var pd) && pd.ValueKind == JsonValueKind.Object)
        {
            Strings(pd, "set", d.PersistentSet);
            Strings(pd, "unset", d.PersistentUnset);
        }

        if (e.TryGetProperty("errorDeclaration", out var ed) && ed.ValueKind == JsonValueKind.Object)
        {
            d.HasErrorDeclaration = true;
            d.ErrorDeclarationTime = Str(ed, "declarationTime");
            d.ErrorReason = Str(ed, "reason");
            Strings(ed, "correctiveEventIDs", d.CorrectiveEventIds);
        }

        if (e.TryGetProperty("sensorElementList", out var sel))
        {
            d.SensorRaw = sel.GetRawText();
            Flatten("sensorElementList", sel, prefixes, d.ExtensionLeaves);
        }

        if (e.TryGetProperty("ilmd", out var ilmd))
        {
            d.IlmdRaw = ilmd.GetRawText();
            Flatten("ilmd", ilmd, prefixes, d.ExtensionLeaves);
        }

        foreach (var p in e.EnumerateObject().Where(p => !StandardKeys.Contains(p.Name) && !p.Name.StartsWith('@')))
        {
            Flatten(Expand(p.Name, prefixes), p.Value, prefixes, d.ExtensionLeaves);
        }

        return d.Build(source, index, errors);
    }

    /// <summary>
    /// Flattens a JSON value to sorted-later <c>path=value</c> leaves in the same shape the XML reader produces: an array
    /// under a key ending in <c>List</c> gets one path segment per item named without the suffix (as the XML wrapper does),
    /// other arrays repeat their key.
    /// </summary>
    internal static void Flatten(string path, JsonElement value, Dictionary<string, string> prefixes, List<string> leaves)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject().Where(p => !p.Name.StartsWith('@')))
                {
                    Flatten(path + "/" + Expand(p.Name, prefixes), p.Value, prefixes, leaves);
                }

                break;
            case JsonValueKind.Array:
                var itemPath = path.EndsWith("List", StringComparison.Ordinal) ? path + "/" + path[(path.LastIndexOf('/') + 1)..^4] : path;
                foreach (var item in value.EnumerateArray())
                {
                    Flatten(itemPath, item, prefixes, leaves);
                }

                break;
            case JsonValueKind.String:
                leaves.Add(path + "=" + EpcisEventHash.NormaliseLeaf(value.GetString()));
                break;
            case JsonValueKind.Null:
                leaves.Add(path + "=");
                break;
            default:
                leaves.Add(path + "=" + EpcisEventHash.NormaliseLeaf(value.GetRawText()));
                break;
        }
    }

    private static string Expand(string name, Dictionary<string, string> prefixes)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && prefixes.TryGetValue(name[..colon], out var uri) ? "{" + uri + "}" + name[(colon + 1)..] : name;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null => null,
            _ => v.GetRawText(),
        } : null;

    private static string? Id(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.Object ? Str(v, "id") : Str(e, name) : null;

    private static void Strings(JsonElement e, string name, List<string> into)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            into.AddRange(v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!.Trim()));
        }
    }

    private static void Quantities(JsonElement e, string name, List<(string, string?, string?)> into)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            foreach (var q in v.EnumerateArray().Where(q => q.ValueKind == JsonValueKind.Object))
            {
                into.Add((Str(q, "epcClass") ?? "", Str(q, "quantity"), Str(q, "uom")));
            }
        }
    }

    private static void Typed(JsonElement e, string name, string valueKey, List<TypedIdentifier> into)
    {
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.EnumerateArray().Where(q => q.ValueKind == JsonValueKind.Object))
            {
                if (Str(item, valueKey) is { } value)
                {
                    into.Add(new TypedIdentifier(Str(item, "type"), value.Trim()));
                }
            }
        }
    }
}
