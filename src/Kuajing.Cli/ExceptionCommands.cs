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
                using var signer = TreeHeadSigner.Create(); // reading needs no key
                shipments = await new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), SystemClock.Instance).ShipmentsOfAsync(n, ct);
                if (shipments.Count == 0)
                {
                    console.MarkupLineInterpolated($"[red]{n}: not a Kuajing number and not linked to a shipment[/]");
                    return 1;
                }
            }

            var rows = await ShipmentExceptionMonitor.ListAsync(store, shipments, parse.GetValue(open), ct);
            console.Write(Table(rows, withShipment: true));
            return 0;
        });
        return command;
    }

    /// <summary>Stored exceptions as a table (used by <c>exceptions list</c> and <c>track</c>).</summary>
    /// <param name="rows">The exceptions.</param>
    /// <param name="withShipment">Whether to show the shipment column.</param>
    /// <returns>The table.</returns>
    internal static Table Table(IReadOnlyList<ShipmentExceptionRecord> rows, bool withShipment)
    {
        var table = new Table();
        if (withShipment)
        {
            table.AddColumn("shipment");
        }

        table.AddColumns("exception", "leg", "node", "raised at (UTC)", "status", "cleared at (UTC)", "planned", "observed", "threshold h", "by", "detail");
        foreach (var x in rows)
        {
            var cells = new List<string>();
            if (withShipment)
            {
                cells.Add(x.ShipmentNumber);
            }

            cells.AddRange(
            [
                x.Code,
                x.LegSequence?.ToString(CultureInfo.InvariantCulture) ?? "—",
                Markup.Escape(x.NodeCode ?? "—"),
                Iso(x.RaisedAtUtc),
                x.Status == ShipmentExceptionRecord.Open ? "[yellow]open[/]" : "[green]cleared[/]",
                x.ClearedAtUtc is { } c ? Iso(c) : "—",
                x.PlannedAtUtc is { } p ? Iso(p) : "—",
                x.ObservedAtUtc is { } o ? Iso(o) : "—",
                (x.ThresholdSeconds / 3600m).ToString("0.##", CultureInfo.InvariantCulture)
                    + (x.UsualDwellSeconds is { } u ? " (+ planned dwell " + (u / 3600m).ToString("0.##", CultureInfo.InvariantCulture) + ")" : ""),
                x.RaisedBy,
                Markup.Escape(x.Detail),
            ]);
            table.AddRow([.. cells]);
        }

        return table;
    }

    private static string Iso(DateTime utc) => InstantPattern.General.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}
