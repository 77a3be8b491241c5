using System.Buffers.Binary;

namespace Kuajing.Ledger;

/// <summary>
/// A 32-byte SHA-256 value in the ledger's Merkle tree: a leaf hash, an interior node hash or a tree root
/// (RFC 9162 §2.1, "Merkle Hash Trees", SHA-256 as in RFC 9162 §10.2.1 / RFC 6962 §2.1).
/// </summary>
/// <remarks>
/// An immutable value type (four 64-bit words, no heap allocation), compared byte by byte. <c>default</c> is the
/// all-zero value, which no SHA-256 computation is expected to produce. Thread-safe.
/// </remarks>
public readonly struct MerkleHash : IEquatable<MerkleHash>
{
    /// <summary>Length of a hash in bytes (32, SHA-256).</summary>
    public const int Length = 32;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    /// <summary>Creates a hash from exactly <see cref="Length"/> (32) bytes.</summary>
    /// <param name="bytes">The 32 hash bytes, in the order SHA-256 outputs them.</param>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not exactly 32 bytes long.</exception>
    public MerkleHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A Merkle hash is {Length} bytes; got {bytes.Length}.", nameof(bytes));
        }

        _w0 = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]);
    }

    /// <summary>Writes the 32 hash bytes to <paramref name="destination"/>.</summary>
    /// <param name="destination">At least 32 bytes; only the first 32 are written.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 32 bytes.</exception>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination must hold {Length} bytes; it holds {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64LittleEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], _w3);
    }

    /// <summary>The 32 hash bytes as a new array.</summary>
    /// <returns>A new 32-byte array.</returns>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Returns a copy of this hash with bit <paramref name="bit"/> inverted (bit 0 = least significant bit of byte 0).</summary>
    /// <param name="bit">Bit position, 0..255.</param>
    /// <returns>The hash with that one bit flipped.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bit"/> is outside 0..255.</exception>
    public MerkleHash WithBitFlipped(int bit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bit);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(bit, Length * 8);
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        bytes[bit >> 3] ^= (byte)(1 << (bit & 7));
        return new MerkleHash(bytes);
    }

    /// <summary>Parses 64 hexadecimal digits (either case) into a hash.</summary>
    /// <param name="hex">64 hex digits, no prefix or separators.</param>
    /// <returns>The hash.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="hex"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="hex"/> is not exactly 64 hexadecimal digits.</exception>
    public static MerkleHash Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length * 2)
        {
            throw new FormatException($"A Merkle hash is {Length * 2} hex digits; got {hex.Length} characters: '{hex}'.");
        }

        Span<byte> bytes = stackalloc byte[Length];
        var status = Convert.FromHexString(hex, bytes, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done || written != Length)
        {
            throw new FormatException($"A Merkle hash must be hexadecimal digits only; got '{hex}'.");
        }

        return new MerkleHash(bytes);
    }

    /// <summary>The hash as 64 lowercase hexadecimal digits.</summary>
    /// <returns>Lowercase hex, e.g. <c>6e340b9c…</c>.</returns>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <inheritdoc/>
    public bool Equals(MerkleHash other) =>
        _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MerkleHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    /// <summary>True when both hashes have the same 32 bytes.</summary>
    /// <param name="left">First hash.</param>
    /// <param name="right">Second hash.</param>
    /// <returns>Whether the bytes are equal.</returns>
    public static bool operator ==(MerkleHash left, MerkleHash right) => left.Equals(right);

    /// <summary>True when the hashes differ in at least one byte.</summary>
    /// <param name="left">First hash.</param>
    /// <param name="right">Second hash.</param>
    /// <returns>Whether the bytes differ.</returns>
    public static bool operator !=(MerkleHash left, MerkleHash right) => !left.Equals(right);

    internal string ToShortString() => ToString()[..12];
}
