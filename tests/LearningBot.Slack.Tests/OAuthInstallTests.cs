using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Slack.Installations;
using LearningBot.Testing.Fakes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Slack.Tests;

/// <summary>OAuth v2 install into several workspaces (slack-protocol.md §8) and per-team tokens afterwards.</summary>
public sealed class OAuthInstallTests() : SlackBotTests(new Dictionary<string, string?> { ["LearningBot:Slack:AuthorizeUrl"] = "https://slack.example/oauth/v2/authorize" })
{
    [Fact]
    public async Task Install_redirects_to_slack_consent_with_client_id_scopes_and_a_state()
    {
        var state = await InstallStateAsync();
        Assert.False(string.IsNullOrEmpty(state));
    }

    [Fact]
    public async Task A_callback_with_an_unknown_state_is_refused_and_nothing_is_stored_or_asked()
    {
        using var response = await Bot.Client.GetAsync("/slack/oauth/callback?code=good-code&state=forged");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(Slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0, await InstallationCountAsync());
    }

    [Fact]
    public async Task A_good_callback_stores_the_installation_with_the_token_protected_and_the_state_works_once()
    {
        var state = await InstallStateAsync();
        using var response = await Bot.Client.GetAsync($"/slack/oauth/callback?code=good-code&state={state}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var access = Assert.Single(Slack.CallsTo("oauth.v2.access"));
        Assert.StartsWith("Basic ", access.Authorization, StringComparison.Ordinal);
        var installation = await Bot.WithDbAsync(db => db.Set<SlackInstallationRecord>().SingleAsync());
        Assert.Equal("T2", installation.TeamId);
        Assert.Equal("UBOT2", installation.BotUserId);
        Assert.Equal("BBOT", installation.BotId);
        Assert.DoesNotContain("xoxb-installed-secret", installation.ProtectedBotToken, StringComparison.Ordinal);

        using var replay = await Bot.Client.GetAsync($"/slack/oauth/callback?code=good-code&state={state}");
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.DoesNotContain(Bot.Logs.Entries, e => e.Message.Contains("xoxb-installed-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_code_slack_refuses_stores_nothing()
    {
        var state = await InstallStateAsync();
        using var response = await Bot.Client.GetAsync($"/slack/oauth/callback?code=bad-code&state={state}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await InstallationCountAsync());
    }

    [Fact]
    public async Task Events_of_an_installed_workspace_are_answered_with_that_workspaces_token_and_others_with_the_configured_one()
    {
        var state = await InstallStateAsync();
        (await Bot.Client.GetAsync($"/slack/oauth/callback?code=good-code&state={state}")).Dispose();

        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("from the second workspace"), eventId: "Ev-T2", teamId: "T2"));
        await Bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("from the first workspace"), eventId: "Ev-T1", teamId: FakeSlackApi.TeamId));
        await Bot.ProcessedAsync();

        var posts = Slack.CallsTo("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.Contains(posts, p => p.Authorization == "Bearer xoxb-installed-secret" && p.Body.GetRawText().Contains("second workspace", StringComparison.Ordinal));
        Assert.Contains(posts, p => p.Authorization == $"Bearer {SlackBotHost.BotToken}" && p.Body.GetRawText().Contains("first workspace", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_client_credentials_the_install_endpoints_answer_404()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack, new Dictionary<string, string?> { ["LearningBot:Slack:ClientId"] = "", ["LearningBot:Slack:ClientSecret"] = "" });
        using var install = await bot.Client.GetAsync("/slack/install");
        using var callback = await bot.Client.GetAsync("/slack/oauth/callback?code=x&state=y");
        Assert.Equal(HttpStatusCode.NotFound, install.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, callback.StatusCode);
    }

    private async Task<string> InstallStateAsync()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Bot.Client.BaseAddress };
        using var response = await client.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("https://slack.example/oauth/v2/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("client-1", query["client_id"]);
        // Exactly the manifest's bot scopes, users:read.email included, so email-linked features work after an OAuth install.
        Assert.Equal(ManifestTests.ManifestBotScopes().Order(StringComparer.Ordinal), query["scope"].ToString().Split(',').Order(StringComparer.Ordinal));
        return query["state"]!;
    }

    private Task<int> InstallationCountAsync() => Bot.WithDbAsync(db => db.Set<SlackInstallationRecord>().CountAsync());
}
