namespace Kuajing.Ledger;

/// <summary>
/// Storage for an append-only transparency log: the ordered list of 32-byte leaf hashes
/// (<see cref="MerkleTree.HashLeaf(ReadOnlySpan{byte})"/> of each accepted event's canonical hash), in the style of a Certificate
/// Transparency log (RFC 9162 §2.1, §4). Leaf <c>i</c> is the <c>i</c>-th hash ever appended (0-based) and never
/// changes once written.
/// </summary>
/// <remarks>
/// Implementations only store and read; all Merkle computation is in <see cref="MerkleTree"/>. An implementation
/// on a database (SQLite, PostgreSQL) keeps one row per leaf keyed by its index. Nothing here detects a store that
/// rewrites its rows: that is what signed tree heads and <see cref="LedgerVerifier"/> are for.
/// </remarks>
public interface ITransparencyLogStore
{
    /// <summary>Number of leaf hashes stored (the current tree size), ≥ 0.</summary>
    long Count { get; }

    /// <summary>Appends leaf hashes, in order, after the last stored one; the first gets index <see cref="Count"/>.</summary>
    /// <param name="leafHashes">Leaf hashes to append; may be empty.</param>
    void Append(ReadOnlySpan<MerkleHash> leafHashes);

    /// <summary>Reads <c>destination.Length</c> consecutive leaf hashes starting at index <paramref name="start"/>.</summary>
    /// <param name="start">Index of the first leaf to read, 0 ≤ start.</param>
    /// <param name="destination">Receives the hashes; <c>start + destination.Length</c> must be ≤ <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range <c>[start, start + destination.Length)</c> is not within <c>[0, Count)</c>.</exception>
    void Read(long start, Span<MerkleHash> destination);
}
