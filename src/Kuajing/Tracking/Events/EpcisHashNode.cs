using System.Collections.Frozen;
using System.Text.Json;
using System.Xml.Linq;

namespace Kuajing.Tracking.Events;

/// <summary>
/// One node of the format-neutral tree the EPCIS Event Hash ID is computed over: a name (<c>{namespace}local</c> for
/// namespaced names, the bare name for EPCIS standard fields), a trimmed text value (empty for containers) and children
/// (XML attributes and child elements alike; JSON object members, arrays spread into repeated nodes the way XML repeats
/// elements). JSON-LD and XML forms of one event give equal trees, which is what makes their hashes equal.
/// </summary>
internal sealed class EpcisHashNode(string name, string value, List<EpcisHashNode> children)
{
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>JSON list fields and the XML element name of their items (EPCIS 2.0 §10 XML binding vs §11 JSON binding).</summary>
    private static readonly FrozenDictionary<string, string> ListItemNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["epcList"] = "epc",
        ["childEPCs"] = "epc",
        ["inputEPCList"] = "epc",
        ["outputEPCList"] = "epc",
        ["quantityList"] = "quantityElement",
        ["childQuantityList"] = "quantityElement",
        ["inputQuantityList"] = "quantityElement",
        ["outputQuantityList"] = "quantityElement",
        ["bizTransactionList"] = "bizTransaction",
        ["sourceList"] = "source",
        ["destinationList"] = "destination",
        ["sensorElementList"] = "sensorElement",
        ["correctiveEventIDs"] = "correctiveEventID",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// JSON-LD bare vocabulary words and the CURIE prefix the EPCIS 2.0 JSON-LD context (ref.gs1.org/standards/epcis/2.0.0/
    /// epcis-context.jsonld) gives them: <c>"bizStep": "shipping"</c> means <c>cbv:BizStep-shipping</c>.
    /// </summary>
    private static readonly FrozenDictionary<string, string> BareWordPrefixes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bizStep"] = "cbv:BizStep-",
        ["disposition"] = "cbv:Disp-",
        ["set"] = "cbv:Disp-",
        ["unset"] = "cbv:Disp-",
        ["reason"] = "cbv:ER-",
        ["bizTransaction/type"] = "cbv:BTT-",
        ["source/type"] = "cbv:SDT-",
        ["destination/type"] = "cbv:SDT-",
        ["sensorReport/type"] = "gs1:",
        ["sensorReport/exception"] = "gs1:",
        ["sensorReport/component"] = "cbv:Comp-",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public string Name { get; } = name;

    public string Value { get; } = value;

    public List<EpcisHashNode> Children { get; } = children;

    /// <summary>
    /// The tree of an XML event element: attributes and child elements become children; EPCIS 1.x <c>extension</c> /
    /// <c>baseExtension</c> wrappers are looked through; <c>xmlns</c> and <c>xsi:*</c> attributes (schema typing, not data)
    /// are left out; <c>xsi:nil="true"</c> reads as an empty value.
    /// </summary>
    public static EpcisHashNode FromXml(XElement element)
    {
        var children = new List<EpcisHashNode>();
        foreach (var a in element.Attributes())
        {
            if (!a.IsNamespaceDeclaration && a.Name.Namespace != Xsi)
            {
                children.Add(new EpcisHashNode(XmlName(a.Name), a.Value.Trim(), []));
            }
        }

        AddXmlChildren(element, children);
        var nil = element.Attribute(Xsi + "nil")?.Value == "true";
        var value = element.HasElements || nil ? "" : element.Value.Trim();
        return new EpcisHashNode(XmlName(element.Name), value, children);
    }

    private static void AddXmlChildren(XElement element, List<EpcisHashNode> into)
    {
        foreach (var child in element.Elements())
        {
            if (child.Name.Namespace == XNamespace.None && child.Name.LocalName is "extension" or "baseExtension")
            {
                AddXmlChildren(child, into);
            }
            else
            {
                into.Add(FromXml(child));
            }
        }
    }

    private static string XmlName(XName name) =>
        name.Namespace == XNamespace.None ? name.LocalName : "{" + name.NamespaceName + "}" + name.LocalName;

    /// <summary>
    /// The tree of a JSON / JSON-LD event object. Names with a prefix declared in the <c>@context</c> become
    /// <c>{namespace}local</c>; standard lists get the XML item names (<c>epcList</c> → <c>epc</c> items); business
    /// transactions, sources and destinations take the XML shape (value = the identifier, child <c>type</c>); bare CBV words
    /// are expanded as the EPCIS JSON-LD context does.
    /// </summary>
    public static EpcisHashNode FromJson(string typeName, JsonElement element, IReadOnlyDictionary<string, string> prefixes)
    {
        var scoped = prefixes;
        if (element.TryGetProperty("@context", out var ctx))
        {
            var merged = new Dictionary<string, string>(prefixes, StringComparer.Ordinal);
            EpcisJsonReader.AddPrefixes(ctx, merged);
            scoped = merged;
        }

        return new EpcisHashNode(typeName, "", JsonMembers(element, "", scoped));
    }

    private static List<EpcisHashNode> JsonMembers(JsonElement obj, string parentName, IReadOnlyDictionary<string, string> prefixes)
    {
        var children = new List<EpcisHashNode>();
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Name.StartsWith('@'))
            {
                continue;
            }

            var name = Expand(p.Name, prefixes);
            if (p.Value.ValueKind == JsonValueKind.Array && ListItemNames.TryGetValue(p.Name, out var itemName))
            {
                var items = new List<EpcisHashNode>();
                foreach (var item in p.Value.EnumerateArray())
                {
                    items.Add(JsonListItem(itemName, item, prefixes));
                }

                children.Add(new EpcisHashNode(name, "", items));
            }
            else
            {
                AddJsonValue(children, name, parentName, p.Value, prefixes);
            }
        }

        return children;
    }

    private static EpcisHashNode JsonListItem(string itemName, JsonElement item, IReadOnlyDictionary<string, string> prefixes)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return new EpcisHashNode(itemName, Scalar(item), []);
        }

        if (itemName is "bizTransaction" or "source" or "destination")
        {
            // XML: <bizTransaction type="po">id</bizTransaction>; JSON: {"type": "po", "bizTransaction": "id"}.
            var value = item.TryGetProperty(itemName, out var v) ? Scalar(v) : "";
            var rest = new List<EpcisHashNode>();
            foreach (var p in item.EnumerateObject().Where(p => p.Name != itemName && !p.Name.StartsWith('@')))
            {
                AddJsonValue(rest, Expand(p.Name, prefixes), itemName, p.Value, prefixes);
            }

            return new EpcisHashNode(itemName, value, rest);
        }

        return new EpcisHashNode(itemName, "", JsonMembers(item, itemName, prefixes));
    }

    private static void AddJsonValue(List<EpcisHashNode> into, string name, string parentName, JsonElement value, IReadOnlyDictionary<string, string> prefixes)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    AddJsonValue(into, name, parentName, item, prefixes);
                }

                break;
            case JsonValueKind.Object:
                into.Add(new EpcisHashNode(name, "", JsonMembers(value, name, prefixes)));
                break;
            default:
                var text = Scalar(value);
                if (text.Length > 0 && !text.Contains(':', StringComparison.Ordinal)
                    && (BareWordPrefixes.TryGetValue(parentName + "/" + name, out var prefix) || BareWordPrefixes.TryGetValue(name, out prefix)))
                {
                    text = prefix + text;
                }

                into.Add(new EpcisHashNode(name, text, []));
                break;
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim(),
        JsonValueKind.Null => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText().Trim(),
    };

    private static string Expand(string name, IReadOnlyDictionary<string, string> prefixes)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && prefixes.TryGetValue(name[..colon], out var uri) ? "{" + uri + "}" + name[(colon + 1)..] : name;
    }
}
