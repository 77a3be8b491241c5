using System.CommandLine;
using System.Globalization;
using Kuajing.Ledger;
using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Tracking.Eta;
using Kuajing.Tracking.Numbers;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary>
/// <c>kuajing exceptions scan | list</c>: the stored shipment exceptions (missed connection, dwell past the usual time,
/// customs hold, late delivery; docs/eta.md §4). Capture raises what events reveal; the scan raises what time reveals.
/// </summary>
internal static class ExceptionCommands
{
    private static readonly Option<string> Db = new("--db") { Description = "SQLite database file.", DefaultValueFactory = _ => "kuajing.db" };
    private static readonly Option<string?> Postgres = new("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db." };

    /// <summary>The <c>exceptions</c> command and its subcommands.</summary>
    /// <returns>The commands.</returns>
    public static IEnumerable<Command> Create() =>
        [new Command("exceptions", "Stored shipment exceptions: scan for time-driven ones, list open and cleared.") { Scan(), List() }];

    /// <summary>The monitor over the plans stored in the same database (<c>kuajing plan</c>), for ingest and scan.</summary>
    /// <param name="plans">The open plan store.</param>
    /// <returns>The monitor.</returns>
    internal static ShipmentExceptionMonitor Monitor(PlanStore plans) =>
        new(new PlanStoreShipmentPlans(plans), EtaThresholds.LoadBundled(), SystemClock.Instance, DelayProfile.LoadBundled());

    private static Command Scan()
    {
        var at = new Option<string?>("--at") { Description = "Evaluate as of this ISO 8601 instant (e.g. 2026-03-10T12:00:00Z); default now." };
        var command = new Command("scan", "Raise exceptions that time reveals (dwell past the usual time, late delivery) and clear resolved ones; idempotent, safe from cron.") { at, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var instant = SystemClock.Instance.GetCurrentInstant();
            if (parse.GetValue(at) is { } text)
            {
                var parsed = InstantPattern.ExtendedIso.Parse(text);
                if (!parsed.Success)
                {
                    console.MarkupLineInterpolated($"[red]exceptions scan: --at '{text}' is not an ISO 8601 UTC instant like 2026-03-10T12:00:00Z[/]");
                    return 2;
                }

                instant = parsed.Value;
            }

            var sqlite = parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null;
            await using var store = await TimelineStore.OpenAsync(sqlite, parse.GetValue(Postgres), ct);
            await using var plans = await PlanStore.OpenAsync(sqlite, parse.GetValue(Postgres), ct);
            ExceptionScanResult result;
            try
            {
                result = await Monitor(plans).ScanAsync(store, instant, ct);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or ArgumentException)
            {
                console.MarkupLineInterpolated($"[red]exceptions scan: {ex.Message}[/]");
                return 1;
            }

            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"as of {InstantPattern.ExtendedIso.Format(instant)}: {result.ShipmentsEvaluated} shipments evaluated, {result.Raised} raised, {result.Cleared} cleared, {result.Deliveries} webhook deliveries queued"));
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var open = new Option<bool>("--open") { Description = "Only open exceptions." };
        var number = new Argument<string?>("number") { Description = "Only this shipment (Kuajing number or a linked carrier number); default all.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("list", "List stored exceptions, newest first.") { number, open, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            await using var store = await TimelineStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);
            IReadOnlyList<string>? shipments = null;
            if (parse.GetValue(number) is { } n)
            {
                shipments = await new TimelineService(store, CarrierNumberValidator.LoadBundled(), SystemClock.Instance).ShipmentsOfAsync(n, ct);
                if (shipments.Count == 0)
                {
                    console.MarkupLineInterpolated($"[red]{n}: not a Kuajing number and not linked to a shipment[/]");
                    return 1;
                }
            }

            var rows = await ShipmentExceptionMonitor.ListAsync(store, shipments, parse.GetValue(open), ct);
            Print(console, rows, withShipment: true);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Prints stored exceptions, two lines each (used by <c>exceptions list</c> and <c>track</c>): status, kind, shipment, leg
    /// and node, raised and cleared instants; then the evidence (planned vs observed, threshold, usual dwell, source).
    /// </summary>
    /// <param name="console">Where to print.</param>
    /// <param name="rows">The exceptions.</param>
    /// <param name="withShipment">Whether to name the shipment on each line.</param>
    internal static void Print(IAnsiConsole console, IReadOnlyList<ShipmentExceptionRecord> rows, bool withShipment)
    {
        if (rows.Count == 0)
        {
            console.MarkupLine("no exceptions stored");
            return;
        }

        foreach (var x in rows)
        {
            var status = x.Status == ShipmentExceptionRecord.Open ? "[yellow]open   [/]" : "[green]cleared[/]";
            var cleared = x.ClearedAtUtc is { } c ? $", cleared {Iso(c)}" + (x.ClearingEventKey is { } k ? $" by {k}" : "") : "";
            console.MarkupLine($"{status} [bold]{x.Code}[/]{(withShipment ? " " + x.ShipmentNumber : "")} leg {x.LegSequence?.ToString(CultureInfo.InvariantCulture) ?? "—"} at {Markup.Escape(x.NodeCode ?? "—")}: raised {Iso(x.RaisedAtUtc)} ({x.RaisedBy}){Markup.Escape(cleared)}");
            var dwell = x.UsualDwellSeconds is { } u ? ", planned dwell " + (u / 3600m).ToString("0.##", CultureInfo.InvariantCulture) + " h" : "";
            var evidence = $"planned {(x.PlannedAtUtc is { } p ? Iso(p) : "—")}, observed {(x.ObservedAtUtc is { } o ? Iso(o) : "—")}, threshold "
                + (x.ThresholdSeconds / 3600m).ToString("0.##", CultureInfo.InvariantCulture) + " h" + dwell
                + (x.EvidenceEventKey is { } e ? ", event " + e : "");
            console.MarkupLine("        " + Markup.Escape(evidence));
            console.MarkupLine("        " + Markup.Escape(x.Detail + "; source: " + x.Source));
        }
    }

    private static string Iso(DateTime utc) => InstantPattern.General.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
