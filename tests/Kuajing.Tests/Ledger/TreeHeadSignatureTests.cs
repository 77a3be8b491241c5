using System.Buffers.Binary;
using System.Security.Cryptography;
using Kuajing.Ledger;
using NodaTime;

namespace Kuajing.Tests.Ledger;

public sealed class TreeHeadSignatureTests : IDisposable
{
    private static readonly Instant SignedAt = Instant.FromUtc(2025, 3, 14, 9, 26, 53) + Duration.FromMilliseconds(589);
    private static readonly MerkleHash Root = MerkleHash.Parse("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private readonly TreeHeadSigner _signer = TreeHeadSigner.Create();
    private readonly TreeHeadVerifier _verifier;

    public TreeHeadSignatureTests() => _verifier = _signer.CreateVerifier();

    public void Dispose()
    {
        _signer.Dispose();
        _verifier.Dispose();
    }

    [Fact]
    public void Verify_HeadSignedBySameKey_IsTrue()
    {
        var head = _signer.Sign(8, Root, SignedAt);
        Assert.True(_verifier.Verify(head));
        Assert.Equal(_signer.KeyId, head.KeyId);
    }

    [Fact]
    public void Verify_TamperedRoot_IsFalse()
    {
        var head = _signer.Sign(8, Root, SignedAt);
        var forged = new SignedTreeHead(head.TreeSize, head.Timestamp, Root.WithBitFlipped(0), head.Signature, head.KeyId);
        Assert.False(_verifier.Verify(forged));
    }

    [Fact]
    public void Verify_TamperedSizeOrTimestamp_IsFalse()
    {
        var head = _signer.Sign(8, Root, SignedAt);
        Assert.False(_verifier.Verify(new SignedTreeHead(9, head.Timestamp, head.RootHash, head.Signature, head.KeyId)));
        Assert.False(_verifier.Verify(new SignedTreeHead(8, head.Timestamp + Duration.FromMilliseconds(1), head.RootHash, head.Signature, head.KeyId)));
    }

    [Fact]
    public void Verify_HeadFromAnotherKey_IsFalse()
    {
        using var other = TreeHeadSigner.Create();
        var head = other.Sign(8, Root, SignedAt);
        Assert.False(_verifier.Verify(head));

        // Even when the forger claims the trusted key's id, the signature does not verify.
        Assert.False(_verifier.Verify(new SignedTreeHead(8, head.Timestamp, Root, head.Signature, _signer.KeyId)));
    }

    [Fact]
    public void Verify_EmptyOrGarbageSignature_IsFalseNotThrown()
    {
        Assert.False(_verifier.Verify(new SignedTreeHead(8, SignedAt, Root, [], _signer.KeyId)));
        Assert.False(_verifier.Verify(new SignedTreeHead(8, SignedAt, Root, [0x30, 0x03, 0x02, 0x01], _signer.KeyId)));
    }

    [Fact]
    public void FromPem_ExportedKeys_RoundTrip()
    {
        using var reloaded = TreeHeadSigner.FromPem(_signer.ExportPrivateKeyPem());
        using var verifier = TreeHeadVerifier.FromPem(_signer.ExportPublicKeyPem());
        Assert.Equal(_signer.KeyId, reloaded.KeyId);
        Assert.Equal(_signer.KeyId, verifier.KeyId);
        Assert.True(verifier.Verify(reloaded.Sign(3, Root, SignedAt)));
    }

    [Fact]
    public void KeyId_IsSha256OfSubjectPublicKeyInfo()
    {
        // RFC 6962 §3.2: the log ID is the SHA-256 hash of the log's DER public key.
        using var key = ECDsa.Create();
        key.ImportFromPem(_signer.ExportPublicKeyPem());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())), _signer.KeyId);
    }

    [Fact]
    public void FromPem_NotP256_ThrowsArgumentException()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ArgumentException>(() => TreeHeadSigner.FromPem(p384.ExportPkcs8PrivateKeyPem()));
        Assert.Throws<ArgumentException>(() => TreeHeadVerifier.FromPem(p384.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void FromPem_PublicKeyOrGarbageForSigner_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => TreeHeadSigner.FromPem(_signer.ExportPublicKeyPem()));
        Assert.Throws<ArgumentException>(() => TreeHeadSigner.FromPem("not a key"));
        Assert.Throws<ArgumentException>(() => TreeHeadVerifier.FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
    }

    [Fact]
    public void EncodeSignedData_Layout_IsDocumentedBigEndianEncoding()
    {
        // docs/ledger.md: version(1)=1 || type(1)=1 || timestamp ms (8, BE) || tree size (8, BE) || 32 || root (32) || 0x0000.
        var data = SignedTreeHead.EncodeSignedData(0x0102030405060708, SignedAt, Root);

        Assert.Equal(53, data.Length);
        Assert.Equal(1, data[0]);
        Assert.Equal(1, data[1]);
        Assert.Equal((ulong)SignedAt.ToUnixTimeMilliseconds(), BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(2)));
        Assert.Equal(1_741_944_413_589UL, BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(2))); // 2025-03-14T09:26:53.589Z
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, data[10..18]);
        Assert.Equal(32, data[18]);
        Assert.Equal(Root.ToArray(), data[19..51]);
        Assert.Equal(new byte[] { 0, 0 }, data[51..]);
    }

    [Fact]
    public void Sign_SubMillisecondTimestamp_IsTruncatedToMilliseconds()
    {
        var head = _signer.Sign(1, Root, SignedAt + Duration.FromNanoseconds(999_999));
        Assert.Equal(SignedAt, head.Timestamp);
        Assert.True(_verifier.Verify(head));
    }

    [Fact]
    public void Constructor_BeforeUnixEpochOrNegativeSize_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignedTreeHead(1, Instant.FromUtc(1969, 12, 31, 23, 59), Root, [], "k"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SignedTreeHead(-1, SignedAt, Root, [], "k"));
    }
}
