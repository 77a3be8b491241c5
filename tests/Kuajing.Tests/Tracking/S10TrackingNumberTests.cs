using FsCheck;
using FsCheck.Xunit;
using Kuajing.Geography;
using Kuajing.Tracking;

namespace Kuajing.Tests.Tracking;

public class S10TrackingNumberTests
{
    private static readonly Lazy<S10IssuerRegistry> Issuers = new(S10IssuerRegistry.LoadBundled);

    public static TheoryData<string> DatasetValidNumbers() => new(SharedTrackingDataset.ValidNumbers);

    // Source: test_numbers.valid of couriers/s10.json (jkeen/tracking_number_data @ b79ce4bf).
    [Theory]
    [MemberData(nameof(DatasetValidNumbers))]
    public void TryParse_DatasetValidNumber_Succeeds(string text)
    {
        Assert.True(S10TrackingNumber.TryParse(text.AsSpan(), Issuers.Value, out var number, out var failure), failure?.Message);
        Assert.Equal(text, number.ToString());
    }

    [Fact]
    public void TryParse_DatasetInvalidNumbers_AreAllRejected()
    {
        // Source: test_numbers.invalid of couriers/s10.json. Each reason is worked out in the theory below.
        foreach (var text in SharedTrackingDataset.InvalidNumbers)
        {
            Assert.False(S10TrackingNumber.TryParse(text.AsSpan(), Issuers.Value, out _, out _), text);
        }
    }

    // RB123456786US: serial 12345678 has check digit 5 (worked out in CheckDigit_Rb12345678_IsFive), not 6.
    // RB123456785XX: check digit right, but XX is an ISO 3166 user-assigned code, no postal operator issues it.
    [Theory]
    [InlineData("RB123456786US", S10ParseError.CheckDigitMismatch)]
    [InlineData("RB123456785XX", S10ParseError.UnknownIssuerCountry)]
    public void TryParse_DatasetInvalidNumber_FailsForTheRightReason(string text, S10ParseError expected)
    {
        Assert.False(S10TrackingNumber.TryParse(text.AsSpan(), Issuers.Value, out _, out var failure));
        Assert.Equal(expected, failure.Error);
        Assert.Contains(text, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckDigit_Rb12345678_IsFive()
    {
        // By hand (UPU S10, weights 8,6,4,2,3,5,9,7):
        // 1×8 + 2×6 + 3×4 + 4×2 + 5×3 + 6×5 + 7×9 + 8×7 = 8+12+12+8+15+30+63+56 = 204;
        // 204 mod 11 = 204 − 198 = 6; 11 − 6 = 5.
        Assert.Equal(5, S10TrackingNumber.CheckDigit("12345678"));
    }

    // Worked by hand: the remainder rules of UPU S10 (C = 11 − S mod 11; 10 → 0; 11 → 5).
    [Theory]
    [InlineData("47312482", 9)] // S = 32+42+12+2+6+20+72+14 = 200; 200 mod 11 = 2; 11 − 2 = 9 (Wikipedia's S10 example)
    [InlineData("00000000", 5)] // S = 0; 11 − 0 = 11 → 5
    [InlineData("00004000", 0)] // S = 4×3 = 12; 12 mod 11 = 1; 11 − 1 = 10 → 0
    [InlineData("99999999", 5)] // S = 9×44 = 396 = 36×11; remainder 0 → 11 → 5
    [InlineData("00000042", 5)] // S = 4×9 + 2×7 = 50; 50 mod 11 = 6; 11 − 6 = 5
    public void CheckDigit_HandWorkedSerial_MatchesS10Rule(string serial, int expected) =>
        Assert.Equal(expected, S10TrackingNumber.CheckDigit(serial));

    [Theory]
    [InlineData("1234567")] // 7 digits
    [InlineData("123456789")] // 9 digits
    [InlineData("1234567A")] // a letter
    public void CheckDigit_NotEightDigits_Throws(string serial) =>
        Assert.Throws<ArgumentException>(() => S10TrackingNumber.CheckDigit(serial));

    [Property(MaxTest = 500)]
    public bool CheckDigit_AnySerial_AgreesWithDatasetReferenceAlgorithm(NonNegativeInt seed)
    {
        // Reference: validates_s10? in CHECKSUM_ALGORITHMS.md (remainder 1 → 0, 0 → 5, else 11 − remainder),
        // with the weightings read from s10.json rather than from Kuajing's code.
        var serial = (seed.Get % 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return S10TrackingNumber.CheckDigit(serial) == ReferenceCheckDigit(serial);
    }

    // Each row is one failed check, in the order the checks run.
    [Theory]
    [InlineData("", S10ParseError.Empty)]
    [InlineData("   ", S10ParseError.Empty)] // whitespace only
    [InlineData("RB12345678GB", S10ParseError.WrongLength)] // 12 characters
    [InlineData("RB1234567855GB", S10ParseError.WrongLength)] // 14 characters
    [InlineData("1B123456785GB", S10ParseError.ServiceIndicatorNotLetters)] // digit in the service indicator
    [InlineData("RB12345A785GB", S10ParseError.SerialNumberNotDigits)] // letter in the serial
    [InlineData("RB12345678XGB", S10ParseError.CheckDigitNotDigit)] // check digit is a letter
    [InlineData("RB1234567851B", S10ParseError.CountryCodeNotLetters)] // digit in the country code
    [InlineData("RB123456784GB", S10ParseError.CheckDigitMismatch)] // 4 instead of 5
    public void TryParse_MalformedText_ReportsTheFailedCheck(string text, S10ParseError expected)
    {
        Assert.False(S10TrackingNumber.TryParse(text.AsSpan(), null, out var number, out var failure));
        Assert.Equal(expected, failure.Error);
        Assert.Equal(default, number);
    }

    [Fact]
    public void Parse_WrongCheckDigit_ThrowsFormatExceptionNamingTheExpectedDigit()
    {
        var e = Assert.Throws<FormatException>(() => S10TrackingNumber.Parse("RB123456786US"));
        Assert.Contains("expected 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WithoutIssuerList_AcceptsAnyTwoLetterCountry()
    {
        // Without a registry only the form and the check digit are checked.
        Assert.Equal("XX", S10TrackingNumber.Parse("RB123456785XX").Country.Value);
    }

    [Fact]
    public void Parse_SpacedLowerCaseLabelText_NormalisesToThirteenUpperCaseCharacters()
    {
        // Labels print the identifier in groups; the dataset's regex allows whitespace anywhere.
        var number = S10TrackingNumber.Parse(" rb 1234 5678 5 gb ");
        Assert.Equal("RB123456785GB", number.ToString());
        Assert.Equal("RB", number.ServiceIndicator.Code);
        Assert.Equal(12_345_678, number.SerialNumber);
        Assert.Equal(5, number.CheckDigitValue);
        Assert.Equal(new CountryCode("GB"), number.Country);
    }

    [Fact]
    public void Constructor_SerialAboveEightDigits_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new S10TrackingNumber(S10ServiceIndicator.KuajingConsolidated, 100_000_000, new CountryCode("CN")));

    [Fact]
    public void ToString_Default_IsEmpty() => Assert.Equal("", default(S10TrackingNumber).ToString());

    [Property(MaxTest = 2000)]
    public bool SingleDigitChange_CheckDigitPosition_IsAlwaysDetected(NonNegativeInt seed, PositiveInt delta)
    {
        // Only one check digit is right for a serial, so any other digit in position 11 fails.
        var text = ValidNumber(seed.Get % 100_000_000);
        var chars = text.ToCharArray();
        chars[10] = (char)('0' + ((chars[10] - '0' + 1 + (delta.Get % 9)) % 10));
        return !S10TrackingNumber.TryParse(new string(chars), out _);
    }

    [Property(MaxTest = 5000)]
    public bool SingleDigitChange_SerialPosition_IsDetectedUnlessRemainderSwapsBetweenZeroAndSix(
        NonNegativeInt seed, NonNegativeInt position, PositiveInt delta)
    {
        // Weights 8,6,4,2,3,5,9,7 and any digit change 1..9 are non-zero mod 11 (a prime), so a changed serial
        // digit always changes S mod 11. But S10 maps remainder 0 (11 → 5) and remainder 6 (11 − 6 = 5) to the
        // same check digit 5, so exactly those changes go unnoticed (e.g. RR000000005CN and RR900000005CN are
        // both valid). Detection must therefore hold exactly when the remainder pair is not {0, 6}.
        var serial = seed.Get % 100_000_000;
        var chars = ValidNumber(serial).ToCharArray();
        var p = 2 + (position.Get % 8);
        var before = Remainder(new string(chars, 2, 8));
        chars[p] = (char)('0' + ((chars[p] - '0' + 1 + (delta.Get % 9)) % 10));
        var after = Remainder(new string(chars, 2, 8));
        var undetectable = (before, after) is (0, 6) or (6, 0);
        return S10TrackingNumber.TryParse(new string(chars), out _) == undetectable;
    }

    [Fact]
    public void SingleDigitChange_RemainderZeroToSix_IsNotDetected()
    {
        // 00000000: S = 0 → check 5. 90000000: S = 72, 72 mod 11 = 6 → 11 − 6 = 5. A known S10 blind spot.
        Assert.True(S10TrackingNumber.TryParse("RR000000005CN", out _));
        Assert.True(S10TrackingNumber.TryParse("RR900000005CN", out _));
    }

    [Fact]
    public void CompareTo_SameServiceAndCountry_OrdersBySerial()
    {
        var a = S10TrackingNumber.Parse("RB000000005GB");
        var b = S10TrackingNumber.Parse("RB123456785GB");
        Assert.True(a < b);
        Assert.Equal(string.CompareOrdinal(a.ToString(), b.ToString()) < 0, a.CompareTo(b) < 0);
    }

    private static string ValidNumber(int serial)
    {
        var digits = serial.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        return "RR" + digits + ReferenceCheckDigit(digits) + "CN";
    }

    private static int Remainder(string serial8) =>
        serial8.Select((c, i) => (c - '0') * SharedTrackingDataset.Weightings[i]).Sum() % 11;

    private static int ReferenceCheckDigit(string serial8) => Remainder(serial8) switch
    {
        1 => 0,
        0 => 5,
        var r => 11 - r,
    };
}
