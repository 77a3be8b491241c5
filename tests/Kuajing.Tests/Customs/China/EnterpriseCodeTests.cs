using Kuajing.Customs.China;

namespace Kuajing.Tests.Customs.China;

public sealed class EnterpriseCodeTests
{
    [Fact]
    public void Parse_Gb32100WorkedExample_CheckCharacterIs3()
    {
        // GB 32100-2015 worked example: for 91350100M000100Y4 the weighted sum is 1640, 1640 mod 31 = 28, 31 − 28 = 3,
        // so the published example code ending in Z is invalid and the one ending in 3 is valid.
        Assert.False(EnterpriseCode.TryParse("91350100M000100Y4Z", out _, out var error));
        Assert.Contains("expected '3'", error, StringComparison.Ordinal);
        var code = EnterpriseCode.Parse("91350100M000100Y43");
        Assert.Equal(EnterpriseCodeKind.UnifiedSocialCreditCode, code.Kind);
    }

    [Theory]
    [InlineData("3301964J31")] // ebcCode in a real CEB312 receipt (jasmine-100/dandingtest DeclareBack.java): letters in the sequence part
    [InlineData("33169667BG")] // ebpCode in the same receipt
    [InlineData("4101960001")] // all digits: area 4101, zone 9 (other), type 6 (private), sequence 0001 (newton.com.tw 海關註冊號)
    public void Parse_CustomsRegistrationCode_Accepted(string text) =>
        Assert.Equal(EnterpriseCodeKind.CustomsRegistration, EnterpriseCode.Parse(text).Kind);

    [Theory]
    [InlineData("330196431")] // 9 characters
    [InlineData("A301964J31")] // positions 1–4 must be digits (customs area)
    [InlineData("3301-64J31")] // not alphanumeric
    [InlineData("91350100M000100I43")] // I is not a GB 32100 code character
    [InlineData("9135A100M000100Y43")] // positions 3–8 must be a GB/T 2260 division code
    public void Parse_MalformedCode_ThrowsFormatException(string text) =>
        Assert.Throws<FormatException>(() => EnterpriseCode.Parse(text));

    [Fact]
    public void Parse_SampleSellerCode_ValidByIndependentCheck()
    {
        // 91410100MA0000001: values 9,1,4,1,0,1,0,0,21,10,0,0,0,0,0,0,1 × weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
        // = 9+3+36+27+0+26+0+0+420+290+0+0+0+0+0+0+28 = 839; 839 mod 31 = 2; 31 − 2 = 29 → 'X'.
        Assert.Equal("91410100MA0000001X", EnterpriseCode.Parse("91410100ma0000001x").Value);
    }
}
