using System.Security.Cryptography;
using System.Text;
using Kuajing.Geography;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Events;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Kuajing.Bench;

/// <summary>
/// Synthetic tracking events for the capture and timeline benchmarks (built like
/// <c>tests/Kuajing.Tests/Timeline/TimelineServiceTests.cs</c> does), the plain rows the ceilings write, and throw-away
/// databases (a fresh PostgreSQL database per measurement, or a fresh SQLite file).
/// </summary>
internal static class CaptureData
{
    /// <summary>Environment variable holding the admin connection string of the benchmark's PostgreSQL server.</summary>
    public const string PostgresVariable = "KUAJING_BENCH_POSTGRES";

    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    private static readonly TrackingMilestone[] Milestones =
    [
        TrackingMilestone.PickedUp, TrackingMilestone.Departed, TrackingMilestone.Arrived, TrackingMilestone.Delivered,
    ];

    private static readonly string[] Places = ["CNSZX", "CNSHA", "HKHKG", "DEFRA", "NLAMS", "GBLHR", "USJFK", "FRCDG"];

    /// <summary><paramref name="count"/> valid Kuajing S10 numbers (sequences 1..count, origin CN).</summary>
    public static string[] Shipments(int count)
    {
        var allocator = new TrackingNumberAllocator();
        var origin = new CountryCode("CN");
        return [.. Enumerable.Range(1, count).Select(i => allocator.Allocate(i, origin).ToString())];
    }

    /// <summary>Event number <paramref name="i"/> of a run: a distinct event id, on shipment <c>shipments[i % n]</c>.</summary>
    public static TrackingEvent Event(string run, long i, string shipment) => new()
    {
        EventId = $"{run}-{i}",
        ContentHash = "kj:sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{run}|{i}|{shipment}"))),
        Type = TrackingEventType.CarrierStatus,
        EventTime = Start + Duration.FromMinutes(i),
        EventTimeOffset = Offset.FromHours(8),
        Milestone = Milestones[i % Milestones.Length],
        Location = new EventLocation(UnLocode: Places[i % Places.Length]),
        References = [new ShipmentReference("tracking", shipment)],
        Source = new EventSource(EventSourceFormat.Carrier, "bench", $"/events/{i}"),
    };

    /// <summary>Events <c>0..count-1</c> of a run, round-robin over <paramref name="shipments"/>.</summary>
    public static TrackingEvent[] Events(string run, int count, string[] shipments) =>
        [.. Enumerable.Range(0, count).Select(i => Event(run, i, shipments[i % shipments.Length]))];

    /// <summary>
    /// The row <see cref="TimelineService.CaptureAsync"/> stores for an event at a ledger index (same columns and values),
    /// built ahead of the ceiling's timing so the ceiling writes the same bytes with no Kuajing code in its loop.
    /// </summary>
    public static TimelineEventRecord Row(TrackingEvent e, long ledgerIndex, DateTime recordedAtUtc)
    {
        var key = "id:" + e.EventId;
        var payload = TimelineService.CanonicalPayload(e, key);
        return new TimelineEventRecord
        {
            LedgerIndex = ledgerIndex,
            EventKey = key,
            ShipmentNumber = e.References[0].Value,
            CarrierNumber = null,
            EventTimeUtc = e.EventTime.ToDateTimeUtc(),
            EventTimeOffsetMinutes = (int)(e.EventTimeOffset.Seconds / 60),
            RecordedAtUtc = recordedAtUtc,
            Milestone = e.Milestone.ToString(),
            Location = e.Location.UnLocode,
            SourceFormat = e.Source.Format.ToString(),
            SourceRef = e.Source.Document + "#" + e.Source.Locator,
            Payload = payload,
            CanonicalHash = SHA256.HashData(Encoding.UTF8.GetBytes(payload)),
        };
    }

    /// <summary>The column list of <c>timeline_events</c> without the identity key, in the order the ceilings write it.</summary>
    public const string Columns =
        "\"LedgerIndex\", \"EventKey\", \"ShipmentNumber\", \"CarrierNumber\", \"EventTimeUtc\", \"EventTimeOffsetMinutes\", " +
        "\"RecordedAtUtc\", \"Milestone\", \"Location\", \"SourceFormat\", \"SourceRef\", \"Payload\", \"CanonicalHash\"";

    /// <summary>PostgreSQL ceiling: one binary COPY of <paramref name="rows"/>[from..to) into <c>timeline_events</c> (its own transaction).</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<TimelineEventRecord> rows, int from, int to)
    {
        await using var import = await connection.BeginBinaryImportAsync($"COPY timeline_events ({Columns}) FROM STDIN (FORMAT BINARY)");
        for (var i = from; i < to; i++)
        {
            var r = rows[i];
            await import.StartRowAsync();
            await import.WriteAsync(r.LedgerIndex, NpgsqlDbType.Bigint);
            await import.WriteAsync(r.EventKey, NpgsqlDbType.Varchar);
            await WriteNullableAsync(import, r.ShipmentNumber);
            await WriteNullableAsync(import, r.CarrierNumber);
            await import.WriteAsync(r.EventTimeUtc, NpgsqlDbType.TimestampTz);
            await import.WriteAsync(r.EventTimeOffsetMinutes, NpgsqlDbType.Integer);
            await import.WriteAsync(r.RecordedAtUtc, NpgsqlDbType.TimestampTz);
            await import.WriteAsync(r.Milestone, NpgsqlDbType.Varchar);
            await WriteNullableAsync(import, r.Location, NpgsqlDbType.Text);
            await import.WriteAsync(r.SourceFormat, NpgsqlDbType.Varchar);
            await import.WriteAsync(r.SourceRef, NpgsqlDbType.Text);
            await import.WriteAsync(r.Payload, NpgsqlDbType.Text);
            await import.WriteAsync(r.CanonicalHash, NpgsqlDbType.Bytea);
        }

        await import.CompleteAsync();
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, NpgsqlDbType type = NpgsqlDbType.Varchar)
    {
        if (value is null)
        {
            await import.WriteNullAsync();
        }
        else
        {
            await import.WriteAsync(value, type);
        }
    }

    /// <summary>SQLite ceiling: one prepared INSERT per row of <paramref name="rows"/>[from..to), in one transaction.</summary>
    public static void Insert(SqliteConnection connection, IReadOnlyList<TimelineEventRecord> rows, int from, int to)
    {
        using var tx = connection.BeginTransaction();
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"INSERT INTO timeline_events ({Columns}) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12)";
        var p = new SqliteParameter[13];
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = cmd.CreateParameter();
            p[k].ParameterName = "$p" + k;
            cmd.Parameters.Add(p[k]);
        }

        cmd.Prepare();
        for (var i = from; i < to; i++)
        {
            var r = rows[i];
            p[0].Value = r.LedgerIndex;
            p[1].Value = r.EventKey;
            p[2].Value = (object?)r.ShipmentNumber ?? DBNull.Value;
            p[3].Value = (object?)r.CarrierNumber ?? DBNull.Value;
            p[4].Value = r.EventTimeUtc; // same TEXT encoding EF Core's SQLite provider writes ("yyyy-MM-dd HH:mm:ss.FFFFFFF")
            p[5].Value = r.EventTimeOffsetMinutes;
            p[6].Value = r.RecordedAtUtc;
            p[7].Value = r.Milestone;
            p[8].Value = (object?)r.Location ?? DBNull.Value;
            p[9].Value = r.SourceFormat;
            p[10].Value = r.SourceRef;
            p[11].Value = r.Payload;
            p[12].Value = r.CanonicalHash;
            cmd.ExecuteNonQuery();
        }

        tx.Commit();
    }

    /// <summary>Opens a connection to a fresh SQLite file with the timeline schema and the store's pragmas (WAL, synchronous=NORMAL).</summary>
    public static async Task<SqliteConnection> OpenSqliteCeilingAsync(string path)
    {
        await (await TimelineStore.OpenAsync(path, null, CancellationToken.None)).DisposeAsync(); // migrate
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }
}

/// <summary>A fresh, empty PostgreSQL database on the benchmark server, dropped on dispose.</summary>
internal sealed class BenchPostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private BenchPostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>Connection string of the new database (pooled, as a long-running service would use it).</summary>
    public string ConnectionString { get; }

    /// <summary>Creates the database on the server named by <see cref="CaptureData.PostgresVariable"/>.</summary>
    public static async Task<BenchPostgresDatabase> CreateAsync(string admin)
    {
        var name = "kuajing_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new BenchPostgresDatabase(admin, name, builder.ConnectionString);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(_admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
