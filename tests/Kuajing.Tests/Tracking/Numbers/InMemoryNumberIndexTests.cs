using Kuajing.Tracking;
using Kuajing.Tracking.Numbers;

namespace Kuajing.Tests.Tracking.Numbers;

public class InMemoryNumberIndexTests
{
    private static readonly Lazy<CarrierNumberValidator> Validator = new(CarrierNumberValidator.LoadBundled);

    // Kuajing numbers: HJ + serial + S10 check digit + CN. 12345678 → 5 (worked in CheckDigitsTests); 00000042 → 5
    // (4×9 + 2×7 = 50; 50 mod 11 = 6; 11 − 6 = 5, as in S10TrackingNumberTests).
    private static readonly S10TrackingNumber ShipmentA = S10TrackingNumber.Parse("HJ123456785CN");
    private static readonly S10TrackingNumber ShipmentB = S10TrackingNumber.Parse("HJ000000425CN");

    [Fact]
    public void Resolve_EveryLegNumber_LandsOnTheOneShipment()
    {
        var index = new InMemoryNumberIndex(Validator.Value);
        Assert.True(index.Link(ShipmentA, 1, CarrierNumberKind.CimConsignmentNote, "80 123456 2180 702688").IsAccepted);
        Assert.True(index.Link(ShipmentA, 2, CarrierNumberKind.Container, "CSQU3054383").IsAccepted);
        Assert.True(index.Link(ShipmentA, 3, CarrierNumberKind.AirWaybill, "176-12345675").IsAccepted);
        Assert.True(index.Link(ShipmentA, 4, CarrierNumberKind.PostalS10, "RB123456785GB").IsAccepted);
        Assert.True(index.Link(ShipmentA, 5, CarrierNumberKind.LastMile, "1Z5R89390357567127").IsAccepted);

        // Printed differently from how they were linked: separators, spaces, case.
        foreach (var any in new[] { "HJ 123 456 785 CN", "80-123456-2180-702688", "csqu 305438 3", "17612345675", "rb123456785gb", "1Z 5R8 939 0357 5671 27" })
        {
            Assert.Equal([ShipmentA], index.Resolve(any));
        }

        Assert.Equal([1, 2, 3, 4, 5], index.NumbersOf(ShipmentA).Links.Select(l => l.LegSequence));
    }

    [Fact]
    public void Link_InvalidCheckDigit_IsRejectedWithReasonAndNotStored()
    {
        var index = new InMemoryNumberIndex(Validator.Value);
        var result = index.Link(ShipmentA, 2, CarrierNumberKind.AirWaybill, "176-12345676"); // 1234567 mod 7 = 5, not 6
        Assert.False(result.IsAccepted);
        Assert.Contains("expected 5", result.Reason, StringComparison.Ordinal);
        Assert.Empty(index.Resolve("176-12345676"));
        Assert.Empty(index.Resolve(ShipmentA.ToString()));
    }

    [Fact]
    public void Link_LastMileNumberOfNoKnownFormat_IsRejected()
    {
        var index = new InMemoryNumberIndex(Validator.Value);
        var result = index.Link(ShipmentA, 3, CarrierNumberKind.LastMile, "1Z1111111111111111"); // ups.json invalid example
        Assert.False(result.IsAccepted);
        Assert.Contains("check digit", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_ConsolidationNumber_ResolvesToEveryShipment()
    {
        // One master air waybill covers both shipments of a consolidation; an event under it concerns both.
        var index = new InMemoryNumberIndex(Validator.Value);
        Assert.True(index.Link(ShipmentA, 2, CarrierNumberKind.AirWaybill, "020-81140743").IsAccepted);
        Assert.True(index.Link(ShipmentB, 2, CarrierNumberKind.AirWaybill, "02081140743").IsAccepted);
        Assert.Equal([ShipmentA, ShipmentB], index.Resolve("020-8114 0743"));
    }

    [Fact]
    public void Link_ParcelNumberOfAnotherShipment_IsRejectedNamingIt()
    {
        var index = new InMemoryNumberIndex(Validator.Value);
        Assert.True(index.Link(ShipmentA, 3, CarrierNumberKind.PostalS10, "RB123456785GB").IsAccepted);
        var result = index.Link(ShipmentB, 3, CarrierNumberKind.PostalS10, "RB123456785GB");
        Assert.False(result.IsAccepted);
        Assert.Contains(ShipmentA.ToString(), result.Reason, StringComparison.Ordinal);
        Assert.Equal([ShipmentA], index.Resolve("RB123456785GB"));
    }

    [Fact]
    public void Link_SameLinkTwice_IsAcceptedOnceStored()
    {
        var index = new InMemoryNumberIndex(Validator.Value);
        Assert.False(index.Link(ShipmentA, 2, CarrierNumberKind.Container, "CSQU3054383").AlreadyLinked);
        var again = index.Link(ShipmentA, 2, CarrierNumberKind.Container, "CSQU 305438 3");
        Assert.True(again.IsAccepted);
        Assert.True(again.AlreadyLinked);
        Assert.Single(index.NumbersOf(ShipmentA).Links);
    }

    [Fact]
    public void Resolve_UnknownNumber_IsEmpty()
    {
        var index = new InMemoryNumberIndex(Validator.Value);
        Assert.Empty(index.Resolve("CSQU3054383"));
    }

    [Fact]
    public void Link_LegSequenceZero_Throws()
    {
        var index = new InMemoryNumberIndex(Validator.Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Link(ShipmentA, 0, CarrierNumberKind.Container, "CSQU3054383"));
    }

    [Fact]
    public void Check_BillOfLading_IsFormOnlyWithoutCheckDigit()
    {
        var check = Validator.Value.Check(CarrierNumberKind.BillOfLading, "MAEU 123456789");
        Assert.True(check.IsValid, check.Reason);
        Assert.False(check.HasCheckDigit);
        Assert.Equal("MAEU123456789", check.Key);
    }

    [Fact]
    public void Check_S10_NamesIssuingPostalOperator()
    {
        // s10.json "Courier" lookup: GB → Royal Mail (the issuer list bundled in data/tracking/s10-issuers.csv).
        var check = Validator.Value.Check(CarrierNumberKind.PostalS10, "RB123456785GB");
        Assert.True(check.IsValid, check.Reason);
        Assert.Contains("Royal Mail", check.Carrier, StringComparison.Ordinal);
    }
}
