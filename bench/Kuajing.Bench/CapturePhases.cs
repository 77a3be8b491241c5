using System.Diagnostics;
using System.Globalization;
using Kuajing.Ledger;
using Kuajing.Timeline;
using Kuajing.Tracking.Events;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Kuajing.Bench;

/// <summary>
/// <c>capture --phases</c>: where <see cref="TimelineService.CaptureAsync"/>'s time goes. It cannot be timed from inside
/// (src/ is not the benchmark's to change), so this replays the same steps, in the same order, with the same EF Core
/// store and the same public calls (<see cref="TimelineService.CanonicalPayload"/>, <see cref="MerkleTree"/>,
/// <see cref="TreeHeadSigner"/>), with a Stopwatch around each: the links query, the de-duplication query, building the
/// rows (canonical JSON + SHA-256), BEGIN, ledger append + tree-head signing, EF <c>SaveChanges</c> (change tracking and
/// INSERTs), COMMIT. A second pass ("what if") replaces only the EF insert of the events by the ceiling's writer (binary
/// COPY on PostgreSQL, one prepared INSERT per row on SQLite) inside the same transaction, the tree head still through EF.
/// </summary>
/// <summary>How a replayed capture writes its rows.</summary>
internal enum InsertPath
{
    /// <summary>EF Core <c>AddRange</c> + <c>SaveChanges</c> on one long-lived context, as <see cref="TimelineService.CaptureAsync"/> does.</summary>
    EfTracked,

    /// <summary>The same, with the change tracker cleared after each commit.</summary>
    EfCleared,

    /// <summary>Events through the ceiling's writer inside the EF transaction; the tree head still through EF.</summary>
    Copy,
}

internal static class CapturePhases
{
    private static readonly string[] PhaseNames = ["links query", "dedup query", "build rows (JSON+SHA-256)", "BEGIN", "ledger append + sign", "insert events + head", "COMMIT (+ tracker clear)"];

    public static async Task RunAsync(string provider, string? admin, int batch, double seconds, string[] shipments, InsertPath path)
    {
        var warmup = batch == 1 ? 200 : 5 * batch;
        var run = $"ph-{provider}-{batch}-{Guid.NewGuid():N}"[..24];
        var events = CaptureData.Events(run, warmup + (batch == 1 ? 40_000 : 500_000), shipments);
        var dir = Directory.CreateTempSubdirectory("kuajing-bench-phases-").FullName;
        var pg = provider == "postgres" ? await BenchPostgresDatabase.CreateAsync(admin!) : null;
        try
        {
            await using var store = await TimelineStore.OpenAsync(pg is null ? Path.Combine(dir, "p.db") : null, pg?.ConnectionString, CancellationToken.None);
            var synchronous = pg is null ? await SqliteSynchronousAsync(store) : "n/a";
            using var signer = TreeHeadSigner.Create();
            var tree = new MerkleTree(new InMemoryTransparencyLogStore());
            var phase = new double[PhaseNames.Length];
            var at = 0;
            var count = 0;
            var clock = Stopwatch.StartNew();
            while (at + batch <= events.Length && (at < warmup || clock.Elapsed.TotalSeconds < seconds))
            {
                if (at == warmup)
                {
                    Array.Clear(phase);
                    clock.Restart();
                }

                var slice = new ArraySegment<TrackingEvent>(events, at, batch);
                var t = Stopwatch.GetTimestamp();
                var keys = slice.Select(e => "id:" + e.EventId).ToArray();
                var refKeys = slice.SelectMany(e => e.References).Select(r => r.Value).Distinct().ToArray();
                _ = await store.NumberLinks.AsNoTracking().Where(l => refKeys.Contains(l.CarrierNumber)).ToListAsync();
                t = Lap(phase, 0, t);
                _ = await store.Events.AsNoTracking().Where(x => keys.Contains(x.EventKey)).Select(x => x.EventKey).ToListAsync();
                t = Lap(phase, 1, t);
                var now = DateTime.UtcNow;
                var rows = new TimelineEventRecord[batch];
                for (var i = 0; i < batch; i++)
                {
                    rows[i] = CaptureData.Row(slice[i], tree.Size + i, now);
                }

                t = Lap(phase, 2, t);
                await using var tx = await store.Database.BeginTransactionAsync();
                t = Lap(phase, 3, t);
                foreach (var r in rows)
                {
                    tree.Append(new MerkleHash(r.CanonicalHash));
                }

                var head = signer.Sign(tree.Size, tree.RootHash(), NodaTime.Instant.FromDateTimeUtc(now));
                t = Lap(phase, 4, t);
                if (path == InsertPath.Copy)
                {
                    await WriteRowsAsync(store, tx, rows);
                }
                else
                {
                    store.Events.AddRange(rows);
                }

                store.TreeHeads.Add(new TreeHeadRecord { TreeSize = head.TreeSize, SignedAtUtc = now, RootHash = head.RootHash.ToArray(), Signature = [.. head.Signature], KeyId = head.KeyId });
                await store.SaveChangesAsync();
                t = Lap(phase, 5, t);
                await tx.CommitAsync();
                if (path != InsertPath.EfTracked)
                {
                    store.ChangeTracker.Clear(); // what CaptureAsync does not do: its store keeps every row it ever inserted tracked
                }

                Lap(phase, 6, t);
                at += batch;
                if (at > warmup)
                {
                    count += batch;
                }
            }

            var total = phase.Sum();
            var name = pg is null ? "SQLite" : "PostgreSQL";
            var cells = string.Join(" | ", phase.Select(ms => string.Create(CultureInfo.InvariantCulture, $"{ms * 1000 / count:0.0} ({ms / total:P0})")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {batch:N0} | {Describe(path)} | {synchronous} | {count / (total / 1000):N0} | {cells} |"));
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

    private static string Describe(InsertPath path) => path switch
    {
        InsertPath.EfTracked => "as CaptureAsync: EF SaveChanges, rows stay tracked",
        InsertPath.EfCleared => "EF SaveChanges + ChangeTracker.Clear() per batch",
        _ => "events by COPY (PG) / prepared INSERT (SQLite), tracker cleared",
    };

    public static void PrintHeader()
    {
        Console.WriteLine("| store | batch | insert path | SQLite synchronous seen by the store's next connection | events/s | " + string.Join(" | ", PhaseNames.Select(n => n + " µs/event (share)")) + " |");
        Console.WriteLine("|---|---:|---|---|---:|" + string.Concat(PhaseNames.Select(_ => "---:|")));
    }

    private static long Lap(double[] phase, int index, long since)
    {
        var now = Stopwatch.GetTimestamp();
        phase[index] += Stopwatch.GetElapsedTime(since, now).TotalMilliseconds;
        return now;
    }

    /// <summary>What EF Core's next command on this store runs with: SQLite's <c>synchronous</c> is per connection (0 OFF, 1 NORMAL, 2 FULL).</summary>
    private static async Task<string> SqliteSynchronousAsync(TimelineStore store)
    {
        var connection = store.Database.GetDbConnection();
        await connection.OpenAsync();
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA synchronous";
            var value = Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            return value switch { 0 => "0 (OFF)", 1 => "1 (NORMAL)", 2 => "2 (FULL)", _ => value.ToString(CultureInfo.InvariantCulture) };
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    private static async Task WriteRowsAsync(TimelineStore store, IDbContextTransaction tx, TimelineEventRecord[] rows)
    {
        var connection = store.Database.GetDbConnection();
        if (connection is NpgsqlConnection npgsql)
        {
            await CaptureData.CopyAsync(npgsql, rows, 0, rows.Length); // joins the open transaction
            return;
        }

        var sqlite = (SqliteConnection)connection;
        await using var cmd = sqlite.CreateCommand();
        cmd.Transaction = (SqliteTransaction)tx.GetDbTransaction();
        cmd.CommandText = $"INSERT INTO timeline_events ({CaptureData.Columns}) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12)";
        var p = new SqliteParameter[13];
        for (var k = 0; k < p.Length; k++)
        {
            p[k] = cmd.CreateParameter();
            p[k].ParameterName = "$p" + k;
            cmd.Parameters.Add(p[k]);
        }

        cmd.Prepare();
        foreach (var r in rows)
        {
            object?[] values = [r.LedgerIndex, r.EventKey, r.ShipmentNumber, r.CarrierNumber, r.EventTimeUtc, r.EventTimeOffsetMinutes, r.RecordedAtUtc, r.Milestone, r.Location, r.SourceFormat, r.SourceRef, r.Payload, r.CanonicalHash];
            for (var k = 0; k < values.Length; k++)
            {
                p[k].Value = values[k] ?? DBNull.Value;
            }

            await cmd.ExecuteNonQueryAsync();
        }
    }
}
