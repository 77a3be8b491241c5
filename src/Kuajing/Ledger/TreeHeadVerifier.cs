using System.Security.Cryptography;

namespace Kuajing.Ledger;

/// <summary>
/// Checks signed tree heads against one trusted ECDSA P-256 public key (see <see cref="TreeHeadSigner"/>).
/// </summary>
/// <remarks>Thread-safe for <see cref="Verify"/>. Dispose to release the key.</remarks>
public sealed class TreeHeadVerifier : IDisposable
{
    private readonly ECDsa _key;

    private TreeHeadVerifier(ECDsa key)
    {
        _key = key;
        KeyId = ComputeKeyId(key);
    }

    /// <summary>The trusted key's id: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo (RFC 6962 §3.2 log ID).</summary>
    public string KeyId { get; }

    /// <summary>Loads the trusted public key from PEM ("PUBLIC KEY", SubjectPublicKeyInfo).</summary>
    /// <param name="publicKeyPem">PEM text holding one P-256 public key.</param>
    /// <returns>The verifier.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="publicKeyPem"/> is null.</exception>
    /// <exception cref="ArgumentException">The PEM holds no readable EC public key, or the key is not on curve P-256.</exception>
    public static TreeHeadVerifier FromPem(string publicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
            RequireP256(key, nameof(publicKeyPem));
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException($"Expected a PEM-encoded ECDSA P-256 public key: {ex.Message}", nameof(publicKeyPem), ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return new TreeHeadVerifier(key);
    }

    /// <summary>
    /// True when <paramref name="head"/> names this key (<see cref="SignedTreeHead.KeyId"/>) and its signature is a valid
    /// ECDSA P-256 / SHA-256 signature over <see cref="SignedTreeHead.SignedData"/>. Never throws for a bad signature.
    /// </summary>
    /// <param name="head">The head to check.</param>
    /// <returns>Whether the head is authentic.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="head"/> is null.</exception>
    public bool Verify(SignedTreeHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (!string.Equals(head.KeyId, KeyId, StringComparison.Ordinal) || head.Signature.IsEmpty)
        {
            return false;
        }

        try
        {
            return _key.VerifyData(head.SignedData(), head.Signature.AsSpan(), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false; // a malformed DER signature is just an invalid signature
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();

    internal static string ComputeKeyId(ECDsa key) =>
        Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    internal static void RequireP256(ECDsa key, string parameterName)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (key.KeySize != 256 || !curve.IsNamed || curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
        {
            throw new ArgumentException($"Tree heads are signed with ECDSA on curve P-256; this key is {key.KeySize}-bit ({curve.Oid.FriendlyName ?? curve.Oid.Value}).", parameterName);
        }
    }
}
