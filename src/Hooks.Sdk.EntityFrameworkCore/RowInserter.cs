using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Writes outbox and delivery-log rows as multi-row <c>INSERT</c>s built from the model's table, columns and type
/// mappings, on the context's connection and in its current transaction. Nothing goes through the change tracker:
/// the app's tracked entities are never detected, saved or conflicted with, and <c>SaveChanges</c>' per-row key
/// read-back (most of the time a batch took on SQLite) is not needed, since these keys are never read back.
/// </summary>
internal static class RowInserter
{
    // SQLite finds each named parameter by a linear scan of the statement's names, so a statement's cost grows with
    // the square of its parameters: sixteen rows keep that small and still save most round trips on a server database.
    private const int RowsPerStatement = 16;

    /// <summary>Inserts <paramref name="rows"/> on the context's connection, which must be open, in its current transaction.</summary>
    public static async Task InsertAsync<TEntity>(DbContext context, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        if (rows.Count == 0)
        {
            return;
        }
        IEntityType type = WebhookModel.Entity<TEntity>(context);
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        Column[] columns = type.GetProperties()
            .Where(property => !(property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never))
            .Select(property => new Column(property.GetColumnName(table)!, property.GetRelationalTypeMapping(), property.GetGetter(), property.IsNullable))
            .ToArray();
        ISqlGenerationHelper sql = context.GetService<ISqlGenerationHelper>();
        // The names of one full statement's parameters, row by row; a shorter last statement uses the first rows'.
        string[][] names = Enumerable.Range(0, Math.Min(rows.Count, RowsPerStatement))
            .Select(row => Enumerable.Range(0, columns.Length)
                .Select(column => sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{(row * columns.Length) + column}")))
                .ToArray())
            .ToArray();
        string head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(column => sql.DelimitIdentifier(column.Name)))}) VALUES ";
        DbConnection connection = context.Database.GetDbConnection();
        DbCommand? command = null;
        try
        {
            foreach (TEntity[] chunk in rows.Chunk(RowsPerStatement))
            {
                // Full chunks share one statement, which the provider prepares once.
                if (command is null || command.Parameters.Count != chunk.Length * columns.Length)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync().ConfigureAwait(false);
                    }
                    command = connection.CreateCommand();
                    command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
                    command.CommandText = head + string.Join(", ", names.Take(chunk.Length).Select(row => $"({string.Join(", ", row)})"));
                }
                command.Parameters.Clear();
                for (int row = 0; row < chunk.Length; row++)
                {
                    for (int column = 0; column < columns.Length; column++)
                    {
                        Column target = columns[column];
                        command.Parameters.Add(target.Mapping.CreateParameter(
                            command, names[row][column], target.Getter.GetClrValueUsingContainingEntity(chunk[row]), target.Nullable));
                    }
                }
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>One column: its name, the provider's type mapping (converters included) and EF Core's compiled getter.</summary>
    private sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable);
}
