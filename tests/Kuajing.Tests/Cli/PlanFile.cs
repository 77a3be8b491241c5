using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Tests.Cli;

/// <summary>
/// The <c>kuajing plan --out FILE.json</c> document, read strictly: every property the format promises must be
/// present (a missing one throws <see cref="KeyNotFoundException"/>), amounts are JSON numbers or JSON <c>null</c>.
/// Kept apart from the program's writer so that the tests read the file as a consumer would.
/// </summary>
internal sealed record PlanFile(
    string Source,
    IReadOnlyList<JsonOrder> Orders,
    IReadOnlyDictionary<string, JsonSourceRef> Lanes,
    IReadOnlyDictionary<string, JsonSourceRef> Rules)
{
    public JsonOrder Order(string id) => Orders.Single(o => o.OrderId == id);

    public static PlanFile From(JsonElement root) => new(
        root.GetProperty("source").GetString()!,
        [.. root.GetProperty("orders").EnumerateArray().Select(JsonOrder.From)],
        SourcesOf(root.GetProperty("lanes")),
        SourcesOf(root.GetProperty("rules")));

    private static Dictionary<string, JsonSourceRef> SourcesOf(JsonElement obj) =>
        obj.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new JsonSourceRef(p.Value.GetProperty("source").GetString()!, p.Value.GetProperty("sourceStatus").GetString()!),
            StringComparer.Ordinal);

    internal static decimal? NumberOrNull(JsonElement e, string name)
    {
        var v = e.GetProperty(name);
        return v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => v.GetDecimal(),
            _ => throw new FormatException($"'{name}' is {v.ValueKind}; expected a number or null"),
        };
    }

    internal static Instant InstantOf(JsonElement e, string name) =>
        InstantPattern.ExtendedIso.Parse(e.GetProperty(name).GetString()!).GetValueOrThrow();

    internal static string? StringOrNull(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>A lane's or rule's citation in the top-level <c>lanes</c> / <c>rules</c> objects.</summary>
internal sealed record JsonSourceRef(string Source, string SourceStatus);

/// <summary>One order of the JSON output.</summary>
internal sealed record JsonOrder(
    string OrderId,
    LocalDateTime PlacedAt,
    string Destination,
    decimal GoodsValue,
    string GoodsCurrency,
    int Lines,
    bool WeightEstimated,
    string Status,
    string? TrackingNumber,
    IReadOnlyList<string> Flags,
    int? Chosen,
    IReadOnlyList<JsonPlan> ParetoSet,
    string? Reason)
{
    public JsonPlan ChosenPlan => ParetoSet[Chosen!.Value];

    public static JsonOrder From(JsonElement e)
    {
        var planned = e.GetProperty("status").GetString() == "planned";
        return new JsonOrder(
            e.GetProperty("orderId").GetString()!,
            LocalDateTimePattern.ExtendedIso.Parse(e.GetProperty("placedAt").GetString()!).GetValueOrThrow(),
            e.GetProperty("destination").GetString()!,
            e.GetProperty("goodsValue").GetDecimal(),
            e.GetProperty("goodsCurrency").GetString()!,
            e.GetProperty("lines").GetInt32(),
            e.GetProperty("weightEstimated").GetBoolean(),
            e.GetProperty("status").GetString()!,
            planned ? e.GetProperty("trackingNumber").GetString() : null,
            planned ? [.. e.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)] : [],
            planned ? e.GetProperty("chosen").GetInt32() : null,
            planned ? [.. e.GetProperty("paretoSet").EnumerateArray().Select(JsonPlan.From)] : [],
            planned ? null : e.GetProperty("reason").GetString());
    }
}

/// <summary>One door-to-door plan (an element of <c>paretoSet</c>).</summary>
internal sealed record JsonPlan(
    string Currency,
    decimal LandedCost,
    bool LandedCostComplete,
    decimal? LandedCostHigh,
    decimal SellerPays,
    decimal BuyerPays,
    decimal? CustomsValue,
    Instant ReadyAt,
    Instant DeliveredAt,
    decimal Co2eKg,
    IReadOnlyList<JsonCost> Costs,
    IReadOnlyList<string> Flags,
    IReadOnlyList<JsonLeg> Legs)
{
    /// <summary>Ready-to-door time, exact (from the two instants, not the rounded <c>deliveryDays</c>).</summary>
    public Duration Transit => DeliveredAt - ReadyAt;

    public JsonCost Cost(string kind) => Costs.Single(c => c.Kind == kind);

    public static JsonPlan From(JsonElement e) => new(
        e.GetProperty("currency").GetString()!,
        e.GetProperty("landedCost").GetDecimal(),
        e.GetProperty("landedCostComplete").GetBoolean(),
        PlanFile.NumberOrNull(e, "landedCostHigh"),
        e.GetProperty("sellerPays").GetDecimal(),
        e.GetProperty("buyerPays").GetDecimal(),
        PlanFile.NumberOrNull(e, "customsValue"),
        PlanFile.InstantOf(e, "readyAt"),
        PlanFile.InstantOf(e, "deliveredAt"),
        e.GetProperty("co2eKg").GetDecimal(),
        [.. e.GetProperty("costs").EnumerateArray().Select(JsonCost.From)],
        [.. e.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!)],
        [.. e.GetProperty("legs").EnumerateArray().Select(JsonLeg.Parse)]);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{LandedCost} {Currency}, {Transit.TotalHours:F1} h, {Co2eKg} kg CO2e via {string.Join(" > ", Legs.Select(l => l.Lane))}");
}

/// <summary>One landed-cost line.</summary>
internal sealed record JsonCost(string Kind, string Label, string Status, decimal? Amount, decimal? High, string Payer, string? Rule, string? Reason)
{
    public static JsonCost From(JsonElement e) => new(
        e.GetProperty("kind").GetString()!,
        e.GetProperty("label").GetString()!,
        e.GetProperty("status").GetString()!,
        PlanFile.NumberOrNull(e, "amount"),
        PlanFile.NumberOrNull(e, "high"),
        e.GetProperty("payer").GetString()!,
        PlanFile.StringOrNull(e, "rule"),
        PlanFile.StringOrNull(e, "reason"));
}

/// <summary>One leg of a plan.</summary>
internal sealed record JsonLeg(
    string Lane,
    string Mode,
    string From,
    string To,
    Instant Departure,
    Instant Arrival,
    decimal ChargeableWeightKg,
    string FreightStatus,
    decimal? Freight,
    decimal? FreightInQuoteCurrency,
    decimal Co2eKg)
{
    public static JsonLeg Parse(JsonElement e) => new(
        e.GetProperty("lane").GetString()!,
        e.GetProperty("mode").GetString()!,
        e.GetProperty("from").GetString()!,
        e.GetProperty("to").GetString()!,
        PlanFile.InstantOf(e, "departure"),
        PlanFile.InstantOf(e, "arrival"),
        e.GetProperty("chargeableWeightKg").GetDecimal(),
        e.GetProperty("freightStatus").GetString()!,
        PlanFile.NumberOrNull(e, "freight"),
        PlanFile.NumberOrNull(e, "freightInQuoteCurrency"),
        e.GetProperty("co2eKg").GetDecimal());
}
