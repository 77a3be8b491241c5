using System.CommandLine;
using System.Globalization;
using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Kuajing.Tracking.Numbers;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary>
/// <c>kuajing ingest | track | verify | link</c>: one number, end to end. Events from EPCIS 2.0 (JSON-LD, XML), DCSA
/// Track &amp; Trace 2.2/3.0 and carrier feeds land on one timeline per shipment, kept in a tamper-evident ledger.
/// </summary>
internal static class TimelineCommands
{
    private static readonly Option<string> Db = new("--db") { Description = "SQLite database file.", DefaultValueFactory = _ => "kuajing.db" };
    private static readonly Option<string?> Postgres = new("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db." };
    private static readonly Option<string?> Key = new("--key") { Description = "Ledger signing key (PEM, ECDSA P-256); created beside the database on first use when missing." };

    /// <summary>All timeline commands.</summary>
    /// <returns>The commands.</returns>
    public static IEnumerable<Command> Create() => [Ingest(), Track(), Verify(), Link()];

    private static Command Ingest()
    {
        var paths = new Argument<string[]>("files") { Description = "EPCIS 2.0 (.jsonld/.json/.xml), DCSA T&T (.json) or EasyPost tracker (.json) files or folders.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Capture tracking events into the shipments' timelines and the ledger (all of a file or none of it).") { paths, Db, Postgres, Key };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var files = Expand(parse.GetValue(paths)!).ToList();
            if (files.Count == 0)
            {
                console.MarkupLine("[red]ingest: no file found[/]");
                return 2;
            }

            await using var store = await TimelineStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);
            await using var plans = await Kuajing.Storage.PlanStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);
            using var signer = LoadOrCreateKey(KeyPath(parse));
            // Exceptions the events reveal (customs hold, missed connection …) are raised in each capture's transaction.
            var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), SystemClock.Instance, ExceptionCommands.Monitor(plans));
            var table = new Table().AddColumns("file", "format", "events", "stored", "duplicates", "exceptions raised", "cleared", "errors");
            var failed = false;
            foreach (var file in files)
            {
                var (format, parsed) = Read(file);
                var errors = parsed.Errors.Select(e => e.ToString()).ToList();
                var stored = 0;
                var duplicates = 0;
                var raised = 0;
                var cleared = 0;
                if (errors.Count == 0)
                {
                    var result = await service.CaptureAsync(parsed.Events, ct);
                    stored = result.Stored;
                    duplicates = result.Duplicates;
                    raised = result.Exceptions?.Raised ?? 0;
                    cleared = result.Exceptions?.Cleared ?? 0;
                    errors.AddRange(result.Errors.Select(e => e.ToString()));
                }

                failed |= errors.Count > 0;
                table.AddRow(Markup.Escape(file), format, parsed.Events.Count.ToString(CultureInfo.InvariantCulture), stored.ToString(CultureInfo.InvariantCulture), duplicates.ToString(CultureInfo.InvariantCulture), raised.ToString(CultureInfo.InvariantCulture), cleared.ToString(CultureInfo.InvariantCulture), errors.Count.ToString(CultureInfo.InvariantCulture));
                foreach (var e in errors.Take(20))
                {
                    console.MarkupLineInterpolated($"[red]{file}: {e}[/]");
                }
            }

            console.Write(table);
            return failed ? 1 : 0;
        });
        return command;
    }

    private static Command Track()
    {
        var number = new Argument<string>("number") { Description = "The Kuajing tracking number, or any carrier number linked to it (AWB, B/L, container, last-mile)." };
        var command = new Command("track", "Print a shipment's timeline, every leg and carrier, ordered by event time.") { number, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            await using var store = await TimelineStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);
            var service = new TimelineService(store, CarrierNumberValidator.LoadBundled(), SystemClock.Instance); // reading signs nothing
            var (shipments, events) = await service.TimelineAsync(parse.GetValue(number)!, ct);
            if (shipments.Count == 0)
            {
                console.MarkupLineInterpolated($"[red]{parse.GetValue(number)}: not a Kuajing number and not linked to a shipment[/]");
                return 1;
            }

            console.MarkupLineInterpolated($"[bold]{string.Join(", ", shipments)}[/]: {events.Count} events");
            var table = new Table().AddColumns("event time (local)", "milestone", "where", "number", "source", "ledger #");
            foreach (var e in events)
            {
                var local = Instant.FromDateTimeUtc(DateTime.SpecifyKind(e.EventTimeUtc, DateTimeKind.Utc)).WithOffset(Offset.FromSeconds(e.EventTimeOffsetMinutes * 60));
                table.AddRow(
                    OffsetDateTimePattern.GeneralIso.Format(local),
                    e.Milestone,
                    Markup.Escape(e.Location ?? "—"),
                    Markup.Escape(e.CarrierNumber ?? e.ShipmentNumber ?? ""),
                    Markup.Escape(e.SourceFormat),
                    e.LedgerIndex.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
            var stored = await ShipmentExceptionMonitor.ListAsync(store, shipments, openOnly: false, ct);
            if (stored.Count > 0)
            {
                console.MarkupLineInterpolated($"[bold]exceptions[/] ({stored.Count(x => x.Status == ShipmentExceptionRecord.Open)} open, {stored.Count(x => x.Status == ShipmentExceptionRecord.Cleared)} cleared):");
                ExceptionCommands.Print(console, stored, withShipment: shipments.Count > 1);
            }

            await PrintEtaAsync(console, shipments, events, stored, parse, ct);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// When the shipment was planned in the same database, prints its ETA (recomputed from the timeline) and the alerts the
    /// rules find now that are not stored yet (time-driven ones wait for <c>kuajing exceptions scan</c>).
    /// </summary>
    private static async Task PrintEtaAsync(IAnsiConsole console, IReadOnlyList<string> shipments, IReadOnlyList<TimelineEventRecord> events, IReadOnlyList<ShipmentExceptionRecord> stored, ParseResult parse, CancellationToken ct)
    {
        if (shipments.Count != 1)
        {
            return;
        }

        await using var plans = await Kuajing.Storage.PlanStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);
        var number = shipments[0];
        var shipment = await plans.Shipments.AsNoTracking().Include(s => s.Legs).FirstOrDefaultAsync(s => s.TrackingNumber == number, ct);
        if (shipment is null || shipment.Legs.Count == 0)
        {
            console.MarkupLine("no plan stored for this shipment: no ETA");
            return;
        }

        var eta = new ShipmentEta(Kuajing.Tracking.Eta.DelayProfile.LoadBundled(), Kuajing.Tracking.Eta.EtaThresholds.LoadBundled())
            .Estimate(shipment, events, SystemClock.Instance.GetCurrentInstant());
        var p = eta.Prediction;
        console.MarkupLineInterpolated($"planned delivery {InstantPattern.General.Format(Instant.FromDateTimeUtc(DateTime.SpecifyKind(shipment.DeliveredAtUtc, DateTimeKind.Utc)))}; [bold]ETA {InstantPattern.General.Format(p.Expected)}[/] (P10 {InstantPattern.General.Format(p.Early)} – P90 {InstantPattern.General.Format(p.Late)}), {p.Status}; estimate from USAID SCMS delays (docs/eta.md)");
        foreach (var alert in eta.Alerts.Where(a => !stored.Any(x => x.Code == Kuajing.Tracking.Eta.TrackingExceptionRules.Code(a.Kind) && x.LegSequence == a.LegSequence)))
        {
            console.MarkupLineInterpolated($"[yellow]alert {alert.Kind}[/] leg {alert.LegSequence} at {alert.NodeCode}: {alert.Detail} (computed now; stored by 'kuajing exceptions scan')");
        }
    }

    private static Command Verify()
    {
        var publicKey = new Option<string?>("--public-key") { Description = "The ledger's public key (PEM); default: derived from --key." };
        var number = new Argument<string?>("number") { Description = "Verify only this shipment's timeline (inclusion proofs); default: the whole store.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Check stored events against the ledger's signed tree heads (edits, deletions, reordering).") { number, Db, Postgres, Key, publicKey };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            await using var store = await TimelineStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);
            var pem = parse.GetValue(publicKey) is { } p ? await File.ReadAllTextAsync(p, ct) : null;
            using var signer = pem is null ? LoadOrCreateKey(KeyPath(parse), create: false) : TreeHeadSigner.Create();
            using var verifier = pem is null ? signer.CreateVerifier() : TreeHeadVerifier.FromPem(pem);
            var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), SystemClock.Instance);
            var result = parse.GetValue(number) is { } n
                ? await service.VerifyShipmentAsync(n, verifier, null, ct)
                : await service.VerifyAsync(verifier, null, ct);
            if (result.IsValid)
            {
                console.MarkupLineInterpolated($"[green]verified[/]: {result.EventsChecked} events, tree head size {result.Head?.TreeSize ?? 0}, root {result.Head?.RootHash.ToString() ?? "-"}");
                return 0;
            }

            foreach (var f in result.Findings)
            {
                console.MarkupLineInterpolated($"[red]{f}[/]");
            }

            return 1;
        });
        return command;
    }

    private static Command Link()
    {
        var shipment = new Argument<string>("shipment") { Description = "The Kuajing S10 tracking number." };
        var kind = new Argument<CarrierNumberKind>("kind") { Description = "AirWaybill, BillOfLading, Container, CimConsignmentNote, SmgsConsignmentNote, PostalS10 or LastMile." };
        var number = new Argument<string>("number") { Description = "The carrier's number." };
        var leg = new Option<int>("--leg") { Description = "Leg sequence (1-based; 0 = whole shipment).", DefaultValueFactory = _ => 0 };
        var command = new Command("link", "Link a carrier's number (checked by its check-digit rules) to a shipment's Kuajing number.") { shipment, kind, number, leg, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (!S10TrackingNumber.TryParse(parse.GetValue(shipment), out var s10))
            {
                console.MarkupLineInterpolated($"[red]shipment: '{parse.GetValue(shipment)}' is not a valid S10 tracking number[/]");
                return 2;
            }

            await using var store = await TimelineStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);
            var service = new TimelineService(store, CarrierNumberValidator.LoadBundled(), SystemClock.Instance); // linking signs nothing
            var check = await service.LinkAsync(s10, parse.GetValue(leg), parse.GetValue(kind), parse.GetValue(number)!, ct);
            if (!check.IsValid)
            {
                console.MarkupLineInterpolated($"[red]number: {check.Reason}[/]");
                return 1;
            }

            console.MarkupLineInterpolated($"linked {check.Kind} {check.Number} to {s10}");
            return 0;
        });
        return command;
    }

    private static (string Format, EventParseResult Result) Read(string file)
    {
        var text = File.ReadAllText(file);
        var format = TrackingDocument.Detect(text);
        var label = format switch
        {
            TrackingDocumentFormat.EpcisXml => "EPCIS XML",
            TrackingDocumentFormat.EpcisJson => "EPCIS JSON-LD",
            TrackingDocumentFormat.EasyPost => "EasyPost",
            _ => "DCSA T&T",
        };
        return (label, TrackingDocument.Read(text, format, file, SystemClock.Instance));
    }

    private static IEnumerable<string> Expand(IEnumerable<string> inputs) =>
        inputs.SelectMany(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonld", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : File.Exists(p) ? new[] { p } : Enumerable.Empty<string>());

    private static string KeyPath(ParseResult parse) =>
        parse.GetValue(Key) ?? LedgerKeyFile.DefaultPath(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null);

    private static TreeHeadSigner LoadOrCreateKey(string path, bool create = true) =>
        LedgerKeyFile.LoadOrCreate(path, create) ?? throw new FileNotFoundException($"ledger key '{path}' not found: give --key or --public-key", path);
}
