using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LearningBot.Data;

// Used only by 'dotnet ef migrations add'; each provider keeps its own migrations folder.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLearningBotDbContext>
{
    public SqliteLearningBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLearningBotDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlLearningBotDbContext>
{
    public PostgreSqlLearningBotDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlLearningBotDbContext>().UseNpgsql("Host=localhost;Database=learningbot").Options);
}
