using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Debriefs;
using LearningBot.Core.Knowledge.Search;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Core.Tests.Debriefs;

/// <summary>A sent outbox message as the recipient would see it.</summary>
public sealed record Delivered(Guid PersonId, string? ConversationId, string Kind, Card? Card, string? Text);

/// <summary>
/// A migrated SQLite database with the core and the learning-together features, people with 1:1 chats, a clock the
/// test moves, and an outbox pass that composes each due row as the delivery worker would.
/// </summary>
public sealed class DebriefTestBed : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("learningbot-debrief-").FullName;
    private readonly Dictionary<Guid, string> _accounts = [];

    /// <summary>Monday 2 November 2026, 09:00 UTC.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; private set; }

    private readonly IDictionary<string, string?> _settings;
    private readonly IReadOnlyList<ILearningBotFeature> _features;

    private DebriefTestBed(IDictionary<string, string?> settings, IEnumerable<ILearningBotFeature> features)
    {
        _settings = settings;
        _features = [.. features];
        Services = Build();
    }

    /// <summary>Drops every service and in-memory state and starts again on the same database file, as a restarted process would.</summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Services = Build();
    }

    private ServiceProvider Build()
    {
        var settings = _settings;
        var features = _features;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddLearningBotStorage(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False" })
            .AddLearningBotCore(configuration, [.. LearningBotFeatures.Essentials, .. features]);
        services.Configure<KnowledgeOptions>(o => o.OutOfScopePath = Path.Combine(RepositoryPaths.Content, "out-of-scope.yaml"));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static async Task<DebriefTestBed> CreateAsync(IDictionary<string, string?>? settings = null, IEnumerable<ILearningBotFeature>? features = null)
    {
        var bed = new DebriefTestBed(settings ?? new Dictionary<string, string?>(), features ?? [new DebriefFeature()]);
        await using var scope = bed.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync();
        return bed;
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>A person with a personal Teams chat with the bot, account id 29:&lt;name&gt;.</summary>
    public async Task<Guid> PersonAsync(string name, string? timeZone = "Europe/Berlin")
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var person = new PersonRecord { Id = Guid.NewGuid(), DisplayName = name, TimeZone = timeZone, CreatedAt = Clock.GetUtcNow(), Email = EmailOf(name) };
        db.People.Add(person);
        db.ChannelAccounts.Add(new ChannelAccountRecord { Channel = ChannelKind.Teams, ExternalId = AccountOf(name), PersonId = person.Id });
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams, ConversationId = $"a:{person.Id:N}", ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = "https://smba.example/", PersonId = person.Id, UpdatedAt = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        _accounts[person.Id] = name;
        return person.Id;
    }

    public static string AccountOf(string name) => $"29:{name.ToLowerInvariant()}";

    public static string EmailOf(string name) => $"{name.ToLowerInvariant()}@example.com";

    /// <summary>Imports a people directory (CSV rows after the header email,name,manager_email,team,role).</summary>
    public async Task<PeopleImportReport> ImportPeopleAsync(params string[] rows)
    {
        await using var scope = Scope();
        using var csv = new StringReader("email,name,manager_email,team,role\n" + string.Join("\n", rows));
        return await scope.ServiceProvider.GetRequiredService<PeopleImporter>().ImportAsync(csv, CancellationToken.None);
    }

    public static ChannelUser Mention(string name) => new(AccountOf(name), name);

    /// <summary>A message from <paramref name="person"/>, in their 1:1 chat unless a group conversation is given.</summary>
    public Task<Reply> SayAsync(Guid person, string text, IReadOnlyList<ChannelUser>? mentions = null, TurnConversation? conversation = null, string? eventId = null) =>
        RouteAsync(new Turn
        {
            Channel = ChannelKind.Teams,
            EventId = eventId ?? Guid.NewGuid().ToString(),
            Kind = TurnKind.Message,
            From = Mention(_accounts[person]),
            Conversation = conversation ?? new TurnConversation($"a:{person:N}", ConversationType.Personal),
            PersonId = person,
            Text = text,
            Mentions = mentions ?? [],
            Timestamp = Clock.GetUtcNow(),
        });

    /// <summary>Presses a button with the card's inputs filled in, as Action.Execute merges them into the data.</summary>
    public Task<Reply> PressAsync(Guid person, CardAction button, IReadOnlyDictionary<string, string>? inputs = null, TurnConversation? conversation = null)
    {
        var data = new Dictionary<string, string>(button.Data);
        foreach (var input in inputs ?? new Dictionary<string, string>())
        {
            data[input.Key] = input.Value;
        }
        return RouteAsync(new Turn
        {
            Channel = ChannelKind.Teams,
            EventId = Guid.NewGuid().ToString(),
            Kind = TurnKind.CardAction,
            From = Mention(_accounts[person]),
            Conversation = conversation ?? new TurnConversation($"a:{person:N}", ConversationType.Personal),
            PersonId = person,
            Action = new CardActionInvocation(button.Verb!, data),
            Timestamp = Clock.GetUtcNow(),
        });
    }

    private async Task<Reply> RouteAsync(Turn turn)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<TurnRouter>().RouteAsync(turn, CancellationToken.None);
    }

    /// <summary>One delivery pass: each due pending row is composed by its composer and marked sent (or failed when there is nothing to send).</summary>
    public async Task<List<Delivered>> DeliverAsync()
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var composers = scope.ServiceProvider.GetServices<IOutboxComposer>().ToDictionary(c => c.Kind);
        var now = Clock.GetUtcNow();
        var due = await db.Set<OutboxMessageRecord>().Where(m => m.Status == OutboxMessageStatus.Pending && m.NotBefore <= now).OrderBy(m => m.Id).ToListAsync();
        var delivered = new List<Delivered>();
        foreach (var row in due)
        {
            var message = await composers[row.Kind].ComposeAsync(row, CancellationToken.None);
            row.Status = message is null ? OutboxMessageStatus.Failed : OutboxMessageStatus.Sent;
            row.SentAt = now;
            if (message is not null)
            {
                delivered.Add(new Delivered(row.PersonId ?? Guid.Empty, row.ConversationId, row.Kind, message.Card, message.Text));
            }
        }
        await db.SaveChangesAsync();
        return delivered;
    }

    public async Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    public async Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
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
            // held open on some platform; it lives in the temp folder
        }
    }
}
