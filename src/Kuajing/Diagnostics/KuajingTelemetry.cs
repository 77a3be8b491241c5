using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Kuajing.Diagnostics;

/// <summary>
/// Kuajing's own OpenTelemetry-compatible instruments, through .NET's <see cref="System.Diagnostics.Metrics"/> and
/// <see cref="ActivitySource"/> APIs (no exporter here: the server wires them to OpenTelemetry by name
/// <see cref="Name"/>). Instrument names follow the OpenTelemetry semantic-convention style (dotted, lower case, unit
/// in <c>unit</c>).
/// </summary>
public static class KuajingTelemetry
{
    /// <summary>The meter and activity-source name: <c>Kuajing</c>.</summary>
    public const string Name = "Kuajing";

    /// <summary>The activity source for Kuajing's own spans (planning an order, capturing a batch).</summary>
    public static readonly ActivitySource Activities = new(Name);

    /// <summary>The meter holding every Kuajing instrument.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Orders planned (Pareto set computed), counted per order; tag <c>outcome</c> = <c>planned</c> or <c>no-route</c>.</summary>
    public static readonly Counter<long> OrdersPlanned = Meter.CreateCounter<long>("kuajing.orders.planned", "{order}", "Orders planned (Pareto set computed)");

    /// <summary>Time to plan one order, in seconds.</summary>
    public static readonly Histogram<double> PlanDuration = Meter.CreateHistogram<double>("kuajing.plan.duration", "s", "Time to plan one order");

    /// <summary>Tracking events captured; tag <c>outcome</c> = <c>stored</c>, <c>duplicate</c> or <c>rejected</c>.</summary>
    public static readonly Counter<long> EventsCaptured = Meter.CreateCounter<long>("kuajing.events.captured", "{event}", "Tracking events offered for capture, by outcome");
}
