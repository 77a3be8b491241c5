using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text.Json;
using Kuajing.Planning;
using Kuajing.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kuajing.Web.Api;

/// <summary>
/// <c>/api/orders</c>: create one order (generic JSON), bulk upload (generic CSV or JSON file) with a per-row
/// validation report, list, get, and the stored plan of an order. Creating is for sellers; orders are planned at
/// once with the options in the query string (<c>origin</c>, <c>objective</c>, <c>incoterm</c>, <c>currency</c>,
/// defaults as <c>kuajing plan</c>).
/// </summary>
public static class OrdersApi
{
    /// <summary>Largest single-order body, bytes (1 MiB).</summary>
    public const int MaxOrderBytes = 1 << 20;

    /// <summary>Largest bulk upload, bytes (32 MiB, about 200,000 CSV lines).</summary>
    public const int MaxUploadBytes = 32 << 20;

    /// <summary>Adds the order services (<see cref="IOrderQueries"/>, <see cref="IOrderIntake"/>, <see cref="PlanningEngine"/>).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddOrdersApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => PlanningEngine.Default);
        builder.Services.TryAddSingleton<AccessRules>();
        builder.Services.AddSingleton<IOrderQueries, OrderQueries>();
        builder.Services.AddSingleton<IOrderIntake, OrderIntake>();
        return builder;
    }

    /// <summary>Maps the order endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapOrdersApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/orders").WithTags("Orders").RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapGet("", ListAsync).WithName("ListOrders").WithSummary("List your orders")
            .WithDescription("Sellers see the orders they own, admins all; providers and brokers get an empty list (they see shipments). Ordered by key.");
        group.MapGet("/{key}", GetAsync).WithName("GetOrder").WithSummary("Get one order")
            .WithDescription("The key is `source|orderId` as returned on create, URL-encoded (`|` = `%7C`). 404 when absent or not yours.");
        group.MapGet("/{key}/plan", GetPlanAsync).WithName("GetOrderPlan").WithSummary("Get the stored plan (Pareto set) of an order")
            .WithDescription("The Pareto set stored with the order's shipment, in the shape of docs/plan-output.md (`paretoSet`), and the chosen plan's totals.");
        group.MapPost("", CreateAsync).WithName("CreateOrder").WithSummary("Create and plan one order")
            .WithDescription("Body: one order object of the generic JSON format (docs/order-format.md). The order is planned at once and stored with its shipment. Sellers only. Send `Idempotency-Key` to retry safely.")
            .Accepts<OrderInput>("application/json")
            .WithIdempotency();
        group.MapPost("/bulk", UploadAsync).WithName("UploadOrders").WithSummary("Upload orders in bulk with a per-row validation report")
            .WithDescription("Body: a generic CSV file (`text/csv`, one row per order line) or a generic JSON file (`application/json`, `{\"orders\":[…]}`), docs/order-format.md. Good orders are planned and stored; every bad row is reported with its line, field and what was expected (a bad row rejects its whole order). Sellers only.")
            .Accepts<string>("text/csv", "application/json")
            .WithIdempotency();
        return app;
    }

    private static async Task<Results<Ok<Page<OrderView>>, ValidationProblem>> ListAsync(HttpContext http, IOrderQueries orders, int? offset, int? limit)
    {
        if (PagingProblem(offset, limit) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await orders.ListAsync(KuajingCaller.From(http.User), offset ?? 0, limit ?? Paging.DefaultLimit, http.RequestAborted));
    }

    private static async Task<Results<Ok<OrderView>, ProblemHttpResult>> GetAsync(HttpContext http, IOrderQueries orders, string key) =>
        await orders.GetAsync(KuajingCaller.From(http.User), key, http.RequestAborted) is { } order
            ? TypedResults.Ok(order)
            : ApiProblem.NotFound($"order {key}");

    private static async Task<Results<Ok<StoredPlanView>, ProblemHttpResult>> GetPlanAsync(HttpContext http, IOrderQueries orders, string key) =>
        await orders.GetPlanAsync(KuajingCaller.From(http.User), key, http.RequestAborted) is { } plan
            ? TypedResults.Ok(plan)
            : ApiProblem.NotFound($"planned order {key}");

    private static async Task<Results<Created<OrderView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, PlanningEngine engine, IOrderIntake intake, string? origin, string? objective, string? incoterm, string? currency)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role != AccountRole.Seller)
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Only a seller organisation creates orders.");
        }

        if (engine.ParseOptions(origin, objective, incoterm, currency, out var errors) is not { } options)
        {
            return ApiProblem.Validation(errors);
        }

        var body = await ReadBodyAsync(http.Request, MaxOrderBytes);
        if (body is null)
        {
            return ApiProblem.Create(413, "http-413", "Request too large", $"An order body may be at most {MaxOrderBytes} bytes; use /api/orders/bulk for files.");
        }

        if (!IsJsonObject(body))
        {
            return ApiProblem.Create(400, ApiProblem.Codes.MalformedRequest, "Malformed request", "Expected one JSON order object (docs/order-format.md).");
        }

        var report = await intake.UploadJsonAsync(caller, PlanningEngine.WrapOrder(body), options, http.RequestAborted);
        if (report.Rejected.Any(r => r.Kind == RowProblem.Duplicate))
        {
            return ApiProblem.Create(409, ApiProblem.Codes.Conflict, "Order exists", report.Rejected.First(r => r.Kind == RowProblem.Duplicate).Reason);
        }

        if (report.Accepted.Count != 1)
        {
            return ApiProblem.Validation(report.Rejected
                .GroupBy(r => r.Field.StartsWith("orders[0].", StringComparison.Ordinal) ? r.Field["orders[0].".Length..] : r.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray(), StringComparer.Ordinal));
        }

        var order = report.Accepted[0];
        return TypedResults.Created("/api/orders/" + Uri.EscapeDataString(order.Key), order);
    }

    private static async Task<Results<Ok<IntakeReport>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpContext http, PlanningEngine engine, IOrderIntake intake, string? origin, string? objective, string? incoterm, string? currency)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role != AccountRole.Seller)
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Only a seller organisation uploads orders.");
        }

        if (engine.ParseOptions(origin, objective, incoterm, currency, out var errors) is not { } options)
        {
            return ApiProblem.Validation(errors);
        }

        var media = http.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (media is not ("text/csv" or "application/json"))
        {
            return ApiProblem.Create(415, "http-415", "Unsupported media type", "Send the file as text/csv (generic CSV) or application/json (generic JSON).");
        }

        var body = await ReadBodyAsync(http.Request, MaxUploadBytes);
        if (body is null)
        {
            return ApiProblem.Create(413, "http-413", "Request too large", $"An upload may be at most {MaxUploadBytes} bytes; split the file.");
        }

        var report = media == "text/csv"
            ? await intake.UploadCsvAsync(caller, body, options, http.RequestAborted)
            : await intake.UploadJsonAsync(caller, body, options, http.RequestAborted);
        return TypedResults.Ok(report);
    }

    internal static ValidationProblem? PagingProblem(int? offset, int? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (offset < 0)
        {
            errors["offset"] = ["expected a whole number ≥ 0"];
        }

        if (limit is < 1 or > Paging.MaxLimit)
        {
            errors["limit"] = [$"expected 1 to {Paging.MaxLimit}"];
        }

        return errors.Count == 0 ? null : ApiProblem.Validation(errors);
    }

    internal static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    internal static bool IsJsonObject(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
