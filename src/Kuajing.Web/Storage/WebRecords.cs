namespace Kuajing.Web.Storage;

/// <summary>An organisation on the platform: a seller, logistics provider, customs broker or the platform admin.</summary>
public sealed class OrganisationRecord
{
    /// <summary>Stable id (<c>org_</c> + 16 hex digits), never reused; the <c>kuajing:org</c> claim.</summary>
    public required string Id { get; set; }

    /// <summary>Display name (1–200 characters). Never shown on public pages.</summary>
    public required string Name { get; set; }

    /// <summary>Role in lower case: <c>seller</c>, <c>provider</c>, <c>broker</c> or <c>admin</c> (<see cref="Accounts.AccountRole"/>).</summary>
    public required string Role { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A person who signs in to the web UI with email and password, acting for one organisation.</summary>
public sealed class UserRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>Email address, trimmed and lower-cased (invariant culture); unique.</summary>
    public required string Email { get; set; }

    /// <summary>ASP.NET Core Identity <c>PasswordHasher</c> v3 hash (PBKDF2-HMAC-SHA512, 100,000 iterations, 128-bit salt); never the password.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>The organisation the user acts for.</summary>
    public required string OrganisationId { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// An API key. Only its SHA-256 hash is stored; <see cref="Id"/> (the key's first 12 characters, <c>kj_</c> + 9) finds
/// the row, the hash proves the rest. The whole key is shown once, when it is created.
/// </summary>
public sealed class ApiKeyRecord
{
    /// <summary>The key's public prefix (first 12 characters), unique; the <c>kuajing:key</c> claim and the rate-limit partition.</summary>
    public required string Id { get; set; }

    /// <summary>SHA-256 of the whole key's UTF-8 bytes, 32 bytes.</summary>
    public required byte[] Hash { get; set; }

    /// <summary>The organisation the key acts for.</summary>
    public required string OrganisationId { get; set; }

    /// <summary>A label chosen by its creator (e.g. <c>erp-sync</c>), up to 100 characters.</summary>
    public required string Name { get; set; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When it was revoked (UTC); a revoked key authenticates nothing. <see langword="null"/> while active.</summary>
    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>Which seller organisation owns an order of the plan store, keyed by the order's source key (<c>orders.SourceKey</c>).</summary>
public sealed class OrderOwnerRecord
{
    /// <summary>The plan store's order source key (input name | order id), up to 300 characters.</summary>
    public required string SourceKey { get; set; }

    /// <summary>The owning seller organisation.</summary>
    public required string OrganisationId { get; set; }
}

/// <summary>
/// Which organisation owns a webhook subscription of the timeline store (<c>webhook_subscriptions.Id</c>): the API lists,
/// shows and deletes only the caller's own. Subscriptions made with <c>kuajing webhooks add</c> have no row (no owner).
/// </summary>
public sealed class WebhookOwnerRecord
{
    /// <summary>The subscription id in the timeline store.</summary>
    public Guid SubscriptionId { get; set; }

    /// <summary>The owning organisation.</summary>
    public required string OrganisationId { get; set; }
}

/// <summary>What an organisation does for a shipment: carries it (or one leg) as a provider, or clears it as the appointed broker.</summary>
public static class AssignmentKinds
{
    /// <summary>A logistics provider carrying the shipment or one of its legs.</summary>
    public const string Carrier = "carrier";

    /// <summary>The customs broker appointed to the shipment.</summary>
    public const string Broker = "broker";
}

/// <summary>A provider or broker assigned to a shipment of the plan store, keyed by its Kuajing S10 tracking number.</summary>
public sealed class ShipmentAssignmentRecord
{
    /// <summary>The shipment's Kuajing UPU S10 tracking number (13 characters).</summary>
    public required string TrackingNumber { get; set; }

    /// <summary>The assigned organisation.</summary>
    public required string OrganisationId { get; set; }

    /// <summary><see cref="AssignmentKinds.Carrier"/> or <see cref="AssignmentKinds.Broker"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>The leg carried, 1-based; 0 for the whole shipment (always 0 for a broker).</summary>
    public int LegSequence { get; set; }
}

/// <summary>
/// One use of an <c>Idempotency-Key</c> by an organisation: the request's hash and, once finished, the response to
/// replay. Rows older than <see cref="Api.Idempotency.RetentionHours"/> hours are replaced on the next use of the key.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The organisation that sent the key (keys are scoped per organisation).</summary>
    public required string OrganisationId { get; set; }

    /// <summary>The client's key, 1–200 printable ASCII characters.</summary>
    public required string Key { get; set; }

    /// <summary>SHA-256 over method, path, query and body, 32 bytes.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>The response status; 0 while the first request is still being processed.</summary>
    public int StatusCode { get; set; }

    /// <summary>The response content type, when finished.</summary>
    public string? ContentType { get; set; }

    /// <summary>The response <c>Location</c> header, when finished and present.</summary>
    public string? Location { get; set; }

    /// <summary>The response body, when finished.</summary>
    public byte[]? Body { get; set; }

    /// <summary>When the key was first used (UTC).</summary>
    public DateTime CreatedAtUtc { get; set; }
}
