using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Kuajing.Compliance;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.ReferenceData;
using Kuajing.Storage;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary>Arguments of <c>kuajing compliance impact</c>.</summary>
/// <param name="AsOf">Evaluation date (yyyy-MM-dd).</param>
/// <param name="RulesFile">An added compliance rules file (same columns as <c>data/compliance/rules.csv</c>), or <see langword="null"/>.</param>
/// <param name="Db">SQLite store path (used when <paramref name="Postgres"/> is null).</param>
/// <param name="Postgres">PostgreSQL connection string, or <see langword="null"/>.</param>
/// <param name="Out">Write the changes to FILE.json or FILE.csv, or <see langword="null"/>.</param>
/// <param name="DataDir">Reference data folder, or <see langword="null"/> for the repository's <c>data/</c>.</param>
internal sealed record ImpactArguments(string AsOf, string? RulesFile, string Db, string? Postgres, string? Out, string? DataDir);

/// <summary><c>kuajing compliance impact</c>: what new rule and rate rows change for the open orders and shipments in the store.</summary>
internal static class ComplianceCommands
{
    /// <summary>Builds the <c>compliance</c> command with its <c>impact</c> subcommand.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var asOf = new Option<string>("--as-of") { Description = "Evaluation date yyyy-MM-dd: rows taking effect after the previous evaluation (or the order date) and by this date are new.", Required = true };
        var rulesFile = new Option<string?>("--rules-file") { Description = "An added compliance rules CSV (columns as data/compliance/rules.csv): its rows in force on --as-of are new." };
        var db = new Option<string>("--db") { Description = "SQLite plan store.", DefaultValueFactory = _ => "kuajing.db" };
        var postgres = new Option<string?>("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db." };
        var output = new Option<string?>("--out") { Description = "Write the changes to FILE.json or FILE.csv." };
        var dataDir = new Option<string?>("--data") { Description = "Reference data folder (default: the repository's data/)." };
        var impact = new Command("impact", "List every open order and shipment that new rule or rate rows touch, what changes (cost, blocked lane, filing), and store a warning on each.")
        {
            asOf, rulesFile, db, postgres, output, dataDir,
        };
        impact.SetAction((parse, ct) => RunImpactAsync(
            new ImpactArguments(parse.GetValue(asOf)!, parse.GetValue(rulesFile), parse.GetValue(db)!, parse.GetValue(postgres), parse.GetValue(output), parse.GetValue(dataDir)),
            AnsiConsole.Console,
            ct));
        return new Command("compliance", "Restricted and prohibited goods, filings and the impact of rule changes (docs/compliance.md).") { impact };
    }

    /// <summary>Runs an impact evaluation.</summary>
    /// <param name="args">Arguments.</param>
    /// <param name="console">Where to print the table.</param>
    /// <param name="ct">Cancels the run.</param>
    /// <returns>0 done, 1 bad rules file or stored data, 2 usage error.</returns>
    public static async Task<int> RunImpactAsync(ImpactArguments args, IAnsiConsole console, CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(args.AsOf);
        if (!parsed.Success)
        {
            console.MarkupLineInterpolated($"[red]--as-of: '{args.AsOf}' is not a date yyyy-MM-dd[/]");
            return 2;
        }

        if (args.Out is { } o && !o.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !o.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            console.MarkupLineInterpolated($"[red]--out: '{o}' must end in .json or .csv[/]");
            return 2;
        }

        if (args.RulesFile is { } rf && !File.Exists(rf))
        {
            console.MarkupLineInterpolated($"[red]--rules-file: '{rf}' does not exist[/]");
            return 2;
        }

        var dataDir = args.DataDir ?? DataDirectory.Find();
        ComplianceRuleBook rules;
        try
        {
            rules = ComplianceRuleBook.Load(dataDir);
            if (args.RulesFile is not null)
            {
                rules = rules.WithFile(args.RulesFile);
            }
        }
        catch (ReferenceDataException e)
        {
            console.MarkupLineInterpolated($"[red]{e.Message}[/]");
            return 1;
        }

        var reference = ReferenceDataSet.Load(dataDir);
        var impact = new ComplianceImpact(rules, ImportRuleBook.Load(dataDir), reference.Fx, LaneCatalogue.Load(dataDir));
        ImpactReport report;
        try
        {
            await using var store = await PlanStore.OpenAsync(args.Postgres is null ? args.Db : null, args.Postgres, ct);
            report = await impact.RunAsync(store, parsed.Value, args.RulesFile is null ? null : Path.GetFileName(args.RulesFile), SystemClock.Instance.GetCurrentInstant(), ct);
        }
        catch (InvalidDataException e)
        {
            console.MarkupLineInterpolated($"[red]stored data: {e.Message}[/]");
            return 1;
        }

        Print(console, report);
        if (args.Out is not null)
        {
            await WriteAsync(args.Out, report, ct);
        }

        return 0;
    }

    private static void Print(IAnsiConsole console, ImpactReport report)
    {
        var f = CultureInfo.InvariantCulture;
        console.MarkupLineInterpolated(
            $"[bold]Compliance impact as of {report.AsOf:uuuu-MM-dd}[/] (previous evaluation: {(report.Previous is { } p ? p.ToString("uuuu-MM-dd", f) : "none, baseline = each order's date")})");
        var table = new Table().AddColumns("order", "tracking number", "dest.", "change", "rule", "effective", "cost before", "cost after", "what changes", "new");
        foreach (var c in report.Changes)
        {
            table.AddRow(
                Markup.Escape(c.OrderId),
                c.TrackingNumber,
                c.Destination,
                c.Change.ToString().ToLowerInvariant(),
                Markup.Escape(c.RuleId),
                c.EffectiveOn.ToString("uuuu-MM-dd", f),
                c.CostBefore?.ToString("N2", f) ?? "",
                c.CostAfter?.ToString("N2", f) ?? "",
                Markup.Escape(c.Message),
                c.NewWarning ? "yes" : "stored before");
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"{report.OpenShipments:N0} open shipments examined, {report.ClosedOrders:N0} closed orders skipped (delivered, no route or cancelled); {report.Changes.Count:N0} changes on {report.ShipmentsTouched:N0} shipments; {report.WarningsAdded:N0} new warnings stored.");
    }

    private static async Task WriteAsync(string path, ImpactReport report, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var f = CultureInfo.InvariantCulture;
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
            await using var csv = new CsvWriter(writer, f);
            foreach (var h in new[] { "order_id", "source_key", "tracking_number", "destination", "change", "rule", "effective_on", "cost_before", "cost_after", "currency", "message", "new_warning" })
            {
                csv.WriteField(h);
            }

            await csv.NextRecordAsync();
            foreach (var c in report.Changes)
            {
                csv.WriteField(c.OrderId);
                csv.WriteField(c.SourceKey);
                csv.WriteField(c.TrackingNumber);
                csv.WriteField(c.Destination);
                csv.WriteField(c.Change.ToString().ToLowerInvariant());
                csv.WriteField(c.RuleId);
                csv.WriteField(c.EffectiveOn.ToString("uuuu-MM-dd", f));
                csv.WriteField(c.CostBefore?.ToString(f) ?? "");
                csv.WriteField(c.CostAfter?.ToString(f) ?? "");
                csv.WriteField(c.Currency);
                csv.WriteField(c.Message);
                csv.WriteField(c.NewWarning ? "yes" : "no");
                await csv.NextRecordAsync();
            }

            return;
        }

        await using var stream = File.Create(path);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("asOf", report.AsOf.ToString("uuuu-MM-dd", f));
        json.WriteString("previousEvaluation", report.Previous?.ToString("uuuu-MM-dd", f));
        json.WriteNumber("openShipments", report.OpenShipments);
        json.WriteNumber("closedOrders", report.ClosedOrders);
        json.WriteNumber("warningsAdded", report.WarningsAdded);
        json.WriteStartArray("changes");
        foreach (var c in report.Changes)
        {
            json.WriteStartObject();
            json.WriteString("orderId", c.OrderId);
            json.WriteString("sourceKey", c.SourceKey);
            json.WriteString("trackingNumber", c.TrackingNumber);
            json.WriteString("destination", c.Destination);
            json.WriteString("change", c.Change.ToString().ToLowerInvariant());
            json.WriteString("rule", c.RuleId);
            json.WriteString("effectiveOn", c.EffectiveOn.ToString("uuuu-MM-dd", f));
            if (c.CostBefore is { } b && c.CostAfter is { } a)
            {
                json.WriteNumber("costBefore", b);
                json.WriteNumber("costAfter", a);
                json.WriteString("currency", c.Currency);
            }

            json.WriteString("message", c.Message);
            json.WriteBoolean("newWarning", c.NewWarning);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }
}
