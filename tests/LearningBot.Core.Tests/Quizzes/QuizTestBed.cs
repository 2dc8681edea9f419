using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Core.Tests.Quizzes;

/// <summary>
/// A migrated database with the core and quizzes, a small lesson library and a clock the test moves. SQLite by
/// default; set LEARNINGBOT_TEST_POSTGRESQL to a server connection string (e.g. "Host=127.0.0.1;Username=postgres")
/// to run the same tests on a fresh PostgreSQL database each.
/// </summary>
public sealed class QuizTestBed : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("learningbot-quiz-").FullName;

    /// <summary>Monday 2 November 2026, 06:00 UTC (07:00 in Berlin, 01:00 in New York).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);

    /// <summary>Starts on 1 January 2026 so each test can move it forward to the moment it needs.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public ServiceProvider Services { get; }

    private QuizTestBed(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        Services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddLearningBotStorage(Storage())
            .AddLearningBotCore(configuration, [.. LearningBotFeatures.Essentials, new QuizFeature()])
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private StorageOptions Storage() =>
        Environment.GetEnvironmentVariable("LEARNINGBOT_TEST_POSTGRESQL") is { Length: > 0 } server
            ? new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = $"{server};Database=learningbot_quiz_{Guid.NewGuid():N}" }
            : new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False" };

    public static async Task<QuizTestBed> CreateAsync(IDictionary<string, string?>? settings = null, bool withLessons = true)
    {
        var bed = new QuizTestBed(settings ?? new Dictionary<string, string?>());
        await using var scope = bed.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().MigrateAsync();
        if (withLessons)
        {
            using var lessons = new LessonFolder()
                .Write("a.md", LessonFolder.Lesson("lesson-a", title: "Lesson A", quiz: LessonFolder.Quiz("a-1", "a-2")))
                .Write("b.md", LessonFolder.Lesson("lesson-b", title: "Lesson B", quiz: LessonFolder.Quiz("b-1", "b-2")))
                .Write("c.md", LessonFolder.Lesson("lesson-c", title: "Lesson C", quiz: LessonFolder.Quiz("c-1")));
            var report = await scope.ServiceProvider.GetRequiredService<LessonImporter>().ImportAsync(lessons.Path, CancellationToken.None);
            Assert.Empty(report.Rejected);
        }
        return bed;
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>A person with a personal Teams conversation, as the core creates on their first message.</summary>
    public async Task<Guid> LearnerAsync(string? timeZone = "Europe/Berlin", string name = "Ada")
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var person = new PersonRecord { Id = Guid.NewGuid(), DisplayName = name, TimeZone = timeZone, CreatedAt = Clock.GetUtcNow() };
        db.People.Add(person);
        db.ChannelAccounts.Add(new ChannelAccountRecord { Channel = ChannelKind.Teams, ExternalId = $"29:{name.ToLowerInvariant()}", PersonId = person.Id });
        db.ConversationReferences.Add(new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams,
            ConversationId = $"a:{person.Id:N}",
            ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = "https://smba.example/",
            PersonId = person.Id,
            UpdatedAt = Clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
        return person.Id;
    }

    public async Task<QuizDispatchReport> DispatchAsync()
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<QuizDispatcher>().DispatchAsync(CancellationToken.None);
    }

    /// <summary>Moves the clock to <paramref name="until"/> in steps, running the dispatcher after each, as the job would.</summary>
    public async Task RunDispatcherUntilAsync(DateTimeOffset until, TimeSpan step)
    {
        while (Clock.GetUtcNow() + step <= until)
        {
            Clock.Advance(step);
            await DispatchAsync();
        }
    }

    public async Task<List<QuizDeliveryRecord>> DailyQuizzesAsync(Guid learner)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<QuizDeliveryRecord>().AsNoTracking()
            .Where(d => d.PersonId == learner && d.Kind == QuizDeliveryKind.Daily).OrderBy(d => d.LocalDate).ToListAsync();
    }

    public async Task<List<OutboxMessageRecord>> OutboxAsync(Guid learner)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<OutboxMessageRecord>().AsNoTracking()
            .Where(m => m.PersonId == learner).OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<QuizSettingsRecord?> SettingsAsync(Guid learner)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<QuizSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == learner);
    }

    public async Task ChangeSettingsAsync(Guid learner, Action<QuizSettingsRecord> change)
    {
        await using var scope = Scope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        var settings = await db.Set<QuizSettingsRecord>().SingleOrDefaultAsync(s => s.PersonId == learner);
        if (settings is null)
        {
            settings = new QuizSettingsRecord { PersonId = learner };
            db.Add(settings);
        }
        change(settings);
        await db.SaveChangesAsync();
    }

    public async Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<LearningBotDbContext>());
    }

    /// <summary>Routes a turn from the learner through the real router, as an adapter would.</summary>
    public async Task<Reply> SayAsync(Guid learner, string text) => await RouteAsync(new Turn
    {
        Channel = ChannelKind.Teams,
        EventId = Guid.NewGuid().ToString(),
        Kind = TurnKind.Message,
        From = new ChannelUser("29:ada", "Ada"),
        Conversation = new TurnConversation($"a:{learner:N}", ConversationType.Personal),
        PersonId = learner,
        Text = text,
        Timestamp = Clock.GetUtcNow(),
    });

    public async Task<Reply> PressAsync(Guid learner, Cards.CardAction button, IReadOnlyDictionary<string, string>? inputs = null)
    {
        var data = new Dictionary<string, string>(button.Data);
        foreach (var input in inputs ?? new Dictionary<string, string>())
        {
            data[input.Key] = input.Value;
        }
        return await RouteAsync(new Turn
        {
            Channel = ChannelKind.Teams,
            EventId = Guid.NewGuid().ToString(),
            Kind = TurnKind.CardAction,
            From = new ChannelUser("29:ada", "Ada"),
            Conversation = new TurnConversation($"a:{learner:N}", ConversationType.Personal),
            PersonId = learner,
            Action = new CardActionInvocation(button.Verb!, data),
            Timestamp = Clock.GetUtcNow(),
        });
    }

    private async Task<Reply> RouteAsync(Turn turn)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<TurnRouter>().RouteAsync(turn, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var scope = Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            if (db.Provider == StorageProvider.PostgreSQL)
            {
                await db.Database.EnsureDeletedAsync();
            }
        }
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
