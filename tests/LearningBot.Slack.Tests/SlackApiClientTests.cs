using LearningBot.Slack.Api;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LearningBot.Slack.Tests;

/// <summary>The Web API client against the fake Slack: ok/error envelope, 429 + Retry-After (slack-protocol.md §5).</summary>
public sealed class SlackApiClientTests : SlackBotTests
{
    private SlackApiClient Client() => Bot.Services.GetRequiredService<SlackApiClient>();

    [Fact]
    public async Task An_error_envelope_becomes_a_typed_exception_with_slacks_details()
    {
        Slack.FailNext("chat.postMessage", "invalid_blocks", messages: ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"]);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("xoxb-t", "C1", new() { ["text"] = "x" }, null, default));

        Assert.Equal("chat.postMessage", error.Method);
        Assert.Equal("invalid_blocks", error.Error);
        Assert.True(error.IsPermanent);
        Assert.Contains("json-pointer:/blocks/0/text/text", Assert.Single(error.Details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_retried()
    {
        Slack.RateLimitNext("chat.postMessage", 2, retryAfterSeconds: 0);

        var ts = await Client().PostMessageAsync("xoxb-t", "C1", new() { ["text"] = "x" }, null, default);

        Assert.NotEmpty(ts);
        Assert.Equal(3, Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_429_that_keeps_coming_is_given_to_the_caller_as_ratelimited()
    {
        Slack.RateLimitNext("chat.postMessage", 10, retryAfterSeconds: 0);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client().PostMessageAsync("xoxb-t", "C1", new() { ["text"] = "x" }, null, default));

        Assert.Equal("ratelimited", error.Error);
        Assert.Equal(SlackApiClient.MaxRateLimitRetries + 1, Slack.CallsTo("chat.postMessage").Count);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_a_call_may_wait_is_handed_back_with_the_wait()
    {
        Slack.RateLimitNext("views.publish", 1, retryAfterSeconds: 120);

        var error = await Assert.ThrowsAsync<SlackApiException>(() => Client().PublishViewAsync("xoxb-t", "U1", new() { ["type"] = "home" }, default));

        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.Single(Slack.CallsTo("views.publish"));
    }

    [Fact]
    public async Task The_token_travels_only_in_the_authorization_header()
    {
        await Client().OpenConversationAsync("xoxb-header-only", "U1", default);
        await Client().UserInfoAsync("xoxb-header-only", "U1", default);

        Assert.All(Slack.Calls, c =>
        {
            Assert.Equal("Bearer xoxb-header-only", c.Authorization);
            Assert.Null(c.Arg("token"));
        });
    }

    [Fact]
    public async Task Users_info_gives_the_name_and_time_zone()
    {
        var user = await Client().UserInfoAsync("xoxb-t", "U1", default);
        Assert.Equal("Ada", user.Name);
        Assert.Equal("Europe/London", user.TimeZone);
    }

    [Fact]
    public async Task Posts_to_one_channel_are_paced_and_other_channels_are_not_held_up()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var pacer = new SlackChannelPacer(clock, Microsoft.Extensions.Options.Options.Create(new SlackOptions { PerChannelMessageInterval = TimeSpan.FromHours(1) }));

        Assert.True(pacer.WaitTurnAsync("C1", default).IsCompleted);
        Assert.True(pacer.WaitTurnAsync("C2", default).IsCompleted);
        using var cancel = new CancellationTokenSource();
        var second = pacer.WaitTurnAsync("C1", cancel.Token);
        Assert.False(second.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
    }
}
