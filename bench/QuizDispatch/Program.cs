using System.Diagnostics;
using System.Globalization;
using LearningBot.Core;
using LearningBot.Core.Conversations;
using LearningBot.Core.Knowledge.Library;
using LearningBot.Core.Modules;
using LearningBot.Core.Quizzes;
using LearningBot.Core.Quizzes.Fsrs;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Core.Outbox;
using LearningBot.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Dispatcher benchmark: N learners (default 100,000) across eight time zones, each with a personal conversation,
// quiz settings that make them due at the run instant, and FSRS card histories for 6 questions. Times one
// QuizDispatcher run (questions picked, delivery and outbox rows written) and reports learners per second and peak
// memory. Seed and dispatch are separate commands so the dispatch process's peak working set is its own.
//   dotnet run -c Release --project bench/QuizDispatch -- seed <database-file> [learners]
//   dotnet run -c Release --project bench/QuizDispatch -- dispatch <database-file>
// With --postgresql "<connection string>" in place of the database file, the same on PostgreSQL (seed drops and recreates it).
if (args.Length < 2 || args[0] is not ("seed" or "dispatch"))
{
    Console.Error.WriteLine("usage: seed <database-file> [learners] | dispatch <database-file>   (or --postgresql \"<connection string>\" instead of the file)");
    return 2;
}
var postgresql = args[1] == "--postgresql";
var databaseFile = postgresql ? args[2] : Path.GetFullPath(args[1]);
var storage = postgresql
    ? new StorageOptions { Provider = StorageProvider.PostgreSQL, ConnectionString = databaseFile }
    : new StorageOptions { ConnectionString = $"Data Source={databaseFile}" };
args = postgresql ? [args[0], .. args[3..]] : [args[0], .. args[2..]];
var instant = new DateTimeOffset(2026, 11, 4, 12, 0, 0, TimeSpan.Zero); // a Wednesday everywhere below
var clock = new FixedClock(instant);
await using var provider = new ServiceCollection()
    .AddLogging(logging =>
    {
        logging.SetMinimumLevel(LogLevel.Warning);
        if (args.Contains("--verbose"))
        {
            logging.AddSimpleConsole().AddFilter("LearningBot", LogLevel.Debug).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        }
    })
    .AddSingleton<TimeProvider>(clock)
    .AddLearningBotStorage(storage)
    .AddLearningBotCore(new ConfigurationBuilder().Build(), [.. LearningBotFeatures.Essentials, new QuizFeature()])
    .BuildServiceProvider();

if (args[0] == "seed")
{
    var learners = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
    if (postgresql)
    {
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Database.EnsureDeletedAsync();
    }
    else
    {
        File.Delete(databaseFile);
    }
    var seeding = Stopwatch.StartNew();
    await using (var scope = provider.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        await db.MigrateAsync();
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LearningBot.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Run from inside the repository.");
        }
        await scope.ServiceProvider.GetRequiredService<LessonImporter>().ImportAsync(Path.Combine(root, "content"), CancellationToken.None);
    }
    await SeedAsync(provider, learners, instant);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {learners:N0} learners with card histories in {seeding.Elapsed.TotalSeconds:F1} s into {(postgresql ? "PostgreSQL" : databaseFile)}"));
    return 0;
}

long written;
QuizDispatchReport report;
var stopwatch = Stopwatch.StartNew();
await using (var scope = provider.CreateAsyncScope())
{
    report = await scope.ServiceProvider.GetRequiredService<QuizDispatcher>().DispatchAsync(CancellationToken.None);
}
stopwatch.Stop();
await using (var scope = provider.CreateAsyncScope())
{
    written = await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().Set<OutboxMessageRecord>().LongCountAsync();
}
var rerun = Stopwatch.StartNew();
await using (var scope = provider.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<QuizDispatcher>().DispatchAsync(CancellationToken.None);
}
rerun.Stop();
var process = Process.GetCurrentProcess();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"dispatch ({(postgresql ? "PostgreSQL" : "SQLite")}): {report.Learners:N0} learners, {report.QuizzesWritten:N0} quizzes written ({written:N0} outbox rows) in {stopwatch.Elapsed.TotalSeconds:F2} s = {report.Learners / stopwatch.Elapsed.TotalSeconds:N0} learners/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"re-run the same minute (all already delivered): {rerun.Elapsed.TotalSeconds:F2} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB; managed heap now {GC.GetTotalMemory(false) / 1048576.0:N0} MB; allocated in total {GC.GetTotalAllocatedBytes() / 1048576.0:N0} MB ({Environment.ProcessorCount} cores, .NET {Environment.Version})"));
return 0;

static async Task SeedAsync(ServiceProvider provider, int learners, DateTimeOffset instant)
{
    string[] zones = ["Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Asia/Kolkata", "Australia/Sydney", "UTC"];
    var fsrs = new FsrsScheduler(new FsrsParameters());
    var random = new Random(2026);
    List<QuizItem> track;
    await using (var scope = provider.CreateAsyncScope())
    {
        track = [.. await scope.ServiceProvider.GetRequiredService<QuestionBank>().DefaultTrackAsync(CancellationToken.None)];
    }
    const int chunk = 5_000;
    for (var start = 0; start < learners; start += chunk)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = start; i < Math.Min(learners, start + chunk); i++)
        {
            var zoneId = zones[i % zones.Length];
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var person = new PersonRecord { Id = Guid.NewGuid(), DisplayName = $"Learner {i}", TimeZone = zoneId, CreatedAt = instant.AddDays(-90) };
            db.Add(person);
            db.Add(new ConversationReferenceRecord
            {
                Channel = ChannelKind.Teams,
                ConversationId = $"a:learner-{i}",
                ConversationType = nameof(ConversationType.Personal),
                ServiceUrl = "https://smba.trafficmanager.net/emea/",
                PersonId = person.Id,
                UpdatedAt = instant.AddDays(-90),
            });
            var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
            db.Add(new QuizSettingsRecord
            {
                PersonId = person.Id,
                DeliveryTime = TimeOnly.FromDateTime(local.AddMinutes(-random.Next(0, 60))),
                QuestionsPerDay = 1 + (i % 3),
                UpdatedAt = instant.AddDays(-90),
            });
            // Six questions each, reviewed one to six times over the last 60 days, 80% right.
            foreach (var question in Enumerable.Range(0, 6).Select(_ => track[random.Next(track.Count)]).DistinctBy(q => q.Id))
            {
                var at = instant.AddDays(-60 + random.Next(0, 10));
                var card = FsrsCard.New(at);
                for (var r = 0; r < random.Next(1, 7) && at < instant; r++)
                {
                    card = fsrs.Review(card, at, random.NextDouble() < 0.8 ? Rating.Good : Rating.Again, zone).After;
                    at = card.Due;
                }
                db.Add(new QuizCardRecord
                {
                    PersonId = person.Id, QuestionId = question.Id, LessonId = question.LessonId, State = (int)card.State,
                    Stability = card.Stability, Difficulty = card.Difficulty, Due = card.Due, ScheduledDays = card.ScheduledDays,
                    Reps = card.Reps, Lapses = card.Lapses, LastReview = card.LastReview,
                });
            }
        }
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
