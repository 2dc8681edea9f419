using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Tests;

/// <summary>Proactive delivery into stored Slack conversations, and start-up validation of LearningBot:Slack.</summary>
public sealed class ProactiveAndOptionsTests
{
    [Fact]
    public async Task A_stored_slack_conversation_gets_a_proactive_card_and_its_update()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack);
        await bot.PostEventAsync(SlackPayloads.EventCallback(SlackPayloads.DirectMessage("hi")));
        await bot.ProcessedAsync();

        await using var scope = bot.Services.CreateAsyncScope();
        var conversation = (await scope.ServiceProvider.GetRequiredService<ConversationReferenceStore>().FindAsync(ChannelKind.Slack, SlackPayloads.DmChannel, default))!;
        var messenger = scope.ServiceProvider.GetServices<IProactiveMessenger>().Single(m => m.Channel == ChannelKind.Slack);
        var ts = await messenger.SendAsync(conversation, OutboundMessage.FromCard(new Card { Title = "Daily quiz" }), default);
        await messenger.UpdateAsync(conversation, ts, new Card { Title = "Answered" }, default);

        Assert.Equal(FakeSlackApi.TeamId, conversation.TeamId);
        Assert.Equal("Daily quiz", slack.CallsTo("chat.postMessage")[^1].Arg("text"));
        var update = Assert.Single(slack.CallsTo("chat.update"));
        Assert.Equal(ts, update.Arg("ts"));
        Assert.Equal(SlackPayloads.DmChannel, update.Arg("channel"));
    }

    [Fact]
    public async Task A_channel_the_bot_was_removed_from_is_a_permanent_delivery_failure()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        await using var bot = await SlackBotHost.StartAsync(slack);
        slack.FailNext("chat.postMessage", "channel_not_found");
        await using var scope = bot.Services.CreateAsyncScope();
        var messenger = scope.ServiceProvider.GetServices<IProactiveMessenger>().Single(m => m.Channel == ChannelKind.Slack);
        var conversation = new ConversationReferenceRecord { Channel = ChannelKind.Slack, ConversationId = "C-GONE", ConversationType = "Channel", ServiceUrl = slack.ApiBaseUrl, TeamId = FakeSlackApi.TeamId };

        var error = await Assert.ThrowsAsync<ProactiveDeliveryException>(() => messenger.SendAsync(conversation, OutboundMessage.FromText("hi"), default));
        Assert.True(error.Permanent);
    }

    [Fact]
    public void Empty_options_are_valid_and_leave_slack_off()
    {
        var options = new SlackOptions();
        Assert.True(new SlackOptionsValidator().Validate(null, options).Succeeded);
        Assert.False(options.IsEnabled);
    }

    [Theory]
    [InlineData("secret", "", "", false, "", "", "no way to get a bot token")]
    [InlineData("secret", "xoxp-user", "", false, "", "", "must be a bot token")]
    [InlineData("", "xoxb-1", "", true, "", "", "AppToken is empty")]
    [InlineData("", "xoxb-1", "xoxb-wrong", true, "", "", "starting with 'xapp-'")]
    [InlineData("secret", "", "", false, "id", "", "go together")]
    public void Incomplete_settings_fail_start_up_saying_what_to_set(string secret, string botToken, string appToken, bool socketMode, string clientId, string clientSecret, string expected)
    {
        var result = new SlackOptionsValidator().Validate(null, new SlackOptions
        {
            SigningSecret = secret,
            BotToken = botToken,
            AppToken = appToken,
            SocketMode = socketMode,
            ClientId = clientId,
            ClientSecret = clientSecret,
        });
        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_http_api_base_url_is_allowed_only_on_loopback()
    {
        Assert.True(new SlackOptionsValidator().Validate(null, new SlackOptions { ApiBaseUrl = "http://slack.example/api/" }).Failed);
        Assert.True(new SlackOptionsValidator().Validate(null, new SlackOptions { ApiBaseUrl = "http://127.0.0.1:5000/api/" }).Succeeded);
    }

    [Fact]
    public void The_options_bind_from_the_documented_keys()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LearningBot:Slack:SigningSecret"] = "s",
            ["LearningBot:Slack:BotToken"] = "xoxb-1",
            ["LearningBot:Slack:AppToken"] = "xapp-1",
            ["LearningBot:Slack:SocketMode"] = "true",
            ["LearningBot:Slack:ApiBaseUrl"] = "https://proxy.example/api/",
        }).Build();
        using var services = new ServiceCollection().AddSlackChannel(configuration).BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        Assert.Equal(("s", "xoxb-1", "xapp-1", true, "https://proxy.example/api/"), (options.SigningSecret, options.BotToken, options.AppToken, options.SocketMode, options.ApiBaseUrl));
    }
}
