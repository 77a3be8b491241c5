using System.Xml;
using System.Xml.Schema;

namespace Kuajing.Customs.China;

/// <summary>
/// Validates CEB messages against Kuajing's schema (<c>ceb.xsd</c>, an embedded resource written from the field lists of
/// regulatory-facts.md §3.3; not the official GACC schema), plus a subset of the W3C XML-DSig core schema for the optional
/// <c>Signature</c> node (<see cref="SignatureSchemaText"/>). The compiled schema set is loaded once. Thread-safe.
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
        using var dsig = XmlReader.Create(new StringReader(SignatureSchema), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        set.Add(XmlSchema.Read(dsig, null)!);
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

    /// <summary>
    /// The schema of the <c>Signature</c> node that <c>ceb.xsd</c> imports (namespace <c>http://www.w3.org/2000/09/xmldsig#</c>).
    /// It is a subset of the W3C XML-DSig core schema (XML Signature Syntax and Processing, second edition, 2008). It covers the
    /// structure every enveloped signature has (SignedInfo with CanonicalizationMethod, SignatureMethod and References; SignatureValue;
    /// KeyInfo with KeyName, KeyValue and X509Data; Object) and the elements <see cref="CebSignature"/> writes. Give it, or the full
    /// W3C schema, beside <see cref="Text"/> to validate signed messages elsewhere.
    /// </summary>
    /// <returns>The XSD.</returns>
    public static string SignatureSchemaText() => SignatureSchema;

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

    private const string SignatureSchema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Subset of the W3C XML-DSig core schema (http://www.w3.org/TR/xmldsig-core/, xmldsig-core-schema.xsd), written by Kuajing. -->
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
                   targetNamespace="http://www.w3.org/2000/09/xmldsig#" elementFormDefault="qualified" version="kuajing-1">
          <xs:complexType name="Method" mixed="true">
            <xs:sequence><xs:any namespace="##any" processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
            <xs:attribute name="Algorithm" type="xs:anyURI" use="required"/>
          </xs:complexType>
          <xs:element name="Signature">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="SignedInfo">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="CanonicalizationMethod" type="ds:Method"/>
                      <xs:element name="SignatureMethod" type="ds:Method"/>
                      <xs:element name="Reference" maxOccurs="unbounded">
                        <xs:complexType>
                          <xs:sequence>
                            <xs:element name="Transforms" minOccurs="0">
                              <xs:complexType><xs:sequence><xs:element name="Transform" type="ds:Method" maxOccurs="unbounded"/></xs:sequence></xs:complexType>
                            </xs:element>
                            <xs:element name="DigestMethod" type="ds:Method"/>
                            <xs:element name="DigestValue" type="xs:base64Binary"/>
                          </xs:sequence>
                          <xs:attribute name="Id" type="xs:ID"/>
                          <xs:attribute name="URI" type="xs:anyURI"/>
                          <xs:attribute name="Type" type="xs:anyURI"/>
                        </xs:complexType>
                      </xs:element>
                    </xs:sequence>
                    <xs:attribute name="Id" type="xs:ID"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="SignatureValue">
                  <xs:complexType><xs:simpleContent><xs:extension base="xs:base64Binary"><xs:attribute name="Id" type="xs:ID"/></xs:extension></xs:simpleContent></xs:complexType>
                </xs:element>
                <xs:element name="KeyInfo" minOccurs="0">
                  <xs:complexType>
                    <xs:choice maxOccurs="unbounded">
                      <xs:element name="KeyName" type="xs:string"/>
                      <xs:element name="KeyValue"><xs:complexType mixed="true"><xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType></xs:element>
                      <xs:element name="X509Data">
                        <xs:complexType>
                          <xs:choice maxOccurs="unbounded">
                            <xs:element name="X509IssuerSerial">
                              <xs:complexType><xs:sequence><xs:element name="X509IssuerName" type="xs:string"/><xs:element name="X509SerialNumber" type="xs:integer"/></xs:sequence></xs:complexType>
                            </xs:element>
                            <xs:element name="X509SKI" type="xs:base64Binary"/>
                            <xs:element name="X509SubjectName" type="xs:string"/>
                            <xs:element name="X509Certificate" type="xs:base64Binary"/>
                            <xs:element name="X509CRL" type="xs:base64Binary"/>
                          </xs:choice>
                        </xs:complexType>
                      </xs:element>
                    </xs:choice>
                    <xs:attribute name="Id" type="xs:ID"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="Object" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType mixed="true">
                    <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
                    <xs:attribute name="Id" type="xs:ID"/>
                    <xs:attribute name="MimeType" type="xs:string"/>
                    <xs:attribute name="Encoding" type="xs:anyURI"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="Id" type="xs:ID"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;
}
