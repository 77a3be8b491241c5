using Kuajing.Storage;
using Kuajing.Tests.EndToEnd;
using Kuajing.Tests.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.Cli;

/// <summary>The main job against a real PostgreSQL server (started by test.sh): same rows as SQLite, re-run safe.</summary>
public sealed class PlanOnPostgresTests : IDisposable
{
    private readonly PlanWorkspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Plan_WithPostgres_StoresTheSameOrdersAsSqliteAndReRunsWithoutDuplicates()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        var input = _workspace.Write("golden.csv", GoldenInvoices.Csv(GoldenInvoices.All));

        // SQLite first, as the reference.
        var sqliteRun = await PlanWorkspace.RunAsync(_workspace.Arguments(input, shiftWeeks: 782));
        Assert.Equal(0, sqliteRun.ExitCode);
        List<(string, OrderStatus, string?)> expected;
        await using (var sqlite = await _workspace.OpenStoreAsync())
        {
            expected = (await sqlite.Orders.AsNoTracking().Include(o => o.Shipment).OrderBy(o => o.SourceKey).ToListAsync())
                .Select(o => (o.SourceKey, o.Status, o.Shipment?.TrackingNumber)).ToList();
        }

        for (var run = 0; run < 2; run++)
        {
            var args = _workspace.Arguments(input, shiftWeeks: 782) with { Postgres = db.ConnectionString };
            Assert.Equal(0, (await PlanWorkspace.RunAsync(args)).ExitCode);
        }

        await using var pg = await PostgresPlanStore.OpenAsync(db.ConnectionString, CancellationToken.None);
        var actual = (await pg.Orders.AsNoTracking().Include(o => o.Shipment).OrderBy(o => o.SourceKey).ToListAsync())
            .Select(o => (o.SourceKey, o.Status, o.Shipment?.TrackingNumber)).ToList();

        // Same orders, statuses and tracking numbers (allocation is deterministic); two runs, no duplicates.
        Assert.Equal(expected, actual);
        Assert.Equal(GoldenInvoices.All.Count, actual.Count);
        Assert.Equal(await pg.Shipments.CountAsync(), await pg.Orders.CountAsync(o => o.Status == OrderStatus.Planned));
    }
}
