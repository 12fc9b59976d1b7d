using LabelStudio.Sample.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace LabelStudio.Sample.Data;

/// <summary>
/// Numbers new tasks within their project (Label Studio's <c>inner_id</c>, from 1 in creation order) just before they
/// are saved. The numbers come from the project row's <see cref="Project.LastInnerId"/>, raised by one
/// <c>UPDATE ... RETURNING</c> per project (the same statement on SQLite and PostgreSQL): concurrent writers, on one
/// node or many, never get the same number. A save that then fails leaves a gap, as a deleted task does.
/// </summary>
internal static class TaskNumbers
{
    /// <summary>Whether a save of <paramref name="db"/> would add tasks without a number.</summary>
    public static bool AnyToAssign(SampleDbContext db) => Unnumbered(db).Any();

    public static async Task AssignAsync(SampleDbContext db, CancellationToken cancellationToken)
    {
        List<IGrouping<long, TaskItem>> added = Unnumbered(db).GroupBy(task => task.ProjectId).ToList();
        if (added.Count == 0)
        {
            return;
        }
        string sql = RaiseSql(db);
        foreach (IGrouping<long, TaskItem> project in added)
        {
            int count = project.Count();
            List<long> last = await db.Database.SqlQueryRaw<long>(sql, count, project.Key).ToListAsync(cancellationToken);
            if (last.Count == 0)
            {
                // No such project: the insert fails on its foreign key, with EF Core's own error.
                continue;
            }
            long next = last[0] - count;
            foreach (TaskItem task in project)
            {
                task.InnerId = ++next;
            }
        }
    }

    private static IEnumerable<TaskItem> Unnumbered(SampleDbContext db) => db.ChangeTracker.Entries<TaskItem>()
        .Where(entry => entry.State == EntityState.Added && entry.Entity.InnerId == 0)
        .Select(entry => entry.Entity);

    private static string RaiseSql(SampleDbContext db)
    {
        IEntityType type = db.Model.FindEntityType(typeof(Project))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        ISqlGenerationHelper sql = db.GetService<ISqlGenerationHelper>();
        string name = sql.DelimitIdentifier(table.Name, table.Schema);
        string last = sql.DelimitIdentifier(type.FindProperty(nameof(Project.LastInnerId))!.GetColumnName(table)!);
        string id = sql.DelimitIdentifier(type.FindProperty(nameof(Project.Id))!.GetColumnName(table)!);
        return $"UPDATE {name} SET {last} = {last} + {{0}} WHERE {id} = {{1}} RETURNING {last} AS \"Value\"";
    }
}
