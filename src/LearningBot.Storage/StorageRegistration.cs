using LearningBot.Core.Storage;
using LearningBot.Storage.PostgreSql;
using LearningBot.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Storage;

/// <summary>Registers the database for the configured provider and migrates it.</summary>
public static class StorageRegistration
{
    /// <summary>Registers <see cref="LearningBotDbContext"/> backed by the configured provider.</summary>
    public static IServiceCollection AddLearningBotStorage(this IServiceCollection services, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                // One writer at a time, waiting asynchronously, instead of SQLite's busy handling sleeping on threads.
                services.AddSingleton<SqliteWriteGate>();
                services.AddScoped<SqliteWriteGateInterceptor>();
                services.AddDbContext<SqliteLearningBotDbContext>((sp, db) => db.UseSqlite(options.ConnectionString)
                    .AddInterceptors(sp.GetRequiredService<SqliteWriteGateInterceptor>()));
                services.AddScoped<LearningBotDbContext>(sp => sp.GetRequiredService<SqliteLearningBotDbContext>());
                break;
            case StorageProvider.PostgreSQL:
                services.AddDbContext<PostgreSqlLearningBotDbContext>(db => db.UseNpgsql(options.ConnectionString));
                services.AddScoped<LearningBotDbContext>(sp => sp.GetRequiredService<PostgreSqlLearningBotDbContext>());
                break;
            default:
                throw new InvalidOperationException($"LearningBot:Storage:Provider '{options.Provider}' is not supported; use Sqlite or PostgreSQL.");
        }
        return services;
    }

    /// <summary>
    /// Creates the SQLite file's folder when needed and puts the file in WAL mode (readers never block the writer, and a
    /// commit appends instead of rewriting pages), then applies pending migrations.
    /// </summary>
    public static async Task MigrateAsync(this LearningBotDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider == StorageProvider.Sqlite)
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && folder is not null)
            {
                Directory.CreateDirectory(folder);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }
        }
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }
}
