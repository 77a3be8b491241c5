using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kuajing.Tracking.Events;

namespace Kuajing.Tracking.Carriers;

/// <summary>
/// EasyPost Tracker API (a multi-carrier tracking aggregator): maps a <c>Tracker</c> object, or a tracker list
/// (<c>{ "trackers": [...] }</c>), to one <see cref="TrackingEvent"/> per <c>tracking_details[]</c> entry. Field meanings from
/// the EasyPost API reference (Tracker and TrackingDetail objects, read 2025); fixtures are EasyPost's own recorded cassettes
/// (EasyPost/easypost-csharp @ 3a298ca0, MIT). Stateless and thread-safe.
/// </summary>
public sealed class EasyPostTrackingPlugin : ICarrierTrackingPlugin
{
    /// <summary>The carrier id recorded on events: <c>easypost</c>.</summary>
    public const string CarrierId = "easypost";

    // THE status table. Keys are EasyPost `status` values (API reference: unknown, pre_transit, in_transit, out_for_delivery,
    // delivered, available_for_pickup, return_to_sender, failure, cancelled, error) and the `status_detail` values that
    // sharpen a generic status; Map looks up status_detail first, then status.
    private static readonly FrozenDictionary<string, TrackingMilestone> Table = new Dictionary<string, TrackingMilestone>(StringComparer.Ordinal)
    {
        ["unknown"] = TrackingMilestone.Other,
        ["pre_transit"] = TrackingMilestone.Info,
        ["in_transit"] = TrackingMilestone.Info,
        ["out_for_delivery"] = TrackingMilestone.OutForDelivery,
        ["delivered"] = TrackingMilestone.Delivered,
        ["available_for_pickup"] = TrackingMilestone.Arrived,
        ["return_to_sender"] = TrackingMilestone.Returned,
        ["failure"] = TrackingMilestone.DeliveryFailed,
        ["cancelled"] = TrackingMilestone.Info,
        ["error"] = TrackingMilestone.Other,
        ["label_created"] = TrackingMilestone.Info,
        ["received_at_origin_facility"] = TrackingMilestone.PickedUp,
        ["departed_origin_facility"] = TrackingMilestone.Departed,
        ["departed_facility"] = TrackingMilestone.Departed,
        ["arrived_at_facility"] = TrackingMilestone.Arrived,
        ["arrived_at_destination"] = TrackingMilestone.Arrived,
        ["received_at_destination_facility"] = TrackingMilestone.Arrived,
        ["arrived_at_pickup_location"] = TrackingMilestone.Arrived,
        ["delivery_exception"] = TrackingMilestone.DeliveryFailed,
        ["return"] = TrackingMilestone.Returned,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <inheritdoc/>
    public CarrierDescriptor Descriptor { get; } = new(
        CarrierId,
        "EasyPost (multi-carrier tracker)",
        [
            new TrackingNumberFormat("EasyPost test tracking code", "^EZ[0-9]{10}$", "EasyPost API reference, test tracking codes (read 2025)"),
            new TrackingNumberFormat("USPS IMpb (22 digits)", "^9[0-9]{21}$", "USPS Publication 199 (IMpb), as in the recorded cassettes"),
            new TrackingNumberFormat("UPU S10 (postal, via the national post)", "^[A-Z]{2}[0-9]{9}[A-Z]{2}$", "UPU S10 standard; validated by Kuajing.Tracking.S10TrackingNumber"),
        ]);

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, TrackingMilestone> StatusMilestones => Table;

    /// <summary>The milestone for an EasyPost status and status detail (detail first, then status; <see cref="TrackingMilestone.Other"/> when neither is in the table).</summary>
    /// <param name="status">EasyPost <c>status</c>; may be <see langword="null"/>.</param>
    /// <param name="statusDetail">EasyPost <c>status_detail</c>; may be <see langword="null"/>.</param>
    /// <returns>The canonical milestone.</returns>
    public static TrackingMilestone MilestoneOf(string? status, string? statusDetail) =>
        statusDetail is not null && Table.TryGetValue(statusDetail, out var byDetail) ? byDetail
        : status is not null && Table.TryGetValue(status, out var byStatus) ? byStatus
        : TrackingMilestone.Other;

    /// <inheritdoc/>
    public EventParseResult Map(string payload, string document)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(document);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            return EventParseResult.DocumentError(document, $"line {ex.LineNumber + 1}", "not valid JSON: " + ex.Message);
        }

        using (doc)
        {
            var root = doc.RootElement;
            var events = new List<TrackingEvent>();
            var errors = new List<EventParseError>();
            var index = 0;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("trackers", out var trackers) && trackers.ValueKind == JsonValueKind.Array)
            {
                var t = 0;
                foreach (var tracker in trackers.EnumerateArray())
                {
                    MapTracker(tracker, $"/trackers/{t++}", document, events, errors, ref index);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && Text(root, "object") == "Tracker")
            {
                MapTracker(root, "", document, events, errors, ref index);
            }
            else
            {
                return EventParseResult.DocumentError(document, "$", "expected an EasyPost Tracker object (\"object\": \"Tracker\") or a list with \"trackers\"");
            }

            return new EventParseResult(events, errors);
        }
    }

    private static void MapTracker(JsonElement tracker, string pointer, string document, List<TrackingEvent> events, List<EventParseError> errors, ref int index)
    {
        var code = Text(tracker, "tracking_code");
        if (!tracker.TryGetProperty("tracking_details", out var details) || details.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var d = 0;
        foreach (var detail in details.EnumerateArray())
        {
            var i = index++;
            var locator = $"{pointer}/tracking_details/{d++}";
            var status = Text(detail, "status");
            var time = Text(detail, "datetime");
            if (code is null)
            {
                errors.Add(new EventParseError(document, i, "tracking_code", "is required on the tracker"));
                continue;
            }

            if (status is null)
            {
                errors.Add(new EventParseError(document, i, locator[1..] + "/status", "is required"));
                continue;
            }

            if (!IsoTimeText(time, out var when))
            {
                errors.Add(new EventParseError(document, i, locator[1..] + "/datetime", time is null ? "is required" : $"'{time}' is not an ISO 8601 date-time with an offset"));
                continue;
            }

            var statusDetail = Text(detail, "status_detail");
            var message = Text(detail, "message");
            var loc = detail.TryGetProperty("tracking_location", out var l) && l.ValueKind == JsonValueKind.Object
                ? new EventLocation(City: Text(l, "city"), Region: Text(l, "state"), PostalCode: Text(l, "zip"), Country: Text(l, "country"))
                : EventLocation.Unknown;
            var instant = when.ToInstant();
            events.Add(new TrackingEvent
            {
                EventId = null,
                ContentHash = EpcisEventHash.ComputeFields(CarrierId, code, instant.ToString(), status, statusDetail, message),
                Type = TrackingEventType.CarrierStatus,
                EventTime = instant,
                EventTimeOffset = when.Offset,
                Milestone = MilestoneOf(status, statusDetail),
                Location = loc.IsUnknown ? EventLocation.Unknown : loc,
                References = [new ShipmentReference("tracking", code)],
                Source = new EventSource(EventSourceFormat.Carrier, document, locator),
                Carrier = new CarrierEventDetails(CarrierId, code, status, statusDetail, message, Text(detail, "source")),
            });
        }
    }

    private static bool IsoTimeText(string? text, out NodaTime.OffsetDateTime value) => IsoTime.TryParse(text, out value);

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString()!.Trim() : null;

    /// <summary>True when <paramref name="number"/> matches one of <see cref="Descriptor"/>'s formats.</summary>
    /// <param name="number">A tracking number, trimmed by the caller.</param>
    /// <returns>Whether this plugin can track it.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="number"/> is null.</exception>
    public bool Accepts(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Descriptor.NumberFormats.Any(f => Regex.IsMatch(number, f.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)));
    }
}
