using NodaTime;

namespace Kuajing.Planning;

/// <summary>
/// Reference planner for tests: enumerates every simple path from the origin to the door with the same leg semantics
/// as <see cref="ItineraryPlanner"/> (shared through <see cref="LaneQuotes"/>) and the same clearance rule, computes
/// each itinerary's criteria, and keeps the non-dominated set by pairwise comparison. Exponential; small networks only.
/// </summary>
internal sealed class BruteForcePlanner(TransportNetwork network, ICurrencyConversion currency, LegDistance distance, LegEmissions emissions)
{
    private readonly decimal[] _distanceKm = ItineraryPlanner.ComputeDistances(network, distance);

    /// <summary>All non-dominated (landed cost, delivered-at, CO2e) options; equal vectors are kept once (any one of them).</summary>
    /// <param name="request">The request.</param>
    /// <param name="landedCost">Landed cost of an itinerary.</param>
    /// <param name="keep">Optional filter on whole itineraries applied before the Pareto filter (e.g. "no leg is blocked by a compliance rule"); <see langword="null"/> keeps every itinerary.</param>
    public List<PlanOption> Plan(PlanningRequest request, Func<Itinerary, decimal> landedCost, Func<Itinerary, bool>? keep = null)
    {
        ItineraryPlanner.Validate(request);
        var quotes = new LaneQuotes(network, currency, emissions, _distanceKm);
        quotes.Reset(request);
        var all = new List<PlanOption>();
        var origin = network.IndexOf(request.OriginNode);
        var door = network.IndexOf(Geography.Node.DoorCode(request.Destination));
        if (origin < 0 || door < 0)
        {
            return all;
        }

        var international = network.Nodes[origin].Country != request.Destination;
        var visited = new bool[network.Nodes.Count];
        var path = new List<(int Lane, Instant Departure, Instant Arrival)>();
        visited[origin] = true;

        void Walk(int node, Instant ready, int clearances)
        {
            foreach (var lane in network.OutLanes[node])
            {
                var to = network.LaneToIndex[lane];
                if (visited[to])
                {
                    continue;
                }

                var clears = network.Lanes[lane].Clearance != Lanes.ClearanceChannel.None ? 1 : 0;
                var count = clearances + clears;
                if (count > (international ? 1 : 0))
                {
                    continue;
                }

                if (!quotes.TryQuote(lane, out _) || !quotes.TryDepart(lane, ready, out var departure, out var arrival))
                {
                    continue;
                }

                path.Add((lane, departure, arrival));
                if (to == door)
                {
                    if (count == (international ? 1 : 0))
                    {
                        var itinerary = ItineraryPlanner.BuildItinerary(network, quotes, request.ReadyAt, path.ToArray(), request.QuoteCurrency);
                        if (keep is null || keep(itinerary))
                        {
                            all.Add(new PlanOption(itinerary, landedCost(itinerary), itinerary.DeliveredAt, itinerary.Co2eKg));
                        }
                    }
                }
                else
                {
                    visited[to] = true;
                    Walk(to, arrival + Duration.FromHours(network.Nodes[to].DwellHours), count);
                    visited[to] = false;
                }

                path.RemoveAt(path.Count - 1);
            }
        }

        Walk(origin, request.ReadyAt, 0);

        var front = new List<PlanOption>();
        foreach (var o in all)
        {
            var dominated = all.Any(p => p.LandedCost <= o.LandedCost && p.DeliveredAt <= o.DeliveredAt && p.Co2eKg <= o.Co2eKg
                && (p.LandedCost < o.LandedCost || p.DeliveredAt < o.DeliveredAt || p.Co2eKg < o.Co2eKg));
            if (!dominated && !front.Any(f => f.LandedCost == o.LandedCost && f.DeliveredAt == o.DeliveredAt && f.Co2eKg == o.Co2eKg))
            {
                front.Add(o);
            }
        }

        return front;
    }
}
