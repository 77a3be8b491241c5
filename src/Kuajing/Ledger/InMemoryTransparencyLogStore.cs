namespace Kuajing.Ledger;

/// <summary>
/// An <see cref="ITransparencyLogStore"/> held in memory (one growable array of leaf hashes), for tests,
/// benchmarks and short-lived verification runs. Not thread-safe: one writer, and no reads during a write.
/// </summary>
public sealed class InMemoryTransparencyLogStore : ITransparencyLogStore
{
    private readonly List<MerkleHash> _leaves;

    /// <summary>Creates an empty store.</summary>
    public InMemoryTransparencyLogStore() => _leaves = [];

    /// <summary>Creates a store already holding <paramref name="leafHashes"/> as leaves 0, 1, 2, … in that order.</summary>
    /// <param name="leafHashes">The leaf hashes (not leaf data) in log order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="leafHashes"/> is null.</exception>
    public InMemoryTransparencyLogStore(IEnumerable<MerkleHash> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        _leaves = [.. leafHashes];
    }

    /// <inheritdoc/>
    public long Count => _leaves.Count;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The store would exceed <see cref="int.MaxValue"/> leaves (an in-memory limit).</exception>
    public void Append(ReadOnlySpan<MerkleHash> leafHashes)
    {
        if ((long)_leaves.Count + leafHashes.Length > int.MaxValue)
        {
            throw new InvalidOperationException($"An in-memory log holds at most {int.MaxValue} leaves.");
        }

        _leaves.AddRange(leafHashes);
    }

    /// <inheritdoc/>
    public void Read(long start, Span<MerkleHash> destination)
    {
        if (start < 0 || start + destination.Length > _leaves.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(start),
                start,
                $"Leaves [{start}, {start + destination.Length}) are not all within the log of {_leaves.Count} leaves.");
        }

        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_leaves).Slice((int)start, destination.Length).CopyTo(destination);
    }
}
