using System.Xml;
using System.Xml.Linq;

namespace Kuajing.Tracking.Events;

/// <summary>
/// Reads EPCIS 2.0 XML documents (EPCIS 2.0 §10, schema <c>urn:epcglobal:epcis:xsd:2</c>) with System.Xml.Linq. Accepts
/// EPCISDocument and EPCISQueryDocument; other EPCIS XML roots (master data, capture-job status) carry no events and read
/// as an empty, clean result. EPCIS 1.x-style <c>extension</c> / <c>baseExtension</c> wrappers are looked through.
/// </summary>
internal static class EpcisXmlReader
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly HashSet<string> EventNames = new(StringComparer.Ordinal)
    {
        "ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent",
    };

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
    };

    public static EventParseResult Read(string xml, string document)
    {
        XDocument doc;
        try
        {
            using var sr = new StringReader(xml);
            using var reader = XmlReader.Create(sr, Settings);
            doc = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            return EventParseResult.DocumentError(document, $"line {ex.LineNumber}", "not well-formed XML: " + ex.Message);
        }

        var root = doc.Root!;
        var events = new List<TrackingEvent>();
        var errors = new List<EventParseError>();
        var index = 0;
        foreach (var ev in EventElements(root))
        {
            var line = ((IXmlLineInfo)ev).HasLineInfo() ? ((IXmlLineInfo)ev).LineNumber : 0;
            var source = new EventSource(EventSourceFormat.EpcisXml, document, $"line {line}");
            if (ReadEvent(ev, source, index, errors) is { } built)
            {
                events.Add(built);
            }

            index++;
        }

        return new EventParseResult(events, errors);
    }

    /// <summary>The format-neutral hash trees of every event element in a document, in document order.</summary>
    public static List<EpcisHashNode> EventTrees(string xml)
    {
        using var sr = new StringReader(xml);
        using var reader = XmlReader.Create(sr, Settings);
        var root = XDocument.Load(reader).Root!;
        return [.. EventElements(root).Select(EpcisHashNode.FromXml)];
    }

    private static IEnumerable<XElement> EventElements(XElement root) =>
        root.Descendants().Where(e => e.Name.Namespace == XNamespace.None && EventNames.Contains(e.Name.LocalName));

    /// <summary>The event's standard (unqualified) fields, looking through 1.x <c>extension</c>/<c>baseExtension</c> wrappers.</summary>
    private static IEnumerable<XElement> Fields(XElement parent)
    {
        foreach (var child in parent.Elements().Where(c => c.Name.Namespace == XNamespace.None))
        {
            if (child.Name.LocalName is "extension" or "baseExtension")
            {
                foreach (var inner in Fields(child))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return child;
            }
        }
    }

    private static IEnumerable<XElement> UserExtensions(XElement parent)
    {
        foreach (var child in parent.Elements())
        {
            if (child.Name.Namespace != XNamespace.None)
            {
                yield return child;
            }
            else if (child.Name.LocalName is "extension" or "baseExtension")
            {
                foreach (var inner in UserExtensions(child))
                {
                    yield return inner;
                }
            }
        }
    }

    private static TrackingEvent? ReadEvent(XElement ev, EventSource source, int index, List<EventParseError> errors)
    {
        var f = Fields(ev).GroupBy(e => e.Name.LocalName).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        string? Text(string name) => f.TryGetValue(name, out var el) ? Clean(el.Value) : null;
        string? Id(string name) => f.TryGetValue(name, out var el) ? Clean(el.Element("id")?.Value) : null;

        var d = new EpcisEventDraft
        {
            HashId = EpcisEventHash.Compute(EpcisHashNode.FromXml(ev)),
            TypeName = ev.Name.LocalName,
            EventId = Text("eventID"),
            EventTime = Text("eventTime"),
            EventTimeZoneOffset = Text("eventTimeZoneOffset"),
            RecordTime = Text("recordTime"),
            Action = Text("action"),
            BizStep = Text("bizStep"),
            Disposition = Text("disposition"),
            ReadPoint = Id("readPoint"),
            BizLocation = Id("bizLocation"),
            ParentId = Text("parentID"),
            TransformationId = Text("transformationID"),
        };
        Epcs(f, "epcList", d.EpcList);
        Epcs(f, "childEPCs", d.ChildEpcs);
        Epcs(f, "inputEPCList", d.InputEpcs);
        Epcs(f, "outputEPCList", d.OutputEpcs);
        Quantities(f, "quantityList", d.Quantities);
        Quantities(f, "childQuantityList", d.ChildQuantities);
        Quantities(f, "inputQuantityList", d.InputQuantities);
        Quantities(f, "outputQuantityList", d.OutputQuantities);
        Typed(f, "bizTransactionList", d.BizTransactions);
        Typed(f, "sourceList", d.Sources);
        Typed(f, "destinationList", d.Destinations);
        if (f.TryGetValue("persistentDisposition", out var pd))
        {
            d.PersistentSet.AddRange(pd.Elements("set").Select(e => e.Value.Trim()));
            d.PersistentUnset.AddRange(pd.Elements("unset").Select(e => e.Value.Trim()));
        }

        if (f.TryGetValue("errorDeclaration", out var ed))
        {
            d.HasErrorDeclaration = true;
            d.ErrorDeclarationTime = Clean(ed.Element("declarationTime")?.Value);
            d.ErrorReason = Clean(ed.Element("reason")?.Value);
            d.CorrectiveEventIds.AddRange(ed.Elements("correctiveEventIDs").Elements("correctiveEventID").Select(e => e.Value.Trim()));
        }

        if (f.TryGetValue("sensorElementList", out var sel))
        {
            d.SensorRaw = sel.ToString(SaveOptions.DisableFormatting);
            Flatten("sensorElementList", sel, d.ExtensionLeaves);
        }

        if (f.TryGetValue("ilmd", out var ilmd))
        {
            d.IlmdRaw = ilmd.ToString(SaveOptions.DisableFormatting);
            Flatten("ilmd", ilmd, d.ExtensionLeaves);
        }

        foreach (var ext in UserExtensions(ev))
        {
            Flatten(Name(ext.Name), ext, d.ExtensionLeaves);
        }

        return d.Build(source, index, errors);
    }

    private static string Name(XName name) => name.Namespace == XNamespace.None ? name.LocalName : "{" + name.NamespaceName + "}" + name.LocalName;

    /// <summary>Flattens an element to <c>path=value</c> leaves (attributes and child elements alike are path segments; <c>xsi:*</c> and <c>xmlns</c> attributes are ignored).</summary>
    private static void Flatten(string path, XElement el, List<string> leaves)
    {
        var attrs = el.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace != Xsi).ToList();
        foreach (var a in attrs)
        {
            leaves.Add(path + "/" + Name(a.Name) + "=" + EpcisEventHash.NormaliseLeaf(a.Value));
        }

        if (el.HasElements)
        {
            foreach (var child in el.Elements())
            {
                Flatten(path + "/" + Name(child.Name), child, leaves);
            }
        }
        else if (attrs.Count == 0 || el.Value.Trim().Length > 0)
        {
            leaves.Add(path + "=" + (el.Attribute(Xsi + "nil")?.Value == "true" ? "" : EpcisEventHash.NormaliseLeaf(el.Value)));
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static void Epcs(Dictionary<string, XElement> f, string name, List<string> into)
    {
        if (f.TryGetValue(name, out var list))
        {
            into.AddRange(list.Elements("epc").Select(e => e.Value.Trim()).Where(v => v.Length > 0));
        }
    }

    private static void Quantities(Dictionary<string, XElement> f, string name, List<(string, string?, string?)> into)
    {
        if (f.TryGetValue(name, out var list))
        {
            foreach (var q in list.Elements("quantityElement"))
            {
                var quantity = q.Element("quantity");
                var nil = quantity?.Attribute(Xsi + "nil")?.Value == "true";
                into.Add((q.Element("epcClass")?.Value.Trim() ?? "", nil ? null : Clean(quantity?.Value), Clean(q.Element("uom")?.Value)));
            }
        }
    }

    private static void Typed(Dictionary<string, XElement> f, string name, List<TypedIdentifier> into)
    {
        if (f.TryGetValue(name, out var list))
        {
            foreach (var item in list.Elements())
            {
                if (Clean(item.Value) is { } value)
                {
                    into.Add(new TypedIdentifier(Clean(item.Attribute("type")?.Value), value));
                }
            }
        }
    }
}
