using System.Text.Json;
using Kuajing.Timeline;
using Kuajing.Webhooks;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Kuajing.Web.Api;

/// <summary>A new webhook subscription (docs/webhooks.md).</summary>
/// <param name="Url">Where deliveries are POSTed: an absolute <c>https</c> URL (<c>http</c> only for localhost, 127.0.0.0/8, [::1]); no user information, no fragment.</param>
/// <param name="Scope"><c>shipment</c> (one shipment you may see; give <paramref name="Shipment"/>) or <c>account</c> (every shipment your seller organisation owns).</param>
/// <param name="Shipment">The shipment's Kuajing number, for <c>scope = shipment</c>.</param>
/// <param name="Kinds"><c>milestone</c>, <c>exception</c> or both (default both).</param>
/// <param name="Codes">Only these codes (lower snake case, e.g. <c>delivered</c>, <c>customs_hold</c>); empty or absent for all.</param>
public sealed record WebhookInput(string Url, string Scope, string? Shipment, IReadOnlyList<string>? Kinds, IReadOnlyList<string>? Codes);

/// <summary>A webhook subscription of the caller's organisation (the signing secret is never shown again after creation).</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="Url">Where deliveries are POSTed.</param>
/// <param name="Scope"><c>shipment</c> or <c>account</c>.</param>
/// <param name="Shipment">The shipment followed, for <c>scope = shipment</c>.</param>
/// <param name="Kinds"><c>milestone</c> and/or <c>exception</c>.</param>
/// <param name="Codes">The code filter; empty for all codes.</param>
/// <param name="Pending">Deliveries waiting for an attempt.</param>
/// <param name="Delivered">Deliveries answered 2xx.</param>
/// <param name="DeadLettered">Deliveries given up (rejected, out of attempts, or pending when the subscription was deleted).</param>
public sealed record WebhookView(Guid Id, string Url, string Scope, string? Shipment, IReadOnlyList<string> Kinds, IReadOnlyList<string> Codes, int Pending, int Delivered, int DeadLettered);

/// <summary>A newly created subscription with its signing secret, shown this once.</summary>
/// <param name="Subscription">The subscription.</param>
/// <param name="Secret">The HMAC-SHA256 signing secret, <c>whsec_</c> + 64 hex digits: store it now; it is never shown again.</param>
public sealed record CreatedWebhookView(WebhookView Subscription, string Secret);

/// <summary>
/// <c>/api/webhooks</c>: an organisation's webhook subscriptions (issue #3 point 7) — list, create (the signing secret is
/// shown once), delete. Each organisation sees and deletes only its own. A subscription follows one shipment the caller
/// may see, or (sellers) every shipment the organisation owns: account scope is the organisation id, and the owning
/// seller is recorded as the account of each shipment that has none when the subscription is created and whenever
/// events are posted through the API.
/// </summary>
/// <remarks>
/// Ownership is a row of the web store (<see cref="Storage.WebhookOwnerRecord"/>), written before the subscription
/// itself: a failure between the two leaves an owner row without a subscription, which lists as nothing. Subscriptions
/// added with the CLI have no owner row and are invisible to the API.
/// </remarks>
public static class WebhooksApi
{
    /// <summary>Adds the clock the subscription store uses.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddWebhooksApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        return builder;
    }

    /// <summary>Maps the webhook endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapWebhooksApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("", ListAsync).WithName("ListWebhooks").WithSummary("List your organisation's webhook subscriptions")
            .WithDescription("Only your organisation's own subscriptions, oldest first, with their delivery counts; secrets are never listed.");
        group.MapPost("", CreateAsync).WithName("CreateWebhook").WithSummary("Subscribe a URL to milestones and exceptions")
            .WithDescription("Scope `shipment` (a shipment you may see; 404 otherwise) or `account` (sellers: every shipment your organisation owns). Returns the HMAC-SHA256 signing secret once (docs/webhooks.md: verifying a delivery).")
            .Accepts<WebhookInput>("application/json")
            .WithIdempotency();
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Delete one of your subscriptions")
            .WithDescription("Its pending deliveries are dead-lettered (reason `subscription deleted`); the delivery log is kept. 404 when the id is not one of your organisation's.");
        return app;
    }

    /// <summary>
    /// Records the owning seller organisation as the webhook account of each shipment that has none yet, so
    /// account-scoped subscriptions (scope value = organisation id) follow the seller's shipments. Accounts set with
    /// <c>kuajing webhooks assign</c> are kept.
    /// </summary>
    internal static async Task AssignOwnersAsync(KuajingDatabase database, IReadOnlyCollection<string> trackingNumbers, CancellationToken ct)
    {
        if (trackingNumbers.Count == 0)
        {
            return;
        }

        var numbers = trackingNumbers.Distinct(StringComparer.Ordinal).ToList();
        await using var timeline = database.OpenTimelineStore();
        var assigned = await timeline.ShipmentAccounts.AsNoTracking().Where(a => EF.Parameter(numbers).Contains(a.ShipmentNumber)).Select(a => a.ShipmentNumber).ToListAsync(ct);
        var missing = numbers.Except(assigned, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        List<(string Number, string Key)> keys;
        await using (var plans = database.OpenPlanStore())
        {
            keys = [.. (await plans.Shipments.AsNoTracking().Where(s => EF.Parameter(missing).Contains(s.TrackingNumber))
                .Select(s => new { s.TrackingNumber, s.Order!.SourceKey }).ToListAsync(ct)).Select(x => (x.TrackingNumber, x.SourceKey))];
        }

        var sourceKeys = keys.Select(k => k.Key).ToList();
        Dictionary<string, string> owners;
        await using (var web = database.OpenWebStore())
        {
            owners = await web.OrderOwners.AsNoTracking().Where(o => EF.Parameter(sourceKeys).Contains(o.SourceKey)).ToDictionaryAsync(o => o.SourceKey, o => o.OrganisationId, ct);
        }

        foreach (var (number, key) in keys)
        {
            if (owners.TryGetValue(key, out var org))
            {
                timeline.ShipmentAccounts.Add(new WebhookShipmentAccountRecord { ShipmentNumber = number, AccountId = org });
            }
        }

        try
        {
            await timeline.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request recorded the same shipments first: theirs stands.
        }
    }

    private static async Task<Ok<IReadOnlyList<WebhookView>>> ListAsync(HttpContext http, KuajingDatabase database, IClock clock)
    {
        var caller = KuajingCaller.From(http.User);
        List<Guid> owned;
        await using (var web = database.OpenWebStore())
        {
            owned = await web.WebhookOwners.AsNoTracking().Where(o => o.OrganisationId == caller.OrganisationId).Select(o => o.SubscriptionId).ToListAsync(http.RequestAborted);
        }

        var ownedSet = owned.ToHashSet();
        await using var store = database.OpenTimelineStore();
        var own = (await new WebhookSubscriptionStore(store, clock).ListAsync(http.RequestAborted)).Where(s => ownedSet.Contains(s.Id)).ToList();
        var ids = own.Select(s => s.Id).ToList();
        var counts = (await store.WebhookDeliveries.AsNoTracking().Where(d => EF.Parameter(ids).Contains(d.SubscriptionId))
                .GroupBy(d => new { d.SubscriptionId, d.Status }).Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() }).ToListAsync(http.RequestAborted))
            .ToDictionary(x => (x.SubscriptionId, (WebhookDeliveryStatus)x.Status), x => x.Count);
        return TypedResults.Ok<IReadOnlyList<WebhookView>>([.. own.Select(s => View(s, counts))]);
    }

    private static async Task<Results<Created<CreatedWebhookView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, KuajingDatabase database, IShipmentQueries shipments, AccessRules rules, IClock clock)
    {
        var caller = KuajingCaller.From(http.User);
        var body = await OrdersApi.ReadBodyAsync(http.Request, 16384);
        WebhookInput? input;
        try
        {
            input = body is null ? null : JsonSerializer.Deserialize<WebhookInput>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            input = null;
        }

        if (input is null || string.IsNullOrWhiteSpace(input.Url) || string.IsNullOrWhiteSpace(input.Scope))
        {
            return ApiProblem.Create(400, ApiProblem.Codes.MalformedRequest, "Malformed request",
                "Expected {\"url\": \"https://…\", \"scope\": \"shipment|account\", \"shipment\": \"HJ…CN\", \"kinds\": [\"milestone\", \"exception\"], \"codes\": []}.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        WebhookScope? scope = null;
        string[] touched = [];
        switch (input.Scope.Trim().ToLowerInvariant())
        {
            case "shipment":
                if (string.IsNullOrWhiteSpace(input.Shipment))
                {
                    errors["shipment"] = ["expected the Kuajing number of a shipment you may see"];
                    break;
                }

                var shipment = await shipments.GetAsync(caller, input.Shipment, http.RequestAborted);
                if (shipment is null)
                {
                    return ApiProblem.NotFound($"shipment {input.Shipment}");
                }

                scope = WebhookScope.ForShipment(shipment.TrackingNumber);
                touched = [shipment.TrackingNumber];
                break;
            case "account":
                if (caller.Role != AccountRole.Seller)
                {
                    errors["scope"] = ["account scope follows the shipments an organisation owns, so it is for sellers; providers, brokers and admins subscribe per shipment"];
                    break;
                }

                scope = WebhookScope.ForAccount(caller.OrganisationId);
                var access = await rules.ScopeAsync(caller, http.RequestAborted);
                await using (var plans = database.OpenPlanStore())
                {
                    touched = [.. await access.Shipments(plans).Select(s => s.TrackingNumber).ToListAsync(http.RequestAborted)];
                }

                break;
            default:
                errors["scope"] = ["expected shipment or account"];
                break;
        }

        var kinds = WebhookNotificationKinds.None;
        foreach (var k in input.Kinds is { Count: > 0 } given ? given : ["milestone", "exception"])
        {
            switch (k?.Trim().ToLowerInvariant())
            {
                case "milestone": kinds |= WebhookNotificationKinds.Milestone; break;
                case "exception": kinds |= WebhookNotificationKinds.Exception; break;
                default: errors["kinds"] = [$"'{k}': expected milestone or exception"]; break;
            }
        }

        if (!Uri.TryCreate(input.Url.Trim(), UriKind.Absolute, out var target))
        {
            errors["url"] = ["expected an absolute URL: https://host/path (http only for localhost, 127.0.0.0/8 or [::1])"];
        }

        WebhookSubscription? subscription = null;
        if (errors.Count == 0)
        {
            try
            {
                subscription = WebhookSubscription.Restore(Guid.NewGuid(), scope!, kinds, target!, WebhookSecret.Generate(), input.Codes);
            }
            catch (ArgumentException e)
            {
                errors[e.ParamName switch { "codes" => "codes", "kinds" => "kinds", _ => "url" }] = [e.Message.Split(" (Parameter", 2)[0]];
            }
        }

        if (errors.Count > 0 || subscription is null)
        {
            return ApiProblem.Validation(errors);
        }

        await AssignOwnersAsync(database, touched, http.RequestAborted);
        await using (var web = database.OpenWebStore())
        {
            web.WebhookOwners.Add(new Storage.WebhookOwnerRecord { SubscriptionId = subscription.Id, OrganisationId = caller.OrganisationId });
            await web.SaveChangesAsync(http.RequestAborted);
        }

        await using (var store = database.OpenTimelineStore())
        {
            await new WebhookSubscriptionStore(store, clock).AddAsync(subscription, http.RequestAborted);
        }

        var view = View(subscription, new Dictionary<(Guid, WebhookDeliveryStatus), int>());
        return TypedResults.Created("/api/webhooks/" + subscription.Id, new CreatedWebhookView(view, subscription.Secret.Reveal()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext http, KuajingDatabase database, IClock clock, string id)
    {
        var caller = KuajingCaller.From(http.User);
        if (!Guid.TryParse(id, out var guid))
        {
            return ApiProblem.NotFound($"webhook subscription {id}");
        }

        await using (var web = database.OpenWebStore())
        {
            if (!await web.WebhookOwners.AnyAsync(o => o.SubscriptionId == guid && o.OrganisationId == caller.OrganisationId, http.RequestAborted))
            {
                return ApiProblem.NotFound($"webhook subscription {id}");
            }
        }

        await using var store = database.OpenTimelineStore();
        await using var tx = await store.Database.BeginTransactionAsync(http.RequestAborted);
        if (await store.WebhookSubscriptions.Where(s => s.Id == guid).ExecuteDeleteAsync(http.RequestAborted) == 0)
        {
            return ApiProblem.NotFound($"webhook subscription {id}");
        }

        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        await store.WebhookDeliveries.Where(d => d.SubscriptionId == guid && d.Status == (int)WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, (int)WebhookDeliveryStatus.DeadLettered).SetProperty(d => d.DeadLetterReason, "subscription deleted").SetProperty(d => d.CompletedAtUtc, now), http.RequestAborted);
        await tx.CommitAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static WebhookView View(WebhookSubscription s, Dictionary<(Guid, WebhookDeliveryStatus), int> counts)
    {
        int Count(WebhookDeliveryStatus status) => counts.TryGetValue((s.Id, status), out var n) ? n : 0;
        var kinds = new List<string>(2);
        if (s.Kinds.HasFlag(WebhookNotificationKinds.Milestone))
        {
            kinds.Add("milestone");
        }

        if (s.Kinds.HasFlag(WebhookNotificationKinds.Exception))
        {
            kinds.Add("exception");
        }

        return new WebhookView(
            s.Id,
            s.TargetUrl.OriginalString,
            s.Scope.Kind == WebhookScopeKind.Account ? "account" : "shipment",
            s.Scope.Kind == WebhookScopeKind.Shipment ? s.Scope.Value : null,
            kinds,
            [.. s.Codes.Order(StringComparer.Ordinal)],
            Count(WebhookDeliveryStatus.Pending),
            Count(WebhookDeliveryStatus.Delivered),
            Count(WebhookDeliveryStatus.DeadLettered));
    }
}
