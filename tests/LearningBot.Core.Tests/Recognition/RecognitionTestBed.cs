using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Recognition;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Core.Tests.Recognition;

/// <summary>A person the bed created: their id and the Teams account a turn from them carries.</summary>
public sealed record Colleague(Guid Id, ChannelUser Account);

/// <summary>
/// Recognition's convenience over the one <see cref="TestDatabase"/>: the core with quizzes and recognition, people
/// with 1:1 chats and a team channel. Turns go through the real turn path; the outbox is read as rows.
/// </summary>
public sealed class RecognitionTestBed : IAsyncDisposable
{
    public const string Team = "19:team-general";
    public const string LearningChannel = "19:learning@thread.tacv2";

    private RecognitionTestBed(TestDatabase database) => Database = database;

    /// <summary>The bed underneath: turns, people, the outbox worker.</summary>
    public TestDatabase Database { get; }

    /// <summary>Monday 26 October 2026, 09:00 UTC (10:00 in Berlin); tests move it forward only.</summary>
    public FakeTimeProvider Clock => Database.Clock;
    public ServiceProvider Services => Database.Services;

    public static async Task<RecognitionTestBed> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        settings ??= new Dictionary<string, string?>();
        settings["LearningBot:Recognition:SchedulingEnabled"] = "false";
        settings["LearningBot:Quizzes:SchedulingEnabled"] = "false";
        return new(await TestDatabase.CreateAsync([.. LearningBotFeatures.Essentials, new QuizFeature(), new RecognitionFeature()], settings,
            start: new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero)));
    }

    public AsyncServiceScope Scope() => Database.Scope();

    /// <summary>A person with a Teams account and a 1:1 chat with the bot.</summary>
    public async Task<Colleague> PersonAsync(string name, string? timeZone = "Europe/Berlin")
    {
        var id = await Database.PersonAsync(name, timeZone);
        return new Colleague(id, Database.AccountOf(id));
    }

    /// <summary>Runs "learning channel here" in the team's learning channel.</summary>
    public Task<Reply> SetLearningChannelAsync(Colleague who) =>
        RouteAsync(Turn(who, TurnKind.Message, "learning channel here", new TurnConversation(LearningChannel, ConversationType.Channel) { TeamId = Team }));

    /// <summary>A message from <paramref name="who"/> in their 1:1 chat, mentioning <paramref name="mentions"/>.</summary>
    public Task<Reply> SayAsync(Colleague who, string text, params ChannelUser[] mentions) =>
        RouteAsync(Turn(who, TurnKind.Message, text, Personal(who)) with { Mentions = mentions });

    /// <summary>A reaction by <paramref name="who"/> on <paramref name="messageId"/> in the team channel; the same <paramref name="eventId"/> twice is a redelivery.</summary>
    public Task<Reply> ReactAsync(Colleague who, string messageId, string reaction = "like", bool added = true, ChannelUser? author = null, string? eventId = null) =>
        RouteAsync(Turn(who, TurnKind.Reaction, "", new TurnConversation(LearningChannel, ConversationType.Channel) { TeamId = Team }, eventId) with
        {
            Reaction = new ReactionChange(reaction, added) { MessageId = messageId, MessageAuthor = author },
        });

    public Turn Turn(Colleague who, TurnKind kind, string text, TurnConversation conversation, string? eventId = null)
    {
        ArgumentNullException.ThrowIfNull(who);
        return Database.Turn(who.Account, kind, conversation, text, eventId) with { PersonId = who.Id };
    }

    public static TurnConversation Personal(Colleague who)
    {
        ArgumentNullException.ThrowIfNull(who);
        return TestDatabase.PersonalChat(who.Account);
    }

    /// <summary>Processes a turn as an adapter hands it over (a redelivered event gets no reply).</summary>
    public Task<Reply> RouteAsync(Turn turn) => Database.ProcessAsync(turn);

    /// <summary>One pass of the real delivery worker (shoutouts, shares, DMs); returns every post, each with the message id the channel gave it.</summary>
    public async Task<List<RecognitionPostRecord>> SendPostsAsync()
    {
        await Database.DeliverAsync();
        return await QueryAsync(db => db.Set<RecognitionPostRecord>().AsNoTracking().OrderBy(p => p.Id).ToListAsync());
    }

    public Task<List<RecognitionEntryRecord>> LedgerAsync() =>
        QueryAsync(db => db.Set<RecognitionEntryRecord>().AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    public Task<List<OutboxMessageRecord>> OutboxAsync() =>
        QueryAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking().OrderBy(m => m.Id).ToListAsync());

    /// <summary>Text messages written for a person (their DMs), sent or not.</summary>
    public async Task<List<string>> DirectMessagesAsync(Colleague to) =>
        [.. (await OutboxAsync()).Where(m => m.PersonId == to.Id && m.Kind == TextOutboxComposer.TextKind).Select(m => m.Payload)];

    public Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query) => Database.QueryAsync(query);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
