using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Recognition;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Core.Tests.Recognition;

/// <summary>A person the bed created: their id and the Teams account a turn from them carries.</summary>
public sealed record Colleague(Guid Id, ChannelUser Account);

/// <summary>
/// A migrated SQLite database with the core, quizzes and recognition, people with 1:1 chats, a team channel and a
/// clock the test moves. Turns go through the real <see cref="TurnRouter"/>; the outbox is read as rows.
/// </summary>
public sealed class RecognitionTestBed : IAsyncDisposable
{
    public const string Team = "19:team-general";
    public const string LearningChannel = "19:learning@thread.tacv2";

    private readonly string _folder = Directory.CreateTempSubdirectory("learningbot-recognition-").FullName;
    private int _events;

    /// <summary>Monday 26 October 2026, 09:00 UTC (10:00 in Berlin); tests move it forward only.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; }

    private RecognitionTestBed(IDictionary<string, string?> settings)
    {
        settings["LearningBot:Recognition:SchedulingEnabled"] = "false";
        settings["LearningBot:Quizzes:SchedulingEnabled"] = "false";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddLearningBotStorage(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False" })
            .AddLearningBotCore(configuration, [.. LearningBotFeatures.Essentials, new QuizFeature(), new RecognitionFeature()])
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static async Task<RecognitionTestBed> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var bed = new RecognitionTestBed(settings ?? new Dictionary<string, string?>());
        await using var scope = bed.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync();
        return bed;
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>A person with a Teams account and a 1:1 chat with the bot.</summary>
    public async Task<Colleague> PersonAsync(string name, string? timeZone = "Europe/Berlin")
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var person = new PersonRecord { Id = Guid.NewGuid(), DisplayName = name, TimeZone = timeZone, CreatedAt = Clock.GetUtcNow() };
        var externalId = $"29:{name.ToLowerInvariant()}";
        db.People.Add(person);
        db.ChannelAccounts.Add(new ChannelAccountRecord { Channel = ChannelKind.Teams, ExternalId = externalId, PersonId = person.Id });
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams, ConversationId = $"a:{person.Id:N}", ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = "https://smba.example/", PersonId = person.Id, UpdatedAt = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return new Colleague(person.Id, new ChannelUser(externalId, name));
    }

    /// <summary>Runs "learning channel here" in the team's learning channel.</summary>
    public async Task<Reply> SetLearningChannelAsync(Colleague who)
    {
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            db.ConversationReferences.Add(new ConversationReferenceRecord
            {
                Channel = ChannelKind.Teams, ConversationId = LearningChannel, ConversationType = nameof(ConversationType.Channel),
                ServiceUrl = "https://smba.example/", TeamId = Team, UpdatedAt = Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        return await RouteAsync(Turn(who, TurnKind.Message, "learning channel here", new TurnConversation(LearningChannel, ConversationType.Channel) { TeamId = Team }));
    }

    /// <summary>A message from <paramref name="who"/> in their 1:1 chat, mentioning <paramref name="mentions"/>.</summary>
    public Task<Reply> SayAsync(Colleague who, string text, params ChannelUser[] mentions) =>
        RouteAsync(Turn(who, TurnKind.Message, text, Personal(who)) with { Mentions = mentions });

    /// <summary>A reaction by <paramref name="who"/> on <paramref name="messageId"/> in the team channel; the same <paramref name="eventId"/> twice is a redelivery.</summary>
    public Task<Reply> ReactAsync(Colleague who, string messageId, string reaction = "like", bool added = true, ChannelUser? author = null, string? eventId = null) =>
        RouteAsync(Turn(who, TurnKind.Reaction, "", new TurnConversation(LearningChannel, ConversationType.Channel) { TeamId = Team }, eventId) with
        {
            Reaction = new ReactionChange(reaction, added) { MessageId = messageId, MessageAuthor = author },
        });

    public Turn Turn(Colleague who, TurnKind kind, string text, TurnConversation conversation, string? eventId = null) => new()
    {
        Channel = ChannelKind.Teams,
        EventId = eventId ?? $"event-{Interlocked.Increment(ref _events)}",
        Kind = kind,
        From = who.Account,
        Conversation = conversation,
        PersonId = who.Id,
        Text = text,
        Timestamp = Clock.GetUtcNow(),
    };

    public static TurnConversation Personal(Colleague who) => new($"a:{who.Id:N}", ConversationType.Personal);

    public async Task<Reply> RouteAsync(Turn turn)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<TurnRouter>().RouteAsync(turn, CancellationToken.None);
    }

    /// <summary>Pretends the outbox sent every pending post (shoutouts, shares) and learned its message id "post-&lt;row id&gt;".</summary>
    public async Task<List<RecognitionPostRecord>> SendPostsAsync()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var composer = scope.ServiceProvider.GetServices<IOutboxComposer>().Single(c => c.Kind == RecognitionPostComposer.PostKind);
        var rows = await db.Set<OutboxMessageRecord>().Where(m => m.Kind == RecognitionPostComposer.PostKind && m.Status == OutboxMessageStatus.Pending).ToListAsync();
        foreach (var row in rows)
        {
            Assert.NotNull(await composer.ComposeAsync(row, CancellationToken.None));
            row.Status = OutboxMessageStatus.Sent;
            await db.SaveChangesAsync();
            await composer.OnSentAsync(row, $"post-{row.Id}", CancellationToken.None);
        }
        return await db.Set<RecognitionPostRecord>().AsNoTracking().OrderBy(p => p.Id).ToListAsync();
    }

    public Task<List<RecognitionEntryRecord>> LedgerAsync() =>
        QueryAsync(db => db.Set<RecognitionEntryRecord>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public Task<List<OutboxMessageRecord>> OutboxAsync() =>
        QueryAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Text messages waiting for a person (their DMs).</summary>
    public async Task<List<string>> DirectMessagesAsync(Colleague to) =>
        [.. (await OutboxAsync()).Where(m => m.PersonId == to.Id && m.Kind == TextOutboxComposer.TextKind).Select(m => m.Payload)];

    public async Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platform; it lives in the temp folder.
        }
    }
}
