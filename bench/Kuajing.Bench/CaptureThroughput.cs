using System.Diagnostics;
using System.Globalization;
using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking;
using Kuajing.Tracking.Numbers;
using Kuajing.Tracking.Events;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;

namespace Kuajing.Bench;

/// <summary>
/// Console mode <c>capture [--seconds S] [--only sqlite|postgres]</c> (issue #3): events captured per second through
/// <see cref="TimelineService.CaptureAsync"/> (resolve, de-duplicate, insert, ledger append, signed tree head, one
/// durable commit per batch) for batch sizes 1, 100 and 1000, on SQLite (file, WAL, synchronous=NORMAL as the store sets
/// it) and on PostgreSQL (the server in <c>KUAJING_BENCH_POSTGRES</c>; run it through <c>bench/run-postgres-bench.sh</c>,
/// fsync=on, synchronous_commit=on). Beside each, in the same run and on a fresh database with the same schema, the
/// ceiling: the same rows written with no Kuajing code, one transaction per batch (PostgreSQL: binary COPY; SQLite: one
/// prepared INSERT per row), and once more as one single transaction of all rows. With <c>--phases</c>: the time per step of
/// a capture instead (<see cref="CapturePhases"/>).
/// </summary>
internal static class CaptureThroughput
{
    private static readonly int[] BatchSizes = [1, 100, 1000];

    private static readonly string[] Providers = ["sqlite", "postgres"];

    public static async Task<int> Run(string[] args)
    {
        var seconds = 8.0;
        string? only = null;
        var phases = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--seconds" && i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
            {
                seconds = s;
                i++;
            }
            else if (args[i] == "--phases")
            {
                phases = true;
            }
            else if (args[i] == "--only" && i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres")
            {
                only = args[++i];
            }
            else
            {
                Console.Error.WriteLine($"capture: unexpected argument '{args[i]}'; usage: capture [--seconds S] [--only sqlite|postgres] [--phases]");
                return 2;
            }
        }

        var admin = Environment.GetEnvironmentVariable(CaptureData.PostgresVariable);
        if (admin is null && only != "sqlite")
        {
            Console.Error.WriteLine($"capture: {CaptureData.PostgresVariable} is not set; run bench/run-postgres-bench.sh capture (or pass --only sqlite)");
            return 2;
        }

        BenchMachine.Print($"capture (events captured per second with ledger append and durable commits; ≥ {seconds:0.#} s per measurement)");
        if (admin is not null)
        {
            await PrintPostgresSettingsAsync(admin);
        }

        var shipments = CaptureData.Shipments(8);
        if (phases)
        {
            CapturePhases.PrintHeader();
            foreach (var provider in Providers.Where(p => only is null || only == p))
            {
                foreach (var batch in BatchSizes)
                {
                    foreach (var path in Enum.GetValues<InsertPath>())
                    {
                        await CapturePhases.RunAsync(provider, admin, batch, seconds, shipments, path);
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine($"  load average after: {BenchMachine.LoadAverage()}");
            return 0;
        }

        Console.WriteLine("| store | batch | Kuajing events/s | batches | events | p50 ms/batch | p99 ms/batch | first → last quarter events/s | ceiling events/s (same batches) | Kuajing / ceiling | ceiling: one transaction of all rows, events/s | Kuajing / that |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var provider in Providers.Where(p => only is null || only == p))
        {
            foreach (var batch in BatchSizes)
            {
                await MeasureAsync(provider, admin, batch, seconds, shipments);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"  load average after: {BenchMachine.LoadAverage()}");
        return 0;
    }

    private static async Task PrintPostgresSettingsAsync(string admin)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT version(), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_sync_method'), current_setting('shared_buffers')", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine($"  PostgreSQL: {reader.GetString(0)}");
        Console.WriteLine($"  fsync={reader.GetString(1)} synchronous_commit={reader.GetString(2)} wal_sync_method={reader.GetString(3)} shared_buffers={reader.GetString(4)}");
        Console.WriteLine("  SQLite: file in the system temp folder; TimelineStore.OpenAsync sets journal_mode=WAL and synchronous=NORMAL on its first connection (capture --phases prints what later connections run with)");
        Console.WriteLine();
    }

    private static async Task MeasureAsync(string provider, string? admin, int batch, double seconds, string[] shipments)
    {
        var warmup = batch == 1 ? 200 : 5 * batch;
        var capacity = warmup + (batch == 1 ? 40_000 : batch == 100 ? 300_000 : 500_000);
        var run = $"{provider}-b{batch}-{Guid.NewGuid():N}"[..24];
        var events = CaptureData.Events(run, capacity, shipments);

        // Kuajing: TimelineService.CaptureAsync per batch, one service and store for the whole run (as a capture process holds them).
        var dir = Directory.CreateTempSubdirectory("kuajing-bench-capture-").FullName;
        try
        {
            BenchPostgresDatabase? pg = provider == "postgres" ? await BenchPostgresDatabase.CreateAsync(admin!) : null;
            var times = new List<double>();
            int captured;
            try
            {
                await using var store = await TimelineStore.OpenAsync(pg is null ? Path.Combine(dir, "kuajing.db") : null, pg?.ConnectionString, CancellationToken.None);
                using var signer = TreeHeadSigner.Create();
                var service = new TimelineService(store, signer, CarrierNumberValidator.LoadBundled(), SystemClock.Instance);
                for (var at = 0; at < warmup; at += batch)
                {
                    Check(await service.CaptureAsync(new ArraySegment<TrackingEvent>(events, at, batch), CancellationToken.None), batch);
                }

                var clock = Stopwatch.StartNew();
                var at2 = warmup;
                while (clock.Elapsed.TotalSeconds < seconds && at2 + batch <= events.Length)
                {
                    var t = clock.Elapsed.TotalMilliseconds;
                    Check(await service.CaptureAsync(new ArraySegment<TrackingEvent>(events, at2, batch), CancellationToken.None), batch);
                    times.Add(clock.Elapsed.TotalMilliseconds - t);
                    at2 += batch;
                }

                captured = at2 - warmup;
            }
            finally
            {
                if (pg is not null)
                {
                    await pg.DisposeAsync();
                }
            }

            var kuajingSeconds = times.Sum() / 1000;
            var kuajingRate = captured / kuajingSeconds;
            var quarter = Math.Max(1, times.Count / 4);
            var firstQuarter = quarter * batch / (times.Take(quarter).Sum() / 1000);
            var lastQuarter = quarter * batch / (times.TakeLast(quarter).Sum() / 1000);

            // Ceilings: the same rows (warm-up included, untimed) on a fresh database with the same schema.
            var now = DateTime.UtcNow;
            var rows = new TimelineEventRecord[warmup + captured];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = CaptureData.Row(events[i], i, now);
            }

            var ceilingRate = await CeilingAsync(provider, admin, dir, rows, warmup, batch, "per-batch");
            var bulkRate = await CeilingAsync(provider, admin, dir, rows, warmup, rows.Length - warmup, "bulk");
            var sorted = times.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {(provider == "sqlite" ? "SQLite" : "PostgreSQL")} | {batch:N0} | **{kuajingRate:N0}** | {times.Count:N0} | {captured:N0} | {Percentile(sorted, 0.50):0.00} | {Percentile(sorted, 0.99):0.00} | {firstQuarter:N0} → {lastQuarter:N0} | {ceilingRate:N0} | {kuajingRate / ceilingRate:P0} | {bulkRate:N0} | {kuajingRate / bulkRate:P0} |"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<double> CeilingAsync(string provider, string? admin, string dir, TimelineEventRecord[] rows, int warmup, int batch, string name)
    {
        var clock = new Stopwatch();
        if (provider == "postgres")
        {
            await using var pg = await BenchPostgresDatabase.CreateAsync(admin!);
            await (await TimelineStore.OpenAsync(null, pg.ConnectionString, CancellationToken.None)).DisposeAsync(); // same schema (migrations)
            await using (var conn = new NpgsqlConnection(pg.ConnectionString))
            {
                await conn.OpenAsync();
                for (var at = 0; at < warmup; at += Math.Min(batch, warmup))
                {
                    await CaptureData.CopyAsync(conn, rows, at, Math.Min(at + Math.Min(batch, warmup), warmup));
                }

                clock.Start();
                for (var at = warmup; at < rows.Length; at += batch)
                {
                    await CaptureData.CopyAsync(conn, rows, at, Math.Min(at + batch, rows.Length));
                }

                clock.Stop();
            }

            return (rows.Length - warmup) / clock.Elapsed.TotalSeconds;
        }

        using (var conn = await CaptureData.OpenSqliteCeilingAsync(Path.Combine(dir, $"ceiling-{name}.db")))
        {
            for (var at = 0; at < warmup; at += Math.Min(batch, warmup))
            {
                CaptureData.Insert(conn, rows, at, Math.Min(at + Math.Min(batch, warmup), warmup));
            }

            clock.Start();
            for (var at = warmup; at < rows.Length; at += batch)
            {
                CaptureData.Insert(conn, rows, at, Math.Min(at + batch, rows.Length));
            }

            clock.Stop();
        }

        return (rows.Length - warmup) / clock.Elapsed.TotalSeconds;
    }

    private static void Check(CaptureResult result, int batch)
    {
        if (!result.Accepted || result.Stored != batch)
        {
            throw new InvalidOperationException($"capture refused or skipped events: stored {result.Stored} of {batch}, {result.Duplicates} duplicates, errors: {string.Join("; ", result.Errors.Take(3))}");
        }
    }

    /// <summary>Nearest-rank percentile of an ascending array.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
