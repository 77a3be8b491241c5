using Kuajing.Tracking;

namespace Kuajing.Tests.Tracking;

public class S10ServiceIndicatorTests
{
    [Fact]
    public void KuajingConsolidated_IsHjInTheECommerceParcelRange()
    {
        // UPU S10 summary (Wikipedia "S10 (UPU standard)", 2024) and s10.json: HA–HZ = e-commerce parcels,
        // neither reserved nor limited to domestic/bilateral use.
        Assert.Equal("HJ", S10ServiceIndicator.KuajingConsolidated.Code);
        Assert.Equal(S10ServiceCategory.ECommerceParcel, S10ServiceIndicator.KuajingConsolidated.Category);
    }

    // Ranges from the "Service Type" lookup of couriers/s10.json (jkeen/tracking_number_data @ b79ce4bf).
    [Theory]
    [InlineData("EE", S10ServiceCategory.Ems)] // E[A-Z]
    [InlineData("LX", S10ServiceCategory.LetterPostExpress)] // L[A-Z]
    [InlineData("MA", S10ServiceCategory.MBag)] // M[A-Z]
    [InlineData("QM", S10ServiceCategory.InternationalBusinessReply)] // Q[A-M], last letter in range
    [InlineData("QN", S10ServiceCategory.NotListed)] // just past Q[A-M]
    [InlineData("RB", S10ServiceCategory.LetterPostRegistered)] // R[A-Z], the dataset's test numbers
    [InlineData("UA", S10ServiceCategory.LetterPostOther)] // U[A-Z]
    [InlineData("VV", S10ServiceCategory.LetterPostInsured)] // V[A-Z]
    [InlineData("CP", S10ServiceCategory.ParcelPost)] // C[A-Z]
    [InlineData("HA", S10ServiceCategory.ECommerceParcel)] // H[A-Z]
    [InlineData("AV", S10ServiceCategory.DomesticOrBilateral)] // A[V-Z], first letter in range
    [InlineData("AU", S10ServiceCategory.NotListed)] // AA–AU unassigned
    [InlineData("GA", S10ServiceCategory.DomesticOrBilateral)] // G[AD]
    [InlineData("GD", S10ServiceCategory.DomesticOrBilateral)] // G[AD]
    [InlineData("GB", S10ServiceCategory.NotListed)] // GB–GC unassigned
    [InlineData("ZZ", S10ServiceCategory.DomesticOrBilateral)] // [BDNPZ][A-Z]
    [InlineData("JA", S10ServiceCategory.NotListed)] // J reserved in the standard's summary
    [InlineData("KJ", S10ServiceCategory.NotListed)] // K reserved in the standard's summary
    public void Category_DatasetRange_IsRecognised(string code, S10ServiceCategory expected) =>
        Assert.Equal(expected, new S10ServiceIndicator(code).Category);

    [Fact]
    public void Constructor_LowerCase_IsUpperCased() => Assert.Equal("HJ", new S10ServiceIndicator("hj").Code);

    [Theory]
    [InlineData("H")] // one letter
    [InlineData("HJK")] // three letters
    [InlineData("H1")] // a digit
    public void Constructor_NotTwoLetters_ThrowsFormatException(string code) =>
        Assert.Throws<FormatException>(() => new S10ServiceIndicator(code));
}
