namespace Kuajing.Ledger;

/// <summary>What <see cref="LedgerVerifier"/> found wrong with a log, a tree head or a receipt.</summary>
public enum LedgerFindingKind
{
    /// <summary>A signed tree head's signature does not verify with the trusted key, or it names another key.</summary>
    TreeHeadSignatureInvalid,

    /// <summary>The store claims fewer leaves than the trusted tree head covers: leaves were deleted.</summary>
    LeavesMissing,

    /// <summary>The root recomputed from the store's first <c>TreeSize</c> leaves differs from the trusted head's root.</summary>
    RootMismatch,

    /// <summary>A receipt's inclusion proof, applied to the leaf the store holds at the receipt's index, does not give the trusted root.</summary>
    InclusionProofFailed,

    /// <summary>The event at this index was replaced: its original hash is nowhere in the store, which is not short of leaves.</summary>
    LeafEdited,

    /// <summary>The event at this index is gone: its hash is nowhere in the store, which is short of leaves.</summary>
    LeafDeleted,

    /// <summary>The event from this index is stored at another index (<see cref="LedgerFinding.OtherLeafIndex"/>): leaves were reordered.</summary>
    LeafMoved,

    /// <summary>The event from this index is stored at a lower index (<see cref="LedgerFinding.OtherLeafIndex"/>) because an earlier leaf was deleted.</summary>
    LeafShifted,

    /// <summary>A receipt does not verify against the trusted tree head at all (wrong tree size, or its path or hash was altered).</summary>
    ReceiptInvalid,

    /// <summary>A later tree head is smaller than an earlier one: a log never shrinks.</summary>
    TreeSizeDecreased,

    /// <summary>The consistency proof between two tree heads fails (RFC 9162 §2.1.4.2): the later tree does not extend the earlier one.</summary>
    HeadsInconsistent,
}

/// <summary>One problem found by <see cref="LedgerVerifier"/>.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="LeafIndex">The leaf concerned, when the finding is about one leaf; else null.</param>
/// <param name="OtherLeafIndex">For <see cref="LedgerFindingKind.LeafMoved"/> and <see cref="LedgerFindingKind.LeafShifted"/>:
/// where the store now holds that leaf; else null.</param>
/// <param name="Detail">A sentence for people: what was expected and what was found (sizes, short hashes).</param>
public sealed record LedgerFinding(LedgerFindingKind Kind, long? LeafIndex, long? OtherLeafIndex, string Detail)
{
    /// <summary>The finding as one line: kind, leaf index and detail.</summary>
    /// <returns>E.g. <c>LeafEdited at leaf 7: …</c>.</returns>
    public override string ToString() =>
        LeafIndex is { } index ? $"{Kind} at leaf {index}: {Detail}" : $"{Kind}: {Detail}";
}

/// <summary>The outcome of a ledger check: valid, or the list of findings.</summary>
/// <param name="Findings">Every problem found, in the order checked; empty when valid.</param>
/// <param name="ComputedRoot">The root recomputed from the claimed leaves (first <c>TreeSize</c> of them, or all when fewer); for head-only checks the later head's root.</param>
/// <param name="VerifiedLeafCount">Leaves covered by the trusted tree head and checked (min of claimed count and head size).</param>
/// <param name="UnanchoredLeafCount">Claimed leaves beyond the trusted head's size: not yet covered by any signed head, so not verified.</param>
public sealed record LedgerVerification(IReadOnlyList<LedgerFinding> Findings, MerkleHash ComputedRoot, long VerifiedLeafCount, long UnanchoredLeafCount)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Findings.Count == 0;

    /// <summary>True when a finding of <paramref name="kind"/> exists (for <paramref name="leafIndex"/>, when given).</summary>
    /// <param name="kind">The kind looked for.</param>
    /// <param name="leafIndex">The leaf, or null for any.</param>
    /// <returns>Whether such a finding exists.</returns>
    public bool Has(LedgerFindingKind kind, long? leafIndex = null) =>
        Findings.Any(f => f.Kind == kind && (leafIndex is null || f.LeafIndex == leafIndex));
}
