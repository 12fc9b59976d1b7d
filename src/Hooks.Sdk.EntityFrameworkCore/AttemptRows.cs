using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Writes delivery-log rows as multi-row <c>INSERT</c>s built from the model's table, columns and type mappings.
/// <c>SaveChanges</c> tracks each entity and, on SQLite, reads each generated key back row by row, which was most of
/// the time a batch of outcomes took to write; the log's keys are never read back, so none of that is needed.
/// </summary>
internal static class AttemptRows
{
    // SQLite finds each named parameter by a linear scan of the statement's names, so a statement's cost grows with
    // the square of its parameters: sixteen rows keep that small and still save most round trips on a server database.
    private const int RowsPerStatement = 16;

    /// <summary>Inserts <paramref name="attempts"/> on the context's connection, in its current transaction.</summary>
    public static async Task InsertAsync(DbContext context, IReadOnlyList<WebhookDeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        if (attempts.Count == 0)
        {
            return;
        }
        IEntityType type = context.Model.FindEntityType(typeof(WebhookDeliveryAttempt))
            ?? throw new InvalidOperationException($"{typeof(WebhookDeliveryAttempt).Name} is not in the model; call modelBuilder.AddWebhooks() in OnModelCreating.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        IProperty[] columns = type.GetProperties().Where(property => !(property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never)).ToArray();
        ISqlGenerationHelper sql = context.GetService<ISqlGenerationHelper>();
        string head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(column => sql.DelimitIdentifier(column.GetColumnName(table)!)))}) VALUES ";
        DbConnection connection = context.Database.GetDbConnection();
        DbCommand? command = null;
        try
        {
            foreach (WebhookDeliveryAttempt[] chunk in attempts.Chunk(RowsPerStatement))
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
                    command.CommandText = Statement(head, chunk.Length, columns.Length, sql);
                }
                command.Parameters.Clear();
                for (int row = 0; row < chunk.Length; row++)
                {
                    for (int column = 0; column < columns.Length; column++)
                    {
                        IProperty property = columns[column];
                        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(
                            command, ParameterName(sql, row, column, columns.Length), property.PropertyInfo?.GetValue(chunk[row]), property.IsNullable));
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

    private static string Statement(string head, int rows, int columns, ISqlGenerationHelper sql)
    {
        var text = new StringBuilder(head);
        for (int row = 0; row < rows; row++)
        {
            text.Append(row == 0 ? "(" : ", (");
            for (int column = 0; column < columns; column++)
            {
                text.Append(column == 0 ? "" : ", ").Append(ParameterName(sql, row, column, columns));
            }
            text.Append(')');
        }
        return text.ToString();
    }

    private static string ParameterName(ISqlGenerationHelper sql, int row, int column, int columns) =>
        sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"p{(row * columns) + column}"));
}
