using LearningBot.Hosting;
using LearningBot.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace LearningBot.Testing;

/// <summary>
/// The real host started as production starts it — <see cref="LearningBotHost.Build"/> with every feature, then
/// <see cref="LearningBotHost.PrepareAsync"/> (migrate, import lessons) — on a free loopback port, with a temporary
/// folder for its SQLite file and lesson folder, and its logs captured. The Teams and Slack channel tests and the
/// end-to-end tests all start the bot this way; what differs is only configuration and the service overrides.
/// </summary>
/// <remarks>
/// Defaults for tests: the lesson folder is empty (importing the library is slow; pass
/// <c>LearningBot:Content:Path</c> to answer from real lessons), and no feature job is scheduled and the outbox worker
/// is off, so nothing runs behind a test's back — tests that need a job or the outbox drive it themselves.
/// </remarks>
public sealed class LearningBotTestHost : IAsyncDisposable
{
    private readonly string _folder;
    private readonly WebApplication _app;
    private readonly string? _ownDatabase;
    private int _disposed;

    private LearningBotTestHost(string folder, WebApplication app, CapturedLogs logs, string? ownDatabase)
    {
        _folder = folder;
        _ownDatabase = ownDatabase;
        _app = app;
        Logs = logs;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>A client for the bot's own endpoints.</summary>
    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Configuration over the test defaults (the channels' keys, fake service URLs, ...).</param>
    /// <param name="services">Service overrides, applied after the host's own: HTTP clients sent to fakes, test handlers.</param>
    /// <param name="clock">The bot's clock; null keeps real time.</param>
    /// <param name="minimumLogLevel">The lowest level kept in <see cref="Logs"/>.</param>
    public static async Task<LearningBotTestHost> StartAsync(
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<IServiceCollection>? services = null,
        TimeProvider? clock = null,
        LogLevel minimumLogLevel = LogLevel.Debug)
    {
        var folder = Directory.CreateTempSubdirectory("learningbot-test-").FullName;
        var content = Directory.CreateDirectory(Path.Combine(folder, "content")).FullName;
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["LearningBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(folder, "bot.db")}",
            ["LearningBot:Content:Path"] = content,
            ["LearningBot:Quizzes:SchedulingEnabled"] = "false",
            ["LearningBot:Debriefs:SchedulingEnabled"] = "false",
            ["LearningBot:Circles:SchedulingEnabled"] = "false",
            ["LearningBot:Recognition:SchedulingEnabled"] = "false",
            ["LearningBot:Outbox:WorkerEnabled"] = "false",
        };
        // On a PostgreSQL server (TestDatabase.PostgreSqlVariable) the host gets a fresh database of its own, dropped
        // when it stops, unless the test names the database itself (several hosts sharing one).
        string? ownDatabase = null;
        if (Environment.GetEnvironmentVariable(TestDatabase.PostgreSqlVariable) is { Length: > 0 } server)
        {
            ownDatabase = $"learningbot_test_{Guid.NewGuid():N}";
            configuration["LearningBot:Storage:Provider"] = "PostgreSQL";
            configuration["LearningBot:Storage:ConnectionString"] = $"{server};Database={ownDatabase}";
        }
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
            if (key == "LearningBot:Storage:ConnectionString")
            {
                ownDatabase = null;
            }
        }

        var logs = new CapturedLogs();
        var app = LearningBotHost.Build([], builder => builder.AddInMemoryCollection(configuration), registrations =>
        {
            registrations.AddLogging(logging => logging.ClearProviders().AddProvider(logs).SetMinimumLevel(minimumLogLevel));
            if (clock is not null)
            {
                registrations.Replace(ServiceDescriptor.Singleton(clock));
            }
            services?.Invoke(registrations);
        });
        try
        {
            await LearningBotHost.PrepareAsync(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            await DropAsync(ownDatabase);
            Delete(folder);
            throw;
        }
        return new LearningBotTestHost(folder, app, logs, ownDatabase);
    }

    /// <summary>Stops the host; a second call does nothing (a test may stop one of several hosts early).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await DropAsync(_ownDatabase);
        Delete(_folder);
    }

    /// <summary>Drops a PostgreSQL database this host created (connections still open are closed by the server).</summary>
    private static async Task DropAsync(string? database)
    {
        if (database is null || Environment.GetEnvironmentVariable(TestDatabase.PostgreSqlVariable) is not { Length: > 0 } server)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection($"{server};Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static void Delete(string folder)
    {
        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }
}
