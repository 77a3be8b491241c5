using Microsoft.Extensions.DependencyInjection.Extensions;
using Kuajing.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kuajing.Web.Api;

/// <summary>
/// <c>POST /api/quotes</c>: plans an order without storing it and returns its exact Pareto set over landed cost,
/// delivery time and CO2e, with the chosen plan for the objective, in the shape of <c>kuajing plan --out FILE.json</c>
/// (docs/plan-output.md). Counted in <c>kuajing.orders.planned</c> and timed in <c>kuajing.plan.duration</c>.
/// </summary>
public static class QuotesApi
{
    /// <summary>Adds the planning engine (shared with the orders API).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddQuotesApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => PlanningEngine.Default);
        return builder;
    }

    /// <summary>Maps <c>POST /api/quotes</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapQuotesApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/quotes", QuoteAsync).WithTags("Quotes").WithName("Quote")
            .WithSummary("Quote an order: its Pareto set of door-to-door plans")
            .WithDescription("Body: one order object of the generic JSON format (docs/order-format.md). Query: `origin` (default CNCGO), `objective` (cheapest|fastest|greenest|balanced, default balanced), `incoterm` (DAP|DDP, default DAP), `currency` (default CNY). Response: one order of docs/plan-output.md (`status`, `flags`, `chosen`, `paretoSet`, `lanes`, `rules`); nothing is stored.")
            .Accepts<OrderInput>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> QuoteAsync(
        HttpContext http, PlanningEngine engine, string? origin, string? objective, string? incoterm, string? currency)
    {
        _ = KuajingCaller.From(http.User);
        if (engine.ParseOptions(origin, objective, incoterm, currency, out var errors) is not { } options)
        {
            return ApiProblem.Validation(errors);
        }

        var body = await OrdersApi.ReadBodyAsync(http.Request, OrdersApi.MaxOrderBytes);
        if (body is null)
        {
            return ApiProblem.Create(413, "http-413", "Request too large", $"An order body may be at most {OrdersApi.MaxOrderBytes} bytes.");
        }

        if (!OrdersApi.IsJsonObject(body))
        {
            return ApiProblem.Create(400, ApiProblem.Codes.MalformedRequest, "Malformed request", "Expected one JSON order object (docs/order-format.md).");
        }

        var read = engine.ReadGeneric(PlanningEngine.WrapOrder(body), json: true);
        if (read.Orders.Count != 1)
        {
            return ApiProblem.Validation(read.Rejections
                .GroupBy(r => r.Field.StartsWith("orders[0].", StringComparison.Ordinal) ? r.Field["orders[0].".Length..] : r.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(r => r.Reason).ToArray(), StringComparer.Ordinal));
        }

        var plan = engine.Plan(read.Orders[0], options);
        return TypedResults.Bytes(engine.WritePlanJson(plan, trackingNumber: null), "application/json");
    }
}
