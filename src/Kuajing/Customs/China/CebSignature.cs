using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace Kuajing.Customs.China;

/// <summary>
/// Signs CEB messages and verifies their signatures. A message declared with <c>appStatus</c> = 2 must carry a
/// <c>Signature</c> node (regulatory-facts.md §3.3, from Weasley-J/chinaport-data-signature InventoryHead.java, C).
/// The signature is an enveloped XML-DSig signature (W3C XML Signature Syntax and Processing, 2008 second edition):
/// <list type="bullet">
/// <item>canonicalisation: <see cref="CanonicalizationMethod"/> (Canonical XML 1.0, 2001-03-15);</item>
/// <item>signature method: <see cref="RsaSha1"/>;</item>
/// <item>one reference with URI <c>""</c> (the whole message), the enveloped-signature transform only, digest <see cref="Sha1"/>.</item>
/// </list>
/// These are the URIs that §3.3 lists (C that clients use them). Which algorithm the China E-Port gateway requires today is
/// <b>U</b>. SHA-1 is what the sources give; it is not a Kuajing choice. The other algorithm the sources list, SM2/SM3
/// (<see cref="Sm2Sm3"/>, <see cref="Sm2Sm3Chinaport2022"/>), has no implementation in .NET: Kuajing refuses it with
/// <see cref="CebSignatureException"/> (code <c>signature-algorithm-unsupported</c>) and never substitutes another algorithm.
/// <para>
/// The <c>Signature</c> element goes at the end of the root <c>ceb:CEBnnnMessage</c>, after <c>BaseTransfer</c>. The signing
/// client Weasley-J/chinaport-data-signature (SignatureHandler.java) appends it there. Its <c>KeyInfo</c> carries a
/// <c>KeyName</c> and <c>X509Data/X509Certificate</c>. In those clients <c>KeyName</c> is the U-key's certificate number.
/// Kuajing writes the certificate's serial number (hexadecimal) there (U). Kuajing writes the XML-DSig elements in the default
/// namespace; the clients use the <c>ds:</c> prefix. A conforming verifier treats both alike. Whether the gateway does is U.
/// </para>
/// Stateless; thread-safe.
/// </summary>
public static class CebSignature
{
    /// <summary>The XML-DSig namespace.</summary>
    public const string DsigNamespace = SignedXml.XmlDsigNamespaceUrl;

    /// <summary>Canonical XML 1.0 without comments (regulatory-facts.md §3.3).</summary>
    public const string CanonicalizationMethod = SignedXml.XmlDsigCanonicalizationUrl;

    /// <summary>RSA PKCS#1 v1.5 with SHA-1 (regulatory-facts.md §3.3; the gateway's current requirement is U).</summary>
    public const string RsaSha1 = SignedXml.XmlDsigRSASHA1Url;

    /// <summary>SHA-1 digest (the digest of the rsa-sha1 clients, regulatory-facts.md §3.3 and SignatureHandler.java).</summary>
    public const string Sha1 = SignedXml.XmlDsigSHA1Url;

    /// <summary>The enveloped-signature transform.</summary>
    public const string EnvelopedSignatureTransform = SignedXml.XmlDsigEnvelopedSignatureTransformUrl;

    /// <summary>SM2 signature with SM3 digest, the national algorithms (regulatory-facts.md §3.3). Not available in .NET.</summary>
    public const string Sm2Sm3 = "http://www.w3.org/2000/09/xmldsig#sm2-sm3";

    /// <summary>The Chinaport 2022 variant of the SM2/SM3 URI that some clients use (regulatory-facts.md §3.3). Not available in .NET.</summary>
    public const string Sm2Sm3Chinaport2022 = "http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3";

    private const string Sm2CurveOid = "1.2.156.10197.1.301";      // GB/T 35276 / GM/T 0006: SM2 elliptic curve
    private const string Sm3WithSm2Oid = "1.2.156.10197.1.501";    // GM/T 0006: SM3 with SM2 signature
    private const string RsaOid = "1.2.840.113549.1.1.1";

    private static readonly XmlWriterSettings WriterSettings = new() { Encoding = new UTF8Encoding(false), Indent = false };

    /// <summary>Signs a generated message.</summary>
    /// <param name="message">A message from <see cref="CebMessageWriter"/>.</param>
    /// <param name="credentials">The enterprise's key and certificate.</param>
    /// <param name="algorithm">The signature algorithm, <see cref="RsaSha1"/> (the only one .NET can compute).</param>
    /// <returns>The same message with its <c>Signature</c> node; type, guid and file name unchanged.</returns>
    /// <exception cref="CebSignatureException">When <paramref name="algorithm"/> is SM2/SM3 or unknown (code <c>signature-algorithm-unsupported</c>), when the message is not a CEB message or is already signed (code <c>signature-input-invalid</c>).</exception>
    public static CebMessage Sign(CebMessage message, CebSigningCredentials credentials, string algorithm = RsaSha1)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message with { Xml = Sign(message.Xml, credentials, algorithm) };
    }

    /// <summary>Signs a CEB message given as bytes: appends an enveloped XML-DSig <c>Signature</c> as the last child of the root.</summary>
    /// <param name="xml">The unsigned message (UTF-8).</param>
    /// <param name="credentials">The enterprise's key and certificate.</param>
    /// <param name="algorithm">The signature algorithm, <see cref="RsaSha1"/> (the only one .NET can compute).</param>
    /// <returns>The signed message, UTF-8 without byte order mark. Everything outside the <c>Signature</c> node is unchanged, so
    /// the digest equals SHA-1 of the canonical form of the unsigned message.</returns>
    /// <exception cref="CebSignatureException">When <paramref name="algorithm"/> is SM2/SM3 or unknown (code <c>signature-algorithm-unsupported</c>), or the input is not well-formed, is not a <c>ceb:CEBnnnMessage</c> or already holds a signature (code <c>signature-input-invalid</c>).</exception>
    public static byte[] Sign(byte[] xml, CebSigningCredentials credentials, string algorithm = RsaSha1)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(credentials);
        RequireComputable(algorithm);
        var doc = Load(xml, out var loadError);
        if (doc is null)
        {
            throw new CebSignatureException(CebSignatureException.InputInvalid, $"cannot sign: {loadError}");
        }

        var root = doc.DocumentElement!;
        if (root.NamespaceURI != CebMessageWriter.Namespace || !root.LocalName.StartsWith("CEB", StringComparison.Ordinal))
        {
            throw new CebSignatureException(CebSignatureException.InputInvalid, $"cannot sign: the root is {{{root.NamespaceURI}}}{root.LocalName}, expected a ceb:CEBnnnMessage in {CebMessageWriter.Namespace}");
        }

        if (doc.GetElementsByTagName("Signature", DsigNamespace).Count > 0)
        {
            throw new CebSignatureException(CebSignatureException.InputInvalid, "cannot sign: the message already holds a Signature node");
        }

        // SignedXml(XmlDocument) takes the root as context, so the SignedInfo is canonicalised with the namespaces in scope at the
        // root (xmlns:ceb), as a verifier sees it once the Signature sits inside the root (inclusive c14n).
        var signed = new SignedXml(doc) { SigningKey = credentials.Key };
        signed.SignedInfo!.CanonicalizationMethod = CanonicalizationMethod;
        signed.SignedInfo.SignatureMethod = RsaSha1;
        var reference = new Reference(string.Empty) { DigestMethod = Sha1 };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoName(credentials.Certificate.SerialNumber));
        keyInfo.AddClause(new KeyInfoX509Data(credentials.Certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();
        root.AppendChild(doc.ImportNode(signed.GetXml(), deep: true));

        var buffer = new MemoryStream(xml.Length + 2048);
        using (var w = XmlWriter.Create(buffer, WriterSettings))
        {
            doc.Save(w);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Verifies a signed CEB message. Checks, each reported on its own: exactly one XML-DSig <c>Signature</c>, a child of the root;
    /// canonicalisation <see cref="CanonicalizationMethod"/>; signature method <see cref="RsaSha1"/> (SM2/SM3 gives
    /// <see cref="CebSignatureStatus.Unsupported"/>); one reference with URI <c>""</c> (the whole message) and the enveloped-signature
    /// transform only; digest <see cref="Sha1"/>; the digest value equals SHA-1 of the canonical message without the
    /// <c>Signature</c> (computed here, not by <see cref="SignedXml"/>); the certificate in <c>KeyInfo/X509Data</c> verifies the
    /// <c>SignatureValue</c>; and, when <paramref name="expectedCertificate"/> is given, it is that certificate.
    /// The certificate's chain, validity dates and revocation are <b>not</b> checked: Kuajing holds no China E-Port trust anchor.
    /// </summary>
    /// <param name="xml">The signed message (UTF-8).</param>
    /// <param name="expectedCertificate">The enterprise certificate to pin, or null to accept the certificate the message carries.</param>
    /// <returns>The outcome with every failure found.</returns>
    public static CebSignatureCheck Verify(byte[] xml, X509Certificate2? expectedCertificate = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var failures = new List<string>();
        var doc = Load(xml, out var loadError);
        if (doc is null)
        {
            return new CebSignatureCheck(CebSignatureStatus.Invalid, [loadError!], null, null);
        }

        var signatures = doc.GetElementsByTagName("Signature", DsigNamespace).Cast<XmlElement>().ToList();
        if (signatures.Count != 1)
        {
            failures.Add(signatures.Count == 0
                ? "no Signature node: a message with appStatus = 2 must be signed (regulatory-facts.md §3.3)"
                : $"{signatures.Count} Signature nodes: expected exactly one");
            return new CebSignatureCheck(CebSignatureStatus.Invalid, failures, null, null);
        }

        var signature = signatures[0];
        if (signature.ParentNode != doc.DocumentElement)
        {
            failures.Add($"the Signature node is inside <{signature.ParentNode?.Name}>: expected a child of the root <{doc.DocumentElement!.Name}>");
        }

        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("ds", DsigNamespace);
        var c14n = signature.SelectSingleNode("ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm", ns)?.Value;
        if (c14n != CanonicalizationMethod)
        {
            failures.Add($"CanonicalizationMethod '{c14n ?? "(missing)"}': expected {CanonicalizationMethod}");
        }

        var method = signature.SelectSingleNode("ds:SignedInfo/ds:SignatureMethod/@Algorithm", ns)?.Value;
        if (method is Sm2Sm3 or Sm2Sm3Chinaport2022)
        {
            failures.Add($"SignatureMethod {method} (SM2 signature with SM3 digest) is not available in .NET: Kuajing cannot verify this signature");
            return new CebSignatureCheck(CebSignatureStatus.Unsupported, failures, method, null);
        }

        if (method != RsaSha1)
        {
            failures.Add($"SignatureMethod '{method ?? "(missing)"}': expected {RsaSha1} (or {Sm2Sm3}, which .NET cannot verify)");
        }

        var references = signature.SelectNodes("ds:SignedInfo/ds:Reference", ns)!.Cast<XmlElement>().ToList();
        string? digestValue = null;
        if (references.Count != 1)
        {
            failures.Add($"{references.Count} Reference nodes: expected exactly one, covering the whole message");
        }
        else
        {
            var reference = references[0];
            var uri = reference.GetAttributeNode("URI");
            if (uri is null || uri.Value.Length != 0)
            {
                failures.Add(uri is null
                    ? "the Reference has no URI attribute: expected URI=\"\" (the whole message)"
                    : $"Reference URI '{uri.Value}': expected \"\" (the whole message); a signature over part of the message is not accepted");
            }

            var transforms = reference.SelectNodes("ds:Transforms/ds:Transform/@Algorithm", ns)!.Cast<XmlNode>().Select(a => a.Value ?? string.Empty).ToList();
            if (transforms.Count != 1 || transforms[0] != EnvelopedSignatureTransform)
            {
                failures.Add($"Reference transforms [{string.Join(", ", transforms)}]: expected exactly [{EnvelopedSignatureTransform}]");
            }

            var digestMethod = reference.SelectSingleNode("ds:DigestMethod/@Algorithm", ns)?.Value;
            if (digestMethod != Sha1)
            {
                failures.Add($"DigestMethod '{digestMethod ?? "(missing)"}': expected {Sha1}");
            }

            digestValue = reference.SelectSingleNode("ds:DigestValue", ns)?.InnerText.Trim();
        }

        if (digestValue is not null)
        {
            var actual = Convert.ToBase64String(DigestWithoutSignature(doc, signature));
            if (!string.Equals(actual, digestValue, StringComparison.Ordinal))
            {
                failures.Add($"DigestValue {digestValue} does not match the message ({actual}): the content was changed after signing");
            }
        }

        var certificates = signature.SelectNodes("ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns)!;
        X509Certificate2? certificate = null;
        if (certificates.Count != 1)
        {
            failures.Add($"{certificates.Count} X509Certificate nodes in KeyInfo/X509Data: expected exactly one (the signer's certificate)");
        }
        else
        {
            try
            {
                certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificates[0]!.InnerText.Trim()));
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                failures.Add($"KeyInfo X509Certificate is not a DER certificate in base64: {e.Message}");
            }
        }

        using (certificate)
        {
            if (certificate is not null)
            {
                if (expectedCertificate is not null && !certificate.RawDataMemory.Span.SequenceEqual(expectedCertificate.RawDataMemory.Span))
                {
                    failures.Add($"the message carries certificate {certificate.Subject} (serial {certificate.SerialNumber}, SHA-1 thumbprint {certificate.Thumbprint}): expected {expectedCertificate.Subject} (serial {expectedCertificate.SerialNumber}, SHA-1 thumbprint {expectedCertificate.Thumbprint})");
                }

                if (method == RsaSha1 && !CheckSignatureValue(doc, signature, certificate, out var why))
                {
                    failures.Add(why);
                }
            }

            var signer = certificate is null ? null : new CebSigner(certificate.Subject, certificate.SerialNumber, certificate.Thumbprint, certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
            return new CebSignatureCheck(failures.Count == 0 ? CebSignatureStatus.Valid : CebSignatureStatus.Invalid, failures, method, signer);
        }
    }

    /// <summary>SHA-1 of the Canonical XML 1.0 form of the message without its <c>Signature</c> node (what the enveloped-signature transform and c14n give).</summary>
    private static byte[] DigestWithoutSignature(XmlDocument doc, XmlElement signature)
    {
        var copy = (XmlDocument)doc.CloneNode(deep: true);
        var index = IndexPath(signature);
        var node = (XmlNode)copy;
        foreach (var i in index)
        {
            node = node.ChildNodes[i]!;
        }

        node.ParentNode!.RemoveChild(node);
        var transform = new XmlDsigC14NTransform(includeComments: false);
        transform.LoadInput(copy);
#pragma warning disable CA5350 // SHA-1 is the digest the CEB sources give (regulatory-facts.md §3.3); verification must compute it.
        using var sha1 = SHA1.Create();
#pragma warning restore CA5350
        return transform.GetDigestedOutput(sha1);
    }

    private static List<int> IndexPath(XmlNode node)
    {
        var path = new List<int>();
        for (var n = node; n.ParentNode is { } parent; n = parent)
        {
            var i = 0;
            for (var s = parent.FirstChild; s != n; s = s!.NextSibling)
            {
                i++;
            }

            path.Add(i);
        }

        path.Reverse();
        return path;
    }

    private static bool CheckSignatureValue(XmlDocument doc, XmlElement signature, X509Certificate2 certificate, out string why)
    {
        why = string.Empty;
        using var key = certificate.GetRSAPublicKey();
        if (key is null)
        {
            why = $"the certificate {certificate.Subject} has a {certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value} key: rsa-sha1 needs an RSA key";
            return false;
        }

        try
        {
            var signed = new SignedXml(doc);
            signed.LoadXml(signature);
            if (signed.CheckSignature(key))
            {
                return true;
            }
        }
        catch (CryptographicException e)
        {
            why = $"the signature cannot be checked: {e.Message}";
            return false;
        }

        why = $"SignatureValue does not verify with the key of certificate {certificate.Subject} (serial {certificate.SerialNumber}): the SignedInfo, the content or the certificate was changed";
        return false;
    }

    private static void RequireComputable(string algorithm)
    {
        if (algorithm is Sm2Sm3 or Sm2Sm3Chinaport2022)
        {
            throw new CebSignatureException(CebSignatureException.AlgorithmUnsupported, $"signature algorithm {algorithm} (SM2 signature with SM3 digest, GM/T 0003 and GM/T 0004) is not available in .NET; Kuajing cannot produce it. Sign with the enterprise's SM2 client, or with {RsaSha1} if the gateway accepts it (U)");
        }

        if (algorithm != RsaSha1)
        {
            throw new CebSignatureException(CebSignatureException.AlgorithmUnsupported, $"signature algorithm '{algorithm}': expected {RsaSha1} (regulatory-facts.md §3.3)");
        }
    }

    private static XmlDocument? Load(byte[] xml, out string? error)
    {
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            doc.Load(reader);
            error = null;
            return doc;
        }
        catch (XmlException e)
        {
            error = $"not well-formed XML: line {e.LineNumber}, position {e.LinePosition}: {e.Message}";
            return null;
        }
    }

    /// <summary>Checks that a certificate holds a key .NET can sign CEB messages with; names SM2 when that is what it holds.</summary>
    /// <param name="certificate">The certificate.</param>
    /// <param name="source">Where it came from, for the message.</param>
    /// <exception cref="CebSignatureException">When the certificate is SM2 or not RSA.</exception>
    internal static void RequireRsaCertificate(X509Certificate2 certificate, string source)
    {
        if (certificate.SignatureAlgorithm.Value == Sm3WithSm2Oid || IsSm2Curve(certificate))
        {
            throw new CebSignatureException(CebSignatureException.AlgorithmUnsupported, $"{source}: an SM2 certificate ({Sm2Sm3}): SM2/SM3 is not available in .NET; Kuajing cannot sign with it");
        }

        if (certificate.PublicKey.Oid.Value != RsaOid)
        {
            throw new CebSignatureException(CebSignatureException.KeyInvalid, $"{source}: the certificate holds a {certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value} key: expected RSA ({RsaSha1})");
        }
    }

    private static string? ReadOid(byte[] der)
    {
        try
        {
            return new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadObjectIdentifier();
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return null;
        }
    }

    private static bool IsSm2Curve(X509Certificate2 certificate)
    {
        // EC public key parameters are the named curve's OID; SM2's (GM/T 0006) is 1.2.156.10197.1.301.
        var parameters = certificate.PublicKey.EncodedParameters?.RawData ?? [];
        return parameters.Length > 2 && parameters[0] == 0x06
            && string.Equals(ReadOid(parameters), Sm2CurveOid, StringComparison.Ordinal);
    }
}

/// <summary>The outcome of <see cref="CebSignature.Verify"/>.</summary>
public enum CebSignatureStatus
{
    /// <summary>Every check passed.</summary>
    Valid,

    /// <summary>At least one check failed (see <see cref="CebSignatureCheck.Failures"/>).</summary>
    Invalid,

    /// <summary>The signature uses SM2/SM3, which .NET cannot verify; nothing is claimed about it.</summary>
    Unsupported,
}

/// <summary>The certificate a message was signed with, as the message carries it (not checked against any trust anchor).</summary>
/// <param name="Subject">Subject distinguished name.</param>
/// <param name="SerialNumber">Serial number, hexadecimal.</param>
/// <param name="Thumbprint">SHA-1 thumbprint, hexadecimal.</param>
/// <param name="NotBefore">Start of validity, UTC.</param>
/// <param name="NotAfter">End of validity, UTC.</param>
public sealed record CebSigner(string Subject, string SerialNumber, string Thumbprint, DateTime NotBefore, DateTime NotAfter);

/// <summary>The result of verifying a CEB message's signature.</summary>
/// <param name="Status">Valid, invalid or unsupported (SM2/SM3).</param>
/// <param name="Failures">Every check that failed, in the order checked; empty when valid.</param>
/// <param name="SignatureMethod">The SignatureMethod URI, or null when there is no signature.</param>
/// <param name="Signer">The certificate the message carries, or null when none could be read.</param>
public sealed record CebSignatureCheck(CebSignatureStatus Status, IReadOnlyList<string> Failures, string? SignatureMethod, CebSigner? Signer)
{
    /// <summary>True when every check passed.</summary>
    public bool IsValid => Status == CebSignatureStatus.Valid;
}

/// <summary>
/// The enterprise's signing key (RSA) and X.509 certificate, read from PEM. The key must belong to the certificate.
/// Dispose it to release the key.
/// </summary>
public sealed class CebSigningCredentials : IDisposable
{
    private CebSigningCredentials(RSA key, X509Certificate2 certificate)
    {
        Key = key;
        Certificate = certificate;
    }

    /// <summary>The RSA private key.</summary>
    public RSA Key { get; }

    /// <summary>The certificate written into each signature's <c>KeyInfo</c>.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Reads the key and certificate from PEM files.</summary>
    /// <param name="keyPath">PEM file with the RSA private key (<c>PRIVATE KEY</c> PKCS#8 or <c>RSA PRIVATE KEY</c> PKCS#1, unencrypted).</param>
    /// <param name="certificatePath">PEM file with the certificate (<c>CERTIFICATE</c>).</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="FileNotFoundException">When a file does not exist.</exception>
    /// <exception cref="CebSignatureException">As <see cref="FromPem"/>, naming the file.</exception>
    public static CebSigningCredentials FromPemFiles(string keyPath, string certificatePath)
    {
        ArgumentNullException.ThrowIfNull(keyPath);
        ArgumentNullException.ThrowIfNull(certificatePath);
        return FromPem(File.ReadAllText(keyPath), File.ReadAllText(certificatePath), keyPath, certificatePath);
    }

    /// <summary>Reads the key and certificate from PEM text.</summary>
    /// <param name="keyPem">The RSA private key (<c>PRIVATE KEY</c> or <c>RSA PRIVATE KEY</c>, unencrypted).</param>
    /// <param name="certificatePem">The certificate (<c>CERTIFICATE</c>).</param>
    /// <param name="keySource">Name of the key's source for error messages.</param>
    /// <param name="certificateSource">Name of the certificate's source for error messages.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="CebSignatureException">Code <c>signature-algorithm-unsupported</c> when the certificate is SM2 (SM2/SM3 is not available in .NET);
    /// code <c>signing-key-invalid</c> when the certificate or key cannot be read, the key is not RSA, or the key does not belong to the certificate.</exception>
    public static CebSigningCredentials FromPem(string keyPem, string certificatePem, string keySource = "key", string certificateSource = "certificate")
    {
        ArgumentNullException.ThrowIfNull(keyPem);
        ArgumentNullException.ThrowIfNull(certificatePem);
        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            throw new CebSignatureException(CebSignatureException.KeyInvalid, $"{certificateSource}: not a PEM X.509 certificate (-----BEGIN CERTIFICATE-----): {e.Message}");
        }

        try
        {
            CebSignature.RequireRsaCertificate(certificate, certificateSource);
            var key = RSA.Create();
            try
            {
                key.ImportFromPem(keyPem);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                key.Dispose();
                throw new CebSignatureException(CebSignatureException.KeyInvalid, $"{keySource}: not an unencrypted PEM RSA private key (PRIVATE KEY or RSA PRIVATE KEY): {e.Message}");
            }

            using var pub = certificate.GetRSAPublicKey()!;
            var a = key.ExportParameters(false);
            var b = pub.ExportParameters(false);
            if (!a.Modulus.AsSpan().SequenceEqual(b.Modulus) || !a.Exponent.AsSpan().SequenceEqual(b.Exponent))
            {
                key.Dispose();
                throw new CebSignatureException(CebSignatureException.KeyInvalid, $"{keySource}: the key does not belong to {certificateSource} ({certificate.Subject}, serial {certificate.SerialNumber})");
            }

            return new CebSigningCredentials(key, certificate);
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>Releases the key and certificate.</summary>
    public void Dispose()
    {
        Key.Dispose();
        Certificate.Dispose();
    }
}

/// <summary>A CEB message cannot be signed: unsupported algorithm (SM2/SM3), unusable key or certificate, or unusable input.</summary>
public sealed class CebSignatureException : Exception
{
    /// <summary>Code: the algorithm is not available in .NET (SM2/SM3) or unknown.</summary>
    public const string AlgorithmUnsupported = "signature-algorithm-unsupported";

    /// <summary>Code: the key or certificate cannot be used.</summary>
    public const string KeyInvalid = "signing-key-invalid";

    /// <summary>Code: the message cannot be signed (not well-formed, not a CEB message, already signed).</summary>
    public const string InputInvalid = "signature-input-invalid";

    /// <summary>Creates the error.</summary>
    /// <param name="code">One of the codes above.</param>
    /// <param name="message">What is wrong, naming the file or algorithm.</param>
    public CebSignatureException(string code, string message)
        : base($"{code}: {message}")
    {
        Code = code;
    }

    /// <summary>The stable error code.</summary>
    public string Code { get; }
}
