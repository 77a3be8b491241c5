using System.Globalization;
using Kuajing.Cli;
using Kuajing.Storage;
using Kuajing.Tests.Cli;
using Kuajing.Tests.Storage;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Kuajing.Tests.Compliance;

/// <summary>
/// Proof for issue #5 point 7: a rule that takes effect on a date marks exactly the affected open shipments, on SQLite and
/// on a real PostgreSQL server. The plan store is built by <c>kuajing plan</c> from real UCI invoices (data/orders,
/// CC BY 4.0) replayed 782 weeks later, as run.sh does. The added rule blocks magnets to the EU from 2026-03-01
/// (a test rule, not a real one: it exists only in this test's rules file).
/// </summary>
public sealed class ComplianceImpactTests : IDisposable
{
    // 782 weeks = 5,474 days: 2011-02-28 -> 2026-02-23, 2011-03-01 -> 2026-02-24, 2011-02-21 -> 2026-02-16, 2011-02-02 -> 2026-01-28.
    private const string AsOf = "2026-03-01";

    // EU orders with magnet lines (keyword MAGNET, data/compliance/goods-categories.csv), read from the files:
    // 545105 France 2011-02-28 (BIG DOUGHNUT FRIDGE MAGNETS, SNOWSTORM PHOTO FRAME FRIDGE MAGNET);
    // 545227 Finland 2011-03-01 (FRIDGE MAGNETS US DINER ASSORTED, ASSORTED BOTTLE TOP MAGNETS);
    // 544573 Germany 2011-02-21 (BIG DOUGHNUT FRIDGE MAGNETS); 542922 France 2011-02-02 (ASSORTED BOTTLE TOP MAGNETS).
    private static readonly string[] EuWithMagnets = ["545105", "545227", "544573", "542922"];

    // Not touched by the rule: 545220 United Kingdom with magnets (not EU); 545180 France and 545140 Belgium without
    // magnets; C542781 Germany is a cancellation (nothing ships).
    private static readonly string[] Others = ["545220", "545180", "545140"];

    private const string RuleCsv =
        "id,destinations,origins,categories,modes,outcome,requirement,valid_from,valid_until,source,status,note\n" +
        "TEST-EU-MAGNETS,EU,*,magnets,*,blocked,magnets may not be shipped to the EU (test rule),2026-03-01,,test fixture,U,\n";

    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Impact_RuleTakingEffect_MarksExactlyTheAffectedOpenShipmentsOnSqlite()
    {
        var input = WriteInput();
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: 782));
        Assert.True(run.ExitCode < 2, run.Console);
        await CheckAsync(db: _workspace.Db, postgres: null, open: () => _workspace.OpenStoreAsync());
    }

    [Fact]
    public async Task Impact_RuleTakingEffect_MarksExactlyTheAffectedOpenShipmentsOnPostgres()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        var input = WriteInput();
        var run = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: 782) with { Postgres = db.ConnectionString });
        Assert.True(run.ExitCode < 2, run.Console);
        await CheckAsync(db: _workspace.Db, postgres: db.ConnectionString, open: () => PostgresPlanStore.OpenAsync(db.ConnectionString, CancellationToken.None));
    }

    private string WriteInput()
    {
        var feb = BundledInvoices.Csv("orders-2011-02.csv.gz", "544573", "542922", "545105", "545180", "545140", "C542781");
        var mar = BundledInvoices.Csv("orders-2011-03.csv.gz", "545227", "545220");
        return _workspace.Write("orders.csv", feb + mar[(mar.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
    }

    private async Task CheckAsync(string db, string? postgres, Func<Task<PlanStore>> open)
    {
        var cutoff = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        HashSet<string> openEuMagnets;
        await using (var store = await open())
        {
            var orders = await store.Orders.AsNoTracking().Include(o => o.Shipment).ToListAsync();
            Assert.Equal(EuWithMagnets.Length + Others.Length + 1, orders.Count);
            Assert.Equal(OrderStatus.Cancelled, orders.Single(o => o.OrderId == "C542781").Status);

            // "Open" = planned and planned delivery not before the as-of date. The test needs both kinds among the EU
            // magnet orders for the check to mean anything: 542922 (placed 2026-01-28) is delivered long before March,
            // 545105 and 545227 (placed 2026-02-23/24) cannot be delivered within 6 days by any lane from Zhengzhou to the door.
            var closed = orders.Where(o => o.Status == OrderStatus.Planned && o.Shipment!.DeliveredAtUtc < cutoff).Select(o => o.OrderId).ToHashSet();
            Assert.Contains("542922", closed);
            Assert.Contains("544573", closed); // placed 2026-02-16, delivered before March by the chosen line
            Assert.DoesNotContain("545105", closed);
            Assert.DoesNotContain("545227", closed);
            openEuMagnets = EuWithMagnets.Where(id => orders.Single(o => o.OrderId == id).Status == OrderStatus.Planned && !closed.Contains(id)).ToHashSet();
            Assert.All(Others, id => Assert.Equal(OrderStatus.Planned, orders.Single(o => o.OrderId == id).Status));
            // Unaffected open shipments must exist too: 545180 (France, no magnets) and 545220 (GB, magnets) were placed 2026-02-23.
            Assert.DoesNotContain("545180", closed);
            Assert.DoesNotContain("545220", closed);
        }

        var rules = _workspace.Write("new-rule.csv", RuleCsv);
        var outJson = Path.Combine(_workspace.Root, "impact.json");
        var args = new ImpactArguments(AsOf, rules, db, postgres, outJson, null);
        Assert.Equal(0, await RunAsync(args));

        List<ComplianceWarningRecord> first;
        await using (var store = await open())
        {
            first = await store.ComplianceWarnings.AsNoTracking().ToListAsync();
        }

        // Exactly the open EU orders with magnets, each once, on its shipment, effective 2026-03-01.
        var marked = first.Where(w => w.RuleId == "TEST-EU-MAGNETS").ToList();
        Assert.Equal(["545105", "545227"], openEuMagnets.Order());
        Assert.Equal(openEuMagnets.Order(), marked.Select(w => w.OrderId).Order());
        Assert.All(marked, w =>
        {
            Assert.Equal(ComplianceChange.Blocked, w.Change);
            Assert.Equal(new DateOnly(2026, 3, 1), w.EffectiveOn);
            Assert.StartsWith("HJ", w.TrackingNumber, StringComparison.Ordinal);
            Assert.Contains("magnets may not be shipped to the EU", w.Message, StringComparison.Ordinal);
        });

        // No other rule row takes effect between these orders' dates (2026-01-28 .. 2026-02-24) and 2026-03-01 for EU or GB
        // destinations (data/compliance/rules.csv, data/tax/import-rules.csv): the test rule is the only change.
        Assert.Equal(marked.Count, first.Count);
        using (var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(outJson)))
        {
            Assert.Equal(marked.Count, doc.RootElement.GetProperty("changes").GetArrayLength());
            Assert.Equal(marked.Count, doc.RootElement.GetProperty("warningsAdded").GetInt32());
        }

        // Re-running the same impact stores nothing new and still reports the same changes.
        Assert.Equal(0, await RunAsync(args));
        await using (var store = await open())
        {
            Assert.Equal(first.Count, await store.ComplianceWarnings.CountAsync());
            Assert.Equal(2, await store.ComplianceEvaluations.CountAsync());
        }

        using var again = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(outJson));
        Assert.Equal(0, again.RootElement.GetProperty("warningsAdded").GetInt32());
        Assert.Equal(marked.Count, again.RootElement.GetProperty("changes").GetArrayLength());
    }

    private static async Task<int> RunAsync(ImpactArguments args)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        return await ComplianceCommands.RunImpactAsync(args, console, CancellationToken.None);
    }
}
