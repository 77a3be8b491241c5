using Kuajing.Storage;
using Kuajing.Tests.Storage;
using Kuajing.Timeline;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Tests.Timeline;

public sealed class TimelineStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kuajing-timeline-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static TimelineEventRecord Event(long index, string key) => new()
    {
        LedgerIndex = index,
        EventKey = key,
        ShipmentNumber = "HJ000000011CN",
        EventTimeUtc = new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc),
        RecordedAtUtc = new DateTime(2026, 3, 2, 10, 5, 0, DateTimeKind.Utc),
        Milestone = "Departed",
        SourceFormat = "test",
        SourceRef = "test#/0",
        Payload = "{}",
        CanonicalHash = new byte[32],
    };

    [Fact]
    public async Task OpenAsync_SqliteFileWithPlanStore_BothSchemasLiveSideBySide()
    {
        // One database file holds the plan store and the timeline store, each with its own migrations history.
        var path = Path.Combine(_dir, "k.db");
        await using (var plans = await PlanStore.OpenSqliteAsync(path, CancellationToken.None))
        {
            Assert.Empty(await plans.Database.GetPendingMigrationsAsync());
        }

        await using var timeline = await TimelineStore.OpenAsync(path, null, CancellationToken.None);
        Assert.Empty(await timeline.Database.GetPendingMigrationsAsync());
        timeline.Events.Add(Event(0, "id:a"));
        await timeline.SaveChangesAsync();
        Assert.Equal(1, await timeline.Events.CountAsync());
    }

    [Fact]
    public async Task SaveChanges_DuplicateEventKeyOnPostgres_IsRefused()
    {
        await using var db = await PostgresDatabase.CreateAsync();
        await using var timeline = await TimelineStore.OpenAsync(null, db.ConnectionString, CancellationToken.None);
        timeline.Events.Add(Event(0, "id:a"));
        await timeline.SaveChangesAsync();
        timeline.Events.Add(Event(1, "id:a"));
        await Assert.ThrowsAsync<DbUpdateException>(() => timeline.SaveChangesAsync());
    }
}
