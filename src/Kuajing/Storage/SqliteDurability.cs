using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kuajing.Storage;

/// <summary>
/// Sets <c>PRAGMA synchronous=NORMAL</c> on every SQLite connection EF Core opens. The setting is per connection (the
/// WAL journal mode, set once, persists in the file); with WAL, NORMAL is durable across application crashes and is
/// the setting SQLite recommends (https://www.sqlite.org/pragma.html#pragma_synchronous, https://www.sqlite.org/wal.html).
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    /// <summary>The one shared instance (stateless).</summary>
    public static SqliteDurability Instance { get; } = new();

    /// <inheritdoc/>
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    /// <inheritdoc/>
    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }
}
