using LearningBot.Core.Storage;
using LearningBot.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Teams.Tests;

/// <summary>Migrates a fresh test database, as the host does at start.</summary>
public static class TestDatabase
{
    public static async Task CreateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync();
    }
}
