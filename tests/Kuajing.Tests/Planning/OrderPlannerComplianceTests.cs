using Kuajing.Compliance;
using Kuajing.Emissions;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Planning;
using Kuajing.ReferenceData;
using Kuajing.Tests.Compliance;
using Kuajing.Trade;

namespace Kuajing.Tests.Planning;

/// <summary>
/// The order planner with the compliance rules (<c>data/compliance/rules.csv</c>) on real UCI invoices replayed 782 weeks
/// later from CNCGO, as <c>./run.sh</c> plans them: the same order planned with and without the rules.
/// </summary>
public sealed class OrderPlannerComplianceTests : IClassFixture<OrderPlannerComplianceTests.Setup>
{
    private readonly Setup _setup;

    public OrderPlannerComplianceTests(Setup setup) => _setup = setup;

    [Fact]
    public void Plan_Invoice561870WithMatchesToIreland_PostalLanesBlockedChosenPlanChanges()
    {
        // Invoice 561870 (2011-07-31, EIRE, 80 lines) has line 63 "RETROSPOT SMALL TUBE MATCHES". Matches are flammable
        // goods prohibited in international mail (regulatory-facts.md §8, UPU Convention art. 19: rule UPU-POST-EXPLOSIVES),
        // so no postal lane may carry it. Without the rules the balanced pick is China Post e-Packet to the door (postal);
        // with them the postal options leave the Pareto set and the plan moves to a non-postal lane.
        var order = _setup.Order("561870");
        var without = _setup.Without.Plan(order);
        var with = _setup.With.Plan(order);

        Assert.NotNull(without.Chosen);
        Assert.Equal(TransportMode.Postal, Assert.Single(without.Chosen!.Option.Itinerary.Legs).Lane.Mode);
        Assert.Contains(without.ParetoSet, p => p.Option.Itinerary.Legs.Any(l => l.Lane.Mode == TransportMode.Postal));
        Assert.Empty(without.BlockedLanes);
        Assert.Empty(without.Compliance);

        Assert.NotNull(with.Chosen);
        Assert.DoesNotContain(with.ParetoSet, p => p.Option.Itinerary.Legs.Any(l => l.Lane.Mode == TransportMode.Postal));
        Assert.NotEmpty(with.BlockedLanes);
        Assert.All(with.BlockedLanes, b =>
        {
            Assert.Equal("UPU-POST-EXPLOSIVES", b.Rule.Id);
            Assert.StartsWith("postal-CNCGO-IE-", b.LaneId, StringComparison.Ordinal); // only lanes that could reach this buyer
            Assert.Contains("lines 63 (matches: keyword 'MATCHES', estimate)", b.Detail, StringComparison.Ordinal);
        });
        Assert.Contains(with.ParetoSet, p => ReferenceEquals(p, with.Chosen));

        // The rules-blocked postal option was the pick without rules: its lane is among the blocked ones.
        Assert.Contains(with.BlockedLanes, b => b.LaneId == without.Chosen.Option.Itinerary.Legs[0].Lane.Id);
        Assert.Contains(OrderPlanner.ComplianceLaneBlockedFlag, with.Flags);
        Assert.Contains(OrderPlanner.GoodsByKeywordFlag, with.Flags);
    }

    [Fact]
    public void Plan_Invoice561870_ChosenPlanCarriesTheNonBlockingFindings()
    {
        // The chosen non-postal plan flies (every e-commerce line from CNCGO to Ireland is by air): IE is in the ICS2 area, so
        // the ENS filing of ICS2 Release 2 applies (regulatory-facts.md §5.2, from 2023-03-01), plus the warnings for
        // magnets (lines 1, 3, 15: "MAGNETS …") and matches by air (line 63), and for lines without a 6-digit HS code (§5.1).
        var plan = _setup.With.Plan(_setup.Order("561870"));
        var chosen = plan.Chosen!.Option.Itinerary;
        Assert.All(chosen.Legs, l => Assert.Equal(Vehicle.Air, l.Lane.Vehicle));
        var ids = plan.Compliance.Select(f => f.Rule.Id).ToArray();
        Assert.Contains("ICS2-R2-AIR", ids);
        Assert.Contains("ICS2-HS6-MISSING", ids);
        Assert.Contains("MATCHES-AIR", ids);
        var magnets = Assert.Single(plan.Compliance, f => f.Rule.Id == "MAGNETS-AIR");
        Assert.Equal([1, 3, 15], magnets.Goods.Select(g => g.Line));
        Assert.DoesNotContain(plan.Compliance, f => f.Rule.Outcome == ComplianceOutcome.Blocked);
        Assert.Contains(OrderPlanner.FilingRequiredFlag, plan.Flags);
        Assert.Contains(OrderPlanner.ComplianceWarningFlag, plan.Flags);

        // Same findings as the rule book gives for the chosen legs (what the compliance helper's per-candidate call gives).
        var lines = plan.Order.Lines.Select(l => new ComplianceGoodsLine(l.Description, l.Hs, l.Hazards)).ToArray();
        var expected = _setup.Rules.Evaluate(new ComplianceCase(new Geography.CountryCode("CN"), plan.Order.BuyerCountry, lines, OrderPlanner.ComplianceLegs(chosen)), plan.Order.OrderDate);
        Assert.Equal(expected.Select(f => f.Message), plan.Compliance.Select(f => f.Message));
        Assert.False(_setup.Rules.IsBlocked(new ComplianceCase(new Geography.CountryCode("CN"), plan.Order.BuyerCountry, lines, OrderPlanner.ComplianceLegs(chosen)), plan.Order.OrderDate));
    }

    [Fact]
    public void Plan_Invoice536365WithoutRestrictedGoodsToGb_SamePlanWithOrWithoutRules()
    {
        // Invoice 536365 (2010-12-01, GB: T-light holders, lanterns, hot water bottles …) has no goods in a restricted
        // category and GB is outside the ICS2 area: the rules change nothing but may add warnings (lines without HS code
        // are only an ICS2 matter), so the Pareto set and the pick are the same.
        var order = _setup.Order("536365");
        var without = _setup.Without.Plan(order);
        var with = _setup.With.Plan(order);
        Assert.Empty(with.BlockedLanes);
        Assert.Equal(without.ParetoSet.Select(p => p.Option.LandedCost), with.ParetoSet.Select(p => p.Option.LandedCost));
        Assert.Equal(without.Chosen!.Option.Itinerary.Legs.Select(l => l.Lane.Id), with.Chosen!.Option.Itinerary.Legs.Select(l => l.Lane.Id));
        Assert.DoesNotContain(OrderPlanner.ComplianceLaneBlockedFlag, with.Flags);
    }

    /// <summary>The bundled data loaded once, and the two planners (with and without compliance rules).</summary>
    public sealed class Setup : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-compliance-plan-").FullName;
        private readonly Dictionary<string, Order> _orders;

        public Setup()
        {
            var dataDir = DataDirectory.Find();
            var reference = ReferenceDataSet.Load(dataDir);
            var catalogue = LaneCatalogue.Load(dataDir);
            var emissions = EmissionFactors.Load(dataDir);
            var importRules = ImportRuleBook.Load(dataDir);
            Rules = ComplianceRuleBook.Load(dataDir);
            var path = Path.Combine(_dir, "orders.csv");
            var csv = BundledInvoices.Csv("orders-2011-07.csv.gz", "561870");
            var december = BundledInvoices.Csv("orders-2010-12.csv.gz", "536365");
            File.WriteAllText(path, csv + december[(december.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
            var read = OrdersReader.Create(reference).Read(path);
            _orders = read.Orders.ToDictionary(o => o.OrderId, o => o with { PlacedAt = o.PlacedAt.PlusWeeks(782) }, StringComparer.Ordinal);
            var packing = PackingPolicy.Load(Path.Combine(dataDir, "planning", "packing.csv"), _orders.Values.Min(o => o.OrderDate));
            var itineraries = new ItineraryPlanner(new TransportNetwork(catalogue.Nodes.Values, catalogue.Lanes), new FxRatesConversion(reference.Fx), emissions.LegDistanceKm, emissions.Co2eKg);
            var options = new OrderPlanOptions(LaneCatalogue.DefaultOrigin, PlanObjective.Balanced, Incoterm.DAP, CurrencyCode.Cny);
            var landed = new LandedCostCalculator(importRules, reference.Fx);
            Without = new OrderPlanner(itineraries, landed, packing, options, catalogue.IsPriceKnown);
            With = new OrderPlanner(itineraries, landed, packing, options, catalogue.IsPriceKnown, Rules);
        }

        public ComplianceRuleBook Rules { get; }

        public OrderPlanner Without { get; }

        public OrderPlanner With { get; }

        public Order Order(string id) => _orders[id];

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}
