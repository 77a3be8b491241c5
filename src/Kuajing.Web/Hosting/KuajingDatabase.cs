using Kuajing.Storage;
using Kuajing.Timeline;
using Kuajing.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace Kuajing.Web.Hosting;

/// <summary>
/// Where the server keeps its data: one embedded SQLite file (the default, <c>kuajing.db</c> in the working
/// directory) or one PostgreSQL database, holding the plan store (orders, shipments, legs), the timeline store
/// (events, ledger, webhooks) and the server's own tables, each context with its own migrations. The schema is
/// migrated once when the server starts (<see cref="DatabaseMigration"/>); requests open short-lived contexts
/// without migrating.
/// </summary>
public sealed class KuajingDatabase
{
    /// <summary>Configuration key of the SQLite file path (<c>Kuajing:Db</c>).</summary>
    public const string SqliteKey = "Kuajing:Db";

    /// <summary>Configuration key of the PostgreSQL connection string (<c>Kuajing:Postgres</c>).</summary>
    public const string PostgresKey = "Kuajing:Postgres";

    /// <summary>The default SQLite file when neither key is set.</summary>
    public const string DefaultSqlitePath = "kuajing.db";

    /// <summary>Creates the description of the database.</summary>
    /// <param name="sqlitePath">SQLite file path, or <see langword="null"/> for PostgreSQL.</param>
    /// <param name="postgres">Npgsql connection string, or <see langword="null"/> for SQLite.</param>
    /// <param name="pooling">Pool SQLite connections (the server: each request would otherwise reopen the file and set its
    /// pragmas, measured in docs/benchmarks.md); off for one-shot commands and tests that delete the file. PostgreSQL
    /// connections are always pooled by Npgsql.</param>
    /// <exception cref="ArgumentException">When both or neither are given.</exception>
    public KuajingDatabase(string? sqlitePath, string? postgres, bool pooling = false)
    {
        if ((sqlitePath is null) == (postgres is null))
        {
            throw new ArgumentException("give exactly one of an SQLite path and a PostgreSQL connection string");
        }

        SqlitePath = sqlitePath;
        Postgres = postgres;
        if (sqlitePath is not null)
        {
            _planOptions = PlanStore.ForSqlite(sqlitePath, pooling);
            _timelineOptions = TimelineStore.ForSqlite(sqlitePath, pooling);
            _webOptions = WebStore.ForSqlite(sqlitePath, pooling);
        }
        else
        {
            _planOptions = PostgresPlanStore.ForPostgres(postgres!);
            _timelineOptions = PostgresTimelineStore.ForPostgres(postgres!);
            _webOptions = PostgresWebStore.ForPostgres(postgres!);
        }
    }

    // Built once: EF Core options are immutable and thread-safe, and building them per request costs allocations.
    private readonly DbContextOptions _planOptions;
    private readonly DbContextOptions _timelineOptions;
    private readonly DbContextOptions _webOptions;

    /// <summary>The SQLite file path, or <see langword="null"/> when the store is PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>The PostgreSQL connection string, or <see langword="null"/> when the store is SQLite.</summary>
    public string? Postgres { get; }

    /// <summary>The provider's name for logs and the readiness report: <c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider => SqlitePath is null ? "postgresql" : "sqlite";

    /// <summary>Reads the database from configuration: <c>Kuajing:Postgres</c> when set, else <c>Kuajing:Db</c>, else <see cref="DefaultSqlitePath"/>.</summary>
    /// <param name="configuration">The server configuration.</param>
    /// <returns>The database.</returns>
    /// <exception cref="InvalidOperationException">When both keys are set.</exception>
    public static KuajingDatabase FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sqlite = configuration[SqliteKey];
        var postgres = configuration[PostgresKey];
        if (!string.IsNullOrWhiteSpace(sqlite) && !string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException($"configure either {SqliteKey} (SQLite file) or {PostgresKey} (PostgreSQL), not both");
        }

        return string.IsNullOrWhiteSpace(postgres)
            ? new KuajingDatabase(string.IsNullOrWhiteSpace(sqlite) ? DefaultSqlitePath : sqlite, null, pooling: true)
            : new KuajingDatabase(null, postgres, pooling: true);
    }

    /// <summary>Opens a plan-store context on the already migrated database; dispose it when done.</summary>
    /// <returns>A new context (not thread-safe; one per request or task).</returns>
    public PlanStore OpenPlanStore() =>
        SqlitePath is not null
            ? new PlanStore((DbContextOptions<PlanStore>)_planOptions)
            : new PostgresPlanStore((DbContextOptions<PostgresPlanStore>)_planOptions);

    /// <summary>Opens a timeline-store context on the already migrated database; dispose it when done.</summary>
    /// <returns>A new context (not thread-safe; one per request or task).</returns>
    public TimelineStore OpenTimelineStore() =>
        SqlitePath is not null
            ? new TimelineStore((DbContextOptions<TimelineStore>)_timelineOptions)
            : new PostgresTimelineStore((DbContextOptions<PostgresTimelineStore>)_timelineOptions);

    /// <summary>Opens a context on the server's own tables (accounts, keys, ownership, idempotency), already migrated; dispose it when done.</summary>
    /// <returns>A new context (not thread-safe; one per request or task).</returns>
    public WebStore OpenWebStore() =>
        SqlitePath is not null
            ? new WebStore((DbContextOptions<WebStore>)_webOptions)
            : new PostgresWebStore((DbContextOptions<PostgresWebStore>)_webOptions);
}
