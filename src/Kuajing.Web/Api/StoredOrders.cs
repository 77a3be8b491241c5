using Kuajing.Customs.China;
using Kuajing.Customs.LowValue;
using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Orders;
using Kuajing.ReferenceData;
using Kuajing.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Web.Api;

/// <summary>
/// The reference data the customs and document endpoints read besides the planning data (<see cref="PlanningEngine"/>):
/// the China supervision modes (<c>data/customs/china/supervision-modes.csv</c>), the low-value regimes and field lists
/// (<c>data/customs/lowvalue-*.csv</c>), and the lane catalogue indexed by lane id. Loaded once, on first use. Thread-safe.
/// </summary>
internal sealed class CustomsReference(PlanningEngine engine)
{
    private readonly Lazy<SupervisionModeTable> _modes = new(() => SupervisionModeTable.LoadBundled(DataDirectory.Find()));
    private readonly Lazy<LowValueDatasetBuilder> _lowValue = new(() => new LowValueDatasetBuilder(LowValueRules.Load(DataDirectory.Find()), engine.Reference.Fx));
    private readonly Lazy<Dictionary<string, Lane>> _lanes = new(() => engine.Catalogue.Lanes.GroupBy(l => l.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));

    public PlanningEngine Engine => engine;

    public SupervisionModeTable Modes => _modes.Value;

    public LowValueDatasetBuilder LowValue => _lowValue.Value;

    public IReadOnlyDictionary<string, Lane> LanesById => _lanes.Value;
}

/// <summary>
/// Stored orders (plan store rows) back as the library's <see cref="Order"/> and as the shipment facts a low-value data
/// set needs, so the API works from the single entry the seller made, never a second copy.
/// </summary>
internal static class StoredOrders
{
    /// <summary>
    /// The stored order and shipment behind a Kuajing number when the caller may act on it for customs (the owning seller,
    /// the appointed broker, admins: <see cref="AccessRules.CustomsAsync"/>); <see langword="null"/> when it is absent or
    /// invisible (answer 404, never leaking its existence). Shared by the declaration and document endpoints.
    /// </summary>
    public static async Task<(OrderRecord Order, ShipmentRecord Shipment)?> ForCustomsAsync(
        Hosting.KuajingDatabase database, AccessRules rules, Accounts.KuajingCaller caller, string number, CancellationToken ct)
    {
        OrderRecord? order;
        await using (var plans = database.OpenPlanStore())
        {
            order = await ByShipmentAsync(plans, number, ct);
        }

        return order?.Shipment is { } shipment && await rules.CustomsAsync(caller, shipment.TrackingNumber, order.SourceKey, ct) is not null
            ? (order, shipment)
            : null;
    }

    /// <summary>The order with its shipment, legs and parcels, by order key; <see langword="null"/> when absent.</summary>
    public static Task<OrderRecord?> ByKeyAsync(PlanStore plans, string orderKey, CancellationToken ct) =>
        WithShipment(plans).FirstOrDefaultAsync(o => o.SourceKey == orderKey, ct);

    /// <summary>The order of a shipment, with its shipment, legs and parcels; <see langword="null"/> when absent.</summary>
    public static Task<OrderRecord?> ByShipmentAsync(PlanStore plans, string trackingNumber, CancellationToken ct)
    {
        var number = new string([.. trackingNumber.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        return WithShipment(plans).FirstOrDefaultAsync(o => o.Shipment != null && o.Shipment.TrackingNumber == number, ct);
    }

    /// <summary>The stored order as a library order: its id, local placing time, destination and lines (<see cref="OrderLinesJson"/>).</summary>
    /// <exception cref="InvalidDataException">When the stored lines are malformed.</exception>
    public static Order ToOrder(OrderRecord r)
    {
        var currency = new Money.CurrencyCode(r.GoodsCurrency);
        var source = "plan store " + r.SourceKey;
        var lines = OrderLinesJson.Read(r.LinesJson).Select((l, i) => new OrderLine(
            l.Sku,
            l.Description,
            l.HsCode is { Length: > 0 } hs ? new HsCode(hs) : null,
            l.Quantity,
            new Money.Money(l.UnitValue, currency),
            l.UnitWeightKg is { } kg ? new Mass(kg) : null,
            l.LengthCm is { } len && l.WidthCm is { } w && l.HeightCm is { } h ? new Dimensions(len, w, h) : null,
            l.WeightEstimated,
            Hazards(l.Hazards),
            new SourceLocation(source, i + 1))).ToArray();
        return new Order(r.OrderId, LocalDateTime.FromDateTime(r.PlacedAt), new CountryCode(r.BuyerCountry), r.BuyerPostcode, lines, new SourceLocation(source, 1));
    }

    /// <summary>
    /// The planned shipment's facts for a low-value data set, as <see cref="LowValueShipment.FromPlan"/> takes them from a
    /// fresh plan: origin country, gross mass (estimated when the order's weights are), freight up to and including the
    /// clearing leg (the CIF part, as <c>ClearanceClass.FreightToBorder</c> sums it; unknown when a leg's freight is), and
    /// the clearing leg's channel. A leg whose lane is no longer in the catalogue makes the channel and freight unknown.
    /// </summary>
    public static LowValueShipment ToLowValueShipment(OrderRecord order, ShipmentRecord s, PlanningEngine engine, IReadOnlyDictionary<string, Lane> lanes)
    {
        var origin = engine.Catalogue.Nodes.TryGetValue(s.OriginNode, out var node) ? node.Country : new CountryCode("CN");
        var legs = s.Legs.OrderBy(l => l.Sequence).ToArray();
        var clearing = -1;
        var channel = ClearanceChannel.None;
        var known = true;
        for (var i = 0; i < legs.Length; i++)
        {
            if (!lanes.TryGetValue(legs[i].LaneId, out var lane))
            {
                known = false;
                break;
            }

            if (lane.Clearance != ClearanceChannel.None)
            {
                clearing = i;
                channel = lane.Clearance;
            }
        }

        Money.Money? toBorder = null;
        var upTo = clearing < 0 ? legs.Length - 1 : clearing;
        if (known && legs.Length > 0 && legs.Take(upTo + 1).All(l => l.FreightInQuoteCurrency is not null))
        {
            toBorder = new Money.Money(legs.Take(upTo + 1).Sum(l => l.FreightInQuoteCurrency!.Value), new Money.CurrencyCode(s.QuoteCurrency));
        }

        return new LowValueShipment(origin, new Mass(s.GrossWeightKg), order.WeightEstimated, toBorder, known ? channel : ClearanceChannel.None, s.TrackingNumber);
    }

    private static IQueryable<OrderRecord> WithShipment(PlanStore plans) =>
        plans.Orders.AsNoTracking()
            .Include(o => o.Shipment!).ThenInclude(s => s.Legs)
            .Include(o => o.Shipment!).ThenInclude(s => s.Parcels)
            .AsSplitQuery();

    private static GoodsHazards Hazards(string text)
    {
        var hazards = GoodsHazards.None;
        foreach (var part in text.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<GoodsHazards>(part, out var flag))
            {
                hazards |= flag;
            }
        }

        return hazards;
    }
}
