using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Webhooks;

/// <summary>The JSON form of <see cref="WebhookExceptionInfo"/>: the payload's <c>exception</c> object (docs/webhooks.md), also how the durable outbox stores it.</summary>
internal static class WebhookExceptionJson
{
    /// <summary>Writes the object (all fields, in the documented order).</summary>
    public static void Write(Utf8JsonWriter json, WebhookExceptionInfo x)
    {
        json.WriteStartObject();
        json.WriteString("id", x.ExceptionId);
        json.WriteString("transition", x.Transition == WebhookExceptionTransition.Cleared ? "cleared" : "raised");
        json.WriteString("status", x.ClearedAt is null ? "open" : "cleared");
        if (x.LegSequence is { } leg)
        {
            json.WriteNumber("leg", leg);
        }
        else
        {
            json.WriteNull("leg");
        }

        json.WriteString("node", x.NodeCode);
        json.WriteString("raised_at", Iso(x.RaisedAt));
        json.WriteString("cleared_at", Iso(x.ClearedAt));
        json.WriteString("clearing_event_id", x.ClearingEventId);
        json.WriteStartObject("evidence");
        json.WriteString("event_id", x.EvidenceEventId);
        json.WriteString("planned_at", Iso(x.PlannedAt));
        json.WriteString("observed_at", Iso(x.ObservedAt));
        json.WriteNumber("threshold_hours", x.ThresholdHours);
        if (x.UsualDwellHours is { } dwell)
        {
            json.WriteNumber("usual_dwell_hours", dwell);
        }
        else
        {
            json.WriteNull("usual_dwell_hours");
        }

        json.WriteString("source", x.Source);
        json.WriteEndObject();
        json.WriteString("detail", x.Detail);
        json.WriteEndObject();
    }

    /// <summary>The object as compact JSON text.</summary>
    public static string ToText(WebhookExceptionInfo x)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, x);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads text written by <see cref="ToText"/>.</summary>
    /// <exception cref="FormatException">When the text is not such an object (names the field).</exception>
    public static WebhookExceptionInfo Parse(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var r = doc.RootElement;
            var e = r.GetProperty("evidence");
            return new WebhookExceptionInfo(
                r.GetProperty("id").GetString()!,
                r.GetProperty("transition").GetString() == "cleared" ? WebhookExceptionTransition.Cleared : WebhookExceptionTransition.Raised,
                r.GetProperty("leg").ValueKind == JsonValueKind.Null ? null : r.GetProperty("leg").GetInt32(),
                r.GetProperty("node").GetString(),
                Instant(r, "raised_at") ?? throw new FormatException("exception.raised_at is missing"),
                Instant(r, "cleared_at"),
                e.GetProperty("event_id").GetString(),
                r.GetProperty("clearing_event_id").GetString(),
                Instant(e, "planned_at"),
                Instant(e, "observed_at"),
                e.GetProperty("threshold_hours").GetDecimal(),
                e.GetProperty("usual_dwell_hours").ValueKind == JsonValueKind.Null ? null : e.GetProperty("usual_dwell_hours").GetDecimal(),
                e.GetProperty("source").GetString() ?? "",
                r.GetProperty("detail").GetString() ?? "");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"stored exception details are not the documented object: {ex.Message}", ex);
        }
    }

    private static string? Iso(Instant? t) => t is { } v ? InstantPattern.ExtendedIso.Format(v) : null;

    private static Instant? Instant(JsonElement e, string name)
    {
        var text = e.GetProperty(name).GetString();
        if (text is null)
        {
            return null;
        }

        var parsed = InstantPattern.ExtendedIso.Parse(text);
        return parsed.Success ? parsed.Value : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"exception field {name} '{text}' is not an ISO instant"));
    }
}
