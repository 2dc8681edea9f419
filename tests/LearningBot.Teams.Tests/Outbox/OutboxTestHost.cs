using LearningBot.Core;
using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Testing.Fakes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Teams.Tests.Outbox;

/// <summary>The core and the Teams channel as the outbox runs them: a fresh SQLite file, the given clock and the fake Connector on loopback.</summary>
public sealed class OutboxTestHost(FakeConnector connector, ServiceProvider services, FakeTimeProvider clock, string databasePath) : IAsyncDisposable
{
    public FakeConnector Connector => connector;
    public ServiceProvider Services => services;

    /// <summary>Starts the core with <paramref name="features"/> and the Teams channel.</summary>
    public static async Task<OutboxTestHost> StartAsync(FakeTimeProvider clock, IEnumerable<ILearningBotFeature> features, string connectionOptions = "")
    {
        var path = Path.Combine(Path.GetTempPath(), $"learningbot-outbox-{Guid.NewGuid():N}.db");
        var fakeConnector = await FakeConnector.StartAsync();
        var configuration = new ConfigurationBuilder().Build();
        var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(clock)
            .AddLearningBotStorage(new StorageOptions { ConnectionString = $"Data Source={path}{connectionOptions}" })
            .AddLearningBotCore(configuration, features)
            .AddTeamsChannel(configuration)
            .BuildServiceProvider();
        await TestDatabase.CreateAsync(provider);
        return new OutboxTestHost(fakeConnector, provider, clock, path);
    }

    /// <summary>A learner with a stored 1:1 chat at the fake Connector; with <paramref name="enrolled"/>, signed up for daily quizzes.</summary>
    public async Task<Guid> LearnerWithPersonalChatAsync(string conversationId, string? timeZone = null, bool enrolled = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var person = new PersonRecord { Id = Guid.NewGuid(), DisplayName = "Ada", TimeZone = timeZone, CreatedAt = clock.GetUtcNow() };
        db.People.Add(person);
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams,
            ConversationId = conversationId,
            ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = Connector.ServiceUrl,
            PersonId = person.Id,
            UpdatedAt = clock.GetUtcNow(),
        });
        if (enrolled)
        {
            db.Add(new Core.Quizzes.QuizSettingsRecord { PersonId = person.Id, UpdatedAt = clock.GetUtcNow() });
        }
        await db.SaveChangesAsync();
        return person.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Connector.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(databasePath);
    }
}
