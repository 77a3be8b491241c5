using Kuajing.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kuajing.Web.Operations;

/// <summary>
/// Running the server in production: liveness and readiness endpoints, structured (JSON) logs, OpenTelemetry metrics
/// and traces, and a graceful shutdown that finishes accepted requests.
/// </summary>
public static class OperationsRegistration
{
    /// <summary>Configuration key of the shutdown drain time in seconds (<c>Kuajing:ShutdownSeconds</c>, default 30, range 1–600).</summary>
    public const string ShutdownSecondsKey = "Kuajing:ShutdownSeconds";

    /// <summary>
    /// Adds JSON console logs (one object per line, scopes included), health checks, and OpenTelemetry: traces from
    /// ASP.NET Core and <see cref="KuajingTelemetry.Activities"/>, metrics from ASP.NET Core (request rate and latency:
    /// <c>http.server.request.duration</c>), the .NET runtime and <see cref="KuajingTelemetry.Meter"/> (plans,
    /// events captured). Metrics are scraped at <c>/metrics</c> (Prometheus text format); traces and metrics are also
    /// pushed by OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set.
    /// On SIGTERM / Ctrl+C Kestrel stops accepting connections and in-flight requests run to completion for up to
    /// <see cref="ShutdownSecondsKey"/> seconds.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">When <see cref="ShutdownSecondsKey"/> is outside 1–600.</exception>
    public static WebApplicationBuilder AddOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });

        // Per-request Information lines from the framework cost about half the throughput under load
        // (known-to-work.md); request rate and latency are metrics instead. Configuration can lower it again.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        var shutdown = builder.Configuration.GetValue(ShutdownSecondsKey, 30);
        if (shutdown is < 1 or > 600)
        {
            throw new InvalidOperationException($"{ShutdownSecondsKey} must be 1 to 600 seconds; got {shutdown}");
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(shutdown));
        builder.Services.AddHealthChecks();

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("kuajing", serviceVersion: typeof(Program).Assembly.GetName().Version?.ToString()))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsOperationsPath(ctx.Request.Path));
                t.AddSource(KuajingTelemetry.Name);
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation();
                m.AddRuntimeInstrumentation();
                m.AddMeter(KuajingTelemetry.Name);
                m.AddPrometheusExporter();
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        return builder;
    }

    /// <summary>Adds nothing to the pipeline today; kept so the table of contents in <see cref="Program"/> stays uniform.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UseOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }

    /// <summary>
    /// Maps <c>/health</c> (liveness: the process answers; no dependency checked), <c>/health/ready</c> (readiness:
    /// every check tagged <c>ready</c>, e.g. the database migrated and reachable; 503 until then) and <c>/metrics</c>
    /// (Prometheus scrape) and <c>/ping</c> (plain text <c>pong</c>, no dependency: the load test's hello-world ceiling).
    /// These paths are left out of traces.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();
        app.MapPrometheusScrapingEndpoint("/metrics");

        // The cheapest possible answer of this server: the ceiling the load test sets other endpoints beside.
        app.MapGet("/ping", () => "pong").ExcludeFromDescription();
        return app;
    }

    private static bool IsOperationsPath(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.Ordinal) || path.StartsWithSegments("/metrics", StringComparison.Ordinal)
        || path.StartsWithSegments("/ping", StringComparison.Ordinal);
}
