using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kuajing.Storage;

/// <summary>
/// Inserts many rows of one entity type with one prepared command, using EF Core's own model metadata (table and
/// column names, type mappings and value converters), so the SQL always matches the migrated schema. Used for the
/// batch writes of a planning run, where change tracking would cost more than the planning itself.
/// </summary>
/// <typeparam name="T">An entity type of the context's model with a single generated <c>long</c> key.</typeparam>
internal sealed class RowWriter<T> : IDisposable
    where T : class
{
    private readonly DbCommand _command;
    private readonly (Func<object, object?> Get, Func<object?, object?>? ToProvider, DbParameter Parameter)[] _columns;
    private readonly IProperty _key;
    private readonly bool _inProcess;

    /// <summary>Prepares the INSERT … RETURNING statement on the context's open connection and transaction.</summary>
    /// <param name="store">The context (plan store, timeline store), with an open transaction.</param>
    public RowWriter(DbContext store)
    {
        var entity = store.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        _key = entity.FindPrimaryKey()!.Properties.Single();
        var table = entity.GetTableName()!;
        var id = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var props = entity.GetProperties().Where(p => p != _key).ToArray();
        var sql = store.GetService<ISqlGenerationHelper>();
        _inProcess = store.Database.IsSqlite();
        _command = store.Database.GetDbConnection().CreateCommand();
        _command.Transaction = store.Database.CurrentTransaction?.GetDbTransaction();
        _columns = new (Func<object, object?>, Func<object?, object?>?, DbParameter)[props.Length];
        for (var i = 0; i < props.Length; i++)
        {
            var mapping = (RelationalTypeMapping)props[i].GetTypeMapping();
            var parameter = mapping.CreateParameter(_command, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, props[i].IsNullable);
            _command.Parameters.Add(parameter);
            _columns[i] = (props[i].PropertyInfo!.GetValue, mapping.Converter?.ConvertToProvider, parameter);
        }

        _command.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", props.Select(p => sql.DelimitIdentifier(p.GetColumnName(id)!)))}) " +
            $"VALUES ({string.Join(", ", props.Select((_, i) => "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))}) " +
            $"RETURNING {sql.DelimitIdentifier(_key.GetColumnName(id)!)}";
        _command.Prepare();
    }

    /// <summary>Inserts one row and stores the generated key back into the entity.</summary>
    /// <param name="row">The entity; its navigations are ignored, foreign keys must be set.</param>
    /// <param name="ct">Cancels the insert.</param>
    /// <returns>The generated key.</returns>
    public async Task<long> InsertAsync(T row, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        foreach (var (get, toProvider, parameter) in _columns)
        {
            var value = get(row);
            parameter.Value = (value is null ? null : toProvider is null ? value : toProvider(value)) ?? DBNull.Value;
        }

        // SQLite runs in-process: a synchronous call avoids an async state machine per row and blocks no I/O thread.
        // A network database (PostgreSQL) is awaited.
        var result = _inProcess ? _command.ExecuteScalar() : await _command.ExecuteScalarAsync(ct);
        var key = Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
        _key.PropertyInfo!.SetValue(row, key);
        return key;
    }

    /// <inheritdoc/>
    public void Dispose() => _command.Dispose();
}
