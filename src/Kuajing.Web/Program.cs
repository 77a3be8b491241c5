using Kuajing.Web.Accounts;
using Kuajing.Web.Api;
using Kuajing.Web.Hosting;
using Kuajing.Web.Operations;
using Kuajing.Web.Ui;

namespace Kuajing.Web;

/// <summary>
/// The Kuajing server (<c>kuajing serve</c>). This file is the table of contents: each capability adds its services
/// to the builder and maps its endpoints on the app, in the order requests meet them.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the server until it is stopped (Ctrl+C / SIGTERM), draining in-flight requests first.</summary>
    /// <param name="args">ASP.NET Core command-line configuration, e.g. <c>--urls http://127.0.0.1:5080</c>,
    /// <c>--Kuajing:Db kuajing.db</c> or <c>--Kuajing:Postgres "Host=…"</c>.</param>
    /// <returns>A task that completes when the server has shut down.</returns>
    public static async Task Main(string[] args)
    {
        await using var app = Build(args);
        await app.RunAsync();
    }

    /// <summary>Builds the server: every capability's services and endpoints, not yet started.</summary>
    /// <param name="args">ASP.NET Core command-line configuration (see <see cref="Main"/>).</param>
    /// <returns>The built application; start it with <c>RunAsync</c> or <c>StartAsync</c>.</returns>
    /// <exception cref="InvalidOperationException">When both an SQLite path and a PostgreSQL connection string are configured.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddKuajingDatabase();   // Hosting: embedded SQLite by default, PostgreSQL by connection string; migrations at start
        builder.AddOperations();        // Operations: health and readiness, JSON logs, OpenTelemetry, graceful shutdown
        builder.AddApiConventions();    // Api: OpenAPI 3.1 document and reference page, ProblemDetails with stable codes
        builder.AddAccounts();          // Accounts: organisations, users, API keys; login cookie and API-key schemes
        builder.AddApiRateLimiting();   // Api: token bucket per API key (Kuajing:RateLimit), 429 rate-limited
        builder.AddOrdersApi();         // Api: /api/orders (create, bulk upload, list, get, stored plan)
        builder.AddQuotesApi();         // Api: /api/quotes (Pareto set of an order, not stored)
        builder.AddShipmentsApi();      // Api: /api/shipments (list, get with legs, timeline, assignments)
        builder.AddPublicTrackingApi(); // Api: /api/public/track/{number} (milestones, times, places only)
        builder.AddEventsApi();         // Api: POST /api/events (EPCIS 2.0, DCSA, carrier payloads), /api/shipments/{number}/exceptions
        builder.AddWebhooksApi();       // Api: /api/webhooks (the organisation's subscriptions; secret shown once)
        builder.AddLedgerApi();         // Api: /api/ledger (public: signed tree head, inclusion and consistency proofs)
        builder.AddCustomsApi();        // Api: China CBEC declarations + three-order check, low-value data sets (EU H7, UK, US)
        builder.AddDocumentsApi();      // Api: commercial invoice and packing list (printable HTML)
        builder.AddComplianceApi();     // Api: /api/orders/{key}/compliance (stored compliance warnings)
        builder.AddUi();                // Ui: server-rendered pages (en / zh-CN), vendored front-end libraries, private pages behind the login cookie

        var app = builder.Build();
        app.UseOperations();
        app.UseApiConventions();
        app.UseUi();                    // request culture, /assets static files (before authentication: assets are public)
        app.UseAccounts();              // authentication, authorization, antiforgery
        app.UseApiRateLimiting();       // after authentication: partitions by API key

        app.MapOperations();            // /health, /health/ready, /metrics
        app.MapApiConventions();        // /openapi/v1.json, /api/reference
        app.MapAccounts();              // /login, /logout
        app.MapOrdersApi();
        app.MapQuotesApi();
        app.MapShipmentsApi();
        app.MapPublicTrackingApi();
        app.MapEventsApi();
        app.MapWebhooksApi();
        app.MapLedgerApi();
        app.MapCustomsApi();
        app.MapDocumentsApi();
        app.MapComplianceApi();
        app.MapUi();                    // /track/{number} (public), /, /orders/upload, /orders/{sourceKey}/plans, /shipments/{number}
        return app;
    }
}
