using Kuajing.Web.Ui.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kuajing.Web.Ui;

/// <summary>
/// The sign-in and sign-out pages of the accounts capability (<c>/login</c>, <c>/logout</c>, mapped in
/// <c>Accounts/AccountsRegistration.cs</c>) rendered as UI pages: <see cref="LoginPage"/> and <see cref="LogoutPage"/>
/// in the shared layout with the language switch, text from <c>UiText*.resx</c>.
/// </summary>
internal static class AccountPages
{
    /// <summary>The sign-in form.</summary>
    /// <param name="http">The request (culture, path, user).</param>
    /// <param name="tokens">The form's antiforgery tokens.</param>
    /// <param name="returnUrl">The local path to go to after signing in, already checked.</param>
    /// <param name="failed">True after a wrong email or password: the page shows <c>Login.Failed</c>.</param>
    /// <param name="status">HTTP status: 200, or 401 after a failed sign-in.</param>
    /// <returns>The page.</returns>
    public static RazorComponentResult<LoginPage> Login(HttpContext http, AntiforgeryTokenSet tokens, string returnUrl, bool failed, int status)
    {
        // The language switch comes back to this form with the same return URL, also after a failed POST.
        var path = returnUrl == "/" ? "/login" : "/login?returnUrl=" + Uri.EscapeDataString(returnUrl);
        var page = UiRegistration.Context(http) with { Path = path };
        return new RazorComponentResult<LoginPage>(new Dictionary<string, object?>
        {
            ["Page"] = page,
            ["Antiforgery"] = tokens,
            ["ReturnUrl"] = returnUrl,
            ["Failed"] = failed,
        })
        { StatusCode = status };
    }

    /// <summary>The sign-out confirmation form.</summary>
    /// <param name="http">The request (culture, path, user).</param>
    /// <param name="tokens">The form's antiforgery tokens.</param>
    /// <returns>The page (200).</returns>
    public static RazorComponentResult<LogoutPage> Logout(HttpContext http, AntiforgeryTokenSet tokens) =>
        new(new Dictionary<string, object?> { ["Page"] = UiRegistration.Context(http), ["Antiforgery"] = tokens });
}
