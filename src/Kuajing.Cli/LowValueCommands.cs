using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Kuajing.Customs.LowValue;
using Kuajing.Customs.RetailImport;
using Kuajing.Emissions;
using Kuajing.LandedCost;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.Orders;
using Kuajing.Packing;
using Kuajing.Planning;
using Kuajing.ReferenceData;
using Kuajing.Trade;
using NodaTime;
using NodaTime.Text;

namespace Kuajing.Cli;

/// <summary>
/// <c>kuajing lowvalue dataset</c> (EU H7 / UK / US low-value data sets from an order and its planned shipment,
/// docs/low-value-datasets.md) and <c>kuajing retail-import quota reserve | commit | refund | balance</c> (China CBEC
/// retail import limits per buyer and year, docs/china-retail-import.md). Exit codes: 0 ok, 1 rejected / data set with
/// errors / bad data, 2 usage.
/// </summary>
internal static class LowValueCommands
{
    /// <summary>The <c>lowvalue</c> and <c>retail-import</c> commands.</summary>
    /// <returns>The commands.</returns>
    public static IEnumerable<Command> Create() => [LowValue(), RetailImport()];

    // ---------------------------------------------------------------- lowvalue dataset

    private static Command LowValue()
    {
        var dest = new Option<LowValueDestination>("--dest") { Description = "EU (H7), GB (UK low-value) or US (Section 321).", Required = true };
        var order = new Option<string>("--order") { Description = "Invoice / order number(s), comma-separated (e.g. 562287).", Required = true };
        var ioss = new Option<string?>("--ioss") { Description = "EU: the seller's IOSS VAT number (DE 13 16, role FR5)." };
        var route = new Option<string?>("--vat-route") { Description = "EU: ioss, special (special arrangements, F49) or standard; default ioss when --ioss is given." };
        var orders = new Option<string[]>("--orders") { Description = "Order files or folders (default: data/orders/online-retail).", AllowMultipleArgumentsPerToken = true };
        var shift = new Option<int>("--shift-weeks") { Description = "Replay the orders this many weeks later, as run.sh does.", DefaultValueFactory = _ => 782 };
        var origin = new Option<string>("--origin") { Description = "Origin node of the planned shipment.", DefaultValueFactory = _ => "CNCGO" };
        var master = new Option<string?>("--product-master") { Description = "Seller product master CSV (HS codes, weights)." };
        var parties = new Option<string?>("--parties") { Description = "JSON file with party data the order lacks (sellerName, buyerName, buyerAddress, declarantEori, lrn, transportDocument, sellerVatRegistration …)." };
        var output = new Option<string?>("--out") { Description = "Write FILE.json or FILE.csv instead of JSON on stdout." };
        var data = new Option<string?>("--data") { Description = "Data folder (default: the repository's data/)." };
        var dataset = new Command("dataset", "Produce a destination low-value data set from an order and its planned shipment, validated field by field.")
        {
            dest, order, ioss, route, orders, shift, origin, master, parties, output, data,
        };
        dataset.SetAction((parse, ct) => Task.FromResult(Dataset(
            parse.GetValue(dest), parse.GetValue(order)!, parse.GetValue(ioss), parse.GetValue(route), parse.GetValue(orders), parse.GetValue(shift),
            parse.GetValue(origin)!, parse.GetValue(master), parse.GetValue(parties), parse.GetValue(output), parse.GetValue(data))));
        return new Command("lowvalue", "Destination low-value customs data sets (EU H7 with IOSS and HS6, UK, US).") { dataset };
    }

    private static int Dataset(LowValueDestination dest, string orderIds, string? ioss, string? routeText, string[]? orderPaths, int shiftWeeks, string origin, string? master, string? partiesPath, string? output, string? dataDir)
    {
        EuVatRoute? route;
        LowValueParties parties;
        try
        {
            route = routeText?.ToLowerInvariant() switch
            {
                null => null,
                "ioss" => EuVatRoute.Ioss,
                "special" => EuVatRoute.SpecialArrangements,
                "standard" => EuVatRoute.Standard,
                _ => throw new ArgumentException($"--vat-route: '{routeText}' is not ioss, special or standard"),
            };
            parties = partiesPath is null ? LowValueParties.None : ReadParties(partiesPath);
            if (output is not null && !output.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"--out: '{output}' must end in .json or .csv");
            }
        }
        catch (Exception e) when (e is ArgumentException or IOException or JsonException)
        {
            Console.Error.WriteLine($"lowvalue dataset: {e.Message}");
            return 2;
        }

        dataDir ??= DataDirectory.Find();
        var wanted = orderIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var planned = PlanOrders(dataDir, orderPaths is { Length: > 0 } ? orderPaths : [Path.Combine(dataDir, "orders", "online-retail")], wanted, shiftWeeks, origin, master, out var problems);
        foreach (var p in problems)
        {
            Console.Error.WriteLine($"lowvalue dataset: {p}");
        }

        var reference = ReferenceDataSet.Load(dataDir);
        var builder = new LowValueDatasetBuilder(LowValueRules.Load(dataDir), reference.Fx);
        var sets = planned.Select(p => builder.Build(new LowValueEntry(p.Order, p.Shipment, parties, ioss, route), dest)).ToArray();
        if (output is null)
        {
            using var stdout = Console.OpenStandardOutput();
            LowValueDatasetWriter.WriteJson(stdout, sets);
            Console.Out.WriteLine();
        }
        else if (output.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            using var writer = new StreamWriter(output);
            LowValueDatasetWriter.WriteCsv(writer, sets);
        }
        else
        {
            using var file = File.Create(output);
            LowValueDatasetWriter.WriteJson(file, sets);
        }

        foreach (var set in sets)
        {
            foreach (var issue in set.Issues.Where(i => i.Severity != LowValueIssueSeverity.Notice))
            {
                Console.Error.WriteLine($"{set.OrderId} {set.Dataset}: {issue}");
            }
        }

        return problems.Count > 0 || sets.Any(s => s.HasErrors) ? 1 : 0;
    }

    private static readonly JsonSerializerOptions PartiesJson = new(JsonSerializerDefaults.Web) { UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    private static LowValueParties ReadParties(string path) =>
        JsonSerializer.Deserialize<LowValueParties>(File.ReadAllText(path), PartiesJson)
            ?? throw new JsonException($"{path}: expected a JSON object");

    /// <summary>Reads the wanted orders, replays their dates, and plans each as <c>kuajing plan</c> does (balanced, DAP, CNY).</summary>
    internal static List<(Order Order, LowValueShipment Shipment)> PlanOrders(string dataDir, IReadOnlyList<string> orderPaths, IReadOnlyCollection<string> wanted, int shiftWeeks, string origin, string? productMaster, out List<string> problems)
    {
        problems = [];
        var reference = ReferenceDataSet.Load(dataDir);
        var read = OrdersReader.Create(reference, productMaster).Read(orderPaths);
        var found = read.Orders.Where(o => wanted.Contains(o.OrderId)).ToDictionary(o => o.OrderId, StringComparer.Ordinal);
        foreach (var id in wanted.Where(id => !found.ContainsKey(id)))
        {
            var rejection = read.Rejections.FirstOrDefault(r => r.OrderId == id);
            problems.Add(rejection is null ? $"order {id}: not found in {string.Join(", ", orderPaths)}" : $"order {id}: rejected: {rejection}");
        }

        var result = new List<(Order, LowValueShipment)>();
        if (found.Count == 0)
        {
            return result;
        }

        var data = PlanningData.Load(dataDir);
        if (!data.Catalogue.Nodes.TryGetValue(origin, out var node))
        {
            problems.Add($"--origin: '{origin}' is not a node of the lane catalogue");
            return result;
        }

        var orders = wanted.Where(found.ContainsKey).Select(id => found[id] with { PlacedAt = found[id].PlacedAt.PlusWeeks(shiftWeeks) }).ToArray();
        var planner = data.CreatePlanner(new OrderPlanOptions(origin, PlanObjective.Balanced, Incoterm.DAP, CurrencyCode.Cny), data.PackingOn(orders.Min(o => o.OrderDate)));
        foreach (var order in orders)
        {
            var plan = planner.Plan(order);
            if (plan.Chosen is null)
            {
                problems.Add($"order {order.OrderId}: no planned shipment ({plan.Reason}: {plan.ReasonDetail})");
                continue;
            }

            result.Add((order, LowValueShipment.FromPlan(plan, node.Country)));
        }

        return result;
    }

    // ---------------------------------------------------------------- retail-import quota

    private static readonly Option<string> Db = new("--db") { Description = "SQLite database file.", DefaultValueFactory = _ => "kuajing.db" };
    private static readonly Option<string?> Postgres = new("--postgres") { Description = "Use PostgreSQL (Npgsql connection string) instead of --db (then --key-file is required)." };
    private static readonly Option<string?> KeyFile = new("--key-file") { Description = "The store's buyer-key secret (base64, >= 32 bytes); default DB.retail-import-key, created on first use." };

    private static Command RetailImport()
    {
        var quota = new Command("quota", "Per-buyer annual quota of China's CBEC retail import limits (财关税〔2018〕49号).")
        {
            Reserve(), Change("commit", "Mark a reserved order as declared."), Change("refund", "Give a cancelled or returned order's amount back."), Balance(),
        };
        return new Command("retail-import", "China cross-border e-commerce retail import (跨境电商零售进口): limits, taxes, quota ledger.") { quota };
    }

    private static Option<string> BuyerId() => new("--buyer-id") { Description = "The buyer's ID number (18-character PRC resident ID by default); only its keyed hash is stored.", Required = true };

    private static Option<string> IdType() => new("--id-type") { Description = "CEB311 buyerIdType (1 = resident ID card).", DefaultValueFactory = _ => BuyerIdentity.ResidentIdCardType };

    private static Command Reserve()
    {
        var buyer = BuyerId();
        var idType = IdType();
        var order = new Option<string>("--order") { Description = "Order number (CEB311 orderNo).", Required = true };
        var value = new Option<decimal>("--value") { Description = "Dutiable value in CNY: retail price + freight + insurance.", Required = true };
        var date = new Option<string>("--date") { Description = "Transaction date yyyy-MM-dd (China).", Required = true };
        var items = new Option<int>("--items") { Description = "Items (pieces) in the order.", DefaultValueFactory = _ => 1 };
        var category = new Option<string>("--category") { Description = "Tax category of data/customs/cn-import-tax-rates.csv.", DefaultValueFactory = _ => "general" };
        var onLimit = new Option<string>("--on-limit") { Description = "reject (exit 1) or general-trade (exit 0, taxed as general trade, not recorded).", DefaultValueFactory = _ => "reject" };
        var command = new Command("reserve", "Check an order against the limits and reserve it in the buyer's year total.") { buyer, idType, order, value, date, items, category, onLimit, Db, Postgres, KeyFile };
        command.SetAction(async (parse, ct) =>
        {
            RetailImportTransaction txn;
            try
            {
                var limitMode = parse.GetValue(onLimit);
                if (limitMode is not ("reject" or "general-trade"))
                {
                    throw new ArgumentException($"--on-limit: '{limitMode}' is not reject or general-trade");
                }

                var day = LocalDatePattern.Iso.Parse(parse.GetValue(date)!).GetValueOrThrow();
                var key = OpenHasher(parse).KeyOf(Identity(parse.GetValue(idType)!, parse.GetValue(buyer)!));
                txn = new RetailImportTransaction(parse.GetValue(order)!, key, day, new Money.Money(parse.GetValue(value), CurrencyCode.Cny), parse.GetValue(items), parse.GetValue(category)!);
            }
            catch (Exception e) when (e is ArgumentException or UnparsableValueException or IOException or FormatException)
            {
                Console.Error.WriteLine($"retail-import quota reserve: {e.Message}");
                return 2;
            }

            await using var store = await OpenAsync(parse, ct);
            var ledger = new RetailImportQuotaLedger(store, new RetailImportTaxCalculator(RetailImportRules.LoadBundled()), SystemClock.Instance);
            QuotaReservation r;
            try
            {
                r = await ledger.ReserveAsync(txn, ct);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine($"retail-import quota reserve: {e.Message}");
                return 1;
            }

            if (r.Outcome == QuotaReservationOutcome.Duplicate)
            {
                Console.Out.WriteLine($"order {txn.TransactionId} is already in the ledger ({r.Existing!.Status}, {r.Existing.Amount}); nothing changed");
                return 0;
            }

            Print(r.Assessment!);
            if (r.Outcome == QuotaReservationOutcome.Reserved)
            {
                Console.Out.WriteLine($"reserved: {txn.TransactionId}");
                return 0;
            }

            var reject = parse.GetValue(onLimit) == "reject";
            Console.Out.WriteLine(reject
                ? $"rejected for the CBEC retail channel: {txn.TransactionId} (not recorded)"
                : $"general trade: {txn.TransactionId} is taxed in full outside the CBEC allowance (not recorded)");
            return reject ? 1 : 0;
        });
        return command;
    }

    private static Command Change(string name, string description)
    {
        var order = new Option<string>("--order") { Description = "Order number.", Required = true };
        var command = new Command(name, description) { order, Db, Postgres };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await OpenAsync(parse, ct);
            var ledger = new RetailImportQuotaLedger(store, new RetailImportTaxCalculator(RetailImportRules.LoadBundled()), SystemClock.Instance);
            try
            {
                var entry = name == "commit" ? await ledger.CommitAsync(parse.GetValue(order)!, ct) : await ledger.RefundAsync(parse.GetValue(order)!, ct);
                Console.Out.WriteLine($"{entry.TransactionId}: {entry.Status.ToString().ToLowerInvariant()} ({entry.Amount}, year {entry.Year})");
                return 0;
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException)
            {
                Console.Error.WriteLine($"retail-import quota {name}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command Balance()
    {
        var buyer = BuyerId();
        var idType = IdType();
        var year = new Option<int>("--year") { Description = "Calendar year.", Required = true };
        var command = new Command("balance", "Show a buyer's year total and what is left of the annual limit.") { buyer, idType, year, Db, Postgres, KeyFile };
        command.SetAction(async (parse, ct) =>
        {
            BuyerKey key;
            try
            {
                key = OpenHasher(parse).KeyOf(Identity(parse.GetValue(idType)!, parse.GetValue(buyer)!));
            }
            catch (Exception e) when (e is ArgumentException or IOException or FormatException)
            {
                Console.Error.WriteLine($"retail-import quota balance: {e.Message}");
                return 2;
            }

            await using var store = await OpenAsync(parse, ct);
            var ledger = new RetailImportQuotaLedger(store, new RetailImportTaxCalculator(RetailImportRules.LoadBundled()), SystemClock.Instance);
            var y = parse.GetValue(year);
            try
            {
                var b = await ledger.BalanceAsync(key, y, new LocalDate(y, 12, 31), ct);
                Console.Out.WriteLine($"year {b.Year}: used {b.Used}, annual limit {b.Annual}, remaining {b.Remaining}");
                return 0;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"retail-import quota balance: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static BuyerIdentity Identity(string type, string number) =>
        type == BuyerIdentity.ResidentIdCardType ? BuyerIdentity.ResidentIdCard(number) : BuyerIdentity.Other(type, number);

    private static Task<RetailImportStore> OpenAsync(ParseResult parse, CancellationToken ct) =>
        RetailImportStore.OpenAsync(parse.GetValue(Postgres) is null ? parse.GetValue(Db) : null, parse.GetValue(Postgres), ct);

    /// <summary>Reads the store's secret, or creates it beside the SQLite file (owner-only permissions) on first use.</summary>
    private static BuyerIdentityHasher OpenHasher(ParseResult parse)
    {
        var path = parse.GetValue(KeyFile)
            ?? (parse.GetValue(Postgres) is null ? parse.GetValue(Db) + ".retail-import-key" : throw new ArgumentException("--key-file is required with --postgres (the secret must not live in the database)"));
        if (!File.Exists(path))
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var writer = new StreamWriter(path, options);
            writer.WriteLine(Convert.ToBase64String(BuyerIdentityHasher.NewKey()));
        }

        return new BuyerIdentityHasher(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    private static void Print(RetailImportAssessment a)
    {
        Console.Out.WriteLine($"treatment: {a.Treatment} — {a.Reason}");
        foreach (var line in a.Lines)
        {
            var amount = line.Amount?.ToString() ?? "unknown";
            var rate = line.RatePercent is { } r ? string.Create(CultureInfo.InvariantCulture, $" {r} % x {line.Factor}") : "";
            Console.Out.WriteLine($"  {line.Tax,-16} {amount,16} {line.Status.ToString().ToLowerInvariant()}{rate}{(line.Reason is null ? "" : $" ({line.Reason})")}");
        }

        Console.Out.WriteLine($"  {"total",-16} {a.TotalTax?.ToString() ?? $">= {a.TaxLowerBound}",16}");
    }
}
