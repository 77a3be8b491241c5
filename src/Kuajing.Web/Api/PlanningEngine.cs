using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Kuajing.Diagnostics;
using Kuajing.Emissions;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Planning;
using Kuajing.ReferenceData;
using Kuajing.Trade;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Web.Api;

/// <summary>
/// The planning side of the server: the reference data, lane catalogue, emission factors and import rules of
/// <c>data/</c>, loaded once per process (about 0.2 s, on first use), and order planners per option set, built once
/// and reused (<see cref="OrderPlanner"/> is thread-safe). It plans exactly as <c>kuajing plan</c> does
/// (<see cref="OrderPlanner.Plan"/>) and writes the same JSON (docs/plan-output.md). Every plan is counted in
/// <see cref="KuajingTelemetry.OrdersPlanned"/> and timed in <see cref="KuajingTelemetry.PlanDuration"/>.
/// </summary>
public sealed class PlanningEngine
{
    private static readonly Lazy<PlanningEngine> Shared = new(() => Load(DataDirectory.Find()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly ConcurrentDictionary<(OrderPlanOptions Options, PackingPolicy Packing), OrderPlanner> _planners = new();
    private readonly ConcurrentDictionary<LocalDate, PackingPolicy> _packing = new();
    private readonly PlanningData _data;

    private PlanningEngine(string dataDir)
    {
        _data = PlanningData.Load(dataDir); // the same composition as `kuajing plan`, compliance rules included
        Reader = OrdersReader.Create(Reference);
    }

    /// <summary>The process-wide engine over the repository's <c>data/</c> folder, loaded on first use.</summary>
    /// <exception cref="ReferenceDataException">On first use, when a data file is missing or malformed.</exception>
    public static PlanningEngine Default => Shared.Value;

    /// <summary>Countries, currencies, FX rates, HS nomenclature.</summary>
    public ReferenceDataSet Reference => _data.Reference;

    /// <summary>The lane catalogue (nodes and lanes).</summary>
    public LaneCatalogue Catalogue => _data.Catalogue;

    /// <summary>The order reader (generic CSV/JSON, with the bundled weight estimates).</summary>
    public OrdersReader Reader { get; }

    /// <summary>Loads an engine over a data folder (tests; the server uses <see cref="Default"/>).</summary>
    /// <param name="dataDir">The data folder.</param>
    /// <returns>The engine.</returns>
    /// <exception cref="ReferenceDataException">When a data file is missing or malformed.</exception>
    public static PlanningEngine Load(string dataDir) => new(dataDir);

    /// <summary>
    /// Parses planning options as the CLI spells them; <see langword="null"/> takes the CLI's default (origin
    /// <c>CNCGO</c>, objective <c>balanced</c>, Incoterm <c>DAP</c>, currency <c>CNY</c>).
    /// </summary>
    /// <param name="origin">Origin node code of the lane catalogue.</param>
    /// <param name="objective"><c>cheapest</c>, <c>fastest</c>, <c>greenest</c> or <c>balanced</c>.</param>
    /// <param name="incoterm"><c>DAP</c> or <c>DDP</c>.</param>
    /// <param name="currency">ISO 4217 quote currency with FX rates.</param>
    /// <param name="errors">Field → what was expected, for every bad value.</param>
    /// <returns>The options, or <see langword="null"/> when <paramref name="errors"/> is not empty.</returns>
    public OrderPlanOptions? ParseOptions(string? origin, string? objective, string? incoterm, string? currency, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        origin ??= LaneCatalogue.DefaultOrigin;
        if (!Catalogue.Nodes.TryGetValue(origin, out var node) || node.Kind != Geography.NodeKind.Hub)
        {
            errors["origin"] = [$"expected an origin hub of the lane catalogue: {string.Join(", ", Catalogue.Nodes.Values.Where(n => n.Kind == Geography.NodeKind.Hub).Select(n => n.Code).Order(StringComparer.Ordinal))}"];
        }

        if (!Enum.TryParse<PlanObjective>(objective ?? "balanced", ignoreCase: true, out var obj) || !Enum.IsDefined(obj) || int.TryParse(objective, out _))
        {
            errors["objective"] = ["expected cheapest, fastest, greenest or balanced"];
        }

        if (!Enum.TryParse<Incoterm>(incoterm ?? "DAP", ignoreCase: true, out var inc) || !Enum.IsDefined(inc) || int.TryParse(incoterm, out _))
        {
            errors["incoterm"] = ["expected DAP or DDP"];
        }

        CurrencyCode quote = default;
        try
        {
            quote = new CurrencyCode(currency ?? "CNY");
            if (!Reference.Fx.Currencies.Contains(quote))
            {
                errors["currency"] = [$"no FX rates for {quote} in data/reference/fx-rates"];
            }
        }
        catch (FormatException)
        {
            errors["currency"] = ["expected an ISO 4217 code in upper case, e.g. CNY or EUR"];
        }

        return errors.Count == 0 ? new OrderPlanOptions(origin, obj, inc, quote) : null;
    }

    /// <summary>Plans one order (pack, exact Pareto set, landed cost, pick), counting it in the Kuajing metrics.</summary>
    /// <param name="order">An accepted order (from <see cref="ReadGeneric"/>).</param>
    /// <param name="options">Options from <see cref="ParseOptions"/>.</param>
    /// <returns>The plan, or the reason none was found.</returns>
    /// <exception cref="ReferenceDataException">When no packing assumption of <c>data/planning/packing.csv</c> is in force on the order date.</exception>
    public OrderPlan Plan(Order order, OrderPlanOptions options)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        using var activity = KuajingTelemetry.Activities.StartActivity("plan order");
        var packing = _packing.GetOrAdd(order.OrderDate, _data.PackingOn);
        var planner = _planners.GetOrAdd((options, packing), k => _data.CreatePlanner(k.Options, k.Packing));
        var plan = planner.Plan(order);
        KuajingTelemetry.PlanDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        KuajingTelemetry.OrdersPlanned.Add(1, new KeyValuePair<string, object?>("outcome", plan.Chosen is null ? "no-route" : "planned"));
        return plan;
    }

    /// <summary>
    /// Reads orders in the generic CSV or JSON format (docs/order-format.md) from memory, with every rule of the file
    /// reader (a bad line rejects its whole order; every bad line reported with line, field and what was expected).
    /// </summary>
    /// <param name="content">The file's bytes (UTF-8).</param>
    /// <param name="json">True for the JSON format (<c>{"orders":[…]}</c>), false for CSV.</param>
    /// <returns>Orders and rejections; rejection locations name the file <c>upload</c>.</returns>
    public OrderReadResult ReadGeneric(ReadOnlyMemory<byte> content, bool json)
    {
        // The reader works on files (format by extension and header); a private temp file keeps its rules in one place.
        var path = Path.Combine(Path.GetTempPath(), "kuajing-upload-" + Guid.NewGuid().ToString("N") + (json ? ".json" : ".csv"));
        File.WriteAllBytes(path, content.ToArray());
        try
        {
            var result = Reader.Read(path);
            var rejections = result.Rejections.Select(r => r with { Location = new SourceLocation("upload", r.Location.Line) }).ToArray();
            return result with { Rejections = rejections };
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Writes one order's plan as a JSON object in the shape of one element of <c>orders</c> in docs/plan-output.md,
    /// plus the <c>lanes</c> and <c>rules</c> citations its plans refer to.
    /// </summary>
    /// <param name="plan">The plan.</param>
    /// <param name="trackingNumber">The stored shipment's number, or <see langword="null"/> for a quote.</param>
    /// <returns>UTF-8 JSON.</returns>
    public byte[] WritePlanJson(OrderPlan plan, string? trackingNumber)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            // One order object of docs/plan-output.md, with its own lanes and rules citations.
            OrderPlanJson.WriteOrder(w, plan, trackingNumber, Catalogue.IsPriceKnown, withSources: true);
        }

        return buffer.ToArray();
    }

    /// <summary>Wraps one generic JSON order object as the file format's <c>{"orders":[…]}</c>.</summary>
    /// <param name="orderObject">The order object's UTF-8 JSON.</param>
    /// <returns>The file's bytes.</returns>
    internal static byte[] WrapOrder(ReadOnlySpan<byte> orderObject)
    {
        var head = "{\"orders\":["u8;
        var tail = "]}"u8;
        var result = new byte[head.Length + orderObject.Length + tail.Length];
        head.CopyTo(result);
        orderObject.CopyTo(result.AsSpan(head.Length));
        tail.CopyTo(result.AsSpan(head.Length + orderObject.Length));
        return result;
    }
}
