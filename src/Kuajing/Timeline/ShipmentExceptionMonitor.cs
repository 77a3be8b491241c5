using Kuajing.Storage;
using Kuajing.Tracking.Eta;
using Kuajing.Webhooks;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Timeline;

/// <summary>Where the exception monitor finds a shipment's plan (legs, planned and promised times).</summary>
public interface IShipmentPlanSource
{
    /// <summary>The plans of those shipments that have one.</summary>
    /// <param name="shipmentNumbers">Kuajing S10 numbers.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>Plans by shipment number; shipments without a plan (or without legs) are absent.</returns>
    Task<IReadOnlyDictionary<string, EtaShipmentPlan>> FindAsync(IReadOnlyCollection<string> shipmentNumbers, CancellationToken ct);
}

/// <summary>Plans read from the <see cref="PlanStore"/> (<c>kuajing plan</c>'s shipments and legs) through <see cref="EtaShipmentPlan.FromRecord"/>.</summary>
/// <param name="plans">An open plan store; the caller owns and disposes it. Not thread-safe.</param>
public sealed class PlanStoreShipmentPlans(PlanStore plans) : IShipmentPlanSource
{
    private readonly PlanStore _plans = plans ?? throw new ArgumentNullException(nameof(plans));

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">When <paramref name="shipmentNumbers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When a stored leg's mode is not a transport mode name, or its legs are not numbered 1..n (names the shipment).</exception>
    public async Task<IReadOnlyDictionary<string, EtaShipmentPlan>> FindAsync(IReadOnlyCollection<string> shipmentNumbers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shipmentNumbers);
        var result = new Dictionary<string, EtaShipmentPlan>(StringComparer.Ordinal);
        foreach (var chunk in shipmentNumbers.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var rows = await _plans.Shipments.AsNoTracking().Include(s => s.Legs).Where(s => chunk.Contains(s.TrackingNumber)).ToListAsync(ct);
            foreach (var row in rows.Where(r => r.Legs.Count > 0))
            {
                result[row.TrackingNumber] = EtaShipmentPlan.FromRecord(row);
            }
        }

        return result;
    }
}

/// <summary>Fixed plans held in memory (tests, or a host that already has its plans loaded).</summary>
/// <param name="plans">Plans by shipment number.</param>
public sealed class InMemoryShipmentPlans(IReadOnlyDictionary<string, EtaShipmentPlan> plans) : IShipmentPlanSource
{
    private readonly IReadOnlyDictionary<string, EtaShipmentPlan> _plans = plans ?? throw new ArgumentNullException(nameof(plans));

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException">When <paramref name="shipmentNumbers"/> is <see langword="null"/>.</exception>
    public Task<IReadOnlyDictionary<string, EtaShipmentPlan>> FindAsync(IReadOnlyCollection<string> shipmentNumbers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(shipmentNumbers);
        IReadOnlyDictionary<string, EtaShipmentPlan> found = shipmentNumbers.Where(_plans.ContainsKey).Distinct(StringComparer.Ordinal)
            .ToDictionary(s => s, s => _plans[s], StringComparer.Ordinal);
        return Task.FromResult(found);
    }
}

/// <summary>What one reconciliation (a capture or a scan) changed.</summary>
/// <param name="ShipmentsEvaluated">Shipments with a plan and at least one milestone, evaluated.</param>
/// <param name="Raised">Exceptions newly stored (some already cleared, when the events show both).</param>
/// <param name="Cleared">Exceptions newly cleared (including those stored already cleared).</param>
/// <param name="Deliveries">Webhook deliveries enqueued in the outbox.</param>
public sealed record ExceptionScanResult(int ShipmentsEvaluated, int Raised, int Cleared, int Deliveries);

/// <summary>
/// Keeps the stored exceptions (<see cref="ShipmentExceptionRecord"/>, table <c>shipment_exceptions</c>) in step with the
/// timelines (issue #3 points 6 and 7). The rules are <see cref="TrackingExceptionRules"/>; this class makes them
/// durable: each finding is stored once under its stable id (a re-capture or re-scan never raises a duplicate), an open
/// exception is cleared once when the rules show it resolved, and a stored exception is never re-opened or re-dated.
/// Every raise and clear enqueues <c>exception.raised</c> / <c>exception.cleared</c> webhook notifications in the same
/// transaction as the row.
/// <list type="bullet">
/// <item>On capture (<see cref="TimelineService.CaptureAsync"/>), for the shipments the batch touches, the rules are evaluated as of
/// the latest milestone on each timeline: what the events themselves reveal (a customs hold, an arrival after the onward
/// cut-off, a departure or delivery after its limit) is raised, and what they resolve is cleared, in the capture transaction.</item>
/// <item>The scan (<see cref="ScanAsync"/>, <c>kuajing exceptions scan</c>) evaluates every tracked shipment as of a given instant:
/// it adds what the passage of time reveals (no departure by the end of the usual dwell, no delivery by the deadline).</item>
/// </list>
/// Only shipments with a plan (<see cref="IShipmentPlanSource"/>) and at least one milestone are evaluated. One instance
/// per store; not thread-safe.
/// </summary>
public sealed class ShipmentExceptionMonitor
{
    private const int ScanChunk = 200;
    private readonly IShipmentPlanSource _plans;
    private readonly TrackingExceptionRules _rules;
    private readonly EtaPredictor? _predictor;
    private readonly IClock _clock;

    /// <summary>Creates the monitor.</summary>
    /// <param name="plans">Where plans come from.</param>
    /// <param name="thresholds">Exception thresholds (<see cref="EtaThresholds.LoadBundled"/>).</param>
    /// <param name="clock">Stamps detection times and webhook publication times.</param>
    /// <param name="profile">Calibrated delays, for the predicted delivery of a plan that has no promised delivery; <see langword="null"/> uses the planned delivery then.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="plans"/>, <paramref name="thresholds"/> or <paramref name="clock"/> is <see langword="null"/>.</exception>
    public ShipmentExceptionMonitor(IShipmentPlanSource plans, EtaThresholds thresholds, IClock clock, DelayProfile? profile = null)
    {
        _plans = plans ?? throw new ArgumentNullException(nameof(plans));
        _rules = new TrackingExceptionRules(thresholds ?? throw new ArgumentNullException(nameof(thresholds)));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _predictor = profile is null ? null : new EtaPredictor(profile, thresholds);
    }

    /// <summary>Who raised an exception: the capture transaction.</summary>
    internal const string ByCapture = "capture";

    /// <summary>Who raised an exception: the scan.</summary>
    internal const string ByScan = "scan";

    /// <summary>
    /// Evaluates every tracked shipment (one with an event under its own number or under a linked carrier number, and a
    /// plan) as of <paramref name="at"/>, stores new exceptions, clears resolved ones and enqueues their webhook
    /// notifications, one transaction per 200 shipments. Idempotent: a second scan at the same or a later instant
    /// raises nothing already stored. Safe to run from cron.
    /// </summary>
    /// <param name="store">The timeline store.</param>
    /// <param name="at">The evaluation instant (events after it are ignored).</param>
    /// <param name="ct">Cancels the scan; committed chunks stay committed.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="store"/> is <see langword="null"/>.</exception>
    /// <exception cref="KeyNotFoundException">When a needed threshold has no row in force (data/eta/exception-thresholds.csv).</exception>
    public async Task<ExceptionScanResult> ScanAsync(TimelineStore store, Instant at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var own = await store.Events.AsNoTracking().Where(e => e.ShipmentNumber != null).Select(e => e.ShipmentNumber!).Distinct().ToListAsync(ct);
        var linked = await store.NumberLinks.AsNoTracking()
            .Where(l => store.Events.Any(e => e.CarrierNumber == l.CarrierNumber))
            .Select(l => l.ShipmentNumber).Distinct().ToListAsync(ct);
        var shipments = own.Concat(linked).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var total = new ExceptionScanResult(0, 0, 0, 0);
        foreach (var chunk in shipments.Chunk(ScanChunk))
        {
            var plans = await _plans.FindAsync(chunk, ct);
            if (plans.Count == 0)
            {
                continue;
            }

            await using var tx = await store.Database.BeginTransactionAsync(ct);
            try
            {
                var r = await ReconcileAsync(store, plans, at, ByScan, ct);
                await tx.CommitAsync(ct);
                total = new ExceptionScanResult(total.ShipmentsEvaluated + r.ShipmentsEvaluated, total.Raised + r.Raised, total.Cleared + r.Cleared, total.Deliveries + r.Deliveries);
            }
            finally
            {
                store.ChangeTracker.Clear();
            }
        }

        return total;
    }

    /// <summary>The stored exceptions, newest raised first.</summary>
    /// <param name="store">The timeline store.</param>
    /// <param name="shipments">Only these shipments (Kuajing numbers); <see langword="null"/> for all.</param>
    /// <param name="openOnly">Only open ones.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="store"/> is <see langword="null"/>.</exception>
    public static async Task<IReadOnlyList<ShipmentExceptionRecord>> ListAsync(TimelineStore store, IReadOnlyCollection<string>? shipments, bool openOnly, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var query = store.Exceptions.AsNoTracking();
        if (shipments is not null)
        {
            var numbers = shipments.ToArray();
            query = query.Where(x => numbers.Contains(x.ShipmentNumber));
        }

        if (openOnly)
        {
            query = query.Where(x => x.Status == ShipmentExceptionRecord.Open);
        }

        return await query.OrderByDescending(x => x.RaisedAtUtc).ThenBy(x => x.ExceptionId).ToListAsync(ct);
    }

    /// <summary>The plans of the given shipments (read before the capture transaction opens).</summary>
    internal Task<IReadOnlyDictionary<string, EtaShipmentPlan>> PlansAsync(IReadOnlyCollection<string> shipments, CancellationToken ct) =>
        _plans.FindAsync(shipments, ct);

    /// <summary>
    /// Evaluates the planned shipments inside the caller's open transaction and stores the changes with their webhook
    /// notifications. <paramref name="asOf"/> <see langword="null"/> evaluates each shipment as of its latest milestone (capture).
    /// </summary>
    /// <remarks>
    /// A capture and a scan (or two captures) may race to raise the same exception: the second insert then hits the unique
    /// exception id. Inside a transaction the work runs after a savepoint; on that unique violation it rolls back to the
    /// savepoint and evaluates once more, now seeing the other writer's committed row, so the capture still succeeds and
    /// nothing is raised twice.
    /// </remarks>
    internal async Task<ExceptionScanResult> ReconcileAsync(TimelineStore store, IReadOnlyDictionary<string, EtaShipmentPlan> plans, Instant? asOf, string raisedBy, CancellationToken ct)
    {
        var tx = store.Database.CurrentTransaction;
        if (plans.Count == 0 || tx is null || !tx.SupportsSavepoints)
        {
            return await ReconcileOnceAsync(store, plans, asOf, raisedBy, ct);
        }

        const string savepoint = "kuajing_exceptions";
        var tracked = store.ChangeTracker.Entries().Select(e => e.Entity).ToHashSet(ReferenceEqualityComparer.Instance);
        await tx.CreateSavepointAsync(savepoint, ct);
        try
        {
            return await ReconcileOnceAsync(store, plans, asOf, raisedBy, ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            await tx.RollbackToSavepointAsync(savepoint, ct);
            foreach (var entry in store.ChangeTracker.Entries().ToList())
            {
                if (entry.Entity is ShipmentExceptionRecord || !tracked.Contains(entry.Entity))
                {
                    entry.State = EntityState.Detached;
                }
            }

            return await ReconcileOnceAsync(store, plans, asOf, raisedBy, ct);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555, // SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY
        _ => false,
    };

    private async Task<ExceptionScanResult> ReconcileOnceAsync(TimelineStore store, IReadOnlyDictionary<string, EtaShipmentPlan> plans, Instant? asOf, string raisedBy, CancellationToken ct)
    {
        if (plans.Count == 0)
        {
            return new ExceptionScanResult(0, 0, 0, 0);
        }

        var numbers = plans.Keys.ToArray();
        var links = await store.NumberLinks.AsNoTracking().Where(l => numbers.Contains(l.ShipmentNumber)).ToListAsync(ct);
        var byCarrier = links.GroupBy(l => l.CarrierNumber).ToDictionary(g => g.Key, g => g.Select(l => l.ShipmentNumber).ToArray(), StringComparer.Ordinal);
        var carriers = byCarrier.Keys.ToArray();
        var events = await store.Events.AsNoTracking().Where(e => e.ShipmentNumber != null && numbers.Contains(e.ShipmentNumber)).ToListAsync(ct);
        if (carriers.Length > 0)
        {
            events.AddRange(await store.Events.AsNoTracking().Where(e => e.ShipmentNumber == null && e.CarrierNumber != null && carriers.Contains(e.CarrierNumber)).ToListAsync(ct));
        }

        var timelines = new Dictionary<string, List<TimelineEventRecord>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            IEnumerable<string> owners = e.ShipmentNumber is { } s ? [s] : byCarrier.GetValueOrDefault(e.CarrierNumber!, []);
            foreach (var owner in owners)
            {
                if (plans.ContainsKey(owner))
                {
                    (timelines.TryGetValue(owner, out var list) ? list : timelines[owner] = []).Add(e);
                }
            }
        }

        var existing = await store.Exceptions.Where(x => numbers.Contains(x.ShipmentNumber)).ToDictionaryAsync(x => x.ExceptionId, StringComparer.Ordinal, ct);
        var now = _clock.GetCurrentInstant().ToDateTimeUtc();
        var notifications = new List<(string, Func<string, WebhookNotification>)>();
        int evaluated = 0, raised = 0, cleared = 0;
        foreach (var (shipment, timeline) in timelines.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var plan = plans[shipment];
            var observations = ShipmentEta.Observe(plan, timeline.OrderBy(e => e.EventTimeUtc).ThenBy(e => e.LedgerIndex));
            if (observations.Count == 0)
            {
                continue;
            }

            evaluated++;
            var evaluateAt = asOf ?? observations.Max(o => o.At);
            Instant? predicted = plan.PromisedDelivery is null && _predictor is not null ? _predictor.Predict(plan, observations.Where(o => o.At <= evaluateAt).ToArray()).Expected : null;
            foreach (var finding in _rules.Evaluate(plan, observations, evaluateAt, predicted))
            {
                var id = ExceptionId(shipment, finding);
                if (!existing.TryGetValue(id, out var row))
                {
                    row = ToRecord(id, shipment, finding, raisedBy, now);
                    store.Exceptions.Add(row);
                    existing.Add(id, row);
                    raised++;
                    notifications.Add(Notify(row, WebhookExceptionTransition.Raised));
                    if (row.Status == ShipmentExceptionRecord.Cleared)
                    {
                        cleared++;
                        notifications.Add(Notify(row, WebhookExceptionTransition.Cleared));
                    }
                }
                else if (row.Status == ShipmentExceptionRecord.Open && finding.ClearedAt is { } clearedAt)
                {
                    row.Status = ShipmentExceptionRecord.Cleared;
                    row.ClearedAtUtc = clearedAt.ToDateTimeUtc();
                    row.ClearingEventKey = finding.ClearingEventId;
                    row.ClearDetectedAtUtc = now;
                    cleared++;
                    notifications.Add(Notify(row, WebhookExceptionTransition.Cleared));
                }
            }
        }

        await store.SaveChangesAsync(ct);
        var deliveries = await WebhookCapturePublication.PublishAsync(store, _clock, notifications, ct);
        return new ExceptionScanResult(evaluated, raised, cleared, deliveries);
    }

    /// <summary>The stable id of a finding on a shipment: <c>shipment/code/leg</c> [<c>/occurrence</c>].</summary>
    internal static string ExceptionId(string shipment, TrackingExceptionFinding f) =>
        $"{shipment}/{f.Code}/{f.LegSequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}" + (f.Occurrence.Length == 0 ? "" : "/" + f.Occurrence);

    private static ShipmentExceptionRecord ToRecord(string id, string shipment, TrackingExceptionFinding f, string raisedBy, DateTime now) => new()
    {
        ExceptionId = id,
        ShipmentNumber = shipment,
        Code = f.Code,
        LegSequence = f.LegSequence,
        NodeCode = Truncate(f.NodeCode, 64),
        RaisedAtUtc = f.RaisedAt.ToDateTimeUtc(),
        DetectedAtUtc = now,
        RaisedBy = raisedBy,
        EvidenceEventKey = f.Evidence.EventId,
        PlannedAtUtc = f.Evidence.PlannedAt?.ToDateTimeUtc(),
        ObservedAtUtc = f.Evidence.ObservedAt?.ToDateTimeUtc(),
        ThresholdSeconds = (long)f.Evidence.Threshold.TotalSeconds,
        UsualDwellSeconds = f.Evidence.UsualDwell is { } d ? (long)d.TotalSeconds : null,
        Source = Truncate(f.Evidence.Source, 1000)!,
        Detail = Truncate(f.Detail, 1000)!,
        Status = f.ClearedAt is null ? ShipmentExceptionRecord.Open : ShipmentExceptionRecord.Cleared,
        ClearedAtUtc = f.ClearedAt?.ToDateTimeUtc(),
        ClearingEventKey = f.ClearingEventId,
        ClearDetectedAtUtc = f.ClearedAt is null ? null : now,
    };

    /// <summary>The webhook notification of a raise or clear, for the shipment's account.</summary>
    private static (string, Func<string, WebhookNotification>) Notify(ShipmentExceptionRecord row, WebhookExceptionTransition transition)
    {
        var raisedAt = Instant.FromDateTimeUtc(Utc(row.RaisedAtUtc));
        var clearedAt = transition == WebhookExceptionTransition.Cleared && row.ClearedAtUtc is { } c ? Instant.FromDateTimeUtc(Utc(c)) : (Instant?)null;
        var info = new WebhookExceptionInfo(
            row.ExceptionId,
            transition,
            row.LegSequence,
            row.NodeCode,
            raisedAt,
            clearedAt,
            row.EvidenceEventKey,
            clearedAt is null ? null : row.ClearingEventKey,
            row.PlannedAtUtc is { } p ? Instant.FromDateTimeUtc(Utc(p)) : null,
            row.ObservedAtUtc is { } o ? Instant.FromDateTimeUtc(Utc(o)) : null,
            row.ThresholdSeconds / 3600m,
            row.UsualDwellSeconds is { } u ? u / 3600m : null,
            row.Source,
            row.Detail);
        var eventId = row.ExceptionId + (transition == WebhookExceptionTransition.Cleared ? "/cleared" : "/raised");
        var shipment = row.ShipmentNumber;
        var code = row.Code;
        var location = Location(row.NodeCode);
        return (shipment, account => WebhookNotification.Create(eventId, WebhookNotificationKinds.Exception, code, shipment, account, clearedAt ?? raisedAt, location, info));
    }

    /// <summary>The node as a payload location: a five-character code of letters and digits is taken as a UN/LOCODE (its first two letters the ISO 3166-1 country).</summary>
    private static WebhookLocation? Location(string? node)
    {
        if (node is null)
        {
            return null;
        }

        var unlocode = node.Length == 5 && node.All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetterUpper(node[0]) && char.IsAsciiLetterUpper(node[1]) ? node : null;
        return new WebhookLocation(node, unlocode, unlocode?[..2]);
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);
}
