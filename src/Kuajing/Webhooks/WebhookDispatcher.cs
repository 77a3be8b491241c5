using System.Globalization;
using System.Net.Http.Headers;
using NodaTime;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Kuajing.Webhooks;

/// <summary>Counts of one dispatch pass.</summary>
/// <param name="Leased">Deliveries leased.</param>
/// <param name="Delivered">Deliveries that got a 2xx answer and were marked delivered.</param>
/// <param name="Rescheduled">Deliveries that failed retryably and were rescheduled.</param>
/// <param name="DeadLettered">Deliveries given up (rejected, or out of attempts).</param>
/// <param name="LeaseLost">Deliveries whose mark was refused because the lease had been taken over (they will be, or were, sent again).</param>
public sealed record WebhookDispatchSummary(int Leased, int Delivered, int Rescheduled, int DeadLettered, int LeaseLost);

/// <summary>
/// Drains the <see cref="IWebhookOutbox"/>: leases due deliveries, POSTs each signed JSON payload to its target,
/// logs every attempt, and marks the delivery delivered, rescheduled or dead-lettered per
/// <see cref="WebhookDeliveryPolicy"/>.
/// </summary>
/// <remarks>
/// <para>Request: <c>POST</c> with <c>Content-Type: application/json</c>, headers <c>Kuajing-Signature</c>
/// (<see cref="WebhookSignature"/>), <c>Kuajing-Delivery-Id</c> (<see cref="WebhookDelivery.Id"/>, the same on every
/// attempt) and <c>Kuajing-Delivery-Attempt</c> (1-based). Classification: 2xx delivered; network error, timeout,
/// 5xx and 429 retryable (with <c>Retry-After</c>, RFC 9110 §10.2.3 and RFC 6585 §4, honoured); anything else
/// rejected and dead-lettered without retry (a 4xx says the request itself is wrong, so re-sending it cannot help).</para>
/// <para>At least once: the delivery is marked only after the answer, so a crash or cancellation between sending and
/// marking leaves it leased; when the lease expires (<see cref="WebhookDeliveryPolicy.LeaseDuration"/>) it is sent
/// again with the same delivery id, which the receiver uses to drop duplicates.</para>
/// <para>The injected <see cref="HttpClient"/> should not follow redirects (a 3xx is treated as a rejection) and its
/// own <see cref="HttpClient.Timeout"/> should not be shorter than <see cref="WebhookDeliveryPolicy.AttemptTimeout"/>.
/// Thread-safe: one dispatcher may run several passes concurrently, and several dispatchers may share an outbox.</para>
/// </remarks>
public sealed class WebhookDispatcher
{
    /// <summary>Header carrying the delivery id: <c>Kuajing-Delivery-Id</c>.</summary>
    public const string DeliveryIdHeader = "Kuajing-Delivery-Id";

    /// <summary>Header carrying the 1-based attempt number: <c>Kuajing-Delivery-Attempt</c>.</summary>
    public const string AttemptHeader = "Kuajing-Delivery-Attempt";

    private static readonly ResiliencePropertyKey<DeliveryRun> RunKey = new("Kuajing.Webhooks.DeliveryRun");
    private static readonly ProductInfoHeaderValue UserAgent = new("Kuajing-Webhooks", "1");

    private readonly HttpClient _http;
    private readonly IWebhookOutbox _outbox;
    private readonly IClock _clock;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<AttemptResult> _retry;
    private readonly ResiliencePipeline _timeout;

    /// <summary>Creates a dispatcher.</summary>
    /// <param name="httpClient">Sends the requests (not disposed by the dispatcher).</param>
    /// <param name="outbox">The outbox to drain.</param>
    /// <param name="clock">The time used for leases, signatures, the log and schedules.</param>
    /// <param name="policy">Send and retry settings; <see langword="null"/> for the defaults.</param>
    /// <param name="timeProvider">Runs Polly's in-process back-off waits and attempt timeouts, and measures attempt durations; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="httpClient"/>, <paramref name="outbox"/> or <paramref name="clock"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When a <paramref name="policy"/> setting is out of range (see <see cref="WebhookDeliveryPolicy.Validate"/>).</exception>
    public WebhookDispatcher(HttpClient httpClient, IWebhookOutbox outbox, IClock clock, WebhookDeliveryPolicy? policy = null, TimeProvider? timeProvider = null)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        Policy = policy ?? new WebhookDeliveryPolicy();
        Policy.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;

        _retry = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                // Polly requires at least one; a policy of 0 retries is enforced by ShouldHandle.
                MaxRetryAttempts = Math.Max(1, Policy.InProcessRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = Policy.UseJitter,
                Delay = Policy.InProcessBaseDelay.ToTimeSpan(),
                MaxDelay = Policy.InProcessMaxDelay.ToTimeSpan(),
                Randomizer = Policy.Randomizer,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Context.Properties.TryGetValue(RunKey, out DeliveryRun? run) && run.ShouldRetry(args.Outcome, args.AttemptNumber)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter?.ToTimeSpan()),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(RunKey, out DeliveryRun? run))
                    {
                        run.NextDelay = Duration.FromTimeSpan(args.RetryDelay);
                    }

                    return default;
                },
            })
            .Build();
        _timeout = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddTimeout(Policy.AttemptTimeout.ToTimeSpan())
            .Build();
    }

    /// <summary>The settings in force.</summary>
    public WebhookDeliveryPolicy Policy { get; }

    /// <summary>Runs one dispatch pass: leases up to <see cref="WebhookDeliveryPolicy.BatchSize"/> due deliveries and sends them.</summary>
    /// <param name="cancellationToken">Cancels the pass; deliveries in flight stay leased and are re-sent after their lease expires.</param>
    /// <returns>What the pass did.</returns>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    /// <remarks>An exception from the outbox (e.g. its database is down) ends the pass and propagates; unmarked deliveries are re-sent later.</remarks>
    public async Task<WebhookDispatchSummary> DispatchDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<WebhookLease> leases = await _outbox.LeaseDueAsync(_clock.GetCurrentInstant(), Policy.LeaseDuration, Policy.BatchSize, cancellationToken);
        int delivered = 0, rescheduled = 0, dead = 0, lost = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Policy.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(leases, options, async (lease, ct) =>
        {
            switch (await DeliverAsync(lease, ct))
            {
                case Mark.Delivered: Interlocked.Increment(ref delivered); break;
                case Mark.Rescheduled: Interlocked.Increment(ref rescheduled); break;
                case Mark.DeadLettered: Interlocked.Increment(ref dead); break;
                default: Interlocked.Increment(ref lost); break;
            }
        });
        return new WebhookDispatchSummary(leases.Count, delivered, rescheduled, dead, lost);
    }

    /// <summary>Runs dispatch passes until cancelled, waiting <paramref name="idleDelay"/> after a pass that found nothing due.</summary>
    /// <param name="idleDelay">Wait after an empty pass; positive.</param>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that ends only by cancellation.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="idleDelay"/> is not positive.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled (the normal way to stop).</exception>
    public async Task RunAsync(Duration idleDelay, CancellationToken cancellationToken)
    {
        if (idleDelay <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(idleDelay), idleDelay, "idle delay must be positive");
        }

        while (true)
        {
            WebhookDispatchSummary summary = await DispatchDueAsync(cancellationToken);
            if (summary.Leased == 0)
            {
                await Task.Delay(idleDelay.ToTimeSpan(), _timeProvider, cancellationToken);
            }
        }
    }

    private async Task<Mark> DeliverAsync(WebhookLease lease, CancellationToken cancellationToken)
    {
        var run = new DeliveryRun(this, lease);
        ResilienceContext context = ResilienceContextPool.Shared.Get(cancellationToken);
        AttemptResult last;
        try
        {
            context.Properties.Set(RunKey, run);
            last = await _retry.ExecuteAsync(static (ctx, r) => r.Owner.AttemptAsync(r, ctx.CancellationToken), context, run);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        Instant now = _clock.GetCurrentInstant();
        bool marked;
        Mark mark;
        switch (last.Outcome)
        {
            case WebhookAttemptOutcome.Delivered:
                marked = await _outbox.MarkDeliveredAsync(lease, now, cancellationToken);
                mark = Mark.Delivered;
                break;
            case WebhookAttemptOutcome.Rejected:
                marked = await _outbox.MarkDeadLetteredAsync(lease, now, $"HTTP {last.StatusCode} is not retried (only network errors, timeouts, 5xx and 429 are)", cancellationToken);
                mark = Mark.DeadLettered;
                break;
            default:
                if (run.AttemptsMade >= Policy.MaxAttempts)
                {
                    marked = await _outbox.MarkDeadLetteredAsync(lease, now, $"gave up after {run.AttemptsMade} attempts; last: {last.Describe()}", cancellationToken);
                    mark = Mark.DeadLettered;
                }
                else
                {
                    Duration delay = Policy.DurableDelay(run.AttemptsMade, last.RetryAfter);
                    marked = await _outbox.MarkFailedAsync(lease, now + delay, cancellationToken);
                    mark = Mark.Rescheduled;
                }

                break;
        }

        return marked ? mark : Mark.LeaseLost;
    }

    private async ValueTask<AttemptResult> AttemptAsync(DeliveryRun run, CancellationToken cancellationToken)
    {
        WebhookDelivery delivery = run.Lease.Delivery;
        int attemptNumber = run.AttemptsMade + 1;
        Instant startedAt = _clock.GetCurrentInstant();
        byte[] body = WebhookPayload.Serialize(delivery, attemptNumber);
        string signature = WebhookSignature.CreateHeader(delivery.Secret, startedAt, body);
        long started = _timeProvider.GetTimestamp();
        AttemptResult result;
        try
        {
            result = await _timeout.ExecuteAsync(
                static async (s, ct) => await s.Owner.SendAsync(s.Delivery, s.Body, s.Signature, s.Attempt, s.StartedAt, ct),
                (Owner: this, Delivery: delivery, Body: body, Signature: signature, Attempt: attemptNumber, StartedAt: startedAt),
                cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            result = AttemptResult.Failed($"timeout after {Policy.AttemptTimeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms");
        }
        catch (HttpRequestException ex)
        {
            result = AttemptResult.Failed($"network error ({ex.HttpRequestError}): {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed (not our token): a timeout like any other.
            result = AttemptResult.Failed("timeout (HttpClient.Timeout)");
        }

        var attempt = new WebhookDeliveryAttempt(
            attemptNumber,
            startedAt,
            Duration.FromTimeSpan(_timeProvider.GetElapsedTime(started)),
            result.StatusCode,
            result.Error,
            result.Outcome,
            result.RetryAfter,
            run.NextDelay);
        await _outbox.RecordAttemptAsync(run.Lease, attempt, cancellationToken);
        run.AttemptsMade = attemptNumber;
        return result;
    }

    private async Task<AttemptResult> SendAsync(WebhookDelivery delivery, byte[] body, string signature, int attempt, Instant startedAt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.TargetUrl);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, signature);
        request.Headers.TryAddWithoutValidation(DeliveryIdHeader, delivery.Id.ToString("D"));
        request.Headers.TryAddWithoutValidation(AttemptHeader, attempt.ToString(CultureInfo.InvariantCulture));
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        int status = (int)response.StatusCode;
        WebhookAttemptOutcome outcome = status is >= 200 and <= 299 ? WebhookAttemptOutcome.Delivered
            : status is 429 or (>= 500 and <= 599) ? WebhookAttemptOutcome.Retryable
            : WebhookAttemptOutcome.Rejected;
        Duration? retryAfter = outcome == WebhookAttemptOutcome.Retryable ? RetryAfter(response.Headers.RetryAfter, startedAt) : null;
        return new AttemptResult(outcome, status, null, retryAfter);
    }

    private static Duration? RetryAfter(RetryConditionHeaderValue? header, Instant now)
    {
        if (header?.Delta is { } delta)
        {
            return Duration.FromTimeSpan(delta);
        }

        if (header?.Date is { } date)
        {
            Duration wait = Instant.FromDateTimeOffset(date) - now;
            return wait > Duration.Zero ? wait : Duration.Zero;
        }

        return null;
    }

    private enum Mark
    {
        Delivered,
        Rescheduled,
        DeadLettered,
        LeaseLost,
    }

    private sealed record AttemptResult(WebhookAttemptOutcome Outcome, int? StatusCode, string? Error, Duration? RetryAfter)
    {
        public static AttemptResult Failed(string error) => new(WebhookAttemptOutcome.Retryable, null, error, null);

        public string Describe() => StatusCode is { } code ? $"HTTP {code}" : Error ?? "unknown";
    }

    private sealed class DeliveryRun(WebhookDispatcher owner, WebhookLease lease)
    {
        public WebhookDispatcher Owner { get; } = owner;

        public WebhookLease Lease { get; } = lease;

        public int AttemptsMade { get; set; } = lease.AttemptsMade;

        public Duration? NextDelay { get; set; }

        public bool ShouldRetry(Outcome<AttemptResult> outcome, int retriesSoFar) =>
            outcome.Result is { Outcome: WebhookAttemptOutcome.Retryable } result
            && retriesSoFar < Owner.Policy.InProcessRetries
            && AttemptsMade < Owner.Policy.MaxAttempts
            && (result.RetryAfter is null || result.RetryAfter <= Owner.Policy.InProcessMaxDelay);
    }
}
