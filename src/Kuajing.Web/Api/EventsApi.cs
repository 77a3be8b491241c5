using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Kuajing.Web.Api;

/// <summary>What one <c>POST /api/events</c> did: the batch was stored whole (new events) or refused whole (problem).</summary>
/// <param name="Format">The format read: <c>epcis-json</c>, <c>epcis-xml</c>, <c>dcsa</c> or <c>easypost</c>.</param>
/// <param name="Events">Events in the document.</param>
/// <param name="Stored">Events newly stored on timelines and appended to the ledger.</param>
/// <param name="Duplicates">Events already stored (same event id, else the GS1 EPCIS Event Hash ID or Kuajing's field hash), skipped.</param>
/// <param name="ExceptionsRaised">Exceptions the stored events revealed (customs hold, missed connection …), raised in the same transaction.</param>
/// <param name="ExceptionsCleared">Exceptions the stored events resolved.</param>
/// <param name="TreeSize">Ledger size after the batch (signed tree head), or <see langword="null"/> when nothing new was stored.</param>
/// <param name="RootHash">Merkle root of that tree head, 64 lower-case hex digits, or <see langword="null"/>.</param>
public sealed record EventCaptureView(string Format, int Events, int Stored, int Duplicates, int ExceptionsRaised, int ExceptionsCleared, long? TreeSize, string? RootHash);

/// <summary>A stored shipment exception (docs/eta.md §4): raised once, cleared once, with its evidence.</summary>
/// <param name="Id">Stable exception id (<c>shipment/code/leg[/hold instant]</c>).</param>
/// <param name="Code"><c>missed_connection</c>, <c>dwell_exceeded</c>, <c>customs_hold</c> or <c>late_delivery</c>.</param>
/// <param name="Status"><c>open</c> or <c>cleared</c>.</param>
/// <param name="Leg">Leg sequence (1-based) concerned, if any.</param>
/// <param name="Node">Node code (UN/LOCODE or hub code) concerned, if any.</param>
/// <param name="RaisedAtUtc">When the exception took effect (UTC).</param>
/// <param name="DetectedAtUtc">When Kuajing detected it (UTC).</param>
/// <param name="RaisedBy"><c>capture</c> (events revealed it) or <c>scan</c> (time revealed it).</param>
/// <param name="EvidenceEventKey">The key of the event that revealed it, if any.</param>
/// <param name="PlannedAtUtc">The planned time it is measured against (UTC), if any.</param>
/// <param name="ObservedAtUtc">The observed time (UTC), if any.</param>
/// <param name="ThresholdHours">The threshold that was crossed, hours.</param>
/// <param name="UsualDwellHours">For dwell: the usual dwell at the node, hours (a Kuajing estimate, data/eta).</param>
/// <param name="Source">Where the rule and threshold come from.</param>
/// <param name="Detail">What happened, in words.</param>
/// <param name="ClearedAtUtc">When it was cleared (UTC), if cleared.</param>
/// <param name="ClearingEventKey">The key of the event that cleared it, if any.</param>
public sealed record ShipmentExceptionView(
    string Id, string Code, string Status, int? Leg, string? Node, DateTime RaisedAtUtc, DateTime DetectedAtUtc, string RaisedBy, string? EvidenceEventKey,
    DateTime? PlannedAtUtc, DateTime? ObservedAtUtc, double ThresholdHours, double? UsualDwellHours, string Source, string Detail, DateTime? ClearedAtUtc, string? ClearingEventKey);

/// <summary>A shipment's stored exceptions.</summary>
/// <param name="TrackingNumber">The shipment's Kuajing number.</param>
/// <param name="Open">How many are open.</param>
/// <param name="Exceptions">Newest raised first.</param>
public sealed record ShipmentExceptionsView(string TrackingNumber, int Open, IReadOnlyList<ShipmentExceptionView> Exceptions);

/// <summary>
/// Tracking events in (issue #3 through the API): <c>POST /api/events</c> captures an EPCIS 2.0 document (JSON-LD or XML),
/// a DCSA Track &amp; Trace event list (2.2/3.0) or a carrier payload (EasyPost tracker), exactly as <c>kuajing ingest</c>
/// does: all of the document or none of it, duplicates skipped, each new event appended to the ledger and a tree head
/// signed. Only a provider assigned to every shipment the events land on, or an admin, may post. And
/// <c>GET /api/shipments/{number}/exceptions</c>: the stored exceptions of a shipment the caller may see.
/// </summary>
public static class EventsApi
{
    /// <summary>Largest accepted document, bytes (16 MiB, about 20,000 EPCIS events).</summary>
    public const int MaxDocumentBytes = 16 << 20;

    /// <summary>Adds the ledger (<see cref="TimelineLedger"/>) and the clock.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddEventsApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        builder.Services.TryAddSingleton<AccessRules>();
        builder.Services.TryAddSingleton<TimelineLedger>();
        return builder;
    }

    /// <summary>Maps <c>POST /api/events</c> and <c>GET /api/shipments/{number}/exceptions</c>.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapEventsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/events", CaptureAsync).WithTags("Tracking").WithName("CaptureEvents")
            .WithSummary("Capture tracking events (EPCIS 2.0, DCSA, carrier payload)")
            .WithDescription("The body is one document: EPCIS 2.0 JSON-LD (`application/ld+json` or JSON with `@context`/`epcisBody`), EPCIS 2.0 XML (`application/xml`), a DCSA Track & Trace 2.2/3.0 event list, or an EasyPost tracker (`tracking_code`); `format=epcis-json|epcis-xml|dcsa|easypost` overrides the detection. All or nothing: a bad event refuses the whole document with 400 `validation-failed`, `errors` keyed `events[i]…`. Duplicates are skipped (idempotent by nature). Providers may post only events whose numbers resolve to shipments they carry; admins any; sellers and brokers 403.")
            .RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .Accepts<string>("application/ld+json", "application/json", "application/xml", "text/xml")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithIdempotency();
        app.MapGet("/api/shipments/{number}/exceptions", ExceptionsAsync).WithTags("Tracking").WithName("GetShipmentExceptions")
            .WithSummary("List a shipment's stored exceptions")
            .WithDescription("Missed connection, dwell past the usual time, customs hold, late delivery: raised once, cleared once, with evidence (docs/eta.md). `open=true` keeps the open ones. Any party that may see the shipment; 404 otherwise.")
            .RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<EventCaptureView>, ValidationProblem, ProblemHttpResult>> CaptureAsync(
        HttpContext http, TimelineLedger ledger, AccessRules rules, KuajingDatabase database, IClock clock, string? format)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role is not (AccountRole.Provider or AccountRole.Admin))
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Only a logistics provider assigned to the shipment, or an admin, posts tracking events.");
        }

        var body = await OrdersApi.ReadBodyAsync(http.Request, MaxDocumentBytes);
        if (body is null)
        {
            return ApiProblem.Create(413, "http-413", "Request too large", $"A tracking document may be at most {MaxDocumentBytes} bytes; split it.");
        }

        var text = System.Text.Encoding.UTF8.GetString(body);
        if (Read(text, format, http.Request.ContentType, clock) is not var (name, parsed))
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["format"] = ["expected epcis-json, epcis-xml, dcsa or easypost"] });
        }

        if (parsed.Errors.Count > 0)
        {
            return ApiProblem.Validation(parsed.Errors
                .GroupBy(e => e.EventIndex is { } i ? $"events[{i}].{e.Field}" : e.Field, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray(), StringComparer.Ordinal));
        }

        if (parsed.Events.Count == 0)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["events"] = ["the document holds no event"] });
        }

        // Which shipments each event lands on (as TimelineService resolves it: the first reference that is a Kuajing
        // number or a linked carrier number), then whether the caller carries all of them.
        var landing = new List<string>[parsed.Events.Count];
        await using (var timeline = database.OpenTimelineStore())
        {
            var resolved = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            for (var i = 0; i < parsed.Events.Count; i++)
            {
                landing[i] = [];
                foreach (var r in parsed.Events[i].References)
                {
                    var key = CarrierNumberValidator.KeyOf(r.Value);
                    if (key.Length == 0)
                    {
                        continue;
                    }

                    if (!resolved.TryGetValue(key, out var shipments))
                    {
                        shipments = await ledger.ShipmentsOfAsync(timeline, key, http.RequestAborted);
                        resolved[key] = shipments;
                    }

                    if (shipments.Count > 0)
                    {
                        landing[i].AddRange(shipments);
                        break;
                    }
                }
            }
        }

        var all = landing.SelectMany(l => l).Distinct(StringComparer.Ordinal).ToList();
        var carried = await rules.CarriedAsync(caller, all, http.RequestAborted);
        var refused = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < landing.Length; i++)
        {
            // The same words whether the number is unknown or another party's: existence never leaks.
            if (landing[i].Count == 0 ? !caller.IsAdmin : !landing[i].All(carried.Contains))
            {
                refused[$"events[{i}]"] = [caller.IsAdmin
                    ? "none of its numbers is a Kuajing shipment number or a carrier number linked to one"
                    : "none of its numbers names a shipment you carry (a Kuajing number, or a carrier number linked to it)"];
            }
        }

        if (refused.Count > 0)
        {
            return ApiProblem.Validation(refused);
        }

        // Account-scoped webhooks follow the owning seller's shipments (docs/api.md, webhooks).
        await WebhooksApi.AssignOwnersAsync(database, all, http.RequestAborted);

        var result = await ledger.CaptureAsync(parsed.Events, http.RequestAborted);
        if (!result.Accepted)
        {
            return ApiProblem.Validation(result.Errors
                .GroupBy(e => $"events[{e.EventIndex}]", StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray(), StringComparer.Ordinal));
        }

        return TypedResults.Ok(new EventCaptureView(
            name, parsed.Events.Count, result.Stored, result.Duplicates, result.Exceptions?.Raised ?? 0, result.Exceptions?.Cleared ?? 0,
            result.Head?.TreeSize, result.Head?.RootHash.ToString()));
    }

    private static async Task<Results<Ok<ShipmentExceptionsView>, ProblemHttpResult>> ExceptionsAsync(
        HttpContext http, IShipmentQueries shipments, KuajingDatabase database, string number, bool? open)
    {
        var shipment = await shipments.GetAsync(KuajingCaller.From(http.User), number, http.RequestAborted);
        if (shipment is null)
        {
            return ApiProblem.NotFound($"shipment {number}");
        }

        await using var store = database.OpenTimelineStore();
        var rows = await ShipmentExceptionMonitor.ListAsync(store, [shipment.TrackingNumber], open == true, http.RequestAborted);
        return TypedResults.Ok(new ShipmentExceptionsView(
            shipment.TrackingNumber,
            rows.Count(r => r.Status == ShipmentExceptionRecord.Open),
            [.. rows.Select(r => new ShipmentExceptionView(
                r.ExceptionId, r.Code, r.Status, r.LegSequence, r.NodeCode, Utc(r.RaisedAtUtc), Utc(r.DetectedAtUtc), r.RaisedBy, r.EvidenceEventKey,
                Utc(r.PlannedAtUtc), Utc(r.ObservedAtUtc), r.ThresholdSeconds / 3600d, r.UsualDwellSeconds / 3600d, r.Source, r.Detail, Utc(r.ClearedAtUtc), r.ClearingEventKey))]));
    }

    /// <summary>Reads a tracking document as <c>kuajing ingest</c> does (<see cref="TrackingDocument"/>), or in the format asked for.</summary>
    internal static (string Format, EventParseResult Result)? Read(string text, string? format, string? contentType, IClock clock)
    {
        TrackingDocumentFormat kind;
        if (format is null)
        {
            kind = TrackingDocument.Detect(text, contentType);
        }
        else if (!TrackingDocument.TryParseName(format, out kind))
        {
            return null;
        }

        return (TrackingDocument.Name(kind), TrackingDocument.Read(text, kind, "request", clock));
    }

    private static DateTime Utc(DateTime t) => DateTime.SpecifyKind(t, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? t) => t is { } v ? Utc(v) : null;
}
