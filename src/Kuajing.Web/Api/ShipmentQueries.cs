using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking.Numbers;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Kuajing.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Api;

/// <summary>
/// Shipments and their tracking timelines as the caller may see them (the API and the web UI both read through this).
/// A seller sees the shipments of the orders it owns, a provider those it carries (whole or one leg), a broker those it
/// is appointed to, an admin all. Money (landed cost, duty, freight) is shown only to the owning seller and admins.
/// A shipment the caller may not see is reported as absent. The public view (<see cref="PublicTrackingAsync"/>) needs no
/// caller and shows milestones, times and places only.
/// </summary>
public interface IShipmentQueries
{
    /// <summary>Lists the caller's shipments by tracking number (legs left out).</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="offset">Shipments to skip, ≥ 0.</param>
    /// <param name="limit">Page size, 1–500.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="offset"/> or <paramref name="limit"/> is out of range.</exception>
    Task<Page<ShipmentView>> ListAsync(KuajingCaller caller, int offset, int limit, CancellationToken ct);

    /// <summary>One shipment with its legs.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="trackingNumber">The Kuajing S10 number (case and spaces ignored).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The shipment, or <see langword="null"/> when absent or invisible to the caller.</returns>
    Task<ShipmentView?> GetAsync(KuajingCaller caller, string trackingNumber, CancellationToken ct);

    /// <summary>The tracking timeline of a shipment (by its Kuajing number or a linked carrier number), read-only.</summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="number">Kuajing number or linked carrier number.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The timeline of the shipments the number resolves to that the caller may see, or <see langword="null"/> when none.</returns>
    Task<TimelineView?> TimelineAsync(KuajingCaller caller, string number, CancellationToken ct);

    /// <summary>
    /// The estimated delivery (P10, expected, P90; an estimate from historical delays, docs/eta.md) and open alerts of a
    /// shipment, from its plan and its stored timeline (<see cref="ShipmentEta"/>).
    /// </summary>
    /// <param name="caller">Who asks.</param>
    /// <param name="trackingNumber">The Kuajing S10 number (case and spaces ignored).</param>
    /// <param name="now">The evaluation instant (late-delivery and customs-hold alerts depend on it).</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The report, or <see langword="null"/> when the shipment is absent, invisible to the caller, or has no legs.</returns>
    Task<ShipmentEtaReport?> EtaAsync(KuajingCaller caller, string trackingNumber, NodaTime.Instant now, CancellationToken ct);

    /// <summary>
    /// The public tracking view: milestones, times and places only. A carrier number shared by several shipments
    /// (a container, an air waybill) is refused, so one buyer never sees another's parcel.
    /// </summary>
    /// <param name="number">Kuajing number, or a carrier number linked to exactly one shipment.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The view, or <see langword="null"/> when the number is unknown or shared.</returns>
    Task<PublicTracking?> PublicTrackingAsync(string number, CancellationToken ct);
}

/// <summary>The <see cref="IShipmentQueries"/> over the plan store, the timeline store and the web store's assignments.</summary>
internal sealed class ShipmentQueries : IShipmentQueries
{
    private static readonly Lazy<CarrierNumberValidator> Numbers = new(CarrierNumberValidator.LoadBundled);
    private static readonly Lazy<ShipmentEta> Eta = new(() => new ShipmentEta(Kuajing.Tracking.Eta.DelayProfile.LoadBundled(), Kuajing.Tracking.Eta.EtaThresholds.LoadBundled()));
    private readonly KuajingDatabase _database;
    private readonly AccessRules _rules;

    public ShipmentQueries(KuajingDatabase database, AccessRules rules)
    {
        _database = database;
        _rules = rules;
    }

    public async Task<Page<ShipmentView>> ListAsync(KuajingCaller caller, int offset, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        Paging.Check(offset, limit);
        var scope = await _rules.ScopeAsync(caller, ct);
        await using var plans = _database.OpenPlanStore();
        var visible = scope.Shipments(plans);
        var total = await visible.CountAsync(ct);
        var rows = await visible.AsNoTracking().Include(s => s.Order).OrderBy(s => s.TrackingNumber).Skip(offset).Take(limit).ToListAsync(ct);
        return new Page<ShipmentView>([.. rows.Select(s => ToView(s, scope.Access.Relation, scope.Access.Money, null))], offset, limit, total);
    }

    public async Task<ShipmentView?> GetAsync(KuajingCaller caller, string trackingNumber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(trackingNumber);
        var number = Normalise(trackingNumber);
        await using var plans = _database.OpenPlanStore();
        var s = await plans.Shipments.AsNoTracking().Include(x => x.Order).Include(x => x.Legs).FirstOrDefaultAsync(x => x.TrackingNumber == number, ct);
        if (s is null)
        {
            return null;
        }

        var access = await _rules.ShipmentAsync(caller, s.TrackingNumber, s.Order!.SourceKey, ct);
        return access is null ? null : ToView(s, access.Relation, access.Money, access.Legs);
    }

    public async Task<ShipmentEtaReport?> EtaAsync(KuajingCaller caller, string trackingNumber, NodaTime.Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(trackingNumber);
        var number = Normalise(trackingNumber);
        await using var plans = _database.OpenPlanStore();
        var s = await plans.Shipments.AsNoTracking().Include(x => x.Order).Include(x => x.Legs).FirstOrDefaultAsync(x => x.TrackingNumber == number, ct);
        if (s is null || s.Legs.Count == 0 || await _rules.ShipmentAsync(caller, s.TrackingNumber, s.Order!.SourceKey, ct) is null)
        {
            return null;
        }

        await using var timeline = _database.OpenTimelineStore();
        var service = new TimelineService(timeline, Numbers.Value, NodaTime.SystemClock.Instance);
        var (_, events) = await service.TimelineAsync(number, ct);
        return Eta.Value.Estimate(s, events, now);
    }

    public async Task<TimelineView?> TimelineAsync(KuajingCaller caller, string number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(number);
        await using var timeline = _database.OpenTimelineStore();
        var service = new TimelineService(timeline, Numbers.Value, NodaTime.SystemClock.Instance);
        var (shipments, events) = await service.TimelineAsync(number, ct);
        var visible = new List<string>();
        await using (var plans = _database.OpenPlanStore())
        {
            foreach (var s in shipments)
            {
                var key = await plans.Shipments.AsNoTracking().Where(x => x.TrackingNumber == s).Select(x => x.Order!.SourceKey).FirstOrDefaultAsync(ct);
                if (key is not null && await _rules.ShipmentAsync(caller, s, key, ct) is not null)
                {
                    visible.Add(s);
                }
            }
        }

        if (visible.Count == 0)
        {
            return null;
        }

        if (visible.Count < shipments.Count)
        {
            // A shared carrier number: keep only the events of the caller's own shipments.
            var merged = new Dictionary<long, TimelineEventRecord>();
            foreach (var s in visible)
            {
                foreach (var e in (await service.TimelineAsync(s, ct)).Events)
                {
                    merged.TryAdd(e.LedgerIndex, e);
                }
            }

            events = [.. merged.Values.OrderBy(e => e.EventTimeUtc).ThenBy(e => e.LedgerIndex)];
        }

        return new TimelineView(number, visible, [.. events.Select(e => new TimelineEventView(e.LedgerIndex, Utc(e.EventTimeUtc), e.EventTimeOffsetMinutes, Utc(e.RecordedAtUtc), e.Milestone, e.Location, e.CarrierNumber, e.SourceFormat))]);
    }

    public async Task<PublicTracking?> PublicTrackingAsync(string number, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(number);
        await using var timeline = _database.OpenTimelineStore();
        var service = new TimelineService(timeline, Numbers.Value, NodaTime.SystemClock.Instance);
        var (shipments, events) = await service.TimelineAsync(number, ct);
        if (shipments.Count != 1)
        {
            return null;
        }

        if (events.Count == 0)
        {
            await using var plans = _database.OpenPlanStore();
            return await plans.Shipments.AnyAsync(s => s.TrackingNumber == shipments[0], ct)
                ? new PublicTracking(number, "Planned", [])
                : null;
        }

        var milestones = events.Select(e => new PublicMilestone(e.Milestone, Utc(e.EventTimeUtc), PublicPlace(e.Payload))).ToArray();
        return new PublicTracking(number, milestones[^1].Milestone, milestones);
    }

    internal static ShipmentCosts CostsOf(ShipmentRecord s) =>
        new(s.QuoteCurrency, s.Freight, s.FreightComplete, s.Duty, s.ImportTax, s.Fees, s.LandedCost, s.LandedCostComplete, s.SellerPays, s.BuyerPays);

    // SQLite hands UTC columns back as unspecified; say UTC so both providers serialise "…Z".
    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static string Normalise(string number) => new([.. number.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);

    // The place of an event for the public: UN/LOCODE, else city and country, else country. Never the location's name
    // or identifier (a GLN or facility name can name a company or an address).
    private static string? PublicPlace(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        if (!doc.RootElement.TryGetProperty("location", out var loc) || loc.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? Get(string name) => loc.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var city = Get("city");
        var country = Get("country");
        return Get("unLocode") ?? (city is not null && country is not null ? $"{city}, {country}" : country);
    }

    private static ShipmentView ToView(ShipmentRecord s, string relation, bool money, HashSet<int>? carriedLegs) => new(
        s.TrackingNumber,
        money ? s.Order?.SourceKey : null,
        s.OriginNode,
        s.Order?.BuyerCountry ?? "",
        relation,
        s.Objective,
        s.Incoterm,
        Utc(s.ReadyAtUtc),
        Utc(s.DeliveredAtUtc),
        s.DeliveryDays,
        s.GrossWeightKg,
        s.Pieces,
        s.Co2eKg,
        s.Flags.Split(';', StringSplitOptions.RemoveEmptyEntries),
        money ? CostsOf(s) : null,
        [.. s.Legs.OrderBy(l => l.Sequence).Select(l => new LegView(
            l.Sequence, l.LaneId, l.Mode, l.Service, l.Carrier, l.FromNode, l.ToNode, Utc(l.DepartureUtc), Utc(l.ArrivalUtc), l.ChargeableWeightKg, l.DistanceKm, l.Co2eKg,
            money ? l.FreightInQuoteCurrency : null,
            carriedLegs is not null && (carriedLegs.Contains(0) || carriedLegs.Contains(l.Sequence))))]);
}
