using LearningBot.Core;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Testing;

/// <summary>
/// The one test bed: a migrated database of the test's own — a SQLite file, or a fresh PostgreSQL database when
/// <see cref="PostgreSqlVariable"/> holds a server's connection string (e.g. "Host=127.0.0.1;Username=postgres") —
/// with the core and the given features registered as the host registers them (<c>AddLearningBotCore</c>), a clock
/// the test moves, turns through the real <see cref="TurnProcessor"/> (dedupe → person → route), people created by
/// their first turn, and outbox passes through the real <see cref="OutboxDeliveryWorker"/> into a
/// <see cref="RecordingMessenger"/>. Disposing drops the database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>Set to a PostgreSQL server's connection string to run the beds on a fresh PostgreSQL database each.</summary>
    public const string PostgreSqlVariable = "LEARNINGBOT_TEST_POSTGRESQL";

    /// <summary>The serviceUrl every conversation of the bed's turns is stored with.</summary>
    public const string ServiceUrl = "https://smba.example/";

    /// <summary>Monday 2 November 2026, 09:00 UTC: where the clock starts unless the bed says otherwise.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("learningbot-test-").FullName;
    private readonly StorageOptions _storage;
    private readonly IConfiguration _configuration;
    private readonly IReadOnlyList<ILearningBotFeature> _features;
    private readonly Action<IServiceCollection>? _configure;
    private readonly Dictionary<Guid, ChannelUser> _accounts = [];

    private TestDatabase(IEnumerable<ILearningBotFeature> features, IDictionary<string, string?>? settings, Action<IServiceCollection>? configure, DateTimeOffset start)
    {
        Clock = new FakeTimeProvider(start);
        _storage = Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } server
            ? new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = $"{server};Database=learningbot_test_{Guid.NewGuid():N}" }
            : new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False" };
        var configuration = new Dictionary<string, string?>
        {
            ["LearningBot:Knowledge:OutOfScopePath"] = Path.Combine(RepositoryPaths.Content, "out-of-scope.yaml"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(configuration).Build();
        _features = [.. features];
        _configure = configure;
        Services = Build();
    }

    /// <summary>Starts at <see cref="DefaultStart"/>; tests move it.</summary>
    public FakeTimeProvider Clock { get; }

    public ServiceProvider Services { get; private set; }

    /// <summary>The Teams channel as the outbox sees it: every message it was handed.</summary>
    public RecordingMessenger Messenger { get; } = new(ChannelKind.Teams);

    /// <summary>The core with help and answers (<see cref="LearningBotFeatures.Essentials"/>).</summary>
    /// <param name="configure">Extra registrations and overrides (e.g. a language model pointed at a fake server).</param>
    /// <param name="settings">Configuration, as appsettings.json would give it.</param>
    public static Task<TestDatabase> CreateAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null) =>
        CreateAsync(LearningBotFeatures.Essentials, settings, configure);

    /// <summary>The core with exactly <paramref name="features"/> (e.g. <c>[.. LearningBotFeatures.Essentials, new QuizFeature()]</c>).</summary>
    /// <param name="settings">Configuration, as appsettings.json would give it.</param>
    /// <param name="configure">Extra registrations and overrides, after the product's.</param>
    /// <param name="start">Where the clock starts (<see cref="DefaultStart"/> when not given).</param>
    public static async Task<TestDatabase> CreateAsync(IEnumerable<ILearningBotFeature> features, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null, DateTimeOffset? start = null)
    {
        var database = new TestDatabase(features, settings, configure, start ?? DefaultStart);
        await CreateAsync(database.Services);
        return database;
    }

    /// <summary>Migrates the database of services built elsewhere (a host under test), as the host does at start.</summary>
    public static async Task CreateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IProactiveMessenger>(Messenger)
            // What the Teams adapter tells the core of Teams (TeamsOptions' default pace): without it the outbox paces
            // the bed's messenger as an unregistered channel, one message a second, and a pass sends only its first row.
            .AddSingleton(new ChannelTraits(ChannelKind.Teams, new OutboxPace(20, 7), AccountTenantIsTeam: false))
            .AddLearningBotStorage(_storage)
            .AddLearningBotCore(_configuration, _features);
        _configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Drops every service and in-memory state and starts again on the same database, as a restarted process would.</summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Services = Build();
    }

    /// <summary>A new scope, as one request would have.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs <paramref name="action"/> with a service from a fresh scope.</summary>
    public async Task<TResult> With<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Scope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query) => With(query);

    /// <summary>The Teams account of a person called <paramref name="name"/>: 29:&lt;name in lower case&gt;.</summary>
    public static ChannelUser TeamsAccount(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new ChannelUser($"29:{name.ToLowerInvariant()}", name);
    }

    /// <summary>The 1:1 chat of <paramref name="account"/> with the bot.</summary>
    public static TurnConversation PersonalChat(ChannelUser account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new TurnConversation($"a:{account.Id}", ConversationType.Personal);
    }

    /// <summary>
    /// A person as the product meets them: the app is installed in their 1:1 chat, and that first turn creates the
    /// person, their Teams account (<see cref="TeamsAccount"/>) and the chat. Later turns from them carry the account.
    /// </summary>
    /// <param name="email">Their work email, when Teams gives it on the first turn (it links them to the people directory).</param>
    public async Task<Guid> PersonAsync(string name, string? timeZone = "Europe/Berlin", string? email = null)
    {
        var account = TeamsAccount(name);
        await ProcessAsync(Turn(account with { Email = email }, TurnKind.Installed, PersonalChat(account)) with { TimeZone = timeZone });
        var person = await QueryAsync(db => db.ChannelAccounts.AsNoTracking()
            .Where(a => a.Channel == ChannelKind.Teams && a.ExternalId == account.Id).Select(a => a.PersonId).SingleAsync());
        _accounts[person] = account;
        return person;
    }

    /// <summary>The account a person the bed created writes from.</summary>
    public ChannelUser AccountOf(Guid person) => _accounts[person];

    /// <summary>A turn from <paramref name="from"/>; the same <paramref name="eventId"/> twice is a redelivery.</summary>
    public Turn Turn(ChannelUser from, TurnKind kind, TurnConversation conversation, string text = "", string? eventId = null) => new()
    {
        Channel = ChannelKind.Teams,
        EventId = eventId ?? Guid.NewGuid().ToString(),
        Kind = kind,
        From = from,
        Conversation = conversation,
        Text = text,
        Timestamp = Clock.GetUtcNow(),
    };

    /// <summary>A message from <paramref name="person"/>, in their 1:1 chat unless another conversation is given.</summary>
    public Turn Message(Guid person, string text, IReadOnlyList<ChannelUser>? mentions = null, TurnConversation? conversation = null, string? eventId = null)
    {
        var from = AccountOf(person);
        return Turn(from, TurnKind.Message, conversation ?? PersonalChat(from), text, eventId) with { Mentions = mentions ?? [] };
    }

    /// <summary>A press of <paramref name="button"/> with the card's inputs filled in, as Action.Execute merges them into the data.</summary>
    public Turn Press(Guid person, CardAction button, IReadOnlyDictionary<string, string>? inputs = null, TurnConversation? conversation = null)
    {
        ArgumentNullException.ThrowIfNull(button);
        var data = new Dictionary<string, string>(button.Data);
        foreach (var (key, value) in inputs ?? new Dictionary<string, string>())
        {
            data[key] = value;
        }
        var from = AccountOf(person);
        return Turn(from, TurnKind.CardAction, conversation ?? PersonalChat(from)) with { Action = new CardActionInvocation(button.Verb!, data) };
    }

    /// <summary>Processes a turn as an adapter hands it over; a redelivered event gets no reply.</summary>
    public async Task<Reply> ProcessAsync(Turn turn)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<TurnProcessor>().ProcessAsync(turn, new ConversationAddress(ServiceUrl), CancellationToken.None) ?? Reply.None;
    }

    /// <summary>One pass of the real delivery worker; what it sent, in outbox order.</summary>
    public async Task<List<Delivered>> DeliverAsync()
    {
        var before = Messenger.Sent.Count;
        await Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);
        var sent = Messenger.Sent.Skip(before).ToDictionary(s => s.MessageId, s => s.Message, StringComparer.Ordinal);
        var ids = sent.Keys.ToList();
        var rows = await QueryAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking()
            .Where(m => m.SentMessageId != null && ids.Contains(m.SentMessageId)).OrderBy(m => m.Id).ToListAsync());
        return [.. rows.Select(row => new Delivered(row.PersonId ?? Guid.Empty, row.ConversationId, row.Kind, sent[row.SentMessageId!].Card, sent[row.SentMessageId!].Text))];
    }

    public async ValueTask DisposeAsync()
    {
        if (_storage.Provider == StorageProvider.PostgreSQL)
        {
            await using var scope = Scope();
            await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Database.EnsureDeletedAsync();
        }
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
