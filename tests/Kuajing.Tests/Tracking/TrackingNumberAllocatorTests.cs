using FsCheck;
using FsCheck.Xunit;
using Kuajing.Geography;
using Kuajing.Tracking;

namespace Kuajing.Tests.Tracking;

public class TrackingNumberAllocatorTests
{
    private static readonly CountryCode China = new("CN");
    private readonly TrackingNumberAllocator _allocator = new();

    [Fact]
    public void Allocate_Sequence42_IsHj000000425Cn()
    {
        // Serial 00000042: S = 4×9 + 2×7 = 50; 50 mod 11 = 6; 11 − 6 = 5 (UPU S10 check digit).
        Assert.Equal("HJ000000425CN", _allocator.Allocate(42, China).ToString());
    }

    [Fact]
    public void Allocate_WithoutOrigin_UsesChina() =>
        Assert.Equal(China, _allocator.Allocate(7).Country);

    [Fact]
    public void Allocate_LargestSerial_IsHj999999995Cn()
    {
        // S = 9 × (8+6+4+2+3+5+9+7) = 9 × 44 = 396 = 36 × 11; remainder 0 → 11 → 5.
        Assert.Equal("HJ999999995CN", _allocator.Allocate(99_999_999, China).ToString());
    }

    [Theory]
    [InlineData(-1L)] // below 0
    [InlineData(100_000_000L)] // nine digits
    [InlineData(long.MaxValue)]
    public void Allocate_SequenceOutsideEightDigits_ThrowsArgumentOutOfRange(long sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _allocator.Allocate(sequence, China));

    [Fact]
    public void Allocate_DefaultOrigin_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => _allocator.Allocate(1, default));

    [Property(MaxTest = 1000)]
    public bool Allocate_ThenParse_RoundTrips(NonNegativeInt sequence, byte a, byte b)
    {
        var origin = new CountryCode(new string([(char)('A' + (a % 26)), (char)('A' + (b % 26))]));
        var number = _allocator.Allocate(sequence.Get % 100_000_000, origin);
        var parsed = S10TrackingNumber.Parse(number.ToString());
        return parsed == number
            && parsed.SerialNumber == sequence.Get % 100_000_000
            && parsed.Country == origin
            && parsed.ServiceIndicator == S10ServiceIndicator.KuajingConsolidated;
    }

    [Fact]
    public void Allocate_SameSequenceTwice_GivesTheSameNumber() =>
        Assert.Equal(_allocator.Allocate(123, China), new TrackingNumberAllocator().Allocate(123, China));

    // Expected serials computed outside .NET: Python hashlib.sha256(key.encode("utf-8")), first 8 bytes
    // big-endian, mod 10**8 (the rule documented on StableSerial).
    [Theory]
    [InlineData("online-retail.csv|536365", 0, 21_651_115)]
    [InlineData("online-retail.csv|536365", 1, 24_303_535)] // hashes "online-retail.csv|536365#1"
    [InlineData("", 0, 24_261_652)] // empty key
    [InlineData("跨境|订单-1", 0, 89_619_534)] // non-ASCII key, hashed as UTF-8
    public void StableSerial_KnownKey_MatchesIndependentSha256(string key, int attempt, int expected) =>
        Assert.Equal(expected, TrackingNumberAllocator.StableSerial(key, attempt));

    [Fact]
    public void StableSerial_LongKey_UsesTheSameRuleAsShortKeys()
    {
        // Keys above the 512-byte stack buffer take the pooled-array path; the result must still be stable.
        var key = new string('x', 2000);
        Assert.Equal(TrackingNumberAllocator.StableSerial(key), TrackingNumberAllocator.StableSerial(new string('x', 2000)));
        Assert.InRange(TrackingNumberAllocator.StableSerial(key), 0, S10TrackingNumber.MaxSerialNumber);
    }

    [Fact]
    public void FromStableKey_ValidS10NumberWithKuajingPrefix()
    {
        var number = _allocator.FromStableKey("online-retail.csv|536365", China);
        Assert.Equal("HJ", number.ServiceIndicator.Code);
        Assert.Equal(21_651_115, number.SerialNumber);
        Assert.True(S10TrackingNumber.TryParse(number.ToString(), out var parsed));
        Assert.Equal(number, parsed);
    }

    [Fact]
    public void FromStableKey_FirstChoiceTaken_ProbesToAttemptOne()
    {
        // Attempt 0 of this key is serial 21,651,115 and attempt 1 is 24,303,535 (Python hashlib, see above).
        var first = _allocator.FromStableKey("online-retail.csv|536365", China);
        var next = _allocator.FromStableKey("online-retail.csv|536365", China, n => n == first);
        Assert.Equal(24_303_535, next.SerialNumber);
    }

    [Fact]
    public void FromStableKey_NothingTaken_IsTheFirstChoice() =>
        Assert.Equal(
            _allocator.FromStableKey("k", China),
            _allocator.FromStableKey("k", China, _ => false));

    [Fact]
    public void FromStableKey_EverythingTaken_ThrowsInvalidOperation() =>
        Assert.Throws<InvalidOperationException>(() => _allocator.FromStableKey("k", China, _ => true));

    [Fact]
    public void StableSerial_NegativeAttempt_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TrackingNumberAllocator.StableSerial("k", -1));

    [Theory]
    [InlineData("JA")] // J reserved (UPU S10 summary)
    [InlineData("KJ")] // K reserved
    [InlineData("FA")] // F unassigned
    public void Constructor_UnassignedOrReservedIndicator_ThrowsArgumentException(string code) =>
        Assert.Throws<ArgumentException>(() => new TrackingNumberAllocator(new S10ServiceIndicator(code)));
}
