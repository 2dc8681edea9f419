using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Core.Tests.Quizzes;

/// <summary>
/// The quiz feature's convenience over the one <see cref="TestDatabase"/>: the core with quizzes, a small lesson
/// library and a clock that starts on 1 January 2026. SQLite by default; set LEARNINGBOT_TEST_POSTGRESQL to a server
/// connection string (e.g. "Host=127.0.0.1;Username=postgres") to run the same tests on a fresh PostgreSQL database each.
/// </summary>
public sealed class QuizTestBed : IAsyncDisposable
{
    /// <summary>Monday 2 November 2026, 06:00 UTC (07:00 in Berlin, 01:00 in New York).</summary>
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);

    private QuizTestBed(TestDatabase database) => Database = database;

    /// <summary>The bed underneath: turns, people, the outbox worker.</summary>
    public TestDatabase Database { get; }

    /// <summary>Starts on 1 January 2026 so each test can move it forward to the moment it needs.</summary>
    public FakeTimeProvider Clock => Database.Clock;
    public ServiceProvider Services => Database.Services;

    public static async Task<QuizTestBed> CreateAsync(IDictionary<string, string?>? settings = null, bool withLessons = true)
    {
        var bed = new QuizTestBed(await TestDatabase.CreateAsync([.. LearningBotFeatures.Essentials, new QuizFeature()], settings,
            start: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        if (withLessons)
        {
            using var lessons = new LessonFolder()
                .Write("a.md", LessonFolder.Lesson("lesson-a", title: "Lesson A", quiz: LessonFolder.Quiz("a-1", "a-2")))
                .Write("b.md", LessonFolder.Lesson("lesson-b", title: "Lesson B", quiz: LessonFolder.Quiz("b-1", "b-2")))
                .Write("c.md", LessonFolder.Lesson("lesson-c", title: "Lesson C", quiz: LessonFolder.Quiz("c-1")));
            var report = await bed.Database.With<LessonImporter, ImportReport>(importer => importer.ImportAsync(lessons.Path, CancellationToken.None));
            Assert.Empty(report.Rejected);
        }
        return bed;
    }

    public AsyncServiceScope Scope() => Database.Scope();

    /// <summary>
    /// A person with a personal Teams conversation, created by their first turn as the core does; enrolled in daily
    /// quizzes (a settings row with the defaults, as "Start daily quizzes" leaves it) unless <paramref name="enrolled"/> is false.
    /// </summary>
    public async Task<Guid> LearnerAsync(string? timeZone = "Europe/Berlin", string name = "Ada", bool enrolled = true)
    {
        var person = await Database.PersonAsync(name, timeZone);
        if (enrolled)
        {
            await ChangeSettingsAsync(person, _ => { });
        }
        return person;
    }

    public Task<QuizDispatchReport> DispatchAsync() => Database.With<QuizDispatcher, QuizDispatchReport>(dispatcher => dispatcher.DispatchAsync(CancellationToken.None));

    /// <summary>Moves the clock to <paramref name="until"/> in steps, running the dispatcher after each, as the job would.</summary>
    public async Task RunDispatcherUntilAsync(DateTimeOffset until, TimeSpan step)
    {
        while (Clock.GetUtcNow() + step <= until)
        {
            Clock.Advance(step);
            await DispatchAsync();
        }
    }

    public Task<List<QuizDeliveryRecord>> DailyQuizzesAsync(Guid learner) =>
        QueryAsync(db => db.Set<QuizDeliveryRecord>().AsNoTracking().Where(d => d.PersonId == learner && d.Kind == QuizDeliveryKind.Daily).OrderBy(d => d.LocalDate).ToListAsync());

    public Task<List<OutboxMessageRecord>> OutboxAsync(Guid learner) =>
        QueryAsync(db => db.Set<OutboxMessageRecord>().AsNoTracking().Where(m => m.PersonId == learner).OrderBy(m => m.Id).ToListAsync());

    public Task<QuizSettingsRecord?> SettingsAsync(Guid learner) =>
        QueryAsync(db => db.Set<QuizSettingsRecord>().AsNoTracking().SingleOrDefaultAsync(s => s.PersonId == learner));

    public Task ChangeSettingsAsync(Guid learner, Action<QuizSettingsRecord> change) => QueryAsync(async db =>
    {
        var settings = await db.Set<QuizSettingsRecord>().SingleOrDefaultAsync(s => s.PersonId == learner);
        if (settings is null)
        {
            settings = new QuizSettingsRecord { PersonId = learner };
            db.Add(settings);
        }
        change(settings);
        return await db.SaveChangesAsync();
    });

    public Task<T> QueryAsync<T>(Func<LearningBotDbContext, Task<T>> query) => Database.QueryAsync(query);

    /// <summary>A message from the learner in their 1:1 chat, through the real turn path.</summary>
    public Task<Reply> SayAsync(Guid learner, string text) => Database.ProcessAsync(Database.Message(learner, text));

    public Task<Reply> PressAsync(Guid learner, Cards.CardAction button, IReadOnlyDictionary<string, string>? inputs = null) =>
        Database.ProcessAsync(Database.Press(learner, button, inputs));

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
