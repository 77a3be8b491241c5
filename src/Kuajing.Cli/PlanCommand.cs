using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Kuajing.Compliance;
using Kuajing.Emissions;
using Kuajing.Geography;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Planning;
using Kuajing.ReferenceData;
using Kuajing.Storage;
using Kuajing.Tracking;
using Kuajing.Trade;
using NodaTime;
using Spectre.Console;

namespace Kuajing.Cli;

/// <summary><c>kuajing plan</c>: reads orders, plans every order door to door, stores the result and prints a summary.</summary>
internal static class PlanCommand
{
    /// <summary>Builds the command.</summary>
    /// <returns>The <c>plan</c> command.</returns>
    public static Command Create()
    {
        var orders = new Argument<string[]>("orders")
        {
            Description = "Order files or folders: UCI Online Retail CSV(.gz), or the generic CSV/JSON format (docs/order-format.md).",
            Arity = ArgumentArity.OneOrMore,
        };
        var origin = new Option<string>("--origin") { Description = "Origin node code from the lane catalogue (data/lanes/nodes.csv).", DefaultValueFactory = _ => LaneCatalogue.DefaultOrigin };
        var objective = new Option<string>("--objective") { Description = "Which Pareto-optimal plan to pick.", DefaultValueFactory = _ => "balanced" };
        objective.AcceptOnlyFromAmong("cheapest", "fastest", "greenest", "balanced");
        var incoterm = new Option<string>("--incoterm") { Description = "DAP (buyer pays import duty and tax) or DDP (seller pays).", DefaultValueFactory = _ => "DAP" };
        incoterm.AcceptOnlyFromAmong("DAP", "DDP");
        var db = new Option<string>("--db") { Description = "SQLite database file (created and migrated when missing).", DefaultValueFactory = _ => "kuajing.db" };
        var output = new Option<string?>("--out") { Description = "Write the plans to FILE.json (full Pareto sets) or FILE.csv (chosen plans)." };
        var csvOut = new Option<string?>("--csv") { Description = "Also write the chosen plans as CSV to this file." };
        var rejections = new Option<string?>("--rejections") { Description = "Where to write rejected rows (CSV); default: rejections.csv beside the database." };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 quote currency for every cost.", DefaultValueFactory = _ => "CNY" };
        var shiftWeeks = new Option<int>("--shift-weeks") { Description = "Replay the orders this many whole weeks later (keeps weekdays); 782 moves the 2010-11 UCI orders to 2025-26.", DefaultValueFactory = _ => 0 };
        var productMaster = new Option<string?>("--product-master") { Description = "CSV of real unit weights, sizes, HS codes and hazards by SKU (docs/order-format.md); without it weights are estimated and flagged." };
        var dataDir = new Option<string?>("--data") { Description = "Reference data folder (default: the repository's data/)." };
        var postgres = new Option<string?>("--postgres") { Description = "Store in PostgreSQL (Npgsql connection string) instead of the SQLite --db file." };

        var command = new Command("plan", "Plan every order door to door (Pareto set over landed cost, delivery time and CO2e), store it and print a summary.")
        {
            orders, origin, objective, incoterm, db, output, csvOut, rejections, currency, shiftWeeks, productMaster, dataDir, postgres,
        };
        command.SetAction((parse, ct) => RunAsync(
            new PlanArguments(
                parse.GetValue(orders)!,
                parse.GetValue(origin)!,
                Enum.Parse<PlanObjective>(parse.GetValue(objective)!, ignoreCase: true),
                Enum.Parse<Incoterm>(parse.GetValue(incoterm)!, ignoreCase: true),
                parse.GetValue(db)!,
                parse.GetValue(output),
                parse.GetValue(csvOut),
                parse.GetValue(rejections),
                parse.GetValue(currency)!,
                parse.GetValue(shiftWeeks),
                parse.GetValue(productMaster),
                parse.GetValue(dataDir),
                parse.GetValue(postgres)),
            AnsiConsole.Console,
            ct));
        return command;
    }

    /// <summary>Runs a planning job.</summary>
    /// <param name="args">Parsed arguments.</param>
    /// <param name="console">Where to print progress and the summary.</param>
    /// <param name="ct">Cancels the run; nothing is stored unless the whole batch is.</param>
    /// <returns>0 when every record was accepted, 1 when any was rejected, 2 on a usage or data error.</returns>
    public static async Task<int> RunAsync(PlanArguments args, IAnsiConsole console, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        CurrencyCode quoteCurrency;
        try
        {
            quoteCurrency = new CurrencyCode(args.Currency);
        }
        catch (FormatException e)
        {
            console.MarkupLineInterpolated($"[red]--currency: {e.Message}[/]");
            return 2;
        }

        foreach (var input in args.Orders)
        {
            if (!File.Exists(input) && !Directory.Exists(input))
            {
                console.MarkupLineInterpolated($"[red]orders: '{input}' is neither a file nor a folder[/]");
                return 2;
            }
        }

        var dataDir = args.DataDir ?? DataDirectory.Find();
        var data = PlanningData.Load(dataDir);
        var reference = data.Reference;
        var catalogue = data.Catalogue;

        if (!catalogue.Nodes.ContainsKey(args.Origin))
        {
            console.MarkupLineInterpolated($"[red]--origin: '{args.Origin}' is not a node of the lane catalogue; origin hubs: {string.Join(", ", catalogue.Nodes.Values.Where(n => n.Kind == NodeKind.Hub).Select(n => n.Code))}[/]");
            return 2;
        }

        if (!reference.Fx.Currencies.Contains(quoteCurrency))
        {
            console.MarkupLineInterpolated($"[red]--currency: no FX rates for {quoteCurrency} in data/reference/fx-rates[/]");
            return 2;
        }

        var timings = new List<(string Phase, double Seconds)> { ("load reference data", clock.Elapsed.TotalSeconds) };
        var reader = OrdersReader.Create(reference, args.ProductMaster);
        var read = reader.Read(args.Orders);
        var source = SourceName(args.Orders);
        timings.Add(("read orders", clock.Elapsed.TotalSeconds - timings.Sum(t => t.Seconds)));

        var orders = read.Orders.Select(o => o with { PlacedAt = o.PlacedAt.PlusWeeks(args.ShiftWeeks) }).ToArray();
        var cancellations = read.Cancellations.Select(c => c with { PlacedAt = c.PlacedAt.PlusWeeks(args.ShiftWeeks) }).ToArray();

        // The packing assumption in force on the first order's date (data/planning/packing.csv has one open-ended row).
        var firstDate = orders.Length > 0 ? orders.Min(o => o.OrderDate) : new LocalDate(2000, 1, 1);
        var options = new OrderPlanOptions(args.Origin, args.Objective, args.Incoterm, quoteCurrency);
        var planner = data.CreatePlanner(options, data.PackingOn(firstDate));

        var plans = new OrderPlan[orders.Length];
        var done = 0;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask($"Planning {orders.Length:N0} orders", maxValue: Math.Max(1, orders.Length));
                var work = Task.Run(
                    () => Parallel.For(0, orders.Length, new ParallelOptions { CancellationToken = ct }, i =>
                    {
                        plans[i] = planner.Plan(orders[i]);
                        Interlocked.Increment(ref done);
                    }),
                    ct);
                while (!work.IsCompleted)
                {
                    bar.Value = Volatile.Read(ref done);
                    await Task.WhenAny(work, Task.Delay(100, ct));
                }

                await work;
                bar.Value = orders.Length;
            });
        var planSeconds = clock.Elapsed.TotalSeconds - timings.Sum(t => t.Seconds);
        timings.Add(("plan", planSeconds));

        var records = new List<OrderRecord>(plans.Length + cancellations.Length);
        await using (var store = await PlanStore.OpenAsync(args.Postgres is null ? args.Db : null, args.Postgres, ct))
        {
            var existing = await store.TrackingNumbersBySourceKeyAsync(ct);
            var taken = new HashSet<string>(existing.Values, StringComparer.Ordinal);
            var allocator = new TrackingNumberAllocator();
            var originCountry = catalogue.Nodes[args.Origin].Country;
            // Tracking numbers are allocated in input order (deterministic for the same input and store); a re-run keeps
            // each order's number. The rows themselves (with their Pareto-set JSON) are built in parallel.
            var numbers = new string[plans.Length];
            for (var i = 0; i < plans.Length; i++)
            {
                var key = PlanRecordMapping.SourceKey(source, plans[i].Order.OrderId);
                if (plans[i].Chosen is null)
                {
                    numbers[i] = "";
                }
                else if (!existing.TryGetValue(key, out numbers[i]!))
                {
                    numbers[i] = allocator.FromStableKey(key, originCountry, n => taken.Contains(n.ToString())).ToString();
                    taken.Add(numbers[i]);
                }
            }

            var planRecords = new OrderRecord[plans.Length];
            Parallel.For(0, plans.Length, new ParallelOptions { CancellationToken = ct }, i =>
                planRecords[i] = PlanRecordMapping.ToRecord(PlanRecordMapping.SourceKey(source, plans[i].Order.OrderId), plans[i], numbers[i], options, catalogue.IsPriceKnown));
            records.AddRange(planRecords);

            foreach (var c in cancellations)
            {
                records.Add(PlanRecordMapping.ToRecord(PlanRecordMapping.SourceKey(source, c.OrderId), c));
            }

            var rejectedKeys = read.Rejections.Where(r => r.OrderId is not null).Select(r => PlanRecordMapping.SourceKey(source, r.OrderId!)).Distinct(StringComparer.Ordinal);
            await store.ReplaceOrdersAsync(records, rejectedKeys, ct);
        }

        timings.Add(("store (SQLite)", clock.Elapsed.TotalSeconds - timings.Sum(t => t.Seconds)));

        var rejectionsPath = args.Rejections ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(args.Db))!, "rejections.csv");
        await WriteRejectionsAsync(rejectionsPath, read.Rejections, ct);
        if (args.Out is not null)
        {
            await PlanOutput.WriteAsync(args.Out, source, plans, records, catalogue.IsPriceKnown, ct);
        }

        if (args.Csv is not null)
        {
            await PlanOutput.WriteAsync(args.Csv, source, plans, records, catalogue.IsPriceKnown, ct);
        }

        timings.Add(("write outputs", clock.Elapsed.TotalSeconds - timings.Sum(t => t.Seconds)));
        PlanSummary.Print(console, read, plans, cancellations.Length, quoteCurrency, args, planSeconds, timings, rejectionsPath);
        return read.Rejections.Count > 0 ? 1 : 0;
    }

    private static string SourceName(IReadOnlyList<string> inputs)
    {
        var first = Path.GetFullPath(inputs[0]).TrimEnd(Path.DirectorySeparatorChar);
        var name = Directory.Exists(first) ? Path.GetFileName(first) : Path.GetFileNameWithoutExtension(first.EndsWith(".gz", StringComparison.Ordinal) ? first[..^3] : first);
        return inputs.Count == 1 ? name : name + "+" + (inputs.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    private static async Task WriteRejectionsAsync(string path, IReadOnlyList<Rejection> rejections, CancellationToken ct)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("file");
        csv.WriteField("line");
        csv.WriteField("field");
        csv.WriteField("order_id");
        csv.WriteField("reason");
        await csv.NextRecordAsync();
        foreach (var r in rejections)
        {
            ct.ThrowIfCancellationRequested();
            csv.WriteField(r.Location.File);
            csv.WriteField(r.Location.Line);
            csv.WriteField(r.Field);
            csv.WriteField(r.OrderId ?? "");
            csv.WriteField(r.Reason);
            await csv.NextRecordAsync();
        }
    }
}

/// <summary>Arguments of <c>kuajing plan</c>.</summary>
internal sealed record PlanArguments(
    IReadOnlyList<string> Orders,
    string Origin,
    PlanObjective Objective,
    Incoterm Incoterm,
    string Db,
    string? Out,
    string? Csv,
    string? Rejections,
    string Currency,
    int ShiftWeeks,
    string? ProductMaster,
    string? DataDir,
    string? Postgres = null);
