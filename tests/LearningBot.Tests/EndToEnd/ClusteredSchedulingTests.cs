using System.Collections.Concurrent;
using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.Outbox;
using LearningBot.Core.Storage;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Quartz;

namespace LearningBot.Tests.EndToEnd;

/// <summary>
/// Two bot hosts on one PostgreSQL database form one Quartz cluster: each run of a scheduled job fires on exactly one
/// of them, and when one stops the other goes on alone; the inbound log and the outbox are safe across them too.
/// Clustered Quartz runs on wall-clock time, so the intervals are short and every wait is bounded.
/// </summary>
public sealed class ClusteredSchedulingTests
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [PostgreSqlFact]
    public async Task Two_instances_share_one_schedule_and_the_survivor_takes_over()
    {
        await using var database = await SharedDatabase.CreateAsync();
        var fired = new ConcurrentQueue<ProbeFire>();
        var messenger = new RecordingMessenger(ChannelKind.Teams);
        var first = await StartAsync(database, fired, messenger);
        var second = await StartAsync(database, fired, messenger);
        await using var stopFirst = first;
        await using var stopSecond = second;
        var firstId = await InstanceIdAsync(first);
        var secondId = await InstanceIdAsync(second);
        Assert.NotEqual(firstId, secondId);

        // Both run the schedule: 12 runs, each scheduled time fired once, by whichever instance acquired it.
        await WaitUntilAsync(() => fired.Count >= 12, () => $"12 runs of the probe job ({Describe(fired)})");
        AssertEachRunFiredOnce(fired);

        // The inbound log: the same event handed to both instances at once is handled by one of them.
        for (var round = 0; round < 5; round++)
        {
            var turn = Installed($"event-{round}", $"29:person-{round}");
            var replies = await Task.WhenAll(ProcessAsync(first, turn), ProcessAsync(second, turn));
            Assert.Single(replies, r => r is not null);
        }

        // The outbox: both instances' workers pass over the same due rows; each message is sent once.
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LearningBotDbContext>();
            var writer = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            foreach (var person in await db.ChannelAccounts.Select(a => a.PersonId).ToListAsync())
            {
                for (var i = 0; i < 3; i++)
                {
                    writer.AddText($"cluster-test-{person}-{i}", ChannelKind.Teams, person, $"message {i}");
                }
            }
            await db.SaveChangesAsync();
        }
        await WaitUntilAsync(async () =>
        {
            await Task.WhenAll(DeliverAsync(first), DeliverAsync(second));
            return messenger.Sent.Count >= 15;
        }, () => $"the outbox to send 15 messages (sent {messenger.Sent.Count})");
        Assert.Equal(15, messenger.Sent.Count);
        Assert.Equal(15, messenger.Sent.Select(s => (s.ConversationId, s.Message.Text)).Distinct().Count());

        // The instance that fired last stops (its check-ins stop with it); the other goes on firing alone, once per run.
        var stopping = fired.Last().Instance;
        var (stopped, survivor) = stopping == firstId ? (first, secondId) : (second, firstId);
        await stopped.DisposeAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        await WaitUntilAsync(() => fired.Count(f => f.Instance == survivor && f.FiredAt > stoppedAt) >= 6,
            () => $"the surviving instance to go on firing ({Describe(fired)})");
        Assert.DoesNotContain(fired, f => f.Instance == stopping && f.FiredAt > stoppedAt);
        AssertEachRunFiredOnce(fired);
    }

    private static void AssertEachRunFiredOnce(IEnumerable<ProbeFire> fired)
    {
        var duplicates = fired.GroupBy(f => f.Scheduled).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"runs fired more than once: {string.Join(", ", duplicates)}");
        // One schedule, not one per instance: every run is a whole number of intervals after the first.
        var origin = fired.Min(f => f.Scheduled);
        Assert.All(fired, f => Assert.Equal(0, (f.Scheduled - origin).Ticks % ProbeInterval.Ticks));
    }

    private static Turn Installed(string eventId, string account) => new()
    {
        Channel = ChannelKind.Teams,
        EventId = eventId,
        Kind = TurnKind.Installed,
        From = new ChannelUser(account, account),
        Conversation = new TurnConversation($"a:{account}", ConversationType.Personal),
        Timestamp = DateTimeOffset.UtcNow,
    };

    private static async Task<Reply?> ProcessAsync(LearningBotTestHost host, Turn turn)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TurnProcessor>()
            .ProcessAsync(turn, new ConversationAddress("https://smba.example/"), CancellationToken.None);
    }

    private static Task DeliverAsync(LearningBotTestHost host) =>
        host.Services.GetRequiredService<OutboxDeliveryWorker>().DeliverDueMessagesOnceAsync(CancellationToken.None);

    private static async Task<string> InstanceIdAsync(LearningBotTestHost host) =>
        (await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;

    private static Task<LearningBotTestHost> StartAsync(SharedDatabase database, ConcurrentQueue<ProbeFire> fired, RecordingMessenger messenger) =>
        LearningBotTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["LearningBot:Storage:Provider"] = "PostgreSQL",
                ["LearningBot:Storage:ConnectionString"] = database.ConnectionString,
                ["LearningBot:Scheduler:CheckinInterval"] = "00:00:00.500",
                ["LearningBot:Scheduler:CheckinMisfireThreshold"] = "00:00:02",
            },
            services =>
            {
                services.AddSingleton(fired);
                services.AddTransient<ProbeJob>();
                services.AddSingleton(new ScheduledJob(typeof(ProbeJob), ProbeJob.Key, _ => ProbeInterval));
                services.RemoveAll<IProactiveMessenger>();
                services.AddSingleton<IProactiveMessenger>(messenger);
            });

    private static string Describe(IEnumerable<ProbeFire> fired) =>
        string.Join(", ", fired.GroupBy(f => f.Instance).Select(g => $"{g.Key}: {g.Count()} runs"));

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> what) =>
        await WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"gave up after {Patience.TotalSeconds} s waiting for {what()}");
            await Task.Delay(100);
        }
    }

    /// <summary>One run of the probe job: which instance ran it, for which scheduled time, and when.</summary>
    private sealed record ProbeFire(string Instance, DateTimeOffset Scheduled, DateTimeOffset FiredAt);

    /// <summary>A scheduled job of the test's own, declared as the features declare theirs, that notes each run.</summary>
    [DisallowConcurrentExecution]
    private sealed class ProbeJob(ConcurrentQueue<ProbeFire> fired) : IJob
    {
        public static readonly JobKey Key = new("cluster-probe", "tests");

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            fired.Enqueue(new ProbeFire(context.Scheduler.SchedulerInstanceId, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, DateTimeOffset.UtcNow));
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A fresh database on the test server that both hosts use; dropped at the end.</summary>
    private sealed class SharedDatabase : IAsyncDisposable
    {
        private readonly string _server;
        private readonly string _name = $"learningbot_test_{Guid.NewGuid():N}";

        private SharedDatabase(string server) => _server = server;

        public string ConnectionString => $"{_server};Database={_name}";

        public static Task<SharedDatabase> CreateAsync() =>
            Task.FromResult(new SharedDatabase(Environment.GetEnvironmentVariable(TestDatabase.PostgreSqlVariable)!));

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection($"{_server};Database=postgres;Pooling=false");
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
