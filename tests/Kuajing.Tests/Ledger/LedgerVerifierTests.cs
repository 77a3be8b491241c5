using System.Security.Cryptography;
using System.Text;
using Kuajing.Ledger;
using NodaTime;
using NodaTime.Testing;

namespace Kuajing.Tests.Ledger;

/// <summary>
/// Issue #3 point 5: a store's events are edited, deleted and reordered, and each tampering is detected against a
/// signed tree head (and, with the receipts issued at capture, located).
/// </summary>
public sealed class LedgerVerifierTests : IDisposable
{
    private const int EventCount = 50;

    private readonly FakeClock _clock = new(Instant.FromUtc(2025, 6, 1, 12, 0));
    private readonly TreeHeadSigner _signer = TreeHeadSigner.Create();
    private readonly TreeHeadVerifier _headVerifier;
    private readonly LedgerVerifier _verifier;
    private readonly MerkleHash[] _events;
    private readonly MerkleTree _log;
    private readonly SignedTreeHead _head;
    private readonly InclusionReceipt[] _receipts;

    public LedgerVerifierTests()
    {
        _headVerifier = _signer.CreateVerifier();
        _verifier = new LedgerVerifier(_headVerifier);
        _events = [.. Enumerable.Range(0, EventCount).Select(EventHash)];
        _log = new MerkleTree(new InMemoryTransparencyLogStore());
        foreach (var e in _events)
        {
            _log.Append(e);
        }

        _head = _signer.Sign(_log, _clock);
        _receipts = [.. Enumerable.Range(0, EventCount).Select(i => InclusionReceipt.Issue(_log, i, _events[i], EventCount))];
    }

    public void Dispose()
    {
        _signer.Dispose();
        _headVerifier.Dispose();
    }

    /// <summary>Stands in for an event's canonical hash.</summary>
    private static MerkleHash EventHash(int i) => new(SHA256.HashData(Encoding.UTF8.GetBytes($"event-{i}")));

    [Fact]
    public void VerifyLog_UntouchedStore_IsValid()
    {
        var result = _verifier.VerifyLog(_events, _head, _receipts);

        Assert.True(result.IsValid, string.Join("; ", result.Findings));
        Assert.Equal(EventCount, result.VerifiedLeafCount);
        Assert.Equal(_head.RootHash, result.ComputedRoot);
    }

    [Fact]
    public void VerifyLog_EventEdited_RootMismatchAndItsInclusionProofFails()
    {
        var claimed = _events.ToArray();
        claimed[7] = EventHash(1_000); // the stored event's content changed, so its canonical hash did

        var result = _verifier.VerifyLog(claimed, _head, _receipts);

        Assert.False(result.IsValid);
        Assert.True(result.Has(LedgerFindingKind.RootMismatch));
        Assert.True(result.Has(LedgerFindingKind.InclusionProofFailed, 7));
        Assert.True(result.Has(LedgerFindingKind.LeafEdited, 7));

        // Only leaf 7's receipt fails: the others still prove their (unchanged) events.
        Assert.Equal([7L], result.Findings.Where(f => f.Kind == LedgerFindingKind.InclusionProofFailed).Select(f => f.LeafIndex!.Value));
    }

    [Fact]
    public void VerifyLog_EventEditedNoReceipts_StillDetectedByRoot()
    {
        var claimed = _events.ToArray();
        claimed[EventCount - 1] = EventHash(1_000);

        var result = _verifier.VerifyLog(claimed, _head);

        Assert.False(result.IsValid);
        Assert.Equal(LedgerFindingKind.RootMismatch, Assert.Single(result.Findings).Kind);
    }

    [Fact]
    public void VerifyLog_EventDeleted_MissingLeavesAndWhichOne()
    {
        var claimed = _events.Where((_, i) => i != 12).ToArray();

        var result = _verifier.VerifyLog(claimed, _head, _receipts);

        Assert.True(result.Has(LedgerFindingKind.LeavesMissing));
        Assert.True(result.Has(LedgerFindingKind.LeafDeleted, 12));
        Assert.Single(result.Findings, f => f.Kind == LedgerFindingKind.LeafDeleted);

        // Every later event now sits one place lower.
        var shifted = result.Findings.Where(f => f.Kind == LedgerFindingKind.LeafShifted).ToList();
        Assert.Equal(Enumerable.Range(13, EventCount - 13).Select(i => (long)i), shifted.Select(f => f.LeafIndex!.Value));
        Assert.All(shifted, f => Assert.Equal(f.LeafIndex - 1, f.OtherLeafIndex));
        Assert.False(result.Has(LedgerFindingKind.InclusionProofFailed, 11)); // leaves before the gap are intact
    }

    [Fact]
    public void VerifyLog_EventDeletedAndReplacedByAppend_StillDetected()
    {
        // Hiding a deletion by appending another event keeps the count but not the root.
        var claimed = _events.Where((_, i) => i != 20).Append(EventHash(2_000)).ToArray();

        var result = _verifier.VerifyLog(claimed, _head);

        Assert.True(result.Has(LedgerFindingKind.RootMismatch));
    }

    [Fact]
    public void VerifyLog_TwoEventsReordered_RootMismatchAndBothMoved()
    {
        var claimed = _events.ToArray();
        (claimed[3], claimed[4]) = (claimed[4], claimed[3]);

        var result = _verifier.VerifyLog(claimed, _head, _receipts);

        Assert.True(result.Has(LedgerFindingKind.RootMismatch));
        var moved = result.Findings.Where(f => f.Kind == LedgerFindingKind.LeafMoved).ToList();
        Assert.Equal(2, moved.Count);
        Assert.Contains(moved, f => f.LeafIndex == 3 && f.OtherLeafIndex == 4);
        Assert.Contains(moved, f => f.LeafIndex == 4 && f.OtherLeafIndex == 3);
        Assert.False(result.Has(LedgerFindingKind.LeafEdited));
    }

    [Fact]
    public void VerifyLog_HeadWithTamperedRoot_SignatureInvalid()
    {
        // A store that rewrote an event and "re-signed" by patching the head's root cannot produce a valid signature.
        var claimed = _events.ToArray();
        claimed[0] = EventHash(1_000);
        var patched = new SignedTreeHead(_head.TreeSize, _head.Timestamp, MerkleTree.ComputeRoot([.. claimed.Select(MerkleTree.HashLeaf)]), _head.Signature, _head.KeyId);

        var result = _verifier.VerifyLog(claimed, patched);

        Assert.Equal(LedgerFindingKind.TreeHeadSignatureInvalid, Assert.Single(result.Findings).Kind);
    }

    [Fact]
    public void VerifyLog_HeadSignedByAnotherKey_SignatureInvalid()
    {
        using var rogue = TreeHeadSigner.Create();
        var result = _verifier.VerifyLog(_events, rogue.Sign(_log, _clock));

        Assert.True(result.Has(LedgerFindingKind.TreeHeadSignatureInvalid));
    }

    [Fact]
    public void VerifyLog_LeavesAfterTheHead_AreValidButUnanchored()
    {
        var claimed = _events.Append(EventHash(3_000)).Append(EventHash(3_001)).ToArray();

        var result = _verifier.VerifyLog(claimed, _head);

        Assert.True(result.IsValid);
        Assert.Equal(2, result.UnanchoredLeafCount);
        Assert.Equal(EventCount, result.VerifiedLeafCount);
    }

    [Fact]
    public void VerifyLog_ForgedReceipt_ReportedAsReceiptInvalid()
    {
        var claimed = _events.ToArray();
        claimed[5] = EventHash(1_000);
        var forged = _receipts[5] with { EventHash = EventHash(1_000) };

        var result = _verifier.VerifyLog(claimed, _head, [forged]);

        Assert.True(result.Has(LedgerFindingKind.RootMismatch));
        Assert.True(result.Has(LedgerFindingKind.ReceiptInvalid, 5));
    }

    [Fact]
    public void VerifyEvent_StoredEventWithItsReceipt_IsValid() =>
        Assert.True(_verifier.VerifyEvent(_events[9], _receipts[9], _head).IsValid);

    [Fact]
    public void VerifyEvent_EditedEvent_InclusionProofFails()
    {
        var result = _verifier.VerifyEvent(EventHash(1_000), _receipts[9], _head);

        Assert.True(result.Has(LedgerFindingKind.InclusionProofFailed, 9));
    }

    [Fact]
    public void VerifyConsistency_LogGrewHonestly_IsValid()
    {
        for (var i = EventCount; i < EventCount + 13; i++)
        {
            _log.Append(EventHash(i));
        }

        _clock.AdvanceMinutes(5);
        var later = _signer.Sign(_log, _clock);

        var result = _verifier.VerifyConsistency(_head, later, _log.ConsistencyProof(_head.TreeSize, later.TreeSize));

        Assert.True(result.IsValid, string.Join("; ", result.Findings));
    }

    [Fact]
    public void VerifyConsistency_LaterHeadOverRewrittenHistory_HeadsInconsistent()
    {
        // The log operator rewrites event 30, appends more and signs a new head with the real key.
        var forked = new MerkleTree(new InMemoryTransparencyLogStore());
        for (var i = 0; i < EventCount + 10; i++)
        {
            forked.Append(i == 30 ? EventHash(1_000) : EventHash(i));
        }

        _clock.AdvanceMinutes(5);
        var later = _signer.Sign(forked, _clock);

        var result = _verifier.VerifyConsistency(_head, later, forked.ConsistencyProof(_head.TreeSize, later.TreeSize));

        Assert.Equal(LedgerFindingKind.HeadsInconsistent, Assert.Single(result.Findings).Kind);
    }

    [Fact]
    public void VerifyConsistency_LaterHeadSmaller_TreeSizeDecreased()
    {
        var smaller = _signer.Sign(10, _log.RootHash(10), _clock.GetCurrentInstant());

        var result = _verifier.VerifyConsistency(_head, smaller, []);

        Assert.True(result.Has(LedgerFindingKind.TreeSizeDecreased));
    }

    [Fact]
    public void VerifyConsistency_LaterHeadBadSignature_SignatureInvalid()
    {
        var later = _head with { Signature = [.. _head.Signature.Reverse()] };

        var result = _verifier.VerifyConsistency(_head, later, []);

        Assert.True(result.Has(LedgerFindingKind.TreeHeadSignatureInvalid));
    }
}
