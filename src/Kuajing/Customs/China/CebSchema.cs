using System.Xml;
using System.Xml.Schema;

namespace Kuajing.Customs.China;

/// <summary>
/// Validates CEB messages against Kuajing's schema (<c>ceb.xsd</c>, an embedded resource written from the field lists of
/// regulatory-facts.md §3.3; not the official GACC schema). The compiled schema set is loaded once. Thread-safe.
/// </summary>
public static class CebSchema
{
    private const string ResourceName = "Kuajing.Customs.China.ceb.xsd";

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        using var stream = typeof(CebSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the Kuajing assembly");
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add(XmlSchema.Read(reader, null)!);
        set.Compile();
        return set;
    });

    /// <summary>The schema's text (for <c>kuajing customs</c> users who want it beside their messages).</summary>
    /// <returns>The XSD.</returns>
    public static string Text()
    {
        using var stream = typeof(CebSchema).Assembly.GetManifestResourceStream(ResourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Validates a message.</summary>
    /// <param name="xml">The message bytes (UTF-8).</param>
    /// <returns>Every validation error with its line and position; empty when valid.</returns>
    public static IReadOnlyList<string> Validate(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"line {e.Exception.LineNumber}, position {e.Exception.LinePosition}: {e.Message}");
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
            while (reader.Read())
            {
            }
        }
        catch (XmlException e)
        {
            errors.Add($"line {e.LineNumber}, position {e.LinePosition}: not well-formed XML: {e.Message}");
        }

        return errors;
    }
}
