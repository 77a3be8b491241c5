using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Kuajing.Ledger;
using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking.Eta;
using Kuajing.Tracking.Numbers;
using Kuajing.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Web.Ui;

/// <summary>
/// Reads what the pages show from the plan store and the timeline store (short-lived contexts per call). Private pages go
/// through <see cref="IUiAccessFilter"/>; the public page reads by number and keeps only milestones, times and places.
/// </summary>
internal sealed class UiQueries(KuajingDatabase database, UiReferenceData reference, IUiAccessFilter access, IClock clock)
{
    private static readonly string[] ExceptionMilestones = ["ImportCustomsHeld", "DeliveryFailed", "Returned"];
    private static readonly Lazy<ShipmentEta> Eta = new(() => new ShipmentEta(DelayProfile.LoadBundled(), EtaThresholds.LoadBundled()));

    /// <summary>The public tracking view of a Kuajing number or a linked carrier number.</summary>
    public async Task<PublicTrackingView> PublicTrackingAsync(string number, CancellationToken ct)
    {
        var key = CarrierNumberValidator.KeyOf(number);
        var (shipments, events) = await TimelineAsync(key, ct);
        var route = Array.Empty<RouteLeg>() as IReadOnlyList<RouteLeg>;
        DateTime? planned = null;
        if (shipments.Count == 1)
        {
            await using var plans = database.OpenPlanStore();
            var shipment = await plans.Shipments.AsNoTracking().Include(s => s.Legs).FirstOrDefaultAsync(s => s.TrackingNumber == shipments[0], ct);
            if (shipment is not null)
            {
                route = Route(shipment);
                planned = shipment.DeliveredAtUtc;
            }
        }

        var milestones = events.Select(e => new PublicMilestone(e.Milestone, e.EventTimeUtc, e.EventTimeOffsetMinutes, reference.PublicPlace(e.Payload))).ToList();
        return new PublicTrackingView(key, route.Count > 0 || milestones.Count > 0, milestones, route, planned);
    }

    /// <summary>The shipment page, or null when the shipment does not exist or is not visible to <paramref name="user"/>.</summary>
    public async Task<ShipmentView?> ShipmentAsync(string number, ClaimsPrincipal user, CancellationToken ct)
    {
        var key = CarrierNumberValidator.KeyOf(number);
        await using var plans = database.OpenPlanStore();
        var order = await access.Orders(plans, user).Where(o => o.Shipment != null && o.Shipment.TrackingNumber == key)
            .Include(o => o.Shipment!).ThenInclude(s => s.Legs).AsNoTracking().FirstOrDefaultAsync(ct);
        if (order?.Shipment is not { } shipment)
        {
            return null;
        }

        var (_, events) = await TimelineAsync(key, ct);
        EtaView? eta = null;
        var alerts = new List<string>();
        if (shipment.Legs.Count > 0)
        {
            var report = Eta.Value.Estimate(shipment, events, clock.GetCurrentInstant());
            var p = report.Prediction;
            eta = new EtaView(p.Status.ToString(), p.Early.ToDateTimeUtc(), p.Expected.ToDateTimeUtc(), p.Late.ToDateTimeUtc());
            alerts.AddRange(report.Alerts.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Kind} · leg {a.LegSequence} · {a.NodeCode}: {a.Detail}")));
        }

        var carriers = shipment.Legs.ToDictionary(l => l.Sequence, l => $"{l.Carrier} · {l.Service}");
        var rows = events.Select(e => new ShipmentEvent(e.Milestone, e.EventTimeUtc, e.EventTimeOffsetMinutes, e.Location, e.CarrierNumber ?? e.ShipmentNumber ?? "", e.SourceFormat, e.LedgerIndex)).ToList();
        return new ShipmentView(shipment, Route(shipment), carriers, rows, eta, alerts);
    }

    /// <summary>The plan comparison of one order, or null when the order does not exist or is not visible.</summary>
    public async Task<PlansView?> PlansAsync(string sourceKey, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var plans = database.OpenPlanStore();
        var order = await access.Orders(plans, user).Include(o => o.Shipment).ThenInclude(s => s!.Legs).AsNoTracking()
            .FirstOrDefaultAsync(o => o.SourceKey == sourceKey, ct);
        if (order is null)
        {
            return null;
        }

        return new PlansView(order, order.Shipment is { } s ? ParsePareto(s) : []);
    }

    /// <summary>Reads a stored Pareto set (docs/plan-output.md) and marks the chosen plan: the one whose legs' lanes and delivery equal the stored legs.</summary>
    public static IReadOnlyList<ParetoPlan> ParsePareto(ShipmentRecord shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var chosenLanes = string.Join('>', shipment.Legs.OrderBy(l => l.Sequence).Select(l => l.LaneId));
        using var doc = JsonDocument.Parse(shipment.ParetoJson);
        var result = new List<ParetoPlan>();
        var chosenFound = false;
        foreach (var p in doc.RootElement.EnumerateArray())
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
                p.GetProperty("currency").GetString() ?? shipment.QuoteCurrency,
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

    /// <summary>The dashboard for <paramref name="user"/>.</summary>
    public async Task<DashboardView> DashboardAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await using var plans = database.OpenPlanStore();
        var orders = access.Orders(plans, user);
        var counts = await orders.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(OrderStatus s) => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0;

        var shipments = orders.Where(o => o.Shipment != null).Select(o => o.Shipment!);
        var lanes = (await shipments
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
            .Select(l => new LaneFigures(l.OriginNode, l.BuyerCountry, l.QuoteCurrency, l.Count, l.Cost, l.Incomplete > 0, l.Co2e, l.Estimated, l.Days))
            .ToList();
        var recent = await orders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(15)
            .Select(o => new OrderRow(o.SourceKey, o.OrderId, o.BuyerCountry, o.Status.ToString(), o.Shipment != null ? o.Shipment.TrackingNumber : null))
            .ToListAsync(ct);
        var planned = await shipments.Select(s => new { s.TrackingNumber, s.DeliveredAtUtc }).ToDictionaryAsync(s => s.TrackingNumber, s => s.DeliveredAtUtc, StringComparer.Ordinal, ct);

        await using var timeline = database.OpenTimelineStore();
        var events = timeline.Events.AsNoTracking().Where(e => e.ShipmentNumber != null);
        if (!access.SeesEverything(user))
        {
            var visible = planned.Keys.ToArray();
            events = events.Where(e => visible.Contains(e.ShipmentNumber!));
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
        var exceptions = await events.Where(e => ExceptionMilestones.Contains(e.Milestone)).OrderByDescending(e => e.EventTimeUtc).Take(20)
            .Select(e => new ExceptionRow(e.ShipmentNumber!, e.Milestone, e.EventTimeUtc, e.EventTimeOffsetMinutes, e.Location))
            .ToListAsync(ct);
        return new DashboardView(
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
        using var signer = TreeHeadSigner.Create(); // reading signs nothing; the service wants a key
        var service = new TimelineService(timeline, signer, Numbers.Value, clock);
        return await service.TimelineAsync(number, ct);
    }

    private static readonly Lazy<CarrierNumberValidator> Numbers = new(CarrierNumberValidator.LoadBundled);

    private List<RouteLeg> Route(ShipmentRecord shipment) =>
        [.. shipment.Legs.OrderBy(l => l.Sequence).Select(l => new RouteLeg(l.Sequence, l.Mode, Point(l.FromNode), Point(l.ToNode), l.DepartureUtc, l.ArrivalUtc))];

    private RoutePoint Point(string code) =>
        reference.Node(code) is { } node
            ? new RoutePoint(node.Code, UiReferenceData.PlaceName(node), node.Latitude, node.Longitude)
            : new RoutePoint(code, code, double.NaN, double.NaN);
}
