namespace Kuajing.Tracking.Events;

/// <summary>The carrier-feed fields of a status scan (read by a plugin in <c>Kuajing.Tracking.Carriers</c>).</summary>
/// <param name="CarrierId">The plugin's carrier id (e.g. <c>easypost</c>).</param>
/// <param name="TrackingNumber">The carrier's tracking number the scan belongs to.</param>
/// <param name="StatusCode">The carrier's status code as written (e.g. <c>in_transit</c>).</param>
/// <param name="StatusDetail">The carrier's detailed status code, when it has one (e.g. <c>arrived_at_facility</c>).</param>
/// <param name="Message">The carrier's human-readable scan message.</param>
/// <param name="ReportedBy">The underlying carrier when the feed is an aggregator (EasyPost <c>source</c>, e.g. <c>USPS</c>).</param>
public sealed record CarrierEventDetails(
    string CarrierId,
    string TrackingNumber,
    string StatusCode,
    string? StatusDetail,
    string? Message,
    string? ReportedBy);
