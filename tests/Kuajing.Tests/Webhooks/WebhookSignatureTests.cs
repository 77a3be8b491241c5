using System.Security.Cryptography;
using System.Text;
using Kuajing.Webhooks;
using NodaTime;

namespace Kuajing.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly Instant SignedAt = Instant.FromUnixTimeSeconds(1_700_000_000);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event_id\":\"e1\",\"type\":\"milestone.delivered\"}");

    [Fact]
    public void CreateHeader_KnownKeyAndBody_IsHmacSha256OverTimestampDotBody()
    {
        // Scheme (Stripe-style, docs/webhooks.md): v1 = hex(HMAC-SHA256(key, "<unix seconds>" + "." + body)).
        // The expected MAC is computed here independently with the framework's HMACSHA256 on the literal message.
        byte[] key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var secret = WebhookSecret.FromBytes(key);
        byte[] message = Encoding.ASCII.GetBytes("1700000000.").Concat(Body).ToArray();
        string expected = "t=1700000000,v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, message));

        Assert.Equal(expected, WebhookSignature.CreateHeader(secret, SignedAt, Body));
    }

    [Fact]
    public void Verify_HeaderFromCreateHeader_Valid()
    {
        var secret = WebhookSecret.Generate();
        string header = WebhookSignature.CreateHeader(secret, SignedAt, Body);

        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(secret, header, Body, SignedAt + Duration.FromSeconds(30), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Verify_BodyTamperedOneByte_SignatureMismatch()
    {
        var secret = WebhookSecret.Generate();
        string header = WebhookSignature.CreateHeader(secret, SignedAt, Body);
        byte[] tampered = (byte[])Body.Clone();
        tampered[^3] ^= 0x01;

        Assert.Equal(WebhookSignatureCheck.SignatureMismatch, WebhookSignature.Verify(secret, header, tampered, SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Verify_TimestampRewrittenInHeader_SignatureMismatch()
    {
        // A replayer who moves t forward to pass the tolerance check breaks the MAC, which covers t.
        var secret = WebhookSecret.Generate();
        string header = WebhookSignature.CreateHeader(secret, SignedAt, Body).Replace("t=1700000000", "t=1700000600", StringComparison.Ordinal);

        Assert.Equal(WebhookSignatureCheck.SignatureMismatch, WebhookSignature.Verify(secret, header, Body, Instant.FromUnixTimeSeconds(1_700_000_600), WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Verify_OtherSecret_SignatureMismatch()
    {
        string header = WebhookSignature.CreateHeader(WebhookSecret.Generate(), SignedAt, Body);

        Assert.Equal(WebhookSignatureCheck.SignatureMismatch, WebhookSignature.Verify(WebhookSecret.Generate(), header, Body, SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Theory]
    [InlineData(301, WebhookSignatureCheck.TimestampOutsideTolerance)] // 5 min 1 s late: past the 5-minute tolerance
    [InlineData(300, WebhookSignatureCheck.Valid)] // exactly at the tolerance: accepted
    [InlineData(-301, WebhookSignatureCheck.TimestampOutsideTolerance)] // signed 5 min 1 s in the receiver's future
    public void Verify_ClockSkew_ToleranceApplied(int receivedAfterSeconds, WebhookSignatureCheck expected)
    {
        var secret = WebhookSecret.Generate();
        string header = WebhookSignature.CreateHeader(secret, SignedAt, Body);

        Assert.Equal(expected, WebhookSignature.Verify(secret, header, Body, SignedAt + Duration.FromSeconds(receivedAfterSeconds), Duration.FromMinutes(5)));
    }

    [Theory]
    [InlineData(null)] // header absent
    [InlineData("")] // header empty
    [InlineData("v1=00")] // no timestamp, short signature
    [InlineData("t=1700000000")] // no v1 signature
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")] // timestamp not digits
    [InlineData("t=1700000000,v1=zz00000000000000000000000000000000000000000000000000000000000000")] // v1 not hex
    public void Verify_MalformedHeader_Malformed(string? header)
    {
        Assert.Equal(WebhookSignatureCheck.Malformed, WebhookSignature.Verify(WebhookSecret.Generate(), header, Body, SignedAt, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Verify_SeveralV1OneMatches_Valid()
    {
        // Secret rotation: the header may carry one v1 per active secret; any match is enough.
        var oldSecret = WebhookSecret.Generate();
        var newSecret = WebhookSecret.Generate();
        string oldV1 = WebhookSignature.CreateHeader(oldSecret, SignedAt, Body).Split(',')[1];
        string header = WebhookSignature.CreateHeader(newSecret, SignedAt, Body) + "," + oldV1;

        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(oldSecret, header, Body, SignedAt, WebhookSignature.DefaultTolerance));
        Assert.Equal(WebhookSignatureCheck.Valid, WebhookSignature.Verify(newSecret, header, Body, SignedAt, WebhookSignature.DefaultTolerance));
    }
}
