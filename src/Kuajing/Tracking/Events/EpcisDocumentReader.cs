namespace Kuajing.Tracking.Events;

/// <summary>
/// Reads GS1 EPCIS 2.0 documents (ratified June 2022) into <see cref="TrackingEvent"/>s: JSON / JSON-LD
/// (<c>EPCISDocument</c> with <c>epcisBody.eventList</c>, <c>EPCISQueryDocument</c>, or a single event object) and XML
/// (<c>EPCISDocument</c>, <c>EPCISQueryDocument</c>). Pure: no I/O except in <see cref="ReadFile"/>; thread-safe.
/// </summary>
public static class EpcisDocumentReader
{
    /// <summary>Reads an EPCIS 2.0 JSON / JSON-LD document.</summary>
    /// <param name="json">The document text.</param>
    /// <param name="document">The file path or URL, recorded in each event's <see cref="EventSource"/> and in errors.</param>
    /// <returns>The events that parsed, in document order, and one error per problem (a bad event does not stop the others).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="json"/> or <paramref name="document"/> is null.</exception>
    public static EventParseResult ReadJson(string json, string document)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(document);
        return EpcisJsonReader.Read(json, document);
    }

    /// <summary>Reads an EPCIS 2.0 XML document.</summary>
    /// <param name="xml">The document text.</param>
    /// <param name="document">The file path or URL, recorded in each event's <see cref="EventSource"/> and in errors.</param>
    /// <returns>The events that parsed, in document order, and one error per problem.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="xml"/> or <paramref name="document"/> is null.</exception>
    public static EventParseResult ReadXml(string xml, string document)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(document);
        return EpcisXmlReader.Read(xml, document);
    }

    /// <summary>Reads an EPCIS file, choosing XML when the text starts with <c>&lt;</c> and JSON otherwise.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The parse result; the path is the document name.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">When the file cannot be read (including <see cref="FileNotFoundException"/>).</exception>
    public static EventParseResult ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = File.ReadAllText(path);
        return text.TrimStart().StartsWith('<') ? EpcisXmlReader.Read(text, path) : EpcisJsonReader.Read(text, path);
    }
}
