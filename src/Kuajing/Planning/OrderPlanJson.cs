using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kuajing.LandedCost;
using Kuajing.Trade;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Planning;

/// <summary>
/// Writes order plans as JSON: the shape of <c>kuajing plan --out FILE.json</c> and of the Pareto set stored with
/// each shipment. Amounts are JSON numbers in the stated currency; an unknown amount is <c>null</c> with its
/// <c>status</c> "Unknown" (never 0); instants are ISO 8601 UTC. The format is documented in <c>docs/plan-output.md</c>.
/// </summary>
public static class OrderPlanJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    /// <summary>Serialises one plan option (itinerary, cost lines, criteria) to a JSON string.</summary>
    /// <param name="plan">The quoted plan.</param>
    /// <returns>A JSON object.</returns>
    public static string Serialize(QuotedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            WritePlan(w, plan);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Serialises a Pareto set (array of plan objects, in the planner's deterministic order).</summary>
    /// <param name="set">The plans.</param>
    /// <returns>A JSON array.</returns>
    public static string SerializeSet(IReadOnlyList<QuotedPlan> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartArray();
            foreach (var p in set)
            {
                WritePlan(w, p);
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes one plan object.</summary>
    /// <param name="w">Target writer.</param>
    /// <param name="plan">The plan.</param>
    public static void WritePlan(Utf8JsonWriter w, QuotedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(plan);
        var it = plan.Option.Itinerary;
        var q = plan.Quote;
        w.WriteStartObject();
        w.WriteString("currency", q.Currency.Value);
        w.WriteNumber("landedCost", q.LowerBound.Amount);
        w.WriteBoolean("landedCostComplete", q.IsComplete);
        if (q.UpperBound is Money.Money upper)
        {
            w.WriteNumber("landedCostHigh", upper.Amount);
        }
        else
        {
            w.WriteNull("landedCostHigh");
        }

        w.WriteNumber("sellerPays", q.LowerBoundFor(Payer.Seller).Amount);
        w.WriteNumber("buyerPays", q.LowerBoundFor(Payer.Buyer).Amount);
        w.WriteString("readyAt", InstantPattern.ExtendedIso.Format(it.ReadyAt));
        w.WriteString("deliveredAt", InstantPattern.ExtendedIso.Format(it.DeliveredAt));
        w.WriteNumber("deliveryDays", Math.Round(it.TransitHours / 24.0, 2));
        w.WriteNumber("co2eKg", Math.Round(it.Co2eKg, 3));
        if (q.CustomsValue is Money.Money cv)
        {
            w.WriteNumber("customsValue", cv.Amount);
        }

        w.WriteStartArray("costs");
        foreach (var c in q.Lines)
        {
            w.WriteStartObject();
            w.WriteString("kind", c.Kind.ToString());
            w.WriteString("label", c.Label);
            w.WriteString("status", c.Status.ToString());
            WriteAmount(w, "amount", c.Amount);
            WriteAmount(w, "high", c.High);
            w.WriteString("payer", c.Payer.ToString());
            if (c.RuleId is not null)
            {
                w.WriteString("rule", c.RuleId);
            }

            if (c.Source is not null)
            {
                w.WriteString("source", c.Source.Citation);
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
            w.WriteString("vehicle", lane.Vehicle.ToString());
            w.WriteString("service", lane.Service);
            w.WriteString("carrier", lane.Carrier);
            w.WriteString("from", lane.From);
            w.WriteString("to", lane.To);
            w.WriteString("departure", InstantPattern.ExtendedIso.Format(leg.Departure));
            w.WriteString("arrival", InstantPattern.ExtendedIso.Format(leg.Arrival));
            w.WriteNumber("chargeableWeightKg", leg.ChargeableWeight.Kilograms);
            w.WriteNumber("freight", leg.Freight.Amount);
            w.WriteString("freightCurrency", leg.Freight.Currency.Value);
            w.WriteNumber("freightInQuoteCurrency", Math.Round(leg.FreightInQuoteCurrency.Amount, 2));
            w.WriteNumber("distanceKm", Math.Round(leg.DistanceKm, 1));
            w.WriteNumber("co2eKg", Math.Round(leg.Co2eKg, 3));
            w.WriteString("clearance", lane.Clearance.ToString());
            w.WriteString("sourceStatus", lane.Source.Status.ToString());
            w.WriteString("source", lane.Source.Citation);
            if (lane.Source.AsOf is LocalDate asOf)
            {
                w.WriteString("sourceAsOf", asOf.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
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
