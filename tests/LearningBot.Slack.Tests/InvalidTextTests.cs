using System.Net;
using System.Text.Json.Nodes;
using LearningBot.Core.Kernel;

namespace LearningBot.Slack.Tests;

/// <summary>A lone surrogate or invalid UTF-8 anywhere is a 400 at the edge, stores nothing and queues nothing.</summary>
public sealed class InvalidTextTests : SlackBotTests
{
    [Theory]
    [InlineData("{\"type\":\"\\ud800\"}")]
    [InlineData("{\"type\":\"event_callback\",\"event_id\":\"Ev\\udc00\",\"event\":{\"type\":\"message\",\"text\":\"hi\"}}")]
    [InlineData("{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\",\"\\ud800x\":\"hi\"}}")]
    public async Task A_lone_surrogate_in_an_event_is_a_400_and_stores_nothing(string body)
    {
        using var response = await Bot.PostAsync("/slack/events", body, "application/json");
        await Bot.ProcessedAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await Bot.InboundEventCountAsync());
    }

    [Fact]
    public async Task A_lone_surrogate_in_an_interaction_payload_is_a_400()
    {
        using var response = await Bot.PostAsync("/slack/interactions", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"x\":\"\\ud800\"}"), "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_slash_command_field_is_a_400()
    {
        using var response = await Bot.PostAsync("/slack/commands", "command=%2Flearn&user_id=U1&channel_id=C1&text=%ED%A0%80", "application/x-www-form-urlencoded");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var cut = WellFormedText.Cut("ab😀cd", 4);
        Assert.Equal("ab…", cut);
        Assert.True(WellFormedText.IsWellFormed(cut));
        Assert.Equal("abc…", WellFormedText.Cut("abcdef", 4));
    }
}
