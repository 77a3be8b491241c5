using Kuajing.Geography;
using Kuajing.Goods;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Planning;
using Kuajing.Provenance;
using NodaTime;

namespace Kuajing.Tests.Planning;

public sealed class ItineraryPlannerTests
{
    private static readonly DataSource TestSource = new("unit test", null, SourceStatus.Estimated);
    private static readonly CountryCode De = new("DE");
    private static readonly CountryCode Cn = new("CN");

    // 2025-03-03 is a Monday. Asia/Shanghai is UTC+8 all year (no DST since 1991).
    private static readonly Instant MondayNineShanghai = Instant.FromUtc(2025, 3, 3, 1, 0);

    private static Node NodeAt(string code, CountryCode country, string zone, int dwellHours = 0) =>
        new(code, code, code.StartsWith("DOOR-", StringComparison.Ordinal) ? NodeKind.Door : NodeKind.Hub, country, 0, 0, zone, dwellHours, TestSource);

    private static Lane LaneOf(
        string id, string from, string to, decimal price, WeeklySchedule? schedule = null, decimal transitDays = 1m,
        ClearanceChannel clearance = ClearanceChannel.None, int clearanceHours = 0, LaneLimits? limits = null,
        GoodsHazards forbidden = GoodsHazards.None, ValidityPeriod? validity = null, CurrencyCode? currency = null, decimal distanceKm = 100m) => new()
        {
            Id = id,
            From = from,
            To = to,
            Mode = TransportMode.Road,
            Vehicle = Vehicle.Road,
            Service = id,
            Carrier = "test",
            Schedule = schedule ?? WeeklySchedule.Daily,
            TransitDaysMin = transitDays,
            TransitDaysMax = transitDays,
            Rate = new RateCard { Currency = currency ?? CurrencyCode.Eur, PerShipment = price },
            Limits = limits ?? LaneLimits.None,
            Forbidden = forbidden,
            Clearance = clearance,
            ClearanceHours = clearanceHours,
            DistanceKm = distanceKm,
            Validity = validity ?? ValidityPeriod.Always,
            Source = TestSource,
        };

    private static ItineraryPlanner PlannerFor(IEnumerable<Node> nodes, IEnumerable<Lane> lanes) =>
        new(new TransportNetwork(nodes, lanes), new FxRatesConversion(new FxRates([new FxRate(new LocalDate(2025, 1, 1), CurrencyCode.Eur, 0.9m)])),
            (lane, _, _) => lane.DistanceKm ?? 0m,
            (_, mass, km, _) => mass.Kilograms * km / 1000m); // 1 kg CO2e per tonne-km: a round test factor, not a real one.

    private static PlanningRequest Request(Instant readyAt, Consignment? goods = null, string origin = "HUB", CountryCode? destination = null, decimal declaredEur = 50m) =>
        new(origin, destination ?? De, readyAt, readyAt.InUtc().Date, goods ?? OneParcel(2m), new Money.Money(declaredEur, CurrencyCode.Eur), CurrencyCode.Eur);

    private static Consignment OneParcel(decimal kg, decimal l = 30, decimal w = 20, decimal h = 10, GoodsHazards hazards = GoodsHazards.None) =>
        new([new Parcel(new Mass(kg), new Dimensions(l, w, h))], hazards, false);

    private static decimal Freight(Itinerary itinerary) => itinerary.Freight.Amount;

    private static Node[] TwoLegNodes(int pvgDwell) =>
    [
        NodeAt("HUB", Cn, "Asia/Shanghai"),
        NodeAt("PVG", Cn, "Asia/Shanghai", pvgDwell),
        NodeAt("DOOR-DE", De, "Europe/Berlin"),
    ];

    private static Lane[] TwoLegLanes() =>
    [
        // Tuesdays 18:00 Shanghai, cut-off 4 h, 1 day transit.
        LaneOf("truck", "HUB", "PVG", 10m, new WeeklySchedule([IsoDayOfWeek.Tuesday], new LocalTime(18, 0), 4), 1m),
        // Thursdays 10:00 Shanghai, cut-off 3 h, 2.5 days transit (2–3 published), courier clearance 12 h.
        LaneOf("air", "PVG", "DOOR-DE", 40m, new WeeklySchedule([IsoDayOfWeek.Thursday], new LocalTime(10, 0), 3), 2m, ClearanceChannel.Courier, 12) with { TransitDaysMax = 3m },
    ];

    [Fact]
    public void Plan_TwoLegWeeklySchedules_DepartsAtNextCutOffAndAddsDwellTransitAndClearance()
    {
        var result = PlannerFor(TwoLegNodes(pvgDwell: 6), TwoLegLanes()).Plan(Request(MondayNineShanghai), Freight);

        var legs = Assert.Single(result.Options).Itinerary.Legs;
        // Ready Mon 09:00 CST; Tuesday 18:00 CST (10:00Z) departure, cut-off 14:00 CST is later than ready.
        Assert.Equal(Instant.FromUtc(2025, 3, 4, 10, 0), legs[0].Departure);
        Assert.Equal(Instant.FromUtc(2025, 3, 5, 10, 0), legs[0].Arrival); // + 24 h transit
        // Ready at PVG = arrival + 6 h dwell = Thu 00:00 CST, before the Thursday 07:00 CST cut-off: Thu 10:00 CST = 02:00Z.
        Assert.Equal(Instant.FromUtc(2025, 3, 6, 2, 0), legs[1].Departure);
        // Planned transit = midpoint 2.5 d = 60 h, plus 12 h clearance = 72 h.
        Assert.Equal(Instant.FromUtc(2025, 3, 9, 2, 0), legs[1].Arrival);
        Assert.Equal(50m, result.Options[0].LandedCost);
    }

    [Fact]
    public void Plan_DwellPastCutOff_WaitsForNextWeeksDeparture()
    {
        // Ready at PVG = Wed 18:00 CST + 20 h = Thu 14:00 CST, after the 07:00 cut-off: next Thursday 2025-03-13 10:00 CST.
        var legs = Assert.Single(PlannerFor(TwoLegNodes(pvgDwell: 20), TwoLegLanes()).Plan(Request(MondayNineShanghai), Freight).Options).Itinerary.Legs;
        Assert.Equal(Instant.FromUtc(2025, 3, 13, 2, 0), legs[1].Departure);
        Assert.Equal(Instant.FromUtc(2025, 3, 16, 2, 0), legs[1].Arrival);
    }

    [Fact]
    public void Plan_ReadyAfterOriginCutOff_TakesNextWeekAndNoDwellAtOrigin()
    {
        // Tue 14:30 CST is after the Tuesday 14:00 cut-off; HUB dwell (if any) is never added before the first leg.
        var nodes = TwoLegNodes(6);
        nodes[0] = nodes[0] with { DwellHours = 100 };
        var legs = Assert.Single(PlannerFor(nodes, TwoLegLanes()).Plan(Request(Instant.FromUtc(2025, 3, 4, 6, 30)), Freight).Options).Itinerary.Legs;
        Assert.Equal(Instant.FromUtc(2025, 3, 11, 10, 0), legs[0].Departure);
    }

    [Fact]
    public void Plan_LaneStartsAfterOrderDate_IsRefusedNotWaitedFor()
    {
        // The plan is priced on the order date (2025-03-03): a service first offered on 2025-03-10 is not bookable yet.
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("DOOR-DE", De, "Europe/Berlin") };
        var lane = LaneOf("post", "HUB", "DOOR-DE", 5m, clearance: ClearanceChannel.Postal, validity: new ValidityPeriod(new LocalDate(2025, 3, 10), null));
        var result = PlannerFor(nodes, [lane]).Plan(Request(MondayNineShanghai), Freight);
        Assert.False(result.Found);
        Assert.Equal(LaneRefusalReason.OutsideValidity, Assert.Single(result.Refusals).Reason);
    }

    [Fact]
    public void Plan_LaneInForceOnOrderDate_DepartsEvenAfterValidityEnds()
    {
        // Valid 2025-03-01 .. 2025-03-04 (exclusive): the order of 2025-03-03 is quoted at this price; the daily 18:00 CST
        // departure after the Monday 09:00 ready time is the same day, 2025-03-03 10:00Z.
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("DOOR-DE", De, "Europe/Berlin") };
        var lane = LaneOf("post", "HUB", "DOOR-DE", 5m, clearance: ClearanceChannel.Postal, validity: new ValidityPeriod(new LocalDate(2025, 3, 1), new LocalDate(2025, 3, 4)));
        var leg = Assert.Single(Assert.Single(PlannerFor(nodes, [lane]).Plan(Request(MondayNineShanghai), Freight).Options).Itinerary.Legs);
        Assert.Equal(Instant.FromUtc(2025, 3, 3, 10, 0), leg.Departure);
    }

    public static TheoryData<Lane, Consignment, LaneRefusalReason> Refusals()
    {
        var door = "DOOR-DE";
        Lane L(LaneLimits? limits = null, GoodsHazards forbidden = GoodsHazards.None, ValidityPeriod? validity = null, CurrencyCode? currency = null) =>
            LaneOf("only", "HUB", door, 5m, clearance: ClearanceChannel.Postal, limits: limits, forbidden: forbidden, validity: validity, currency: currency);
        return new TheoryData<Lane, Consignment, LaneRefusalReason>
        {
            // UPU-style 2 kg small-packet limit: a 2.5 kg parcel is refused.
            { L(new LaneLimits(MaxPieceKg: 2m)), OneParcel(2.5m), LaneRefusalReason.PieceTooHeavy },
            // Two 3 kg parcels = 6 kg gross against a 5 kg shipment limit.
            { L(new LaneLimits(MaxShipmentKg: 5m)), new Consignment([new Parcel(new Mass(3m), new Dimensions(10, 10, 10)), new Parcel(new Mass(3m), new Dimensions(10, 10, 10))], GoodsHazards.None, false), LaneRefusalReason.ShipmentTooHeavy },
            // Longest side 61 cm against a 60 cm limit.
            { L(new LaneLimits(MaxLongestSideCm: 60m)), OneParcel(1m, 61, 10, 10), LaneRefusalReason.PieceTooLong },
            // 40 + 30 + 21 = 91 cm against the UPU 90 cm L+W+H limit.
            { L(new LaneLimits(MaxSumOfSidesCm: 90m)), OneParcel(1m, 40, 30, 21), LaneRefusalReason.PieceTooLarge },
            // Lithium-ion batteries alone are refused by post (IATA DGR PI 965, regulatory-facts.md §8).
            { L(forbidden: GoodsHazards.LithiumIonBatteriesAlone), OneParcel(1m, hazards: GoodsHazards.LithiumIonBatteriesAlone | GoodsHazards.Magnetic), LaneRefusalReason.ForbiddenGoods },
            // Lane expired on 2025-03-01, request on 2025-03-03.
            { L(validity: new ValidityPeriod(new LocalDate(2024, 1, 1), new LocalDate(2025, 3, 1))), OneParcel(1m), LaneRefusalReason.OutsideValidity },
            // EUR 50 declared against an EUR 40 cap (the EURPOST-style declared-value limit).
            { L(new LaneLimits(MaxDeclaredValue: 40m)), OneParcel(1m), LaneRefusalReason.DeclaredValueTooHigh },
            // JPY has no FX row in the test table: the lane cannot be priced, and is not priced at zero.
            { L(currency: new CurrencyCode("JPY")), OneParcel(1m), LaneRefusalReason.NoFxRate },
        };
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Plan_OnlyLaneRefusesGoods_ReturnsEmptyWithRefusalReason(Lane lane, Consignment goods, LaneRefusalReason expected)
    {
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("DOOR-DE", De, "Europe/Berlin") };
        var result = PlannerFor(nodes, [lane]).Plan(Request(MondayNineShanghai, goods), Freight);
        Assert.False(result.Found);
        Assert.Equal(NoPlanReason.AllLanesFromOriginRefused, result.Reason);
        Assert.Equal(expected, Assert.Single(result.Refusals).Reason);
    }

    [Fact]
    public void Plan_LimitsExactlyMet_LaneAccepted()
    {
        // Limits are inclusive: a 2 kg parcel on a "max 2 kg" lane, EUR 50 declared on an EUR 50 cap.
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("DOOR-DE", De, "Europe/Berlin") };
        var lane = LaneOf("post", "HUB", "DOOR-DE", 5m, clearance: ClearanceChannel.Postal, limits: new LaneLimits(2m, 2m, 30m, 60m, 50m));
        Assert.True(PlannerFor(nodes, [lane]).Plan(Request(MondayNineShanghai, OneParcel(2m)), Freight).Found);
    }

    [Fact]
    public void Plan_EmptyCases_ReportReason()
    {
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("MID", Cn, "Asia/Shanghai"), NodeAt("ISO", Cn, "Asia/Shanghai"), NodeAt("DOOR-DE", De, "Europe/Berlin"), NodeAt("DOOR-GB", new CountryCode("GB"), "Europe/London") };
        var planner = PlannerFor(nodes, [LaneOf("a", "HUB", "DOOR-DE", 5m), LaneOf("b", "MID", "DOOR-GB", 5m, clearance: ClearanceChannel.Courier)]);

        Assert.Equal(NoPlanReason.UnknownOrigin, planner.Plan(Request(MondayNineShanghai, origin: "NOPE"), Freight).Reason);
        Assert.Equal(NoPlanReason.NoLaneToDoor, planner.Plan(Request(MondayNineShanghai, destination: new CountryCode("FR")), Freight).Reason);
        Assert.Equal(NoPlanReason.NoLaneFromOrigin, planner.Plan(Request(MondayNineShanghai, origin: "ISO"), Freight).Reason);
        // CN → DE needs exactly one import clearance; lane "a" has none.
        Assert.Equal(NoPlanReason.NoClearedRoute, planner.Plan(Request(MondayNineShanghai), Freight).Reason);
        // The GB door has a lane (from MID), but HUB's only lane goes to the DE door.
        var result = planner.Plan(Request(MondayNineShanghai, destination: new CountryCode("GB")), Freight);
        Assert.Equal(NoPlanReason.NoRouteToDoor, result.Reason);
    }

    [Fact]
    public void Plan_DomesticDestination_RequiresNoClearance()
    {
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("DOOR-CN", Cn, "Asia/Shanghai") };
        var planner = PlannerFor(nodes, [LaneOf("domestic", "HUB", "DOOR-CN", 5m), LaneOf("odd", "HUB", "DOOR-CN", 1m, clearance: ClearanceChannel.Formal)]);
        var option = Assert.Single(planner.Plan(Request(MondayNineShanghai, destination: Cn), Freight).Options);
        Assert.Equal("domestic", Assert.Single(option.Itinerary.Legs).Lane.Id);
    }

    [Fact]
    public void Plan_TradeOffs_ReturnsParetoSetWithoutDominatedLane()
    {
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("DOOR-DE", De, "Europe/Berlin") };
        var planner = PlannerFor(nodes,
        [
            LaneOf("cheap-slow", "HUB", "DOOR-DE", 5m, transitDays: 10m, clearance: ClearanceChannel.Postal),
            LaneOf("dear-fast", "HUB", "DOOR-DE", 50m, transitDays: 3m, clearance: ClearanceChannel.Courier),
            // Dominated: dearer and slower than dear-fast with the same distance (same CO2e).
            LaneOf("dominated", "HUB", "DOOR-DE", 60m, transitDays: 4m, clearance: ClearanceChannel.Courier),
        ]);
        var ids = planner.Plan(Request(MondayNineShanghai), Freight).Options.Select(o => o.Itinerary.Legs[0].Lane.Id).ToArray();
        Assert.Equal(["cheap-slow", "dear-fast"], ids);
    }

    [Fact]
    public void Plan_EqualCriteria_KeepsOneOptionWithSmallestLaneId()
    {
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("DOOR-DE", De, "Europe/Berlin") };
        var lanes = new[] { LaneOf("b-twin", "HUB", "DOOR-DE", 5m, clearance: ClearanceChannel.Postal), LaneOf("a-twin", "HUB", "DOOR-DE", 5m, clearance: ClearanceChannel.Postal) };
        var option = Assert.Single(PlannerFor(nodes, lanes).Plan(Request(MondayNineShanghai), Freight).Options);
        Assert.Equal("a-twin", option.Itinerary.Legs[0].Lane.Id);
    }

    [Fact]
    public void Plan_DominatingLabelVisitedNodeNeededAfterClearance_KeepsDominatedRoute()
    {
        // A = HUB→W→V reaches V cheaper and earlier than B = HUB→V, but the only way on from V clears into DE at X and
        // passes W (W→DOOR). A cannot revisit W, so pruning B at V would lose the only itinerary: HUB→V→X→W→DOOR.
        var nodes = new[]
        {
            NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("V", Cn, "Asia/Shanghai"), NodeAt("W", De, "Europe/Berlin"),
            NodeAt("X", De, "Europe/Berlin"), NodeAt("DOOR-DE", De, "Europe/Berlin"),
        };
        var lanes = new[]
        {
            LaneOf("hub-w", "HUB", "W", 1m, transitDays: 0.5m, distanceKm: 1m),
            LaneOf("w-v", "W", "V", 1m, transitDays: 0.5m, distanceKm: 1m),
            LaneOf("hub-v", "HUB", "V", 10m, transitDays: 5m, distanceKm: 10m),
            LaneOf("v-x", "V", "X", 10m, clearance: ClearanceChannel.Formal, clearanceHours: 24),
            LaneOf("x-w", "X", "W", 1m),
            LaneOf("w-door", "W", "DOOR-DE", 1m),
        };
        var option = Assert.Single(PlannerFor(nodes, lanes).Plan(Request(MondayNineShanghai), Freight).Options);
        Assert.Equal(["hub-v", "v-x", "x-w", "w-door"], option.Itinerary.Legs.Select(l => l.Lane.Id));
    }

    [Fact]
    public void Plan_CheaperBeforeBorderButDearerOverall_KeepsBothWithinClearanceClass()
    {
        // Landed cost 10·(freight to border) + (total freight): a CIF-heavy duty. Route P pays 1 to the border and 30
        // after it (landed 41); route Q pays 5 and 5 (landed 60). Q has the lower total freight at the border node, so
        // a planner that compared only total freight there would lose P.
        var nodes = new[] { NodeAt("HUB", Cn, "Asia/Shanghai"), NodeAt("X", De, "Europe/Berlin"), NodeAt("Y", De, "Europe/Berlin"), NodeAt("G", De, "Europe/Berlin"), NodeAt("DOOR-DE", De, "Europe/Berlin") };
        var lanes = new[]
        {
            LaneOf("p1", "HUB", "X", 1m, clearance: ClearanceChannel.Formal, distanceKm: 0m),
            LaneOf("p2", "X", "G", 29m, distanceKm: 0m),
            LaneOf("q1", "HUB", "Y", 5m, clearance: ClearanceChannel.Formal, distanceKm: 0m),
            LaneOf("q2", "Y", "G", 0m, distanceKm: 0m),
            LaneOf("g-door", "G", "DOOR-DE", 1m, transitDays: 0m, distanceKm: 0m),
        };
        Func<Itinerary, decimal> landed = it => (10m * ClearanceClass.FreightToBorder(it).Amount) + it.Freight.Amount;
        var best = ItineraryPlanner.Pick(PlannerFor(nodes, lanes).Plan(Request(MondayNineShanghai), landed).Options, PlanObjective.Cheapest);
        Assert.Equal(41m, best.LandedCost); // 10·1 + 31
    }

    private static PlanOption Option(decimal cost, int hours, decimal co2) =>
        new(new Itinerary([], MondayNineShanghai), cost, MondayNineShanghai + Duration.FromHours(hours), co2);

    [Fact]
    public void Pick_Objectives_FollowDocumentedTieBreaks()
    {
        var a = Option(10m, 100, 5m);
        var b = Option(10m, 90, 7m);  // same cost as a, faster → Cheapest picks b
        var c = Option(30m, 20, 9m);  // fastest
        var d = Option(40m, 20, 1m);  // as fast as c, dearer; greenest
        var e = Option(50m, 200, 1m); // as green as d, dearer
        IReadOnlyList<PlanOption> set = [a, b, c, d, e];
        Assert.Same(b, ItineraryPlanner.Pick(set, PlanObjective.Cheapest));
        Assert.Same(c, ItineraryPlanner.Pick(set, PlanObjective.Fastest));
        Assert.Same(d, ItineraryPlanner.Pick(set, PlanObjective.Greenest));
    }

    [Fact]
    public void Pick_Balanced_NearestToIdealAfterScaling()
    {
        // Ranges: cost 0–100, time 0–100 h, CO2e 0–10. Scaled: x = (0,1,1)→√2, y = (0.5,0.5,0.5)→0.87, z = (1,0,0)→1.
        var x = Option(0m, 100, 10m);
        var y = Option(50m, 50, 5m);
        var z = Option(100m, 0, 0m);
        Assert.Same(y, ItineraryPlanner.Pick([x, y, z], PlanObjective.Balanced));
        Assert.Throws<ArgumentException>(() => ItineraryPlanner.Pick([], PlanObjective.Cheapest));
    }

    [Fact]
    public void TransportNetwork_LaneToUnknownNode_ThrowsNamingLane()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TransportNetwork([NodeAt("HUB", Cn, "Asia/Shanghai")], [LaneOf("lost", "HUB", "DOOR-DE", 1m)]));
        Assert.Contains("lost", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DOOR-DE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransportNetwork_UnknownTimeZone_ThrowsNamingNode()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TransportNetwork([NodeAt("HUB", Cn, "Mars/Olympus")], []));
        Assert.Contains("Mars/Olympus", ex.Message, StringComparison.Ordinal);
    }
}
