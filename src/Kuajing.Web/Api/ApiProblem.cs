using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kuajing.Web.Api;

/// <summary>
/// The API's errors as RFC 9457 Problem Details (<c>application/problem+json</c>), each with a stable machine-readable
/// <c>code</c> extension that clients switch on (the <c>title</c> and <c>detail</c> are for people and may change).
/// The codes are listed in <see cref="Codes"/> and in docs/api.md; a code, once published, keeps its meaning.
/// </summary>
public static class ApiProblem
{
    /// <summary>The stable error codes.</summary>
    public static class Codes
    {
        /// <summary>400: the request body or parameters failed validation; <c>errors</c> maps field → messages.</summary>
        public const string Validation = "validation-failed";

        /// <summary>400: the body is not the JSON (or file) the endpoint expects.</summary>
        public const string MalformedRequest = "malformed-request";

        /// <summary>401: no credentials, or an unknown / revoked API key.</summary>
        public const string Unauthenticated = "unauthenticated";

        /// <summary>403: the caller's organisation or role may not do this.</summary>
        public const string Forbidden = "forbidden";

        /// <summary>404: no such resource visible to the caller (also used instead of 403 where existence must not leak).</summary>
        public const string NotFound = "not-found";

        /// <summary>409: the resource is in a state that does not allow the request.</summary>
        public const string Conflict = "conflict";

        /// <summary>409: a request with the same <c>Idempotency-Key</c> is still being processed.</summary>
        public const string IdempotencyInProgress = "idempotency-key-in-progress";

        /// <summary>422: the <c>Idempotency-Key</c> was used before with a different request.</summary>
        public const string IdempotencyKeyReused = "idempotency-key-reused";

        /// <summary>429: the caller's rate limit is used up; <c>Retry-After</c> says when to retry.</summary>
        public const string RateLimited = "rate-limited";

        /// <summary>500: an unexpected server error; <c>traceId</c> identifies it in the logs.</summary>
        public const string Internal = "internal-error";

        /// <summary>Any other HTTP error status (e.g. 405, 415) without a more specific code: <c>http-NNN</c>.</summary>
        /// <param name="status">HTTP status code.</param>
        /// <returns>The code.</returns>
        public static string ForStatus(int status) => status switch
        {
            400 => MalformedRequest,
            401 => Unauthenticated,
            403 => Forbidden,
            404 => NotFound,
            409 => Conflict,
            429 => RateLimited,
            500 => Internal,
            _ => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The extension member holding the stable code.</summary>
    public const string CodeMember = "code";

    /// <summary>Builds a problem result with a stable code.</summary>
    /// <param name="status">HTTP status code, 400–599.</param>
    /// <param name="code">One of <see cref="Codes"/>.</param>
    /// <param name="title">Short human-readable summary.</param>
    /// <param name="detail">Explanation of this occurrence, or <see langword="null"/>.</param>
    /// <returns>The result to return from an endpoint.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="status"/> is not 400–599.</exception>
    public static ProblemHttpResult Create(int status, string code, string title, string? detail = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions[CodeMember] = code;
        return TypedResults.Problem(problem);
    }

    /// <summary>A 400 validation problem listing every failing field.</summary>
    /// <param name="errors">Field name (JSON path or CSV column) → messages saying what was expected.</param>
    /// <returns>The result.</returns>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(errors, title: "The request has invalid fields", extensions: new Dictionary<string, object?> { [CodeMember] = Codes.Validation });
    }

    /// <summary>A 404 for a resource the caller cannot see.</summary>
    /// <param name="what">What was looked up, e.g. <c>shipment EZ000000005CN</c>.</param>
    /// <returns>The result.</returns>
    public static ProblemHttpResult NotFound(string what) => Create(404, Codes.NotFound, "Not found", $"No {what} visible to you.");
}
