using System.Globalization;
using FsCheck.Xunit;
using Kuajing.Lanes;
using Kuajing.Planning;
using NodaTime;

namespace Kuajing.Tests.Planning;

/// <summary>
/// The exact planner against brute-force enumeration of every simple path (the reference named in issue #2 and
/// style.md: "a planner against brute force"). Networks are random (cycles, clearances anywhere, validity windows,
/// missing FX rates), so the pruning rules are exercised where they could be wrong.
/// </summary>
public sealed class PlannerPropertyTests
{
    [Property(MaxTest = 300, QuietOnSuccess = true)]
    public void Plan_RandomSmallNetwork_ParetoSetEqualsBruteForce(int seed, byte nodeDraw, byte laneDraw, bool tiered)
    {
        var nodes = 3 + (nodeDraw % 6);   // 3..8 nodes
        var lanes = 1 + (laneDraw % 25);  // 1..25 lanes
        var catalogue = SyntheticNetwork.Create(seed, nodes, lanes, tiered ? SyntheticShape.Tiered : SyntheticShape.Random);
        var planner = catalogue.CreatePlanner();
        var reference = catalogue.CreateBruteForce();
        var rng = new Random(seed);
        for (var r = 0; r < 4; r++)
        {
            var request = catalogue.RandomRequest(rng);
            var landed = RandomMonotoneLandedCost(rng);
            var expected = Vectors(reference.Plan(request, landed));
            var result = planner.Plan(request, landed);
            var actual = Vectors(result.Options);
            Assert.True(
                expected.SetEquals(actual),
                string.Create(CultureInfo.InvariantCulture, $"seed {seed}, {nodes} nodes, {lanes} lanes, request {r}: brute force [{string.Join("; ", expected.Order())}] planner [{string.Join("; ", actual.Order())}]"));
            Assert.Equal(result.Options.Count, actual.Count); // each vector once
            Assert.Equal(result.Found ? NoPlanReason.None : result.Reason, result.Reason);
            Assert.True(result.Found || result.Reason != NoPlanReason.None);
        }
    }

    [Property(MaxTest = 200, QuietOnSuccess = true)]
    public void Plan_LaneRestriction_EqualsBruteForceWithoutItinerariesThroughBlockedLanes(int seed, byte nodeDraw, byte laneDraw, byte blockDraw)
    {
        // A compliance rule blocks a route as soon as one leg is blocked (docs/compliance.md: "at least one leg matches its
        // modes"), so excluding the blocked lanes from the search must give exactly the Pareto set of the unrestricted
        // itineraries that avoid them, which is what dropping candidates one by one with ComplianceRuleBook.IsBlocked
        // would give if the search enumerated every itinerary (brute force does).
        var nodes = 3 + (nodeDraw % 6);
        var lanes = 2 + (laneDraw % 24);
        var catalogue = SyntheticNetwork.Create(seed, nodes, lanes, seed % 2 == 0 ? SyntheticShape.Random : SyntheticShape.Tiered);
        var share = 1 + (blockDraw % 3); // block about 1/4, 2/4 or 3/4 of the lanes
        var blocked = catalogue.Network.Lanes.Where(l => (uint)HashCode.Combine(seed, l.Id.GetHashCode(StringComparison.Ordinal)) % 4 < share).Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        LaneRestriction restriction = l => blocked.Contains(l.Id) ? "blocked in this test" : null;
        var planner = catalogue.CreatePlanner();
        var reference = catalogue.CreateBruteForce();
        var rng = new Random(seed);
        for (var r = 0; r < 3; r++)
        {
            var request = catalogue.RandomRequest(rng);
            var landed = RandomMonotoneLandedCost(rng);
            var expected = Vectors(reference.Plan(request, landed, it => it.Legs.All(l => !blocked.Contains(l.Lane.Id))));
            var result = planner.Plan(request, landed, restriction);
            var actual = Vectors(result.Options);
            Assert.True(
                expected.SetEquals(actual),
                string.Create(CultureInfo.InvariantCulture, $"seed {seed}, {nodes} nodes, {lanes} lanes, {blocked.Count} blocked, request {r}: brute force [{string.Join("; ", expected.Order())}] planner [{string.Join("; ", actual.Order())}]"));
            Assert.All(result.Options, o => Assert.DoesNotContain(o.Itinerary.Legs, l => blocked.Contains(l.Lane.Id)));
            Assert.All(result.Refusals.Where(x => x.Reason == LaneRefusalReason.ComplianceBlocked), x => Assert.Contains(x.LaneId, blocked));
        }
    }

    [Fact]
    public void Plan_LaneRestriction_BlockedLaneOfTheUnrestrictedSetIsRefusedAndReported()
    {
        // Guards the restriction property against vacuity: find cases where the unrestricted set uses a lane, block that
        // lane, and check it is reported as ComplianceBlocked and no longer used.
        var hits = 0;
        for (var seed = 0; seed < 200 && hits < 20; seed++)
        {
            var catalogue = SyntheticNetwork.Create(seed, 3 + (seed % 6), 5 + (seed % 21), seed % 2 == 0 ? SyntheticShape.Random : SyntheticShape.Tiered);
            var planner = catalogue.CreatePlanner();
            var request = catalogue.RandomRequest(new Random(seed));
            var free = planner.Plan(request, it => it.Freight.Amount);
            if (!free.Found)
            {
                continue;
            }

            var lane = free.Options[0].Itinerary.Legs[0].Lane.Id;
            var restricted = planner.Plan(request, it => it.Freight.Amount, l => l.Id == lane ? "rule X" : null);
            var refusal = Assert.Single(restricted.Refusals, x => x.Reason == LaneRefusalReason.ComplianceBlocked);
            Assert.Equal(lane, refusal.LaneId);
            Assert.Equal("rule X", refusal.Detail);
            Assert.All(restricted.Options, o => Assert.DoesNotContain(o.Itinerary.Legs, l => l.Lane.Id == lane));
            hits++;
        }

        Assert.True(hits >= 20, $"only {hits} random cases had a route to restrict");
    }

    [Fact]
    public void Plan_PropertyGenerator_ProducesNonTrivialParetoSets()
    {
        // Guards the property test against vacuity: enough random cases must have a route, and some more than one option.
        var found = 0;
        var multi = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var catalogue = SyntheticNetwork.Create(seed, 3 + (seed % 6), 5 + (seed % 21), seed % 2 == 0 ? SyntheticShape.Random : SyntheticShape.Tiered);
            var rng = new Random(seed);
            var result = catalogue.CreatePlanner().Plan(catalogue.RandomRequest(rng), RandomMonotoneLandedCost(rng));
            found += result.Found ? 1 : 0;
            multi += result.Options.Count > 1 ? 1 : 0;
        }

        Assert.True(found >= 40, $"only {found} of 200 random cases found a route");
        Assert.True(multi >= 10, $"only {multi} of 200 random cases had more than one Pareto option");
    }

    /// <summary>
    /// landed = freight + a·freight + b·freightToBorder + c with a, b, c ≥ 0 drawn per clearance class: at least the freight
    /// and monotone, as the planner requires (duty, tax and fees are never negative).
    /// </summary>
    internal static Func<Itinerary, decimal> RandomMonotoneLandedCost(Random rng)
    {
        var coefficients = new (decimal A, decimal B, decimal C)[7];
        for (var i = 0; i < coefficients.Length; i++)
        {
            coefficients[i] = (rng.Next(0, 5) / 2m, rng.Next(0, 5) / 2m, rng.Next(0, 100));
        }

        return itinerary =>
        {
            var cls = ClearanceClass.Of(itinerary);
            var index = cls.Channel == ClearanceChannel.None ? 0 : 1 + (((int)cls.Channel - 1) * 2) + (cls.DutyAndTaxIncluded ? 1 : 0);
            var (a, b, c) = coefficients[index];
            return itinerary.Freight.Amount + (a * itinerary.Freight.Amount) + (b * ClearanceClass.FreightToBorder(itinerary).Amount) + c;
        };
    }

    private static HashSet<string> Vectors(IEnumerable<PlanOption> options) =>
        options.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.LandedCost}|{o.DeliveredAt}|{o.Co2eKg}")).ToHashSet();
}
