using System.Globalization;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Planning;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary>Prints the end-of-run summary tables of <c>kuajing plan</c>.</summary>
internal static class PlanSummary
{
    /// <summary>Prints counts, then per destination and per main mode: orders, mean landed cost, mean delivery days, total CO2e.</summary>
    public static void Print(IAnsiConsole console, OrderReadResult read, IReadOnlyList<OrderPlan> plans, int cancellations, CurrencyCode currency, PlanArguments args, double planSeconds, IReadOnlyList<(string Phase, double Seconds)> timings, string rejectionsPath)
    {
        var planned = plans.Where(p => p.Chosen is not null).ToArray();
        var noRoute = plans.Count - planned.Length;

        var counts = new Table().Title("[bold]Kuajing plan[/]").AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        counts.AddRow("order lines read", read.LinesRead.ToString("N0", CultureInfo.InvariantCulture));
        counts.AddRow("orders read (accepted)", read.Orders.Count.ToString("N0", CultureInfo.InvariantCulture));
        counts.AddRow("orders planned", planned.Length.ToString("N0", CultureInfo.InvariantCulture));
        counts.AddRow("orders with no route", noRoute.ToString("N0", CultureInfo.InvariantCulture));
        counts.AddRow("orders rejected (bad input)", read.RejectedOrders.ToString("N0", CultureInfo.InvariantCulture));
        counts.AddRow("rejected lines", read.Rejections.Count.ToString("N0", CultureInfo.InvariantCulture));
        counts.AddRow("cancellations (nothing ships)", cancellations.ToString("N0", CultureInfo.InvariantCulture));
        counts.AddRow("invoices with only charges (postage, fees)", read.NonGoodsOnlyOrders.ToString("N0", CultureInfo.InvariantCulture));
        console.Write(counts);

        console.Write(Breakdown("By destination", "destination", planned, p => p.Order.BuyerCountry.Value, currency));
        console.Write(Breakdown("By main mode (longest leg)", "mode", planned, p => MainMode(p.Chosen!.Option.Itinerary), currency));

        var incomplete = planned.Count(p => !p.CostComplete);
        var estimated = planned.Count(p => p.Order.WeightEstimated);
        var unconfirmed = planned.Count(p => p.Flags.Contains("unconfirmed-lane"));
        console.MarkupLineInterpolated($"Objective {args.Objective.ToString().ToLowerInvariant()}, {args.Incoterm}, origin {args.Origin}, replayed +{args.ShiftWeeks} weeks. Costs in {currency}.");
        console.MarkupLineInterpolated($"[yellow]estimate:[/] {estimated:N0} planned orders use estimated weights/sizes; every plan uses estimated packing (data/planning/packing.csv).");
        console.MarkupLineInterpolated($"[yellow]lower bound:[/] {incomplete:N0} landed costs exclude an unknown duty, tax or unpublished freight; they are lower bounds, marked 'no (lower bound)' in the CSV.");
        console.MarkupLineInterpolated($"[yellow]unconfirmed:[/] {unconfirmed:N0} chosen plans use a lane whose figures are unconfirmed in the sources.");
        var blocked = plans.Count(p => p.BlockedLanes.Count > 0);
        var blockedNoRoute = plans.Count(p => p.Chosen is null && p.BlockedLanes.Count > 0);
        console.MarkupLineInterpolated($"[yellow]compliance:[/] {blocked:N0} orders had a lane blocked by a restricted-goods rule (data/compliance/rules.csv), {blockedNoRoute:N0} of them with no route left; chosen plans needing a filing {planned.Count(p => p.Flags.Contains(OrderPlanner.FilingRequiredFlag)):N0}, a document {planned.Count(p => p.Flags.Contains(OrderPlanner.DocumentRequiredFlag)):N0}, a label {planned.Count(p => p.Flags.Contains(OrderPlanner.LabelRequiredFlag)):N0}; with a warning {planned.Count(p => p.Flags.Contains(OrderPlanner.ComplianceWarningFlag)):N0}.");
        var phases = string.Join(", ", timings.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Phase} {t.Seconds:0.00} s")));
        console.MarkupLineInterpolated($"Planned {plans.Count:N0} orders in {planSeconds:0.00} s ({(planSeconds > 0 ? plans.Count / planSeconds : 0):N0} orders/s). Total {timings.Sum(t => t.Seconds):0.00} s: {phases}.");
        console.MarkupLineInterpolated($"Database: {(args.Postgres is null ? args.Db : "PostgreSQL (--postgres)")}. Rejections: {rejectionsPath}.");
    }

    /// <summary>The mode of the itinerary's longest leg (by distance), which names the main haul.</summary>
    /// <param name="itinerary">An itinerary.</param>
    /// <returns>Mode name.</returns>
    public static string MainMode(Itinerary itinerary) => itinerary.Legs.MaxBy(l => l.DistanceKm)!.Lane.Mode.ToString();

    private static Table Breakdown(string title, string key, IReadOnlyList<OrderPlan> planned, Func<OrderPlan, string> by, CurrencyCode currency)
    {
        var table = new Table().Title(title)
            .AddColumn(key)
            .AddColumn(new TableColumn("orders").RightAligned())
            .AddColumn(new TableColumn($"mean landed {currency}").RightAligned())
            .AddColumn(new TableColumn("complete").RightAligned())
            .AddColumn(new TableColumn("mean days").RightAligned())
            .AddColumn(new TableColumn("CO2e t").RightAligned());
        foreach (var g in planned.GroupBy(by).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var n = g.Count();
            table.AddRow(
                g.Key,
                n.ToString("N0", CultureInfo.InvariantCulture),
                g.Average(p => p.Chosen!.Quote.LowerBound.Amount).ToString("N2", CultureInfo.InvariantCulture),
                $"{100.0 * g.Count(p => p.CostComplete) / n:0}%",
                g.Average(p => p.Chosen!.Option.Itinerary.TransitHours / 24.0).ToString("0.0", CultureInfo.InvariantCulture),
                (g.Sum(p => p.Chosen!.Option.Itinerary.Co2eKg) / 1000m).ToString("N2", CultureInfo.InvariantCulture));
        }

        return table;
    }
}
