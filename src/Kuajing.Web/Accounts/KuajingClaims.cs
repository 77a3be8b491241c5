namespace Kuajing.Web.Accounts;

/// <summary>
/// The claims every authenticated Kuajing principal carries, whichever way it signed in (browser login cookie or API
/// key): the organisation it acts for and that organisation's role. Access rules read only these.
/// </summary>
public static class KuajingClaims
{
    /// <summary>Claim type of the organisation id (a string, stable, never reused).</summary>
    public const string Organisation = "kuajing:org";

    /// <summary>Claim type of the role: one of the <see cref="AccountRole"/> names in lower case (<c>seller</c>, <c>provider</c>, <c>broker</c>, <c>admin</c>).</summary>
    public const string Role = "kuajing:role";

    /// <summary>Claim type of the API key id when the principal came from an API key (absent for browser sessions); the rate limiter partitions by it.</summary>
    public const string ApiKey = "kuajing:key";

    /// <summary>Authentication scheme name of the browser login cookie.</summary>
    public const string CookieScheme = "kuajing-cookie";

    /// <summary>Authentication scheme name of API keys (header <c>Authorization: Bearer kj_…</c> or <c>X-Api-Key</c>).</summary>
    public const string ApiKeyScheme = "kuajing-api-key";
}

/// <summary>What an organisation is on the platform; decides what it may see and do.</summary>
public enum AccountRole
{
    /// <summary>A seller (跨境卖家): owns orders and the shipments made from them; sees only its own.</summary>
    Seller,

    /// <summary>A logistics provider (物流服务商): sees and updates only the shipments (legs) it carries.</summary>
    Provider,

    /// <summary>A customs broker (报关行): sees the declarations and shipments it is appointed to.</summary>
    Broker,

    /// <summary>A platform administrator: manages organisations and keys.</summary>
    Admin,
}
