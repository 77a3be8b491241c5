using Kuajing.Tests.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kuajing.Web.Tests.Infrastructure;

/// <summary>
/// The real server (Kuajing.Web.Program) in memory over a fresh store: an SQLite file in a temp folder, or a fresh
/// database on the PostgreSQL server test.sh starts (KUAJING_TEST_POSTGRES; missing → the test fails, never skips).
/// </summary>
public sealed class KuajingServerFactory : WebApplicationFactory<Program>
{
    private readonly string? _folder;
    private readonly PostgresDatabase? _postgres;

    private KuajingServerFactory(string? folder, PostgresDatabase? postgres)
    {
        _folder = folder;
        _postgres = postgres;
    }

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqlitePath => _folder is null ? null : Path.Combine(_folder, "kuajing.db");

    /// <summary>The PostgreSQL connection string, or null on SQLite.</summary>
    public string? PostgresConnection => _postgres?.ConnectionString;

    /// <summary>Creates a server over the named provider: <c>sqlite</c> or <c>postgresql</c>.</summary>
    public static async Task<KuajingServerFactory> CreateAsync(string provider)
    {
        if (provider == "postgresql")
        {
            return new KuajingServerFactory(null, await PostgresDatabase.CreateAsync());
        }

        var folder = Path.Combine(Path.GetTempPath(), "kuajing-web-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new KuajingServerFactory(folder, null);
    }

    /// <inheritdoc/>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (SqlitePath is not null)
        {
            builder.UseSetting("Kuajing:Db", SqlitePath);
        }
        else
        {
            builder.UseSetting("Kuajing:Postgres", PostgresConnection);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on some platforms; the temp folder is cleaned by the OS.
            }
        }

        GC.SuppressFinalize(this);
    }
}
