using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Modules;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Core.Tests.Debriefs;

/// <summary>
/// The learning-together features' convenience over the one <see cref="TestDatabase"/>: the core with debriefs (or
/// the given features), people with 1:1 chats and work emails, and the people directory.
/// </summary>
public sealed class DebriefTestBed : IAsyncDisposable
{
    private DebriefTestBed(TestDatabase database) => Database = database;

    /// <summary>The bed underneath: turns, people, the outbox worker.</summary>
    public TestDatabase Database { get; }

    /// <summary>Monday 2 November 2026, 09:00 UTC.</summary>
    public FakeTimeProvider Clock => Database.Clock;
    public ServiceProvider Services => Database.Services;

    /// <param name="features">Features besides help and answers; debriefs when not given.</param>
    /// <param name="configure">Extra registrations and overrides, after the product's.</param>
    public static async Task<DebriefTestBed> CreateAsync(IDictionary<string, string?>? settings = null, IEnumerable<ILearningBotFeature>? features = null, Action<IServiceCollection>? configure = null) =>
        new(await TestDatabase.CreateAsync([.. LearningBotFeatures.Essentials, .. features ?? [new DebriefFeature()]], settings, configure));

    /// <summary>Drops every service and in-memory state and starts again on the same database file, as a restarted process would.</summary>
    public Task RestartAsync() => Database.RestartAsync();

    public AsyncServiceScope Scope() => Database.Scope();

    /// <summary>A person with a personal Teams chat with the bot, account id 29:&lt;name&gt; and email &lt;name&gt;@example.com.</summary>
    public Task<Guid> PersonAsync(string name, string? timeZone = "Europe/Berlin") => Database.PersonAsync(name, timeZone, EmailOf(name));

    public static string AccountOf(string name) => TestDatabase.TeamsAccount(name).Id;

    public static string EmailOf(string name) => $"{name.ToLowerInvariant()}@example.com";

    /// <summary>Imports a people directory (CSV rows after the header email,name,manager_email,team,role).</summary>
    public async Task<PeopleImportReport> ImportPeopleAsync(params string[] rows)
    {
        using var csv = new StringReader("email,name,manager_email,team,role\n" + string.Join("\n", rows));
        return await Database.With<PeopleImporter, PeopleImportReport>(importer => importer.ImportAsync(csv, CancellationToken.None));
    }

    public static ChannelUser Mention(string name) => TestDatabase.TeamsAccount(name);

    /// <summary>A message from <paramref name="person"/>, in their 1:1 chat unless a group conversation is given.</summary>
    public Task<Reply> SayAsync(Guid person, string text, IReadOnlyList<ChannelUser>? mentions = null, TurnConversation? conversation = null, string? eventId = null) =>
        Database.ProcessAsync(Database.Message(person, text, mentions, conversation, eventId));

    /// <summary>Presses a button with the card's inputs filled in, as Action.Execute merges them into the data.</summary>
    public Task<Reply> PressAsync(Guid person, CardAction button, IReadOnlyDictionary<string, string>? inputs = null, TurnConversation? conversation = null) =>
        Database.ProcessAsync(Database.Press(person, button, inputs, conversation));

    /// <summary>One pass of the real delivery worker: each due row composed by its composer and sent (or failed when there is nothing to send).</summary>
    public Task<List<Delivered>> DeliverAsync() => Database.DeliverAsync();

    public Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query) => Database.QueryAsync(query);

    public Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull => Database.With(action);

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
