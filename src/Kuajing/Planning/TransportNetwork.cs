using Kuajing.Geography;
using Kuajing.Lanes;
using NodaTime;

namespace Kuajing.Planning;

/// <summary>
/// The planner's graph: nodes (hubs, airports, ports, terminals, doors) and the lanes between them, with lanes
/// indexed by the node they depart from and each node's IANA time zone resolved once from
/// <see cref="DateTimeZoneProviders.Tzdb"/>. Nodes are held in ordinal order of <see cref="Node.Code"/> and lanes in
/// ordinal order of <see cref="Lane.Id"/>, so planning results do not depend on the order of the input.
/// Immutable and thread-safe once built.
/// </summary>
public sealed class TransportNetwork
{
    private readonly Dictionary<string, int> _nodeIndex;
    private readonly Lane[][] _lanesFrom;

    /// <summary>Builds the network.</summary>
    /// <param name="nodes">Every node any lane touches, door nodes (<c>DOOR-XX</c>) included.</param>
    /// <param name="lanes">The lane catalogue.</param>
    /// <exception cref="ArgumentNullException">When <paramref name="nodes"/>, <paramref name="lanes"/> or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">When two nodes share a code, two lanes share an id, a lane's <see cref="Lane.From"/> or
    /// <see cref="Lane.To"/> is not a node code, a lane departs and arrives at the same node, a node's <see cref="Node.TimeZoneId"/>
    /// is not an IANA id known to the bundled TZDB, or a node's <see cref="Node.DwellHours"/> is negative.</exception>
    public TransportNetwork(IEnumerable<Node> nodes, IEnumerable<Lane> lanes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(lanes);

        var nodeList = nodes.Select(n => n ?? throw new ArgumentNullException(nameof(nodes), "node list contains null"))
            .OrderBy(n => n.Code, StringComparer.Ordinal).ToArray();
        _nodeIndex = new Dictionary<string, int>(nodeList.Length, StringComparer.Ordinal);
        var zones = new DateTimeZone[nodeList.Length];
        for (var i = 0; i < nodeList.Length; i++)
        {
            var node = nodeList[i];
            if (!_nodeIndex.TryAdd(node.Code, i))
            {
                throw new ArgumentException($"node code '{node.Code}' appears twice", nameof(nodes));
            }

            if (node.DwellHours < 0)
            {
                throw new ArgumentException($"node '{node.Code}': DwellHours {node.DwellHours} is negative; expected hours ≥ 0", nameof(nodes));
            }

            zones[i] = DateTimeZoneProviders.Tzdb.GetZoneOrNull(node.TimeZoneId ?? "")
                ?? throw new ArgumentException($"node '{node.Code}': time zone '{node.TimeZoneId}' is not an IANA id in TZDB {DateTimeZoneProviders.Tzdb.VersionId}", nameof(nodes));
        }

        var laneList = lanes.Select(l => l ?? throw new ArgumentNullException(nameof(lanes), "lane list contains null"))
            .OrderBy(l => l.Id, StringComparer.Ordinal).ToArray();
        var laneIds = new HashSet<string>(StringComparer.Ordinal);
        var from = new int[laneList.Length];
        var to = new int[laneList.Length];
        for (var i = 0; i < laneList.Length; i++)
        {
            var lane = laneList[i];
            if (!laneIds.Add(lane.Id))
            {
                throw new ArgumentException($"lane id '{lane.Id}' appears twice", nameof(lanes));
            }

            from[i] = _nodeIndex.TryGetValue(lane.From, out var f) ? f
                : throw new ArgumentException($"lane '{lane.Id}': From '{lane.From}' is not a node code", nameof(lanes));
            to[i] = _nodeIndex.TryGetValue(lane.To, out var t) ? t
                : throw new ArgumentException($"lane '{lane.Id}': To '{lane.To}' is not a node code", nameof(lanes));
            if (f == t)
            {
                throw new ArgumentException($"lane '{lane.Id}' departs and arrives at the same node '{lane.From}'", nameof(lanes));
            }
        }

        Nodes = nodeList;
        Lanes = laneList;
        NodeZones = zones;
        LaneFromIndex = from;
        LaneToIndex = to;
        OutLanes = Enumerable.Range(0, nodeList.Length)
            .Select(n => Enumerable.Range(0, laneList.Length).Where(l => from[l] == n).ToArray())
            .ToArray();
        _lanesFrom = OutLanes.Select(ls => ls.Select(l => laneList[l]).ToArray()).ToArray();
        LaneDuration = laneList.Select(l => Duration.FromHours(l.PlannedTransitHours + l.ClearanceHours)).ToArray();
        LaneCutOff = laneList.Select(l => Duration.FromHours(l.Schedule.CutOffHours)).ToArray();
        NodeDwell = nodeList.Select(n => Duration.FromHours(n.DwellHours)).ToArray();
        HasLaneInto = new bool[nodeList.Length];
        foreach (var t in to)
        {
            HasLaneInto[t] = true;
        }

        PostClearance = ComputePostClearance(laneList, to, nodeList.Length, OutLanes);
    }

    /// <summary>All nodes, in ordinal order of <see cref="Node.Code"/>.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>All lanes, in ordinal order of <see cref="Lane.Id"/>.</summary>
    public IReadOnlyList<Lane> Lanes { get; }

    /// <summary>Time zone of each node, by node index.</summary>
    internal DateTimeZone[] NodeZones { get; }

    /// <summary>Index of each lane's departure node, by lane index.</summary>
    internal int[] LaneFromIndex { get; }

    /// <summary>Index of each lane's arrival node, by lane index.</summary>
    internal int[] LaneToIndex { get; }

    /// <summary>Lane indices departing each node, ascending (so in lane-id order), by node index.</summary>
    internal int[][] OutLanes { get; }

    /// <summary>Planned transit plus clearance of each lane, by lane index.</summary>
    internal Duration[] LaneDuration { get; }

    /// <summary>Cut-off of each lane's schedule, by lane index.</summary>
    internal Duration[] LaneCutOff { get; }

    /// <summary>Dwell of each node, by node index.</summary>
    internal Duration[] NodeDwell { get; }

    /// <summary>True for nodes that at least one lane arrives at.</summary>
    internal bool[] HasLaneInto { get; }

    /// <summary>
    /// Nodes that some path can visit after an import clearance: the arrival nodes of clearing lanes and everything
    /// reachable from them. Only these nodes can make a dominated label's completion infeasible by the no-revisit rule
    /// (see <see cref="ItineraryPlanner"/>).
    /// </summary>
    internal bool[] PostClearance { get; }

    /// <summary>Finds a node by code.</summary>
    /// <param name="code">Node code (ordinal, case-sensitive).</param>
    /// <param name="node">The node when found.</param>
    /// <returns>Whether the node exists.</returns>
    public bool TryGetNode(string code, out Node node)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (_nodeIndex.TryGetValue(code, out var i))
        {
            node = Nodes[i];
            return true;
        }

        node = null!;
        return false;
    }

    /// <summary>The lanes departing a node, in ordinal order of <see cref="Lane.Id"/>; empty for an unknown code.</summary>
    /// <param name="code">Node code.</param>
    /// <returns>The lanes.</returns>
    public IReadOnlyList<Lane> LanesFrom(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _nodeIndex.TryGetValue(code, out var i) ? _lanesFrom[i] : [];
    }

    /// <summary>The time zone a node's schedules are published in.</summary>
    /// <param name="code">Node code.</param>
    /// <returns>The TZDB zone.</returns>
    /// <exception cref="KeyNotFoundException">When <paramref name="code"/> is not a node of the network.</exception>
    public DateTimeZone ZoneOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return _nodeIndex.TryGetValue(code, out var i) ? NodeZones[i] : throw new KeyNotFoundException($"node '{code}' is not in the network");
    }

    /// <summary>Index of a node, or −1.</summary>
    internal int IndexOf(string code) => _nodeIndex.TryGetValue(code, out var i) ? i : -1;

    private static bool[] ComputePostClearance(Lane[] lanes, int[] to, int nodeCount, int[][] outLanes)
    {
        var reached = new bool[nodeCount];
        var stack = new Stack<int>();
        for (var l = 0; l < lanes.Length; l++)
        {
            if (lanes[l].Clearance != ClearanceChannel.None && !reached[to[l]])
            {
                reached[to[l]] = true;
                stack.Push(to[l]);
            }
        }

        while (stack.Count > 0)
        {
            var n = stack.Pop();
            foreach (var l in outLanes[n])
            {
                if (!reached[to[l]])
                {
                    reached[to[l]] = true;
                    stack.Push(to[l]);
                }
            }
        }

        return reached;
    }
}
