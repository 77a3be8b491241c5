using Kuajing.Tracking.Events;

namespace Kuajing.Tracking.Carriers;

/// <summary>
/// A carrier tracking feed as a plugin, in the layout of karrio (karrioapi/karrio): a descriptor, a pure mapper from the
/// carrier's payload to <see cref="TrackingEvent"/>s, and ONE table from the carrier's status codes to canonical milestones.
/// I/O (HTTP, webhooks) is not part of the plugin: callers pass the payload text. Implementations are stateless and thread-safe.
/// </summary>
public interface ICarrierTrackingPlugin
{
    /// <summary>Who the carrier is and which tracking numbers it issues.</summary>
    CarrierDescriptor Descriptor { get; }

    /// <summary>The plugin's one status table: carrier status code → canonical milestone (documented in <c>docs/tracking-events.md</c>).</summary>
    IReadOnlyDictionary<string, TrackingMilestone> StatusMilestones { get; }

    /// <summary>Maps a tracking payload (the body of the carrier's tracking response or webhook) to events.</summary>
    /// <param name="payload">The payload text (JSON for EasyPost).</param>
    /// <param name="document">The file path, URL or label of the payload, recorded in each event's source and in errors.</param>
    /// <returns>The events in payload order and one error per unusable scan; never throws for bad payload content.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="payload"/> or <paramref name="document"/> is null.</exception>
    EventParseResult Map(string payload, string document);
}

/// <summary>Describes a carrier tracking plugin.</summary>
/// <param name="CarrierId">Stable lower-case id (e.g. <c>easypost</c>), recorded on every event as <see cref="CarrierEventDetails.CarrierId"/>.</param>
/// <param name="Name">Display name.</param>
/// <param name="NumberFormats">The tracking-number formats the carrier (or aggregator) accepts, for routing a number to a plugin.</param>
public sealed record CarrierDescriptor(string CarrierId, string Name, IReadOnlyList<TrackingNumberFormat> NumberFormats);

/// <summary>A tracking-number format.</summary>
/// <param name="Name">What the format is (e.g. <c>USPS IMpb (22 digits)</c>).</param>
/// <param name="Pattern">A .NET regular expression matching the whole number (anchored with <c>^…$</c>).</param>
/// <param name="Source">Where the format comes from (specification or dataset, with date).</param>
public sealed record TrackingNumberFormat(string Name, string Pattern, string Source);
