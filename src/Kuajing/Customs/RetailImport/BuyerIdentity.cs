using System.Security.Cryptography;
using System.Text;

namespace Kuajing.Customs.RetailImport;

/// <summary>
/// A buyer's identity document as the retail-import order carries it (CEB311 <c>buyerIdType</c> /
/// <c>buyerIdNumber</c>, regulatory-facts.md §3.3; the e-commerce firm must verify it, §3.2). Held only in memory,
/// long enough to compute a <see cref="BuyerKey"/>; <see cref="ToString"/> never shows the number.
/// </summary>
public sealed class BuyerIdentity
{
    /// <summary>CEB311 <c>buyerIdType</c> of the PRC resident identity card (regulatory-facts.md §3.3: <c>1</c> = ID card).</summary>
    public const string ResidentIdCardType = "1";

    // GB 11643-1999 (公民身份号码) check character: ISO 7064 MOD 11-2 weights of the first 17 digits.
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private BuyerIdentity(string idType, string number)
    {
        IdType = idType;
        Number = number;
    }

    /// <summary>The CEB311 <c>buyerIdType</c> (<c>1</c> = resident identity card).</summary>
    public string IdType { get; }

    /// <summary>The normalised number (trimmed, upper case). Never log or store it.</summary>
    internal string Number { get; }

    /// <summary>
    /// A PRC resident identity card number: 18 characters, 17 digits and a check character (0–9 or X) per
    /// GB 11643-1999 (ISO 7064 MOD 11-2). Spaces are trimmed and a lower-case x is accepted.
    /// </summary>
    /// <param name="number">The number as entered.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="ArgumentException">When the number is not 18 characters of the form above or its check character is wrong (the message does not repeat the number).</exception>
    public static BuyerIdentity ResidentIdCard(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var n = number.Trim().ToUpperInvariant();
        if (n.Length != 18)
        {
            throw new ArgumentException($"buyer ID number: expected 18 characters (GB 11643-1999), found {n.Length}", nameof(number));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (n[i] is < '0' or > '9')
            {
                throw new ArgumentException($"buyer ID number: character {i + 1} must be a digit", nameof(number));
            }

            sum += (n[i] - '0') * Weights[i];
        }

        if (n[17] != CheckCharacters[sum % 11])
        {
            throw new ArgumentException("buyer ID number: the check character (position 18, GB 11643-1999 / ISO 7064 MOD 11-2) does not match", nameof(number));
        }

        return new BuyerIdentity(ResidentIdCardType, n);
    }

    /// <summary>Another identity document type (e.g. a passport), by its CEB311 <c>buyerIdType</c> code; only trimmed and upper-cased.</summary>
    /// <param name="idType">The type code, not <see cref="ResidentIdCardType"/> (use <see cref="ResidentIdCard"/> for that).</param>
    /// <param name="number">The document number, 1–60 characters after trimming.</param>
    /// <returns>The identity.</returns>
    /// <exception cref="ArgumentException">When a value is empty or too long, or <paramref name="idType"/> is <c>1</c>.</exception>
    public static BuyerIdentity Other(string idType, string number)
    {
        ArgumentNullException.ThrowIfNull(idType);
        ArgumentNullException.ThrowIfNull(number);
        var type = idType.Trim();
        var n = number.Trim().ToUpperInvariant();
        if (type.Length is 0 or > 8 || type == ResidentIdCardType)
        {
            throw new ArgumentException("buyer ID type: expected a CEB311 buyerIdType code other than 1 (use ResidentIdCard for ID cards)", nameof(idType));
        }

        return n.Length is 0 or > 60
            ? throw new ArgumentException("buyer ID number: expected 1-60 characters", nameof(number))
            : new BuyerIdentity(type, n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"buyer ID type {IdType} (number withheld)";
}

/// <summary>
/// The pseudonymous key a buyer's quota is kept under: HMAC-SHA256 (RFC 2104, FIPS 198-1) of the identity with the
/// store's secret key, as 64 lower-case hex characters. The ID number itself is never stored.
/// </summary>
/// <param name="Value">64 lower-case hex characters.</param>
public readonly record struct BuyerKey(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>
/// Computes <see cref="BuyerKey"/>s with a per-store secret key. Why keyed: an 18-digit PRC ID number has little
/// entropy (6-digit region code, about 3,500 in use; birth date, about 36,500 days in a century; 3-digit sequence; the
/// check character follows), so there are only about 1.3 × 10^11 candidates; one GPU computes ~10^10 SHA-256 per
/// second, so a plain hash is reversed by enumeration in well under a minute. With HMAC-SHA256 and a 256-bit key kept
/// outside the database, the stored keys cannot be enumerated without the key (docs/china-retail-import.md).
/// Thread-safe.
/// </summary>
public sealed class BuyerIdentityHasher
{
    /// <summary>Minimum key length in bytes (256 bits, the HMAC-SHA256 output size).</summary>
    public const int MinKeyBytes = 32;

    private readonly byte[] _key;

    /// <summary>Creates a hasher over a secret key.</summary>
    /// <param name="key">The store's secret key, at least <see cref="MinKeyBytes"/> bytes; copied.</param>
    /// <exception cref="ArgumentException">When the key is shorter than <see cref="MinKeyBytes"/>.</exception>
    public BuyerIdentityHasher(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"the buyer-key secret must be at least {MinKeyBytes} bytes, found {key.Length}", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>A new random key of <see cref="MinKeyBytes"/> bytes from the OS CSPRNG.</summary>
    /// <returns>The key bytes.</returns>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(MinKeyBytes);

    /// <summary>The key of <paramref name="identity"/>: HMAC-SHA256(key, UTF-8 of "type:number").</summary>
    /// <param name="identity">The buyer's identity.</param>
    /// <returns>The key.</returns>
    public BuyerKey KeyOf(BuyerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var message = Encoding.UTF8.GetBytes(identity.IdType + ":" + identity.Number);
        return new BuyerKey(Convert.ToHexStringLower(HMACSHA256.HashData(_key, message)));
    }
}
