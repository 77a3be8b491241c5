using System.Globalization;
using Kuajing.Cli;
using Kuajing.Lanes;
using Kuajing.Money;
using Kuajing.ReferenceData;
using Kuajing.Storage;
using Kuajing.Tests.Cli;
using Kuajing.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Spectre.Console;

namespace Kuajing.Tests.Compliance;

/// <summary>
/// Proof for issue #5 point 7 with a tariff row: an additional-duty row (data/tariffs/additional-duties.csv format) that takes
/// effect on 2026-03-01 marks exactly the open shipments whose landed cost it changes, with the row id and its valid_from,
/// on SQLite and on a real PostgreSQL server. The plan store is built by <c>kuajing plan</c> from real UCI invoices (CC BY 4.0)
/// replayed 782 weeks later, with a product master giving the fridge-magnet SKUs their HS 2022 code 8505.19 (permanent
/// magnets, other than of metal) so that a tariff line exists for them; the other lines have no HS code, as in the UCI data.
/// The row itself is a test fixture (10 % on every GB tariff line for goods of China), added to a copy of data/tariffs.
/// </summary>
public sealed class TariffImpactTests : IDisposable
{
    private const string AsOf = "2026-03-01";
    private const string RowId = "TEST-GB-ADD-CN";

    private const string Row = RowId + ",GB,CN,2026-03-01,,all,,10,test,Test additional duty 10 %,test fixture (not a real duty),U,";

    // Read from data/orders/online-retail (orders-2011-02/03.csv.gz); 782 weeks = 5,474 days later:
    // 545220 United Kingdom 2011-03-01 -> 2026-02-24, 15 lines, BIG DOUGHNUT FRIDGE MAGNETS (SKU 21700), GBP 235.35;
    // 545163 United Kingdom 2011-02-28 -> 2026-02-23, 13 lines, BIG DOUGHNUT FRIDGE MAGNETS (SKU 21700), GBP 216.05.
    private static readonly string[] GbOpenWithMagnets = ["545163", "545220"];

    // Not changed by the row: 542788 United Kingdom 2011-02-01 -> 2026-01-27 with magnets (SKUs 22402, 22398), delivered before
    // March; 545225 United Kingdom 2011-03-01 -> 2026-02-24, three lines without magnets (no HS code: no tariff line, so no
    // additional duty can attach); 545105 France and 545227 Finland with magnets, open, but the row is for GB only.
    private static readonly string[] Others = ["542788", "545225", "545105", "545227"];

    private static readonly string[] MagnetSkus = ["21700", "22402", "22398", "22922", "22915", "22181"];

    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Impact_AdditionalDutyRowTakingEffect_MarksExactlyTheAffectedOpenShipmentsOnSqlite()
    {
        var (input, master, data) = Prepare();
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: 782) with { ProductMaster = master, DataDir = data });
        Assert.True(run.ExitCode < 2, run.Console);
        await CheckAsync(data, postgres: null, open: () => _workspace.OpenStoreAsync());
    }

    [Fact]
    public async Task Impact_AdditionalDutyRowTakingEffect_MarksExactlyTheAffectedOpenShipmentsOnPostgres()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        var (input, master, data) = Prepare();
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: 782) with { ProductMaster = master, DataDir = data, Postgres = db.ConnectionString });
        Assert.True(run.ExitCode < 2, run.Console);
        await CheckAsync(data, postgres: db.ConnectionString, open: () => PostgresPlanStore.OpenAsync(db.ConnectionString, CancellationToken.None));
    }

    /// <summary>Orders file, product master, and a data folder equal to data/ except for one added additional-duty row.</summary>
    private (string Input, string Master, string Data) Prepare()
    {
        var feb = BundledInvoices.Csv("orders-2011-02.csv.gz", "542788", "545163", "545105");
        var mar = BundledInvoices.Csv("orders-2011-03.csv.gz", "545220", "545225", "545227");
        var input = _workspace.Write("orders.csv", feb + mar[(mar.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        var master = _workspace.Write("products.csv", "sku,unit_weight_kg,length_cm,width_cm,height_cm,hs_code,hazards\n" + string.Concat(MagnetSkus.Select(s => $"{s},,,,,850519,\n")));

        var bundled = DataDirectory.Find();
        var data = Path.Combine(_workspace.Root, "data");
        Directory.CreateDirectory(Path.Combine(data, "tariffs"));
        foreach (var dir in Directory.GetDirectories(bundled).Where(d => Path.GetFileName(d) != "tariffs"))
        {
            Directory.CreateSymbolicLink(Path.Combine(data, Path.GetFileName(dir)), dir);
        }

        foreach (var file in Directory.GetFiles(Path.Combine(bundled, "tariffs")).Where(f => Path.GetFileName(f) != "additional-duties.csv"))
        {
            File.CreateSymbolicLink(Path.Combine(data, "tariffs", Path.GetFileName(file)), file);
        }

        var duties = File.ReadAllText(Path.Combine(bundled, "tariffs", "additional-duties.csv")).TrimEnd('\n', '\r');
        File.WriteAllText(Path.Combine(data, "tariffs", "additional-duties.csv"), duties + "\n" + Row + "\n");
        return (input, master, data);
    }

    private async Task CheckAsync(string data, string? postgres, Func<Task<PlanStore>> open)
    {
        var cutoff = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var lanes = LaneCatalogue.Load(data).Lanes.ToDictionary(l => l.Id, StringComparer.Ordinal);
        List<OrderRecord> orders;
        await using (var store = await open())
        {
            orders = await store.Orders.AsNoTracking().Include(o => o.Shipment!).ThenInclude(s => s.Legs).ToListAsync();
        }

        OrderRecord Get(string id) => orders.Single(o => o.OrderId == id);
        Assert.All(GbOpenWithMagnets.Concat(Others), id => Assert.Equal(OrderStatus.Planned, Get(id).Status));

        // Preconditions that make the expected set what it is, checked on the stored plans rather than assumed:
        // - the two GB magnet orders are open on 2026-03-01 and clear on a lane whose price does not include duty (a DDP line's
        //   duty is "included in freight", so a new duty would not change the quoted landed cost);
        // - their value is above the UK GBP 135 relief (regulatory-facts.md §1.2), so customs duty is due and the tariff applies;
        // - their magnet line carries the HS code from the product master;
        // - 542788 is delivered before March (closed); 545225 has no line with an HS code.
        foreach (var id in GbOpenWithMagnets)
        {
            var o = Get(id);
            Assert.True(o.Shipment!.DeliveredAtUtc >= cutoff, $"{id} should be open on {AsOf}");
            var clearing = o.Shipment.Legs.Select(l => lanes[l.LaneId]).Last(l => l.Clearance != ClearanceChannel.None);
            Assert.False(clearing.DutyAndTaxIncluded, $"{id} clears on the DDP lane {clearing.Id}");
            Assert.True(o.GoodsValue > 135m);
            Assert.Contains(OrderLinesJson.Read(o.LinesJson), l => l.HsCode == "850519");
        }

        Assert.True(Get("542788").Shipment!.DeliveredAtUtc < cutoff);
        Assert.DoesNotContain(OrderLinesJson.Read(Get("545225").LinesJson), l => l.HsCode is not null);
        Assert.True(Get("545225").Shipment!.DeliveredAtUtc >= cutoff);

        var outJson = Path.Combine(_workspace.Root, "impact.json");
        var args = new ImpactArguments(AsOf, null, _workspace.Db, postgres, outJson, data);
        Assert.Equal(0, await RunAsync(args));

        List<ComplianceWarningRecord> warnings;
        await using (var store = await open())
        {
            warnings = await store.ComplianceWarnings.AsNoTracking().ToListAsync();
        }

        // Exactly the two open GB shipments with a magnet tariff line, once each, named by the row and its valid_from.
        Assert.Equal(GbOpenWithMagnets, warnings.Select(w => w.OrderId).Order());
        var fx = ReferenceDataSet.Load(data).Fx;
        foreach (var w in warnings)
        {
            var o = Get(w.OrderId);
            Assert.Equal((RowId, ComplianceChange.Cost, new DateOnly(2026, 3, 1)), (w.RuleId, w.Change, w.EffectiveOn));
            Assert.Equal(o.Shipment!.TrackingNumber, w.TrackingNumber);
            Assert.Contains($"{RowId} (additional-duties.csv, valid_from 2026-03-01)", w.Message, StringComparison.Ordinal);

            // The added duty is 10 % of the magnet line's share of the customs value (CIF for GB, data/tax/destination-profiles.csv:
            // at least the goods value), and UK import VAT at 20 % is charged on customs value + duty (same file), so the landed
            // cost rises by at least 10 % of the magnet line's value and by at most 10 % × 1.2 of its share of goods + all freight.
            var magnet = OrderLinesJson.Read(o.LinesJson).Where(l => l.HsCode == "850519").Sum(l => l.UnitValue * l.Quantity);
            var date = LocalDate.FromDateTime(o.PlacedAt);
            Assert.True(fx.TryConvert(new Money.Money(magnet, new CurrencyCode("GBP")), CurrencyCode.Cny, date, out var magnetCny, out _));
            Assert.True(fx.TryConvert(new Money.Money(o.GoodsValue, new CurrencyCode("GBP")), CurrencyCode.Cny, date, out var goodsCny, out _));
            var rise = w.CostAfter!.Value - w.CostBefore!.Value;
            var upper = 0.10m * 1.2m * magnetCny.Amount / goodsCny.Amount * (goodsCny.Amount + o.Shipment.Freight);
            Assert.InRange(rise, (0.10m * magnetCny.Amount) - 0.02m, upper + 0.02m);
        }

        // Re-running the same evaluation stores nothing new.
        Assert.Equal(0, await RunAsync(args));
        await using (var store = await open())
        {
            Assert.Equal(warnings.Count, await store.ComplianceWarnings.CountAsync());
        }

        using var again = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(outJson));
        Assert.Equal(0, again.RootElement.GetProperty("warningsAdded").GetInt32());
    }

    private static async Task<int> RunAsync(ImpactArguments args)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        return await ComplianceCommands.RunImpactAsync(args, console, CancellationToken.None);
    }
}
