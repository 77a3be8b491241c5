using System.Text;
using Kuajing.Documents;
using Kuajing.Storage;
using Kuajing.Web.Accounts;
using Kuajing.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kuajing.Web.Api;

/// <summary>
/// <c>GET /api/shipments/{number}/documents/commercial-invoice</c> and <c>…/packing-list</c>: a planned shipment's
/// commercial invoice and packing list as printable A4 HTML (English / 简体中文, issue #5 point 8), rendered by
/// <see cref="ShipmentDocumentHtml"/> from the stored order, exactly as <c>kuajing documents</c> writes them. The seller /
/// exporter is the organisation owning the order (the order data records none); the address and the assumed country of
/// origin are the origin hub's, marked as assumed. For the owning seller, the broker appointed to the shipment (it
/// clears the goods on these documents) and admins; providers 403; others 404.
/// </summary>
public static class DocumentsApi
{
    /// <summary>Adds the reference data the documents name the origin hub from.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddDocumentsApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(_ => PlanningEngine.Default);
        builder.Services.TryAddSingleton<AccessRules>();
        builder.Services.TryAddSingleton<CustomsReference>();
        return builder;
    }

    /// <summary>Maps the document endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapDocumentsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/shipments/{number}/documents").WithTags("Documents").RequireAuthorization().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/commercial-invoice", (HttpContext http, KuajingDatabase database, AccessRules rules, CustomsReference reference, AccountService accounts, string number) =>
                RenderAsync(http, database, rules, reference, accounts, number, invoice: true))
            .WithName("GetCommercialInvoice").WithSummary("Commercial invoice of a shipment (printable HTML)")
            .WithDescription("商业发票: seller, consignee country, Incoterm, goods lines with totals in the order currency. text/html, A4 print CSS.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        group.MapGet("/packing-list", (HttpContext http, KuajingDatabase database, AccessRules rules, CustomsReference reference, AccountService accounts, string number) =>
                RenderAsync(http, database, rules, reference, accounts, number, invoice: false))
            .WithName("GetPackingList").WithSummary("Packing list of a shipment (printable HTML)")
            .WithDescription("装箱单: parcels with dimensions and weights as planned (estimates marked), goods lines. text/html, A4 print CSS.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        return app;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> RenderAsync(
        HttpContext http, KuajingDatabase database, AccessRules rules, CustomsReference reference, AccountService accounts, string number, bool invoice)
    {
        var caller = KuajingCaller.From(http.User);
        if (caller.Role == AccountRole.Provider)
        {
            return ApiProblem.Create(403, ApiProblem.Codes.Forbidden, "Forbidden", "Commercial invoices and packing lists are for the owning seller, the appointed broker and admins.");
        }

        if (await StoredOrders.ForCustomsAsync(database, rules, caller, number, http.RequestAborted) is not var (order, shipment))
        {
            return ApiProblem.NotFound($"shipment {number}");
        }

        var catalogue = reference.Engine.Catalogue;
        var hub = catalogue.Nodes.TryGetValue(shipment.OriginNode, out var node) ? node : null;
        var hubText = hub is null ? shipment.OriginNode : $"{hub.Name} ({hub.Code}), {hub.Country}";
        string? owner;
        await using (var web = accounts.OpenStore())
        {
            owner = await web.OrderOwners.AsNoTracking().Where(o => o.SourceKey == order.SourceKey)
                .Join(web.Organisations, o => o.OrganisationId, g => g.Id, (o, g) => g.Name).FirstOrDefaultAsync(http.RequestAborted);
        }

        var seller = owner is null ? DocumentParty.NotRecorded(hubText) : new DocumentParty(owner, hubText);
        var options = new DocumentOptions(seller, hub?.Country.Value ?? "unknown", CountryOfOriginAssumed: true);
        var doc = ShipmentDocument.From(order);
        var html = invoice ? ShipmentDocumentHtml.Invoice(doc, options) : ShipmentDocumentHtml.PackingList(doc, options);
        return TypedResults.Content(html, "text/html", Encoding.UTF8);
    }
}
