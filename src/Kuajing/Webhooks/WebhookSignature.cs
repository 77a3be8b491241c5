using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>The outcome of <see cref="WebhookSignature.Verify"/>.</summary>
public enum WebhookSignatureCheck
{
    /// <summary>The header is well formed, its timestamp is within tolerance and one <c>v1</c> signature matches.</summary>
    Valid,

    /// <summary>The header is missing, empty, or lacks a <c>t=</c> Unix-seconds timestamp or any <c>v1=</c> hexadecimal signature.</summary>
    Malformed,

    /// <summary>The timestamp is further from <c>now</c> than the tolerance (a replayed or badly delayed request).</summary>
    TimestampOutsideTolerance,

    /// <summary>No <c>v1</c> signature matches the body and timestamp: wrong secret, or the body or timestamp was altered.</summary>
    SignatureMismatch,
}

/// <summary>
/// The <c>Kuajing-Signature</c> header: <c>t=&lt;Unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</c>, where the MAC is
/// HMAC-SHA256 (RFC 2104) keyed with the subscription's <see cref="WebhookSecret"/> over the ASCII timestamp, a
/// full stop, and the exact request body bytes: <c>HMAC(secret, t + "." + body)</c>.
/// </summary>
/// <remarks>
/// The scheme follows Stripe's webhook signatures (docs.stripe.com/webhooks, "Verify signatures manually",
/// read 2025): the signed timestamp lets a receiver refuse replays older than a tolerance, and a header may carry
/// several <c>v1</c> entries (e.g. during secret rotation), any one of which may match. Comparison is in
/// constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>). Stateless and thread-safe.
/// </remarks>
public static class WebhookSignature
{
    /// <summary>Name of the HTTP header that carries the signature: <c>Kuajing-Signature</c>.</summary>
    public const string HeaderName = "Kuajing-Signature";

    /// <summary>Default replay tolerance suggested to receivers: 5 minutes (Stripe's default, same source).</summary>
    public static readonly Duration DefaultTolerance = Duration.FromMinutes(5);

    private const int MacLength = 32;

    /// <summary>Computes the header value for one request.</summary>
    /// <param name="secret">The subscription's secret.</param>
    /// <param name="timestamp">Signing time; truncated to whole Unix seconds.</param>
    /// <param name="body">The exact request body bytes (UTF-8 JSON).</param>
    /// <returns><c>t=&lt;Unix seconds&gt;,v1=&lt;64 lower-case hex digits&gt;</c>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="secret"/> is <see langword="null"/>.</exception>
    public static string CreateHeader(WebhookSecret secret, Instant timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        long seconds = timestamp.ToUnixTimeSeconds();
        Span<byte> mac = stackalloc byte[MacLength];
        ComputeMac(secret, seconds, body, mac);
        return string.Create(CultureInfo.InvariantCulture, $"t={seconds},v1={Convert.ToHexStringLower(mac)}");
    }

    /// <summary>
    /// Verifies a received <c>Kuajing-Signature</c> header against the raw body, as a receiver should before
    /// trusting a delivery.
    /// </summary>
    /// <param name="secret">The subscription's secret (from <see cref="WebhookSecret.Parse"/>).</param>
    /// <param name="header">The header value as received; <see langword="null"/> or empty gives <see cref="WebhookSignatureCheck.Malformed"/>.</param>
    /// <param name="body">The raw request body bytes exactly as received (before any JSON parsing).</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">Largest accepted distance between <paramref name="now"/> and the signed timestamp, in either direction, e.g. <see cref="DefaultTolerance"/>; zero or positive.</param>
    /// <returns>The check's outcome; only <see cref="WebhookSignatureCheck.Valid"/> means the delivery is authentic and fresh.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="tolerance"/> is negative.</exception>
    public static WebhookSignatureCheck Verify(WebhookSecret secret, string? header, ReadOnlySpan<byte> body, Instant now, Duration tolerance)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (tolerance < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must not be negative");
        }

        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookSignatureCheck.Malformed;
        }

        long? timestamp = null;
        var candidates = new List<byte[]>(1);
        foreach (Range part in header.AsSpan().Split(','))
        {
            ReadOnlySpan<char> item = header.AsSpan()[part].Trim();
            int eq = item.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            ReadOnlySpan<char> key = item[..eq];
            ReadOnlySpan<char> value = item[(eq + 1)..];
            if (key.SequenceEqual("t"))
            {
                if (timestamp is not null || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long t))
                {
                    return WebhookSignatureCheck.Malformed;
                }

                timestamp = t;
            }
            else if (key.SequenceEqual("v1") && value.Length == MacLength * 2)
            {
                byte[] candidate = new byte[MacLength];
                if (Convert.FromHexString(value, candidate, out _, out int written) == OperationStatus.Done && written == MacLength)
                {
                    candidates.Add(candidate);
                }
            }
        }

        // Unix seconds beyond NodaTime's range (years -9998..9999) cannot be a real signing time.
        if (timestamp is not { } seconds || candidates.Count == 0
            || seconds < Instant.MinValue.ToUnixTimeSeconds() || seconds > Instant.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookSignatureCheck.Malformed;
        }

        Duration skew = now - Instant.FromUnixTimeSeconds(seconds);
        if (skew > tolerance || -skew > tolerance)
        {
            return WebhookSignatureCheck.TimestampOutsideTolerance;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        ComputeMac(secret, seconds, body, expected);
        bool match = false;
        foreach (byte[] candidate in candidates)
        {
            // No early exit: every candidate is compared, in constant time each.
            match |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }

        return match ? WebhookSignatureCheck.Valid : WebhookSignatureCheck.SignatureMismatch;
    }

    private static void ComputeMac(WebhookSecret secret, long seconds, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        Span<byte> prefix = stackalloc byte[21];
        if (!seconds.TryFormat(prefix, out int digits, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("Unix timestamp does not fit 20 digits");
        }

        prefix[digits++] = (byte)'.';
        byte[] message = ArrayPool<byte>.Shared.Rent(digits + body.Length);
        try
        {
            prefix[..digits].CopyTo(message);
            body.CopyTo(message.AsSpan(digits));
            secret.ComputeMac(message.AsSpan(0, digits + body.Length), destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(message.AsSpan(0, digits + body.Length));
            ArrayPool<byte>.Shared.Return(message);
        }
    }
}
