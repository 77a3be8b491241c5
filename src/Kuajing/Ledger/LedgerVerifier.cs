namespace Kuajing.Ledger;

/// <summary>
/// Audits a ledger the way a Certificate Transparency monitor audits a log (RFC 9162 §8.2): recomputes the Merkle root
/// from the events a store claims, compares it with a trusted signed tree head, checks heads against each other with
/// consistency proofs, and, given the inclusion receipts handed out at capture, says which event was edited, deleted
/// or moved. Expected failures are returned as <see cref="LedgerFinding"/>s, never thrown.
/// </summary>
/// <remarks>
/// Without receipts a tampered log is still detected (root mismatch or missing leaves), but a root alone cannot tell
/// which leaf changed; receipts (or a second, trusted copy of the leaves) are what localise it. Thread-safe.
/// </remarks>
/// <param name="headVerifier">The trusted log key.</param>
public sealed class LedgerVerifier(TreeHeadVerifier headVerifier)
{
    private readonly TreeHeadVerifier _headVerifier = headVerifier ?? throw new ArgumentNullException(nameof(headVerifier));

    /// <summary>
    /// Checks the events a store claims (their canonical hashes, in log order) against a trusted signed tree head.
    /// </summary>
    /// <param name="claimedEventHashes">Each stored event's canonical hash recomputed from its stored content, in log
    /// (leaf index) order: the leaf data, not leaf hashes.</param>
    /// <param name="trustedHead">A tree head obtained from the log earlier and kept apart from the store.</param>
    /// <param name="receipts">Inclusion receipts for that head (<see cref="InclusionReceipt.TreeSize"/> = its tree size);
    /// may be empty. Used only to localise a problem once one is found.</param>
    /// <returns>Valid, or the findings: <see cref="LedgerFindingKind.TreeHeadSignatureInvalid"/>,
    /// <see cref="LedgerFindingKind.LeavesMissing"/>, <see cref="LedgerFindingKind.RootMismatch"/>, and per receipt
    /// <see cref="LedgerFindingKind.InclusionProofFailed"/> followed by <see cref="LedgerFindingKind.LeafEdited"/>,
    /// <see cref="LedgerFindingKind.LeafDeleted"/>, <see cref="LedgerFindingKind.LeafMoved"/> or
    /// <see cref="LedgerFindingKind.LeafShifted"/>, or <see cref="LedgerFindingKind.ReceiptInvalid"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LedgerVerification VerifyLog(
        IReadOnlyList<MerkleHash> claimedEventHashes,
        SignedTreeHead trustedHead,
        IReadOnlyList<InclusionReceipt>? receipts = null)
    {
        ArgumentNullException.ThrowIfNull(claimedEventHashes);
        ArgumentNullException.ThrowIfNull(trustedHead);
        receipts ??= [];

        var findings = new List<LedgerFinding>();
        if (!_headVerifier.Verify(trustedHead))
        {
            findings.Add(SignatureFinding(trustedHead, "trusted"));
        }

        var size = trustedHead.TreeSize;
        var claimedCount = (long)claimedEventHashes.Count;
        var checkedCount = Math.Min(size, claimedCount);
        var leafHashes = new MerkleHash[checkedCount];
        for (var i = 0; i < checkedCount; i++)
        {
            leafHashes[i] = MerkleTree.HashLeaf(claimedEventHashes[i]);
        }

        var computedRoot = MerkleTree.ComputeRoot(leafHashes);
        var tampered = false;
        if (claimedCount < size)
        {
            tampered = true;
            findings.Add(new LedgerFinding(
                LedgerFindingKind.LeavesMissing,
                null,
                null,
                $"The trusted tree head covers {size} leaves but the store holds {claimedCount}: {size - claimedCount} deleted."));
        }
        else if (computedRoot != trustedHead.RootHash)
        {
            tampered = true;
            findings.Add(new LedgerFinding(
                LedgerFindingKind.RootMismatch,
                null,
                null,
                $"The root of the store's first {size} leaves is {computedRoot.ToShortString()}…, the trusted head's is {trustedHead.RootHash.ToShortString()}…: a stored event was changed, removed or moved."));
        }

        if (tampered || receipts.Count > 0)
        {
            CheckReceipts(claimedEventHashes, trustedHead, receipts, leafHashes, findings);
        }

        return new LedgerVerification(findings, computedRoot, checkedCount, Math.Max(0, claimedCount - size));
    }

    /// <summary>
    /// Checks one event against a trusted tree head with its receipt (RFC 9162 §2.1.3.2): the check behind verifying a
    /// single shipment's timeline without reading the whole log.
    /// </summary>
    /// <param name="eventHash">The event's canonical hash recomputed from its stored content.</param>
    /// <param name="receipt">The event's receipt; its <see cref="InclusionReceipt.TreeSize"/> must equal the head's.</param>
    /// <param name="trustedHead">The trusted tree head.</param>
    /// <returns>Valid, or <see cref="LedgerFindingKind.TreeHeadSignatureInvalid"/> /
    /// <see cref="LedgerFindingKind.InclusionProofFailed"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="receipt"/> or <paramref name="trustedHead"/> is null.</exception>
    public LedgerVerification VerifyEvent(MerkleHash eventHash, InclusionReceipt receipt, SignedTreeHead trustedHead)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(trustedHead);
        var findings = new List<LedgerFinding>();
        if (!_headVerifier.Verify(trustedHead))
        {
            findings.Add(SignatureFinding(trustedHead, "trusted"));
        }

        if (receipt.TreeSize != trustedHead.TreeSize
            || !MerkleTree.VerifyInclusion(MerkleTree.HashLeaf(eventHash), receipt.LeafIndex, trustedHead.TreeSize, receipt.AuditPath.AsSpan(), trustedHead.RootHash))
        {
            findings.Add(new LedgerFinding(
                LedgerFindingKind.InclusionProofFailed,
                receipt.LeafIndex,
                null,
                $"Event hash {eventHash.ToShortString()}… with the receipt's audit path ({receipt.AuditPath.Length} hashes, tree size {receipt.TreeSize}) does not give the trusted root {trustedHead.RootHash.ToShortString()}… of tree size {trustedHead.TreeSize}."));
        }

        return new LedgerVerification(findings, trustedHead.RootHash, findings.Count == 0 ? 1 : 0, 0);
    }

    /// <summary>
    /// Checks that a later tree head extends an earlier one (append-only; RFC 9162 §2.1.4.2 and §8.1.4): both
    /// signatures, sizes that do not shrink, and the consistency proof between the two roots.
    /// </summary>
    /// <param name="earlier">The earlier trusted head.</param>
    /// <param name="later">The later head.</param>
    /// <param name="consistencyProof">The log's <see cref="MerkleTree.ConsistencyProof"/> from the earlier size to the later.</param>
    /// <returns>Valid, or <see cref="LedgerFindingKind.TreeHeadSignatureInvalid"/>, <see cref="LedgerFindingKind.TreeSizeDecreased"/>
    /// or <see cref="LedgerFindingKind.HeadsInconsistent"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="earlier"/> or <paramref name="later"/> is null.</exception>
    public LedgerVerification VerifyConsistency(SignedTreeHead earlier, SignedTreeHead later, ReadOnlySpan<MerkleHash> consistencyProof)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var findings = new List<LedgerFinding>();
        if (!_headVerifier.Verify(earlier))
        {
            findings.Add(SignatureFinding(earlier, "earlier"));
        }

        if (!_headVerifier.Verify(later))
        {
            findings.Add(SignatureFinding(later, "later"));
        }

        if (later.TreeSize < earlier.TreeSize)
        {
            findings.Add(new LedgerFinding(
                LedgerFindingKind.TreeSizeDecreased,
                null,
                null,
                $"The later head covers {later.TreeSize} leaves, fewer than the earlier head's {earlier.TreeSize}."));
        }
        else if (!MerkleTree.VerifyConsistency(earlier.TreeSize, later.TreeSize, earlier.RootHash, later.RootHash, consistencyProof))
        {
            findings.Add(new LedgerFinding(
                LedgerFindingKind.HeadsInconsistent,
                null,
                null,
                $"The consistency proof ({consistencyProof.Length} hashes) does not show tree {earlier.TreeSize} (root {earlier.RootHash.ToShortString()}…) as a prefix of tree {later.TreeSize} (root {later.RootHash.ToShortString()}…)."));
        }

        return new LedgerVerification(findings, later.RootHash, 0, 0);
    }

    private static void CheckReceipts(
        IReadOnlyList<MerkleHash> claimed,
        SignedTreeHead head,
        IReadOnlyList<InclusionReceipt> receipts,
        MerkleHash[] claimedLeafHashes,
        List<LedgerFinding> findings)
    {
        Dictionary<MerkleHash, long>? positions = null;
        var size = head.TreeSize;
        var shortOfLeaves = claimed.Count < size;
        foreach (var receipt in receipts)
        {
            var i = receipt.LeafIndex;
            if (receipt.TreeSize != size
                || !MerkleTree.VerifyInclusion(MerkleTree.HashLeaf(receipt.EventHash), i, size, receipt.AuditPath.AsSpan(), head.RootHash))
            {
                findings.Add(new LedgerFinding(
                    LedgerFindingKind.ReceiptInvalid,
                    i,
                    null,
                    $"The receipt (tree size {receipt.TreeSize}, event {receipt.EventHash.ToShortString()}…) does not verify against the trusted head of tree size {size}; it cannot localise anything."));
                continue;
            }

            // The receipt is genuine: the trusted log holds receipt.EventHash at index i. Does the store?
            var storedLeaf = i < claimedLeafHashes.Length ? claimedLeafHashes[i] : (MerkleHash?)null;
            if (storedLeaf is { } leaf && MerkleTree.VerifyInclusion(leaf, i, size, receipt.AuditPath.AsSpan(), head.RootHash))
            {
                continue;
            }

            findings.Add(new LedgerFinding(
                LedgerFindingKind.InclusionProofFailed,
                i,
                null,
                storedLeaf is null
                    ? $"The store has no leaf {i}; the receipt proves event {receipt.EventHash.ToShortString()}… was there."
                    : $"The receipt's audit path with the stored event at leaf {i} ({claimed[(int)i].ToShortString()}…) does not give the trusted root; the receipt proves event {receipt.EventHash.ToShortString()}… was there."));

            positions ??= IndexPositions(claimed);
            if (positions.TryGetValue(receipt.EventHash, out var found))
            {
                var shifted = shortOfLeaves && found < i;
                findings.Add(new LedgerFinding(
                    shifted ? LedgerFindingKind.LeafShifted : LedgerFindingKind.LeafMoved,
                    i,
                    found,
                    shifted
                        ? $"Event {receipt.EventHash.ToShortString()}… of leaf {i} is stored at leaf {found}: an earlier leaf was deleted."
                        : $"Event {receipt.EventHash.ToShortString()}… of leaf {i} is stored at leaf {found}: leaves were reordered."));
            }
            else
            {
                findings.Add(new LedgerFinding(
                    shortOfLeaves ? LedgerFindingKind.LeafDeleted : LedgerFindingKind.LeafEdited,
                    i,
                    null,
                    shortOfLeaves
                        ? $"Event {receipt.EventHash.ToShortString()}… of leaf {i} is nowhere in the store, which is short of leaves: it was deleted."
                        : $"Event {receipt.EventHash.ToShortString()}… of leaf {i} is nowhere in the store; leaf {i} now holds {claimed[(int)i].ToShortString()}…: it was edited."));
            }
        }
    }

    private static Dictionary<MerkleHash, long> IndexPositions(IReadOnlyList<MerkleHash> claimed)
    {
        var positions = new Dictionary<MerkleHash, long>(claimed.Count);
        for (var j = 0; j < claimed.Count; j++)
        {
            positions.TryAdd(claimed[j], j);
        }

        return positions;
    }

    private static LedgerFinding SignatureFinding(SignedTreeHead head, string which) =>
        new(
            LedgerFindingKind.TreeHeadSignatureInvalid,
            null,
            null,
            $"The {which} tree head (size {head.TreeSize}, root {head.RootHash.ToShortString()}…, key {ShortKey(head.KeyId)}) is not validly signed by the trusted key.");

    private static string ShortKey(string keyId) => keyId.Length > 12 ? keyId[..12] + "…" : keyId;
}
