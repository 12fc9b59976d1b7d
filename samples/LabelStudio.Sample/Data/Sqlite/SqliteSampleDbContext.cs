using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Data.Sqlite;

/// <summary>The sample's database on SQLite, the embedded default: its own type so that its migrations are SQLite's.</summary>
public sealed class SqliteSampleDbContext(DbContextOptions<SqliteSampleDbContext> options) : SampleDbContext(options);
