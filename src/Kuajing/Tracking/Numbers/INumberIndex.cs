namespace Kuajing.Tracking.Numbers;

/// <summary>
/// Links a shipment's Kuajing S10 number to the numbers each leg's carrier uses, and resolves any of those numbers
/// back to the shipment(s), so that an event arriving under any of them lands on the one timeline. Implemented in
/// memory by <see cref="InMemoryNumberIndex"/>; a database-backed implementation keeps the same rules (validate with
/// <see cref="CarrierNumberValidator"/>, key by <see cref="CarrierNumberCheck.Key"/>, the conflict rule below).
/// </summary>
/// <remarks>
/// Rules every implementation keeps: (1) an invalid number is rejected with the validator's reason, never stored;
/// (2) linking the same (shipment, leg, kind, number) again is accepted and stores nothing new; (3) a number that
/// identifies one parcel (<see cref="CarrierNumberKinds.IdentifiesOneParcel(CarrierNumberKind)"/>: S10, last-mile, and
/// every Kuajing shipment number itself) cannot be linked to a second shipment — rejected, naming the shipment that
/// holds it; consolidation numbers (AWB, B/L, container, rail notes) may link many shipments.
/// </remarks>
public interface INumberIndex
{
    /// <summary>Validates a carrier number and links it to a leg of a shipment.</summary>
    /// <param name="shipmentNumber">The shipment's Kuajing S10 number (registered as resolving to itself).</param>
    /// <param name="legSequence">The leg's 1-based position in the shipment's itinerary (as <c>LegRecord.Sequence</c>).</param>
    /// <param name="kind">What the carrier number is.</param>
    /// <param name="carrierNumber">The number as the carrier prints it.</param>
    /// <returns>Accepted with the stored link, or rejected with the reason (invalid number, or conflict).</returns>
    /// <exception cref="ArgumentException">When <paramref name="shipmentNumber"/> is <see langword="default"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="legSequence"/> is below 1 or <paramref name="kind"/> is not defined.</exception>
    /// <exception cref="ArgumentNullException">When <paramref name="carrierNumber"/> is <see langword="null"/>.</exception>
    NumberLinkResult Link(S10TrackingNumber shipmentNumber, int legSequence, CarrierNumberKind kind, string carrierNumber);

    /// <summary>
    /// The shipments a number belongs to: a Kuajing shipment number or any linked carrier number, as printed
    /// (spaces, hyphens, slashes, dots and case are ignored).
    /// </summary>
    /// <param name="anyNumber">The number an event arrived under.</param>
    /// <returns>The shipment numbers in link order: empty when unknown, one for a parcel number, possibly several for a consolidation number (master AWB, B/L, container, rail note).</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="anyNumber"/> is <see langword="null"/>.</exception>
    IReadOnlyList<S10TrackingNumber> Resolve(string anyNumber);
}

/// <summary>One stored link between a shipment's leg and a carrier number.</summary>
/// <param name="ShipmentNumber">The shipment's Kuajing S10 number.</param>
/// <param name="LegSequence">The leg's 1-based position in the itinerary.</param>
/// <param name="Kind">What the carrier number is.</param>
/// <param name="Number">The canonical printed form, e.g. "176-12345675".</param>
/// <param name="Key">The lookup key (upper-case letters and digits), e.g. "17612345675".</param>
/// <param name="Carrier">The courier or postal operator when the number names one (last-mile, S10), else <see langword="null"/>.</param>
public sealed record CarrierNumberLink(
    S10TrackingNumber ShipmentNumber,
    int LegSequence,
    CarrierNumberKind Kind,
    string Number,
    string Key,
    string? Carrier);

/// <summary>The outcome of <see cref="INumberIndex.Link"/>.</summary>
/// <param name="Check">The validation of the carrier number.</param>
/// <param name="Link">The stored link when accepted; <see langword="null"/> when rejected.</param>
/// <param name="AlreadyLinked">True when the same link existed and nothing new was stored.</param>
/// <param name="Reason">Why the link was rejected (invalid number or conflict); <see langword="null"/> when accepted.</param>
public sealed record NumberLinkResult(CarrierNumberCheck Check, CarrierNumberLink? Link, bool AlreadyLinked, string? Reason)
{
    /// <summary>Whether the link is stored (newly or already).</summary>
    public bool IsAccepted => Reason is null;
}

/// <summary>A shipment's one number and the carrier numbers of its legs.</summary>
/// <param name="ShipmentNumber">The Kuajing S10 number.</param>
/// <param name="Links">The carrier numbers, ordered by leg, then in link order.</param>
public sealed record ShipmentNumbers(S10TrackingNumber ShipmentNumber, IReadOnlyList<CarrierNumberLink> Links);
