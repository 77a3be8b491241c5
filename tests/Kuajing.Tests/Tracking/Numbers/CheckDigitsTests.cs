using Kuajing.Tracking.Numbers;

namespace Kuajing.Tests.Tracking.Numbers;

// One check digit per algorithm, worked by hand from the rule's text (CHECKSUM_ALGORITHMS.md of
// jkeen/tracking_number_data @ b79ce4bf; IATA Resolution 600a; ISO 6346 Annex A; CIT news article 185), on an example
// number from the dataset or the source.
public class CheckDigitsTests
{
    [Fact]
    public void Mod10_Ups1Z5R89390357567127_IsSeven()
    {
        // UPS (ups.json): serial 5R8939035756712, evens ×1, odds ×2; R = (ASCII 82 − 3) mod 10 = 9.
        // Even positions 5,8,3,0,5,5,7,2 = 35; odd positions R(9),9,9,3,7,6,1 = 44, ×2 = 88; 35 + 88 = 123;
        // 123 mod 10 = 3; 10 − 3 = 7, the printed check digit.
        Assert.Equal(7, CheckDigits.Mod10("5R8939035756712", evensMultiplier: 1, oddsMultiplier: 2, reverse: false));
    }

    [Fact]
    public void Mod7_Dhl3318810025_IsFive()
    {
        // DHL Express (dhl.json): 331881002 = 7 × 47,411,571 + 5 (7 × 47,411,571 = 331,880,997).
        Assert.Equal(5, CheckDigits.Mod7("331881002"));
    }

    [Fact]
    public void S10_Rb12345678_IsFiveAsInS10TrackingNumber()
    {
        // UPU S10: 1×8 + 2×6 + 3×4 + 4×2 + 5×3 + 6×5 + 7×9 + 8×7 = 204; 204 mod 11 = 6; 11 − 6 = 5.
        Assert.Equal(5, CheckDigits.S10("12345678"));
    }

    [Theory]
    [InlineData("70268", 8)] // CIT's own example: 7×2=14→1+4, 0, 2×2=4, 6, 8×2=16→1+6; 5+0+4+6+7 = 22; 30 − 22 = 8.
    [InlineData("32059546393", 8)] // Purolator 320595463938 (purolator.json): from the right doubled 6,6,8,9(18),0,6 + 9,6,5,5,2 = 62; 10 − 2 = 8.
    public void Luhn_PublishedExamples_MatchHandResult(string digits, int expected)
    {
        Assert.Equal(expected, CheckDigits.Luhn(digits));
    }

    [Fact]
    public void SumProductWithWeightingsAndModulo_Fedex986578788855_IsFive()
    {
        // FedEx Express (12) (fedex.json): weights 3,1,7,3,1,7,3,1,7,3,1 over 9,8,6,5,7,8,7,8,8,8,5:
        // 27+8+42+15+7+56+21+8+56+24+5 = 269; 269 mod 11 = 5 (264 = 24×11); 5 mod 10 = 5.
        Assert.Equal(5, CheckDigits.SumProductWithWeightingsAndModulo("98657878885", [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1], 11, 10));
    }

    [Fact]
    public void Mod37Hybrid36_Dpd09980000020033_IsF()
    {
        // DPD (14) (dpd.json) "09 9800 0002 0033 F". Start 36; per character: add, −36 if > 36, ×2, −37 if > 36:
        // 0→35, 9→16, 9→13, 8→5, 0→10, 0→20, 0→3, 0→6, 0→12, 2→28, 0→19, 0→1, 3→8, 3→22; 37 − 22 = 15 = 'F'.
        Assert.Equal('F', CheckDigits.Mod37Hybrid36("09980000020033"));
    }

    [Theory]
    [InlineData("1234567", 5)] // 1,234,567 = 7 × 176,366 + 5 (IATA example, AWB 176-12345675).
    [InlineData("8114074", 3)] // 8,114,074 = 7 × 1,159,153 + 3 (AWB 020-81140743).
    public void AirWaybillMod7_Examples_AreRemainderBySeven(string serial7, int expected)
    {
        Assert.Equal(expected, CheckDigits.AirWaybillMod7(serial7));
    }

    [Theory]
    // ISO 6346 Annex A: C=13, S=30, Q=28, U=32; weights 1,2,4,…,512:
    // 13 + 60 + 112 + 256 + 3×16 + 0×32 + 5×64 + 4×128 + 3×256 + 8×512 = 6185; 6185 mod 11 = 3 (6182 = 562×11).
    [InlineData("CSQU305438", 3)]
    // Last serial digit 8 → 0 removes 8×512 = 4096: 2089 mod 11 = 10 (2079 = 189×11), and 10 is written 0.
    [InlineData("CSQU305430", 0)]
    public void Iso6346_Examples_MatchHandResult(string first10, int expected)
    {
        Assert.Equal(expected, CheckDigits.Iso6346(first10));
    }

    [Fact]
    public void Mod10_LowerCaseLetter_Throws()
    {
        Assert.Throws<ArgumentException>(() => CheckDigits.Mod10("5r89", 1, 2, false));
    }

    [Fact]
    public void SumProductWithWeightingsAndModulo_MoreDigitsThanWeights_Throws()
    {
        Assert.Throws<ArgumentException>(() => CheckDigits.SumProductWithWeightingsAndModulo("123", [1, 2], 11, 10));
    }
}
