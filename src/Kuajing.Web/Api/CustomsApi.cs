using System.Globalization;
using System.Text.Json;
using Kuajing.Customs.China;
using Kuajing.Customs.LowValue;
using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Web.Api;

/// <summary>One field that differs between the order, the payment and the waybill (三单对碰).</summary>
/// <param name="Field">The compared field (<c>orderNo</c>, <c>ebcCode</c>, <c>acturalPaid</c>, <c>freight</c>, <c>logisticsNo</c> …).</param>
/// <param name="OrderValue">The order's value, if compared.</param>
/// <param name="PaymentValue">The payment's value, if compared.</param>
/// <param name="WaybillValue">The waybill's value, if compared.</param>
/// <param name="Rule">The rule that requires them to agree.</param>
/// <param name="Source">Where the rule comes from.</param>
public sealed record FieldMismatchView(string Field, string? OrderValue, string? PaymentValue, string? WaybillValue, string Rule, string Source);

/// <summary>The three-order check of a declaration (issue #5 point 4).</summary>
/// <param name="Passed">True when nothing mismatches: the list declaration may go out.</param>
/// <param name="PaymentCompared">False when the mode sends no payment (then only order and waybill are compared).</param>
/// <param name="Mismatches">Every mismatching field.</param>
public sealed record ThreeOrderCheckView(bool Passed, bool PaymentCompared, IReadOnlyList<FieldMismatchView> Mismatches);

/// <summary>One generated CEB message (China customs cross-border e-commerce XML, regulatory-facts.md §3.3).</summary>
/// <param name="Type">Message type (<c>CEB303</c> order, <c>CEB403</c>/<c>CEB411</c> payment, <c>CEB505</c>/<c>CEB511</c> waybill, <c>CEB603</c>/<c>CEB621</c> list, <c>CEB701</c> summary …).</param>
/// <param name="MessageGuid">The message's GUID.</param>
/// <param name="FileName">The file name the CLI writes it under.</param>
/// <param name="Valid">True when it validates against Kuajing's CEB schema (docs/china-customs.md).</param>
/// <param name="SchemaErrors">Validation errors, empty when valid.</param>
/// <param name="Xml">The message, UTF-8 XML text.</param>
public sealed record CebMessageView(string Type, string MessageGuid, string FileName, bool Valid, IReadOnlyList<string> SchemaErrors, string Xml);

/// <summary>One bonded stock release (1210 / 1239 with an account book).</summary>
/// <param name="AccountBookNo">The bonded account book (emsNo).</param>
/// <param name="ItemRecordNo">The item record number.</param>
/// <param name="Quantity">Units released.</param>
/// <param name="BalanceAfter">Balance after the release, from the input's <c>bondedStoreIn</c>.</param>
public sealed record BondedReleaseView(string AccountBookNo, string ItemRecordNo, decimal Quantity, decimal BalanceAfter);

/// <summary>A China cross-border e-commerce declaration built from the stored order and the posted payment/waybill input.</summary>
/// <param name="OrderNo">The order number declared.</param>
/// <param name="TrackingNumber">The shipment's Kuajing number.</param>
/// <param name="Mode">Supervision mode code (9610, 9710, 9810, 1210, 1239).</param>
/// <param name="Direction"><c>export</c> or <c>import</c>.</param>
/// <param name="DeclaredAt">Declaration instant (UTC).</param>
/// <param name="GoodsValueCny">Goods value declared, CNY (order lines converted at <paramref name="FxRate"/>, rounded per unit to 0.01).</param>
/// <param name="FxRate">CNY per unit of the order currency (1 when the order is in CNY).</param>
/// <param name="FxSource">Where the rate comes from (FRED monthly rates, data/reference/fx-rates).</param>
/// <param name="ThreeOrderCheck">The passed three-order check.</param>
/// <param name="Messages">The messages of the mode, each validated.</param>
/// <param name="BondedReleases">Bonded stock released (bonded modes with an account book), else empty.</param>
public sealed record DeclarationView(
    string OrderNo, string TrackingNumber, string Mode, string Direction, DateTime DeclaredAt, decimal GoodsValueCny, decimal FxRate, string FxSource,
    ThreeOrderCheckView ThreeOrderCheck, IReadOnlyList<CebMessageView> Messages, IReadOnlyList<BondedReleaseView> BondedReleases);

/// <summary>
/// Customs through the API (issue #5): <c>POST /api/shipments/{number}/customs/declarations</c> builds the China
/// cross-border e-commerce declaration of the shipment's stored order in a supervision mode (9610, 9710, 9810, 1210; 1239
/// with <c>direction=import</c>) from the posted payment / waybill / enterprise input (docs/china-customs.md, sample
/// samples/customs/545645-export.json), runs the three-order check and, when it passes, returns the CEB messages validated
/// against Kuajing's schema, as <c>kuajing customs declare</c> does. <c>GET /api/orders/{key}/low-value-dataset</c> gives
/// the destination low-value data set (EU H7, UK, US) of a stored order and its planned shipment. Both for the owning
/// seller, the broker appointed to the shipment and admins; providers 403. Nothing is stored.
/// </summary>
public static class CustomsApi
{
    /// <summary>Problem code (422): the declaration cannot be built (mode not in force, missing payment, unclassified SKU …); <c>errors</c> by field.</summary>
    public const string DeclarationRefusedCode = "declaration-refused";

    /// <summary>Problem code (422): order, payment and waybill disagree; <c>errors</c> and <c>mismatches</c> by field. No message is written.</summary>
    public const string ThreeOrderMismatchCode = "three-order-mismatch";

    /// <summary>Problem code (422): a generated message fails Kuajing's CEB schema; <c>errors</c> by message type.</summary>
    public const string SchemaInvalidCode = "ceb-schema-invalid";

    /// <summary>Problem code (422): the low-value data set has errors (a required element missing or invalid, or the regime does not apply); <c>errors</c> by field, <c>dataset</c> holds the whole set.</summary>
    public const string DatasetIncompleteCode = "dataset-incomplete";

    /// <summary>Largest declaration input, bytes (1 MiB).</summary>
    public const int MaxInputBytes = 1 << 20;

    /// <summary>Adds the customs reference data (<see cref="CustomsReference"/>).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddCustomsApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => PlanningEngine.Default);
        builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        builder.Services.TryAddSingleton<AccessRules>();
        builder.Services.TryAddSingleton<CustomsReference>();
        return builder;
    }

    /// <summary>Maps the customs endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapCustomsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/shipments/{number}/customs/declarations", DeclareAsync).WithTags("Customs").WithName("DeclareShipment")
            .WithSummary("Build and check a China CBEC declaration (CEB messages)")
            .WithDescription("`mode` 9610, 9710, 9810 or 1210 (1239 with `direction=import`); `declaredAt` an ISO 8601 UTC instant (default now). Body: the declaration input JSON of docs/china-customs.md (enterprises, payment, waybill, goods classification). 400 for a malformed input (field by JSON path); 422 `declaration-refused` when the mode cannot be declared, 422 `three-order-mismatch` with the field-level report when order, payment and waybill disagree; else 200 with the messages, each validated. Owning seller, appointed broker, admin; providers 403; others 404. Nothing is stored.")
            .RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithIdempotency();
        app.MapGet("/api/orders/{key}/low-value-dataset", LowValueAsync).WithTags("Customs").WithName("GetLowValueDataset")
            .WithSummary("Destination low-value data set of an order (EU H7, UK, US)")
            .WithDescription("`dest` EU, GB or US; `ioss` the seller's IOSS number (EU); `vatRoute` ioss, special or standard (EU). Produced from the stored order and its planned shipment (docs/low-value-datasets.md). 422 `dataset-incomplete` naming every missing or invalid required element (`errors`), with the whole set in `dataset`. Owning seller, broker appointed to the order's shipment, admin; providers 403; others 404.")
            .RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    /// <summary>A 422 problem listing fields, with a stable code and optional extensions.</summary>
    internal static ProblemHttpResult Unprocessable(string code, string title, string detail, IDictionary<string, string[]> errors, IDictionary<string, object?>? extensions = null)
    {
        var problem = new HttpValidationProblemDetails(errors) { Status = 422, Title = title, Detail = detail };
        problem.Extensions[ApiProblem.CodeMember] = code;
        foreach (var (k, v) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[k] = v;
        }

        return TypedResults.Problem(problem);
    }

    private static async Task<Results<Ok<DeclarationView>, ValidationProblem, ProblemHttpResult>> DeclareAsync(
        HttpContext http, KuajingDatabase database, AccessRules rules, CustomsReference reference, IClock clock, string number, string? mode, string? direction, string? declaredAt)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role == AccountRole.Provider)
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Customs declarations are for the owning seller, the appointed broker and admins.");
        }

        if (await StoredOrders.ForCustomsAsync(database, rules, caller, number, http.RequestAborted) is not var (order, shipment))
        {
            return ApiProblem.NotFound($"shipment {number}");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!SupervisionModeTable.TryParseCode(mode, out var crossBorderMode))
        {
            errors["mode"] = ["expected 9610, 9710, 9810, 1210 or 1239"];
        }

        var customsDirection = (direction ?? "export").Trim().ToLowerInvariant() switch
        {
            "export" => CustomsDirection.Export,
            "import" => CustomsDirection.Import,
            _ => (CustomsDirection?)null,
        };
        if (customsDirection is null)
        {
            errors["direction"] = ["expected export or import"];
        }

        var at = clock.GetCurrentInstant();
        if (declaredAt is not null)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(declaredAt);
            if (parsed.Success)
            {
                at = parsed.Value;
            }
            else
            {
                errors["declaredAt"] = ["expected an ISO 8601 UTC instant, e.g. 2026-02-27T06:00:00Z"];
            }
        }

        var body = await OrdersApi.ReadBodyAsync(http.Request, MaxInputBytes);
        if (body is null)
        {
            return ApiProblem.Create(413, "http-413", "Request too large", $"A declaration input may be at most {MaxInputBytes} bytes.");
        }

        DeclarationInput? input = null;
        try
        {
            input = DeclarationInputFile.Parse(body, "request");
        }
        catch (DeclarationInputException e)
        {
            errors[e.JsonPath] = [e.Reason];
        }

        if (errors.Count > 0 || input is null)
        {
            return ApiProblem.Validation(errors);
        }

        // As 'kuajing customs declare' does: the bonded account book's stock from the input's store-in records.
        BondedStockLedger? ledger = null;
        if (input.Office.AccountBookNo is { Length: > 0 } book && reference.Modes.TryGet(crossBorderMode, customsDirection!.Value, out var row) && row.Filings.HasFlag(ModeFilings.BondedStock))
        {
            ledger = new BondedStockLedger(book);
            foreach (var (item, quantity) in input.BondedStoreIn)
            {
                ledger.StoreIn(item, quantity, at, "request");
            }
        }

        var build = CrossBorderDeclaration.Build(reference.Modes, crossBorderMode, customsDirection!.Value, StoredOrders.ToOrder(order), input, reference.Engine.Reference.Fx, at, ledger);
        if (build.Declaration is not { } declaration)
        {
            return Unprocessable(DeclarationRefusedCode, "Declaration refused", $"The order {order.OrderId} cannot be declared in mode {mode}.",
                build.Problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray(), StringComparer.Ordinal));
        }

        var check = ThreeOrderCheck.Compare(declaration);
        var checkView = new ThreeOrderCheckView(check.Passed, check.PaymentCompared, [.. check.Mismatches.Select(m => new FieldMismatchView(m.Field, m.OrderValue, m.PaymentValue, m.WaybillValue, m.Rule, m.Source.Citation))]);
        if (!check.Passed)
        {
            return Unprocessable(ThreeOrderMismatchCode, "Three-order check failed",
                "Order, payment and waybill disagree; no list declaration is written while a mismatch stands.",
                check.Mismatches.GroupBy(m => m.Field, StringComparer.Ordinal).ToDictionary(
                    g => g.Key,
                    g => g.Select(m => $"order={m.OrderValue ?? "—"} payment={m.PaymentValue ?? "—"} waybill={m.WaybillValue ?? "—"}: {m.Rule}").ToArray(),
                    StringComparer.Ordinal),
                new Dictionary<string, object?> { ["mismatches"] = checkView.Mismatches });
        }

        var messages = CebMessageWriter.WriteAll(declaration).ToList();
        if (declaration.Mode.Filings.HasFlag(ModeFilings.SummaryDeclaration))
        {
            var day = at.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
            messages.Add(CebMessageWriter.WriteSummary(SummaryDeclaration.Create([declaration], day, day, input.CopNo + "-S", at)));
        }

        var views = messages.Select(m =>
        {
            var schemaErrors = CebSchema.Validate(m.Xml);
            return new CebMessageView(m.Type, m.MessageGuid, m.FileName, schemaErrors.Count == 0, schemaErrors, m.Text);
        }).ToList();
        if (views.Any(v => !v.Valid))
        {
            return Unprocessable(SchemaInvalidCode, "Message fails the CEB schema", "A generated message does not validate against Kuajing's CEB schema (docs/china-customs.md).",
                views.Where(v => !v.Valid).ToDictionary(v => v.FileName, v => v.SchemaErrors.ToArray(), StringComparer.Ordinal));
        }

        var releases = ledger is null ? [] : ledger.Release(declaration, at).Select(r => new BondedReleaseView(r.AccountBookNo, r.ItemRecordNo, r.Quantity, r.BalanceAfter)).ToList();
        return TypedResults.Ok(new DeclarationView(
            declaration.OrderNo, shipment.TrackingNumber, declaration.Mode.Code, customsDirection == CustomsDirection.Export ? "export" : "import", at.ToDateTimeUtc(),
            declaration.GoodsValue, declaration.FxRate, declaration.FxSource.Citation, checkView, views, releases));
    }

    private static async Task<Results<Ok<JsonElement>, ValidationProblem, ProblemHttpResult>> LowValueAsync(
        HttpContext http, KuajingDatabase database, AccessRules rules, CustomsReference reference, string key, string? dest, string? ioss, string? vatRoute)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role == AccountRole.Provider)
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Low-value data sets are for the owning seller, the appointed broker and admins.");
        }

        OrderRecord? order;
        await using (var plans = database.OpenPlanStore())
        {
            order = await StoredOrders.ByKeyAsync(plans, key, http.RequestAborted);
        }

        var visible = order is not null && (order.Shipment is { } s
            ? await rules.CustomsAsync(caller, s.TrackingNumber, order.SourceKey, http.RequestAborted) is not null
            : await rules.SeesOrderAsync(caller, order.SourceKey, http.RequestAborted));
        if (!visible)
        {
            return ApiProblem.NotFound($"order {key}");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.TryParse<LowValueDestination>(dest, ignoreCase: true, out var destination) || !Enum.IsDefined(destination) || int.TryParse(dest, out _))
        {
            errors["dest"] = ["expected EU, GB or US"];
        }

        EuVatRoute? route = vatRoute?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "ioss" => EuVatRoute.Ioss,
            "special" => EuVatRoute.SpecialArrangements,
            "standard" => EuVatRoute.Standard,
            _ => (EuVatRoute)(-1),
        };
        if (route is { } r && !Enum.IsDefined(r))
        {
            errors["vatRoute"] = ["expected ioss, special or standard"];
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        if (order!.Shipment is not { } shipment)
        {
            return ApiProblem.Create(409, ApiProblem.Codes.Conflict, "No planned shipment", $"Order {order.OrderId} has no planned shipment ({order.Reason ?? order.Status.ToString()}): a low-value data set describes a consignment.");
        }

        var entry = new LowValueEntry(StoredOrders.ToOrder(order), StoredOrders.ToLowValueShipment(order, shipment, reference.Engine, reference.LanesById), LowValueParties.None, ioss, route);
        var dataset = reference.LowValue.Build(entry, destination);
        using var buffer = new MemoryStream();
        LowValueDatasetWriter.WriteJson(buffer, [dataset]);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        var element = doc.RootElement.GetProperty("datasets")[0].Clone();
        if (dataset.HasErrors)
        {
            return Unprocessable(DatasetIncompleteCode, "Low-value data set has errors",
                string.Create(CultureInfo.InvariantCulture, $"The {dataset.Dataset} data set of order {order.OrderId} cannot be filed: {dataset.Issues.Count(i => i.Severity == LowValueIssueSeverity.Error)} error(s)."),
                dataset.Issues.Where(i => i.Severity == LowValueIssueSeverity.Error).GroupBy(i => i.Field, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(i => i.Message).ToArray(), StringComparer.Ordinal),
                new Dictionary<string, object?> { ["dataset"] = element });
        }

        return TypedResults.Ok(element);
    }
}
