using System.Security.Cryptography;
using System.Text;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using NodaTime;

namespace Kuajing.Customs.China;

/// <summary>
/// Turns a CEB receipt into a canonical tracking event for the shipment's timeline (issue #5 point 3), to be captured with
/// <see cref="Timeline.TimelineService.CaptureAsync"/>. The one status → milestone table:
/// <list type="table">
/// <item><term>Released (800), export</term><description><see cref="TrackingMilestone.ExportCleared"/></description></item>
/// <item><term>Released (800), import</term><description><see cref="TrackingMilestone.ImportCustomsReleased"/></description></item>
/// <item><term>Inspection (500), Held (501–599), export</term><description><see cref="TrackingMilestone.ExportCustomsHeld"/></description></item>
/// <item><term>Inspection (500), Held (501–599), import</term><description><see cref="TrackingMilestone.ImportCustomsHeld"/></description></item>
/// <item><term>ReturnedShipment (700)</term><description><see cref="TrackingMilestone.Returned"/></description></item>
/// <item><term>every other known code</term><description><see cref="TrackingMilestone.Info"/></description></item>
/// <item><term>an unknown code</term><description><see cref="TrackingMilestone.Other"/></description></item>
/// </list>
/// The event's source format is <see cref="EventSourceFormat.Customs"/>; its details sit in <see cref="TrackingEvent.Carrier"/> under the
/// pseudo-carrier <see cref="CarrierId"/> (no customs-specific detail record exists). Stateless; thread-safe.
/// </summary>
public static class CustomsReceiptEvents
{
    /// <summary>The carrier id under which customs receipts appear in <see cref="CarrierEventDetails"/>.</summary>
    public const string CarrierId = "cn-customs-ceb";

    /// <summary>The milestone a receipt status maps to.</summary>
    /// <param name="status">The declaration status.</param>
    /// <param name="direction">Export or import.</param>
    /// <returns>The canonical milestone.</returns>
    public static TrackingMilestone MilestoneOf(DeclarationStatus status, CustomsDirection direction) => status switch
    {
        DeclarationStatus.Released => direction == CustomsDirection.Export ? TrackingMilestone.ExportCleared : TrackingMilestone.ImportCustomsReleased,
        DeclarationStatus.Inspection or DeclarationStatus.Held => direction == CustomsDirection.Export ? TrackingMilestone.ExportCustomsHeld : TrackingMilestone.ImportCustomsHeld,
        DeclarationStatus.ReturnedShipment => TrackingMilestone.Returned,
        DeclarationStatus.Unknown => TrackingMilestone.Other,
        _ => TrackingMilestone.Info,
    };

    /// <summary>The tracking event of a receipt.</summary>
    /// <param name="receipt">The receipt.</param>
    /// <param name="shipment">The shipment's Kuajing S10 number when known (the capture resolves the event through it), else <see langword="null"/> to rely on a linked logistics number.</param>
    /// <param name="port">Where customs acted (UN/LOCODE of the declaring port), or <see langword="null"/>.</param>
    /// <returns>The event: id <c>ceb:{type}:{guid}:{returnStatus}</c>, time = <c>returnTime</c> at +08:00.</returns>
    public static TrackingEvent ToTrackingEvent(CebReceipt receipt, S10TrackingNumber? shipment, string? port = null)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var references = new List<ShipmentReference>();
        if (shipment is { } s)
        {
            references.Add(new ShipmentReference("tracking", s.ToString()));
        }

        if (receipt.LogisticsNo is { } logisticsNo)
        {
            references.Add(new ShipmentReference("tracking", logisticsNo));
        }

        if (receipt.OrderNo is { } orderNo)
        {
            references.Add(new ShipmentReference("orderNo", orderNo));
        }

        var identity = $"{receipt.MessageType}|{receipt.ReceiptGuid}|{receipt.ReturnStatus}|{receipt.ReturnTime.ToUnixTimeMilliseconds()}|{receipt.OrderNo}|{receipt.LogisticsNo}";
        return new TrackingEvent
        {
            EventId = $"ceb:{receipt.MessageType}:{receipt.ReceiptGuid}:{receipt.ReturnStatus}",
            ContentHash = "kj:sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(identity))).ToLowerInvariant(),
            Type = TrackingEventType.CarrierStatus,
            EventTime = receipt.ReturnTime,
            EventTimeOffset = Offset.FromHours(8),
            Milestone = MilestoneOf(receipt.Status, receipt.Direction),
            Location = port is null ? new EventLocation(Country: "CN") : new EventLocation(UnLocode: port, Country: "CN"),
            References = references,
            Source = new EventSource(EventSourceFormat.Customs, receipt.Source, "/" + receipt.MessageType + "Message"),
            Carrier = new CarrierEventDetails(CarrierId, receipt.LogisticsNo ?? receipt.OrderNo ?? receipt.ReceiptGuid, $"{receipt.MessageType}:{receipt.ReturnStatus}", receipt.Status.ToString(), receipt.ReturnInfo, "GACC"),
        };
    }
}
