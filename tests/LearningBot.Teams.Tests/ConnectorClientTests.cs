using System.Net;
using LearningBot.Teams.Connector;
using LearningBot.Teams.Schema;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Teams.Tests;

public sealed class ConnectorClientTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings, FakeEntraTokenEndpoint? entra = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
        services.AddTeamsChannel(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        if (entra is not null)
        {
            services.AddHttpClient(Auth.BotFrameworkTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(entra.CreateRedirectingHandler);
        }
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Production => new()
    {
        ["LearningBot:Teams:AppId"] = TeamsBotHost.AppId,
        ["LearningBot:Teams:AppPassword"] = "not-a-real-secret",
    };

    private static Activity Text(string text) => new() { Type = "message", Text = text };

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_and_then_succeeds()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services([]);
        connector.FailNext(2, 429, retryAfter: TimeSpan.Zero, errorCode: "TooManyRequests");

        var sent = await services.GetRequiredService<ConnectorClient>().SendToConversationAsync(connector.ServiceUrl, "a:1", Text("hi"), CancellationToken.None);

        Assert.StartsWith("fake-activity-", sent.Id, StringComparison.Ordinal);
        Assert.Equal(3, connector.Requests.Count);
    }

    [Fact]
    public async Task A_429_asking_for_a_longer_wait_than_a_request_can_hold_is_given_back_to_the_caller()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services([]);
        connector.FailNext(1, 429, retryAfter: TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            services.GetRequiredService<ConnectorClient>().SendToConversationAsync(connector.ServiceUrl, "a:1", Text("hi"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Single(connector.Requests);
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Transient_failures_are_retried(int status)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services([]);
        connector.FailNext(1, status, retryAfter: TimeSpan.Zero);

        await services.GetRequiredService<ConnectorClient>().SendToConversationAsync(connector.ServiceUrl, "a:1", Text("hi"), CancellationToken.None);

        Assert.Equal(2, connector.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_after_a_bounded_number_of_attempts()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services([]);
        connector.FailNext(10, 429, retryAfter: TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            services.GetRequiredService<ConnectorClient>().SendToConversationAsync(connector.ServiceUrl, "a:1", Text("hi"), CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TeamsRegistration.MaxConnectorRetries + 1, connector.Requests.Count);
    }

    [Theory]
    [InlineData(403, "MessageWritesBlocked")]
    [InlineData(404, "ConversationNotFound")]
    public async Task A_403_or_404_is_not_retried_and_reports_the_error_code(int status, string code)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services([]);
        connector.FailNext(1, status, errorCode: code);

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            services.GetRequiredService<ConnectorClient>().SendToConversationAsync(connector.ServiceUrl, "a:1", Text("hi"), CancellationToken.None));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        Assert.Single(connector.Requests);
    }

    [Fact]
    public async Task Ids_are_escaped_and_there_is_exactly_one_slash_before_v3()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services([]);
        var client = services.GetRequiredService<ConnectorClient>();
        var serviceUrl = connector.ServiceUrl + "amer//";

        await client.ReplyToActivityAsync(serviceUrl, "19:c@thread.tacv2;messageid=1", "act/1", Text("hi"), CancellationToken.None);
        await client.UpdateActivityAsync(serviceUrl, "a:1", "act 2", Text("hi"), CancellationToken.None);
        var created = await client.CreateConversationAsync(serviceUrl, new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = TeamsBotHost.BotId },
            Members = [new ChannelAccount { Id = "29:user" }],
            TenantId = "t-1",
            ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = "t-1" } },
        }, CancellationToken.None);

        Assert.Equal(
            [
                ("POST", "/amer/v3/conversations/19%3Ac%40thread.tacv2%3Bmessageid%3D1/activities/act%2F1"),
                ("PUT", "/amer/v3/conversations/a%3A1/activities/act%202"),
                ("POST", "/amer/v3/conversations"),
            ],
            connector.Requests.Select(r => (r.Method, r.RawTarget)));
        Assert.StartsWith("a:fake-conversation-", created.Id, StringComparison.Ordinal);
        var body = connector.Requests[2].Body!.Value;
        Assert.Equal("29:user", body.GetProperty("members")[0].GetProperty("id").GetString());
        Assert.Equal("t-1", body.GetProperty("channelData").GetProperty("tenant").GetProperty("id").GetString());
        Assert.False(body.GetProperty("isGroup").GetBoolean());
    }

    [Fact]
    public async Task In_production_the_token_is_never_sent_to_an_untrusted_service_url()
    {
        await using var entra = await FakeEntraTokenEndpoint.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services(Production, entra);

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            services.GetRequiredService<ConnectorClient>().SendToConversationAsync(connector.ServiceUrl, "a:1", Text("hi"), CancellationToken.None));

        Assert.Empty(connector.Requests);
        Assert.Empty(entra.TokenRequests);
    }

    [Fact]
    public async Task In_production_a_service_url_from_an_authenticated_activity_gets_the_token()
    {
        await using var entra = await FakeEntraTokenEndpoint.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var services = Services(Production, entra);
        services.GetRequiredService<TrustedServiceUrls>().RememberAuthenticated(connector.ServiceUrl);

        await services.GetRequiredService<ConnectorClient>().SendToConversationAsync(connector.ServiceUrl, "a:1", Text("hi"), CancellationToken.None);

        Assert.Equal($"Bearer {entra.AccessToken}", Assert.Single(connector.Requests).Authorization);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/", true)]
    [InlineData("https://emea.ng.msg.teams.microsoft.com/", true)]
    [InlineData("https://europe.webchat.botframework.com/", true)]
    [InlineData("https://teams.microsoft.us/", true)]
    [InlineData("http://smba.trafficmanager.net/amer/", false)]
    [InlineData("https://smba.trafficmanager.net.evil.example/", false)]
    [InlineData("https://evilbotframework.com/", false)]
    [InlineData("http://127.0.0.1:5000/", false)]
    public void Only_https_hosts_on_the_allow_list_are_trusted_before_an_authenticated_activity(string url, bool trusted)
    {
        using var services = Services(Production);

        Assert.Equal(trusted, services.GetRequiredService<TrustedServiceUrls>().IsTrusted(new Uri(url)));
    }

    [Theory]
    [InlineData("http://127.0.0.1:56150/_connector", true)]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://[::1]:56150/", true)]
    [InlineData("http://10.0.0.5/", false)]
    public void In_development_mode_loopback_service_urls_are_trusted(string url, bool trusted)
    {
        using var services = Services([]);

        Assert.Equal(trusted, services.GetRequiredService<TrustedServiceUrls>().IsTrusted(new Uri(url)));
    }
}
