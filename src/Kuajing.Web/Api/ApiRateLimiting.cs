using System.Globalization;
using System.Threading.RateLimiting;
using Kuajing.Web.Accounts;
using Microsoft.AspNetCore.RateLimiting;

namespace Kuajing.Web.Api;

/// <summary>
/// The token-bucket limits of a rate-limit partition (one API key, one signed-in organisation, or one client IP for
/// anonymous calls), from configuration section <c>Kuajing:RateLimit</c>. Defaults: a burst of 100 requests, refilled
/// at 50 per second — enough for an ERP sync and a busy dashboard, while one runaway client cannot take the 2-core
/// server's planning capacity. Raise them for load tests.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Kuajing:RateLimit";

    /// <summary>Bucket size: the largest burst, requests (default 100, range 1–1,000,000).</summary>
    public int TokenLimit { get; set; } = 100;

    /// <summary>Tokens added each period, requests (default 50, range 1–1,000,000).</summary>
    public int TokensPerPeriod { get; set; } = 50;

    /// <summary>The refill period, seconds (default 1, range 0.001–3600).</summary>
    public double PeriodSeconds { get; set; } = 1;

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="InvalidOperationException">When a value is outside its range.</exception>
    public void Validate()
    {
        if (TokenLimit is < 1 or > 1_000_000 || TokensPerPeriod is < 1 or > 1_000_000 || PeriodSeconds is < 0.001 or > 3600 || double.IsNaN(PeriodSeconds))
        {
            throw new InvalidOperationException($"{Section}: TokenLimit and TokensPerPeriod must be 1 to 1,000,000 and PeriodSeconds 0.001 to 3600; got {TokenLimit}, {TokensPerPeriod}, {PeriodSeconds.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}

/// <summary>
/// Rate limiting with ASP.NET Core's rate limiter: one token bucket per API key (claim <see cref="KuajingClaims.ApiKey"/>),
/// else per signed-in organisation, else per client IP address. A refused request gets 429 Problem Details with code
/// <c>rate-limited</c> and a <c>Retry-After</c> header in whole seconds.
/// </summary>
public static class ApiRateLimiting
{
    /// <summary>The policy every <c>/api/</c> endpoint and the login form use.</summary>
    public const string PolicyName = "kuajing-per-key";

    /// <summary>Adds the rate limiter with <see cref="PolicyName"/> from <see cref="RateLimitOptions"/>.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">When the configured limits are out of range.</exception>
    public static WebApplicationBuilder AddApiRateLimiting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var limits = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        limits.Validate();
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.TokenLimit,
            TokensPerPeriod = limits.TokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(limits.PeriodSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PolicyName, ctx => RateLimitPartition.GetTokenBucketLimiter(PartitionOf(ctx), _ => bucket));
            o.OnRejected = async (rejected, _) =>
            {
                var ctx = rejected.HttpContext;
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry)
                    ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds))
                    : Math.Max(1, (int)Math.Ceiling(limits.PeriodSeconds));
                ctx.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiKeyAuthenticationHandler.WriteProblemAsync(ctx, 429, ApiProblem.Codes.RateLimited, "Too many requests",
                    $"The rate limit of this API key is used up; retry after {seconds} s.");
            };
        });
        return builder;
    }

    /// <summary>Adds the rate limiter to the pipeline (after authentication, so the key is known).</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication UseApiRateLimiting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    private static string PartitionOf(HttpContext ctx)
    {
        var user = ctx.User;
        if (user.FindFirst(KuajingClaims.ApiKey)?.Value is { } key)
        {
            return "key:" + key;
        }

        if (user.FindFirst(KuajingClaims.Organisation)?.Value is { } org)
        {
            return "org:" + org;
        }

        return "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }
}
