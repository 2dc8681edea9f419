using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Core;
using LearningBot.Core.Conversations;
using LearningBot.Core.Modules;
using LearningBot.Core.Storage;
using LearningBot.Storage;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Teams.Tests;

/// <summary>The bot as the host will run it: a real WebApplication on loopback with SQLite, the core and the Teams channel.</summary>
public sealed class TeamsBotHost : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-00000000b07";
    public const string BotId = "28:" + AppId;
    public const string TenantId = "tenant-1";

    private readonly WebApplication _app;
    private readonly string _databasePath;

    private TeamsBotHost(WebApplication app, Uri baseAddress, string databasePath, FakeTimeProvider clock, CapturedLogs logs)
    {
        Logs = logs;
        _app = app;
        _databasePath = databasePath;
        Clock = clock;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Client { get; }
    public FakeTimeProvider Clock { get; }
    public CapturedLogs Logs { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>Production mode: tokens from <paramref name="identity"/>, outbound tokens from <paramref name="entra"/>.</summary>
    public static Task<TeamsBotHost> StartProductionAsync(FakeBotFrameworkIdentity identity, FakeEntraTokenEndpoint entra) =>
        StartAsync(new Dictionary<string, string?>
        {
            ["LearningBot:Teams:AppId"] = AppId,
            ["LearningBot:Teams:AppPassword"] = "not-a-real-secret",
            ["LearningBot:Teams:TenantId"] = TenantId,
            ["LearningBot:Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
        }, entra);

    /// <summary>Local development mode: no app id.</summary>
    public static Task<TeamsBotHost> StartDevelopmentAsync(IDictionary<string, string?>? settings = null) =>
        StartAsync(settings ?? new Dictionary<string, string?>(), null);

    private static async Task<TeamsBotHost> StartAsync(IDictionary<string, string?> settings, FakeEntraTokenEndpoint? entra)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"learningbot-teams-{Guid.NewGuid():N}.db");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var logs = new CapturedLogs();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddLearningBotStorage(new StorageOptions { ConnectionString = $"Data Source={databasePath}" });
        builder.Services.AddLearningBotCore(builder.Configuration, LearningBotFeatures.Essentials);
        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddScoped<IQuestionHandler, AnswerCardQuestionHandler>();
        builder.Services.AddScoped<ICardActionHandler, TestCardActions>();
        if (entra is not null)
        {
            builder.Services.AddHttpClient(Auth.BotFrameworkTokenProvider.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(entra.CreateRedirectingHandler);
        }
        var app = builder.Build();
        app.MapTeamsMessages();
        await TestDatabase.CreateAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TeamsBotHost(app, new Uri(address), databasePath, clock, logs);
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, string? token = null, string contentType = "application/json") =>
        PostRawAsync(activity.ToJsonString(), token, contentType);

    public async Task<HttpResponseMessage> PostRawAsync(string body, string? token = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", token.Contains(' ', StringComparison.Ordinal) ? token : $"Bearer {token}");
        }
        return await Client.SendAsync(request);
    }

    /// <summary>How many inbound events were recorded (each processed turn records one).</summary>
    public async Task<int> InboundEventCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().InboundEvents.CountAsync();
    }

    public async Task<int> ConversationCountAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LearningBotDbContext>().ConversationReferences.CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
