using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kuajing.Timeline;

/// <summary>
/// The store of shipment timelines: accepted tracking events in ledger order, signed tree heads and carrier-number
/// links. It lives in the same database as the <see cref="Storage.PlanStore"/> (SQLite file or PostgreSQL database)
/// with its own migrations and migrations-history table (<c>__TimelineMigrationsHistory</c>). PostgreSQL is
/// <see cref="PostgresTimelineStore"/>.
/// </summary>
public class TimelineStore : DbContext
{
    /// <summary>Name of this context's migrations-history table, distinct from the plan store's.</summary>
    public const string HistoryTable = "__TimelineMigrationsHistory";

    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options naming the provider and connection.</param>
    public TimelineStore(DbContextOptions<TimelineStore> options)
        : base(options)
    {
    }

    /// <summary>Creates a store for a derived, provider-specific context.</summary>
    /// <param name="options">EF Core options of the derived context.</param>
    protected TimelineStore(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Accepted events, one row per distinct event.</summary>
    public DbSet<TimelineEventRecord> Events => Set<TimelineEventRecord>();

    /// <summary>Signed tree heads, one per signed ledger size.</summary>
    public DbSet<TreeHeadRecord> TreeHeads => Set<TreeHeadRecord>();

    /// <summary>Carrier numbers linked to shipments.</summary>
    public DbSet<NumberLinkRecord> NumberLinks => Set<NumberLinkRecord>();

    /// <summary>Webhook subscriptions.</summary>
    public DbSet<WebhookSubscriptionRecord> WebhookSubscriptions => Set<WebhookSubscriptionRecord>();

    /// <summary>The durable webhook outbox: one row per delivery (event × subscription).</summary>
    public DbSet<WebhookDeliveryRecord> WebhookDeliveries => Set<WebhookDeliveryRecord>();

    /// <summary>The webhook delivery log: one row per HTTP attempt.</summary>
    public DbSet<WebhookAttemptRecord> WebhookAttempts => Set<WebhookAttemptRecord>();

    /// <summary>Shipment → owning account, for account-scoped subscriptions.</summary>
    public DbSet<WebhookShipmentAccountRecord> ShipmentAccounts => Set<WebhookShipmentAccountRecord>();

    /// <summary>Stored shipment exceptions (missed connection, dwell exceeded, customs hold, late delivery), open or cleared.</summary>
    public DbSet<ShipmentExceptionRecord> Exceptions => Set<ShipmentExceptionRecord>();

    /// <summary>Options for an embedded SQLite file.</summary>
    /// <param name="path">Database file path; created when missing.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<TimelineStore> ForSqlite(string path) => ForSqlite(path, pooling: false);

    /// <summary>Options for an embedded SQLite file, with or without connection pooling.</summary>
    /// <param name="path">Database file path; created when missing.</param>
    /// <param name="pooling">Pool connections: right for a long-running server (each request would otherwise open the file and
    /// set its pragmas again); off for commands and tests that delete the file afterwards.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<TimelineStore> ForSqlite(string path, bool pooling) =>
        new DbContextOptionsBuilder<TimelineStore>()
            .UseSqlite($"Data Source={path};Pooling=" + (pooling ? "True" : "False"), o => o.MigrationsHistoryTable(HistoryTable))
            .AddInterceptors(Storage.SqliteDurability.Instance)
            .Options;

    /// <summary>Opens the store named by exactly one of an SQLite path or a PostgreSQL connection string, migrated.</summary>
    /// <param name="sqlitePath">SQLite file path, or <see langword="null"/>.</param>
    /// <param name="postgres">Npgsql connection string, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels opening and migrating.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="ArgumentException">When both or neither are given.</exception>
    public static async Task<TimelineStore> OpenAsync(string? sqlitePath, string? postgres, CancellationToken cancellationToken)
    {
        TimelineStore store = (sqlitePath, postgres) switch
        {
            (not null, null) => new TimelineStore(ForSqlite(sqlitePath)),
            (null, not null) => new PostgresTimelineStore(PostgresTimelineStore.ForPostgres(postgres)),
            _ => throw new ArgumentException("give exactly one of an SQLite path and a PostgreSQL connection string"),
        };
        await store.Database.MigrateAsync(cancellationToken);
        if (sqlitePath is not null)
        {
            // See PlanStore.OpenSqliteAsync: WAL (persistent); synchronous=NORMAL per connection via SqliteDurability.
            await store.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return store;
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TimelineEventRecord>(e =>
        {
            e.ToTable("timeline_events");
            e.HasIndex(x => x.EventKey).IsUnique();
            e.HasIndex(x => x.LedgerIndex).IsUnique();
            e.HasIndex(x => new { x.ShipmentNumber, x.EventTimeUtc });
            e.HasIndex(x => new { x.CarrierNumber, x.EventTimeUtc });
            e.Property(x => x.EventKey).HasMaxLength(300);
            e.Property(x => x.ShipmentNumber).HasMaxLength(13);
            e.Property(x => x.CarrierNumber).HasMaxLength(40);
            e.Property(x => x.Milestone).HasMaxLength(30);
            e.Property(x => x.SourceFormat).HasMaxLength(40);
            e.Property(x => x.CanonicalHash).HasMaxLength(32);
        });
        modelBuilder.Entity<TreeHeadRecord>(e =>
        {
            e.ToTable("tree_heads");
            e.HasKey(x => x.TreeSize);
            e.Property(x => x.TreeSize).ValueGeneratedNever();
            e.Property(x => x.KeyId).HasMaxLength(64);
        });
        modelBuilder.Entity<NumberLinkRecord>(e =>
        {
            e.ToTable("number_links");
            e.HasKey(x => new { x.CarrierNumber, x.ShipmentNumber });
            e.HasIndex(x => x.ShipmentNumber);
            e.Property(x => x.CarrierNumber).HasMaxLength(40);
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.ShipmentNumber).HasMaxLength(13);
        });
        modelBuilder.Entity<WebhookSubscriptionRecord>(e =>
        {
            e.ToTable("webhook_subscriptions");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.ScopeKind, x.ScopeValue });
            e.Property(x => x.ScopeKind).HasMaxLength(16);
            e.Property(x => x.ScopeValue).HasMaxLength(200);
            e.Property(x => x.TargetUrl).HasMaxLength(2000);
            e.Property(x => x.Secret).HasMaxLength(200);
        });
        modelBuilder.Entity<WebhookDeliveryRecord>(e =>
        {
            e.ToTable("webhook_deliveries");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
            e.HasIndex(x => x.SubscriptionId);
            e.Property(x => x.TargetUrl).HasMaxLength(2000);
            e.Property(x => x.Secret).HasMaxLength(200);
            e.Property(x => x.EventId).HasMaxLength(200);
            e.Property(x => x.Code).HasMaxLength(64);
            e.Property(x => x.TrackingNumber).HasMaxLength(64);
            e.Property(x => x.AccountId).HasMaxLength(200);
        });
        modelBuilder.Entity<WebhookAttemptRecord>(e =>
        {
            e.ToTable("webhook_attempts");
            e.HasIndex(x => new { x.DeliveryId, x.AttemptNumber });
        });
        modelBuilder.Entity<ShipmentExceptionRecord>(e =>
        {
            e.ToTable("shipment_exceptions");
            e.HasIndex(x => x.ExceptionId).IsUnique();
            e.HasIndex(x => new { x.ShipmentNumber, x.RaisedAtUtc });
            e.HasIndex(x => new { x.Status, x.ShipmentNumber });
            e.Property(x => x.ExceptionId).HasMaxLength(180);
            e.Property(x => x.ShipmentNumber).HasMaxLength(13);
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.NodeCode).HasMaxLength(64);
            e.Property(x => x.RaisedBy).HasMaxLength(16);
            e.Property(x => x.EvidenceEventKey).HasMaxLength(300);
            e.Property(x => x.ClearingEventKey).HasMaxLength(300);
            e.Property(x => x.Source).HasMaxLength(1000);
            e.Property(x => x.Detail).HasMaxLength(1000);
            e.Property(x => x.Status).HasMaxLength(8);
        });
        modelBuilder.Entity<WebhookShipmentAccountRecord>(e =>
        {
            e.ToTable("shipment_accounts");
            e.HasKey(x => x.ShipmentNumber);
            e.HasIndex(x => x.AccountId);
            e.Property(x => x.ShipmentNumber).HasMaxLength(13);
            e.Property(x => x.AccountId).HasMaxLength(200);
        });
    }
}

/// <summary>The <see cref="TimelineStore"/> on PostgreSQL, with its own migrations.</summary>
public sealed class PostgresTimelineStore : TimelineStore
{
    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options for Npgsql.</param>
    public PostgresTimelineStore(DbContextOptions<PostgresTimelineStore> options)
        : base(options)
    {
    }

    /// <summary>Options for a PostgreSQL database.</summary>
    /// <param name="connectionString">Npgsql connection string.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<PostgresTimelineStore> ForPostgres(string connectionString) =>
        new DbContextOptionsBuilder<PostgresTimelineStore>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable))
            .Options;
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context TimelineStore</c>.</summary>
internal sealed class DesignTimeTimelineStoreFactory : IDesignTimeDbContextFactory<TimelineStore>
{
    /// <inheritdoc/>
    public TimelineStore CreateDbContext(string[] args) => new(TimelineStore.ForSqlite("design-time.db"));
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context PostgresTimelineStore</c>.</summary>
internal sealed class DesignTimePostgresTimelineStoreFactory : IDesignTimeDbContextFactory<PostgresTimelineStore>
{
    /// <inheritdoc/>
    public PostgresTimelineStore CreateDbContext(string[] args) =>
        new(PostgresTimelineStore.ForPostgres("Host=127.0.0.1;Database=kuajing_design_time"));
}
