using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>Fans a notification out to the subscriptions that want it, as deliveries in the outbox.</summary>
/// <remarks>
/// Call it in the same unit of work that stores the tracking event (with a database outbox, in the same
/// transaction), so that an accepted event is never left without its deliveries. Thread-safe if the outbox is.
/// </remarks>
/// <param name="outbox">Where deliveries are queued.</param>
/// <param name="clock">Supplies the publication time.</param>
public sealed class WebhookPublisher(IWebhookOutbox outbox, IClock clock)
{
    private readonly IWebhookOutbox _outbox = outbox ?? throw new ArgumentNullException(nameof(outbox));
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Enqueues one delivery, due now, for every subscription that <see cref="WebhookSubscription.Wants"/> the notification.</summary>
    /// <param name="notification">The milestone or exception.</param>
    /// <param name="subscriptions">Candidate subscriptions (e.g. those of the shipment and of its account).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The deliveries newly enqueued; a repeated publication of the same notification enqueues none again.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="notification"/> or <paramref name="subscriptions"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<IReadOnlyList<WebhookDelivery>> PublishAsync(WebhookNotification notification, IEnumerable<WebhookSubscription> subscriptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(subscriptions);
        Instant now = _clock.GetCurrentInstant();
        var enqueued = new List<WebhookDelivery>();
        foreach (WebhookSubscription subscription in subscriptions)
        {
            if (!subscription.Wants(notification))
            {
                continue;
            }

            var delivery = WebhookDelivery.For(subscription, notification, now);
            if (await _outbox.EnqueueAsync(delivery, now, cancellationToken))
            {
                enqueued.Add(delivery);
            }
        }

        return enqueued;
    }
}
