using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Kuajing.Storage;

/// <summary>
/// Writes many rows of one entity type into PostgreSQL with binary COPY inside the context's open transaction, using
/// EF Core's model for table and column names and value converters. For rows whose generated key the caller does not
/// need back (e.g. timeline events, identified by their ledger index).
/// </summary>
/// <typeparam name="T">An entity type of the context's model with a single generated key (left to the database).</typeparam>
internal static class PostgresCopyWriter<T>
    where T : class
{
    /// <summary>Copies <paramref name="rows"/> in one COPY … FROM STDIN (FORMAT BINARY).</summary>
    /// <param name="store">A context on Npgsql with an open transaction.</param>
    /// <param name="rows">Rows to write.</param>
    /// <param name="ct">Cancels the copy (the transaction then rolls back).</param>
    /// <returns>A task completing when the rows are written.</returns>
    /// <exception cref="InvalidOperationException">When the context is not on PostgreSQL.</exception>
    public static async Task WriteAsync(DbContext store, IReadOnlyList<T> rows, CancellationToken ct)
    {
        var entity = store.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var table = entity.GetTableName()!;
        var id = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var props = entity.GetProperties().Where(p => p != key).ToArray();
        var connection = store.Database.GetDbConnection() as NpgsqlConnection
            ?? throw new InvalidOperationException("binary COPY needs a PostgreSQL (Npgsql) connection");
        var columns = string.Join(", ", props.Select(p => "\"" + p.GetColumnName(id) + "\""));
        await using var importer = await connection.BeginBinaryImportAsync($"COPY \"{table}\" ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            foreach (var p in props)
            {
                var value = p.PropertyInfo!.GetValue(row);
                var converter = p.GetTypeMapping().Converter;
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, p.GetColumnType(id), ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }
}
