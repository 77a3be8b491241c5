using Kuajing.LandedCost;
using Kuajing.Orders;
using Kuajing.Planning;
using Kuajing.Trade;

namespace Kuajing.Storage;

/// <summary>Turns planning outcomes into stored rows.</summary>
public static class PlanRecordMapping
{
    /// <summary>The stable identity of an order across runs: <c>source|orderId</c>.</summary>
    /// <param name="source">Name of the input (file or folder name, e.g. <c>online-retail</c>).</param>
    /// <param name="orderId">Seller's order id.</param>
    /// <returns>The key.</returns>
    public static string SourceKey(string source, string orderId) => source + "|" + orderId;

    /// <summary>Row for a planned order (with shipment and legs) or an order with no route.</summary>
    /// <param name="sourceKey">Stable order key.</param>
    /// <param name="plan">The planning outcome.</param>
    /// <param name="trackingNumber">The shipment's tracking number; ignored when no plan was found.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="isPriced">Whether a lane has a published price (unpriced legs store <see cref="LegRecord.Freight"/> as <see langword="null"/>).</param>
    /// <returns>The order row, with its shipment when planned.</returns>
    public static OrderRecord ToRecord(string sourceKey, OrderPlan plan, string trackingNumber, OrderPlanOptions options, Func<Lanes.Lane, bool> isPriced)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var order = plan.Order;
        var record = new OrderRecord
        {
            SourceKey = sourceKey,
            OrderId = order.OrderId,
            PlacedAt = order.PlacedAt.ToDateTimeUnspecified(),
            BuyerCountry = order.BuyerCountry.Value,
            BuyerPostcode = order.BuyerPostcode,
            LineCount = order.Lines.Count,
            GoodsValue = order.GoodsValue.Amount,
            GoodsCurrency = order.GoodsValue.Currency.Value,
            WeightEstimated = order.WeightEstimated,
            Status = plan.Chosen is null ? OrderStatus.NoRoute : OrderStatus.Planned,
            Reason = plan.Chosen is null ? plan.ReasonDetail : null,
        };
        record.LinesJson = OrderLinesJson.Write(LinesOf(order));
        if (plan.Chosen is not { } chosen)
        {
            return record;
        }

        var it = chosen.Option.Itinerary;
        var q = chosen.Quote;
        var shipment = new ShipmentRecord
        {
            TrackingNumber = trackingNumber,
            OriginNode = options.OriginNode,
            Objective = options.Objective.ToString().ToLowerInvariant(),
            Incoterm = options.Incoterm.ToString(),
            ReadyAtUtc = it.ReadyAt.ToDateTimeUtc(),
            DeliveredAtUtc = it.DeliveredAt.ToDateTimeUtc(),
            DeliveryDays = Math.Round(it.TransitHours / 24.0, 2),
            GrossWeightKg = plan.Goods.GrossWeight.Kilograms,
            Pieces = plan.Goods.Parcels.Count,
            QuoteCurrency = q.Currency.Value,
            Freight = Math.Round(it.Freight.Amount, 2),
            FreightComplete = !plan.Flags.Contains(OrderPlanner.FreightUnknownFlag),
            Duty = Sum(q, CostKind.Duty),
            ImportTax = Sum(q, CostKind.ImportVat),
            Fees = Sum(q, CostKind.Fee) ?? 0m,
            LandedCost = Math.Round(q.LowerBound.Amount, 2),
            LandedCostComplete = plan.CostComplete,
            SellerPays = Math.Round(q.LowerBoundFor(Payer.Seller).Amount, 2),
            BuyerPays = Math.Round(q.LowerBoundFor(Payer.Buyer).Amount, 2),
            Co2eKg = Math.Round(it.Co2eKg, 3),
            Flags = string.Join(';', plan.Flags),
            ParetoJson = OrderPlanJson.SerializeSet(plan.ParetoSet, isPriced),
        };
        var seq = 0;
        foreach (var leg in it.Legs)
        {
            shipment.Legs.Add(new LegRecord
            {
                Sequence = ++seq,
                LaneId = leg.Lane.Id,
                Mode = leg.Lane.Mode.ToString(),
                Service = leg.Lane.Service,
                Carrier = leg.Lane.Carrier,
                FromNode = leg.Lane.From,
                ToNode = leg.Lane.To,
                DepartureUtc = leg.Departure.ToDateTimeUtc(),
                ArrivalUtc = leg.Arrival.ToDateTimeUtc(),
                ChargeableWeightKg = leg.ChargeableWeight.Kilograms,
                Freight = isPriced(leg.Lane) ? leg.Freight.Amount : null,
                FreightCurrency = leg.Freight.Currency.Value,
                FreightInQuoteCurrency = isPriced(leg.Lane) ? Math.Round(leg.FreightInQuoteCurrency.Amount, 2) : null,
                DistanceKm = Math.Round(leg.DistanceKm, 1),
                Co2eKg = Math.Round(leg.Co2eKg, 3),
            });
        }

        // Consecutive identical parcels become one row with a count (ParcelRecord).
        var parcelNo = 0;
        ParcelRecord? run = null;
        foreach (var parcel in plan.Goods.Parcels)
        {
            parcelNo++;
            if (run is not null && run.WeightKg == parcel.Weight.Kilograms && run.LengthCm == parcel.Size.LengthCm
                && run.WidthCm == parcel.Size.WidthCm && run.HeightCm == parcel.Size.HeightCm)
            {
                run.Count++;
                continue;
            }

            run = new ParcelRecord
            {
                Sequence = parcelNo,
                Count = 1,
                WeightKg = parcel.Weight.Kilograms,
                LengthCm = parcel.Size.LengthCm,
                WidthCm = parcel.Size.WidthCm,
                HeightCm = parcel.Size.HeightCm,
                Estimated = plan.Goods.WeightEstimated,
            };
            shipment.Parcels.Add(run);
        }

        record.Shipment = shipment;
        return record;
    }

    /// <summary>The order's goods lines as stored rows, in input order.</summary>
    /// <param name="order">The order.</param>
    /// <returns>One row per line.</returns>
    public static OrderLineRecord[] LinesOf(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var rows = new OrderLineRecord[order.Lines.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var line = order.Lines[i];
            rows[i] = new OrderLineRecord
            {
                Sku = line.Sku,
                Description = line.Description,
                HsCode = line.Hs?.Digits,
                Quantity = line.Quantity,
                UnitValue = line.UnitValue.Amount,
                UnitWeightKg = line.UnitWeight?.Kilograms,
                LengthCm = line.UnitSize?.LengthCm,
                WidthCm = line.UnitSize?.WidthCm,
                HeightCm = line.UnitSize?.HeightCm,
                WeightEstimated = line.WeightEstimated,
                Hazards = line.Hazards == Goods.GoodsHazards.None ? "" : line.Hazards.ToString().Replace(", ", "|", StringComparison.Ordinal),
            };
        }

        return rows;
    }

    /// <summary>Row for a cancellation invoice (nothing ships).</summary>
    /// <param name="sourceKey">Stable order key.</param>
    /// <param name="c">The cancellation.</param>
    /// <returns>The order row.</returns>
    public static OrderRecord ToRecord(string sourceKey, Cancellation c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new OrderRecord
        {
            SourceKey = sourceKey,
            OrderId = c.OrderId,
            PlacedAt = c.PlacedAt.ToDateTimeUnspecified(),
            BuyerCountry = "",
            LineCount = c.Lines,
            GoodsCurrency = "",
            Status = OrderStatus.Cancelled,
            Reason = "cancellation invoice: cancels earlier lines, nothing ships",
        };
    }

    /// <summary>
    /// Sum of the amounts of one kind (the low end for a range or lower bound); <see langword="null"/> when any line of
    /// that kind is Unknown. Whether the sum is exact is in <see cref="ShipmentRecord.LandedCostComplete"/> and the flags.
    /// </summary>
    private static decimal? Sum(LandedCostQuote q, CostKind kind)
    {
        var total = 0m;
        foreach (var line in q.LinesOf(kind))
        {
            switch (line.Status)
            {
                case CostLineStatus.Known:
                case CostLineStatus.Range:
                case CostLineStatus.LowerBound:
                    total += line.Amount?.Amount ?? 0m;
                    break;
                case CostLineStatus.IncludedInFreight:
                case CostLineStatus.NotIncluded:
                    break;
                default:
                    return null;
            }
        }

        return Math.Round(total, 2);
    }

    /// <summary>
    /// A cost kind as a human-readable cell: <c>12.50</c> exact, <c>≥12.50</c> lower bound, <c>12.50–20.00</c> range,
    /// <c>unknown</c>, <c>included in freight</c>, <c>not included</c>, or empty when the quote has no line of that kind.
    /// </summary>
    /// <param name="q">The quote.</param>
    /// <param name="kind">The cost kind.</param>
    /// <returns>The text.</returns>
    public static string Describe(LandedCostQuote q, CostKind kind)
    {
        ArgumentNullException.ThrowIfNull(q);
        var lines = q.LinesOf(kind);
        if (lines.Count == 0)
        {
            return "";
        }

        if (lines.Any(l => l.Status == CostLineStatus.Unknown))
        {
            return "unknown";
        }

        if (lines.All(l => l.Status == CostLineStatus.IncludedInFreight))
        {
            return "included in freight";
        }

        if (lines.All(l => l.Status == CostLineStatus.NotIncluded))
        {
            return "not included";
        }

        var low = lines.Sum(l => l.Amount?.Amount ?? 0m);
        var open = lines.Any(l => l.Status == CostLineStatus.LowerBound);
        var high = open ? (decimal?)null : lines.Sum(l => l.High?.Amount ?? l.Amount?.Amount ?? 0m);
        var f = System.Globalization.CultureInfo.InvariantCulture;
        return open ? "≥" + low.ToString("0.00", f)
            : high != low ? low.ToString("0.00", f) + "–" + high!.Value.ToString("0.00", f)
            : low.ToString("0.00", f);
    }
}
