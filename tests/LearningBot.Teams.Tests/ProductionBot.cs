using System.Text.Json.Nodes;
using LearningBot.Testing.Fakes;

namespace LearningBot.Teams.Tests;

/// <summary>The bot in production mode with its three neighbours: the token issuer, Entra and the Connector.</summary>
public sealed class ProductionBot : IAsyncDisposable
{
    private ProductionBot(FakeBotFrameworkIdentity identity, FakeEntraTokenEndpoint entra, FakeConnector connector, TeamsBotHost host)
    {
        Identity = identity;
        Entra = entra;
        Connector = connector;
        Host = host;
    }

    public FakeBotFrameworkIdentity Identity { get; }
    public FakeEntraTokenEndpoint Entra { get; }
    public FakeConnector Connector { get; }
    public TeamsBotHost Host { get; }

    /// <param name="lessons">true: the real knowledge handler answers from the repository's content/ lessons.</param>
    /// <param name="settings">Configuration over the defaults (e.g. LearningBot:Quizzes:Enrollment, a content folder of its own).</param>
    public static async Task<ProductionBot> StartAsync(bool lessons = false, IDictionary<string, string?>? settings = null)
    {
        var identity = await FakeBotFrameworkIdentity.StartAsync();
        var entra = await FakeEntraTokenEndpoint.StartAsync();
        var connector = await FakeConnector.StartAsync();
        var host = await TeamsBotHost.StartProductionAsync(identity, entra, lessons, settings);
        return new ProductionBot(identity, entra, connector, host);
    }

    /// <summary>A token request that is valid now for this bot and the fake connector.</summary>
    public FakeTokenRequest ValidToken() => FakeTokenRequest.ValidFor(TeamsBotHost.AppId, Connector.ServiceUrl, Host.Clock.GetUtcNow());

    public string Token(FakeTokenRequest request) => Identity.CreateToken(request);

    public JsonObject Message(string text = "what is phishing", string id = "1575667808184") => TestActivities.Message(Connector.ServiceUrl, text, id);

    public Task<HttpResponseMessage> PostAsync(JsonObject activity, FakeTokenRequest? token = null) =>
        Host.PostAsync(activity, Token(token ?? ValidToken()));

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
        await Entra.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
