using System.Buffers.Binary;
using System.Collections.Immutable;
using NodaTime;

namespace Kuajing.Ledger;

/// <summary>
/// A signed tree head (STH): the log's signed statement that its Merkle tree of <see cref="TreeSize"/> leaves had
/// root <see cref="RootHash"/> at <see cref="Timestamp"/> (RFC 9162 §4.10, RFC 6962 §3.5). Signed with ECDSA P-256 /
/// SHA-256 over <see cref="EncodeSignedData"/>; see docs/ledger.md for the byte layout.
/// </summary>
/// <remarks>Immutable. Record equality compares <see cref="Signature"/> by array identity, not content.</remarks>
public sealed record SignedTreeHead
{
    /// <summary>Version byte of the signed encoding (1).</summary>
    public const byte EncodingVersion = 1;

    /// <summary>Signature-type byte of the signed encoding (1, "tree_hash", as in RFC 6962 §3.5).</summary>
    public const byte SignatureTypeTreeHash = 1;

    /// <summary>Length in bytes of <see cref="EncodeSignedData"/>'s output (53).</summary>
    public const int SignedDataLength = 1 + 1 + 8 + 8 + 1 + MerkleHash.Length + 2;

    /// <summary>Creates a tree head; use <see cref="TreeHeadSigner.Sign(long, MerkleHash, NodaTime.Instant)"/> to make a signed one.</summary>
    /// <param name="treeSize">Number of leaves, ≥ 0.</param>
    /// <param name="timestamp">When the head was signed; whole milliseconds, at or after the Unix epoch.</param>
    /// <param name="rootHash">The tree root, <see cref="MerkleTree.RootHash(long)"/> of <paramref name="treeSize"/>.</param>
    /// <param name="signature">DER-encoded ECDSA signature (RFC 3279 Ecdsa-Sig-Value) over <see cref="EncodeSignedData"/>.</param>
    /// <param name="keyId">Lowercase hex SHA-256 of the signer's DER SubjectPublicKeyInfo (the log ID of RFC 6962 §3.2).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative, or <paramref name="timestamp"/>
    /// is before the Unix epoch or not a whole number of milliseconds.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="keyId"/> is null.</exception>
    public SignedTreeHead(long treeSize, Instant timestamp, MerkleHash rootHash, ImmutableArray<byte> signature, string keyId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ValidateTimestamp(timestamp);
        ArgumentNullException.ThrowIfNull(keyId);
        TreeSize = treeSize;
        Timestamp = timestamp;
        RootHash = rootHash;
        Signature = signature.IsDefault ? [] : signature;
        KeyId = keyId;
    }

    /// <summary>Number of leaves the head covers, ≥ 0.</summary>
    public long TreeSize { get; }

    /// <summary>When the log signed the head (millisecond precision, ≥ Unix epoch).</summary>
    public Instant Timestamp { get; }

    /// <summary>Root hash of the tree of the first <see cref="TreeSize"/> leaves.</summary>
    public MerkleHash RootHash { get; }

    /// <summary>DER-encoded ECDSA P-256 / SHA-256 signature over <see cref="SignedData"/>; may be empty or garbage in a forged head.</summary>
    public ImmutableArray<byte> Signature { get; init; }

    /// <summary>Identifies the signing key: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo.</summary>
    public string KeyId { get; }

    /// <summary>The canonical bytes this head's signature covers (<see cref="EncodeSignedData"/> of its fields).</summary>
    /// <returns>A new 53-byte array.</returns>
    public byte[] SignedData() => EncodeSignedData(TreeSize, Timestamp, RootHash);

    /// <summary>
    /// The canonical signed encoding of a tree head, modelled on RFC 9162 §4.10 <c>TreeHeadDataV2</c> with RFC 6962's
    /// version and signature-type prefix; all integers big-endian:
    /// <c>version(1) = 1 || signature_type(1) = 1 || timestamp(8, uint64 ms since Unix epoch) || tree_size(8, uint64)
    /// || root_hash length(1) = 32 || root_hash(32) || extensions length(2) = 0</c>, 53 bytes in all.
    /// </summary>
    /// <param name="treeSize">Number of leaves, ≥ 0.</param>
    /// <param name="timestamp">Signing time, whole milliseconds at or after the Unix epoch.</param>
    /// <param name="rootHash">The tree root.</param>
    /// <returns>A new 53-byte array.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="treeSize"/> is negative, or <paramref name="timestamp"/>
    /// is before the Unix epoch or not a whole number of milliseconds.</exception>
    public static byte[] EncodeSignedData(long treeSize, Instant timestamp, MerkleHash rootHash)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ValidateTimestamp(timestamp);
        var data = new byte[SignedDataLength];
        var span = data.AsSpan();
        span[0] = EncodingVersion;
        span[1] = SignatureTypeTreeHash;
        BinaryPrimitives.WriteUInt64BigEndian(span[2..], (ulong)timestamp.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteUInt64BigEndian(span[10..], (ulong)treeSize);
        span[18] = MerkleHash.Length;
        rootHash.CopyTo(span[19..]);
        BinaryPrimitives.WriteUInt16BigEndian(span[(19 + MerkleHash.Length)..], 0);
        return data;
    }

    private static void ValidateTimestamp(Instant timestamp)
    {
        if (timestamp < NodaConstants.UnixEpoch)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "A tree head's timestamp must be at or after the Unix epoch (1970-01-01T00:00:00Z).");
        }

        if (Instant.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds()) != timestamp)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "A tree head's timestamp must be a whole number of milliseconds (it is signed as uint64 ms).");
        }
    }
}
