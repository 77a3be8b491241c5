using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Kuajing.Webhooks;

/// <summary>
/// One notification owed to one subscription: the unit the outbox stores, leases, retries and logs. Its
/// <see cref="Id"/> is sent in the <c>Kuajing-Delivery-Id</c> header of every attempt, so a receiver can drop
/// re-sends (delivery is at least once).
/// </summary>
/// <remarks>
/// The target URL and secret are copied from the subscription when the delivery is created, so a delivery in
/// flight keeps them even if the subscription changes later. Immutable.
/// </remarks>
public sealed record WebhookDelivery
{
    private WebhookDelivery(Guid id, Guid subscriptionId, Uri targetUrl, WebhookSecret secret, WebhookNotification notification, Instant createdAt)
    {
        Id = id;
        SubscriptionId = subscriptionId;
        TargetUrl = targetUrl;
        Secret = secret;
        Notification = notification;
        CreatedAt = createdAt;
    }

    /// <summary>
    /// The delivery id: derived from the notification's event id and the subscription id (the first 16 bytes of
    /// SHA-256 over both), so publishing the same notification twice yields the same id and the outbox stores it once.
    /// </summary>
    public Guid Id { get; }

    /// <summary>The subscription this delivery is for.</summary>
    public Guid SubscriptionId { get; }

    /// <summary>Where it is POSTed.</summary>
    public Uri TargetUrl { get; }

    /// <summary>The key it is signed with.</summary>
    public WebhookSecret Secret { get; }

    /// <summary>What it reports.</summary>
    public WebhookNotification Notification { get; }

    /// <summary>When it was created (published); the payload's <c>created_at</c>.</summary>
    public Instant CreatedAt { get; }

    /// <summary>Creates the delivery of <paramref name="notification"/> to <paramref name="subscription"/>.</summary>
    /// <param name="subscription">The receiving subscription.</param>
    /// <param name="notification">The notification.</param>
    /// <param name="createdAt">Publication time.</param>
    /// <returns>The delivery.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="subscription"/> or <paramref name="notification"/> is <see langword="null"/>.</exception>
    public static WebhookDelivery For(WebhookSubscription subscription, WebhookNotification notification, Instant createdAt)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(notification);
        return new WebhookDelivery(DeliveryId(notification.EventId, subscription.Id), subscription.Id, subscription.TargetUrl, subscription.Secret, notification, createdAt);
    }

    private static Guid DeliveryId(string eventId, Guid subscriptionId)
    {
        byte[] text = Encoding.UTF8.GetBytes(subscriptionId.ToString("N") + "\n" + eventId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(text, hash);
        return new Guid(hash[..16]);
    }
}
