using Microsoft.EntityFrameworkCore;

namespace Kuajing.Storage;

/// <summary>
/// Kuajing's store of planned orders, shipments and legs, through EF Core. The embedded default is
/// SQLite (<see cref="ForSqlite(string)"/>); PostgreSQL is <see cref="PostgresPlanStore"/>, with the same model. The schema
/// is created and upgraded only by migrations (<c>src/Kuajing/Storage/Migrations</c> for SQLite,
/// <c>Storage/Migrations/Postgres</c> for PostgreSQL), never by <c>EnsureCreated</c>.
/// </summary>
public class PlanStore : DbContext
{
    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options naming the provider and connection.</param>
    public PlanStore(DbContextOptions<PlanStore> options)
        : base(options)
    {
    }

    /// <summary>Creates a store for a derived, provider-specific context (its own migrations).</summary>
    /// <param name="options">EF Core options of the derived context.</param>
    protected PlanStore(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Orders read and planned (or rejected / cancelled), one row per source order.</summary>
    public DbSet<OrderRecord> Orders => Set<OrderRecord>();

    /// <summary>Shipments: one per planned order, with the chosen plan's totals and tracking number.</summary>
    public DbSet<ShipmentRecord> Shipments => Set<ShipmentRecord>();

    /// <summary>Legs of each shipment's chosen itinerary, in travel order.</summary>
    public DbSet<LegRecord> Legs => Set<LegRecord>();

    /// <summary>Parcels of each shipment as planned.</summary>
    public DbSet<ParcelRecord> Parcels => Set<ParcelRecord>();

    /// <summary>Warnings raised on open orders and shipments by compliance and rate changes (<c>kuajing compliance impact</c>).</summary>
    public DbSet<ComplianceWarningRecord> ComplianceWarnings => Set<ComplianceWarningRecord>();

    /// <summary>Past compliance impact evaluations (their dates).</summary>
    public DbSet<ComplianceEvaluationRecord> ComplianceEvaluations => Set<ComplianceEvaluationRecord>();

    /// <summary>Options for an embedded SQLite file.</summary>
    /// <param name="path">Database file path; created when missing.</param>
    /// <returns>Options for <see cref="PlanStore(DbContextOptions{PlanStore})"/>.</returns>
    public static DbContextOptions<PlanStore> ForSqlite(string path) => ForSqlite(path, pooling: false);

    /// <summary>Options for an embedded SQLite file, with or without connection pooling.</summary>
    /// <param name="path">Database file path; created when missing.</param>
    /// <param name="pooling">Pool connections: right for a long-running server (each request would otherwise open the file and
    /// set its pragmas again); off for commands and tests that delete the file afterwards.</param>
    /// <returns>The options.</returns>
    public static DbContextOptions<PlanStore> ForSqlite(string path, bool pooling) =>
        new DbContextOptionsBuilder<PlanStore>()
            .UseSqlite($"Data Source={path};Pooling=" + (pooling ? "True" : "False"))
            .AddInterceptors(SqliteDurability.Instance)
            .Options;

    /// <summary>Opens an SQLite store and applies any pending migrations.</summary>
    /// <param name="path">Database file path.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The open store; dispose it when done.</returns>
    /// <exception cref="Microsoft.Data.Sqlite.SqliteException">When the file cannot be opened or migrated.</exception>
    public static async Task<PlanStore> OpenSqliteAsync(string path, CancellationToken cancellationToken)
    {
        var store = new PlanStore(ForSqlite(path));
        await store.Database.MigrateAsync(cancellationToken);

        // Write-ahead logging (persistent in the file); synchronous=NORMAL is set per connection by SqliteDurability.
        await store.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        return store;
    }

    /// <summary>
    /// Stores a batch of orders (with their goods lines, shipments, legs and parcels) so that a re-run of the same input replaces
    /// rather than duplicates: rows whose <see cref="OrderRecord.SourceKey"/> is already stored are deleted
    /// (their shipments and legs cascade) and the new rows inserted, all in one transaction, so a failure
    /// leaves the store as it was. Rows are inserted with one prepared statement per table built from the EF Core
    /// model (no change tracking), which keeps a 20,000-order run to about a second.
    /// </summary>
    /// <param name="orders">Orders to store; source keys must be unique within the batch.</param>
    /// <param name="remove">Source keys to delete without replacement: orders of the same input that are now rejected,
    /// so a row planned by an earlier run does not outlive the data it came from.</param>
    /// <param name="cancellationToken">Cancels the write (the transaction rolls back).</param>
    /// <returns>The number of orders stored.</returns>
    /// <exception cref="ArgumentException">When two orders in the batch share a source key.</exception>
    /// <exception cref="System.Data.Common.DbException">When the database refuses the write (e.g. a duplicate tracking number); nothing is changed.</exception>
    public async Task<int> ReplaceOrdersAsync(IReadOnlyList<OrderRecord> orders, IEnumerable<string> remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(remove);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in orders)
        {
            if (!keys.Add(o.SourceKey))
            {
                throw new ArgumentException($"order source key '{o.SourceKey}' appears twice in one batch", nameof(orders));
            }
        }

        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in keys.Concat(remove.Where(k => !keys.Contains(k))).Chunk(500))
        {
            await Orders.Where(o => chunk.Contains(o.SourceKey)).ExecuteDeleteAsync(cancellationToken);
        }

        using (var orderRows = new RowWriter<OrderRecord>(this))
        using (var shipmentRows = new RowWriter<ShipmentRecord>(this))
        using (var legRows = new RowWriter<LegRecord>(this))
        using (var parcelRows = new RowWriter<ParcelRecord>(this))
        {
            foreach (var order in orders)
            {
                var orderId = await orderRows.InsertAsync(order, cancellationToken);
                if (order.Shipment is not { } shipment)
                {
                    continue;
                }

                shipment.OrderRecordId = orderId;
                var shipmentId = await shipmentRows.InsertAsync(shipment, cancellationToken);
                foreach (var leg in shipment.Legs)
                {
                    leg.ShipmentRecordId = shipmentId;
                    await legRows.InsertAsync(leg, cancellationToken);
                }

                foreach (var parcel in shipment.Parcels)
                {
                    parcel.ShipmentRecordId = shipmentId;
                    await parcelRows.InsertAsync(parcel, cancellationToken);
                }
            }
        }

        await tx.CommitAsync(cancellationToken);
        return orders.Count;
    }

    /// <summary>Tracking numbers already stored, by order source key (for reuse on a re-run).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Map from source key to tracking number.</returns>
    public async Task<Dictionary<string, string>> TrackingNumbersBySourceKeyAsync(CancellationToken cancellationToken) =>
        await Shipments.AsNoTracking()
            .Select(s => new { s.Order!.SourceKey, s.TrackingNumber })
            .ToDictionaryAsync(x => x.SourceKey, x => x.TrackingNumber, StringComparer.Ordinal, cancellationToken);

    /// <summary>
    /// Stores compliance warnings, skipping any whose key (source key, rule id, change, effective date) is already stored,
    /// so re-running the same impact evaluation never duplicates a warning; and records the evaluation itself. One transaction.
    /// </summary>
    /// <param name="warnings">Warnings found by the evaluation (keys unique within the list, or later duplicates are skipped).</param>
    /// <param name="evaluation">The evaluation run to record.</param>
    /// <param name="cancellationToken">Cancels the write (the transaction rolls back).</param>
    /// <returns>The number of warnings newly stored (0 on a re-run of the same evaluation).</returns>
    /// <exception cref="System.Data.Common.DbException">When the database refuses the write; nothing is changed.</exception>
    public async Task<int> AddComplianceWarningsAsync(IReadOnlyList<ComplianceWarningRecord> warnings, ComplianceEvaluationRecord evaluation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(evaluation);
        await using var tx = await Database.BeginTransactionAsync(cancellationToken);
        var keys = new HashSet<(string, string, ComplianceChange, DateOnly)>();
        foreach (var chunk in warnings.Select(w => w.SourceKey).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var stored = await ComplianceWarnings.AsNoTracking()
                .Where(w => chunk.Contains(w.SourceKey))
                .Select(w => new { w.SourceKey, w.RuleId, w.Change, w.EffectiveOn })
                .ToListAsync(cancellationToken);
            foreach (var k in stored)
            {
                keys.Add((k.SourceKey, k.RuleId, k.Change, k.EffectiveOn));
            }
        }

        var added = 0;
        foreach (var w in warnings)
        {
            if (keys.Add((w.SourceKey, w.RuleId, w.Change, w.EffectiveOn)))
            {
                ComplianceWarnings.Add(w);
                added++;
            }
        }

        ComplianceEvaluations.Add(evaluation);
        await SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        ChangeTracker.Clear();
        return added;
    }

    /// <summary>Opens the store named by exactly one of an SQLite path or a PostgreSQL connection string, migrated.</summary>
    /// <param name="sqlitePath">SQLite file path, or <see langword="null"/> when <paramref name="postgres"/> is given.</param>
    /// <param name="postgres">Npgsql connection string (e.g. <c>Host=127.0.0.1;Port=5432;Username=kuajing;Database=kuajing</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels opening and migrating.</param>
    /// <returns>The open store.</returns>
    /// <exception cref="ArgumentException">When both or neither are given.</exception>
    public static Task<PlanStore> OpenAsync(string? sqlitePath, string? postgres, CancellationToken cancellationToken) =>
        (sqlitePath, postgres) switch
        {
            (not null, null) => OpenSqliteAsync(sqlitePath, cancellationToken),
            (null, not null) => PostgresPlanStore.OpenAsync(postgres, cancellationToken),
            _ => throw new ArgumentException("give exactly one of an SQLite path and a PostgreSQL connection string"),
        };

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OrderRecord>(e =>
        {
            e.ToTable("orders");
            e.HasIndex(o => o.SourceKey).IsUnique();
            e.Property(o => o.SourceKey).HasMaxLength(300);
            e.Property(o => o.OrderId).HasMaxLength(100);
            e.Property(o => o.BuyerCountry).HasMaxLength(2);
            e.Property(o => o.GoodsCurrency).HasMaxLength(3);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne(o => o.Shipment).WithOne(s => s.Order).HasForeignKey<ShipmentRecord>(s => s.OrderRecordId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ShipmentRecord>(e =>
        {
            e.ToTable("shipments");
            e.HasIndex(s => s.TrackingNumber).IsUnique();
            e.HasIndex(s => s.OrderRecordId).IsUnique();
            e.Property(s => s.TrackingNumber).HasMaxLength(13);
            e.Property(s => s.QuoteCurrency).HasMaxLength(3);
            e.Property(s => s.Incoterm).HasMaxLength(3);
            e.Property(s => s.Objective).HasMaxLength(10);
            e.HasMany(s => s.Legs).WithOne(l => l.Shipment).HasForeignKey(l => l.ShipmentRecordId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<LegRecord>(e =>
        {
            e.ToTable("legs");
            e.HasIndex(l => new { l.ShipmentRecordId, l.Sequence }).IsUnique();
            e.Property(l => l.FreightCurrency).HasMaxLength(3);
        });
        modelBuilder.Entity<ParcelRecord>(e =>
        {
            e.ToTable("parcels");
            e.HasIndex(p => new { p.ShipmentRecordId, p.Sequence }).IsUnique();
            e.HasOne(p => p.Shipment).WithMany(s => s.Parcels).HasForeignKey(p => p.ShipmentRecordId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ComplianceWarningRecord>(e =>
        {
            e.ToTable("compliance_warnings");
            e.HasIndex(w => new { w.SourceKey, w.RuleId, w.Change, w.EffectiveOn }).IsUnique();
            e.HasIndex(w => w.TrackingNumber);
            e.Property(w => w.SourceKey).HasMaxLength(300);
            e.Property(w => w.OrderId).HasMaxLength(100);
            e.Property(w => w.TrackingNumber).HasMaxLength(13);
            e.Property(w => w.RuleId).HasMaxLength(100);
            e.Property(w => w.Change).HasConversion<string>().HasMaxLength(20);
            e.Property(w => w.Currency).HasMaxLength(3);
        });
        modelBuilder.Entity<ComplianceEvaluationRecord>(e =>
        {
            e.ToTable("compliance_evaluations");
            e.HasIndex(v => v.AsOf);
        });
    }
}
