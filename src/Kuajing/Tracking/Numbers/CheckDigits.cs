namespace Kuajing.Tracking.Numbers;

/// <summary>
/// The check-digit algorithms used by carrier and transport-document numbers. Each method computes the expected
/// check character of a sequence (the characters before the check digit); callers compare it with the printed one.
/// Pure functions, no allocation, thread-safe.
/// </summary>
/// <remarks>
/// The courier algorithms (<see cref="Mod10"/>, <see cref="Mod7"/>, <see cref="S10"/>, <see cref="Luhn"/>,
/// <see cref="Mod37Hybrid36"/>, <see cref="SumProductWithWeightingsAndModulo"/>) follow <c>CHECKSUM_ALGORITHMS.md</c>
/// and the reference implementation (<c>checksum_validations.rb</c> of the Ruby gem <c>tracking_number</c>) of
/// <c>jkeen/tracking_number_data</c> @ b79ce4bf (MIT; bundled in <c>data/tracking/couriers</c>).
/// <see cref="AirWaybillMod7"/> follows IATA Resolution 600a (Air Waybill) and <see cref="Iso6346"/> follows
/// ISO 6346:1995 Annex A.
/// </remarks>
public static class CheckDigits
{
    // ISO 6346:1995 Annex A: A = 10, then each next letter +1, skipping 11, 22 and 33 (multiples of 11).
    private static ReadOnlySpan<byte> Iso6346LetterValues =>
        [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38];

    /// <summary>
    /// Weighted mod-10 check digit (UPS, USPS, FedEx Ground, Canada Post, OnTrac): each character's value (a digit's
    /// own value; a letter's <c>(ASCII code − 3) mod 10</c>) is multiplied by <paramref name="evensMultiplier"/> at
    /// 0-based even positions and by <paramref name="oddsMultiplier"/> at odd positions (counted from the right end when
    /// <paramref name="reverse"/>); the check digit is <c>(10 − sum mod 10) mod 10</c>.
    /// </summary>
    /// <param name="sequence">The characters before the check digit: ASCII digits and upper-case letters.</param>
    /// <param name="evensMultiplier">Multiplier for even 0-based positions, 1 or more.</param>
    /// <param name="oddsMultiplier">Multiplier for odd 0-based positions, 1 or more.</param>
    /// <param name="reverse">Whether positions are counted from the last character.</param>
    /// <returns>The check digit, 0 to 9.</returns>
    /// <exception cref="ArgumentException">When <paramref name="sequence"/> is empty or holds a character other than 0–9, A–Z.</exception>
    public static int Mod10(ReadOnlySpan<char> sequence, int evensMultiplier, int oddsMultiplier, bool reverse)
    {
        RequireNonEmpty(sequence);
        var sum = 0;
        for (var i = 0; i < sequence.Length; i++)
        {
            var c = reverse ? sequence[sequence.Length - 1 - i] : sequence[i];
            int value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => (c - 3) % 10,
                _ => throw BadCharacter(sequence, c, "a digit 0–9 or a letter A–Z"),
            };
            sum += value * ((i & 1) == 0 ? evensMultiplier : oddsMultiplier);
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>Plain mod-7 check digit (DHL Express): the sequence read as a decimal number, modulo 7.</summary>
    /// <param name="digits">ASCII digits, any length (read digit by digit, so no overflow).</param>
    /// <returns>The check digit, 0 to 6.</returns>
    /// <exception cref="ArgumentException">When <paramref name="digits"/> is empty or holds a non-digit.</exception>
    public static int Mod7(ReadOnlySpan<char> digits)
    {
        RequireNonEmpty(digits);
        var remainder = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw BadCharacter(digits, c, "a digit 0–9");
            }

            remainder = ((remainder * 10) + (c - '0')) % 7;
        }

        return remainder;
    }

    /// <summary>
    /// IATA air waybill check digit: the first seven digits of the eight-digit serial number, read as a number,
    /// modulo 7 (unweighted). Source: IATA Resolution 600a (Air Waybill), serial-number check digit; same rule in
    /// the Australian Border Force ICS "Airway bill check digit formula" (v1.1, 2002-06-16).
    /// </summary>
    /// <param name="serial7">Exactly seven ASCII digits.</param>
    /// <returns>The check digit, 0 to 6.</returns>
    /// <exception cref="ArgumentException">When <paramref name="serial7"/> is not exactly seven ASCII digits.</exception>
    public static int AirWaybillMod7(ReadOnlySpan<char> serial7)
    {
        if (serial7.Length != 7)
        {
            throw new ArgumentException($"air waybill serial '{serial7}' has {serial7.Length} characters; expected 7 digits before the check digit", nameof(serial7));
        }

        return Mod7(serial7);
    }

    /// <summary>
    /// UPU S10 check digit of an eight-digit serial number (weights 8, 6, 4, 2, 3, 5, 9, 7; 11 − sum mod 11; 10 → 0,
    /// 11 → 5). Delegates to <see cref="S10TrackingNumber.CheckDigit(ReadOnlySpan{char})"/>, the one implementation.
    /// </summary>
    /// <param name="serial8">Exactly eight ASCII digits.</param>
    /// <returns>The check digit, 0 to 9.</returns>
    /// <exception cref="ArgumentException">When <paramref name="serial8"/> is not exactly eight ASCII digits.</exception>
    public static int S10(ReadOnlySpan<char> serial8) => S10TrackingNumber.CheckDigit(serial8);

    /// <summary>
    /// Luhn check digit (Old Dominion, Purolator; also the CIT consignment number of the CIM consignment note):
    /// from the rightmost character leftwards, every other digit starting with the rightmost is doubled (9 subtracted
    /// when above 9); the check digit is <c>(10 − sum mod 10) mod 10</c>.
    /// </summary>
    /// <param name="digits">ASCII digits.</param>
    /// <returns>The check digit, 0 to 9.</returns>
    /// <exception cref="ArgumentException">When <paramref name="digits"/> is empty or holds a non-digit.</exception>
    public static int Luhn(ReadOnlySpan<char> digits)
    {
        RequireNonEmpty(digits);
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[digits.Length - 1 - i];
            if (!char.IsAsciiDigit(c))
            {
                throw BadCharacter(digits, c, "a digit 0–9");
            }

            var x = c - '0';
            if ((i & 1) == 0)
            {
                x *= 2;
                if (x > 9)
                {
                    x -= 9;
                }
            }

            sum += x;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>
    /// Weighted sum, then two moduli (FedEx Express): <c>Σ digit_i × weight_i mod modulo1 mod modulo2</c>, pairing
    /// the sequence with <paramref name="weightings"/> from the left.
    /// </summary>
    /// <param name="digits">ASCII digits, at most as many as <paramref name="weightings"/>.</param>
    /// <param name="weightings">One weight per digit, left to right.</param>
    /// <param name="modulo1">First modulus, 1 or more (FedEx: 11).</param>
    /// <param name="modulo2">Second modulus, 1 or more (FedEx: 10).</param>
    /// <returns>The check digit, 0 to <paramref name="modulo2"/> − 1.</returns>
    /// <exception cref="ArgumentException">When <paramref name="digits"/> is empty, holds a non-digit, or is longer than <paramref name="weightings"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a modulus is below 1.</exception>
    public static int SumProductWithWeightingsAndModulo(ReadOnlySpan<char> digits, ReadOnlySpan<int> weightings, int modulo1, int modulo2)
    {
        RequireNonEmpty(digits);
        ArgumentOutOfRangeException.ThrowIfLessThan(modulo1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(modulo2, 1);
        if (digits.Length > weightings.Length)
        {
            throw new ArgumentException($"sequence '{digits}' has {digits.Length} digits but only {weightings.Length} weightings are given", nameof(digits));
        }

        long sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var c = digits[i];
            if (!char.IsAsciiDigit(c))
            {
                throw BadCharacter(digits, c, "a digit 0–9");
            }

            sum += (c - '0') * (long)weightings[i];
        }

        return (int)(sum % modulo1 % modulo2);
    }

    /// <summary>
    /// ISO/IEC 7064 MOD 37,36 hybrid check character (DPD parcel numbers; DPD Parcel Label Specification 2.4.1):
    /// digits count 0–9 and letters A–Z 10–35; the check character is a digit or a letter.
    /// </summary>
    /// <param name="sequence">ASCII digits and upper-case letters.</param>
    /// <returns>The check character, 0–9 or A–Z.</returns>
    /// <exception cref="ArgumentException">When <paramref name="sequence"/> is empty or holds a character other than 0–9, A–Z.</exception>
    public static char Mod37Hybrid36(ReadOnlySpan<char> sequence)
    {
        RequireNonEmpty(sequence);
        const int mod = 36;
        var cd = mod;
        foreach (var c in sequence)
        {
            int value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => throw BadCharacter(sequence, c, "a digit 0–9 or a letter A–Z"),
            };
            cd += value;
            if (cd > mod)
            {
                cd -= mod;
            }

            cd *= 2;
            if (cd > mod)
            {
                cd -= mod + 1;
            }
        }

        cd = mod + 1 - cd;
        if (cd == mod)
        {
            cd = 0;
        }

        return cd < 10 ? (char)('0' + cd) : (char)('A' + cd - 10);
    }

    /// <summary>
    /// ISO 6346 container check digit of the first ten characters (owner code, category identifier, serial number):
    /// letters take the values A = 10, B = 12 … Z = 38 (skipping 11, 22, 33), digits their own value; each is multiplied
    /// by 2^position (position 0 to 9 from the left); the sum modulo 11 is the check digit, and a remainder of 10 is
    /// written 0. Source: ISO 6346:1995 "Freight containers — Coding, identification and marking", Annex A.
    /// </summary>
    /// <param name="first10">Three upper-case letters (owner code), one upper-case letter (category), six digits.</param>
    /// <returns>The check digit, 0 to 9.</returns>
    /// <exception cref="ArgumentException">When <paramref name="first10"/> is not four letters A–Z followed by six digits.</exception>
    public static int Iso6346(ReadOnlySpan<char> first10)
    {
        if (first10.Length != 10)
        {
            throw new ArgumentException($"container code '{first10}' has {first10.Length} characters; expected 10 before the check digit (4 letters, 6 digits)", nameof(first10));
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var c = first10[i];
            int value;
            if (i < 4)
            {
                value = char.IsAsciiLetterUpper(c) ? Iso6346LetterValues[c - 'A'] : throw BadCharacter(first10, c, $"a letter A–Z at position {i + 1}");
            }
            else
            {
                value = char.IsAsciiDigit(c) ? c - '0' : throw BadCharacter(first10, c, $"a digit 0–9 at position {i + 1}");
            }

            sum += value << i;
        }

        return sum % 11 % 10;
    }

    private static void RequireNonEmpty(ReadOnlySpan<char> sequence)
    {
        if (sequence.IsEmpty)
        {
            throw new ArgumentException("sequence is empty; expected at least one character before the check digit", nameof(sequence));
        }
    }

    private static ArgumentException BadCharacter(ReadOnlySpan<char> sequence, char c, string expected) =>
        new($"sequence '{sequence}' has '{c}'; expected {expected}", nameof(sequence));
}
