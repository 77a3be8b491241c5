using System.Security.Cryptography;
using NodaTime;

namespace Kuajing.Ledger;

/// <summary>
/// Signs tree heads with an ECDSA P-256 key (NIST FIPS 186-5 curve P-256, SHA-256, DER signatures as in RFC 6962 §2.1.4
/// and RFC 9162 §4.10's signature over <c>TreeHeadDataV2</c>), using .NET's built-in <see cref="ECDsa"/>.
/// </summary>
/// <remarks>Thread-safe for signing. Dispose to release the key.</remarks>
public sealed class TreeHeadSigner : IDisposable
{
    private readonly ECDsa _key;

    private TreeHeadSigner(ECDsa key)
    {
        _key = key;
        KeyId = TreeHeadVerifier.ComputeKeyId(key);
    }

    /// <summary>The signing key's id: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo (RFC 6962 §3.2 log ID).</summary>
    public string KeyId { get; }

    /// <summary>Creates a signer with a new random P-256 key.</summary>
    /// <returns>The signer; export its key with <see cref="ExportPrivateKeyPem"/> to keep it.</returns>
    public static TreeHeadSigner Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Loads a signer from a PEM private key: "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC 1); encrypted PEM is not supported.</summary>
    /// <param name="privateKeyPem">PEM text holding one P-256 private key.</param>
    /// <returns>The signer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="privateKeyPem"/> is null.</exception>
    /// <exception cref="ArgumentException">The PEM holds no readable EC private key (for instance only a public key), or the key is not on curve P-256.</exception>
    public static TreeHeadSigner FromPem(string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
            TreeHeadVerifier.RequireP256(key, nameof(privateKeyPem));
            _ = key.ExportParameters(includePrivateParameters: true); // throws when the PEM held only a public key
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException($"Expected a PEM-encoded ECDSA P-256 private key: {ex.Message}", nameof(privateKeyPem), ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return new TreeHeadSigner(key);
    }

    /// <summary>The private key as PEM ("PRIVATE KEY", unencrypted PKCS#8). Keep it secret.</summary>
    /// <returns>PEM text.</returns>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>The public key as PEM ("PUBLIC KEY", SubjectPublicKeyInfo), for <see cref="TreeHeadVerifier.FromPem"/>.</summary>
    /// <returns>PEM text.</returns>
    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A verifier for this signer's public key.</summary>
    /// <returns>A new verifier (dispose it).</returns>
    public TreeHeadVerifier CreateVerifier() => TreeHeadVerifier.FromPem(ExportPublicKeyPem());

    /// <summary>Signs a tree head over <see cref="SignedTreeHead.EncodeSignedData"/>.</summary>
    /// <param name="treeSize">Number of leaves, ≥ 0.</param>
    /// <param name="rootHash">The root of the tree of that size (<see cref="MerkleTree.RootHash(long)"/>).</param>
    /// <param name="timestamp">Signing time, from an injected clock; truncated to whole milliseconds.</param>
    /// <returns>The signed tree head.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative or <paramref name="timestamp"/> is before the Unix epoch.</exception>
    public SignedTreeHead Sign(long treeSize, MerkleHash rootHash, Instant timestamp)
    {
        var whole = Instant.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        var data = SignedTreeHead.EncodeSignedData(treeSize, whole, rootHash);
        var signature = _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new SignedTreeHead(treeSize, whole, rootHash, [.. signature], KeyId);
    }

    /// <summary>Signs the current head of <paramref name="tree"/> (its <see cref="MerkleTree.Size"/> and root).</summary>
    /// <param name="tree">The log's tree.</param>
    /// <param name="clock">Clock giving the signing time.</param>
    /// <returns>The signed tree head.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> or <paramref name="clock"/> is null.</exception>
    public SignedTreeHead Sign(MerkleTree tree, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(clock);
        return Sign(tree.Size, tree.RootHash(), clock.GetCurrentInstant());
    }

    /// <inheritdoc/>
    public void Dispose() => _key.Dispose();
}
