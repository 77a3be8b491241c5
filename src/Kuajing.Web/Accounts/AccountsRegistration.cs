using Kuajing.Web.Api;
using Kuajing.Web.Ui;
using Kuajing.Web.Ui.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kuajing.Web.Accounts;

/// <summary>
/// Accounts and access: the browser login cookie (<see cref="KuajingClaims.CookieScheme"/>, login page at
/// <c>/login</c>, logout at <c>/logout</c>, antiforgery on both forms) and API keys
/// (<see cref="KuajingClaims.ApiKeyScheme"/>). A request carrying <c>Authorization: Bearer</c> or <c>X-Api-Key</c> is
/// authenticated by its key, any other by its cookie; both give the claims of <see cref="KuajingClaims"/>.
/// Unauthenticated calls under <c>/api/</c> get a 401 Problem Details; pages redirect to <c>/login</c>.
/// </summary>
public static class AccountsRegistration
{
    /// <summary>The default scheme: forwards to the API-key or the cookie scheme per request.</summary>
    public const string SelectorScheme = "kuajing";

    /// <summary>The login page path.</summary>
    public const string LoginPath = "/login";

    /// <summary>The logout path (POST with the antiforgery token; GET shows a confirmation form).</summary>
    public const string LogoutPath = "/logout";

    /// <summary>Configuration key of the browser session lifetime in hours (<c>Kuajing:SessionHours</c>, default 8, range 1–720, sliding).</summary>
    public const string SessionHoursKey = "Kuajing:SessionHours";

    /// <summary>Adds <see cref="AccountService"/>, both authentication schemes, authorization and antiforgery.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">When <see cref="SessionHoursKey"/> is outside 1–720.</exception>
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var hours = builder.Configuration.GetValue(SessionHoursKey, 8);
        if (hours is < 1 or > 720)
        {
            throw new InvalidOperationException($"{SessionHoursKey} must be 1 to 720 hours; got {hours}");
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AccountService>();
        builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Kuajing", o => o.ForwardDefaultSelector = ctx =>
                ApiKeyAuthenticationHandler.KeyOf(ctx.Request) is not null ? KuajingClaims.ApiKeyScheme : KuajingClaims.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(KuajingClaims.ApiKeyScheme, null)
            .AddCookie(KuajingClaims.CookieScheme, o =>
            {
                o.Cookie.Name = "kuajing.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(hours);
                o.SlidingExpiration = true;
                o.LoginPath = LoginPath;
                o.LogoutPath = LogoutPath;
                o.AccessDeniedPath = LoginPath;
                o.Events = new CookieAuthenticationEvents
                {
                    OnRedirectToLogin = ctx => IsApi(ctx.Request)
                        ? ApiKeyAuthenticationHandler.WriteProblemAsync(ctx.HttpContext, 401, ApiProblem.Codes.Unauthenticated, "Authentication required", "Sign in at /login or send an API key.")
                        : Redirect(ctx),
                    OnRedirectToAccessDenied = ctx => IsApi(ctx.Request)
                        ? ApiKeyAuthenticationHandler.WriteProblemAsync(ctx.HttpContext, 403, ApiProblem.Codes.Forbidden, "Forbidden", "Your organisation may not do this.")
                        : Redirect(ctx),
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "kuajing.antiforgery");
        return builder;
    }

    /// <summary>Adds authentication, authorization and antiforgery validation to the pipeline (after routing, before endpoints).</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UseAccounts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// Maps <c>GET/POST /login</c> and <c>GET/POST /logout</c>: server-rendered forms without script, rendered as UI pages
    /// (<see cref="Ui.Pages.LoginPage"/>, <see cref="Ui.Pages.LogoutPage"/>) in English or Simplified Chinese.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapAccounts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(UiRegistration.PageSecurityHeaders); // CSP etc., as every UI page
        pages.MapGet(LoginPath, (HttpContext ctx, IAntiforgery antiforgery, string? returnUrl) =>
                AccountPages.Login(ctx, antiforgery.GetAndStoreTokens(ctx), LocalOrRoot(returnUrl), failed: false, StatusCodes.Status200OK))
            .ExcludeFromDescription()
            .RequireRateLimiting(ApiRateLimiting.PolicyName);
        pages.MapPost(LoginPath, async Task<Results<RedirectHttpResult, RazorComponentResult<LoginPage>>> (HttpContext ctx, IAntiforgery antiforgery, AccountService accounts, [FromForm] LoginForm form) =>
            {
                var principal = await accounts.SignInAsync(form.Email ?? "", form.Password ?? "", ctx.RequestAborted);
                if (principal is null)
                {
                    return AccountPages.Login(ctx, antiforgery.GetAndStoreTokens(ctx), LocalOrRoot(form.ReturnUrl), failed: true, StatusCodes.Status401Unauthorized);
                }

                await ctx.SignInAsync(KuajingClaims.CookieScheme, principal);
                return TypedResults.LocalRedirect(LocalOrRoot(form.ReturnUrl));
            })
            .ExcludeFromDescription()
            .RequireRateLimiting(ApiRateLimiting.PolicyName);
        pages.MapGet(LogoutPath, (HttpContext ctx, IAntiforgery antiforgery) => AccountPages.Logout(ctx, antiforgery.GetAndStoreTokens(ctx)))
            .ExcludeFromDescription();
        pages.MapPost(LogoutPath, async (HttpContext ctx, IFormCollection form) =>
            {
                await ctx.SignOutAsync(KuajingClaims.CookieScheme);
                return TypedResults.LocalRedirect(LoginPath);
            })
            .ExcludeFromDescription();
        return app;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.Ordinal);

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    // Only same-site paths: an absolute or protocol-relative return URL would be an open redirect.
    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}

/// <summary>The login form's fields.</summary>
internal sealed class LoginForm
{
    /// <summary>Email.</summary>
    public string? Email { get; set; }

    /// <summary>Password.</summary>
    public string? Password { get; set; }

    /// <summary>Where to go after signing in (a local path).</summary>
    public string? ReturnUrl { get; set; }
}
