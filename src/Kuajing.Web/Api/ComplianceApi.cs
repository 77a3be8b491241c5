using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kuajing.Web.Api;

/// <summary>A stored compliance warning (docs/compliance.md): what a newly effective rule or rate row changes for an open order.</summary>
/// <param name="RuleId">The rule row of <c>data/compliance/rules.csv</c> (or the rate rule) that took effect.</param>
/// <param name="Change"><c>cost</c>, <c>blocked</c>, <c>filing</c>, <c>document</c>, <c>label</c> or <c>warning</c>.</param>
/// <param name="EffectiveOn">The day the change takes effect (ISO date).</param>
/// <param name="Message">What changes and what to do, with the rule's citation.</param>
/// <param name="CostBefore">For <c>cost</c>: landed cost before, in <paramref name="Currency"/>; else null.</param>
/// <param name="CostAfter">For <c>cost</c>: landed cost after, in <paramref name="Currency"/>; else null.</param>
/// <param name="Currency">ISO 4217 currency of the costs; empty when no cost is given.</param>
/// <param name="TrackingNumber">The shipment the warning is on, if planned.</param>
/// <param name="RaisedAsOf">The evaluation date of the <c>kuajing compliance impact</c> run that raised it.</param>
/// <param name="RaisedAtUtc">When that run stored it (UTC).</param>
public sealed record ComplianceWarningView(string RuleId, string Change, DateOnly EffectiveOn, string Message, decimal? CostBefore, decimal? CostAfter, string Currency, string? TrackingNumber, DateOnly RaisedAsOf, DateTime RaisedAtUtc);

/// <summary>The compliance warnings of one order.</summary>
/// <param name="OrderKey">The order's key.</param>
/// <param name="TrackingNumber">Its shipment's number, when planned.</param>
/// <param name="Warnings">By effective date, then rule.</param>
public sealed record ComplianceWarningsView(string OrderKey, string? TrackingNumber, IReadOnlyList<ComplianceWarningView> Warnings);

/// <summary>
/// <c>GET /api/orders/{key}/compliance</c>: the warnings <c>kuajing compliance impact</c> stored on an order and its shipment
/// (plan store table <c>compliance_warnings</c>, issue #5 point 7) — a blocked lane, a new filing, document or label, a
/// landed-cost change — for the owning seller and admins. Providers and brokers 403 (warnings carry landed cost); others 404.
/// </summary>
public static class ComplianceApi
{
    /// <summary>Adds the access rules the endpoint uses.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddComplianceApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<AccessRules>();
        return builder;
    }

    /// <summary>Maps <c>GET /api/orders/{key}/compliance</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapComplianceApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/orders/{key}/compliance", ListAsync).WithTags("Compliance").WithName("GetOrderCompliance")
            .WithSummary("Compliance warnings of an order")
            .WithDescription("Warnings stored by `kuajing compliance impact` when a rule or rate row took effect: blocked lane, new filing, document, label, cost change (docs/compliance.md). Owning seller and admins; providers and brokers 403; others 404.")
            .RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<ComplianceWarningsView>, ProblemHttpResult>> ListAsync(HttpContext http, KuajingDatabase database, AccessRules rules, string key)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role is not (AccountRole.Seller or AccountRole.Admin))
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Compliance warnings are for the owning seller and admins.");
        }

        if (!await rules.SeesOrderAsync(caller, key, http.RequestAborted))
        {
            return ApiProblem.NotFound($"order {key}");
        }

        await using var plans = database.OpenPlanStore();
        var order = await plans.Orders.AsNoTracking().Where(o => o.SourceKey == key).Select(o => new { o.SourceKey, Number = o.Shipment != null ? o.Shipment.TrackingNumber : null }).FirstOrDefaultAsync(http.RequestAborted);
        if (order is null)
        {
            return ApiProblem.NotFound($"order {key}");
        }

        var rows = await plans.ComplianceWarnings.AsNoTracking().Where(w => w.SourceKey == key).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(new ComplianceWarningsView(order.SourceKey, order.Number, [.. rows
            .OrderBy(w => w.EffectiveOn).ThenBy(w => w.RuleId, StringComparer.Ordinal).ThenBy(w => w.Change)
            .Select(w => new ComplianceWarningView(w.RuleId, w.Change.ToString().ToLowerInvariant(), w.EffectiveOn, w.Message, w.CostBefore, w.CostAfter, w.Currency, w.TrackingNumber, w.RaisedAsOf, DateTime.SpecifyKind(w.RaisedAtUtc, DateTimeKind.Utc)))]));
    }
}
