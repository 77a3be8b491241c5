using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace Kuajing.Web.Accounts;

/// <summary>
/// Who is calling, as the access rules see it: the organisation from <see cref="KuajingClaims.Organisation"/>, its role
/// from <see cref="KuajingClaims.Role"/> and, for API keys, the key id from <see cref="KuajingClaims.ApiKey"/>. Every
/// query service (<see cref="Api.IOrderQueries"/>, <see cref="Api.IShipmentQueries"/>) takes one and shows only what it
/// may see.
/// </summary>
/// <param name="OrganisationId">The organisation id.</param>
/// <param name="Role">The organisation's role.</param>
/// <param name="ApiKeyId">The API key id, or <see langword="null"/> for a browser session.</param>
public sealed record KuajingCaller(string OrganisationId, AccountRole Role, string? ApiKeyId = null)
{
    /// <summary>True for the platform administrator, who sees everything.</summary>
    public bool IsAdmin => Role == AccountRole.Admin;

    /// <summary>Reads the caller from an authenticated principal.</summary>
    /// <param name="principal">The request's user.</param>
    /// <param name="caller">The caller, when the principal carries both Kuajing claims with a known role.</param>
    /// <returns>False for anonymous principals or principals without the Kuajing claims.</returns>
    public static bool TryFrom(ClaimsPrincipal? principal, [NotNullWhen(true)] out KuajingCaller? caller)
    {
        caller = null;
        var org = principal?.FindFirst(KuajingClaims.Organisation)?.Value;
        var role = principal?.FindFirst(KuajingClaims.Role)?.Value;
        if (principal?.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(org) || !AccountRoles.TryParse(role, out var r))
        {
            return false;
        }

        caller = new KuajingCaller(org, r, principal.FindFirst(KuajingClaims.ApiKey)?.Value);
        return true;
    }

    /// <summary>Reads the caller from a principal that must be authenticated (endpoints behind <c>RequireAuthorization</c>).</summary>
    /// <param name="principal">The request's user.</param>
    /// <returns>The caller.</returns>
    /// <exception cref="InvalidOperationException">When the principal is anonymous or lacks the Kuajing claims.</exception>
    public static KuajingCaller From(ClaimsPrincipal principal) =>
        TryFrom(principal, out var caller) ? caller : throw new InvalidOperationException("the request is not authenticated with Kuajing claims");
}

/// <summary>The claim spelling of <see cref="AccountRole"/> (lower case, as <see cref="KuajingClaims.Role"/> documents).</summary>
public static class AccountRoles
{
    /// <summary>The claim value of a role: <c>seller</c>, <c>provider</c>, <c>broker</c> or <c>admin</c>.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The lower-case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="role"/> is not a defined value.</exception>
    public static string ToClaim(AccountRole role) => role switch
    {
        AccountRole.Seller => "seller",
        AccountRole.Provider => "provider",
        AccountRole.Broker => "broker",
        AccountRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "unknown role"),
    };

    /// <summary>Parses a role name (case-insensitive).</summary>
    /// <param name="value">The text, e.g. <c>seller</c>.</param>
    /// <param name="role">The role when recognised.</param>
    /// <returns>False when <paramref name="value"/> names no role.</returns>
    public static bool TryParse(string? value, out AccountRole role)
    {
        switch (value?.Trim().ToUpperInvariant())
        {
            case "SELLER": role = AccountRole.Seller; return true;
            case "PROVIDER": role = AccountRole.Provider; return true;
            case "BROKER": role = AccountRole.Broker; return true;
            case "ADMIN": role = AccountRole.Admin; return true;
            default: role = default; return false;
        }
    }

    /// <summary>Builds the principal a sign-in produces: the Kuajing claims plus a name.</summary>
    /// <param name="organisationId">The organisation id.</param>
    /// <param name="role">Its role.</param>
    /// <param name="scheme">The authentication scheme (<see cref="KuajingClaims.CookieScheme"/> or <see cref="KuajingClaims.ApiKeyScheme"/>).</param>
    /// <param name="name">The user's email or the API key id.</param>
    /// <param name="apiKeyId">The API key id, or <see langword="null"/> for a browser session.</param>
    /// <returns>The principal.</returns>
    public static ClaimsPrincipal Principal(string organisationId, AccountRole role, string scheme, string name, string? apiKeyId)
    {
        var claims = new List<Claim>
        {
            new(KuajingClaims.Organisation, organisationId),
            new(KuajingClaims.Role, ToClaim(role)),
            new(ClaimTypes.Name, name),
        };
        if (apiKeyId is not null)
        {
            claims.Add(new Claim(KuajingClaims.ApiKey, apiKeyId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, KuajingClaims.Role));
    }
}
