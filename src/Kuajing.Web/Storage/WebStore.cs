using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kuajing.Web.Storage;

/// <summary>
/// The server's own tables: organisations, users, API keys, ownership of orders and shipments, and idempotency keys.
/// It lives in the same database as the plan and timeline stores (SQLite file or PostgreSQL database) with its own
/// migrations (<c>src/Kuajing.Web/Storage/Migrations/{Sqlite,Postgres}</c>) and history table
/// (<c>__WebMigrationsHistory</c>), so it never touches their tables. PostgreSQL is <see cref="PostgresWebStore"/>.
/// </summary>
public class WebStore : DbContext
{
    /// <summary>Name of this context's migrations-history table, distinct from the plan and timeline stores'.</summary>
    public const string HistoryTable = "__WebMigrationsHistory";

    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options naming the provider and connection.</param>
    public WebStore(DbContextOptions<WebStore> options)
        : base(options)
    {
    }

    /// <summary>Creates a store for a derived, provider-specific context.</summary>
    /// <param name="options">EF Core options of the derived context.</param>
    protected WebStore(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Organisations.</summary>
    public DbSet<OrganisationRecord> Organisations => Set<OrganisationRecord>();

    /// <summary>Users (browser login).</summary>
    public DbSet<UserRecord> Users => Set<UserRecord>();

    /// <summary>API keys (hashed).</summary>
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    /// <summary>Order → owning seller.</summary>
    public DbSet<OrderOwnerRecord> OrderOwners => Set<OrderOwnerRecord>();

    /// <summary>Shipment → carrying providers and appointed brokers.</summary>
    public DbSet<ShipmentAssignmentRecord> ShipmentAssignments => Set<ShipmentAssignmentRecord>();

    /// <summary>Idempotency keys per organisation.</summary>
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    /// <summary>Owners of webhook subscriptions made through the API.</summary>
    public DbSet<WebhookOwnerRecord> WebhookOwners => Set<WebhookOwnerRecord>();

    /// <summary>Options for an embedded SQLite file.</summary>
    /// <param name="path">Database file path; created when missing.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<WebStore> ForSqlite(string path) => ForSqlite(path, pooling: false);

    /// <summary>Options for an embedded SQLite file, with or without connection pooling.</summary>
    /// <param name="path">Database file path; created when missing.</param>
    /// <param name="pooling">Pool connections: right for a long-running server (each request would otherwise open the file and
    /// set its pragmas again); off for commands and tests that delete the file afterwards.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<WebStore> ForSqlite(string path, bool pooling) =>
        new DbContextOptionsBuilder<WebStore>()
            .UseSqlite($"Data Source={path};Pooling=" + (pooling ? "True" : "False") + ";Default Timeout=30", o => o.MigrationsHistoryTable(HistoryTable))
            .Options;

    /// <summary>Opens a context (not migrated) on exactly one of an SQLite path or a PostgreSQL connection string.</summary>
    /// <param name="sqlitePath">SQLite file path, or <see langword="null"/>.</param>
    /// <param name="postgres">Npgsql connection string, or <see langword="null"/>.</param>
    /// <returns>The context; dispose it when done.</returns>
    /// <exception cref="ArgumentException">When both or neither are given.</exception>
    public static WebStore Open(string? sqlitePath, string? postgres) =>
        (sqlitePath, postgres) switch
        {
            (not null, null) => new WebStore(ForSqlite(sqlitePath)),
            (null, not null) => new PostgresWebStore(PostgresWebStore.ForPostgres(postgres)),
            _ => throw new ArgumentException("give exactly one of an SQLite path and a PostgreSQL connection string"),
        };

    /// <summary>Opens the store and applies its pending migrations.</summary>
    /// <param name="sqlitePath">SQLite file path, or <see langword="null"/>.</param>
    /// <param name="postgres">Npgsql connection string, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels opening and migrating.</param>
    /// <returns>The open, migrated store.</returns>
    /// <exception cref="ArgumentException">When both or neither are given.</exception>
    public static async Task<WebStore> OpenAsync(string? sqlitePath, string? postgres, CancellationToken cancellationToken)
    {
        var store = Open(sqlitePath, postgres);
        await store.Database.MigrateAsync(cancellationToken);
        if (sqlitePath is not null)
        {
            // Write-ahead logging, persistent in the file (as the plan and timeline stores set it).
            await store.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        return store;
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OrganisationRecord>(e =>
        {
            e.ToTable("organisations");
            e.Property(x => x.Id).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Role).HasMaxLength(16);
        });
        modelBuilder.Entity<UserRecord>(e =>
        {
            e.ToTable("users");
            e.HasIndex(x => x.Email).IsUnique();
            e.HasIndex(x => x.OrganisationId);
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.OrganisationId).HasMaxLength(40);
            e.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("api_keys");
            e.Property(x => x.Id).HasMaxLength(12);
            e.Property(x => x.Hash).HasMaxLength(32);
            e.Property(x => x.OrganisationId).HasMaxLength(40);
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.OrganisationId);
            e.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<OrderOwnerRecord>(e =>
        {
            e.ToTable("order_owners");
            e.HasKey(x => x.SourceKey);
            e.Property(x => x.SourceKey).HasMaxLength(300);
            e.Property(x => x.OrganisationId).HasMaxLength(40);
            e.HasIndex(x => new { x.OrganisationId, x.SourceKey });
            e.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WebhookOwnerRecord>(e =>
        {
            e.ToTable("webhook_owners");
            e.HasKey(x => x.SubscriptionId);
            e.Property(x => x.OrganisationId).HasMaxLength(40);
            e.HasIndex(x => x.OrganisationId);
            e.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ShipmentAssignmentRecord>(e =>
        {
            e.ToTable("shipment_assignments");
            e.HasKey(x => new { x.TrackingNumber, x.OrganisationId, x.Kind, x.LegSequence });
            e.Property(x => x.TrackingNumber).HasMaxLength(13);
            e.Property(x => x.OrganisationId).HasMaxLength(40);
            e.Property(x => x.Kind).HasMaxLength(16);
            e.HasIndex(x => new { x.OrganisationId, x.Kind, x.TrackingNumber });
            e.HasOne<OrganisationRecord>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(x => new { x.OrganisationId, x.Key });
            e.Property(x => x.OrganisationId).HasMaxLength(40);
            e.Property(x => x.Key).HasMaxLength(200);
            e.Property(x => x.RequestHash).HasMaxLength(32);
            e.Property(x => x.ContentType).HasMaxLength(200);
            e.Property(x => x.Location).HasMaxLength(2000);
        });
    }
}

/// <summary>The <see cref="WebStore"/> on PostgreSQL, with its own migrations.</summary>
public sealed class PostgresWebStore : WebStore
{
    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options for Npgsql.</param>
    public PostgresWebStore(DbContextOptions<PostgresWebStore> options)
        : base(options)
    {
    }

    /// <summary>Options for a PostgreSQL database.</summary>
    /// <param name="connectionString">Npgsql connection string.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<PostgresWebStore> ForPostgres(string connectionString) =>
        new DbContextOptionsBuilder<PostgresWebStore>()
            .UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable))
            .Options;
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context WebStore</c>.</summary>
internal sealed class DesignTimeWebStoreFactory : IDesignTimeDbContextFactory<WebStore>
{
    /// <inheritdoc/>
    public WebStore CreateDbContext(string[] args) => new(WebStore.ForSqlite("design-time.db"));
}

/// <summary>Design-time factory for <c>dotnet ef migrations add --context PostgresWebStore</c>.</summary>
internal sealed class DesignTimePostgresWebStoreFactory : IDesignTimeDbContextFactory<PostgresWebStore>
{
    /// <inheritdoc/>
    public PostgresWebStore CreateDbContext(string[] args) =>
        new(PostgresWebStore.ForPostgres("Host=127.0.0.1;Database=kuajing_design_time"));
}
