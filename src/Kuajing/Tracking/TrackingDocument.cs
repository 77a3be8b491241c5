using Kuajing.Tracking.Carriers;
using Kuajing.Tracking.Events;
using NodaTime;

namespace Kuajing.Tracking;

/// <summary>The formats of tracking document Kuajing captures (docs/tracking-events.md).</summary>
public enum TrackingDocumentFormat
{
    /// <summary>GS1 EPCIS 2.0 XML document (<c>epcis-xml</c>).</summary>
    EpcisXml,

    /// <summary>GS1 EPCIS 2.0 JSON-LD document (<c>epcis-json</c>).</summary>
    EpcisJson,

    /// <summary>An EasyPost tracker payload, the first carrier plugin (<c>easypost</c>).</summary>
    EasyPost,

    /// <summary>DCSA Track &amp; Trace 2.2 / 3.0 event list (<c>dcsa</c>).</summary>
    Dcsa,
}

/// <summary>
/// Reads a tracking document of any supported format into Kuajing events: the one place that tells the formats apart,
/// used by <c>kuajing ingest</c> and by <c>POST /api/events</c>. Detection: XML (first non-blank character <c>&lt;</c>, or an
/// XML media type) is EPCIS XML; JSON with <c>"epcisBody"</c> or <c>"@context"</c> (or <c>application/ld+json</c>) is EPCIS
/// JSON-LD; JSON with <c>"tracking_code"</c> is an EasyPost tracker; any other JSON is read as DCSA Track &amp; Trace.
/// </summary>
public static class TrackingDocument
{
    /// <summary>The format's short name: <c>epcis-xml</c>, <c>epcis-json</c>, <c>easypost</c> or <c>dcsa</c>.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="format"/> is not a defined value.</exception>
    public static string Name(TrackingDocumentFormat format) => format switch
    {
        TrackingDocumentFormat.EpcisXml => "epcis-xml",
        TrackingDocumentFormat.EpcisJson => "epcis-json",
        TrackingDocumentFormat.EasyPost => "easypost",
        TrackingDocumentFormat.Dcsa => "dcsa",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a tracking document format"),
    };

    /// <summary>Parses a short name (<see cref="Name"/>), case-insensitive.</summary>
    /// <param name="name">The name.</param>
    /// <param name="format">The format when the name is known.</param>
    /// <returns>True when <paramref name="name"/> names a format.</returns>
    public static bool TryParseName(string? name, out TrackingDocumentFormat format)
    {
        foreach (var f in Enum.GetValues<TrackingDocumentFormat>())
        {
            if (string.Equals(Name(f), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                format = f;
                return true;
            }
        }

        format = default;
        return false;
    }

    /// <summary>Tells the format of a document from its text and, when known, its media type.</summary>
    /// <param name="text">The document.</param>
    /// <param name="mediaType">HTTP media type without parameters (e.g. <c>application/ld+json</c>), or <see langword="null"/>.</param>
    /// <returns>The format (DCSA when nothing else matches).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="text"/> is null.</exception>
    public static TrackingDocumentFormat Detect(string text, string? mediaType = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var media = mediaType?.Split(';')[0].Trim().ToLowerInvariant();
        if (text.TrimStart().StartsWith('<') || media is "application/xml" or "text/xml")
        {
            return TrackingDocumentFormat.EpcisXml;
        }

        if (media == "application/ld+json" || text.Contains("\"epcisBody\"", StringComparison.Ordinal) || text.Contains("\"@context\"", StringComparison.Ordinal))
        {
            return TrackingDocumentFormat.EpcisJson;
        }

        return text.Contains("\"tracking_code\"", StringComparison.Ordinal) ? TrackingDocumentFormat.EasyPost : TrackingDocumentFormat.Dcsa;
    }

    /// <summary>Reads a document in a given format.</summary>
    /// <param name="text">The document.</param>
    /// <param name="format">Its format (<see cref="Detect"/>).</param>
    /// <param name="document">The document's name for error messages and event sources (a file path, or <c>request</c>).</param>
    /// <param name="clock">Clock for DCSA events that carry no creation time.</param>
    /// <returns>The events and the per-event errors.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="format"/> is not a defined value.</exception>
    public static EventParseResult Read(string text, TrackingDocumentFormat format, string document, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(clock);
        return format switch
        {
            TrackingDocumentFormat.EpcisXml => EpcisDocumentReader.ReadXml(text, document),
            TrackingDocumentFormat.EpcisJson => EpcisDocumentReader.ReadJson(text, document),
            TrackingDocumentFormat.EasyPost => new EasyPostTrackingPlugin().Map(text, document),
            TrackingDocumentFormat.Dcsa => DcsaEventReader.Read(text, document, clock),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a tracking document format"),
        };
    }
}
