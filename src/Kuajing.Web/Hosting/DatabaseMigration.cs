using Kuajing.Storage;
using Kuajing.Timeline;

namespace Kuajing.Web.Hosting;

/// <summary>
/// Brings every store's schema up to date before the server accepts requests (hosted services start before Kestrel
/// listens), then marks the database ready for <c>/health/ready</c>. Each store applies only its own migrations
/// (EF Core, one history table per context), so a server and the <c>kuajing</c> command line can share one database.
/// </summary>
internal sealed partial class DatabaseMigration(KuajingDatabase database, ILogger<DatabaseMigration> logger) : IHostedService
{
    /// <summary>True once every migration has been applied.</summary>
    public bool Completed { get; private set; }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (await PlanStore.OpenAsync(database.SqlitePath, database.Postgres, cancellationToken))
        {
        }

        await using (await TimelineStore.OpenAsync(database.SqlitePath, database.Postgres, cancellationToken))
        {
        }

        await using (await Storage.WebStore.OpenAsync(database.SqlitePath, database.Postgres, cancellationToken))
        {
        }

        Completed = true;
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogMigrated(logger, database.Provider, elapsed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Provider} migrated in {ElapsedMs:F0} ms")]
    private static partial void LogMigrated(ILogger logger, string provider, double elapsedMs);

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
