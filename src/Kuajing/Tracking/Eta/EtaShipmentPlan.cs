using Kuajing.Lanes;
using Kuajing.Planning;
using Kuajing.Storage;
using NodaTime;

namespace Kuajing.Tracking.Eta;

/// <summary>One planned leg as the ETA predictor and exception rules see it.</summary>
/// <param name="Sequence">1-based position in the plan.</param>
/// <param name="FromNode">Departure node code.</param>
/// <param name="ToNode">Arrival node code.</param>
/// <param name="Mode">Commercial mode of the lane.</param>
/// <param name="PlannedDeparture">Planned departure.</param>
/// <param name="PlannedArrival">Planned arrival, ≥ departure (includes import clearance when the leg clears customs).</param>
/// <param name="CutOff">Latest hand-over for this departure (departure minus the lane's <see cref="WeeklySchedule.CutOffHours"/>), ≤ departure.</param>
public sealed record EtaLeg(int Sequence, string FromNode, string ToNode, TransportMode Mode, Instant PlannedDeparture, Instant PlannedArrival, Instant CutOff);

/// <summary>A planned shipment: its legs in travel order and, optionally, the delivery promised to the buyer.</summary>
public sealed record EtaShipmentPlan
{
    /// <summary>Creates a plan.</summary>
    /// <param name="shipmentId">Shipment identity (e.g. the Kuajing tracking number), non-empty.</param>
    /// <param name="legs">Legs with sequences 1..n in travel order; each arrival ≥ its departure and cut-off ≤ departure.</param>
    /// <param name="promisedDelivery">Delivery promised to the buyer, if any; <see langword="null"/> means the last leg's planned arrival.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="shipmentId"/> or <paramref name="legs"/> is null.</exception>
    /// <exception cref="ArgumentException">When the id is blank, there are no legs, the sequences are not 1..n in order, an arrival precedes its departure, or a cut-off follows its departure.</exception>
    public EtaShipmentPlan(string shipmentId, IReadOnlyList<EtaLeg> legs, Instant? promisedDelivery = null)
    {
        ArgumentNullException.ThrowIfNull(shipmentId);
        ArgumentNullException.ThrowIfNull(legs);
        if (string.IsNullOrWhiteSpace(shipmentId))
        {
            throw new ArgumentException("shipment id is empty", nameof(shipmentId));
        }

        if (legs.Count == 0)
        {
            throw new ArgumentException($"shipment {shipmentId}: a plan needs at least one leg", nameof(legs));
        }

        for (var i = 0; i < legs.Count; i++)
        {
            var leg = legs[i];
            if (leg.Sequence != i + 1)
            {
                throw new ArgumentException($"shipment {shipmentId}: leg at position {i + 1} has sequence {leg.Sequence}; expected {i + 1}", nameof(legs));
            }

            if (leg.PlannedArrival < leg.PlannedDeparture)
            {
                throw new ArgumentException($"shipment {shipmentId}: leg {leg.Sequence} arrives ({leg.PlannedArrival}) before it departs ({leg.PlannedDeparture})", nameof(legs));
            }

            if (leg.CutOff > leg.PlannedDeparture)
            {
                throw new ArgumentException($"shipment {shipmentId}: leg {leg.Sequence} cut-off ({leg.CutOff}) is after its departure ({leg.PlannedDeparture})", nameof(legs));
            }
        }

        ShipmentId = shipmentId;
        Legs = legs;
        PromisedDelivery = promisedDelivery;
    }

    /// <summary>Shipment identity.</summary>
    public string ShipmentId { get; }

    /// <summary>Legs in travel order, sequences 1..n.</summary>
    public IReadOnlyList<EtaLeg> Legs { get; }

    /// <summary>Delivery promised to the buyer; <see langword="null"/> when none was promised.</summary>
    public Instant? PromisedDelivery { get; }

    /// <summary>Planned delivery: the last leg's planned arrival.</summary>
    public Instant PlannedDelivery => Legs[^1].PlannedArrival;

    /// <summary>Builds a plan from a planner itinerary (cut-off = departure − the lane's cut-off hours).</summary>
    /// <param name="shipmentId">Shipment identity.</param>
    /// <param name="itinerary">The planned itinerary.</param>
    /// <returns>The plan, promising the itinerary's delivery.</returns>
    /// <exception cref="ArgumentNullException">When an argument is null.</exception>
    /// <exception cref="ArgumentException">When the itinerary has no legs or an arrival precedes its departure.</exception>
    public static EtaShipmentPlan FromItinerary(string shipmentId, Itinerary itinerary)
    {
        ArgumentNullException.ThrowIfNull(itinerary);
        var legs = itinerary.Legs.Select((l, i) => new EtaLeg(
            i + 1, l.Lane.From, l.Lane.To, l.Lane.Mode, l.Departure, l.Arrival,
            l.Departure - Duration.FromHours(l.Lane.Schedule.CutOffHours))).ToArray();
        return new EtaShipmentPlan(shipmentId, legs, legs.Length > 0 ? legs[^1].PlannedArrival : null);
    }

    /// <summary>
    /// Builds a plan from a stored shipment. The stored legs carry no cut-off, so each leg's cut-off is taken as
    /// its planned departure (the connection is missed only when the parcel arrives after the departure itself).
    /// </summary>
    /// <param name="shipment">The stored shipment with its legs loaded.</param>
    /// <returns>The plan, promising the stored delivery instant.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="shipment"/> is null.</exception>
    /// <exception cref="ArgumentException">When a leg's mode is not a <see cref="TransportMode"/> name, the legs are not numbered 1..n, or an arrival precedes its departure.</exception>
    public static EtaShipmentPlan FromRecord(ShipmentRecord shipment)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        var legs = shipment.Legs.OrderBy(l => l.Sequence).Select(l =>
        {
            if (!Enum.TryParse<TransportMode>(l.Mode, ignoreCase: false, out var mode) || !Enum.IsDefined(mode))
            {
                throw new ArgumentException($"shipment {shipment.TrackingNumber}: leg {l.Sequence} mode '{l.Mode}' is not a TransportMode name", nameof(shipment));
            }

            var departure = Utc(l.DepartureUtc);
            return new EtaLeg(l.Sequence, l.FromNode, l.ToNode, mode, departure, Utc(l.ArrivalUtc), departure);
        }).ToArray();
        return new EtaShipmentPlan(shipment.TrackingNumber, legs, Utc(shipment.DeliveredAtUtc));
    }

    private static Instant Utc(DateTime value) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
