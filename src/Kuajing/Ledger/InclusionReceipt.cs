using System.Collections.Immutable;

namespace Kuajing.Ledger;

/// <summary>
/// Proof handed out when an event enters the ledger: the event's canonical hash, its leaf index and the inclusion proof
/// (RFC 9162 §2.1.3.1 audit path) in the tree of <see cref="TreeSize"/> leaves. Whoever keeps receipts and the matching
/// signed tree head can later show which stored event was changed, removed or moved (<see cref="LedgerVerifier"/>).
/// </summary>
/// <param name="LeafIndex">The event's 0-based position in the log.</param>
/// <param name="EventHash">The event's 32-byte canonical hash (the leaf data; the leaf hash is <see cref="MerkleTree.HashLeaf(MerkleHash)"/> of it).</param>
/// <param name="TreeSize">Size of the tree the proof is for (that of a signed tree head).</param>
/// <param name="AuditPath">The audit path, the leaf's sibling first (<see cref="MerkleTree.InclusionProof"/>).</param>
public sealed record InclusionReceipt(long LeafIndex, MerkleHash EventHash, long TreeSize, ImmutableArray<MerkleHash> AuditPath)
{
    /// <summary>Issues a receipt for leaf <paramref name="leafIndex"/> from the log's own tree.</summary>
    /// <param name="tree">The log's tree.</param>
    /// <param name="leafIndex">The event's leaf index, 0 ≤ leafIndex &lt; treeSize.</param>
    /// <param name="eventHash">The event's canonical hash (the leaf data appended at that index).</param>
    /// <param name="treeSize">The signed head's tree size, 1 ≤ treeSize ≤ <see cref="MerkleTree.Size"/>.</param>
    /// <returns>The receipt.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="MerkleTree.InclusionProof"/>.</exception>
    public static InclusionReceipt Issue(MerkleTree tree, long leafIndex, MerkleHash eventHash, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(tree);
        return new InclusionReceipt(leafIndex, eventHash, treeSize, [.. tree.InclusionProof(leafIndex, treeSize)]);
    }
}
