using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Teams.Auth;
using LearningBot.Testing;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.EndToEnd;

/// <summary>
/// The real service (<see cref="LearningBotTestHost"/>) with the demo library, on real time, configured for
/// production-mode Teams auth against a fake Bot Framework identity (OpenID metadata + JWKS on loopback), a fake
/// Entra token endpoint for outbound tokens, and a fake Connector that records what the bot sends.
/// </summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    public const string TenantId = "8a1c9f2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    public const string ApiKey = "test-api-key-7f3a";
    private readonly LearningBotTestHost _host;

    public string AppId { get; }
    public FakeBotFrameworkIdentity Identity { get; }
    public FakeConnector Connector { get; }
    public FakeEntraTokenEndpoint Entra { get; }
    public HttpClient Http => _host.Client;

    /// <summary>The bot's services, to look at what it stored.</summary>
    public IServiceProvider Services => _host.Services;

    private BotUnderTest(LearningBotTestHost host, string appId, FakeBotFrameworkIdentity identity, FakeConnector connector, FakeEntraTokenEndpoint entra)
    {
        _host = host;
        AppId = appId;
        Identity = identity;
        Connector = connector;
        Entra = entra;
    }

    public static async Task<BotUnderTest> StartAsync(bool developmentMode = false)
    {
        var identity = await FakeBotFrameworkIdentity.StartAsync();
        var connector = await FakeConnector.StartAsync();
        var entra = await FakeEntraTokenEndpoint.StartAsync();
        var appId = developmentMode ? "" : Guid.NewGuid().ToString();
        // Real time here, and (as for every test host) no scheduled jobs: a quiz fired by the wall clock would make
        // connector counts depend on when tests run.
        var host = await LearningBotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["LearningBot:Content:Path"] = RepositoryPaths.Content,
            ["LearningBot:Knowledge:OutOfScopePath"] = Path.Combine(RepositoryPaths.Content, "out-of-scope.yaml"),
            ["LearningBot:Api:Key"] = ApiKey,
            ["LearningBot:Teams:AppId"] = appId,
            ["LearningBot:Teams:AppPassword"] = developmentMode ? "" : "test-secret",
            ["LearningBot:Teams:TenantId"] = developmentMode ? "" : TenantId,
            ["LearningBot:Teams:OpenIdMetadataUrl"] = identity.MetadataUrl,
        }, services => services.AddHttpClient(BotFrameworkTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(entra.CreateRedirectingHandler), minimumLogLevel: LogLevel.Warning);
        return new BotUnderTest(host, appId, identity, connector, entra);
    }

    /// <summary>A Teams activity as the channel sends it, from user 29:ada in a personal chat with the bot.</summary>
    public JsonObject Activity(string type, string id, Action<JsonObject>? change = null)
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["localTimezone"] = "Europe/Berlin",
            ["serviceUrl"] = Connector.ServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:ada", ["name"] = "Ada Lovelace", ["aadObjectId"] = "00000000-0000-0000-0000-0000000000ad" },
            ["recipient"] = new JsonObject { ["id"] = $"28:{AppId}", ["name"] = "LearningBot" },
            ["conversation"] = new JsonObject { ["id"] = "a:personal-ada", ["conversationType"] = "personal", ["tenantId"] = TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "en-US",
        };
        change?.Invoke(activity);
        return activity;
    }

    public JsonObject Message(string id, string text) => Activity("message", id, a => a["text"] = text);

    /// <summary>POSTs the activity to /api/messages with a valid channel token (or the given one; "" = no header).</summary>
    public async Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        token ??= Identity.CreateToken(FakeTokenRequest.ValidFor(AppId, Connector.ServiceUrl, DateTimeOffset.UtcNow));
        if (token.Length > 0)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await Http.SendAsync(request);
    }

    /// <summary>The Adaptive Cards the bot has sent to the Connector so far, in order.</summary>
    public IReadOnlyList<JsonElement> SentCards() =>
        Connector.Requests.Where(r => r.Method == "POST" && r.Card is not null).Select(r => r.Card!.Value).ToList();

    public static string Title(JsonElement card) => card.GetProperty("body")[0].GetProperty("text").GetString()!;

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await Connector.DisposeAsync();
        await Identity.DisposeAsync();
        await Entra.DisposeAsync();
    }
}
