using Kuajing.Ledger;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Kuajing.Web.Api;

/// <summary>A signed tree head as published (RFC 9162 §4.10; byte layout of the signed data in docs/ledger.md).</summary>
/// <param name="TreeSize">Leaves (events) covered.</param>
/// <param name="Timestamp">When it was signed (UTC, whole milliseconds).</param>
/// <param name="RootHash">Merkle tree hash of the first <paramref name="TreeSize"/> leaves, 64 lower-case hex digits.</param>
/// <param name="Signature">DER ECDSA P-256/SHA-256 signature over the 53-byte signed data, base64.</param>
/// <param name="KeyId">Lower-case hex SHA-256 of the signing key's DER SubjectPublicKeyInfo (RFC 6962 §3.2 log ID).</param>
public sealed record TreeHeadView(long TreeSize, DateTime Timestamp, string RootHash, string Signature, string KeyId)
{
    internal static TreeHeadView From(SignedTreeHead h) =>
        new(h.TreeSize, h.Timestamp.ToDateTimeUtc(), h.RootHash.ToString(), Convert.ToBase64String(h.Signature.AsSpan()), h.KeyId);
}

/// <summary>The latest signed tree head and the key that verifies it.</summary>
/// <param name="TreeHead">The newest stored signed tree head.</param>
/// <param name="PublicKeyPem">The ledger's public key, SubjectPublicKeyInfo PEM (ECDSA P-256).</param>
/// <param name="KeyId">The public key's id; equals <c>treeHead.keyId</c> when the head was signed with this key.</param>
public sealed record LedgerTreeHeadView(TreeHeadView TreeHead, string PublicKeyPem, string KeyId);

/// <summary>An RFC 9162 §2.1.3 inclusion proof: the event's hash is leaf <paramref name="LeafIndex"/> of the signed tree.</summary>
/// <param name="LeafIndex">The event's 0-based ledger index.</param>
/// <param name="EventHash">The leaf data: SHA-256 of the event's canonical JSON (docs/tracking-events.md), 64 hex digits. The leaf hash is SHA-256(0x00 ‖ these 32 bytes).</param>
/// <param name="TreeSize">The tree size the proof is for (that of <paramref name="TreeHead"/>).</param>
/// <param name="AuditPath">Sibling hashes from the leaf up, 64 hex digits each.</param>
/// <param name="TreeHead">The signed tree head to verify against.</param>
public sealed record InclusionProofView(long LeafIndex, string EventHash, long TreeSize, IReadOnlyList<string> AuditPath, TreeHeadView TreeHead);

/// <summary>An RFC 9162 §2.1.4 consistency proof: the tree of <c>from</c> leaves is a prefix of the tree of <c>to</c> leaves.</summary>
/// <param name="From">The earlier signed tree head.</param>
/// <param name="To">The later signed tree head.</param>
/// <param name="Proof">The proof hashes, 64 hex digits each (empty when the sizes are equal).</param>
public sealed record ConsistencyProofView(TreeHeadView From, TreeHeadView To, IReadOnlyList<string> Proof);

/// <summary>
/// <c>/api/ledger</c>: the public face of the tamper-evident ledger (issue #3 point 5), no sign-in, so anyone — a buyer,
/// a customs broker, an auditor — can check that Kuajing has not rewritten a timeline: the latest signed tree head with
/// the public key, an inclusion proof for one event, a consistency proof between two signed tree heads. Only hashes,
/// sizes, times and signatures are published, never an event's payload. Rate-limited per client IP address.
/// </summary>
public static class LedgerApi
{
    /// <summary>Problem code: the server has never captured an event, so it has no ledger key and no tree head (404).</summary>
    public const string NotStartedCode = "ledger-not-started";

    /// <summary>Adds the ledger (<see cref="TimelineLedger"/>).</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddLedgerApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IClock>(SystemClock.Instance);
        builder.Services.TryAddSingleton<TimelineLedger>();
        return builder;
    }

    /// <summary>Maps the public ledger endpoints.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapLedgerApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/ledger").WithTags("Ledger (public)").AllowAnonymous().RequireRateLimiting(ApiRateLimiting.PolicyName)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/tree-head", TreeHeadAsync).WithName("GetLedgerTreeHead").WithSummary("The latest signed tree head and the public key (public)")
            .WithDescription("ECDSA P-256 signature over the 53-byte encoding of docs/ledger.md. 404 `ledger-not-started` when the server has never captured an event.");
        group.MapGet("/proofs/inclusion", InclusionAsync).WithName("GetLedgerInclusionProof").WithSummary("Inclusion proof of one event (public)")
            .WithDescription("`event`: the event's source id (e.g. an EPCIS eventID or DCSA eventID) or its stored key (`id:…`, or `hash:` + the GS1 EPCIS Event Hash ID). `treeSize` (optional): a stored signed tree head to prove against; default the latest. Returns the leaf index, the event hash, the audit path and the signed head — no payload.");
        group.MapGet("/proofs/consistency", ConsistencyAsync).WithName("GetLedgerConsistencyProof").WithSummary("Consistency proof between two signed tree heads (public)")
            .WithDescription("`from` and `to` are tree sizes of stored signed tree heads, 1 ≤ from ≤ to. Shows the log only grew between them.");
        return app;
    }

    private static ProblemHttpResult NotStarted() => ApiProblem.Create(404, NotStartedCode, "Ledger not started",
        "This server has not captured any tracking event yet, so it has no ledger signing key and no signed tree head.");

    private static async Task<Results<Ok<LedgerTreeHeadView>, ProblemHttpResult>> TreeHeadAsync(HttpContext http, TimelineLedger ledger)
    {
        if (ledger.PublicKey() is not var (pem, keyId) || await ledger.LatestHeadAsync(http.RequestAborted) is not { } head)
        {
            return NotStarted();
        }

        return TypedResults.Ok(new LedgerTreeHeadView(TreeHeadView.From(head), pem, keyId));
    }

    private static async Task<Results<Ok<InclusionProofView>, ValidationProblem, ProblemHttpResult>> InclusionAsync(HttpContext http, TimelineLedger ledger, string? @event, long? treeSize)
    {
        if (string.IsNullOrWhiteSpace(@event) || @event.Length > 300)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["event"] = ["expected the event's id or stored key, 1 to 300 characters"] });
        }

        if (treeSize is < 1)
        {
            return ApiProblem.Validation(new Dictionary<string, string[]> { ["treeSize"] = ["expected the size of a stored signed tree head, ≥ 1"] });
        }

        if (ledger.PublicKey() is null)
        {
            return NotStarted();
        }

        var head = treeSize is { } size ? await ledger.HeadAsync(size, http.RequestAborted) : await ledger.LatestHeadAsync(http.RequestAborted);
        if (head is null)
        {
            return treeSize is null ? NotStarted() : ApiProblem.NotFound($"signed tree head of size {treeSize}");
        }

        var found = await ledger.FindEventAsync(@event.Trim(), http.RequestAborted);
        if (found is not var (index, hash))
        {
            return ApiProblem.NotFound($"event {@event}");
        }

        if (index >= head.TreeSize)
        {
            return ApiProblem.Create(409, ApiProblem.Codes.Conflict, "Not yet anchored", $"The event is ledger leaf {index}, newer than the tree head of size {head.TreeSize}; ask against a later head.");
        }

        var path = await ledger.InclusionProofAsync(index, head.TreeSize, http.RequestAborted);
        if (path is null)
        {
            return ApiProblem.Create(409, ApiProblem.Codes.Conflict, "Log shorter than the tree head", $"Fewer than {head.TreeSize} events are stored: the log no longer matches its signed tree head.");
        }

        return TypedResults.Ok(new InclusionProofView(index, hash.ToString(), head.TreeSize, [.. path.Select(p => p.ToString())], TreeHeadView.From(head)));
    }

    private static async Task<Results<Ok<ConsistencyProofView>, ValidationProblem, ProblemHttpResult>> ConsistencyAsync(HttpContext http, TimelineLedger ledger, long? from, long? to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (from is null or < 1)
        {
            errors["from"] = ["expected the tree size of a stored signed tree head, ≥ 1"];
        }

        if (to is null or < 1 || (from is { } f && to < f))
        {
            errors["to"] = ["expected the tree size of a stored signed tree head, ≥ from"];
        }

        if (errors.Count > 0)
        {
            return ApiProblem.Validation(errors);
        }

        if (ledger.PublicKey() is null)
        {
            return NotStarted();
        }

        var older = await ledger.HeadAsync(from!.Value, http.RequestAborted);
        var newer = await ledger.HeadAsync(to!.Value, http.RequestAborted);
        if (older is null || newer is null)
        {
            return ApiProblem.NotFound($"signed tree head of size {(older is null ? from : to)}");
        }

        var proof = await ledger.ConsistencyProofAsync(older.TreeSize, newer.TreeSize, http.RequestAborted);
        if (proof is null)
        {
            return ApiProblem.Create(409, ApiProblem.Codes.Conflict, "Log shorter than the tree head", $"Fewer than {newer.TreeSize} events are stored: the log no longer matches its signed tree head.");
        }

        return TypedResults.Ok(new ConsistencyProofView(TreeHeadView.From(older), TreeHeadView.From(newer), [.. proof.Select(p => p.ToString())]));
    }
}
