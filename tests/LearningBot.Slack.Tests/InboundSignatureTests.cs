using System.Net;
using System.Text;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Slack.Tests;

/// <summary>slack-protocol.md §1: v0 HMAC-SHA256 over the raw body, ±5 minutes, constant-time compare.</summary>
public sealed class InboundSignatureTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static SlackSignatureVerifier Verifier() =>
        new(Options.Create(new SlackOptions { SigningSecret = SlackBotHost.SigningSecret }), Clock);

    private static string Now(int skewSeconds = 0) => (Clock.GetUtcNow().ToUnixTimeSeconds() + skewSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_signature_over_the_raw_body_with_the_signing_secret_is_accepted()
    {
        var body = Encoding.UTF8.GetBytes("token=x&command=%2Flearn&text=");
        Assert.Null(Verifier().Verify(Now(), SlackSignatureVerifier.Sign(SlackBotHost.SigningSecret, Now(), body), body));
    }

    [Fact]
    public void The_documented_example_signature_matches()
    {
        // Slack's worked example (api.slack.com "Verifying requests from Slack"), reproduced by bolt-js and python-slack-sdk tests.
        var body = Encoding.UTF8.GetBytes("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
        var signature = SlackSignatureVerifier.Sign("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body);
        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", signature);
    }

    [Fact]
    public void A_tampered_body_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("{\"type\":\"event_callback\"}");
        var signature = SlackSignatureVerifier.Sign(SlackBotHost.SigningSecret, Now(), body);
        Assert.NotNull(Verifier().Verify(Now(), signature, Encoding.UTF8.GetBytes("{\"type\":\"event_callback\" }")));
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        Assert.NotNull(Verifier().Verify(Now(), SlackSignatureVerifier.Sign("another-secret", Now(), body), body));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public void A_timestamp_more_than_five_minutes_away_is_refused_as_a_replay(int skewSeconds)
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var timestamp = Now(skewSeconds);
        Assert.NotNull(Verifier().Verify(timestamp, SlackSignatureVerifier.Sign(SlackBotHost.SigningSecret, timestamp, body), body));
    }

    [Fact]
    public void A_timestamp_within_five_minutes_is_accepted()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var timestamp = Now(-299);
        Assert.Null(Verifier().Verify(timestamp, SlackSignatureVerifier.Sign(SlackBotHost.SigningSecret, timestamp, body), body));
    }

    [Theory]
    [InlineData(null, "v0=00")]
    [InlineData("1", null)]
    [InlineData("not-a-number", "v0=00")]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature) =>
        Assert.NotNull(Verifier().Verify(timestamp, signature, []));

    [Fact]
    public void A_signature_of_another_version_is_refused()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var v0 = SlackSignatureVerifier.Sign(SlackBotHost.SigningSecret, Now(), body);
        Assert.NotNull(Verifier().Verify(Now(), "v1=" + v0[3..], body));
    }

    [Theory]
    [InlineData("/slack/events")]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    public async Task Every_endpoint_refuses_an_unsigned_forged_or_stale_request_with_401_and_does_nothing(string path)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack);
        var body = path == "/slack/events"
            ? SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hello")).ToJsonString()
            : path == "/slack/commands"
                ? SlackBotHost.Form(SlackPayloads.Command("/learn", "", slack.ResponseUrl()))
                : SlackBotHost.Form(new Dictionary<string, string> { ["payload"] = SlackPayloads.BlockAction("lb:0:test.echo", "{\"v\":\"test.echo\",\"d\":{}}", slack.ResponseUrl()).ToJsonString() });
        var contentType = path == "/slack/events" ? "application/json" : "application/x-www-form-urlencoded";

        foreach (var signing in new[]
        {
            new Signing { Omit = true },
            new Signing { Secret = "forged" },
            new Signing { TamperBody = true },
            new Signing { Skew = TimeSpan.FromMinutes(-6) },
            new Signing { Skew = TimeSpan.FromMinutes(6) },
        })
        {
            using var response = await bot.PostAsync(path, body, contentType, signing);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        await bot.ProcessedAsync();
        Assert.Equal(0, await bot.InboundEventCountAsync());
        Assert.Empty(slack.Calls);
    }

    [Fact]
    public async Task An_ssl_check_on_the_commands_url_is_answered_without_a_signature()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack);
        using var response = await bot.PostAsync("/slack/commands", "ssl_check=1&token=x", "application/x-www-form-urlencoded", new Signing { Omit = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(slack.Calls);
    }

    [Theory]
    [InlineData("/slack/events")]
    [InlineData("/slack/commands")]
    [InlineData("/slack/interactions")]
    public async Task Slack_endpoints_answer_404_while_the_signing_secret_is_empty(string path)
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack, new Dictionary<string, string?> { ["LearningBot:Slack:SigningSecret"] = "" });
        using var response = await bot.PostAsync(path, "{}", "application/json");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Slack_endpoints_answer_404_in_socket_mode()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack, new Dictionary<string, string?>
        {
            ["LearningBot:Slack:SocketMode"] = "true",
            ["LearningBot:Slack:AppToken"] = "xapp-1-test",
        });
        using var response = await bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hello")));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
