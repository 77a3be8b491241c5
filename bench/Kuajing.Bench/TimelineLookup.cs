using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Numbers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Kuajing.Bench;

/// <summary>
/// Console mode <c>timeline [--events N] [--shipments M] [--lookups K] [--only sqlite|postgres]</c> (issue #3): timeline
/// lookup latency p50/p99 through <see cref="TimelineService.TimelineAsync"/> for random shipment numbers, with N events
/// (default 1,000,000) stored over M shipments (default 100,000, each with one linked carrier number), beside a raw
/// indexed SELECT of the same rows (one prepared statement on one open connection, every column read) in the same run,
/// lookups interleaved so both see the same cache and load. The events are bulk-loaded (PostgreSQL binary COPY; SQLite
/// prepared INSERTs) with the rows <see cref="TimelineService.CaptureAsync"/> would store, interleaved across shipments
/// as live capture would interleave them.
/// </summary>
internal static class TimelineLookup
{
    private const string RawSelect =
        "SELECT \"Id\", " + CaptureData.Columns + " FROM timeline_events WHERE \"ShipmentNumber\" = @number ORDER BY \"EventTimeUtc\", \"LedgerIndex\"";

    private static readonly string[] Providers = ["postgres", "sqlite"];

    public static async Task<int> Run(string[] args)
    {
        int events = 1_000_000, shipmentCount = 100_000, lookups = 10_000;
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--events" or "--shipments" or "--lookups" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                if (args[i] == "--events")
                {
                    events = n;
                }
                else if (args[i] == "--shipments")
                {
                    shipmentCount = n;
                }
                else
                {
                    lookups = n;
                }
                i++;
            }
            else if (args[i] == "--only" && i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres")
            {
                only = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"timeline: unexpected argument '{args[i]}'; usage: timeline [--events N] [--shipments M] [--lookups K] [--only sqlite|postgres]");
                return 2;
            }
        }

        var admin = Environment.GetEnvironmentVariable(CaptureData.PostgresVariable);
        if (admin is null && only != "sqlite")
        {
            Console.Error.WriteLine($"timeline: {CaptureData.PostgresVariable} is not set; run bench/run-postgres-bench.sh timeline (or pass --only sqlite)");
            return 2;
        }

        BenchMachine.Print($"timeline (lookup latency with {events:N0} events over {shipmentCount:N0} shipments, {lookups:N0} random lookups each way)");
        Console.WriteLine("| store | load (s) | lookup | rows/lookup | p50 ms | p90 ms | p99 ms | max ms | mean ms | TimelineAsync p99 / raw p99 |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        var shipments = CaptureData.Shipments(shipmentCount);
        foreach (var provider in Providers.Where(p => only is null || only == p))
        {
            await MeasureAsync(provider, admin, events, shipments, lookups);
        }

        Console.WriteLine();
        Console.WriteLine($"  load average after: {BenchMachine.LoadAverage()}");
        return 0;
    }

    private static async Task MeasureAsync(string provider, string? admin, int eventCount, string[] shipments, int lookups)
    {
        var dir = Directory.CreateTempSubdirectory("kuajing-bench-timeline-").FullName;
        var pg = provider == "postgres" ? await BenchPostgresDatabase.CreateAsync(admin!) : null;
        try
        {
            var sqlitePath = Path.Combine(dir, "timeline.db");
            var load = Stopwatch.StartNew();
            await using var store = await TimelineStore.OpenAsync(pg is null ? sqlitePath : null, pg?.ConnectionString, CancellationToken.None);
            DbConnection raw = pg is null ? await CaptureData.OpenSqliteCeilingAsync(sqlitePath) : new NpgsqlConnection(pg.ConnectionString);
            await using var _ = raw;
            if (raw.State != System.Data.ConnectionState.Open)
            {
                await raw.OpenAsync();
            }

            await LoadAsync(raw, eventCount, shipments);
            load.Stop();

            using var signer = TreeHeadSigner.Create();
            var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), SystemClock.Instance);
            await using var select = raw.CreateCommand();
            select.CommandText = pg is null ? RawSelect.Replace("@number", "$number", StringComparison.Ordinal) : RawSelect;
            var parameter = select.CreateParameter();
            parameter.ParameterName = pg is null ? "$number" : "number";
            parameter.DbType = System.Data.DbType.String;
            parameter.Value = shipments[0];
            select.Parameters.Add(parameter);
            await select.PrepareAsync();

            var random = new Random(20260302);
            var warmup = Math.Min(1000, lookups);
            var serviceMs = new double[lookups];
            var efOnlyMs = new double[lookups];
            var rawMs = new double[lookups];
            long rowsSeen = 0;
            for (var k = -warmup; k < lookups; k++)
            {
                var index = random.Next(shipments.Length);
                var number = shipments[index];
                var carrier = string.Create(CultureInfo.InvariantCulture, $"LM{index:D12}");
                double a, b;
                int ra, rb;
                if ((k & 1) == 0)
                {
                    (a, ra) = await TimeServiceAsync(service, number);
                    (b, rb) = await TimeRawAsync(select, parameter, number);
                }
                else
                {
                    (b, rb) = await TimeRawAsync(select, parameter, number);
                    (a, ra) = await TimeServiceAsync(service, number);
                }

                if (ra != rb)
                {
                    throw new InvalidOperationException($"{number}: TimelineAsync returned {ra} events, the raw SELECT {rb}");
                }

                var (c, rc) = await TimeEventsQueryAsync(store, number, carrier);
                if (rc != ra)
                {
                    throw new InvalidOperationException($"{number}: the EF events query returned {rc} events, TimelineAsync {ra}");
                }

                if (k >= 0)
                {
                    efOnlyMs[k] = c;
                    serviceMs[k] = a;
                    rawMs[k] = b;
                    rowsSeen += ra;
                }
            }

            // The events query TimelineAsync issues, rebuilt with the same LINQ, so its SQL (and plan) can be shown.
            List<string> shipmentList = [shipments[0]];
            List<string> carrierList = ["LM000000000000"];
            Console.Error.WriteLine($"{provider}: TimelineAsync's events query as EF Core renders it:");
            Console.Error.WriteLine(store.Events.AsNoTracking()
                .Where(e => (e.ShipmentNumber != null && shipmentList.Contains(e.ShipmentNumber)) || (e.CarrierNumber != null && carrierList.Contains(e.CarrierNumber)))
                .OrderBy(e => e.EventTimeUtc).ThenBy(e => e.LedgerIndex).ToQueryString());
            Array.Sort(serviceMs);
            Array.Sort(efOnlyMs);
            Array.Sort(rawMs);
            var name = pg is null ? "SQLite" : "PostgreSQL";
            var rowsPerLookup = rowsSeen / (double)lookups;
            var ratio = CaptureThroughput.Percentile(serviceMs, 0.99) / CaptureThroughput.Percentile(rawMs, 0.99);
            Print(name, load.Elapsed.TotalSeconds, "**TimelineService.TimelineAsync**", rowsPerLookup, serviceMs, $"**{ratio:0.00}×**");
            Print(name, load.Elapsed.TotalSeconds, "raw indexed SELECT", rowsPerLookup, rawMs, "");
            Print(name, load.Elapsed.TotalSeconds, "(diagnosis) TimelineAsync's events query alone, same LINQ, links query skipped", rowsPerLookup, efOnlyMs,
                string.Create(CultureInfo.InvariantCulture, $"{CaptureThroughput.Percentile(efOnlyMs, 0.99) / CaptureThroughput.Percentile(rawMs, 0.99):0.00}×"));
        }
        finally
        {
            if (pg is not null)
            {
                await pg.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Print(string store, double load, string lookup, double rows, double[] sorted, string ratio) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {store} | {load:0.0} | {lookup} | {rows:0.0} | {CaptureThroughput.Percentile(sorted, 0.50):0.000} | {CaptureThroughput.Percentile(sorted, 0.90):0.000} | {CaptureThroughput.Percentile(sorted, 0.99):0.000} | {sorted[^1]:0.000} | {sorted.Average():0.000} | {ratio} |"));

    private static async Task<(double Ms, int Rows)> TimeServiceAsync(TimelineService service, string number)
    {
        var t = Stopwatch.GetTimestamp();
        var (_, events) = await service.TimelineAsync(number, CancellationToken.None);
        return (Stopwatch.GetElapsedTime(t).TotalMilliseconds, events.Count);
    }

    /// <summary>Only the events query of <see cref="TimelineService.TimelineAsync"/> (same LINQ, the shipment and its one linked number known).</summary>
    private static async Task<(double Ms, int Rows)> TimeEventsQueryAsync(TimelineStore store, string number, string carrier)
    {
        var t = Stopwatch.GetTimestamp();
        List<string> shipmentList = [number];
        List<string> carrierList = [carrier];
        var events = await store.Events.AsNoTracking()
            .Where(e => (e.ShipmentNumber != null && shipmentList.Contains(e.ShipmentNumber)) || (e.CarrierNumber != null && carrierList.Contains(e.CarrierNumber)))
            .OrderBy(e => e.EventTimeUtc).ThenBy(e => e.LedgerIndex)
            .ToListAsync();
        return (Stopwatch.GetElapsedTime(t).TotalMilliseconds, events.Count);
    }

    private static async Task<(double Ms, int Rows)> TimeRawAsync(DbCommand select, DbParameter parameter, string number)
    {
        var t = Stopwatch.GetTimestamp();
        parameter.Value = number;
        var rows = new List<TimelineEventRecord>();
        await using (var r = await select.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                rows.Add(new TimelineEventRecord
                {
                    Id = r.GetInt64(0),
                    LedgerIndex = r.GetInt64(1),
                    EventKey = r.GetString(2),
                    ShipmentNumber = r.IsDBNull(3) ? null : r.GetString(3),
                    CarrierNumber = r.IsDBNull(4) ? null : r.GetString(4),
                    EventTimeUtc = r.GetDateTime(5),
                    EventTimeOffsetMinutes = r.GetInt32(6),
                    RecordedAtUtc = r.GetDateTime(7),
                    Milestone = r.GetString(8),
                    Location = r.IsDBNull(9) ? null : r.GetString(9),
                    SourceFormat = r.GetString(10),
                    SourceRef = r.GetString(11),
                    Payload = r.GetString(12),
                    CanonicalHash = r.GetFieldValue<byte[]>(13),
                });
            }
        }

        return (Stopwatch.GetElapsedTime(t).TotalMilliseconds, rows.Count);
    }

    /// <summary>Bulk-loads the events (event i on shipment i mod M, ledger index i) and one carrier-number link per shipment.</summary>
    private static async Task LoadAsync(DbConnection connection, int eventCount, string[] shipments)
    {
        const int chunk = 100_000;
        var now = DateTime.UtcNow;
        var rows = new TimelineEventRecord[chunk];
        for (var from = 0; from < eventCount; from += chunk)
        {
            var n = Math.Min(chunk, eventCount - from);
            Parallel.For(0, n, i => rows[i] = CaptureData.Row(CaptureData.Event("tl", from + i, shipments[(from + i) % shipments.Length]), from + i, now));
            if (connection is NpgsqlConnection pg)
            {
                await CaptureData.CopyAsync(pg, rows, 0, n);
            }
            else
            {
                CaptureData.Insert((SqliteConnection)connection, rows, 0, n);
            }
        }

        // One last-mile number per shipment, so TimelineAsync's carrier-number query finds a link (its events are all under the shipment).
        if (connection is NpgsqlConnection npg)
        {
            await using (var import = await npg.BeginBinaryImportAsync("COPY number_links (\"CarrierNumber\", \"Kind\", \"ShipmentNumber\", \"LegSequence\") FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < shipments.Length; i++)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"LM{i:D12}"), NpgsqlDbType.Varchar);
                    await import.WriteAsync("LastMile", NpgsqlDbType.Varchar);
                    await import.WriteAsync(shipments[i], NpgsqlDbType.Varchar);
                    await import.WriteAsync(3, NpgsqlDbType.Integer);
                }

                await import.CompleteAsync();
            }

            foreach (var table in (string[])["timeline_events", "number_links"])
            {
                await using var analyze = new NpgsqlCommand($"VACUUM ANALYZE {table}", npg);
                await analyze.ExecuteNonQueryAsync();
            }
        }
        else
        {
            var sqlite = (SqliteConnection)connection;
            using (var tx = sqlite.BeginTransaction())
            {
                using var cmd = sqlite.CreateCommand();
                cmd.Transaction = tx;
                cmd.CommandText = "INSERT INTO number_links (\"CarrierNumber\", \"Kind\", \"ShipmentNumber\", \"LegSequence\") VALUES ($c, 'LastMile', $s, 3)";
                var c = cmd.Parameters.Add("$c", SqliteType.Text);
                var s = cmd.Parameters.Add("$s", SqliteType.Text);
                for (var i = 0; i < shipments.Length; i++)
                {
                    c.Value = string.Create(CultureInfo.InvariantCulture, $"LM{i:D12}");
                    s.Value = shipments[i];
                    cmd.ExecuteNonQuery();
                }

                tx.Commit();
            }

            // No ANALYZE: Kuajing never runs it on SQLite, and with statistics saying CarrierNumber is (almost) always NULL
            // SQLite 3.40 plans TimelineAsync's "ShipmentNumber = ? OR CarrierNumber = ?" as a full table scan (see docs/benchmarks.md §6).
        }
    }
}
