using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kuajing.Compliance;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Provenance;
using Kuajing.Trade;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Planning;

/// <summary>
/// Writes order plans as JSON: the shape of <c>kuajing plan --out FILE.json</c> and of the Pareto set stored with
/// each shipment (<c>docs/plan-output.md</c>). Amounts are JSON numbers in the stated currency; an unknown amount is
/// <c>null</c> with status "Unknown" (never 0); instants are ISO 8601 UTC. Plans name lanes and rules by id; the
/// citations behind them are written once per file by <see cref="WriteSources(Utf8JsonWriter, IEnumerable{QuotedPlan}, IEnumerable{ComplianceRule})"/>.
/// </summary>
public static class OrderPlanJson
{
    /// <summary>
    /// Writes one order's plan as one element of <c>orders</c> in docs/plan-output.md: the order's facts, status, tracking
    /// number, flags, the chosen plan's index and the whole Pareto set (or the no-route reason), and the compliance
    /// findings and blocked lanes. The one writer behind <c>kuajing plan --out</c> and the API's quotes and stored plans.
    /// </summary>
    /// <param name="w">The writer, positioned where a JSON value may start.</param>
    /// <param name="plan">The order's plan.</param>
    /// <param name="trackingNumber">The shipment's Kuajing number, or <see langword="null"/> (a quote: nothing stored).</param>
    /// <param name="isPriced">Whether a lane has a published price; unpriced legs are written with <c>freight: null</c>.</param>
    /// <param name="withSources">Also write this order's own <c>lanes</c> and <c>rules</c> citations inside the object (a
    /// single order, e.g. an API response); a file writes them once for all orders instead.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="w"/>, <paramref name="plan"/> or <paramref name="isPriced"/> is null.</exception>
    public static void WriteOrder(Utf8JsonWriter w, OrderPlan plan, string? trackingNumber, Func<Lane, bool> isPriced, bool withSources = false)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(isPriced);
        var order = plan.Order;
        w.WriteStartObject();
        w.WriteString("orderId", order.OrderId);
        w.WriteString("placedAt", LocalDateTimePattern.ExtendedIso.Format(order.PlacedAt));
        w.WriteString("destination", order.BuyerCountry.Value);
        w.WriteNumber("goodsValue", order.GoodsValue.Amount);
        w.WriteString("goodsCurrency", order.GoodsValue.Currency.Value);
        w.WriteNumber("lines", order.Lines.Count);
        w.WriteBoolean("weightEstimated", order.WeightEstimated);
        w.WriteNumber("grossWeightKg", plan.Goods.GrossWeight.Kilograms);
        w.WriteNumber("parcels", plan.Goods.Parcels.Count);
        if (plan.Chosen is { } chosen)
        {
            w.WriteString("status", "planned");
            if (trackingNumber is not null)
            {
                w.WriteString("trackingNumber", trackingNumber);
            }

            WriteFlags(w, plan);
            var index = 0;
            while (!ReferenceEquals(plan.ParetoSet[index], chosen))
            {
                index++;
            }

            w.WriteNumber("chosen", index);
            w.WriteStartArray("paretoSet");
            foreach (var p in plan.ParetoSet)
            {
                WritePlan(w, p, isPriced);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteString("status", "no-route");
            w.WriteString("reason", plan.ReasonDetail);
            WriteFlags(w, plan);
        }

        WriteCompliance(w, plan);
        if (withSources)
        {
            WriteSources(w, plan.ParetoSet, ComplianceRulesOf([plan]));
        }

        w.WriteEndObject();
    }

    /// <summary>The compliance rules a set of plans cites (findings and blocked lanes), each once, for <see cref="WriteSources(Utf8JsonWriter, IEnumerable{QuotedPlan}, IEnumerable{ComplianceRule})"/>.</summary>
    /// <param name="plans">The order plans.</param>
    /// <returns>The distinct rules.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="plans"/> is null.</exception>
    public static IEnumerable<ComplianceRule> ComplianceRulesOf(IEnumerable<OrderPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return plans.SelectMany(p => p.Compliance.Select(f => f.Rule).Concat(p.BlockedLanes.Select(b => b.Rule))).Distinct();
    }

    private static void WriteFlags(Utf8JsonWriter w, OrderPlan plan)
    {
        w.WriteStartArray("flags");
        foreach (var f in plan.Flags)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
    }

    /// <summary>Serialises a Pareto set (array of plan objects, in the planner's deterministic order).</summary>
    /// <param name="set">The plans.</param>
    /// <param name="isPriced">Whether a lane has a published price; unpriced legs are written with <c>freight: null</c>.</param>
    /// <returns>A JSON array.</returns>
    public static string SerializeSet(IReadOnlyList<QuotedPlan> set, Func<Lane, bool> isPriced)
    {
        ArgumentNullException.ThrowIfNull(set);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var p in set)
            {
                WritePlan(w, p, isPriced);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes one plan object: landed cost (a lower bound when <c>landedCostComplete</c> is false), payer split,
    /// delivery, CO2e, cost lines and legs.
    /// </summary>
    /// <param name="w">Target writer.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="isPriced">Whether a lane has a published price; unpriced legs are written with <c>freight: null</c> and <c>freightStatus: "Unknown"</c>.</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public static void WritePlan(Utf8JsonWriter w, QuotedPlan plan, Func<Lane, bool> isPriced)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(isPriced);
        var it = plan.Option.Itinerary;
        var q = plan.Quote;
        var freightKnown = it.Legs.All(l => isPriced(l.Lane));
        w.WriteStartObject();
        w.WriteString("currency", q.Currency.Value);
        w.WriteNumber("landedCost", Math.Round(q.LowerBound.Amount, 2));
        w.WriteBoolean("landedCostComplete", q.IsComplete && freightKnown);
        WriteAmount(w, "landedCostHigh", freightKnown ? q.UpperBound : null);
        w.WriteNumber("sellerPays", Math.Round(q.LowerBoundFor(Payer.Seller).Amount, 2));
        w.WriteNumber("buyerPays", Math.Round(q.LowerBoundFor(Payer.Buyer).Amount, 2));
        WriteAmount(w, "customsValue", q.CustomsValue);
        w.WriteString("readyAt", InstantPattern.ExtendedIso.Format(it.ReadyAt));
        w.WriteString("deliveredAt", InstantPattern.ExtendedIso.Format(it.DeliveredAt));
        w.WriteNumber("deliveryDays", Math.Round(it.TransitHours / 24.0, 2));
        w.WriteNumber("co2eKg", Math.Round(it.Co2eKg, 3));
        w.WriteStartArray("costs");
        foreach (var c in q.Lines)
        {
            w.WriteStartObject();
            w.WriteString("kind", c.Kind.ToString());
            w.WriteString("label", c.Label);
            w.WriteString("status", c.Kind == CostKind.Freight && !freightKnown ? nameof(CostLineStatus.LowerBound) : c.Status.ToString());
            WriteAmount(w, "amount", c.Amount);
            WriteAmount(w, "high", c.High);
            w.WriteString("payer", c.Payer.ToString());
            if (c.RuleId is not null)
            {
                w.WriteString("rule", c.RuleId);
            }

            if (c.Source is not null)
            {
                w.WriteString("sourceStatus", c.Source.Status.ToString());
            }

            if (c.Reason is not null)
            {
                w.WriteString("reason", c.Reason);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("flags");
        foreach (var f in q.Flags)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        w.WriteStartArray("legs");
        foreach (var leg in it.Legs)
        {
            var lane = leg.Lane;
            w.WriteStartObject();
            w.WriteString("lane", lane.Id);
            w.WriteString("mode", lane.Mode.ToString());
            w.WriteString("from", lane.From);
            w.WriteString("to", lane.To);
            w.WriteString("departure", InstantPattern.ExtendedIso.Format(leg.Departure));
            w.WriteString("arrival", InstantPattern.ExtendedIso.Format(leg.Arrival));
            w.WriteNumber("chargeableWeightKg", leg.ChargeableWeight.Kilograms);
            if (isPriced(lane))
            {
                w.WriteString("freightStatus", "Known");
                w.WriteNumber("freight", leg.Freight.Amount);
                w.WriteString("freightCurrency", leg.Freight.Currency.Value);
                w.WriteNumber("freightInQuoteCurrency", Math.Round(leg.FreightInQuoteCurrency.Amount, 2));
            }
            else
            {
                // No published price for this lane: unknown, never a silent zero.
                w.WriteString("freightStatus", "Unknown");
                w.WriteNull("freight");
                w.WriteNull("freightInQuoteCurrency");
            }

            w.WriteNumber("distanceKm", Math.Round(leg.DistanceKm, 1));
            w.WriteNumber("co2eKg", Math.Round(leg.Co2eKg, 3));
            w.WriteString("clearance", lane.Clearance.ToString());
            w.WriteString("sourceStatus", lane.Source.Status.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Writes an order's compliance result as two properties of the current object: <c>compliance</c>, the chosen plan's
    /// findings (rule id, outcome, requirement, legs and lines concerned, whether a line was recognised only by a keyword),
    /// and <c>blockedLanes</c>, the lanes a rule blocked for the order's goods (lane id, rule id and the refusal detail). Both are written, possibly empty (<c>docs/plan-output.md</c>).
    /// </summary>
    /// <param name="w">Target writer, positioned inside the order object.</param>
    /// <param name="plan">The order's plan.</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public static void WriteCompliance(Utf8JsonWriter w, OrderPlan plan)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(plan);
        w.WriteStartArray("compliance");
        foreach (var f in plan.Compliance)
        {
            w.WriteStartObject();
            w.WriteString("rule", f.Rule.Id);
            w.WriteString("outcome", f.Rule.Outcome.ToString().ToLowerInvariant());
            w.WriteString("requirement", f.Rule.Requirement);
            w.WriteStartArray("legs");
            foreach (var leg in f.Legs)
            {
                w.WriteNumberValue(leg.Sequence);
            }

            w.WriteEndArray();
            w.WriteStartArray("lines");
            var last = -1;
            foreach (var g in f.Goods)
            {
                if (g.Line != last)
                {
                    w.WriteNumberValue(g.Line);
                    last = g.Line;
                }
            }

            w.WriteEndArray();
            w.WriteBoolean("keywordEstimate", f.Goods.Any(g => g.Evidence == CategoryEvidence.Keyword));
            w.WriteString("message", f.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("blockedLanes");
        foreach (var r in plan.BlockedLanes)
        {
            w.WriteStartObject();
            w.WriteString("lane", r.LaneId);
            w.WriteString("rule", r.Rule.Id);
            w.WriteString("detail", r.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>
    /// Writes the <c>lanes</c> and <c>rules</c> objects that plans refer to by id: each lane's service, carrier, mode,
    /// vehicle and source (citation, date, status), and each landed-cost rule's source.
    /// </summary>
    /// <param name="w">Target writer, positioned inside an object.</param>
    /// <param name="plans">Every plan written.</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public static void WriteSources(Utf8JsonWriter w, IEnumerable<QuotedPlan> plans) => WriteSources(w, plans, []);

    /// <summary>
    /// As <see cref="WriteSources(Utf8JsonWriter, IEnumerable{QuotedPlan})"/>, with the compliance rules the orders name
    /// (findings and blocked lanes) added to <c>rules</c>: each rule's citation, status and first day in force.
    /// </summary>
    /// <param name="w">Target writer, positioned inside an object.</param>
    /// <param name="plans">Every plan written.</param>
    /// <param name="complianceRules">Compliance rules named by the orders written.</param>
    /// <exception cref="ArgumentNullException">When an argument is <see langword="null"/>.</exception>
    public static void WriteSources(Utf8JsonWriter w, IEnumerable<QuotedPlan> plans, IEnumerable<ComplianceRule> complianceRules)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(plans);
        ArgumentNullException.ThrowIfNull(complianceRules);
        var lanes = new SortedDictionary<string, Lane>(StringComparer.Ordinal);
        var rules = new SortedDictionary<string, DataSource>(StringComparer.Ordinal);
        foreach (var r in complianceRules)
        {
            rules.TryAdd(r.Id, r.Source);
        }

        foreach (var p in plans)
        {
            foreach (var leg in p.Option.Itinerary.Legs)
            {
                lanes.TryAdd(leg.Lane.Id, leg.Lane);
            }

            foreach (var c in p.Quote.Lines)
            {
                if (c.RuleId is not null && c.Source is not null)
                {
                    rules.TryAdd(c.RuleId, c.Source);
                }
            }
        }

        w.WriteStartObject("lanes");
        foreach (var (id, lane) in lanes)
        {
            w.WriteStartObject(id);
            w.WriteString("service", lane.Service);
            w.WriteString("carrier", lane.Carrier);
            w.WriteString("mode", lane.Mode.ToString());
            w.WriteString("vehicle", lane.Vehicle.ToString());
            WriteSource(w, lane.Source);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("rules");
        foreach (var (id, source) in rules)
        {
            w.WriteStartObject(id);
            WriteSource(w, source);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, DataSource source)
    {
        w.WriteString("source", source.Citation);
        w.WriteString("sourceStatus", source.Status.ToString());
        if (source.AsOf is LocalDate asOf)
        {
            w.WriteString("sourceAsOf", asOf.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static void WriteAmount(Utf8JsonWriter w, string name, Money.Money? amount)
    {
        if (amount is Money.Money m)
        {
            w.WriteNumber(name, Math.Round(m.Amount, 2));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
