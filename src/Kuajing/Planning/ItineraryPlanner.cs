using System.Collections.Concurrent;
using Kuajing.Lanes;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>
/// Exact multi-criteria door-to-door planner: returns every Pareto-optimal itinerary over (landed cost, delivery
/// instant, CO2e) from an origin node to a destination's door node (<see cref="Geography.Node.DoorCode"/>).
/// Thread-safe and reusable across requests: build it once per lane catalogue and call <see cref="Plan(PlanningRequest, Func{Itinerary, decimal}, LaneRestriction)"/> from any
/// number of threads.
/// </summary>
/// <remarks>
/// <para><b>Leg semantics.</b> The first leg departs at the lane's first departure whose cut-off is at or after
/// <see cref="PlanningRequest.ReadyAt"/> (no dwell at the origin); every later leg departs at the first departure whose
/// cut-off is at or after the arrival at its node plus <see cref="Geography.Node.DwellHours"/>
/// (<see cref="WeeklySchedule.NextDeparture"/> in the node's TZDB zone). Only lanes whose <see cref="Lane.Validity"/>
/// contains <see cref="PlanningRequest.OrderDate"/> are offered: the plan is priced on the order date, so a service
/// that starts later or a rate that has expired is refused (<see cref="LaneRefusalReason.OutsideValidity"/>).
/// Arrival = departure + <see cref="Lane.PlannedTransitHours"/> + <see cref="Lane.ClearanceHours"/>. A lane refuses the
/// goods when any hazard is in <see cref="Lane.Forbidden"/>, any parcel exceeds <see cref="LaneLimits.MaxPieceKg"/>,
/// <see cref="LaneLimits.MaxLongestSideCm"/> or <see cref="LaneLimits.MaxSumOfSidesCm"/>, the gross weight exceeds
/// <see cref="LaneLimits.MaxShipmentKg"/>, the declared value (converted into the lane's rate currency on the order date)
/// exceeds <see cref="LaneLimits.MaxDeclaredValue"/>, or an FX rate needed to check or price it is unknown. Freight =
/// <see cref="RateCard.Price"/> of <see cref="Consignment.ChargeableWeight"/>, converted into the quote currency on the
/// order date and rounded to 2 decimals; CO2e = the injected <see cref="LegEmissions"/> of the gross weight over the
/// injected <see cref="LegDistance"/>.</para>
/// <para><b>Path rules.</b> Paths are simple (no node twice). When the destination country differs from the origin
/// node's country an itinerary must contain exactly one clearing lane (<see cref="Lane.Clearance"/> ≠
/// <see cref="ClearanceChannel.None"/>); a domestic itinerary (same country) must contain none, since a domestic
/// shipment never enters import customs. The planner does not check which country the clearing lane enters (an EU
/// clearance in one member state is valid for delivery in another under the customs union).</para>
/// <para><b>Earliest departure is exact.</b> Lane prices and CO2e depend on the order date, not on the departure date,
/// and departures are FIFO (a later ready time never yields an earlier departure), so taking the first feasible departure
/// on each lane loses no Pareto-optimal itinerary. This would break if a lane's rate changed between two departures
/// (a rate-validity boundary inside the planning horizon): a later departure could then be cheaper.</para>
/// <para><b>Algorithm.</b> Multi-objective label setting (Martins 1984, "On a multicriteria shortest path problem",
/// EJOR 16(2)) over states (node, clearance class), with labels (total freight, freight to the border, arrival, CO2e)
/// processed in lexicographic order of (arrival, freight, CO2e). The clearance class (<see cref="ClearanceClass"/>) is
/// fixed when the clearing leg is taken; before that, freight to the border equals total freight. Label A prunes label B
/// at the same state only when A is no worse in all four values and every node A visited before its clearance that a
/// post-clearance path could revisit is also on B's path (otherwise the no-revisit rule could forbid A a completion B
/// has). Because the caller's landed-cost function is required to be monotone non-decreasing in total freight and in
/// freight to the border within one clearance class, no pruned label leads to a better landed cost, and the Pareto filter
/// on the surviving complete itineraries is exact. Equal criteria vectors are kept once: the first in the deterministic
/// processing order (lanes in ordinal id order), and among complete itineraries the one whose lane-id sequence is
/// ordinally smallest.</para>
/// </remarks>
public sealed class ItineraryPlanner
{
    private const int ClassCount = 7;

    private readonly TransportNetwork _network;
    private readonly ICurrencyConversion _currency;
    private readonly LegEmissions _emissions;
    private readonly decimal[] _distanceKm;
    private readonly ConcurrentBag<Workspace> _pool = [];

    /// <summary>Builds a planner over a network; computes every lane's distance once.</summary>
    /// <param name="network">The nodes and lanes.</param>
    /// <param name="currency">FX conversion on the order date (e.g. <see cref="FxRatesConversion"/>).</param>
    /// <param name="distance">Leg distance in km; called once per lane here.</param>
    /// <param name="emissions">Leg CO2e in kg; called at most once per lane per request.</param>
    /// <exception cref="ArgumentNullException">When any argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When <paramref name="distance"/> returns a negative distance for a lane (the message names the lane).</exception>
    public ItineraryPlanner(TransportNetwork network, ICurrencyConversion currency, LegDistance distance, LegEmissions emissions)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(distance);
        ArgumentNullException.ThrowIfNull(emissions);
        _network = network;
        _currency = currency;
        _emissions = emissions;
        _distanceKm = ComputeDistances(network, distance);
    }

    /// <summary>The network planned on.</summary>
    public TransportNetwork Network => _network;

    /// <summary>Plans one request.</summary>
    /// <param name="request">The goods, origin, destination and dates.</param>
    /// <param name="landedCost">
    /// Landed cost of a complete itinerary in the quote currency (freight plus duty, VAT and fees). It MUST be at least
    /// <see cref="Itinerary.Freight"/> (the other cost lines are never negative) and monotone non-decreasing in
    /// <see cref="Itinerary.Freight"/> and in <see cref="ClearanceClass.FreightToBorder"/> among itineraries of the same
    /// <see cref="ClearanceClass"/>; otherwise the result may miss Pareto-optimal itineraries. Called at most once per
    /// surviving complete itinerary, in ascending order of freight; itineraries already dominated by an evaluated one
    /// on freight alone are not evaluated.
    /// </param>
    /// <returns>The Pareto set, or an empty set with the reason and the lanes refused on the way. Expected failures
    /// (unknown origin, no lane, refused goods, missing FX rate) are results, not exceptions.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/>, its goods or origin, or <paramref name="landedCost"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When the consignment has no parcel or the declared value is negative.</exception>
    /// <exception cref="InvalidOperationException">When the emission function returns a negative CO2e or a rate card prices a lane below zero (broken data).</exception>
    public PlanResult Plan(PlanningRequest request, Func<Itinerary, decimal> landedCost) => Plan(request, landedCost, null);

    /// <summary>
    /// Plans one request with some lanes excluded for it, e.g. by the restricted-goods rules for the order's goods
    /// (<see cref="Compliance.ComplianceScreen"/>). An excluded lane is refused like any other infeasible lane
    /// (<see cref="LaneRefusalReason.ComplianceBlocked"/> in <see cref="PlanResult.Refusals"/>, with the restriction's
    /// detail). Excluding lanes is exact for a rule that blocks an itinerary as soon as one of its legs is blocked: the
    /// result equals the Pareto set of the unrestricted itineraries that use no excluded lane.
    /// </summary>
    /// <param name="request">The goods, origin, destination and dates.</param>
    /// <param name="landedCost">As in <see cref="Plan(PlanningRequest, Func{Itinerary, decimal})"/>.</param>
    /// <param name="restriction">Called at most once per lane examined; a non-null answer excludes the lane. <see langword="null"/> for no exclusion.</param>
    /// <returns>As <see cref="Plan(PlanningRequest, Func{Itinerary, decimal})"/>.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="request"/>, its goods or origin, or <paramref name="landedCost"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When the consignment has no parcel or the declared value is negative.</exception>
    /// <exception cref="InvalidOperationException">When the emission function returns a negative CO2e or a rate card prices a lane below zero (broken data).</exception>
    public PlanResult Plan(PlanningRequest request, Func<Itinerary, decimal> landedCost, LaneRestriction? restriction)
    {
        Validate(request);
        ArgumentNullException.ThrowIfNull(landedCost);
        if (!_pool.TryTake(out var ws))
        {
            ws = new Workspace(_network, _currency, _emissions, _distanceKm);
        }

        try
        {
            return ws.Run(request, landedCost, restriction);
        }
        finally
        {
            ws.Clear();
            _pool.Add(ws);
        }
    }

    /// <summary>
    /// Picks one option for an objective, with the tie-breaks documented on <see cref="PlanObjective"/>; remaining ties
    /// keep the earlier option in <paramref name="options"/> (which <see cref="Plan(PlanningRequest, Func{Itinerary, decimal}, LaneRestriction)"/> orders deterministically).
    /// <see cref="PlanObjective.Balanced"/> scales landed cost, transit (delivered-at) and CO2e each by its range in the
    /// set (a criterion with zero range contributes 0) and picks the smallest Euclidean distance to the ideal point
    /// (minimum of each criterion), breaking ties by cost, then time, then CO2e.
    /// </summary>
    /// <param name="options">A non-empty Pareto set, e.g. <see cref="PlanResult.Options"/>.</param>
    /// <param name="objective">What to optimise first.</param>
    /// <returns>The chosen option.</returns>
    /// <exception cref="ArgumentNullException">When <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When <paramref name="options"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="objective"/> is not a defined value.</exception>
    public static PlanOption Pick(IReadOnlyList<PlanOption> options, PlanObjective objective)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0)
        {
            throw new ArgumentException("cannot pick from an empty set of options", nameof(options));
        }

        Comparison<PlanOption> compare = objective switch
        {
            PlanObjective.Cheapest => (a, b) => Chain(a.LandedCost.CompareTo(b.LandedCost), a.DeliveredAt.CompareTo(b.DeliveredAt), a.Co2eKg.CompareTo(b.Co2eKg)),
            PlanObjective.Fastest => (a, b) => Chain(a.DeliveredAt.CompareTo(b.DeliveredAt), a.LandedCost.CompareTo(b.LandedCost), a.Co2eKg.CompareTo(b.Co2eKg)),
            PlanObjective.Greenest => (a, b) => Chain(a.Co2eKg.CompareTo(b.Co2eKg), a.LandedCost.CompareTo(b.LandedCost), a.DeliveredAt.CompareTo(b.DeliveredAt)),
            PlanObjective.Balanced => BalancedComparison(options),
            _ => throw new ArgumentOutOfRangeException(nameof(objective), objective, "not a defined PlanObjective"),
        };

        var best = options[0];
        for (var i = 1; i < options.Count; i++)
        {
            if (compare(options[i], best) < 0)
            {
                best = options[i];
            }
        }

        return best;
    }

    private static Comparison<PlanOption> BalancedComparison(IReadOnlyList<PlanOption> options)
    {
        var minCost = options.Min(o => o.LandedCost);
        var maxCost = options.Max(o => o.LandedCost);
        var minTime = options.Min(o => o.DeliveredAt);
        var maxTime = options.Max(o => o.DeliveredAt);
        var minCo2 = options.Min(o => o.Co2eKg);
        var maxCo2 = options.Max(o => o.Co2eKg);

        double Scaled(decimal v, decimal min, decimal max) => max == min ? 0d : (double)((v - min) / (max - min));
        double Distance(PlanOption o)
        {
            var c = Scaled(o.LandedCost, minCost, maxCost);
            var t = maxTime == minTime ? 0d : (o.DeliveredAt - minTime).TotalNanoseconds / (maxTime - minTime).TotalNanoseconds;
            var e = Scaled(o.Co2eKg, minCo2, maxCo2);
            return Math.Sqrt((c * c) + (t * t) + (e * e));
        }

        return (a, b) => Chain(Distance(a).CompareTo(Distance(b)), Chain(a.LandedCost.CompareTo(b.LandedCost), a.DeliveredAt.CompareTo(b.DeliveredAt), a.Co2eKg.CompareTo(b.Co2eKg)), 0);
    }

    private static int Chain(int first, int second, int third) => first != 0 ? first : second != 0 ? second : third;

    internal static void Validate(PlanningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.OriginNode, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Goods, nameof(request));
        if (request.Goods.Parcels is null || request.Goods.Parcels.Count == 0)
        {
            throw new ArgumentException("the consignment has no parcel; expected at least one", nameof(request));
        }

        if (request.DeclaredValue.Amount < 0m)
        {
            throw new ArgumentException($"declared value {request.DeclaredValue} is negative; expected ≥ 0", nameof(request));
        }
    }

    internal static decimal[] ComputeDistances(TransportNetwork network, LegDistance distance)
    {
        var result = new decimal[network.Lanes.Count];
        for (var l = 0; l < result.Length; l++)
        {
            var lane = network.Lanes[l];
            var km = distance(lane, network.Nodes[network.LaneFromIndex[l]], network.Nodes[network.LaneToIndex[l]]);
            result[l] = km >= 0m ? km : throw new ArgumentException($"distance function returned {km} km for lane '{lane.Id}'; expected ≥ 0", nameof(distance));
        }

        return result;
    }

    /// <summary>Class index of a lane taken as the clearing leg: 1–6; 0 for "not cleared".</summary>
    internal static byte ClassIndex(Lane lane) =>
        lane.Clearance == ClearanceChannel.None ? (byte)0 : (byte)(1 + (((int)lane.Clearance - 1) * 2) + (lane.DutyAndTaxIncluded ? 1 : 0));

    /// <summary>
    /// Builds an itinerary from lanes and their departure/arrival instants, reusing the per-request quotes.
    /// </summary>
    internal static Itinerary BuildItinerary(TransportNetwork network, LaneQuotes quotes, Instant readyAt, ReadOnlySpan<(int Lane, Instant Departure, Instant Arrival)> legs, Money.CurrencyCode quoteCurrency)
    {
        var planned = new PlannedLeg[legs.Length];
        for (var i = 0; i < legs.Length; i++)
        {
            var (lane, departure, arrival) = legs[i];
            quotes.TryQuote(lane, out var q);
            planned[i] = new PlannedLeg(network.Lanes[lane], departure, arrival, q.ChargeableWeight, q.Freight, new Money.Money(q.FreightInQuote, quoteCurrency), quotes.DistanceKm[lane], q.Co2eKg);
        }

        return new Itinerary(planned, readyAt);
    }

    /// <summary>Orders options by (landed cost, delivered-at, CO2e, lane-id sequence) and keeps the non-dominated ones, each criteria vector once.</summary>
    internal static List<PlanOption> ParetoFilter(List<PlanOption> candidates)
    {
        candidates.Sort(static (a, b) =>
        {
            var c = Chain(a.LandedCost.CompareTo(b.LandedCost), a.DeliveredAt.CompareTo(b.DeliveredAt), a.Co2eKg.CompareTo(b.Co2eKg));
            if (c != 0)
            {
                return c;
            }

            var la = a.Itinerary.Legs;
            var lb = b.Itinerary.Legs;
            for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                var s = string.CompareOrdinal(la[i].Lane.Id, lb[i].Lane.Id);
                if (s != 0)
                {
                    return s;
                }
            }

            return la.Count.CompareTo(lb.Count);
        });

        var kept = new List<PlanOption>();
        foreach (var c in candidates)
        {
            var dominated = false;
            foreach (var k in kept)
            {
                // Sorted by cost first, so a kept option never costs more than c.
                if (k.DeliveredAt <= c.DeliveredAt && k.Co2eKg <= c.Co2eKg)
                {
                    dominated = true;
                    break;
                }
            }

            if (!dominated)
            {
                kept.Add(c);
            }
        }

        return kept;
    }

    private struct Label
    {
        public int Node;
        public int Parent;
        public int Lane;
        public int Guard;
        public byte Class;
        public bool Dead;
        public bool Popped;
        public Instant Departure;
        public Instant Arrival;
        public decimal Total;
        public decimal ToBorder;
        public decimal Co2;
    }

    private readonly record struct LabelKey(Instant Arrival, decimal Total, decimal Co2, int Index) : IComparable<LabelKey>
    {
        public int CompareTo(LabelKey other)
        {
            var c = Arrival.CompareTo(other.Arrival);
            if (c != 0)
            {
                return c;
            }

            c = Total.CompareTo(other.Total);
            if (c != 0)
            {
                return c;
            }

            c = Co2.CompareTo(other.Co2);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }

    /// <summary>Per-thread search state, pooled by the planner so a request allocates little beyond its results.</summary>
    private sealed class Workspace
    {
        private readonly TransportNetwork _network;
        private readonly LaneQuotes _quotes;
        private readonly List<int>[] _bags;
        private readonly List<int> _doorLabels = [];
        private readonly List<int> _touched = [];
        private readonly PriorityQueue<int, LabelKey> _queue = new();
        private readonly bool[] _post;
        private Label[] _labels = new Label[256];
        private int _count;

        public Workspace(TransportNetwork network, ICurrencyConversion currency, LegEmissions emissions, decimal[] distanceKm)
        {
            _network = network;
            _quotes = new LaneQuotes(network, currency, emissions, distanceKm);
            _bags = new List<int>[network.Nodes.Count * ClassCount];
            _post = network.PostClearance;
        }

        public void Clear()
        {
            foreach (var s in _touched)
            {
                _bags[s].Clear();
            }

            _touched.Clear();
            _queue.Clear();
            _count = 0;
        }

        public PlanResult Run(PlanningRequest request, Func<Itinerary, decimal> landedCost, LaneRestriction? restriction)
        {
            var net = _network;
            _quotes.Reset(request, restriction);
            var origin = net.IndexOf(request.OriginNode);
            if (origin < 0)
            {
                return Empty(NoPlanReason.UnknownOrigin);
            }

            var door = net.IndexOf(Geography.Node.DoorCode(request.Destination));
            if (door < 0 || !net.HasLaneInto[door])
            {
                return Empty(NoPlanReason.NoLaneToDoor);
            }

            if (net.OutLanes[origin].Length == 0)
            {
                return Empty(NoPlanReason.NoLaneFromOrigin);
            }

            var international = net.Nodes[origin].Country != request.Destination;
            var clearanceBlocked = false;
            var originLaneUsable = false;

            var root = NewLabel();
            ref var r = ref _labels[root];
            r = new Label { Node = origin, Parent = -1, Lane = -1, Arrival = request.ReadyAt, Guard = _post[origin] ? 1 : 0 };
            _queue.Enqueue(root, new LabelKey(r.Arrival, 0m, 0m, root));

            while (_queue.TryDequeue(out var current, out _))
            {
                if (_labels[current].Dead)
                {
                    continue;
                }

                _labels[current].Popped = true;
                var cur = _labels[current];
                var ready = cur.Parent < 0 ? cur.Arrival : cur.Arrival + net.NodeDwell[cur.Node];
                foreach (var lane in net.OutLanes[cur.Node])
                {
                    var to = net.LaneToIndex[lane];
                    if (OnPath(current, to))
                    {
                        continue;
                    }

                    var laneData = net.Lanes[lane];
                    var laneClass = ClassIndex(laneData);
                    byte cls = cur.Class;
                    if (laneClass != 0)
                    {
                        if (cur.Class != 0 || !international)
                        {
                            clearanceBlocked = true;
                            continue;
                        }

                        cls = laneClass;
                    }

                    if (to == door && international && cls == 0)
                    {
                        clearanceBlocked = true;
                        continue;
                    }

                    if (!_quotes.TryQuote(lane, out var q) || !_quotes.TryDepart(lane, ready, out var departure, out var arrival))
                    {
                        continue;
                    }

                    if (cur.Parent < 0)
                    {
                        originLaneUsable = true;
                    }

                    var total = cur.Total + q.FreightInQuote;
                    var candidate = new Label
                    {
                        Node = to,
                        Parent = current,
                        Lane = lane,
                        Class = cls,
                        Departure = departure,
                        Arrival = arrival,
                        Total = total,
                        ToBorder = cur.Class == 0 ? total : cur.ToBorder,
                        Co2 = cur.Co2 + q.Co2eKg,
                        Guard = cls == 0 ? cur.Guard + (_post[to] ? 1 : 0) : cur.Guard,
                    };

                    var index = Insert(candidate, to * ClassCount + cls, to == door);
                    if (index >= 0 && to != door)
                    {
                        _queue.Enqueue(index, new LabelKey(arrival, total, candidate.Co2, index));
                    }
                }
            }

            // Door labels of every class. Landed cost is at least the freight (duty, tax and fees are ≥ 0), so a door
            // label X whose freight already reaches the landed cost of an evaluated option Y that is no later and no
            // dirtier (and strictly better somewhere) cannot be Pareto-optimal: it is dropped before its landed cost is
            // computed. Evaluating in ascending freight makes such Y available early; the result is unchanged.
            _doorLabels.Clear();
            for (var cls = international ? 1 : 0; cls < (international ? ClassCount : 1); cls++)
            {
                var bag = _bags[door * ClassCount + cls];
                if (bag is null)
                {
                    continue;
                }

                foreach (var li in bag)
                {
                    if (!_labels[li].Dead)
                    {
                        _doorLabels.Add(li);
                    }
                }
            }

            _doorLabels.Sort((a, b) =>
            {
                var c = _labels[a].Total.CompareTo(_labels[b].Total);
                return c != 0 ? c : a.CompareTo(b);
            });

            var options = new List<PlanOption>();
            var legs = new List<(int, Instant, Instant)>();
            foreach (var li in _doorLabels)
            {
                ref readonly var x = ref _labels[li];
                var excluded = false;
                foreach (var y in options)
                {
                    if (y.LandedCost <= x.Total && y.DeliveredAt <= x.Arrival && y.Co2eKg <= x.Co2
                        && (y.LandedCost < x.Total || y.DeliveredAt < x.Arrival || y.Co2eKg < x.Co2))
                    {
                        excluded = true;
                        break;
                    }
                }

                if (excluded)
                {
                    continue;
                }

                legs.Clear();
                for (var l = li; _labels[l].Parent >= 0; l = _labels[l].Parent)
                {
                    legs.Add((_labels[l].Lane, _labels[l].Departure, _labels[l].Arrival));
                }

                legs.Reverse();
                var itinerary = BuildItinerary(net, _quotes, request.ReadyAt, legs.ToArray(), request.QuoteCurrency);
                options.Add(new PlanOption(itinerary, landedCost(itinerary), itinerary.DeliveredAt, itinerary.Co2eKg));
            }

            var refusals = _quotes.Refusals.ToArray();
            if (options.Count > 0)
            {
                return new PlanResult(ParetoFilter(options), NoPlanReason.None, refusals);
            }

            var reason = !originLaneUsable ? NoPlanReason.AllLanesFromOriginRefused
                : clearanceBlocked ? NoPlanReason.NoClearedRoute
                : NoPlanReason.NoRouteToDoor;
            if (!originLaneUsable && refusals.Length == 0)
            {
                // Every origin lane was skipped for the clearance rule or a revisit, not refused.
                reason = clearanceBlocked ? NoPlanReason.NoClearedRoute : NoPlanReason.NoRouteToDoor;
            }

            return new PlanResult([], reason, refusals);
        }

        private static PlanResult Empty(NoPlanReason reason) => new([], reason, []);

        private int NewLabel()
        {
            if (_count == _labels.Length)
            {
                Array.Resize(ref _labels, _labels.Length * 2);
            }

            return _count++;
        }

        private bool OnPath(int label, int node)
        {
            for (var x = label; x >= 0; x = _labels[x].Parent)
            {
                if (_labels[x].Node == node)
                {
                    return true;
                }
            }

            return false;
        }

        private int Insert(Label candidate, int state, bool atDoor)
        {
            var bag = _bags[state];
            if (bag is null)
            {
                bag = _bags[state] = [];
            }

            if (bag.Count == 0)
            {
                _touched.Add(state);
            }

            for (var i = 0; i < bag.Count; i++)
            {
                ref var e = ref _labels[bag[i]];
                if (!e.Dead && Dominates(ref e, ref candidate, atDoor))
                {
                    return -1;
                }
            }

            var index = NewLabel();
            _labels[index] = candidate;
            ref var c = ref _labels[index];
            var w = 0;
            for (var i = 0; i < bag.Count; i++)
            {
                ref var e = ref _labels[bag[i]];
                if (!e.Dead && !e.Popped && Dominates(ref c, ref e, atDoor))
                {
                    e.Dead = true;
                }

                if (!e.Dead)
                {
                    bag[w++] = bag[i];
                }
            }

            bag.RemoveRange(w, bag.Count - w);
            bag.Add(index);
            return index;
        }

        /// <summary>
        /// Whether <paramref name="a"/> is no worse than <paramref name="b"/> in all label values and, unless at the
        /// door, every pre-clearance node of a's path that a post-clearance path could revisit is on b's path.
        /// </summary>
        private bool Dominates(ref Label a, ref Label b, bool atDoor)
        {
            if (a.Total > b.Total || a.Arrival > b.Arrival || a.Co2 > b.Co2 || a.ToBorder > b.ToBorder)
            {
                return false;
            }

            if (atDoor || a.Guard == 0)
            {
                return true;
            }

            return GuardWithin(ref a, ref b);
        }

        private bool GuardWithin(ref Label a, ref Label b)
        {
            // a's own node equals b's node (same state), so it is on b's path; walk a's ancestors.
            if (a.Class == 0 && _post[a.Node] && a.Node != b.Node)
            {
                return false;
            }

            for (var x = a.Parent; x >= 0; x = _labels[x].Parent)
            {
                ref var ax = ref _labels[x];
                if (ax.Class == 0 && _post[ax.Node] && ax.Node != b.Node && !OnPath(b.Parent, ax.Node))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
