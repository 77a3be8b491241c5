using System.Security.Cryptography;

namespace Kuajing.Webhooks;

/// <summary>
/// The shared secret of one webhook subscription: the HMAC-SHA256 key with which Kuajing signs every
/// delivery to that subscription and with which the receiver verifies it (see <see cref="WebhookSignature"/>).
/// </summary>
/// <remarks>
/// A generated secret holds <see cref="GeneratedLength"/> (32) random bytes from
/// <see cref="RandomNumberGenerator"/>: the HMAC key length RFC 2104 §3 recommends for SHA-256 is at least the
/// hash output length, 32 bytes. Its text form is <c>whsec_</c> followed by the key in lower-case hexadecimal
/// (64 characters for 32 bytes); the receiver stores that text and passes it to <see cref="Parse"/>.
/// <see cref="ToString"/> never shows the key (it is redacted so that it cannot leak into logs); use
/// <see cref="Reveal"/> to hand it to the subscriber once. Immutable and thread-safe; equality is by key bytes,
/// compared in constant time.
/// </remarks>
public sealed class WebhookSecret : IEquatable<WebhookSecret>
{
    /// <summary>Prefix of the text form: <c>whsec_</c>.</summary>
    public const string Prefix = "whsec_";

    /// <summary>Bytes in a generated key: 32 (256 bits, the SHA-256 output length; RFC 2104 §3).</summary>
    public const int GeneratedLength = 32;

    /// <summary>Fewest key bytes accepted by <see cref="Parse"/> and <see cref="FromBytes"/>: 32.</summary>
    public const int MinimumLength = 32;

    private readonly byte[] _key;

    private WebhookSecret(byte[] key) => _key = key;

    /// <summary>The key length in bytes, at least 32.</summary>
    public int Length => _key.Length;

    /// <summary>Generates a new random secret of 32 bytes with <see cref="RandomNumberGenerator"/>.</summary>
    /// <returns>A fresh secret.</returns>
    public static WebhookSecret Generate() => new(RandomNumberGenerator.GetBytes(GeneratedLength));

    /// <summary>Wraps existing key bytes (copied).</summary>
    /// <param name="key">The key, at least 32 bytes.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="ArgumentException">When <paramref name="key"/> is shorter than 32 bytes.</exception>
    public static WebhookSecret FromBytes(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumLength)
        {
            throw new ArgumentException($"webhook secret has {key.Length} bytes; expected at least {MinimumLength}", nameof(key));
        }

        return new WebhookSecret(key.ToArray());
    }

    /// <summary>Reads the text form <c>whsec_&lt;hex&gt;</c> produced by <see cref="Reveal"/>.</summary>
    /// <param name="text">The text form: <c>whsec_</c> then an even number (at least 64) of hexadecimal digits.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">When <paramref name="text"/> lacks the <c>whsec_</c> prefix, is not hexadecimal, or holds fewer than 32 bytes.</exception>
    public static WebhookSecret Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"webhook secret does not start with '{Prefix}'");
        }

        byte[] key;
        try
        {
            key = Convert.FromHexString(text.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            throw new FormatException($"webhook secret after '{Prefix}' is not an even number of hexadecimal digits");
        }

        if (key.Length < MinimumLength)
        {
            throw new FormatException($"webhook secret has {key.Length} bytes; expected at least {MinimumLength}");
        }

        return new WebhookSecret(key);
    }

    /// <summary>The text form <c>whsec_&lt;lower-case hex&gt;</c>, to show the subscriber once and to store.</summary>
    /// <returns>The secret in clear text.</returns>
    public string Reveal() => Prefix + Convert.ToHexStringLower(_key);

    /// <summary>Computes HMAC-SHA256 (RFC 2104, FIPS 180-4) of <paramref name="message"/> with this key.</summary>
    /// <param name="message">The bytes to authenticate.</param>
    /// <param name="destination">Receives the 32-byte MAC.</param>
    internal void ComputeMac(ReadOnlySpan<byte> message, Span<byte> destination) =>
        HMACSHA256.HashData(_key, message, destination);

    /// <summary>A redacted form, <c>whsec_***</c>, that never shows the key.</summary>
    /// <returns><c>whsec_***</c>.</returns>
    public override string ToString() => Prefix + "***";

    /// <inheritdoc/>
    public bool Equals(WebhookSecret? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_key, other._key);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is WebhookSecret other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _key.Length;
}
