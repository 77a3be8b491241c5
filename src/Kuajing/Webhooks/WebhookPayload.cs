using System.Text.Json;
using NodaTime.Text;

namespace Kuajing.Webhooks;

/// <summary>Writes the JSON body of one delivery attempt (schema in <c>docs/webhooks.md</c>).</summary>
internal static class WebhookPayload
{
    /// <summary>Serialises <paramref name="delivery"/> for attempt <paramref name="attempt"/> as compact UTF-8 JSON.</summary>
    public static byte[] Serialize(WebhookDelivery delivery, int attempt)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            WebhookNotification n = delivery.Notification;
            json.WriteStartObject();
            json.WriteString("event_id", n.EventId);
            json.WriteString("delivery_id", delivery.Id.ToString("D"));
            json.WriteString("type", n.Type);
            json.WriteString("kind", n.Kind == WebhookNotificationKinds.Milestone ? "milestone" : "exception");
            json.WriteString("code", n.Code);
            json.WriteString("tracking_number", n.TrackingNumber);
            json.WriteString("account_id", n.AccountId);
            json.WriteString("occurred_at", InstantPattern.ExtendedIso.Format(n.OccurredAt));
            if (n.Location is { } location)
            {
                json.WriteStartObject("location");
                json.WriteString("name", location.Name);
                json.WriteString("unlocode", location.UnLocode);
                json.WriteString("country", location.Country);
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("location");
            }

            json.WriteNumber("attempt", attempt);
            json.WriteString("created_at", InstantPattern.ExtendedIso.Format(delivery.CreatedAt));
            if (n.Exception is { } exception)
            {
                json.WritePropertyName("exception");
                WebhookExceptionJson.Write(json, exception);
            }
            else
            {
                json.WriteNull("exception");
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
