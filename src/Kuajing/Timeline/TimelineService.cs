using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Timeline;

/// <summary>A reason one event of a batch could not be captured.</summary>
/// <param name="EventIndex">0-based position in the batch.</param>
/// <param name="Source">Where the event was read.</param>
/// <param name="Reason">What is wrong and what was expected.</param>
public sealed record CaptureError(int EventIndex, string Source, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"events[{EventIndex}] ({Source}): {Reason}";
}

/// <summary>
/// The outcome of capturing a batch: either every new event was stored (and <see cref="Errors"/> is empty) or nothing was
/// (and <see cref="Errors"/> says, per event, why). Duplicates are not errors: they are counted and skipped.
/// </summary>
/// <param name="Stored">Events newly stored.</param>
/// <param name="Duplicates">Events already on a timeline (same event id, or same canonical hash), skipped.</param>
/// <param name="Errors">Per-event errors; non-empty means the batch was refused whole.</param>
/// <param name="Head">The signed tree head after the batch, or <see langword="null"/> when nothing was stored.</param>
public sealed record CaptureResult(int Stored, int Duplicates, IReadOnlyList<CaptureError> Errors, SignedTreeHead? Head)
{
    /// <summary>True when the batch was accepted.</summary>
    public bool Accepted => Errors.Count == 0;

    /// <summary>Exceptions raised and cleared in the capture transaction (<see cref="ShipmentExceptionMonitor"/>); <see langword="null"/> when the service has no monitor or nothing was stored.</summary>
    public ExceptionScanResult? Exceptions { get; init; }
}

/// <summary>The outcome of checking stored timelines against the ledger.</summary>
/// <param name="Findings">What is wrong; empty when everything verifies.</param>
/// <param name="Head">The tree head checked against (the newest stored one, or the one the caller trusts).</param>
/// <param name="EventsChecked">Events whose hashes were recomputed from their stored payload.</param>
public sealed record TimelineVerification(IReadOnlyList<string> Findings, SignedTreeHead? Head, long EventsChecked)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsValid => Findings.Count == 0;
}

/// <summary>
/// One timeline per shipment that nobody can quietly rewrite (issue #3): links carrier numbers to a shipment's Kuajing
/// number, captures events idempotently (by event id, else canonical hash) and in any arrival order (the timeline is
/// ordered by event time), appends each accepted event's canonical hash to an RFC 9162 Merkle log and signs a tree head
/// per batch, and verifies stored events against a signed tree head. One instance per store; not thread-safe.
/// </summary>
public sealed class TimelineService
{
    private readonly TimelineStore _store;
    private readonly TreeHeadSigner? _signer;
    private readonly CarrierNumberValidator _numbers;
    private readonly IClock _clock;
    private readonly ShipmentExceptionMonitor? _exceptions;
    // EF compiled queries are bound to one model, so each provider's store gets its own compilation of the same query.
    private static readonly System.Linq.Expressions.Expression<Func<TimelineStore, string[], IQueryable<TimelineEventRecord>>> TimelineQueryShape =
        (store, shipments) =>
            store.Events.Where(e => e.ShipmentNumber != null && shipments.Contains(e.ShipmentNumber))
                .Union(store.Events.Where(e => e.CarrierNumber != null
                    && store.NumberLinks.Any(l => l.CarrierNumber == e.CarrierNumber && shipments.Contains(l.ShipmentNumber))))
                .AsNoTracking()
                .OrderBy(e => e.EventTimeUtc).ThenBy(e => e.LedgerIndex);

    private static readonly Func<TimelineStore, string[], IAsyncEnumerable<TimelineEventRecord>> SqliteTimelineQuery = EF.CompileAsyncQuery(TimelineQueryShape);

    private static readonly Func<TimelineStore, string[], IAsyncEnumerable<TimelineEventRecord>> PostgresTimelineQuery = EF.CompileAsyncQuery(TimelineQueryShape);

    private MerkleTree? _tree;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The timeline store (SQLite or PostgreSQL).</param>
    /// <param name="signer">The ledger's signing key.</param>
    /// <param name="numbers">Carrier number rules.</param>
    /// <param name="clock">Clock for record and tree-head times.</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public TimelineService(TimelineStore store, TreeHeadSigner signer, CarrierNumberValidator numbers, IClock clock)
        : this(store, numbers, clock)
    {
        _signer = signer ?? throw new ArgumentNullException(nameof(signer));
    }

    /// <summary>
    /// Creates a service without a signing key, for reading (timelines, number lookups), linking and verifying: nothing
    /// is signed there. <see cref="CaptureAsync"/> on such a service throws.
    /// </summary>
    /// <param name="store">The timeline store (SQLite or PostgreSQL).</param>
    /// <param name="numbers">Carrier number rules.</param>
    /// <param name="clock">Clock for record times.</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public TimelineService(TimelineStore store, CarrierNumberValidator numbers, IClock clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _numbers = numbers ?? throw new ArgumentNullException(nameof(numbers));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Creates the service with an exception monitor: each capture also raises and clears the exceptions its events reveal, in its transaction.</summary>
    /// <param name="store">The timeline store (SQLite or PostgreSQL).</param>
    /// <param name="signer">The ledger's signing key.</param>
    /// <param name="numbers">Carrier number rules.</param>
    /// <param name="clock">Clock for record and tree-head times.</param>
    /// <param name="exceptions">The exception monitor (its plans, thresholds and clock).</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public TimelineService(TimelineStore store, TreeHeadSigner signer, CarrierNumberValidator numbers, IClock clock, ShipmentExceptionMonitor exceptions)
        : this(store, signer, numbers, clock)
    {
        _exceptions = exceptions ?? throw new ArgumentNullException(nameof(exceptions));
    }

    /// <summary>Links a carrier's number for one leg to a shipment, after checking it by its check-digit rules.</summary>
    /// <param name="shipment">The shipment's Kuajing S10 number.</param>
    /// <param name="legSequence">Leg, 1-based; 0 for the whole shipment.</param>
    /// <param name="kind">What the number is.</param>
    /// <param name="carrierNumber">The number as printed.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>The check: invalid numbers are not stored and say why.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="legSequence"/> is negative.</exception>
    public async Task<CarrierNumberCheck> LinkAsync(S10TrackingNumber shipment, int legSequence, CarrierNumberKind kind, string carrierNumber, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(legSequence);
        var check = _numbers.Check(kind, carrierNumber);
        if (!check.IsValid)
        {
            return check;
        }

        var number = shipment.ToString();
        if (!await _store.NumberLinks.AnyAsync(l => l.CarrierNumber == check.Key && l.ShipmentNumber == number, ct))
        {
            _store.NumberLinks.Add(new NumberLinkRecord { CarrierNumber = check.Key, Kind = kind.ToString(), ShipmentNumber = number, LegSequence = legSequence });
            await _store.SaveChangesAsync(ct);
        }

        return check;
    }

    /// <summary>
    /// Captures a batch: resolves each event to a shipment through its references (a Kuajing S10 number, or a carrier number
    /// linked with <see cref="LinkAsync"/>), skips duplicates, and stores the rest in one transaction together with the ledger
    /// append and a new signed tree head. Any unresolvable event refuses the whole batch with per-event errors. In the same
    /// transaction, every stored event with a canonical milestone (not Info or Other) is published as a webhook milestone
    /// notification to the matching subscriptions, into the durable outbox (<see cref="TimelineWebhookOutbox"/>; an event
    /// under a consolidation number notifies every linked shipment): an accepted event is never lost for webhooks.
    /// </summary>
    /// <param name="events">Parsed events in any order.</param>
    /// <param name="ct">Cancels the capture (nothing is stored).</param>
    /// <returns>What was stored, skipped or refused.</returns>
    /// <exception cref="InvalidOperationException">When the service was created without a signing key (the read-only constructor).</exception>
    public async Task<CaptureResult> CaptureAsync(IReadOnlyList<TrackingEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        var signer = _signer ?? throw new InvalidOperationException("this timeline service has no signing key: a capture appends to the ledger and signs a tree head");
        var keys = events.Select(Key).ToArray();
        var refKeys = events.SelectMany(e => e.References).Select(r => CarrierNumberValidator.KeyOf(r.Value)).Where(k => k.Length > 0).Distinct().ToArray();
        var links = (await _store.NumberLinks.AsNoTracking().Where(l => refKeys.Contains(l.CarrierNumber)).ToListAsync(ct))
            .GroupBy(l => l.CarrierNumber).ToDictionary(g => g.Key, g => g.Select(l => l.ShipmentNumber).ToArray(), StringComparer.Ordinal);
        var existing = (await _store.Events.AsNoTracking().Where(x => keys.Contains(x.EventKey)).Select(x => x.EventKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

        var errors = new List<CaptureError>();
        var accepted = new List<(TrackingEvent Event, string Key, string? Shipment, string? Carrier)>();
        var duplicates = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!existing.Add(keys[i]))
            {
                duplicates++;
                continue;
            }

            if (!TryResolve(e, links, out var shipment, out var carrier))
            {
                var numbers = string.Join(", ", e.References.Select(r => $"{r.Kind}={r.Value}").Take(5));
                errors.Add(new CaptureError(i, e.Source.ToString(), numbers.Length == 0
                    ? "the event names no shipment or carrier number"
                    : $"none of its numbers ({numbers}) is a Kuajing shipment number or linked to one (link it with 'kuajing link')"));
                continue;
            }

            accepted.Add((e, keys[i], shipment, carrier));
        }

        if (errors.Count > 0 || accepted.Count == 0)
        {
            Count(0, duplicates, errors.Count > 0 ? accepted.Count + errors.Count : 0);
            return new CaptureResult(0, duplicates, errors, null);
        }

        // Exceptions (issue #3 point 6): the plans of the shipments this batch touches are read before the transaction.
        var plans = _exceptions is null
            ? null
            : await _exceptions.PlansAsync([.. accepted.SelectMany(a => a.Shipment is { } s ? [s] : links[a.Carrier!]).Distinct(StringComparer.Ordinal)], ct);
        var tree = await TreeAsync(ct);
        var now = _clock.GetCurrentInstant();
        var first = tree.Size;
        var rows = new List<TimelineEventRecord>(accepted.Count);
        foreach (var (e, key, shipment, carrier) in accepted)
        {
            var payload = CanonicalPayload(e, key);
            rows.Add(new TimelineEventRecord
            {
                LedgerIndex = first + rows.Count,
                EventKey = key,
                ShipmentNumber = shipment,
                CarrierNumber = carrier,
                EventTimeUtc = e.EventTime.ToDateTimeUtc(),
                EventTimeOffsetMinutes = (int)(e.EventTimeOffset.Seconds / 60),
                RecordedAtUtc = now.ToDateTimeUtc(),
                Milestone = e.Milestone.ToString(),
                Location = e.Location.UnLocode ?? e.Location.Identifier ?? e.Location.Name ?? e.Location.City,
                SourceFormat = e.Source.Format.ToString(),
                SourceRef = Truncate(e.Source.Document + "#" + e.Source.Locator, 1000),
                Payload = payload,
                CanonicalHash = SHA256.HashData(Encoding.UTF8.GetBytes(payload)),
            });
        }

        await using var tx = await _store.Database.BeginTransactionAsync(ct);
        try
        {
            // Events go in through one prepared INSERT built from the EF model (no change tracking: a long ingest must
            // not slow down as tracked rows pile up); the tree head and outbox rows use the context as usual.
            // On PostgreSQL the rows go in by binary COPY in the same transaction (measured 3x faster than per-row inserts,
            // docs/benchmarks.md §6).
            if (_store.Database.IsNpgsql())
            {
                await Storage.PostgresCopyWriter<TimelineEventRecord>.WriteAsync(_store, rows, ct);
            }
            else
            {
                using var insert = new Storage.RowWriter<TimelineEventRecord>(_store);
                foreach (var r in rows)
                {
                    await insert.InsertAsync(r, ct);
                }
            }

            foreach (var r in rows)
            {
                tree.Append(new MerkleHash(r.CanonicalHash));
            }

            var head = signer.Sign(tree.Size, tree.RootHash(), now);
            _store.TreeHeads.Add(new TreeHeadRecord
            {
                TreeSize = head.TreeSize,
                SignedAtUtc = head.Timestamp.ToDateTimeUtc(),
                RootHash = head.RootHash.ToArray(),
                Signature = [.. head.Signature],
                KeyId = head.KeyId,
            });
            await _store.SaveChangesAsync(ct);

            // Webhooks (issue #3 point 7): milestone notifications enter the durable outbox in this same transaction.
            await WebhookCapturePublication.PublishAsync(
                _store,
                _clock,
                [.. accepted.Select(a => (a.Event, a.Key, (IReadOnlyList<string>)(a.Shipment is { } s ? [s] : links[a.Carrier!])))],
                ct);

            // Exceptions the stored events reveal or resolve, with their exception.* notifications: same transaction.
            var exceptions = plans is { Count: > 0 } ? await _exceptions!.ReconcileAsync(_store, plans, null, ShipmentExceptionMonitor.ByCapture, ct) : null;
            await tx.CommitAsync(ct);
            _store.ChangeTracker.Clear();
            Count(rows.Count, duplicates, 0);
            return new CaptureResult(rows.Count, duplicates, [], head) { Exceptions = exceptions };
        }
        catch
        {
            _tree = null; // the in-memory ledger may hold leaves the database refused: reload on next use
            _store.ChangeTracker.Clear();
            throw;
        }
    }

    // OpenTelemetry-compatible counter (Diagnostics.KuajingTelemetry): events offered, by outcome. A refused batch counts
    // every non-duplicate event as rejected, since none of them is stored.
    private static void Count(int stored, int duplicates, int rejected)
    {
        if (stored > 0)
        {
            Diagnostics.KuajingTelemetry.EventsCaptured.Add(stored, new KeyValuePair<string, object?>("outcome", "stored"));
        }

        if (duplicates > 0)
        {
            Diagnostics.KuajingTelemetry.EventsCaptured.Add(duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        }

        if (rejected > 0)
        {
            Diagnostics.KuajingTelemetry.EventsCaptured.Add(rejected, new KeyValuePair<string, object?>("outcome", "rejected"));
        }
    }

    /// <summary>The shipments a number stands for: a Kuajing number itself, or the shipments a carrier number is linked to.</summary>
    /// <param name="anyNumber">The Kuajing number or any linked carrier number (spaces, dashes and case ignored).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>Shipment numbers; empty when the number is neither.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="anyNumber"/> is <see langword="null"/>.</exception>
    public async Task<IReadOnlyList<string>> ShipmentsOfAsync(string anyNumber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(anyNumber);
        var key = CarrierNumberValidator.KeyOf(anyNumber);
        return S10TrackingNumber.TryParse(key, out var s10) && s10.ServiceIndicator == S10ServiceIndicator.KuajingConsolidated
            ? [s10.ToString()]
            : await _store.NumberLinks.AsNoTracking().Where(l => l.CarrierNumber == key).Select(l => l.ShipmentNumber).Distinct().ToListAsync(ct);
    }

    /// <summary>The timeline of the shipment a number belongs to: its events and those under its linked carrier numbers, by event time.</summary>
    /// <param name="anyNumber">The Kuajing number or any linked carrier number.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The shipment numbers the number resolves to, and their events ordered by event time then ledger index.</returns>
    public async Task<(IReadOnlyList<string> Shipments, IReadOnlyList<TimelineEventRecord> Events)> TimelineAsync(string anyNumber, CancellationToken ct)
    {
        var shipments = await ShipmentsOfAsync(anyNumber, ct);
        // One round trip: the shipments' own events UNION the events under any number linked to them. A UNION (not an
        // OR) lets both SQLite and PostgreSQL use the two (number, event time) indexes (docs/benchmarks.md §6.3).
        // Compiled once per process (and per model): the lookup is the hot read path of tracking pages.
        var events = new List<TimelineEventRecord>();
        var query = _store is PostgresTimelineStore ? PostgresTimelineQuery : SqliteTimelineQuery;
        await foreach (var e in query(_store, [.. shipments]).WithCancellation(ct))
        {
            events.Add(e);
        }

        return (shipments, events);
    }

    /// <summary>
    /// Verifies stored events against a signed tree head: recomputes every event's hash from its stored payload (an
    /// edited event no longer matches), rebuilds the Merkle root in ledger order (a deleted or reordered event changes
    /// it) and checks the head's signature; every stored head must also be consistent with the log.
    /// </summary>
    /// <param name="verifier">The ledger's public key.</param>
    /// <param name="trustedHead">A head the caller kept (e.g. published); <see langword="null"/> uses the newest stored head.</param>
    /// <param name="ct">Cancels the check.</param>
    /// <returns>The findings; empty when everything verifies.</returns>
    public async Task<TimelineVerification> VerifyAsync(TreeHeadVerifier verifier, SignedTreeHead? trustedHead, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var rows = await _store.Events.AsNoTracking().OrderBy(e => e.LedgerIndex).Select(e => new { e.LedgerIndex, e.Payload, e.CanonicalHash }).ToListAsync(ct);
        var findings = new List<string>();
        var hashes = new List<MerkleHash>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var recomputed = new MerkleHash(SHA256.HashData(Encoding.UTF8.GetBytes(rows[i].Payload)));
            if (recomputed != new MerkleHash(rows[i].CanonicalHash))
            {
                findings.Add($"LeafEdited at ledger index {rows[i].LedgerIndex}: the stored payload no longer hashes to the stored event hash");
            }

            if (rows[i].LedgerIndex != i)
            {
                findings.Add($"LedgerGap: position {i} holds ledger index {rows[i].LedgerIndex} (an event was deleted or re-numbered)");
            }

            hashes.Add(recomputed);
        }

        var heads = (await _store.TreeHeads.AsNoTracking().OrderBy(h => h.TreeSize).ToListAsync(ct)).Select(ToHead).ToList();
        var head = trustedHead ?? heads.LastOrDefault();
        if (head is null)
        {
            return new TimelineVerification(rows.Count == 0 ? [] : ["no signed tree head is stored: nothing to verify against"], null, rows.Count);
        }

        var ledger = new LedgerVerifier(verifier).VerifyLog(hashes, head);
        findings.AddRange(ledger.Findings.Select(f => f.ToString()));
        foreach (var h in heads)
        {
            if (h.TreeSize > hashes.Count)
            {
                findings.Add($"stored head of size {h.TreeSize} covers more events than are stored ({hashes.Count})");
                continue;
            }

            if (!verifier.Verify(h))
            {
                findings.Add($"stored head of size {h.TreeSize}: signature invalid");
            }
            else if (MerkleTree.ComputeRoot([.. hashes.Take((int)h.TreeSize).Select(x => MerkleTree.HashLeaf(x))]) != h.RootHash)
            {
                findings.Add($"stored head of size {h.TreeSize}: root does not match the stored events (changed after it was signed)");
            }
        }

        return new TimelineVerification(findings.Distinct().ToArray(), head, rows.Count);
    }

    /// <summary>
    /// Verifies one shipment's timeline: every event on it must be included, at its ledger position and with the hash of
    /// its stored payload, in the tree of a signed tree head (RFC 9162 inclusion proofs, §2.1.3). The head's signature is
    /// checked first.
    /// </summary>
    /// <param name="anyNumber">The Kuajing number or any linked carrier number.</param>
    /// <param name="verifier">The ledger's public key.</param>
    /// <param name="trustedHead">A head the caller kept; <see langword="null"/> uses the newest stored head.</param>
    /// <param name="ct">Cancels the check.</param>
    /// <returns>Findings per event that fails; empty when the whole timeline verifies.</returns>
    public async Task<TimelineVerification> VerifyShipmentAsync(string anyNumber, TreeHeadVerifier verifier, SignedTreeHead? trustedHead, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var (shipments, events) = await TimelineAsync(anyNumber, ct);
        if (shipments.Count == 0)
        {
            return new TimelineVerification([$"{anyNumber}: not a Kuajing number and not linked to a shipment"], null, 0);
        }

        var head = trustedHead ?? (await _store.TreeHeads.AsNoTracking().OrderByDescending(h => h.TreeSize).FirstOrDefaultAsync(ct) is { } r ? ToHead(r) : null);
        if (head is null)
        {
            return new TimelineVerification(events.Count == 0 ? [] : ["no signed tree head is stored: nothing to verify against"], null, 0);
        }

        var findings = new List<string>();
        if (!verifier.Verify(head))
        {
            findings.Add($"tree head of size {head.TreeSize}: signature invalid");
        }

        // The proofs are built from the log as stored (recomputed from payloads): any change to the log shows as a
        // failed proof against the signed root.
        var log = await _store.Events.AsNoTracking().OrderBy(e => e.LedgerIndex).Select(e => e.Payload).ToListAsync(ct);
        var tree = new MerkleTree(new InMemoryTransparencyLogStore());
        foreach (var payload in log)
        {
            tree.Append(new MerkleHash(SHA256.HashData(Encoding.UTF8.GetBytes(payload))));
        }

        foreach (var e in events)
        {
            var leaf = MerkleTree.HashLeaf(new MerkleHash(SHA256.HashData(Encoding.UTF8.GetBytes(e.Payload))));
            if (e.LedgerIndex >= head.TreeSize)
            {
                findings.Add($"event at ledger index {e.LedgerIndex} ({e.Milestone}) is newer than the tree head (size {head.TreeSize}): not yet anchored");
                continue;
            }

            if (head.TreeSize > tree.Size
                || !MerkleTree.VerifyInclusion(leaf, e.LedgerIndex, head.TreeSize, tree.InclusionProof(e.LedgerIndex, head.TreeSize), head.RootHash))
            {
                findings.Add($"InclusionProofFailed at ledger index {e.LedgerIndex} ({e.Milestone}, {e.EventTimeUtc:O}): not in the signed tree as stored");
            }
        }

        return new TimelineVerification(findings, head, events.Count);
    }

    /// <summary>The canonical JSON of an event (the ledger leaf pre-image): fixed field order, UTC times, sorted references.</summary>
    /// <param name="e">The event.</param>
    /// <param name="key">Its de-duplication key.</param>
    /// <returns>Compact JSON text.</returns>
    public static string CanonicalPayload(TrackingEvent e, string key)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("key", key);
            w.WriteString("contentHash", e.ContentHash);
            w.WriteString("type", e.Type.ToString());
            w.WriteString("eventTime", InstantPattern.ExtendedIso.Format(e.EventTime));
            w.WriteString("offset", OffsetPattern.GeneralInvariant.Format(e.EventTimeOffset));
            w.WriteString("classifier", e.Classifier.ToString());
            w.WriteString("milestone", e.Milestone.ToString());
            w.WriteStartObject("location");
            WriteOptional(w, "unLocode", e.Location.UnLocode);
            WriteOptional(w, "identifier", e.Location.Identifier);
            WriteOptional(w, "name", e.Location.Name);
            WriteOptional(w, "city", e.Location.City);
            WriteOptional(w, "country", e.Location.Country);
            w.WriteEndObject();
            w.WriteStartArray("references");
            foreach (var r in e.References.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Value, StringComparer.Ordinal))
            {
                w.WriteStartArray();
                w.WriteStringValue(r.Kind);
                w.WriteStringValue(r.Value);
                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteString("sourceFormat", e.Source.Format.ToString());
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static string Key(TrackingEvent e) => e.EventId is { Length: > 0 } id ? Truncate("id:" + id, 300) : Truncate("hash:" + e.ContentHash, 300);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static bool TryResolve(TrackingEvent e, Dictionary<string, string[]> links, out string? shipment, out string? carrier)
    {
        shipment = null;
        carrier = null;
        foreach (var r in e.References)
        {
            var key = CarrierNumberValidator.KeyOf(r.Value);
            if (S10TrackingNumber.TryParse(key, out var s10) && s10.ServiceIndicator == S10ServiceIndicator.KuajingConsolidated)
            {
                shipment = s10.ToString();
                return true;
            }

            if (links.TryGetValue(key, out var shipments))
            {
                carrier = key;
                shipment = shipments.Length == 1 ? shipments[0] : null;
                return true;
            }
        }

        return false;
    }

    private static SignedTreeHead ToHead(TreeHeadRecord r) =>
        new(r.TreeSize, Instant.FromDateTimeUtc(DateTime.SpecifyKind(r.SignedAtUtc, DateTimeKind.Utc)), new MerkleHash(r.RootHash), [.. r.Signature], r.KeyId);

    private async Task<MerkleTree> TreeAsync(CancellationToken ct)
    {
        if (_tree is not null)
        {
            return _tree;
        }

        var leaves = await _store.Events.AsNoTracking().OrderBy(e => e.LedgerIndex).Select(e => e.CanonicalHash).ToListAsync(ct);
        var tree = new MerkleTree(new InMemoryTransparencyLogStore());
        foreach (var leaf in leaves)
        {
            tree.Append(new MerkleHash(leaf));
        }

        _tree = tree;
        return tree;
    }
}
