using System.Text.Encodings.Web;
using Kuajing.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Kuajing.Web.Accounts;

/// <summary>
/// The <see cref="KuajingClaims.ApiKeyScheme"/> handler: reads <c>Authorization: Bearer kj_…</c> or <c>X-Api-Key: kj_…</c>,
/// checks the key with <see cref="AccountService.AuthenticateKeyAsync"/> and answers a challenge with a 401 Problem
/// Details (<c>unauthenticated</c>) and <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccountService accounts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The alternative header carrying the key.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>Reads the key from the request, if it carries one.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The key text, or <see langword="null"/>.</returns>
    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0 && !string.IsNullOrWhiteSpace(header[0]))
        {
            return header[0]!.Trim();
        }

        var auth = request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? auth[7..].Trim() : null;
    }

    /// <inheritdoc/>
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = KeyOf(Request);
        if (key is null)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await accounts.AuthenticateKeyAsync(key, Context.RequestAborted);
        return principal is null
            ? AuthenticateResult.Fail("unknown or revoked API key")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <inheritdoc/>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(Context, 401, ApiProblem.Codes.Unauthenticated, "Authentication required",
            KeyOf(Request) is null ? "Send an API key as 'Authorization: Bearer kj_…' or 'X-Api-Key'." : "The API key is unknown or revoked.");
    }

    /// <inheritdoc/>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(Context, 403, ApiProblem.Codes.Forbidden, "Forbidden", "Your organisation may not do this.");

    /// <summary>Writes a Problem Details response with a stable code.</summary>
    /// <param name="context">The request.</param>
    /// <param name="status">HTTP status.</param>
    /// <param name="code">Stable code.</param>
    /// <param name="title">Title.</param>
    /// <param name="detail">Detail.</param>
    /// <returns>A task.</returns>
    internal static async Task WriteProblemAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions[ApiProblem.CodeMember] = code;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
