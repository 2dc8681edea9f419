using System.Collections.Concurrent;
using System.Diagnostics;
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

    [PostgreSqlFact]
    public async Task A_bot_process_killed_with_SIGKILL_is_taken_over_by_the_other_instance()
    {
        await using var database = await SharedDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>
        {
            ["LearningBot:Storage:Provider"] = "PostgreSQL",
            ["LearningBot:Storage:ConnectionString"] = database.ConnectionString,
            ["LearningBot:Scheduler:CheckinInterval"] = "00:00:00.500",
            ["LearningBot:Scheduler:CheckinMisfireThreshold"] = "00:00:02",
            ["LearningBot:Quizzes:SchedulingEnabled"] = "true",
            ["LearningBot:Quizzes:DispatchInterval"] = "00:00:10",
            ["LearningBot:Debriefs:SchedulingEnabled"] = "false",
            ["LearningBot:Circles:SchedulingEnabled"] = "false",
            ["LearningBot:Recognition:SchedulingEnabled"] = "false",
            ["LearningBot:Outbox:WorkerEnabled"] = "false",
        };

        // A real bot process runs the daily dispatch alone first.
        using var process = BotProcess.Start(settings);
        try
        {
            await WaitUntilAsync(async () => !process.HasExited && (await database.InstancesAsync()).Count == 1 && await database.DispatchFiredAtAsync() is > 0,
                () => $"the bot process to join the cluster and fire the dispatch ({process.Output})");
            var processInstance = Assert.Single(await database.InstancesAsync());

            // A second instance joins the same cluster.
            await using var host = await LearningBotTestHost.StartAsync(settings);
            var hostInstance = await InstanceIdAsync(host);
            await WaitUntilAsync(async () => (await database.InstancesAsync()).Count == 2, () => "the second instance to check in");

            // SIGKILL: no shutdown, no goodbye to the cluster. The survivor recovers it and runs the dispatch on.
            process.Kill();
            var seen = new HashSet<long>();
            var members = new List<string>();
            await WaitUntilAsync(async () =>
            {
                if (await database.DispatchFiredAtAsync() is { } firedAt)
                {
                    seen.Add(firedAt);
                }
                var instances = members = await database.InstancesAsync();
                // The run last fired before the kill, then two more by the survivor (the dispatch runs every 10 s).
                return seen.Count >= 3 && instances.Count == 1 && instances[0] == hostInstance;
            }, () => $"the survivor to take over ({seen.Count - 1} runs seen since the kill, members {string.Join(", ", members)})");
            Assert.NotEqual(processInstance, hostInstance);
        }
        finally
        {
            process.Kill();
        }
    }

    /// <summary>The bot as production runs it: `dotnet LearningBot.dll`, configured by environment variables.</summary>
    private sealed class BotProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _output = new();
        private readonly string _folder = Directory.CreateTempSubdirectory("learningbot-cluster-").FullName;

        private BotProcess(IReadOnlyDictionary<string, string?> settings)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = _folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LearningBot.dll"));
            start.Environment["Urls"] = "http://127.0.0.1:0";
            start.Environment["LearningBot__Content__Path"] = Directory.CreateDirectory(Path.Combine(_folder, "content")).FullName;
            foreach (var (key, value) in settings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
            _process = new Process { StartInfo = start };
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        /// <summary>The last lines the process wrote, for a failure message.</summary>
        public string Output => string.Join(" | ", _output);

        public static BotProcess Start(IReadOnlyDictionary<string, string?> settings) => new(settings);

        /// <summary>SIGKILL on Linux: the process ends at once, without shutting anything down.</summary>
        public void Kill()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp folder.
            }
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            _output.Enqueue(line);
            while (_output.Count > 20)
            {
                _output.TryDequeue(out _);
            }
        }
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

        /// <summary>The cluster's members, as their check-in rows say.</summary>
        public async Task<List<string>> InstancesAsync()
        {
            var instances = new List<string>();
            await using var connection = await OpenAsync();
            if (connection is null)
            {
                return instances;
            }
            await using var query = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state ORDER BY instance_name", connection);
            await using var reader = await query.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                instances.Add(reader.GetString(0));
            }
            return instances;
        }

        /// <summary>When the quiz dispatch trigger last fired (Quartz's stored time), null before the schedule exists.</summary>
        public async Task<long?> DispatchFiredAtAsync()
        {
            await using var connection = await OpenAsync();
            if (connection is null)
            {
                return null;
            }
            await using var query = new NpgsqlCommand("SELECT prev_fire_time FROM qrtz_triggers WHERE job_name = 'quiz-dispatch'", connection);
            return await query.ExecuteScalarAsync() is long firedAt ? firedAt : null;
        }

        /// <summary>A connection, or null while the database or Quartz's tables are not there yet.</summary>
        private async Task<NpgsqlConnection?> OpenAsync()
        {
            var connection = new NpgsqlConnection($"{ConnectionString};Pooling=false");
            try
            {
                await connection.OpenAsync();
                await using var check = new NpgsqlCommand("SELECT to_regclass('qrtz_triggers') IS NOT NULL AND to_regclass('qrtz_scheduler_state') IS NOT NULL", connection);
                if (await check.ExecuteScalarAsync() is true)
                {
                    return connection;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
            {
                // Not created yet.
            }
            await connection.DisposeAsync();
            return null;
        }

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
