using System.Text.Json;
using Kuajing.Storage;
using Kuajing.Tests.Cli;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.EndToEnd;

/// <summary>
/// The <c>--out FILE.json</c> contract (OrderPlanJson, docs/order-format.md): each planned order's <c>chosen</c> indexes
/// its <c>paretoSet</c>; an unknown amount is <c>null</c>, never 0; every lane a plan names is cited once in the
/// top-level <c>lanes</c> object, every rule in <c>rules</c>.
/// </summary>
public sealed class PlanJsonOutputTests : IDisposable
{
    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Plan_OutJson_ParsesAndHonoursTheContract()
    {
        // The bundled examples (generic CSV and JSON, with HS codes, hazards and a US order) and the UK invoice whose
        // duty is unknown (GBP 139.12 > GBP 135), so that Unknown amounts and a no-route order are both present.
        var examples = Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "examples");
        var golden = _workspace.Write("golden.csv", GoldenInvoices.Csv([GoldenInvoices.Uk536365]));
        var args = _workspace.Arguments(golden, shiftWeeks: GoldenInvoices.ShiftWeeks) with
        {
            Orders = [golden, Path.Combine(examples, "orders-example.csv"), Path.Combine(examples, "orders-example.json")],
        };
        var run = await PlanWorkspace.RunAsync(args);
        Assert.Equal(0, run.ExitCode);

        // Well-formed JSON as a whole, then read strictly.
        using (var doc = JsonDocument.Parse(await File.ReadAllBytesAsync(_workspace.Json)))
        {
            Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        }

        var file = _workspace.ReadJson();
        Assert.Equal(["536365", "KJ-1001", "KJ-1002", "KJ-1003", "KJ-1004", "KJ-2001", "KJ-2002"], file.Orders.Select(o => o.OrderId));
        var planned = file.Orders.Where(o => o.Status == "planned").ToArray();
        Assert.NotEmpty(planned);

        var unknownSeen = 0;
        foreach (var order in planned)
        {
            Assert.InRange(order.Chosen!.Value, 0, order.ParetoSet.Count - 1);
            foreach (var plan in order.ParetoSet)
            {
                foreach (var cost in plan.Costs.Where(c => c.Status == "Unknown"))
                {
                    unknownSeen++;
                    Assert.Null(cost.Amount);
                    Assert.Null(cost.High);
                    Assert.False(string.IsNullOrWhiteSpace(cost.Reason), $"{order.OrderId}: unknown {cost.Kind} without a reason");
                }

                Assert.All(plan.Costs.Where(c => c.Status == "NotIncluded"), c => Assert.Null(c.Amount));
                foreach (var leg in plan.Legs)
                {
                    Assert.Contains(leg.FreightStatus, new[] { "Known", "Unknown" });
                    if (leg.FreightStatus == "Unknown")
                    {
                        unknownSeen++;
                        Assert.Null(leg.Freight);
                        Assert.Null(leg.FreightInQuoteCurrency);
                        Assert.Contains("freight-unknown", order.Flags);
                        Assert.False(plan.LandedCostComplete);
                    }
                    else
                    {
                        Assert.NotNull(leg.Freight);
                    }

                    // Every lane named is cited, with its source and status.
                    Assert.True(file.Lanes.TryGetValue(leg.Lane, out var lane), $"lane {leg.Lane} is missing from the top-level 'lanes'");
                    Assert.False(string.IsNullOrWhiteSpace(lane!.Source));
                    Assert.Contains(lane.SourceStatus, new[] { "Confirmed", "Derived", "Unconfirmed", "Estimated" });
                }

                foreach (var rule in plan.Costs.Select(c => c.Rule).OfType<string>())
                {
                    Assert.True(file.Rules.TryGetValue(rule, out var cited), $"rule {rule} is missing from the top-level 'rules'");
                    Assert.False(string.IsNullOrWhiteSpace(cited!.Source));
                }
            }
        }

        // The UK invoice's unknown duty (and any unpriced leg) was met: the null checks above were exercised.
        Assert.True(unknownSeen > 0);
        Assert.Null(file.Order("536365").ChosenPlan.Cost("Duty").Amount);

        // No lane is cited that no plan uses.
        var used = planned.SelectMany(o => o.ParetoSet).SelectMany(p => p.Legs).Select(l => l.Lane).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(used.Order(StringComparer.Ordinal), file.Lanes.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Plan_NoRouteOrder_StoredAsNoRouteWithReasonAndNoShipment()
    {
        // KJ-1004 (orders-example.csv) is nail polish flagged Liquids to the US; every lane to DOOR-US refuses Liquids
        // (data/lanes/lanes.csv forbidden_goods; IATA DGR: flammable liquids are dangerous goods by air).
        var examples = Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "examples", "orders-example.csv");
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(examples));
        Assert.Equal(0, run.ExitCode); // a valid order without a route is not a rejected input

        var order = _workspace.ReadJson().Order("KJ-1004");
        Assert.Equal("no-route", order.Status);
        Assert.False(string.IsNullOrWhiteSpace(order.Reason));
        Assert.Empty(order.ParetoSet);

        await using var store = await _workspace.OpenStoreAsync();
        var stored = await store.Orders.AsNoTracking().Include(o => o.Shipment).SingleAsync(o => o.OrderId == "KJ-1004");
        Assert.Equal(OrderStatus.NoRoute, stored.Status);
        Assert.Null(stored.Shipment);
        Assert.Equal(order.Reason, stored.Reason);
    }

    [Fact]
    public async Task Plan_NoRouteOrder_ReasonNamesLanesToItsOwnDestination()
    {
        var examples = Path.Combine(Kuajing.ReferenceData.DataDirectory.Find(), "orders", "examples", "orders-example.csv");
        await PlanWorkspace.RunAsync(_workspace.Arguments(examples));
        var reason = _workspace.ReadJson().Order("KJ-1004").Reason!;

        // A reason a seller can act on: the lanes to the US and why they refuse (the goods are Liquids), not lanes to Australia.
        Assert.DoesNotContain("-AU-", reason, StringComparison.Ordinal);
        Assert.Contains("-US-", reason, StringComparison.Ordinal);
        Assert.Contains("Liquids", reason, StringComparison.Ordinal);
    }
}
