using System.Security.Cryptography;
using System.Text;
using Kuajing.Web.Hosting;
using Kuajing.Web.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Accounts;

/// <summary>An account operation refused for a reason the caller can fix (unknown organisation, duplicate email, weak password …).</summary>
public sealed class AccountException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong and what was expected.</param>
    public AccountException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AccountException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AccountException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A newly created API key: <see cref="Key"/> is shown once and never stored.</summary>
/// <param name="Id">The key id (its first 12 characters), used to revoke it.</param>
/// <param name="Key">The whole key (<c>kj_</c> + 43 base64url characters = 256 random bits).</param>
/// <param name="OrganisationId">The organisation it acts for.</param>
public sealed record CreatedApiKey(string Id, string Key, string OrganisationId);

/// <summary>
/// Organisations, users, API keys and who owns or carries what, in the <see cref="WebStore"/>. Passwords are hashed
/// with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512, 100,000 iterations, per
/// the v3 format); API keys are 256 random bits from <see cref="RandomNumberGenerator"/>, stored as their SHA-256
/// (a key has full entropy, so a fast hash is enough; NIST SP 800-63B §5.1.1.2 asks for a slow hash only for
/// memorised secrets). Thread-safe: each call opens its own short-lived context.
/// </summary>
public sealed class AccountService
{
    /// <summary>Every API key starts with this.</summary>
    public const string KeyPrefix = "kj_";

    /// <summary>Length of the key id (the key's public prefix).</summary>
    public const int KeyIdLength = 12;

    /// <summary>Minimum password length, characters (NIST SP 800-63B §5.1.1.2: at least 8; Kuajing asks 10).</summary>
    public const int MinPasswordLength = 10;

    private static readonly PasswordHasher<UserRecord> Hasher = new();

    // Verified against when the email is unknown, so a wrong email costs the same time as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(new UserRecord { Email = "", PasswordHash = "", OrganisationId = "" }, "not-a-password-" + Guid.NewGuid());

    private readonly KuajingDatabase _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the service.</summary>
    /// <param name="database">The database holding the web store.</param>
    /// <param name="time">Clock for creation and revocation times.</param>
    public AccountService(KuajingDatabase database, TimeProvider time)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Opens a web-store context on the already migrated database.</summary>
    /// <returns>A new context; dispose it.</returns>
    public WebStore OpenStore() => _database.OpenWebStore();

    /// <summary>Adds an organisation.</summary>
    /// <param name="name">Display name, 1–200 characters.</param>
    /// <param name="role">Its role.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>The stored organisation with its new id.</returns>
    /// <exception cref="AccountException">When the name is empty or longer than 200 characters.</exception>
    public async Task<OrganisationRecord> AddOrganisationAsync(string name, AccountRole role, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new AccountException("organisation name: expected 1 to 200 characters");
        }

        var org = new OrganisationRecord
        {
            Id = "org_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Name = name,
            Role = AccountRoles.ToClaim(role),
            CreatedAtUtc = _time.GetUtcNow().UtcDateTime,
        };
        await using var store = OpenStore();
        store.Organisations.Add(org);
        await store.SaveChangesAsync(ct);
        return org;
    }

    /// <summary>Finds an organisation.</summary>
    /// <param name="organisationId">Its id.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The organisation, or <see langword="null"/>.</returns>
    public async Task<OrganisationRecord?> FindOrganisationAsync(string organisationId, CancellationToken ct)
    {
        await using var store = OpenStore();
        return await store.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
    }

    /// <summary>Adds a user who signs in with email and password.</summary>
    /// <param name="email">Email address (must contain <c>@</c>, at most 320 characters); stored lower-cased.</param>
    /// <param name="password">Password, at least <see cref="MinPasswordLength"/> characters; only its hash is stored.</param>
    /// <param name="organisationId">The organisation the user acts for.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>The stored user.</returns>
    /// <exception cref="AccountException">When the email is malformed or taken, the password too short, or the organisation unknown.</exception>
    public async Task<UserRecord> AddUserAsync(string email, string password, string organisationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var normalised = NormaliseEmail(email);
        if (normalised.Length is < 3 or > 320 || !normalised.Contains('@', StringComparison.Ordinal))
        {
            throw new AccountException($"email '{email}': expected an address like name@example.com");
        }

        if (password.Length < MinPasswordLength)
        {
            throw new AccountException($"password: expected at least {MinPasswordLength} characters");
        }

        await using var store = OpenStore();
        if (!await store.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            throw new AccountException($"organisation '{organisationId}': no such organisation");
        }

        if (await store.Users.AnyAsync(u => u.Email == normalised, ct))
        {
            throw new AccountException($"email '{normalised}': a user with this email already exists");
        }

        var user = new UserRecord { Email = normalised, PasswordHash = "", OrganisationId = organisationId, CreatedAtUtc = _time.GetUtcNow().UtcDateTime };
        user.PasswordHash = Hasher.HashPassword(user, password);
        store.Users.Add(user);
        await store.SaveChangesAsync(ct);
        return user;
    }

    /// <summary>Checks an email and password; rehashes the password when the hasher asks for it.</summary>
    /// <param name="email">Email as typed.</param>
    /// <param name="password">Password as typed.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The principal for the cookie scheme, or <see langword="null"/> when the email is unknown or the password wrong (the same time either way).</returns>
    public async Task<System.Security.Claims.ClaimsPrincipal?> SignInAsync(string email, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        var normalised = NormaliseEmail(email);
        await using var store = OpenStore();
        var user = await store.Users.FirstOrDefaultAsync(u => u.Email == normalised, ct);
        if (user is null)
        {
            Hasher.VerifyHashedPassword(new UserRecord { Email = "", PasswordHash = "", OrganisationId = "" }, DummyHash, password);
            return null;
        }

        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
            await store.SaveChangesAsync(ct);
        }

        var org = await store.Organisations.AsNoTracking().FirstAsync(o => o.Id == user.OrganisationId, ct);
        return AccountRoles.TryParse(org.Role, out var role)
            ? AccountRoles.Principal(org.Id, role, KuajingClaims.CookieScheme, user.Email, null)
            : null;
    }

    /// <summary>Creates an API key for an organisation.</summary>
    /// <param name="organisationId">The organisation the key acts for.</param>
    /// <param name="name">A label, 1–100 characters.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>The key, whose <see cref="CreatedApiKey.Key"/> is shown once.</returns>
    /// <exception cref="AccountException">When the organisation is unknown or the label empty or too long.</exception>
    public async Task<CreatedApiKey> AddApiKeyAsync(string organisationId, string name, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(name);
        name = name.Trim();
        if (name.Length is 0 or > 100)
        {
            throw new AccountException("key name: expected 1 to 100 characters");
        }

        await using var store = OpenStore();
        if (!await store.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            throw new AccountException($"organisation '{organisationId}': no such organisation");
        }

        while (true)
        {
            var key = KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
            var id = key[..KeyIdLength];
            if (await store.ApiKeys.AnyAsync(k => k.Id == id, ct))
            {
                continue; // 54 random bits in the id: a collision is astronomically rare, but never reuse an id
            }

            store.ApiKeys.Add(new ApiKeyRecord { Id = id, Hash = HashKey(key), OrganisationId = organisationId, Name = name, CreatedAtUtc = _time.GetUtcNow().UtcDateTime });
            await store.SaveChangesAsync(ct);
            return new CreatedApiKey(id, key, organisationId);
        }
    }

    /// <summary>Revokes an API key at once: the next request with it is refused with 401.</summary>
    /// <param name="keyId">The key id (its first 12 characters) or the whole key.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>False when no active key has this id.</returns>
    public async Task<bool> RevokeApiKeyAsync(string keyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var id = keyId.Length > KeyIdLength ? keyId[..KeyIdLength] : keyId;
        await using var store = OpenStore();
        var now = _time.GetUtcNow().UtcDateTime;
        return await store.ApiKeys.Where(k => k.Id == id && k.RevokedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAtUtc, now), ct) > 0;
    }

    /// <summary>Authenticates an API key: finds it by its id, compares SHA-256 hashes in constant time, refuses revoked keys.</summary>
    /// <param name="key">The key as sent.</param>
    /// <param name="ct">Cancels the query.</param>
    /// <returns>The principal for the API-key scheme, or <see langword="null"/> when the key is malformed, unknown or revoked.</returns>
    public async Task<System.Security.Claims.ClaimsPrincipal?> AuthenticateKeyAsync(string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is < KeyIdLength + 1 or > 200 || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = key[..KeyIdLength];
        await using var store = OpenStore();
        var found = await store.ApiKeys.AsNoTracking()
            .Where(k => k.Id == id && k.RevokedAtUtc == null)
            .Join(store.Organisations, k => k.OrganisationId, o => o.Id, (k, o) => new { k.Hash, o.Id, o.Role })
            .FirstOrDefaultAsync(ct);
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.Hash, HashKey(key)) || !AccountRoles.TryParse(found.Role, out var role))
        {
            return null;
        }

        return AccountRoles.Principal(found.Id, role, KuajingClaims.ApiKeyScheme, id, id);
    }

    /// <summary>Makes a seller organisation the owner of orders of the plan store (replacing any earlier owner).</summary>
    /// <param name="sourceKeys">The orders' source keys.</param>
    /// <param name="organisationId">A seller organisation.</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>The number of orders assigned.</returns>
    /// <exception cref="AccountException">When the organisation is unknown or not a seller.</exception>
    public async Task<int> AssignOrdersAsync(IReadOnlyCollection<string> sourceKeys, string organisationId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sourceKeys);
        await using var store = OpenStore();
        await RequireRoleAsync(store, organisationId, AccountRole.Seller, ct);
        foreach (var chunk in sourceKeys.Chunk(500))
        {
            await store.OrderOwners.Where(o => chunk.Contains(o.SourceKey)).ExecuteDeleteAsync(ct);
            store.OrderOwners.AddRange(chunk.Distinct(StringComparer.Ordinal).Select(k => new OrderOwnerRecord { SourceKey = k, OrganisationId = organisationId }));
            await store.SaveChangesAsync(ct);
            store.ChangeTracker.Clear();
        }

        return sourceKeys.Count;
    }

    /// <summary>Assigns a provider (as carrier of the whole shipment or one leg) or a broker (appointed) to a shipment.</summary>
    /// <param name="trackingNumber">The shipment's Kuajing S10 number.</param>
    /// <param name="organisationId">A provider organisation for <see cref="AssignmentKinds.Carrier"/>, a broker for <see cref="AssignmentKinds.Broker"/>.</param>
    /// <param name="kind"><see cref="AssignmentKinds.Carrier"/> or <see cref="AssignmentKinds.Broker"/>.</param>
    /// <param name="legSequence">1-based leg for a carrier of one leg; 0 for the whole shipment (brokers: always 0).</param>
    /// <param name="ct">Cancels the write.</param>
    /// <returns>A task; assigning twice is harmless.</returns>
    /// <exception cref="AccountException">When the organisation is unknown or has the wrong role, the kind unknown, or the leg negative.</exception>
    public async Task AssignShipmentAsync(string trackingNumber, string organisationId, string kind, int legSequence, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(trackingNumber);
        var role = kind switch
        {
            AssignmentKinds.Carrier => AccountRole.Provider,
            AssignmentKinds.Broker => AccountRole.Broker,
            _ => throw new AccountException($"assignment kind '{kind}': expected carrier or broker"),
        };
        if (legSequence < 0 || (role == AccountRole.Broker && legSequence != 0))
        {
            throw new AccountException("leg: expected 0 (whole shipment) or a 1-based leg number for a carrier");
        }

        await using var store = OpenStore();
        await RequireRoleAsync(store, organisationId, role, ct);
        var number = trackingNumber.Trim().ToUpperInvariant();
        if (!await store.ShipmentAssignments.AnyAsync(a => a.TrackingNumber == number && a.OrganisationId == organisationId && a.Kind == kind && a.LegSequence == legSequence, ct))
        {
            store.ShipmentAssignments.Add(new ShipmentAssignmentRecord { TrackingNumber = number, OrganisationId = organisationId, Kind = kind, LegSequence = legSequence });
            await store.SaveChangesAsync(ct);
        }
    }

    /// <summary>SHA-256 of a key's UTF-8 bytes.</summary>
    /// <param name="key">The key.</param>
    /// <returns>32 bytes.</returns>
    internal static byte[] HashKey(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static async Task RequireRoleAsync(WebStore store, string organisationId, AccountRole role, CancellationToken ct)
    {
        var org = await store.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct)
            ?? throw new AccountException($"organisation '{organisationId}': no such organisation");
        if (org.Role != AccountRoles.ToClaim(role))
        {
            throw new AccountException($"organisation '{organisationId}' ({org.Name}) is a {org.Role}; expected a {AccountRoles.ToClaim(role)}");
        }
    }
}
