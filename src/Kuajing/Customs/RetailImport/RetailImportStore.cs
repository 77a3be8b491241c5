using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kuajing.Customs.RetailImport;

/// <summary>A buyer's running total for one calendar year (table <c>retail_import_quota</c>).</summary>
public sealed class RetailImportQuotaRecord
{
    /// <summary>The buyer's keyed hash (<see cref="BuyerKey"/>), 64 hex characters; never the ID number.</summary>
    public string BuyerKey { get; set; } = "";

    /// <summary>Calendar year of the transactions.</summary>
    public int Year { get; set; }

    /// <summary>Reserved + committed dutiable value of CBEC transactions in the year, in fen (CNY 0.01), ≥ 0. Integer so the limit test is exact on both providers.</summary>
    public long UsedFen { get; set; }
}

/// <summary>One reserved, committed or refunded transaction (table <c>retail_import_entries</c>).</summary>
public sealed class RetailImportEntryRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The order number, unique: a second reservation of it is refused as a duplicate.</summary>
    public string TransactionId { get; set; } = "";

    /// <summary>The buyer's keyed hash.</summary>
    public string BuyerKey { get; set; } = "";

    /// <summary>Calendar year it counts in.</summary>
    public int Year { get; set; }

    /// <summary>Dutiable value in fen (CNY 0.01), &gt; 0.</summary>
    public long AmountFen { get; set; }

    /// <summary><c>reserved</c>, <c>committed</c> or <c>refunded</c> (see <see cref="QuotaEntryStatus"/>).</summary>
    public string Status { get; set; } = "";

    /// <summary><see cref="RetailImportTreatment"/> name at reservation.</summary>
    public string Treatment { get; set; } = "";

    /// <summary>When reserved (UTC).</summary>
    public DateTime ReservedAtUtc { get; set; }

    /// <summary>When committed (UTC), if it was.</summary>
    public DateTime? CommittedAtUtc { get; set; }

    /// <summary>When refunded (UTC), if it was.</summary>
    public DateTime? RefundedAtUtc { get; set; }
}

/// <summary>
/// The retail-import quota ledger's store: per-buyer, per-year totals and the transactions behind them, keyed by the
/// buyer's HMAC (never the ID number). SQLite by default, <see cref="PostgresRetailImportStore"/> for PostgreSQL; its
/// own migrations (<c>Customs/RetailImport/Migrations/{Sqlite,Postgres}</c>) and history table
/// (<c>__RetailImportMigrationsHistory</c>), so it can share a database with the plan and timeline stores.
/// </summary>
public class RetailImportStore : DbContext
{
    /// <summary>Name of this context's migrations-history table.</summary>
    public const string HistoryTable = "__RetailImportMigrationsHistory";

    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options naming the provider and connection.</param>
    public RetailImportStore(DbContextOptions<RetailImportStore> options)
        : base(options)
    {
    }

    /// <summary>Creates a store for a derived, provider-specific context.</summary>
    /// <param name="options">EF Core options of the derived context.</param>
    protected RetailImportStore(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Per-buyer, per-year totals.</summary>
    public DbSet<RetailImportQuotaRecord> Quotas => Set<RetailImportQuotaRecord>();

    /// <summary>Transactions.</summary>
    public DbSet<RetailImportEntryRecord> Entries => Set<RetailImportEntryRecord>();

    /// <summary>True when the provider is PostgreSQL.</summary>
    public bool IsPostgres => Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>Options for an embedded SQLite file.</summary>
    /// <param name="path">Database file path; created when missing.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<RetailImportStore> ForSqlite(string path) =>
        new DbContextOptionsBuilder<RetailImportStore>()
            .UseSqlite($"Data Source={path};Pooling=False", o => o.MigrationsHistoryTable(HistoryTable))
            .AddInterceptors(Storage.SqliteDurability.Instance)
            .Options;

    /// <summary>Opens the store named by exactly one of an SQLite path or a PostgreSQL connection string, migrated.</summary>
    /// <param name="sqlitePath">SQLite file path, or <see langword="null"/>.</param>
    /// <param name="postgres">Npgsql connection string, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels opening and migrating.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="ArgumentException">When both or neither are given.</exception>
    public static async Task<RetailImportStore> OpenAsync(string? sqlitePath, string? postgres, CancellationToken cancellationToken)
    {
        var store = Create(sqlitePath, postgres);
        await store.Database.MigrateAsync(cancellationToken);
        if (sqlitePath is not null)
        {
            await store.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return store;
    }

    /// <summary>Creates (does not migrate) a store; for extra connections to a database already opened with <see cref="OpenAsync"/>.</summary>
    /// <param name="sqlitePath">SQLite file path, or <see langword="null"/>.</param>
    /// <param name="postgres">Npgsql connection string, or <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">When both or neither are given.</exception>
    public static RetailImportStore Create(string? sqlitePath, string? postgres) => (sqlitePath, postgres) switch
    {
        (not null, null) => new RetailImportStore(ForSqlite(sqlitePath)),
        (null, not null) => new PostgresRetailImportStore(PostgresRetailImportStore.ForPostgres(postgres)),
        _ => throw new ArgumentException("give exactly one of an SQLite path and a PostgreSQL connection string"),
    };

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<RetailImportQuotaRecord>(e =>
        {
            e.ToTable("retail_import_quota");
            e.HasKey(x => new { x.BuyerKey, x.Year });
            e.Property(x => x.BuyerKey).HasColumnName("buyer_key").HasMaxLength(64);
            e.Property(x => x.Year).HasColumnName("year");
            e.Property(x => x.UsedFen).HasColumnName("used_fen");
        });
        modelBuilder.Entity<RetailImportEntryRecord>(e =>
        {
            e.ToTable("retail_import_entries");
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.TransactionId).HasColumnName("transaction_id").HasMaxLength(60);
            e.Property(x => x.BuyerKey).HasColumnName("buyer_key").HasMaxLength(64);
            e.Property(x => x.Year).HasColumnName("year");
            e.Property(x => x.AmountFen).HasColumnName("amount_fen");
            e.Property(x => x.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(x => x.Treatment).HasColumnName("treatment").HasMaxLength(30);
            e.Property(x => x.ReservedAtUtc).HasColumnName("reserved_at_utc");
            e.Property(x => x.CommittedAtUtc).HasColumnName("committed_at_utc");
            e.Property(x => x.RefundedAtUtc).HasColumnName("refunded_at_utc");
            e.HasIndex(x => x.TransactionId).IsUnique();
            e.HasIndex(x => new { x.BuyerKey, x.Year });
        });
    }
}

/// <summary>The <see cref="RetailImportStore"/> on PostgreSQL, with its own migrations.</summary>
public sealed class PostgresRetailImportStore : RetailImportStore
{
    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options for Npgsql.</param>
    public PostgresRetailImportStore(DbContextOptions<PostgresRetailImportStore> options)
        : base(options)
    {
    }

    /// <summary>Options for a PostgreSQL database.</summary>
    /// <param name="connectionString">Npgsql connection string.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<PostgresRetailImportStore> ForPostgres(string connectionString) =>
        new DbContextOptionsBuilder<PostgresRetailImportStore>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable))
            .Options;
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context RetailImportStore</c>.</summary>
internal sealed class DesignTimeRetailImportStoreFactory : IDesignTimeDbContextFactory<RetailImportStore>
{
    /// <inheritdoc/>
    public RetailImportStore CreateDbContext(string[] args) => new(RetailImportStore.ForSqlite("design-time.db"));
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context PostgresRetailImportStore</c>.</summary>
internal sealed class DesignTimePostgresRetailImportStoreFactory : IDesignTimeDbContextFactory<PostgresRetailImportStore>
{
    /// <inheritdoc/>
    public PostgresRetailImportStore CreateDbContext(string[] args) =>
        new(PostgresRetailImportStore.ForPostgres("Host=127.0.0.1;Database=kuajing_design_time"));
}
