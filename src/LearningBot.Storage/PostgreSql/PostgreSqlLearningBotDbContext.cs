using System.Diagnostics.CodeAnalysis;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace LearningBot.Storage.PostgreSql;

/// <summary>The database on PostgreSQL, for several instances sharing one database. Its migrations are in Migrations/ beside this file.</summary>
public sealed class PostgreSqlLearningBotDbContext(DbContextOptions<PostgreSqlLearningBotDbContext> options)
    : LearningBotDbContext(options)
{
    /// <inheritdoc />
    public override StorageProvider Provider => StorageProvider.PostgreSQL;

    /// <inheritdoc />
    public override bool IsUniqueViolation(DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        ChannelMappings.Apply(modelBuilder);
    }
}

/// <summary>Used only by <c>dotnet ef migrations add</c>.</summary>
[SuppressMessage("Performance", "CA1812:Avoid uninstantiated internal classes", Justification = "dotnet ef finds and creates it by reflection.")]
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlLearningBotDbContext>
{
    public PostgreSqlLearningBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlLearningBotDbContext>().UseNpgsql("Host=localhost;Database=learningbot").Options);
}
