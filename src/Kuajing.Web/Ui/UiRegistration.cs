using System.Security.Claims;
using Kuajing.Web.Accounts;
using Kuajing.Web.Ui.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using NodaTime;

namespace Kuajing.Web.Ui;

/// <summary>
/// The web UI (issue #4 point 4): server-rendered pages (Razor components rendered by <see cref="RazorComponentResult"/>
/// from minimal-API endpoints; no client-side framework), in English and Simplified Chinese from
/// <c>Ui/Resources/UiText*.resx</c>, with the front-end libraries vendored at build time (scripts/vendor-ui.sh) and
/// served from the assembly under <see cref="AssetsPath"/>. The public tracking page is anonymous; every other page
/// requires the browser login cookie (<see cref="KuajingClaims.CookieScheme"/>, policy <see cref="SignedInPolicy"/>).
/// </summary>
public static class UiRegistration
{
    /// <summary>Authorization policy of the private pages: an authenticated user of the browser login cookie scheme.</summary>
    public const string SignedInPolicy = "kuajing-ui-signed-in";

    /// <summary>URL prefix of the UI's static files (CSS, scripts, vendored libraries, the world atlas).</summary>
    public const string AssetsPath = "/assets";

    /// <summary>Largest order file the upload page accepts, bytes (20 MiB).</summary>
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Adds the Razor component renderer, localization (cultures <see cref="UiCulture.Supported"/>; culture cookie first,
    /// then <c>Accept-Language</c>), antiforgery for the upload form, the <see cref="SignedInPolicy"/> policy, and the
    /// default <see cref="IUiAccessFilter"/> (replaced by the accounts capability's registration).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorComponents();
        // Chinese text as characters, not numeric entities (the default encoder escapes everything outside Basic Latin).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddLocalization();
        builder.Services.AddAntiforgery();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(UiCulture.English).AddSupportedCultures([.. UiCulture.Supported]).AddSupportedUICultures([.. UiCulture.Supported]);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.Services.AddAuthentication(); // the schemes come from the accounts capability (cookie: KuajingClaims.CookieScheme)
        builder.Services.AddAuthorizationBuilder().AddPolicy(SignedInPolicy, p => p.AddAuthenticationSchemes(KuajingClaims.CookieScheme).RequireAuthenticatedUser());
        builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        builder.Services.TryAddSingleton<IUiAccessFilter, UnrestrictedUiAccessFilter>();
        builder.Services.AddSingleton(sp => new UiReferenceData(sp.GetRequiredService<IConfiguration>()["Kuajing:Data"]));
        builder.Services.AddSingleton<UiQueries>();
        return builder;
    }

    /// <summary>
    /// Adds request localization and the static files under <see cref="AssetsPath"/> (embedded in the assembly, so the UI
    /// works whatever the working directory). Call before authentication: assets are public. Antiforgery validation of
    /// the UI's forms is added by <c>UseAccounts</c>, after authentication (the token is bound to the signed-in user).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UseUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(typeof(UiRegistration).Assembly, "Kuajing.Web.wwwroot"),
            RequestPath = AssetsPath,
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        return app;
    }

    /// <summary>
    /// Maps the pages: <c>/track</c> and <c>/track/{number}</c> (public), <c>/ui/language</c> (the language switch), and,
    /// for signed-in users, <c>/</c> (dashboard), <c>/orders/{sourceKey}/plans</c>, <c>/shipments/{number}</c> and
    /// <c>/orders/upload</c> (GET form, POST report).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(async (ctx, next) =>
        {
            var headers = ctx.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return await next(ctx);
        });

        pages.MapGet("/track", (HttpContext http, string? number) =>
            string.IsNullOrWhiteSpace(number)
                ? Page<TrackPage>(http, new() { ["View"] = null })
                : Results.Redirect("/track/" + Uri.EscapeDataString(number.Trim())));
        pages.MapGet("/track/{number}", async (HttpContext http, string number, UiQueries q, CancellationToken ct) =>
        {
            var view = await q.PublicTrackingAsync(number, ct);
            return Page<TrackPage>(http, new() { ["View"] = view }, view.Found ? 200 : 404);
        });
        pages.MapGet("/ui/language", (HttpContext http, string? culture, string? returnUrl) =>
        {
            if (!UiCulture.IsSupported(culture))
            {
                return Results.BadRequest();
            }

            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/track");
        });

        var signedIn = pages.MapGroup("").RequireAuthorization(SignedInPolicy);
        signedIn.MapGet("/", async (HttpContext http, UiQueries q, CancellationToken ct) =>
            Page<DashboardPage>(http, new() { ["View"] = await q.DashboardAsync(http.User, ct) }));
        signedIn.MapGet("/orders/{sourceKey}/plans", async (HttpContext http, string sourceKey, UiQueries q, CancellationToken ct) =>
            await q.PlansAsync(sourceKey, http.User, ct) is { } view ? (IResult)Page<PlansPage>(http, new() { ["View"] = view }) : NotFound(http));
        signedIn.MapGet("/shipments/{number}", async (HttpContext http, string number, UiQueries q, CancellationToken ct) =>
            await q.ShipmentAsync(number, http.User, ct) is { } view ? (IResult)Page<ShipmentPage>(http, new() { ["View"] = view }) : NotFound(http));
        signedIn.MapGet("/orders/upload", (HttpContext http, IAntiforgery antiforgery) =>
            Page<UploadPage>(http, new() { ["Report"] = null, ["Antiforgery"] = antiforgery.GetAndStoreTokens(http), ["Error"] = null }));
        signedIn.MapPost("/orders/upload", async (HttpContext http, [FromForm] IFormFile? file, UiQueries q, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            var extension = file is null ? null : Extension(file.FileName);
            if (file is null || file.Length == 0 || extension is null || file.Length > MaxUploadBytes)
            {
                return Page<UploadPage>(http, new() { ["Report"] = null, ["Antiforgery"] = tokens, ["Error"] = "Upload.BadFile" }, 400);
            }

            var folder = Directory.CreateTempSubdirectory("kuajing-upload-");
            try
            {
                var path = Path.Combine(folder.FullName, "upload" + extension);
                await using (var target = File.Create(path))
                {
                    await file.CopyToAsync(target, ct);
                }

                var report = q.ReadUpload(path, Path.GetFileName(file.FileName));
                return Page<UploadPage>(http, new() { ["Report"] = report, ["Antiforgery"] = tokens, ["Error"] = null });
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }).WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes + 64 * 1024));
        return app;
    }

    private static RazorComponentResult<TPage> Page<TPage>(HttpContext http, Dictionary<string, object?> parameters, int status = 200)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        parameters["Page"] = Context(http);
        return new RazorComponentResult<TPage>(parameters) { StatusCode = status };
    }

    private static RazorComponentResult<NotFoundPage> NotFound(HttpContext http) => Page<NotFoundPage>(http, [], 404);

    /// <summary>The layout context of a request: path and query, culture, user.</summary>
    internal static UiPageContext Context(HttpContext http) =>
        new(http.Request.Path + http.Request.QueryString, System.Globalization.CultureInfo.CurrentUICulture.Name,
            http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.Name) ?? http.User.FindFirstValue(ClaimTypes.Email) ?? http.User.FindFirstValue(KuajingClaims.Organisation) ?? "" : null);

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static string? Extension(string name) =>
        name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase) ? ".csv.gz"
        : name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ".csv"
        : name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ".json"
        : null;
}
