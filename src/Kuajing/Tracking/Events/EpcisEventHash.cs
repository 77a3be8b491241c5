using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;

namespace Kuajing.Tracking.Events;

/// <summary>
/// The GS1 <b>EPCIS Event Hash ID</b> (GS1 CBV 2.0, ratified June 2022, §8.9): a SHA-256 digest of a canonical pre-hash
/// string of an EPCIS event, written as an RFC 6920 named-information URI <c>ni:///sha-256;&lt;64 lowercase hex&gt;?ver=CBV2.0</c>.
/// The same event gives the same ID whether it was serialised as XML or JSON-LD, whatever the element order, namespace
/// prefixes, EPC URN vs GS1 Digital Link form, CBV URN vs Web URI vs bare word, or time zone of the timestamps.
/// Capture uses it as the <see cref="TrackingEvent.ContentHash"/> (and so the <see cref="TrackingEvent.DeduplicationKey"/>) of
/// every EPCIS event that arrives without an <c>eventID</c>.
/// </summary>
/// <remarks>
/// <para>Canonicalisation (CBV 2.0 §8.9.2 rules 1-21, behaviour checked against the GS1 reference implementation
/// github.com/RalphTro/epcis-event-hash-generator, MIT licence, and its <c>tests/examples/expected/CBV2.0</c> vectors):</para>
/// <list type="number">
/// <item><c>eventType=</c>, then the fields in the canonical property order: eventTime, eventTimeZoneOffset, parentID,
/// epcList, inputEPCList, childEPCs, quantityList, childQuantityList, inputQuantityList, outputEPCList, outputQuantityList,
/// action, transformationID, bizStep, disposition, persistentDisposition (set, unset), readPoint (id), bizLocation (id),
/// bizTransactionList, sourceList, destinationList, sensorElement (sensorMetadata, sensorReport, each in their fixed
/// order; the <c>sensorElementList</c> wrapper itself is not written in CBV 2.0), ilmd; then user extensions.</item>
/// <item>A value is written <c>name=value</c>; a container writes its name then its children; nothing separates items;
/// absent fields write nothing. Repeated items of one field (EPCs, quantity elements, sensor reports, …) are sorted by their
/// written form (ordinal, i.e. UTF-8 byte order). Business transactions, sources and destinations are written
/// <c>type=…</c> first, then the identifier.</item>
/// <item>Values: trimmed; CBV URNs (<c>urn:epcglobal:cbv:bizstep:</c> etc.) and the CURIEs <c>cbv:</c>, <c>gs1:</c>
/// expanded to Web URIs; JSON-LD bare words (<c>"shipping"</c>) expanded as the EPCIS JSON-LD context defines; numbers
/// without trailing zeros (<c>200.0</c> → <c>200</c>); EPC URIs and Digital Link URIs on any domain converted to the
/// constrained canonical GS1 Digital Link URI (<see cref="Gs1DigitalLink"/>); fields named <c>*time*</c> (not
/// <c>*offset*</c>) in UTC with milliseconds, <c>Z</c> suffix, sub-millisecond digits rounded half to even.</item>
/// <item>ILMD and user extensions: <c>{namespace URI}localName</c>, children sorted by their written form. Extensions
/// inside readPoint, bizLocation and sensor elements are appended after the standard part, prefixed with their container's
/// name (CBV 2.0 profile); event-level extensions come last, sorted.</item>
/// <item>Left out: <c>eventID</c>, <c>recordTime</c>, <c>errorDeclaration</c>, <c>certificationInfo</c> (CBV 2.0; CBV 2.1
/// adds certificationInfo and inline extensions, not implemented here), JSON-LD keywords (<c>@context</c>, <c>type</c> of the event).</item>
/// </list>
/// <para>Known deviation: Python-specific number spellings the reference implementation accepts (<c>1_000</c>,
/// <c>inf</c>, <c>nan</c>) are kept as written. Thread-safe; no shared mutable state.</para>
/// <para>DCSA and carrier events have no GS1 definition; their <see cref="TrackingEvent.ContentHash"/> stays Kuajing's own
/// <c>kj:sha256:</c> hash over the identifying fields (<see cref="ComputeFields"/>).</para>
/// </remarks>
public static partial class EpcisEventHash
{
    /// <summary>The prefix of every hash ID this class produces (RFC 6920 <c>ni</c> URI, IANA hash name <c>sha-256</c>).</summary>
    public const string Prefix = "ni:///sha-256;";

    /// <summary>The algorithm version suffix: the CBV release that defines the pre-hash rules used (CBV 2.0 §8.9.2 rule 24).</summary>
    public const string VersionSuffix = "?ver=CBV2.0";

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "eventID", "recordTime", "errorDeclaration", "certificationInfo", "type",
    };

    private static readonly Field[] QuantityElement = [new("epcClass"), new("quantity"), new("uom")];

    private static readonly Field[] SensorMetadata =
    [
        new("time"), new("startTime"), new("endTime"), new("deviceID"), new("deviceMetadata"), new("rawData"),
        new("dataProcessingMethod"), new("bizRules"),
    ];

    private static readonly Field[] SensorReport =
    [
        new("type"), new("exception"), new("deviceID"), new("deviceMetadata"), new("rawData"), new("dataProcessingMethod"),
        new("time"), new("microorganism"), new("chemicalSubstance"), new("value"), new("component"), new("stringValue"),
        new("booleanValue"), new("hexBinaryValue"), new("uriValue"), new("minValue"), new("maxValue"), new("meanValue"),
        new("sDev"), new("percRank"), new("percValue"), new("uom"), new("coordinateReferenceSystem"),
    ];

    // CBV 2.0 §8.9.2 canonical property order (the reference implementation's PROP_ORDER for the CBV 2.0 profile).
    private static readonly Field[] EventOrder =
    [
        new("eventTime"), new("eventTimeZoneOffset"), new("parentID"),
        new("epcList", [new("epc")]), new("inputEPCList", [new("epc")]), new("childEPCs", [new("epc")]),
        new("quantityList", [new("quantityElement", QuantityElement)]),
        new("childQuantityList", [new("quantityElement", QuantityElement)]),
        new("inputQuantityList", [new("quantityElement", QuantityElement)]),
        new("outputEPCList", [new("epc")]),
        new("outputQuantityList", [new("quantityElement", QuantityElement)]),
        new("action"), new("transformationID"), new("bizStep"), new("disposition"),
        new("persistentDisposition", [new("set"), new("unset")]),
        new("readPoint", [new("id")]), new("bizLocation", [new("id")]),
        new("bizTransactionList", [new("bizTransaction", Typed: true)]),
        new("sourceList", [new("source", Typed: true)]),
        new("destinationList", [new("destination", Typed: true)]),
        new("sensorElement", [new("sensorMetadata", SensorMetadata), new("sensorReport", SensorReport)]),
    ];

    private static readonly (string From, string To)[] VocabularyUrns =
    [
        ("urn:epcglobal:cbv:bizstep:", "https://ref.gs1.org/cbv/BizStep-"),
        ("urn:epcglobal:cbv:disp:", "https://ref.gs1.org/cbv/Disp-"),
        ("urn:epcglobal:cbv:btt:", "https://ref.gs1.org/cbv/BTT-"),
        ("urn:epcglobal:cbv:sdt:", "https://ref.gs1.org/cbv/SDT-"),
        ("urn:epcglobal:cbv:er:", "https://ref.gs1.org/cbv/ER-"),
    ];

    [GeneratedRegex(@"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")]
    private static partial Regex Number();

    /// <summary>True when <paramref name="value"/> has the form of a CBV 2.0 SHA-256 EPCIS Event Hash ID.</summary>
    /// <param name="value">Any string, e.g. an <c>eventID</c>; may be <see langword="null"/>.</param>
    /// <returns>True for <c>ni:///sha-256;</c> + 64 lowercase hex + <c>?ver=CBV2.0</c>.</returns>
    public static bool IsHashId(string? value) =>
        value is { Length: 89 }
        && value.StartsWith(Prefix, StringComparison.Ordinal)
        && value.EndsWith(VersionSuffix, StringComparison.Ordinal)
        && value.AsSpan(Prefix.Length, 64).IndexOfAnyExcept(LowerHex) < 0;

    /// <summary>The EPCIS Event Hash ID of every event in an EPCIS 2.0 document (XML or JSON-LD), in document order.</summary>
    /// <param name="documentText">The document text; XML when it starts with <c>&lt;</c>, JSON otherwise.</param>
    /// <returns>One hash ID per event that parsed; events with errors are skipped (see <see cref="EpcisDocumentReader"/>).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="documentText"/> is null.</exception>
    public static IReadOnlyList<string> ForDocument(string documentText)
    {
        ArgumentNullException.ThrowIfNull(documentText);
        var result = documentText.TrimStart().StartsWith('<')
            ? EpcisXmlReader.Read(documentText, "text")
            : EpcisJsonReader.Read(documentText, "text");
        return [.. result.Events.Select(e => e.ContentHash)];
    }

    /// <summary>The canonical pre-hash strings of every event in an EPCIS 2.0 document, for audits and comparison with other implementations.</summary>
    /// <param name="documentText">The document text; XML when it starts with <c>&lt;</c>, JSON otherwise.</param>
    /// <returns>One pre-hash string per event, in document order (including events that fail Kuajing's own validation).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="documentText"/> is null.</exception>
    /// <exception cref="System.Xml.XmlException">When the text is XML but not well-formed.</exception>
    /// <exception cref="System.Text.Json.JsonException">When the text is JSON but not valid.</exception>
    public static IReadOnlyList<string> PreHashStrings(string documentText)
    {
        ArgumentNullException.ThrowIfNull(documentText);
        var trees = documentText.TrimStart().StartsWith('<') ? EpcisXmlReader.EventTrees(documentText) : EpcisJsonReader.EventTrees(documentText);
        return [.. trees.Select(PreHash)];
    }

    /// <summary>The hash ID of an event tree.</summary>
    internal static string Compute(EpcisHashNode evt)
    {
        var text = PreHash(evt);
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return string.Concat(Prefix, Convert.ToHexStringLower(digest), VersionSuffix);
    }

    /// <summary>The CBV 2.0 pre-hash string of an event tree (the tree is not changed).</summary>
    internal static string PreHash(EpcisHashNode evt)
    {
        var sb = new StringBuilder(1024);
        sb.Append("eventType=").Append(evt.Name);

        var remaining = new List<EpcisHashNode>(evt.Children.Count + 4);
        foreach (var child in evt.Children)
        {
            if (Ignored.Contains(child.Name))
            {
                continue;
            }

            if (child.Name == "sensorElementList")
            {
                remaining.AddRange(child.Children); // CBV 2.0 profile: no sensorElementList wrapper
            }
            else
            {
                remaining.Add(child);
            }
        }

        // Standard part; every consumed node is marked so that only extensions are left afterwards.
        var consumed = new HashSet<EpcisHashNode>(ReferenceEqualityComparer.Instance);
        var extensionsOfStandard = new List<string>();
        WriteOrdered(sb, remaining, EventOrder, consumed, extensionsOfStandard, topLevel: true);

        var ilmd = remaining.Where(n => n.Name == "ilmd").Select(n => Generic(n, consumed: null)).Order(StringComparer.Ordinal);
        foreach (var s in ilmd)
        {
            sb.Append(s);
        }

        foreach (var s in extensionsOfStandard)
        {
            sb.Append(s);
        }

        var userExtensions = remaining.Where(n => !consumed.Contains(n) && n.Name != "ilmd" && !IsStandardContainer(n.Name))
            .Select(n => Generic(n, consumed: null))
            .Order(StringComparer.Ordinal);
        foreach (var s in userExtensions)
        {
            sb.Append(s);
        }

        return sb.ToString();
    }

    private static bool IsStandardContainer(string name)
    {
        foreach (var f in EventOrder)
        {
            if (f.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Writes the children named in <paramref name="order"/>, each field's items sorted by their written form. Containers
    /// with children outside the order (user extensions) add their leftover, prefixed with the container name, to
    /// <paramref name="leftovers"/> (top level only; nested leftovers are written inside the top-level container's leftover).
    /// </summary>
    private static void WriteOrdered(StringBuilder sb, List<EpcisHashNode> children, Field[] order, HashSet<EpcisHashNode> consumed, List<string> leftovers, bool topLevel)
    {
        var items = new List<string>();
        foreach (var field in order)
        {
            items.Clear();
            foreach (var child in children)
            {
                if (child.Name != field.Name)
                {
                    continue;
                }

                var written = WriteField(child, field, consumed);
                if (written.Length > 0)
                {
                    items.Add(written);
                }
            }

            if (items.Count == 0)
            {
                continue;
            }

            items.Sort(StringComparer.Ordinal);
            foreach (var s in items)
            {
                sb.Append(s);
            }

            if (topLevel && field.Children is not null)
            {
                var rest = new List<string>();
                foreach (var child in children)
                {
                    if (child.Name == field.Name && Leftover(child, consumed) is { Length: > 0 } left)
                    {
                        rest.Add(left);
                    }
                }

                rest.Sort(StringComparer.Ordinal);
                leftovers.AddRange(rest);
            }
        }
    }

    private static string WriteField(EpcisHashNode node, Field field, HashSet<EpcisHashNode> consumed)
    {
        consumed.Add(node);
        if (field.Typed)
        {
            var type = node.Children.FirstOrDefault(c => c.Name == "type");
            if (type is not null)
            {
                consumed.Add(type);
            }

            var sb = new StringBuilder();
            if (type is not null && type.Value.Length > 0)
            {
                sb.Append("type=").Append(Canonical(type.Value));
            }

            if (node.Value.Length > 0)
            {
                sb.Append(node.Name).Append('=').Append(Canonical(node.Value));
            }

            return sb.ToString();
        }

        var text = new StringBuilder();
        if (node.Value.Length > 0)
        {
            text.Append(node.Name).Append('=').Append(IsTimeField(node.Name) ? CanonicalTime(node.Value) : Canonical(node.Value));
        }

        if (field.Children is not null)
        {
            var inner = new StringBuilder();
            WriteOrdered(inner, node.Children, field.Children, consumed, [], topLevel: false);
            if (inner.Length > 0)
            {
                if (text.Length == 0)
                {
                    text.Append(node.Name);
                }

                text.Append(inner);
            }
        }

        return text.ToString();
    }

    /// <summary>The user extensions left inside a standard container, written generically and prefixed with the container path; empty when none.</summary>
    private static string Leftover(EpcisHashNode node, HashSet<EpcisHashNode> consumed)
    {
        var parts = new List<string>();
        foreach (var child in node.Children)
        {
            if (!consumed.Contains(child))
            {
                parts.Add(Generic(child, consumed: null));
            }
            else if (child.Children.Count > 0 && Leftover(child, consumed) is { Length: > 0 } nested)
            {
                parts.Add(nested);
            }
        }

        if (parts.Count == 0)
        {
            return "";
        }

        parts.Sort(StringComparer.Ordinal);
        return node.Name + string.Concat(parts);
    }

    /// <summary>Generic form of an extension node: name, <c>=value</c> when it has one, children sorted by their written form.</summary>
    private static string Generic(EpcisHashNode node, HashSet<EpcisHashNode>? consumed)
    {
        var text = node.Value.Length > 0 ? node.Name + "=" + Canonical(node.Value) : node.Name;
        if (node.Children.Count == 0)
        {
            return text;
        }

        var parts = new List<string>(node.Children.Count);
        foreach (var c in node.Children)
        {
            if (consumed is null || !consumed.Contains(c))
            {
                parts.Add(Generic(c, consumed));
            }
        }

        parts.Sort(StringComparer.Ordinal);
        return text + string.Concat(parts);
    }

    private static bool IsTimeField(string name) =>
        name.Contains("time", StringComparison.OrdinalIgnoreCase) && !name.Contains("offset", StringComparison.OrdinalIgnoreCase);

    /// <summary>A value in canonical form: CBV URNs and CURIEs to Web URIs, numbers normalised, GS1 identifiers to Digital Link.</summary>
    internal static string Canonical(string value)
    {
        var v = value.Trim();
        if (v.StartsWith("urn:epcglobal:cbv:", StringComparison.Ordinal))
        {
            foreach (var (from, to) in VocabularyUrns)
            {
                v = v.Replace(from, to, StringComparison.Ordinal);
            }
        }
        else if (v.StartsWith("cbv:", StringComparison.Ordinal))
        {
            v = "https://ref.gs1.org/cbv/" + v[4..];
        }
        else if (v.StartsWith("gs1:", StringComparison.Ordinal))
        {
            // The reference implementation's CBV 2.0 vectors expand gs1: to the ref.gs1.org/voc/ namespace.
            v = "https://ref.gs1.org/voc/" + v[4..];
        }

        if (v.Length > 0 && (char.IsAsciiDigit(v[0]) || v[0] is '-' or '+' or '.') && Number().IsMatch(v))
        {
            return NormaliseNumber(v);
        }

        return Gs1DigitalLink.Normalise(v) ?? v;
    }

    /// <summary>
    /// A number written as the shortest form that reads back to the same IEEE double, without trailing zeros: integral
    /// values as integers (<c>200.0</c> → <c>200</c>, <c>1e3</c> → <c>1000</c>), others in plain decimal, or exponent form
    /// below 1e-4 (<c>1e-05</c>), as the reference implementation's float conversion writes them.
    /// </summary>
    internal static string NormaliseNumber(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) || !double.IsFinite(d))
        {
            return text;
        }

        if (d == Math.Floor(d))
        {
            return new BigInteger(d).ToString(CultureInfo.InvariantCulture);
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return r;
        }

        // .NET writes 1E-05, Python 1e-05: same digits, lower-case e, at least two exponent digits.
        var exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return r[..e] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>A timestamp in UTC with millisecond precision (sub-millisecond digits rounded half to even), or the text unchanged when it is not ISO 8601.</summary>
    internal static string CanonicalTime(string text)
    {
        if (!IsoTime.TryParse(text, out var t))
        {
            return text.Trim();
        }

        var instant = t.ToInstant();
        var ticks = instant.ToUnixTimeTicks(); // 100 ns; the reference implementation keeps microseconds
        var micros = ticks / 10 - (ticks < 0 && ticks % 10 != 0 ? 1 : 0);
        var millis = Math.DivRem(micros, 1000, out var rest);
        if (rest < 0)
        {
            rest += 1000;
            millis -= 1;
        }

        if (rest > 500 || (rest == 500 && millis % 2 != 0))
        {
            millis++;
        }

        return IsoTime.Canonical(Instant.FromUnixTimeMilliseconds(millis));
    }

    /// <summary>
    /// Kuajing's own content hash for events GS1 defines no hash for (DCSA Track &amp; Trace and carrier scans): SHA-256 over
    /// the source's identifying fields joined by U+001F, written <c>kj:sha256:&lt;64 lowercase hex&gt;</c>.
    /// </summary>
    internal static string ComputeFields(params string?[] fields)
    {
        var text = string.Join('\u001f', fields.Select(f => f?.Trim() ?? ""));
        return "kj:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Normalises a leaf value of an extension for <see cref="EpcisEventDetails.ExtensionLeaves"/>: numbers lose trailing zeros, text is trimmed.</summary>
    internal static string NormaliseLeaf(string? value)
    {
        var v = value?.Trim() ?? "";
        return v.Length > 0 && (char.IsDigit(v[0]) || v[0] is '-' or '+' or '.') && Number().IsMatch(v) ? NormaliseNumber(v) : v;
    }

    /// <summary>One field of the canonical property order; <paramref name="Typed"/> for type-first items (bizTransaction, source, destination).</summary>
    private sealed record Field(string Name, Field[]? Children = null, bool Typed = false);
}
