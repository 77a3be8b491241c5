using Kuajing.Tracking.Numbers;

namespace Kuajing.Tests.Tracking.Numbers;

public class TransportDocumentNumberTests
{
    // IATA Resolution 600a: check digit = first 7 serial digits mod 7 (1234567 mod 7 = 5, worked in CheckDigitsTests).
    [Theory]
    [InlineData("176-12345675", "176-12345675")]
    [InlineData("17612345675", "176-12345675")]
    [InlineData(" 020 8114 0743 ", "020-81140743")]
    public void AirWaybillTryParse_ValidNumber_Succeeds(string text, string printed)
    {
        Assert.True(AirWaybillNumber.TryParse(text, out var awb, out var error), error);
        Assert.Equal(printed, awb.ToString());
    }

    [Theory]
    [InlineData("176-12345676", "expected 5")] // 1234567 mod 7 = 5, not 6
    [InlineData("176-1234567", "expected 11 digits")]
    [InlineData("176-1234567A", "expected 11 digits")]
    [InlineData("176_12345675", "'_'")]
    public void AirWaybillTryParse_InvalidNumber_SaysWhy(string text, string reasonPart)
    {
        Assert.False(AirWaybillNumber.TryParse(text, out _, out var error));
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }

    // ISO 6346 Annex A; CSQU3054383 worked by hand in CheckDigitsTests (sum 6185, mod 11 = 3).
    [Theory]
    [InlineData("CSQU3054383")]
    [InlineData("csqu 305438 3")]
    [InlineData("CSQU3054300")] // remainder 10 written 0
    [InlineData("APZU4812090")] // equipmentReference of the DCSA Track & Trace examples (shared/data/dcsa-track-and-trace)
    public void ContainerTryParse_ValidNumber_Succeeds(string text)
    {
        Assert.True(ContainerNumber.TryParse(text, out _, out var error), error);
    }

    [Theory]
    [InlineData("CSQU3054384", "expected 3")]
    [InlineData("CSQX3054383", "category identifier 'X'")] // ISO 6346: U, J or Z only
    [InlineData("C5QU3054383", "owner code")]
    [InlineData("CSQU305438", "expected 11")]
    public void ContainerTryParse_InvalidNumber_SaysWhy(string text, string reasonPart)
    {
        Assert.False(ContainerNumber.TryParse(text, out _, out var error));
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainerTryParse_DcsaExample_IsValidByHand()
    {
        // APZU4812090: A=10, P=27, Z=38, U=32: 10 + 54 + 152 + 256 + 4×16 + 8×32 + 1×64 + 2×128 + 0 + 9×512
        // = 10+54+152+256+64+256+64+256+4608 = 5720; 5720 mod 11 = 0 (520 × 11) → check digit 0.
        Assert.Equal(0, ContainerNumber.Parse("APZU4812090").CheckDigit);
    }

    // B/L: no check digit in any public standard — form only (SCAC + reference, ≤ 20 characters, DCSA).
    [Fact]
    public void BillOfLadingTryParse_ScacAndReference_SplitsThem()
    {
        var bl = BillOfLadingNumber.Parse("maeu-123456789");
        Assert.Equal("MAEU", bl.Scac);
        Assert.Equal("123456789", bl.Reference);
    }

    [Theory]
    [InlineData("HHL71800000", "4-letter SCAC")] // DCSA example reference without a SCAC
    [InlineData("MAEU", "4-letter SCAC")]
    [InlineData("MAEUABCDEF", "no digit")]
    [InlineData("MAEU1234567890123456X", "at most 20")]
    public void BillOfLadingTryParse_BadForm_SaysWhy(string text, string reasonPart)
    {
        Assert.False(BillOfLadingNumber.TryParse(text, out _, out var error));
        Assert.Contains(reasonPart, error, StringComparison.Ordinal);
    }

    // CIM: consignment number 70268 + Luhn check digit 8 (CIT's example); country 80, station 123456, carrier 2180 are
    // made up for the test.
    [Fact]
    public void RailTryParse_CimWithRightLuhnDigit_Succeeds()
    {
        var note = RailConsignmentNoteNumber.Parse(RailConsignmentNoteSystem.Cim, "80 123456 2180 702688");
        Assert.Equal("80", note.CountryCode);
        Assert.Equal("702688", note.ConsignmentNumber);
        Assert.True(note.HasCheckDigit);
    }

    [Fact]
    public void RailTryParse_CimWithWrongLuhnDigit_Fails()
    {
        Assert.False(RailConsignmentNoteNumber.TryParse(RailConsignmentNoteSystem.Cim, "80 123456 2180 702687", out _, out var error));
        Assert.Contains("expected 8", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("40523178", true)]
    [InlineData("ABC", false)] // too short and no digit
    [InlineData("ABCDEFGH", false)] // no digit
    public void RailTryParse_Smgs_FormOnly(string text, bool valid)
    {
        Assert.Equal(valid, RailConsignmentNoteNumber.TryParse(RailConsignmentNoteSystem.Smgs, text, out var note, out _));
        if (valid)
        {
            Assert.False(note.HasCheckDigit);
        }
    }
}
