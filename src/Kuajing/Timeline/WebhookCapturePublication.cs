using System.Security.Cryptography;
using System.Text;
using Kuajing.Tracking.Events;
using Kuajing.Webhooks;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Kuajing.Timeline;

/// <summary>
/// Turns the events of a capture batch into milestone notifications and enqueues them for the matching subscriptions in
/// the durable outbox, inside the capture's transaction (issue #3 point 7: at least once, an accepted event is never
/// lost for webhooks).
/// </summary>
internal static class WebhookCapturePublication
{
    /// <summary>Account id of a shipment no account was assigned to (<see cref="WebhookSubscriptionStore.AssignAccountAsync"/>).</summary>
    public const string UnassignedAccount = "unassigned";

    /// <summary>Publishes the milestone notifications of stored events; call inside the capture transaction, after the events are saved.</summary>
    /// <param name="store">The store, with its transaction open.</param>
    /// <param name="clock">Publication time.</param>
    /// <param name="stored">Each stored event with the shipments it belongs to (several for a consolidation number).</param>
    /// <param name="ct">Cancels the operation.</param>
    /// <returns>The number of deliveries enqueued.</returns>
    public static async Task<int> PublishAsync(TimelineStore store, IClock clock, IReadOnlyList<(TrackingEvent Event, string Key, IReadOnlyList<string> Shipments)> stored, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);

        // One notification per (milestone event, shipment); an event under a consolidation number notifies every linked
        // shipment, each with its own event id. Publication itself is the exception path's, below.
        var notifications = new List<(string, Func<string, WebhookNotification>)>();
        foreach (var (e, key, eventShipments) in stored.Where(s => IsCanonical(s.Event.Milestone)))
        {
            foreach (var shipment in eventShipments)
            {
                var eventId = EventId(e, key, eventShipments.Count > 1 ? shipment : null);
                notifications.Add((shipment, account => WebhookNotification.Create(
                    eventId, WebhookNotificationKinds.Milestone, Code(e.Milestone), shipment, account, e.EventTime, Location(e.Location))));
            }
        }

        return await PublishAsync(store, clock, notifications, ct);
    }

    /// <summary>
    /// Publishes exception notifications (<c>exception.raised</c> / <c>exception.cleared</c>) to the matching subscriptions;
    /// call inside the transaction that stores the exception rows.
    /// </summary>
    /// <param name="store">The store, with its transaction open.</param>
    /// <param name="clock">Publication time.</param>
    /// <param name="notifications">Per shipment, a factory of the notification given the shipment's account id.</param>
    /// <param name="ct">Cancels the operation.</param>
    /// <returns>The number of deliveries enqueued.</returns>
    public static async Task<int> PublishAsync(TimelineStore store, IClock clock, IReadOnlyList<(string Shipment, Func<string, WebhookNotification> Notification)> notifications, CancellationToken ct)
    {
        if (notifications.Count == 0 || !await store.WebhookSubscriptions.AnyAsync(ct))
        {
            return 0;
        }

        var shipments = notifications.Select(n => n.Shipment).Distinct(StringComparer.Ordinal).ToArray();
        var accounts = await store.ShipmentAccounts.AsNoTracking().Where(a => shipments.Contains(a.ShipmentNumber))
            .ToDictionaryAsync(a => a.ShipmentNumber, a => a.AccountId, StringComparer.Ordinal, ct);
        var accountIds = shipments.Select(s => accounts.GetValueOrDefault(s, UnassignedAccount)).Distinct(StringComparer.Ordinal).ToArray();
        var subscriptions = await new WebhookSubscriptionStore(store, clock).ForAsync(shipments, accountIds, ct);
        if (subscriptions.Count == 0)
        {
            return 0;
        }

        var publisher = new WebhookPublisher(TimelineWebhookOutbox.ForStore(store), clock);
        var count = 0;
        foreach (var (shipment, make) in notifications)
        {
            count += (await publisher.PublishAsync(make(accounts.GetValueOrDefault(shipment, UnassignedAccount)), subscriptions, ct)).Count;
        }

        return count;
    }

    /// <summary>Whether a milestone is one of the canonical ones subscribers are told about (not Info or Other).</summary>
    public static bool IsCanonical(TrackingMilestone milestone) => milestone is not (TrackingMilestone.Info or TrackingMilestone.Other);

    /// <summary>The webhook code of a milestone: its name in lower snake case (<c>OutForDelivery</c> → <c>out_for_delivery</c>).</summary>
    public static string Code(TrackingMilestone milestone)
    {
        var name = milestone.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    /// <summary>
    /// The notification's event id: the source's event id, else the canonical content hash; for an event under a
    /// consolidation number shared by several shipments, suffixed with <c>/</c> + the shipment number so that each
    /// shipment gets its own notification. Ids over 200 characters or with control characters become
    /// <c>kj:sha256:</c> + the hex SHA-256 of the de-duplication key (and shipment).
    /// </summary>
    private static string EventId(TrackingEvent e, string key, string? shipment)
    {
        var id = (e.EventId is { Length: > 0 } source ? source : e.ContentHash) + (shipment is null ? "" : "/" + shipment);
        if (id.Length is > 0 and <= 200 && !id.Any(char.IsControl))
        {
            return id;
        }

        return "kj:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key + "/" + shipment)));
    }

    /// <summary>The payload location; the country only when the source gave an ISO 3166-1 alpha-2 code (two letters).</summary>
    private static WebhookLocation? Location(EventLocation l) =>
        l.IsUnknown
            ? null
            : new WebhookLocation(l.Name ?? l.City ?? l.Identifier, l.UnLocode, l.Country is { Length: 2 } c && c.All(char.IsAsciiLetter) ? c.ToUpperInvariant() : null);
}
