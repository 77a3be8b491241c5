using Microsoft.Extensions.DependencyInjection.Extensions;
using Kuajing.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kuajing.Web.Api;

/// <summary>
/// <c>/api/shipments</c>: list and get shipments with their legs, their tracking timeline (read-only), and assigning a
/// provider or broker to a shipment (its owning seller or an admin).
/// </summary>
public static class ShipmentsApi
{
    /// <summary>Adds <see cref="IShipmentQueries"/>.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddShipmentsApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<AccessRules>();
        builder.Services.TryAddSingleton<IShipmentQueries, ShipmentQueries>();
        return builder;
    }

    /// <summary>Maps the shipment endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapShipmentsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/shipments").WithTags("Shipments").RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("", ListAsync).WithName("ListShipments").WithSummary("List your shipments")
            .WithDescription("Sellers: shipments of their orders; providers: those they carry; brokers: those they are appointed to; admins: all. Money only for the owning seller and admins. Legs are left out; get one shipment for them.");
        group.MapGet("/{number}", GetAsync).WithName("GetShipment").WithSummary("Get one shipment with its legs")
            .WithDescription("By Kuajing UPU S10 number. 404 when absent or not visible to you.");
        group.MapGet("/{number}/timeline", TimelineAsync).WithName("GetShipmentTimeline").WithSummary("Get a shipment's tracking timeline")
            .WithDescription("Events by event time, by Kuajing number or a linked carrier number; events of other parties' shipments under a shared carrier number are left out. Read-only.");
        group.MapPost("/{number}/assignments", AssignAsync).WithName("AssignShipment").WithSummary("Assign a provider or broker to a shipment")
            .WithDescription("The owning seller or an admin names a provider (`carrier`, whole shipment or one leg) or a broker (`broker`). 404 when the shipment is not yours.")
            .Accepts<AssignmentInput>("application/json")
            .WithIdempotency();
        return app;
    }

    private static async Task<Results<Ok<Page<ShipmentView>>, ValidationProblem>> ListAsync(HttpContext http, IShipmentQueries shipments, int? offset, int? limit)
    {
        if (OrdersApi.PagingProblem(offset, limit) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await shipments.ListAsync(KuajingCaller.From(http.User), offset ?? 0, limit ?? Paging.DefaultLimit, http.RequestAborted));
    }

    private static async Task<Results<Ok<ShipmentView>, ProblemHttpResult>> GetAsync(HttpContext http, IShipmentQueries shipments, string number) =>
        await shipments.GetAsync(KuajingCaller.From(http.User), number, http.RequestAborted) is { } s
            ? TypedResults.Ok(s)
            : ApiProblem.NotFound($"shipment {number}");

    private static async Task<Results<Ok<TimelineView>, ProblemHttpResult>> TimelineAsync(HttpContext http, IShipmentQueries shipments, string number) =>
        await shipments.TimelineAsync(KuajingCaller.From(http.User), number, http.RequestAborted) is { } t
            ? TypedResults.Ok(t)
            : ApiProblem.NotFound($"shipment {number}");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> AssignAsync(HttpContext http, IShipmentQueries shipments, AccountService accounts, string number)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role is not (AccountRole.Seller or AccountRole.Admin))
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Only the owning seller or an admin assigns providers and brokers.");
        }

        var shipment = await shipments.GetAsync(caller, number, http.RequestAborted);
        if (shipment is null || shipment.Relation is not ("owner" or "admin"))
        {
            return ApiProblem.NotFound($"shipment {number}");
        }

        var body = await OrdersApi.ReadBodyAsync(http.Request, 16384);
        AssignmentInput? input = null;
        try
        {
            input = body is null ? null : System.Text.Json.JsonSerializer.Deserialize<AssignmentInput>(body, System.Text.Json.JsonSerializerOptions.Web);
        }
        catch (System.Text.Json.JsonException)
        {
            input = null;
        }

        if (input is null || string.IsNullOrWhiteSpace(input.OrganisationId) || string.IsNullOrWhiteSpace(input.Kind))
        {
            return ApiProblem.Create(400, ApiProblem.Codes.MalformedRequest, "Malformed request", "Expected {\"organisationId\": \"org_…\", \"kind\": \"carrier|broker\", \"leg\": 0}.");
        }

        if (input.Leg is int leg && (leg < 0 || leg > shipment.Legs.Count))
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["leg"] = [$"expected 0 (whole shipment) to {shipment.Legs.Count}"] });
        }

        try
        {
            await accounts.AssignShipmentAsync(shipment.TrackingNumber, input.OrganisationId, input.Kind, input.Leg ?? 0, http.RequestAborted);
        }
        catch (AccountException e)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["organisationId"] = [e.Message] });
        }

        return TypedResults.NoContent();
    }
}

/// <summary>
/// <c>GET /api/public/track/{number}</c>: the public tracking page's data, no sign-in. Only milestones, times and
/// places (UN/LOCODE or city and country) — never goods values, names, addresses or organisations. Rate-limited per
/// client IP address.
/// </summary>
public static class PublicTrackingApi
{
    /// <summary>Adds nothing beyond <see cref="IShipmentQueries"/> (added by <see cref="ShipmentsApi.AddShipmentsApi"/>); kept for a uniform table of contents.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddPublicTrackingApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<AccessRules>();
        builder.Services.TryAddSingleton<IShipmentQueries, ShipmentQueries>();
        return builder;
    }

    /// <summary>Maps <c>GET /api/public/track/{number}</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapPublicTrackingApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/public/track/{number}", TrackAsync).WithTags("Public tracking").WithName("PublicTrack")
            .WithSummary("Track a parcel by number (public)")
            .WithDescription("By Kuajing number, or a carrier number linked to exactly one shipment. Milestones, times and places only. 404 when unknown or when a carrier number is shared by several shipments.")
            .AllowAnonymous()
            .RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<PublicTracking>, ProblemHttpResult>> TrackAsync(HttpContext http, IShipmentQueries shipments, string number) =>
        await shipments.PublicTrackingAsync(number, http.RequestAborted) is { } t
            ? TypedResults.Ok(t)
            : ApiProblem.NotFound($"parcel {number}");
}
