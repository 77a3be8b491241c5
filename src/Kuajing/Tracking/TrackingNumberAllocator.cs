using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kuajing.Geography;

namespace Kuajing.Tracking;

/// <summary>
/// Gives each shipment its one S10 tracking number, deterministically: the same sequence number or stable
/// key always yields the same number, so a re-run over the same input does not mint new numbers.
/// Stateless apart from the service indicator; thread-safe.
/// </summary>
/// <remarks>
/// UPU S10 requires the issuer not to reuse an identifier within 12 months (24 recommended). With one service
/// indicator and one origin country the space is 100,000,000 serials, so uniqueness is the caller's job:
/// prefer <see cref="Allocate(long, CountryCode)"/> with a database sequence, which is unique by construction.
/// <see cref="FromStableKey(string, CountryCode, int)"/> needs no state but collides (see its remarks).
/// </remarks>
public sealed class TrackingNumberAllocator
{
    /// <summary>Number of distinct serial numbers: 100,000,000 (eight digits).</summary>
    public const long SerialSpace = 100_000_000;

    private const int MaxProbeAttempts = 1000;

    /// <summary>Creates an allocator issuing <see cref="S10ServiceIndicator.KuajingConsolidated"/> ("HJ") numbers.</summary>
    public TrackingNumberAllocator()
        : this(S10ServiceIndicator.KuajingConsolidated)
    {
    }

    /// <summary>Creates an allocator issuing numbers with the given service indicator (e.g. a block agreed with a postal operator).</summary>
    /// <param name="serviceIndicator">Service indicator for every number issued.</param>
    /// <exception cref="ArgumentException">
    /// When <paramref name="serviceIndicator"/> is <see langword="default"/> or its range is not assigned by S10
    /// (<see cref="S10ServiceCategory.NotListed"/>: unassigned or reserved letters).
    /// </exception>
    public TrackingNumberAllocator(S10ServiceIndicator serviceIndicator)
    {
        if (serviceIndicator.First == '\0')
        {
            throw new ArgumentException("service indicator is default (no letters)", nameof(serviceIndicator));
        }

        if (serviceIndicator.Category == S10ServiceCategory.NotListed)
        {
            throw new ArgumentException(
                $"service indicator {serviceIndicator} is in a range UPU S10 leaves unassigned or reserved; issue only from an assigned range",
                nameof(serviceIndicator));
        }

        ServiceIndicator = serviceIndicator;
    }

    /// <summary>The origin country used when none is given: CN (China), Kuajing's default origin.</summary>
    public static CountryCode DefaultOrigin { get; } = new("CN");

    /// <summary>The service indicator of every number this allocator issues.</summary>
    public S10ServiceIndicator ServiceIndicator { get; }

    /// <summary>The tracking number whose serial is the shipment sequence number itself.</summary>
    /// <param name="sequence">Shipment sequence number, 0 to 99,999,999 (e.g. from a database sequence).</param>
    /// <param name="origin">Origin country of the shipment (ISO 3166-1 alpha-2), which S10 puts as the issuer country.</param>
    /// <returns>The number, e.g. sequence 42 with origin CN gives "HJ000000425CN".</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="sequence"/> is below 0 or above 99,999,999.</exception>
    /// <exception cref="ArgumentException">When <paramref name="origin"/> is <see langword="default"/>.</exception>
    public S10TrackingNumber Allocate(long sequence, CountryCode origin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sequence, SerialSpace);
        return new S10TrackingNumber(ServiceIndicator, (int)sequence, origin);
    }

    /// <summary>The tracking number for a shipment sequence number, with origin <see cref="DefaultOrigin"/> (CN).</summary>
    /// <param name="sequence">Shipment sequence number, 0 to 99,999,999.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="sequence"/> is below 0 or above 99,999,999.</exception>
    public S10TrackingNumber Allocate(long sequence) => Allocate(sequence, DefaultOrigin);

    /// <summary>
    /// The tracking number for a stable string key such as <c>"source-file|order-id"</c>, with the serial from
    /// <see cref="StableSerial"/>.
    /// </summary>
    /// <param name="key">Stable key of the shipment; any non-null string (compared as UTF-8 bytes, so case and Unicode normalisation matter).</param>
    /// <param name="origin">Origin country of the shipment (ISO 3166-1 alpha-2).</param>
    /// <param name="attempt">0 for the first choice; on a collision with an existing number, retry with 1, 2, … (deterministic probing).</param>
    /// <returns>The number.</returns>
    /// <remarks>
    /// Serials are 10^8 buckets, so by the birthday bound n keys give about n(n−1)/(2·10^8) colliding pairs:
    /// 1,000 keys 0.5 % chance of any collision; 10,000 keys 39 %; 21,000 keys (the bundled orders) 89 %,
    /// about 2.2 pairs expected; 100,000 keys about 50 pairs. Keep a unique index on the number and retry
    /// with the next <paramref name="attempt"/>, processing keys in a stable order, or use
    /// <see cref="Allocate(long, CountryCode)"/> with a sequence.
    /// </remarks>
    /// <exception cref="ArgumentNullException">When <paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="attempt"/> is negative.</exception>
    /// <exception cref="ArgumentException">When <paramref name="origin"/> is <see langword="default"/>.</exception>
    public S10TrackingNumber FromStableKey(string key, CountryCode origin, int attempt = 0) =>
        new(ServiceIndicator, StableSerial(key, attempt), origin);

    /// <summary>
    /// The first number for <paramref name="key"/> that is not taken, probing attempt 0, 1, 2, … of
    /// <see cref="FromStableKey(string, CountryCode, int)"/>. Deterministic for the same key and the same set of
    /// taken numbers, so processing keys in a stable order (e.g. file order) reproduces the same numbers on a re-run.
    /// </summary>
    /// <param name="key">Stable key of the shipment, e.g. <c>"source-file|order-id"</c>.</param>
    /// <param name="origin">Origin country of the shipment (ISO 3166-1 alpha-2).</param>
    /// <param name="isTaken">Whether a number is already used by another shipment (e.g. a lookup in the numbers already stored).</param>
    /// <returns>The first free number.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="key"/> or <paramref name="isTaken"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When <paramref name="origin"/> is <see langword="default"/>.</exception>
    /// <exception cref="InvalidOperationException">When 1,000 consecutive attempts are all taken (the serial space is nearly full).</exception>
    public S10TrackingNumber FromStableKey(string key, CountryCode origin, Func<S10TrackingNumber, bool> isTaken)
    {
        ArgumentNullException.ThrowIfNull(isTaken);
        for (var attempt = 0; attempt < MaxProbeAttempts; attempt++)
        {
            var number = FromStableKey(key, origin, attempt);
            if (!isTaken(number))
            {
                return number;
            }
        }

        throw new InvalidOperationException(
            $"no free S10 serial for key '{key}' after {MaxProbeAttempts} attempts; the {ServiceIndicator}…{origin} serial space is nearly full");
    }

    /// <summary>
    /// A serial number from a string key, stable across runs, machines and .NET versions: SHA-256 (FIPS 180-4)
    /// of the key's UTF-8 bytes (for <paramref name="attempt"/> n &gt; 0, of the UTF-8 bytes of key + "#" + n in
    /// invariant decimal), first 8 bytes read as a big-endian unsigned 64-bit integer, modulo 100,000,000.
    /// The modulo bias is below 10^-11 and can be ignored.
    /// </summary>
    /// <param name="key">Stable key; any non-null string.</param>
    /// <param name="attempt">Probe number, 0 or more.</param>
    /// <returns>A serial 0 to 99,999,999.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="key"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="attempt"/> is negative.</exception>
    public static int StableSerial(string key, int attempt = 0)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var text = attempt == 0 ? key : string.Create(CultureInfo.InvariantCulture, $"{key}#{attempt}");
        var byteCount = Encoding.UTF8.GetByteCount(text);
        byte[]? rented = null;
        var bytes = byteCount <= 512 ? stackalloc byte[byteCount] : (rented = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        try
        {
            Encoding.UTF8.GetBytes(text, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)SerialSpace);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
