using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>
/// How <see cref="WebhookDispatcher"/> sends and retries deliveries. Each dispatch pass makes one attempt and up
/// to <see cref="InProcessRetries"/> quick retries (Polly exponential back-off with jitter, honouring
/// <c>Retry-After</c> up to <see cref="InProcessMaxDelay"/>); if the delivery still fails with a retryable outcome it
/// is rescheduled in the outbox after a durable back-off, until <see cref="MaxAttempts"/> attempts in all, then
/// dead-lettered. Non-retryable answers (1xx, 3xx, 4xx other than 429) are dead-lettered after that one attempt.
/// </summary>
/// <remarks>
/// The defaults are Kuajing's own operational choices, not taken from a standard; for comparison, Stripe retries
/// for up to 3 days with exponential back-off (docs.stripe.com/webhooks, read 2025). Durable back-off after a
/// failed pass: <c>min(DurableMaxDelay, DurableBaseDelay × 2^(attempts made − 1))</c> multiplied by a factor drawn
/// uniformly from [0.5, 1) ("equal jitter", M. Brooker, "Exponential Backoff and Jitter", AWS Architecture Blog,
/// 2015), and never earlier than the receiver's <c>Retry-After</c> (capped at <see cref="DurableMaxDelay"/>).
/// Immutable; validated by <see cref="Validate"/>, which the dispatcher calls.
/// </remarks>
public sealed record WebhookDeliveryPolicy
{
    /// <summary>Attempts in all, across passes, before a retryable failure is dead-lettered; 1 to 100. Default 12.</summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>Time limit of one HTTP attempt (Polly timeout); 10 ms to 5 minutes. Default 10 s.</summary>
    public Duration AttemptTimeout { get; init; } = Duration.FromSeconds(10);

    /// <summary>Quick retries within one dispatch pass; 0 to 10. Default 2 (so a pass makes up to 3 attempts).</summary>
    public int InProcessRetries { get; init; } = 2;

    /// <summary>Base of the in-process exponential back-off (Polly <c>Delay</c>: base, 2 × base, 4 × base…); 0 to 1 minute. Default 1 s.</summary>
    public Duration InProcessBaseDelay { get; init; } = Duration.FromSeconds(1);

    /// <summary>Longest in-process wait; a <c>Retry-After</c> longer than this ends the pass and is honoured by the durable schedule instead; at least <see cref="InProcessBaseDelay"/>, at most 5 minutes. Default 10 s.</summary>
    public Duration InProcessMaxDelay { get; init; } = Duration.FromSeconds(10);

    /// <summary>Whether in-process delays are jittered (Polly's decorrelated jitter). Default <see langword="true"/>.</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>Base of the durable back-off between passes; 1 s to 1 day. Default 30 s.</summary>
    public Duration DurableBaseDelay { get; init; } = Duration.FromSeconds(30);

    /// <summary>Longest durable back-off (and cap on an honoured <c>Retry-After</c>); at least <see cref="DurableBaseDelay"/>, at most 7 days. Default 12 h.</summary>
    public Duration DurableMaxDelay { get; init; } = Duration.FromHours(12);

    /// <summary>Deliveries leased per dispatch pass; 1 to 1000. Default 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Deliveries sent concurrently within a pass; 1 to 64. Default 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Source of uniform random numbers in [0, 1) for jitter (Polly's and the durable one). Default <see cref="Random.Shared"/>; tests may fix it.</summary>
    public Func<double> Randomizer { get; init; } = Random.Shared.NextDouble;

    /// <summary>
    /// How long a pass may hold a delivery: enough for every in-process attempt at its timeout and every in-process
    /// wait at its maximum, plus 30 s. After it expires an unmarked delivery is leased and sent again.
    /// </summary>
    public Duration LeaseDuration =>
        (AttemptTimeout * (InProcessRetries + 1)) + (InProcessMaxDelay * InProcessRetries) + Duration.FromSeconds(30);

    /// <summary>Checks every setting against its documented range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When a setting is outside its documented range; the message names it.</exception>
    /// <exception cref="ArgumentNullException">When <see cref="Randomizer"/> is <see langword="null"/>.</exception>
    public void Validate()
    {
        Check(MaxAttempts is >= 1 and <= 100, nameof(MaxAttempts), MaxAttempts, "1 to 100");
        Check(AttemptTimeout >= Duration.FromMilliseconds(10) && AttemptTimeout <= Duration.FromMinutes(5), nameof(AttemptTimeout), AttemptTimeout, "10 ms to 5 minutes");
        Check(InProcessRetries is >= 0 and <= 10, nameof(InProcessRetries), InProcessRetries, "0 to 10");
        Check(InProcessBaseDelay >= Duration.Zero && InProcessBaseDelay <= Duration.FromMinutes(1), nameof(InProcessBaseDelay), InProcessBaseDelay, "0 to 1 minute");
        Check(InProcessMaxDelay >= InProcessBaseDelay && InProcessMaxDelay <= Duration.FromMinutes(5), nameof(InProcessMaxDelay), InProcessMaxDelay, "InProcessBaseDelay to 5 minutes");
        Check(DurableBaseDelay >= Duration.FromSeconds(1) && DurableBaseDelay <= Duration.FromDays(1), nameof(DurableBaseDelay), DurableBaseDelay, "1 s to 1 day");
        Check(DurableMaxDelay >= DurableBaseDelay && DurableMaxDelay <= Duration.FromDays(7), nameof(DurableMaxDelay), DurableMaxDelay, "DurableBaseDelay to 7 days");
        Check(BatchSize is >= 1 and <= 1000, nameof(BatchSize), BatchSize, "1 to 1000");
        Check(MaxConcurrency is >= 1 and <= 64, nameof(MaxConcurrency), MaxConcurrency, "1 to 64");
        ArgumentNullException.ThrowIfNull(Randomizer);
    }

    /// <summary>The durable back-off after a failed pass (see remarks).</summary>
    /// <param name="attemptsMade">Attempts recorded so far, at least 1.</param>
    /// <param name="retryAfter">The last answer's <c>Retry-After</c>, or <see langword="null"/>.</param>
    /// <returns>The delay before the next pass may attempt the delivery.</returns>
    internal Duration DurableDelay(int attemptsMade, Duration? retryAfter)
    {
        double baseSeconds = DurableBaseDelay.TotalSeconds * Math.Pow(2, Math.Min(attemptsMade - 1, 40));
        double capped = Math.Min(DurableMaxDelay.TotalSeconds, baseSeconds);
        Duration backoff = Duration.FromSeconds(capped * (0.5 + (0.5 * Randomizer())));
        if (retryAfter is { } wanted && wanted > backoff)
        {
            return wanted < DurableMaxDelay ? wanted : DurableMaxDelay;
        }

        return backoff;
    }

    private static void Check(bool ok, string name, object value, string range)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, value, $"webhook delivery policy {name} is {value}; expected {range}");
        }
    }
}
