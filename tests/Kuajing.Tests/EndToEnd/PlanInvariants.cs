using Kuajing.Tests.Cli;
using Kuajing.Tracking;
using NodaTime;

namespace Kuajing.Tests.EndToEnd;

/// <summary>What must hold for every planned order in a <c>kuajing plan</c> JSON output, whatever the lanes and rates.</summary>
internal static class PlanInvariants
{
    /// <summary>Checks the Pareto set, the chosen index, the leg chain and timing, and the tracking number of one planned order.</summary>
    public static void AssertPlannedOrder(JsonOrder order, string originNode)
    {
        Assert.Equal("planned", order.Status);
        Assert.NotEmpty(order.ParetoSet);

        // The chosen plan is one of the Pareto set (an index into it).
        Assert.NotNull(order.Chosen);
        Assert.InRange(order.Chosen!.Value, 0, order.ParetoSet.Count - 1);

        // Exact Pareto set over (landed cost, delivery time, CO2e): no option is dominated by another.
        AssertNonDominated(order.ParetoSet);

        foreach (var plan in order.ParetoSet)
        {
            AssertLegsChainAndTime(plan, originNode, order.Destination);
        }

        AssertKuajingS10(order.TrackingNumber);
    }

    /// <summary>
    /// No option is weakly better in all three criteria and strictly better in one than another (Pareto dominance).
    /// Delivery time is compared exactly from the instants; cost and CO2e at the file's rounding (2 and 3 decimals),
    /// which can only hide a dominance, never invent one between genuinely non-dominated options.
    /// </summary>
    public static void AssertNonDominated(IReadOnlyList<JsonPlan> set)
    {
        for (var i = 0; i < set.Count; i++)
        {
            for (var j = 0; j < set.Count; j++)
            {
                if (i == j)
                {
                    continue;
                }

                var a = set[i];
                var b = set[j];
                var weaklyBetter = a.LandedCost <= b.LandedCost && a.Transit <= b.Transit && a.Co2eKg <= b.Co2eKg;
                var strictlyBetter = a.LandedCost < b.LandedCost || a.Transit < b.Transit || a.Co2eKg < b.Co2eKg;
                Assert.False(weaklyBetter && strictlyBetter, $"Pareto option {j} ({b}) is dominated by option {i} ({a})");
            }
        }
    }

    /// <summary>
    /// Legs run from the origin hub to the buyer's door (<c>DOOR-XX</c>), each leg starting where the previous one
    /// ended, never departing before the goods are ready (at the origin, or at the previous leg's arrival) and
    /// never arriving before departing; delivery is the last leg's arrival.
    /// </summary>
    public static void AssertLegsChainAndTime(JsonPlan plan, string originNode, string destination)
    {
        Assert.NotEmpty(plan.Legs);
        Assert.Equal(originNode, plan.Legs[0].From);
        Assert.Equal("DOOR-" + destination, plan.Legs[^1].To);
        var readyAt = plan.ReadyAt;
        for (var i = 0; i < plan.Legs.Count; i++)
        {
            var leg = plan.Legs[i];
            if (i > 0)
            {
                Assert.Equal(plan.Legs[i - 1].To, leg.From);
            }

            Assert.True(leg.Departure >= readyAt, $"leg {i + 1} ({leg.Lane}) departs {leg.Departure} before the goods are ready at {readyAt}");
            Assert.True(leg.Arrival >= leg.Departure, $"leg {i + 1} ({leg.Lane}) arrives {leg.Arrival} before it departs {leg.Departure}");
            Assert.True(leg.ChargeableWeightKg > 0, $"leg {i + 1} ({leg.Lane}) has chargeable weight {leg.ChargeableWeightKg} kg");
            readyAt = leg.Arrival;
        }

        Assert.Equal(plan.Legs[^1].Arrival, plan.DeliveredAt);
        Assert.True(plan.Transit > Duration.Zero);
    }

    /// <summary>
    /// A Kuajing tracking number: UPU S10 (13 characters: 2-letter service indicator, 8-digit serial, check digit,
    /// ISO country of the issuing origin), service indicator HJ (Kuajing's consolidated e-commerce parcels), origin
    /// China. The check digit is recomputed here by the S10 rule (weights 8 6 4 2 3 5 9 7; 11 − sum mod 11; 10 → 0,
    /// 11 → 5; UPU S10 standard, check-digit clause) independently of the parser.
    /// </summary>
    public static void AssertKuajingS10(string? text)
    {
        Assert.NotNull(text);
        var parsed = S10TrackingNumber.Parse(text);
        Assert.Equal("HJ", parsed.ServiceIndicator.Code);
        Assert.Equal("CN", parsed.Country.Value);
        Assert.Matches("^HJ[0-9]{9}CN$", text);
        int[] weights = [8, 6, 4, 2, 3, 5, 9, 7];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (text![2 + i] - '0') * weights[i];
        }

        var check = 11 - (sum % 11);
        check = check switch { 10 => 0, 11 => 5, _ => check };
        Assert.Equal(check, text![10] - '0');
    }
}
