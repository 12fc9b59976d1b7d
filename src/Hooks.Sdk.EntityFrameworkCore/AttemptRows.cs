using System.Data.Common;
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
    // Seven columns a row: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters a statement.
    private const int RowsPerStatement = 500;

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
        foreach (WebhookDeliveryAttempt[] chunk in attempts.Chunk(RowsPerStatement))
        {
            await using DbCommand command = connection.CreateCommand();
            command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
            var text = new StringBuilder(head);
            for (int row = 0; row < chunk.Length; row++)
            {
                text.Append(row == 0 ? "(" : ", (");
                for (int column = 0; column < columns.Length; column++)
                {
                    string name = sql.GenerateParameterName($"p{(row * columns.Length) + column}");
                    text.Append(column == 0 ? "" : ", ").Append(name);
                    IProperty property = columns[column];
                    command.Parameters.Add(property.GetRelationalTypeMapping()
                        .CreateParameter(command, name, property.PropertyInfo?.GetValue(chunk[row]), property.IsNullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
