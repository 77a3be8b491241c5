using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Kuajing.LandedCost;
using Kuajing.Planning;
using Kuajing.Storage;
using NodaTime.Text;

namespace Kuajing.Cli;

/// <summary>Writes a planning run's results to a JSON (full Pareto sets) or CSV (chosen plans) file.</summary>
internal static class PlanOutput
{
    /// <summary>Writes plans to <paramref name="path"/>; the format follows the extension (.json or .csv).</summary>
    /// <param name="path">Output file; its folder is created.</param>
    /// <param name="source">Input name.</param>
    /// <param name="plans">Plans in input order.</param>
    /// <param name="records">Stored rows (for tracking numbers), plans first in the same order.</param>
    /// <param name="isPriced">Whether a lane has a published price.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <exception cref="ArgumentException">When the extension is neither .json nor .csv.</exception>
    public static async Task WriteAsync(string path, string source, IReadOnlyList<OrderPlan> plans, IReadOnlyList<OrderRecord> records, Func<Kuajing.Lanes.Lane, bool> isPriced, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var ext = Path.GetExtension(path).ToLowerInvariant();
        await using var stream = File.Create(path);
        switch (ext)
        {
            case ".json":
                await WriteJsonAsync(stream, source, plans, records, isPriced, ct);
                break;
            case ".csv":
                await WriteCsvAsync(stream, plans, records, ct);
                break;
            default:
                throw new ArgumentException($"output file '{path}': expected a .json or .csv extension", nameof(path));
        }
    }

    private static async Task WriteJsonAsync(Stream stream, string source, IReadOnlyList<OrderPlan> plans, IReadOnlyList<OrderRecord> records, Func<Kuajing.Lanes.Lane, bool> isPriced, CancellationToken ct)
    {
        await using var w = new Utf8JsonWriter(stream);
        w.WriteStartObject();
        w.WriteString("source", source);
        w.WriteStartArray("orders");
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            OrderPlanJson.WriteOrder(w, plan, plan.Chosen is null ? null : records[i].Shipment!.TrackingNumber, isPriced);
            if (w.BytesPending > 1 << 16)
            {
                await w.FlushAsync(ct);
            }
        }

        w.WriteEndArray();
        OrderPlanJson.WriteSources(w, plans.SelectMany(p => p.ParetoSet), OrderPlanJson.ComplianceRulesOf(plans));
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    private static async Task WriteCsvAsync(Stream stream, IReadOnlyList<OrderPlan> plans, IReadOnlyList<OrderRecord> records, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        string[] header = ["order_id", "placed_at", "destination", "status", "tracking_number", "route", "modes", "delivered_at", "delivery_days", "gross_weight_kg", "parcels", "currency", "freight", "duty", "import_tax", "fees", "landed_cost", "landed_cost_complete", "seller_pays", "buyer_pays", "co2e_kg", "pareto_size", "flags", "reason", "compliance", "blocked_lanes"];
        foreach (var h in header)
        {
            csv.WriteField(h);
        }

        await csv.NextRecordAsync();
        for (var i = 0; i < plans.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            var plan = plans[i];
            var s = records[i].Shipment;
            var it = plan.Chosen?.Option.Itinerary;
            csv.WriteField(plan.Order.OrderId);
            csv.WriteField(LocalDateTimePattern.ExtendedIso.Format(plan.Order.PlacedAt));
            csv.WriteField(plan.Order.BuyerCountry.Value);
            csv.WriteField(s is null ? "no-route" : "planned");
            csv.WriteField(s?.TrackingNumber ?? "");
            csv.WriteField(it is null ? "" : string.Join(" > ", it.Legs.Select(l => l.Lane.From).Append(it.Legs[^1].Lane.To)));
            csv.WriteField(it is null ? "" : string.Join("+", it.Legs.Select(l => l.Lane.Mode)));
            csv.WriteField(it is null ? "" : InstantPattern.ExtendedIso.Format(it.DeliveredAt));
            csv.WriteField(s?.DeliveryDays.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(plan.Goods.GrossWeight.Kilograms);
            csv.WriteField(plan.Goods.Parcels.Count);
            csv.WriteField(s?.QuoteCurrency ?? "");
            csv.WriteField(s is null ? "" : s.Freight.ToString(CultureInfo.InvariantCulture) + (s.FreightComplete ? "" : " (lower bound)"));
            var quote = plan.Chosen?.Quote;
            csv.WriteField(quote is null ? "" : PlanRecordMapping.Describe(quote, CostKind.Duty));
            csv.WriteField(quote is null ? "" : PlanRecordMapping.Describe(quote, CostKind.ImportVat));
            csv.WriteField(quote is null ? "" : PlanRecordMapping.Describe(quote, CostKind.Fee));
            csv.WriteField(s?.LandedCost.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(s is null ? "" : s.LandedCostComplete ? "yes" : "no (lower bound)");
            csv.WriteField(s?.SellerPays.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(s?.BuyerPays.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(s?.Co2eKg.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(plan.ParetoSet.Count);
            csv.WriteField(string.Join(';', plan.Flags));
            csv.WriteField(plan.ReasonDetail ?? "");
            csv.WriteField(string.Join(';', plan.Compliance.Select(f => f.Rule.Outcome.ToString().ToLowerInvariant() + ":" + f.Rule.Id)));
            csv.WriteField(string.Join(';', plan.BlockedLanes.Select(b => b.LaneId + ":" + b.Rule.Id)));
            await csv.NextRecordAsync();
        }
    }
}
