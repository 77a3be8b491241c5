using System.Security.Cryptography;
using System.Text;
using Kuajing.Web.Accounts;
using Kuajing.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Api;

/// <summary>
/// Idempotency keys on creates (<c>Idempotency-Key</c> header, as in the IETF draft
/// <c>draft-ietf-httpapi-idempotency-key-header</c>): the first request with a key is stored per organisation with a
/// SHA-256 of its method, path, query and body, and its response (status below 500) is kept for
/// <see cref="RetentionHours"/> hours. A retry with the same key and the same request gets the stored response again
/// (header <c>Idempotent-Replayed: true</c>); the same key with a different request is refused with 422
/// <c>idempotency-key-reused</c>; while the first request is still running, 409 <c>idempotency-key-in-progress</c>.
/// A 5xx response is not kept, so the client may retry. The header is optional; without it a create is not protected.
/// </summary>
public static class Idempotency
{
    /// <summary>The request header.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The response header set on a replayed response.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>How long a key is remembered, hours; an older key may be used again for a new request.</summary>
    public const int RetentionHours = 24;

    /// <summary>Longest accepted key, characters (printable ASCII).</summary>
    public const int MaxKeyLength = 200;

    /// <summary>
    /// Protects a create endpoint with idempotency keys. The handler must read the request body itself (raw, not through
    /// parameter binding): the filter buffers and hashes the body before the handler runs.
    /// </summary>
    /// <param name="builder">The endpoint.</param>
    /// <returns>The same endpoint, described with its 409 and 422 problems.</returns>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter<IdempotencyFilter>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>The endpoint filter behind <see cref="Idempotency.WithIdempotency"/>.</summary>
internal sealed class IdempotencyFilter(AccountService accounts, TimeProvider time) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(Idempotency.HeaderName, out var values) || !KuajingCaller.TryFrom(http.User, out var caller))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (key.Length is 0 or > Idempotency.MaxKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            return ApiProblem.Validation(new Dictionary<string, string[]>
            {
                [Idempotency.HeaderName] = [$"expected 1 to {Idempotency.MaxKeyLength} printable ASCII characters, e.g. a UUID"],
            });
        }

        var ct = http.RequestAborted;
        var hash = await HashRequestAsync(http.Request, ct);
        await using var store = accounts.OpenStore();
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await store.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(r => r.OrganisationId == caller.OrganisationId && r.Key == key, ct);
        if (existing is not null && existing.CreatedAtUtc < now.AddHours(-Idempotency.RetentionHours))
        {
            await store.IdempotencyKeys.Where(r => r.OrganisationId == caller.OrganisationId && r.Key == key).ExecuteDeleteAsync(ct);
            existing = null;
        }

        if (existing is not null)
        {
            return Decide(existing, hash);
        }

        var record = new IdempotencyRecord { OrganisationId = caller.OrganisationId, Key = key, RequestHash = hash, CreatedAtUtc = now };
        store.IdempotencyKeys.Add(record);
        try
        {
            await store.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request inserted the key first (primary key on organisation + key): decide against it.
            store.ChangeTracker.Clear();
            var winner = await store.IdempotencyKeys.AsNoTracking().FirstAsync(r => r.OrganisationId == caller.OrganisationId && r.Key == key, ct);
            return Decide(winner, hash);
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            var result = await next(context);
            if (result is IResult r)
            {
                await r.ExecuteAsync(http);
            }
            else if (result is not null)
            {
                await http.Response.WriteAsJsonAsync(result, result.GetType(), ct);
            }
        }
        catch
        {
            http.Response.Body = original;
            await ForgetAsync(store, record, CancellationToken.None);
            throw;
        }

        http.Response.Body = original;
        var status = http.Response.StatusCode;
        if (status >= 500)
        {
            await ForgetAsync(store, record, CancellationToken.None);
        }
        else
        {
            record.StatusCode = status;
            record.ContentType = http.Response.ContentType;
            record.Location = http.Response.Headers.Location.ToString() is { Length: > 0 } loc ? loc : null;
            record.Body = buffer.ToArray();
            await store.SaveChangesAsync(CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, ct);
        return Results.Empty;
    }

    private static object Decide(IdempotencyRecord existing, byte[] hash)
    {
        if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, hash))
        {
            return ApiProblem.Create(422, ApiProblem.Codes.IdempotencyKeyReused, "Idempotency key reused",
                "This Idempotency-Key was used with a different request; use a new key for a new request.");
        }

        if (existing.StatusCode == 0)
        {
            return ApiProblem.Create(409, ApiProblem.Codes.IdempotencyInProgress, "Request in progress",
                "A request with this Idempotency-Key is still being processed; retry later.");
        }

        return new ReplayResult(existing);
    }

    private static async Task ForgetAsync(WebStore store, IdempotencyRecord record, CancellationToken ct)
    {
        store.ChangeTracker.Clear();
        await store.IdempotencyKeys.Where(r => r.OrganisationId == record.OrganisationId && r.Key == record.Key).ExecuteDeleteAsync(ct);
    }

    private static async Task<byte[]> HashRequestAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n{request.QueryString}\n"));
        request.Body.Position = 0;
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return sha.GetHashAndReset();
    }

    /// <summary>Writes a stored response again.</summary>
    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = record.StatusCode;
            httpContext.Response.Headers[Idempotency.ReplayedHeader] = "true";
            if (record.ContentType is not null)
            {
                httpContext.Response.ContentType = record.ContentType;
            }

            if (record.Location is not null)
            {
                httpContext.Response.Headers.Location = record.Location;
            }

            if (record.Body is { Length: > 0 } body)
            {
                await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
            }
        }
    }
}
