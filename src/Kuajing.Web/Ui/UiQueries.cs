using System.Globalization;
using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking.Numbers;
using Kuajing.Web.Accounts;
using Kuajing.Web.Api;
using Kuajing.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Web.Ui;

/// <summary>
/// What the pages show. The private pages read through the same services as the REST API, scoped by the caller
/// (<see cref="IOrderQueries"/>, <see cref="IShipmentQueries"/>, and for the dashboard's figures the
/// <see cref="AccessScope"/> of <see cref="AccessRules"/>), so the UI and the API share one access implementation: a
/// seller sees its own orders and their shipments, a provider the shipments it carries, a broker those it is appointed
/// to, an admin everything; money only for the owning seller and admins. The public page reads by number and keeps
/// only milestones, times and places.
/// </summary>
internal sealed class UiQueries(KuajingDatabase database, UiReferenceData reference, IOrderQueries orders, IShipmentQueries shipments, AccessRules rules, IClock clock)
{
    private static readonly string[] ExceptionMilestones = ["DeliveryFailed", "Returned"];

    /// <summary>
    /// The public tracking view of a Kuajing number or a carrier number linked to exactly one shipment. A carrier number
    /// shared by several shipments (a container, an air waybill) is not found, as in the public API, so one buyer never
    /// sees another's parcel.
    /// </summary>
    public async Task<PublicTrackingView> PublicTrackingAsync(string number, CancellationToken ct)
    {
        var key = CarrierNumberValidator.KeyOf(number);
        var (found, events) = await TimelineAsync(key, ct);
        if (found.Count != 1)
        {
            return new PublicTrackingView(key, false, [], [], null);
        }

        List<RouteLeg> route = [];
        DateTime? planned = null;
        await using var plans = database.OpenPlanStore();
        var shipment = await plans.Shipments.AsNoTracking().Include(s => s.Legs).FirstOrDefaultAsync(s => s.TrackingNumber == found[0], ct);
        if (shipment is not null)
        {
            route = Route(shipment.Legs.Select(l => (l.Sequence, l.Mode, l.FromNode, l.ToNode, l.DepartureUtc, l.ArrivalUtc)));
            planned = shipment.DeliveredAtUtc;
        }

        var milestones = events.Select(e => new PublicMilestone(e.Milestone, e.EventTimeUtc, e.EventTimeOffsetMinutes, reference.PublicPlace(e.Payload))).ToList();
        return new PublicTrackingView(key, route.Count > 0 || milestones.Count > 0, milestones, route, planned);
    }

    /// <summary>The shipment page, or null when the shipment does not exist or <paramref name="caller"/> may not see it.</summary>
    public async Task<ShipmentPageView?> ShipmentAsync(KuajingCaller caller, string number, CancellationToken ct)
    {
        var key = CarrierNumberValidator.KeyOf(number);
        if (await shipments.GetAsync(caller, key, ct) is not { } shipment)
        {
            return null;
        }

        var order = shipment.OrderKey is { } orderKey ? await orders.GetAsync(caller, orderKey, ct) : null;
        var timeline = await shipments.TimelineAsync(caller, shipment.TrackingNumber, ct);
        var report = await shipments.EtaAsync(caller, shipment.TrackingNumber, clock.GetCurrentInstant(), ct);
        EtaView? eta = null;
        var alerts = new List<string>();
        if (report is not null)
        {
            var p = report.Prediction;
            eta = new EtaView(p.Status.ToString(), p.Early.ToDateTimeUtc(), p.Expected.ToDateTimeUtc(), p.Late.ToDateTimeUtc());
            alerts.AddRange(report.Alerts.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Kind} · leg {a.LegSequence} · {a.NodeCode}: {a.Detail}")));
        }

        var rows = (timeline?.Events ?? []).Select(e => new ShipmentEvent(e.Milestone, e.EventTimeUtc, e.OffsetMinutes, e.Location, e.CarrierNumber ?? shipment.TrackingNumber, e.SourceFormat, e.LedgerIndex)).ToList();
        var route = Route(shipment.Legs.Select(l => (l.Sequence, l.Mode, l.From, l.To, l.DepartureUtc, l.ArrivalUtc)));
        return new ShipmentPageView(shipment, order, route, rows, eta, alerts);
    }

    /// <summary>The plan comparison of one order, or null when the order does not exist or <paramref name="caller"/> may not see it.</summary>
    public async Task<PlansView?> PlansAsync(KuajingCaller caller, string orderKey, CancellationToken ct)
    {
        if (await orders.GetAsync(caller, orderKey, ct) is not { } order)
        {
            return null;
        }

        var plan = await orders.GetPlanAsync(caller, orderKey, ct);
        var shipment = plan is null ? null : await shipments.GetAsync(caller, plan.TrackingNumber, ct);
        return new PlansView(order, shipment, plan is not null && shipment is not null ? ParsePareto(plan.ParetoSet, shipment) : []);
    }

    /// <summary>Reads a stored Pareto set (docs/plan-output.md) and marks the chosen plan: the one whose legs' lanes and delivery equal the stored legs.</summary>
    public static IReadOnlyList<ParetoPlan> ParsePareto(JsonElement paretoSet, Api.ShipmentView shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var chosenLanes = string.Join('>', shipment.Legs.OrderBy(l => l.Sequence).Select(l => l.Lane));
        var result = new List<ParetoPlan>();
        var chosenFound = false;
        foreach (var p in paretoSet.EnumerateArray())
        {
            var legs = p.GetProperty("legs").EnumerateArray().ToList();
            var lanes = string.Join('>', legs.Select(l => l.GetProperty("lane").GetString()));
            var route = string.Join(" › ", legs.Select(l => l.GetProperty("from").GetString()).Append(legs.Count > 0 ? legs[^1].GetProperty("to").GetString() : null).OfType<string>());
            var modes = string.Join('+', legs.Select(l => l.GetProperty("mode").GetString()).Distinct());
            var delivered = p.GetProperty("deliveredAt").GetDateTime().ToUniversalTime();
            var chosen = !chosenFound && lanes == chosenLanes && Math.Abs((delivered - shipment.DeliveredAtUtc).TotalMinutes) < 1;
            chosenFound |= chosen;
            result.Add(new ParetoPlan(
                result.Count,
                p.GetProperty("currency").GetString() ?? shipment.Costs?.Currency ?? "",
                p.GetProperty("landedCost").GetDecimal(),
                p.GetProperty("landedCostComplete").GetBoolean(),
                p.GetProperty("deliveryDays").GetDouble(),
                delivered,
                p.GetProperty("co2eKg").GetDecimal(),
                route,
                modes,
                p.TryGetProperty("flags", out var f) ? [.. f.EnumerateArray().Select(x => x.GetString() ?? "")] : [],
                chosen));
        }

        return result;
    }

    /// <summary>The dashboard of what <paramref name="caller"/> may see (the same <see cref="AccessRules"/> as the API's lists).</summary>
    public async Task<DashboardView> DashboardAsync(KuajingCaller caller, CancellationToken ct)
    {
        var scope = await rules.ScopeAsync(caller, ct);
        await using var plans = database.OpenPlanStore();
        var visibleOrders = scope.Orders(plans);
        var counts = await visibleOrders.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(OrderStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;

        var visibleShipments = scope.Shipments(plans);
        var lanes = (await visibleShipments
            .GroupBy(s => new { s.OriginNode, s.Order!.BuyerCountry, s.QuoteCurrency })
            .Select(g => new
            {
                g.Key.OriginNode,
                g.Key.BuyerCountry,
                g.Key.QuoteCurrency,
                Count = g.Count(),
                Cost = g.Sum(s => s.LandedCost),
                Incomplete = g.Count(s => !s.LandedCostComplete),
                Co2e = g.Sum(s => s.Co2eKg),
                Estimated = g.Count(s => s.Order!.WeightEstimated),
                Days = g.Average(s => s.DeliveryDays),
            })
            .ToListAsync(ct))
            .OrderByDescending(l => l.Count).ThenBy(l => l.BuyerCountry, StringComparer.Ordinal).Take(25)
            .Select(l => new LaneFigures(l.OriginNode, l.BuyerCountry, l.QuoteCurrency, l.Count, scope.Access.Money ? l.Cost : null, l.Incomplete > 0, l.Co2e, l.Estimated, l.Days))
            .ToList();
        var recent = await visibleOrders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(15)
            .Select(o => new OrderRow(o.SourceKey, o.OrderId, o.BuyerCountry, o.Status.ToString(), o.Shipment != null ? o.Shipment.TrackingNumber : null))
            .ToListAsync(ct);
        var planned = await visibleShipments.Select(s => new { s.TrackingNumber, s.DeliveredAtUtc }).ToDictionaryAsync(s => s.TrackingNumber, s => s.DeliveredAtUtc, StringComparer.Ordinal, ct);

        await using var timeline = database.OpenTimelineStore();
        var events = timeline.Events.AsNoTracking().Where(e => e.ShipmentNumber != null);
        if (!scope.SeesEverything)
        {
            var visible = planned.Keys.ToList();
            events = events.Where(e => EF.Parameter(visible).Contains(e.ShipmentNumber!));
        }

        var progress = await events.GroupBy(e => e.ShipmentNumber!)
            .Select(g => new
            {
                Number = g.Key,
                Done = g.Max(e => e.Milestone == "Delivered" || e.Milestone == "Returned" ? 1 : 0),
                DeliveredAt = g.Where(e => e.Milestone == "Delivered").Min(e => (DateTime?)e.EventTimeUtc),
            })
            .ToListAsync(ct);
        progress = [.. progress.Where(p => planned.ContainsKey(p.Number))];
        var delivered = progress.Where(p => p.DeliveredAt is not null).ToList();
        var onTime = delivered.Count(p => p.DeliveredAt <= planned[p.Number]);
        // Stored exceptions (Timeline.ShipmentExceptionMonitor: missed connection, dwell, customs hold, late delivery), open
        // or cleared, beside failed and returned deliveries, newest first.
        var open = timeline.Exceptions.AsNoTracking();
        if (!scope.SeesEverything)
        {
            var visible = planned.Keys.ToList();
            open = open.Where(x => EF.Parameter(visible).Contains(x.ShipmentNumber));
        }

        var stored = await open.OrderByDescending(x => x.RaisedAtUtc).Take(20)
            .Select(x => new ExceptionRow(x.ShipmentNumber, "Exception", x.Code, x.RaisedAtUtc, 0, x.NodeCode, x.Status == Kuajing.Timeline.ShipmentExceptionRecord.Open))
            .ToListAsync(ct);
        var failed = await events.Where(e => ExceptionMilestones.Contains(e.Milestone)).OrderByDescending(e => e.EventTimeUtc).Take(20)
            .Select(e => new ExceptionRow(e.ShipmentNumber!, "Milestone", e.Milestone, e.EventTimeUtc, e.EventTimeOffsetMinutes, e.Location))
            .ToListAsync(ct);
        var exceptions = stored.Concat(failed).OrderByDescending(e => e.EventTimeUtc).Take(20).ToList();
        return new DashboardView(
            scope.SeesOrders,
            scope.Access.Money,
            Count(OrderStatus.Planned), Count(OrderStatus.NoRoute), Count(OrderStatus.Cancelled),
            progress.Count(p => p.Done == 0), planned.Count - progress.Count, delivered.Count, onTime, exceptions, lanes, recent);
    }

    /// <summary>Reads an uploaded order file with the library's <see cref="Kuajing.Orders.OrdersReader"/> (the same call as the CLI and the REST bulk upload) and reports every row.</summary>
    public UploadReport ReadUpload(string path, string fileName)
    {
        var read = reference.Orders.Read(path);
        return new UploadReport(
            fileName,
            read.LinesRead,
            [.. read.Orders.Select(o => new UploadOrder(o.OrderId, o.BuyerCountry.Value, o.Lines.Count, o.GoodsValue.Amount, o.GoodsValue.Currency.Value, o.WeightEstimated))],
            read.Cancellations.Count,
            [.. read.Rejections.Select(r => new UploadRejection(r.Location.Line, r.Field, r.Reason.Replace(path, fileName, StringComparison.Ordinal), r.OrderId))]);
    }

    private async Task<(IReadOnlyList<string> Shipments, IReadOnlyList<TimelineEventRecord> Events)> TimelineAsync(string number, CancellationToken ct)
    {
        await using var timeline = database.OpenTimelineStore();
        var service = new TimelineService(timeline, Numbers.Value, clock); // reading signs nothing
        return await service.TimelineAsync(number, ct);
    }

    private static readonly Lazy<CarrierNumberValidator> Numbers = new(CarrierNumberValidator.LoadBundled);

    private List<RouteLeg> Route(IEnumerable<(int Sequence, string Mode, string From, string To, DateTime DepartureUtc, DateTime ArrivalUtc)> legs) =>
        [.. legs.OrderBy(l => l.Sequence).Select(l => new RouteLeg(l.Sequence, l.Mode, Point(l.From), Point(l.To), l.DepartureUtc, l.ArrivalUtc))];

    private RoutePoint Point(string code) =>
        reference.Node(code) is { } node
            ? new RoutePoint(node.Code, UiReferenceData.PlaceName(node), node.Latitude, node.Longitude)
            : new RoutePoint(code, code, double.NaN, double.NaN);
}
