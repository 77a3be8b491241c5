using System.Security.Claims;
using System.IO.Compression;
using Kuajing.ReferenceData;
using Kuajing.Web.Accounts;
using Kuajing.Web.Api;
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
    /// then <c>Accept-Language</c>), antiforgery for the upload forms, the <see cref="SignedInPolicy"/> policy, and the
    /// page queries. The private pages read through the API's caller-scoped services (<see cref="IOrderQueries"/>,
    /// <see cref="IShipmentQueries"/>) and write through <see cref="IOrderIntake"/>, so access is decided in one place
    /// (<c>Api/AccessRules.cs</c>); call after <c>AddOrdersApi</c> and <c>AddShipmentsApi</c>.
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
        builder.Services.AddSingleton<UploadDrafts>();
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
    /// The security headers every page carries (also the login and logout pages of Accounts): a Content-Security-Policy
    /// allowing only this server's own scripts, styles, images and form targets and no framing, <c>nosniff</c>, and
    /// <c>Referrer-Policy: same-origin</c>.
    /// </summary>
    /// <param name="ctx">The endpoint invocation.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>The endpoint's result.</returns>
    internal static async ValueTask<object?> PageSecurityHeaders(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var headers = ctx.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return await next(ctx);
    }

    /// <summary>
    /// Maps the pages: <c>/track</c> and <c>/track/{number}</c> (public), <c>/ui/language</c> (the language switch), and,
    /// for signed-in users, <c>/</c> (dashboard), <c>/orders/{sourceKey}/plans</c>, <c>/shipments/{number}</c>,
    /// <c>/orders/upload</c> (GET form, POST validation report) and <c>/orders/upload/store</c> (POST: store and plan).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(PageSecurityHeaders);

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
        // Every private page reads as the signed-in organisation (KuajingCaller), through the API's own access rules: an
        // order or shipment of another organisation is a 404 page, exactly as if it did not exist.
        signedIn.MapGet("/", async (HttpContext http, UiQueries q, CancellationToken ct) =>
            Page<DashboardPage>(http, new() { ["View"] = await q.DashboardAsync(KuajingCaller.From(http.User), ct) }));
        signedIn.MapGet("/orders/{sourceKey}/plans", async (HttpContext http, string sourceKey, UiQueries q, CancellationToken ct) =>
            await q.PlansAsync(KuajingCaller.From(http.User), sourceKey, ct) is { } view ? (IResult)Page<PlansPage>(http, new() { ["View"] = view }) : NotFound(http));
        signedIn.MapGet("/shipments/{number}", async (HttpContext http, string number, UiQueries q, CancellationToken ct) =>
            await q.ShipmentAsync(KuajingCaller.From(http.User), number, ct) is { } view ? (IResult)Page<ShipmentPage>(http, new() { ["View"] = view }) : NotFound(http));
        signedIn.MapGet("/orders/upload", (HttpContext http, IAntiforgery antiforgery) =>
            Upload(http, antiforgery, new()));
        signedIn.MapPost("/orders/upload", async (HttpContext http, [FromForm] IFormFile? file, UiQueries q, UploadDrafts drafts, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var caller = KuajingCaller.From(http.User);
            var extension = file is null ? null : Extension(file.FileName);
            if (file is null || file.Length == 0 || extension is null || file.Length > MaxUploadBytes)
            {
                return Upload(http, antiforgery, new() { ["Error"] = "Upload.BadFile" }, 400);
            }

            var fileName = Path.GetFileName(file.FileName);
            var folder = Directory.CreateTempSubdirectory("kuajing-upload-");
            try
            {
                var path = Path.Combine(folder.FullName, "upload" + extension);
                await using (var target = File.Create(path))
                {
                    await file.CopyToAsync(target, ct);
                }

                var report = q.ReadUpload(path, fileName);
                string? draft = null;
                string? error = null;
                if (caller.Role == AccountRole.Seller && report.Orders.Count > 0)
                {
                    var content = await ReadDraftAsync(path, extension == ".csv.gz", ct);
                    draft = content is null ? null : drafts.Keep(new UploadDraft(caller.OrganisationId, fileName, content, extension == ".json"));
                    error = content is null ? "Upload.TooLarge" : draft is null ? "Upload.DraftExpired" : null;
                }

                return Upload(http, antiforgery, new() { ["Report"] = report, ["Draft"] = draft, ["Error"] = error });
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }).WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes + 64 * 1024));

        // Store and plan the checked file through IOrderIntake, the same path as POST /api/orders/bulk: the orders belong
        // to the signed-in seller's organisation and appear on its dashboard and plan pages.
        signedIn.MapPost("/orders/upload/store", async (HttpContext http, [FromForm] StoreForm form, UploadDrafts drafts, IOrderIntake intake, PlanningEngine engine, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            var caller = KuajingCaller.From(http.User);
            if (caller.Role != AccountRole.Seller)
            {
                return Upload(http, antiforgery, new() { ["Error"] = "Upload.SellersOnly" }, 403);
            }

            var options = engine.ParseOptions(null, form.Objective, form.Incoterm, null, out _);
            if (options is null)
            {
                return Upload(http, antiforgery, new() { ["Error"] = "Upload.BadOptions" }, 400);
            }

            if (drafts.Take(caller.OrganisationId, form.Draft) is not { } draft)
            {
                return Upload(http, antiforgery, new() { ["Error"] = "Upload.DraftExpired" }, 400);
            }

            try
            {
                var report = draft.Json
                    ? await intake.UploadJsonAsync(caller, draft.Content, options, ct)
                    : await intake.UploadCsvAsync(caller, draft.Content, options, ct);
                var stored = new StoredUpload(draft.FileName, options.Objective.ToString().ToLowerInvariant(), options.Incoterm.ToString(), report);
                return Upload(http, antiforgery, new() { ["Stored"] = stored });
            }
            catch (ReferenceDataException e)
            {
                // E.g. orders dated before every packing assumption of data/planning/packing.csv: nothing was stored.
                return Upload(http, antiforgery, new() { ["Error"] = "Upload.NotPlannable", ["ErrorDetail"] = e.Message }, 422);
            }
        });
        return app;
    }

    private static RazorComponentResult<UploadPage> Upload(HttpContext http, IAntiforgery antiforgery, Dictionary<string, object?> parameters, int status = 200)
    {
        parameters["Antiforgery"] = antiforgery.GetAndStoreTokens(http);
        parameters["CanStore"] = KuajingCaller.From(http.User).Role == AccountRole.Seller;
        return Page<UploadPage>(http, parameters, status);
    }

    // The file as IOrderIntake reads it: CSV or JSON bytes, a .csv.gz unpacked (at most UploadDrafts.MaxDraftBytes; null beyond).
    private static async Task<byte[]?> ReadDraftAsync(string path, bool gzip, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        await using var source = gzip ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > UploadDrafts.MaxDraftBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static RazorComponentResult<TPage> Page<TPage>(HttpContext http, Dictionary<string, object?> parameters, int status = 200)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        parameters["Page"] = Context(http);
        return new RazorComponentResult<TPage>(parameters) { StatusCode = status };
    }

    /// <summary>The "store and plan" form of the upload page.</summary>
    internal sealed class StoreForm
    {
        /// <summary>The draft token from the check step.</summary>
        public string? Draft { get; set; }

        /// <summary><c>cheapest</c>, <c>fastest</c>, <c>greenest</c> or <c>balanced</c>.</summary>
        public string? Objective { get; set; }

        /// <summary><c>DAP</c> or <c>DDP</c>.</summary>
        public string? Incoterm { get; set; }
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
