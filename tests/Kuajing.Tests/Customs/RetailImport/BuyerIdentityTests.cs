using System.Security.Cryptography;
using Kuajing.Customs.RetailImport;
using Xunit;

namespace Kuajing.Tests.Customs.RetailImport;

public sealed class BuyerIdentityTests
{
    // GB 11643-1999 example number; check character: sum of digits x weights (7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2)
    // = 167, 167 mod 11 = 2 -> "10X98765432"[2] = 'X' (worked by hand).
    private const string ValidId = "11010519491231002X";

    [Fact]
    public void KeyOf_KnownKey_MatchesIndependentHmac()
    {
        // Expected from Python: hmac.new(bytes(range(32)), b"1:11010519491231002X", hashlib.sha256).hexdigest()
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var hasher = new BuyerIdentityHasher(key);
        Assert.Equal("67890cd12d573e070905f7129e296fb0edfa9ae26ceb1d7dcae163a0ad089952", hasher.KeyOf(BuyerIdentity.ResidentIdCard(ValidId)).Value);
    }

    [Fact]
    public void KeyOf_LowerCaseXAndSpaces_SameKey()
    {
        var hasher = new BuyerIdentityHasher(BuyerIdentityHasher.NewKey());
        Assert.Equal(hasher.KeyOf(BuyerIdentity.ResidentIdCard(ValidId)), hasher.KeyOf(BuyerIdentity.ResidentIdCard(" 11010519491231002x ")));
    }

    [Fact]
    public void KeyOf_DifferentStoreKeys_DifferentBuyerKeys()
    {
        var id = BuyerIdentity.ResidentIdCard(ValidId);
        Assert.NotEqual(new BuyerIdentityHasher(BuyerIdentityHasher.NewKey()).KeyOf(id), new BuyerIdentityHasher(BuyerIdentityHasher.NewKey()).KeyOf(id));
    }

    [Fact]
    public void KeyOf_IsNotThePlainSha256OfTheNumber()
    {
        var id = BuyerIdentity.ResidentIdCard(ValidId);
        var plain = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ValidId)));
        Assert.NotEqual(plain, new BuyerIdentityHasher(BuyerIdentityHasher.NewKey()).KeyOf(id).Value);
    }

    [Theory]
    [InlineData("110105194912310021")] // check character should be X
    [InlineData("11010519491231002")] // 17 characters
    [InlineData("1101051949123100AX")] // letter inside
    public void ResidentIdCard_Invalid_ThrowsWithoutEchoingTheNumber(string number)
    {
        var e = Assert.Throws<ArgumentException>(() => BuyerIdentity.ResidentIdCard(number));
        Assert.DoesNotContain(number, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithholdsTheNumber() =>
        Assert.DoesNotContain(ValidId, BuyerIdentity.ResidentIdCard(ValidId).ToString(), StringComparison.Ordinal);

    [Fact]
    public void Constructor_ShortKey_Throws() =>
        Assert.Throws<ArgumentException>(() => new BuyerIdentityHasher(new byte[31]));
}
