using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Kuajing.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Web.Api;

/// <summary>
/// The server's side of the tamper-evident ledger (docs/ledger.md): the signing key, kept beside the database exactly as
/// <c>kuajing ingest</c> keeps it (<c>DB.ledger-key.pem</c> for SQLite, <c>kuajing-ledger-key.pem</c> in the working
/// directory for PostgreSQL, or the path in <see cref="KeyPathKey"/>), created on the first capture; one capture at a
/// time per process (ledger indices are consecutive); and an in-memory Merkle tree over the stored leaves, extended
/// incrementally, for inclusion and consistency proofs. Thread-safe.
/// </summary>
internal sealed class TimelineLedger : IDisposable
{
    /// <summary>Configuration key of the ledger key file (PEM, ECDSA P-256), overriding the CLI's default beside the database.</summary>
    public const string KeyPathKey = "Kuajing:LedgerKey";

    private static readonly Lazy<CarrierNumberValidator> Numbers = new(CarrierNumberValidator.LoadBundled);

    private readonly KuajingDatabase _database;
    private readonly IClock _clock;
    private readonly SemaphoreSlim _capture = new(1, 1);
    private readonly SemaphoreSlim _proofs = new(1, 1);
    private readonly Lock _keyLock = new();
    private TreeHeadSigner? _signer;
    private string? _publicKeyPem;

    // The capture side: one long-lived service (its Merkle tree stays in memory between batches) and its contexts.
    private TimelineStore? _captureStore;
    private Kuajing.Storage.PlanStore? _capturePlans;
    private TimelineService? _service;
    private long _capturedSize = -1;

    // The proof side: the stored leaves' tree, extended as the log grows.
    private MerkleTree _tree = new(new InMemoryTransparencyLogStore());

    public TimelineLedger(KuajingDatabase database, IConfiguration configuration, IClock clock)
    {
        _database = database;
        _clock = clock;
        KeyPath = configuration[KeyPathKey] is { Length: > 0 } configured
            ? configured
            : LedgerKeyFile.DefaultPath(database.SqlitePath);
    }

    /// <summary>Where the private key lives (its public half beside it, <c>.pub.pem</c>).</summary>
    public string KeyPath { get; }

    /// <summary>The public key (SubjectPublicKeyInfo PEM) and its key id, or <see langword="null"/> when the server has never captured (no key yet).</summary>
    public (string Pem, string KeyId)? PublicKey()
    {
        var signer = LoadSigner(create: false);
        return signer is null ? null : (_publicKeyPem!, signer.KeyId);
    }

    /// <summary>
    /// Captures one batch through <see cref="TimelineService.CaptureAsync"/> (all or nothing, duplicates skipped, exceptions
    /// raised in the same transaction), one batch at a time. The key is created on the first capture.
    /// </summary>
    public async Task<CaptureResult> CaptureAsync(IReadOnlyList<TrackingEvent> events, CancellationToken ct)
    {
        await _capture.WaitAsync(ct);
        try
        {
            var signer = LoadSigner(create: true)!;
            if (_service is not null)
            {
                // Another writer (the CLI's 'kuajing ingest' on the same database) may have appended since our last batch:
                // the service's in-memory tree would then be stale, so rebuild it.
                var stored = await _captureStore!.TreeHeads.AsNoTracking().Select(h => (long?)h.TreeSize).MaxAsync(ct) ?? 0;
                if (stored != _capturedSize)
                {
                    await ResetCaptureAsync();
                }
            }

            if (_service is null)
            {
                _captureStore = _database.OpenTimelineStore();
                _capturePlans = _database.OpenPlanStore();
                var monitor = new ShipmentExceptionMonitor(
                    new PlanStoreShipmentPlans(_capturePlans), Kuajing.Tracking.Eta.EtaThresholds.LoadBundled(), _clock, Kuajing.Tracking.Eta.DelayProfile.LoadBundled());
                _service = new TimelineService(_captureStore, signer, Numbers.Value, _clock, monitor);
                _capturedSize = await _captureStore.TreeHeads.AsNoTracking().Select(h => (long?)h.TreeSize).MaxAsync(ct) ?? 0;
            }

            try
            {
                var result = await _service.CaptureAsync(events, ct);
                if (result.Head is { } head)
                {
                    _capturedSize = head.TreeSize;
                }

                return result;
            }
            catch
            {
                await ResetCaptureAsync();
                throw;
            }
        }
        finally
        {
            _capture.Release();
        }
    }

    /// <summary>The shipments a number stands for (a Kuajing number itself, or the shipments a carrier number is linked to).</summary>
    public async Task<IReadOnlyList<string>> ShipmentsOfAsync(TimelineStore store, string number, CancellationToken ct)
    {
        var reader = new TimelineService(store, Numbers.Value, _clock);
        return await reader.ShipmentsOfAsync(number, ct);
    }

    /// <summary>The newest stored signed tree head, or <see langword="null"/> when none is stored.</summary>
    public async Task<SignedTreeHead?> LatestHeadAsync(CancellationToken ct)
    {
        await using var store = _database.OpenTimelineStore();
        var row = await store.TreeHeads.AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct);
        return row is null ? null : ToHead(row);
    }

    /// <summary>The stored signed tree head of exactly <paramref name="treeSize"/> leaves, or <see langword="null"/>.</summary>
    public async Task<SignedTreeHead?> HeadAsync(long treeSize, CancellationToken ct)
    {
        await using var store = _database.OpenTimelineStore();
        var row = await store.TreeHeads.AsNoTracking().FirstOrDefaultAsync(h => h.TreeSize == treeSize, ct);
        return row is null ? null : ToHead(row);
    }

    /// <summary>
    /// Finds a stored event by its source event id or its de-duplication key (<c>id:…</c> / <c>hash:…</c>, e.g. the GS1
    /// EPCIS Event Hash ID) and returns its ledger index and canonical hash (the leaf data), or <see langword="null"/>.
    /// </summary>
    public async Task<(long LedgerIndex, MerkleHash EventHash)?> FindEventAsync(string eventRef, CancellationToken ct)
    {
        string[] keys = eventRef.StartsWith("id:", StringComparison.Ordinal) || eventRef.StartsWith("hash:", StringComparison.Ordinal)
            ? [eventRef]
            : ["id:" + eventRef, "hash:" + eventRef];
        await using var store = _database.OpenTimelineStore();
        var row = await store.Events.AsNoTracking().Where(e => keys.Contains(e.EventKey)).Select(e => new { e.LedgerIndex, e.CanonicalHash }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.LedgerIndex, new MerkleHash(row.CanonicalHash));
    }

    /// <summary>The RFC 9162 §2.1.3.1 inclusion proof of leaf <paramref name="index"/> in the tree of <paramref name="treeSize"/> leaves, as stored.</summary>
    /// <returns>The audit path, or <see langword="null"/> when fewer than <paramref name="treeSize"/> leaves are stored.</returns>
    public async Task<MerkleHash[]?> InclusionProofAsync(long index, long treeSize, CancellationToken ct)
    {
        await _proofs.WaitAsync(ct);
        try
        {
            await ExtendAsync(ct);
            return treeSize > _tree.Size ? null : _tree.InclusionProof(index, treeSize);
        }
        finally
        {
            _proofs.Release();
        }
    }

    /// <summary>The RFC 9162 §2.1.4.1 consistency proof between two tree sizes, as stored.</summary>
    /// <returns>The proof, or <see langword="null"/> when fewer than <paramref name="newSize"/> leaves are stored.</returns>
    public async Task<MerkleHash[]?> ConsistencyProofAsync(long oldSize, long newSize, CancellationToken ct)
    {
        await _proofs.WaitAsync(ct);
        try
        {
            await ExtendAsync(ct);
            return newSize > _tree.Size ? null : _tree.ConsistencyProof(oldSize, newSize);
        }
        finally
        {
            _proofs.Release();
        }
    }

    public void Dispose()
    {
        _service = null;
        _captureStore?.Dispose();
        _capturePlans?.Dispose();
        _signer?.Dispose();
        _capture.Dispose();
        _proofs.Dispose();
    }

    internal static SignedTreeHead ToHead(TreeHeadRecord r) =>
        new(r.TreeSize, Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.SignedAtUtc, DateTimeKind.Utc)), new MerkleHash(r.RootHash), [.. r.Signature], r.KeyId);

    private async Task ExtendAsync(CancellationToken ct)
    {
        await using var store = _database.OpenTimelineStore();
        var from = _tree.Size;
        var leaves = await store.Events.AsNoTracking().Where(e => e.LedgerIndex >= from).OrderBy(e => e.LedgerIndex)
            .Select(e => new { e.LedgerIndex, e.CanonicalHash }).ToListAsync(ct);
        foreach (var leaf in leaves)
        {
            if (leaf.LedgerIndex != _tree.Size)
            {
                // A gap: the log was changed under us (deleted or renumbered rows). Rebuild from scratch next time, and
                // serve what is stored so far; verifiers will see the proofs fail against the signed heads.
                _tree = new MerkleTree(new InMemoryTransparencyLogStore());
                return;
            }

            _tree.Append(new MerkleHash(leaf.CanonicalHash));
        }
    }

    private async Task ResetCaptureAsync()
    {
        _service = null;
        _capturedSize = -1;
        if (_captureStore is not null)
        {
            await _captureStore.DisposeAsync();
            _captureStore = null;
        }

        if (_capturePlans is not null)
        {
            await _capturePlans.DisposeAsync();
            _capturePlans = null;
        }
    }

    private TreeHeadSigner? LoadSigner(bool create)
    {
        lock (_keyLock)
        {
            if (_signer is not null)
            {
                return _signer;
            }

            // As 'kuajing ingest' does (LedgerKeyFile): the private key owner-only, its public half beside it for verifiers.
            _signer = LedgerKeyFile.LoadOrCreate(KeyPath, create);
            if (_signer is null)
            {
                return null;
            }

            _publicKeyPem = _signer.ExportPublicKeyPem();
            return _signer;
        }
    }
}
