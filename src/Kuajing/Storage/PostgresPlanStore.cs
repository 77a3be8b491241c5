using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Kuajing.Storage;

/// <summary>
/// The <see cref="PlanStore"/> on PostgreSQL (Npgsql), for production: the same tables and columns, its own
/// migrations (<c>src/Kuajing/Storage/Migrations/Postgres</c>). Tested against a real PostgreSQL server that
/// <c>test.sh</c> installs from Debian and starts for the run.
/// </summary>
public sealed class PostgresPlanStore : PlanStore
{
    /// <summary>Creates a store over configured options.</summary>
    /// <param name="options">EF Core options for Npgsql.</param>
    public PostgresPlanStore(DbContextOptions<PostgresPlanStore> options)
        : base(options)
    {
    }

    /// <summary>Options for a PostgreSQL database.</summary>
    /// <param name="connectionString">Npgsql connection string.</param>
    /// <returns>Options for <see cref="PostgresPlanStore(DbContextOptions{PostgresPlanStore})"/>.</returns>
    public static DbContextOptions<PostgresPlanStore> ForPostgres(string connectionString) =>
        new DbContextOptionsBuilder<PostgresPlanStore>()
            .UseNpgsql(connectionString)
            .Options;

    /// <summary>Opens a PostgreSQL store and applies any pending migrations.</summary>
    /// <param name="connectionString">Npgsql connection string; the database must exist.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The open store; dispose it when done.</returns>
    /// <exception cref="Npgsql.NpgsqlException">When the server cannot be reached or the migration fails.</exception>
    public static async Task<PlanStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var store = new PostgresPlanStore(ForPostgres(connectionString));
        await store.Database.MigrateAsync(cancellationToken);
        return store;
    }

    /// <inheritdoc/>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Order times are local times as the source gives them (no zone): PostgreSQL keeps them without one.
        modelBuilder.Entity<OrderRecord>().Property(o => o.PlacedAt).HasColumnType("timestamp without time zone");
    }
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresPlanStore</c> build the model without a server.</summary>
internal sealed class DesignTimePostgresPlanStoreFactory : IDesignTimeDbContextFactory<PostgresPlanStore>
{
    /// <inheritdoc/>
    public PostgresPlanStore CreateDbContext(string[] args) =>
        new(PostgresPlanStore.ForPostgres("Host=127.0.0.1;Database=kuajing_design_time"));
}
