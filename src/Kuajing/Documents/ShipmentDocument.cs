using Kuajing.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Documents;

/// <summary>The seller / exporter named on the documents.</summary>
/// <param name="Name">Company name.</param>
/// <param name="Address">Postal address, one line.</param>
public sealed record DocumentParty(string Name, string Address)
{
    /// <summary>
    /// Used when no seller is given: the order data (UCI Online Retail) records no seller, so the documents say so and
    /// name only the origin hub the goods ship from.
    /// </summary>
    /// <param name="originHub">The origin node's name and code, e.g. <c>Zhengzhou … (CNCGO), CN</c>.</param>
    /// <returns>The placeholder party.</returns>
    public static DocumentParty NotRecorded(string originHub) => new("(seller not recorded in the order data)", originHub);
}

/// <summary>One goods line of a document with its computed totals.</summary>
/// <param name="Number">1-based line number.</param>
/// <param name="Line">The stored line.</param>
/// <param name="Total">Quantity × unit value, in the order's currency (exact, not rounded).</param>
/// <param name="GrossWeightKg">Quantity × unit gross weight in kg; <see langword="null"/> when the unit weight is unknown.</param>
public sealed record DocumentLine(int Number, OrderLineRecord Line, decimal Total, decimal? GrossWeightKg);

/// <summary>
/// Everything a commercial invoice and packing list for one shipment need, read from the plan store: the order (invoice
/// number, date, consignee country and postcode), its goods lines, the shipment (tracking number, Incoterm, legs) and
/// its parcels. Totals are computed here, once, so both documents agree.
/// </summary>
public sealed class ShipmentDocument
{
    private ShipmentDocument(OrderRecord order, IReadOnlyList<DocumentLine> lines, ShipmentRecord shipment)
    {
        Order = order;
        Lines = lines;
        Shipment = shipment;
        TotalQuantity = lines.Sum(l => l.Line.Quantity);
        TotalValue = lines.Sum(l => l.Total);
        LinesGrossWeightKg = lines.All(l => l.GrossWeightKg is not null) ? lines.Sum(l => l.GrossWeightKg!.Value) : null;
        WeightEstimated = lines.Any(l => l.Line.WeightEstimated);
        // A stored row may stand for several identical parcels (ParcelRecord.Count): the documents list each parcel.
        Parcels = [.. shipment.Parcels.OrderBy(p => p.Sequence).SelectMany(p => Enumerable.Range(0, Math.Max(1, p.Count)).Select(i => new ParcelRecord
        {
            ShipmentRecordId = p.ShipmentRecordId,
            Sequence = p.Sequence + i,
            Count = 1,
            WeightKg = p.WeightKg,
            LengthCm = p.LengthCm,
            WidthCm = p.WidthCm,
            HeightCm = p.HeightCm,
            Estimated = p.Estimated,
        }))];
        ParcelsGrossWeightKg = Parcels.Sum(p => p.WeightKg);
    }

    /// <summary>The order.</summary>
    public OrderRecord Order { get; }

    /// <summary>The goods lines with their totals.</summary>
    public IReadOnlyList<DocumentLine> Lines { get; }

    /// <summary>The planned shipment (legs loaded).</summary>
    public ShipmentRecord Shipment { get; }

    /// <summary>The parcels in number order, one entry per parcel (stored runs of identical parcels expanded).</summary>
    public IReadOnlyList<ParcelRecord> Parcels { get; }

    /// <summary>Sum of line quantities (units).</summary>
    public int TotalQuantity { get; }

    /// <summary>Sum of line totals in <see cref="OrderRecord.GoodsCurrency"/>.</summary>
    public decimal TotalValue { get; }

    /// <summary>Sum of the lines' gross weights in kg; <see langword="null"/> when a line's weight is unknown.</summary>
    public decimal? LinesGrossWeightKg { get; }

    /// <summary>Sum of the parcels' gross weights in kg (as planned).</summary>
    public decimal ParcelsGrossWeightKg { get; }

    /// <summary>True when any line weight is a Kuajing estimate (<c>data/orders/weight-estimates.csv</c>, status E).</summary>
    public bool WeightEstimated { get; }

    /// <summary>Builds the document data for one stored order.</summary>
    /// <param name="order">The order with its shipment, legs and parcels loaded.</param>
    /// <returns>The document data.</returns>
    /// <exception cref="ArgumentException">When the order has no shipment (no route or cancelled: nothing ships, no documents).</exception>
    /// <exception cref="InvalidDataException">When the stored lines are malformed.</exception>
    public static ShipmentDocument From(OrderRecord order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var shipment = order.Shipment ?? throw new ArgumentException($"order {order.OrderId} has no shipment ({order.Status}): nothing ships, so there is no invoice or packing list", nameof(order));
        var lines = OrderLinesJson.Read(order.LinesJson)
            .Select((l, i) => new DocumentLine(i + 1, l, l.UnitValue * l.Quantity, l.UnitWeightKg * l.Quantity))
            .ToArray();
        return new ShipmentDocument(order, lines, shipment);
    }

    /// <summary>Loads the document data for an order id (the invoice number) from the store.</summary>
    /// <param name="store">The plan store.</param>
    /// <param name="orderId">Seller's order id, e.g. the UCI invoice number <c>536365</c>.</param>
    /// <param name="source">The input name (first part of the source key) when the same order id exists in several inputs; <see langword="null"/> otherwise.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The document data, or <see langword="null"/> when no such order is stored.</returns>
    /// <exception cref="InvalidOperationException">When the order id is stored for several inputs and <paramref name="source"/> does not pick one (the message lists them).</exception>
    /// <exception cref="ArgumentException">When the order has no shipment.</exception>
    public static async Task<ShipmentDocument?> LoadAsync(PlanStore store, string orderId, string? source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(orderId);
        var query = store.Orders.AsNoTracking().Where(o => o.OrderId == orderId);
        if (source is not null)
        {
            var key = PlanRecordMapping.SourceKey(source, orderId);
            query = query.Where(o => o.SourceKey == key);
        }

        var orders = await query.Include(o => o.Shipment!).ThenInclude(s => s.Legs)
            .Include(o => o.Shipment!).ThenInclude(s => s.Parcels)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        return orders.Count switch
        {
            0 => null,
            1 => From(orders[0]),
            _ => throw new InvalidOperationException($"order {orderId} is stored for several inputs ({string.Join(", ", orders.Select(o => o.SourceKey))}): name one with --source"),
        };
    }
}
