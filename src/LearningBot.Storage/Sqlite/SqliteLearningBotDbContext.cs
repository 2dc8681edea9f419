using System.Diagnostics.CodeAnalysis;
using LearningBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LearningBot.Storage.Sqlite;

/// <summary>The database on SQLite: one embedded file, the default. Its migrations are in Migrations/ beside this file.</summary>
public sealed class SqliteLearningBotDbContext(DbContextOptions<SqliteLearningBotDbContext> options)
    : LearningBotDbContext(options)
{
    // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY (https://www.sqlite.org/rescode.html).
    private const int UniqueConstraint = 2067;
    private const int PrimaryKeyConstraint = 1555;

    /// <inheritdoc />
    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <inheritdoc />
    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is SqliteException { SqliteExtendedErrorCode: UniqueConstraint or PrimaryKeyConstraint };

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ChannelMappings.Apply(modelBuilder);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot compare or order DateTimeOffset values; stored as UTC ticks they sort and compare correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>Used only by <c>dotnet ef migrations add</c>.</summary>
[SuppressMessage("Performance", "CA1812:Avoid uninstantiated internal classes", Justification = "dotnet ef finds and creates it by reflection.")]
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLearningBotDbContext>
{
    public SqliteLearningBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLearningBotDbContext>().UseSqlite("Data Source=design.db").Options);
}
