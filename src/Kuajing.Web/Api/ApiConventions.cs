using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Scalar.AspNetCore;

namespace Kuajing.Web.Api;

/// <summary>
/// What every endpoint under <c>/api/</c> shares: the OpenAPI 3.1 document at <c>/openapi/v1.json</c>, an interactive
/// reference page at <c>/api/reference</c> (Scalar, served from the package: nothing is loaded from the internet), and
/// errors as Problem Details carrying a stable <see cref="ApiProblem.CodeMember"/> and the request's trace id.
/// </summary>
public static class ApiConventions
{
    /// <summary>The OpenAPI document name (<c>v1</c>), giving the path <c>/openapi/v1.json</c>.</summary>
    public const string DocumentName = "v1";

    /// <summary>Adds the OpenAPI document generator and Problem Details (with code and trace id on every problem).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddApiConventions(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(DocumentName, o =>
        {
            o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Kuajing 跨境 API";
                document.Info.Version = "v1";
                document.Info.Description = "Plan, quote, declare and track cross-border e-commerce shipments. Errors are RFC 9457 Problem Details with a stable `code`.";
                return Task.CompletedTask;
            });
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Extensions.TryAdd(ApiProblem.CodeMember, ApiProblem.Codes.ForStatus(status));
            ctx.ProblemDetails.Extensions.TryAdd("traceId", System.Diagnostics.Activity.Current?.Id ?? ctx.HttpContext.TraceIdentifier);
            if (status >= 500)
            {
                // Never leak exception text to callers; the trace id finds it in the logs.
                ctx.ProblemDetails.Detail = null;
            }
        });
        return builder;
    }

    /// <summary>Turns unhandled exceptions and bare error statuses (404, 405, …) into Problem Details.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UseApiConventions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : 500 });
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>Maps the OpenAPI document and the reference page.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapApiConventions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Kuajing API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
