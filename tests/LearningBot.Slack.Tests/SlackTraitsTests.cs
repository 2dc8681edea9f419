using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using LearningBot.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Tests;

/// <summary>
/// What Slack tells the core about itself: its outbox pace (LearningBot:Slack, formerly LearningBot:Outbox:Slack…)
/// and that an account's tenant is its workspace; and that an outbox post is paced once, by the outbox.
/// </summary>
public sealed class SlackTraitsTests
{
    private static (ChannelKind Channel, OutboxPace Pace, bool AccountTenantIsTeam) Traits(Dictionary<string, string?> settings)
    {
        using var services = new ServiceCollection().AddSlackChannel(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        var traits = Assert.Single(services.GetServices<ChannelTraits>());
        return (traits.Channel, traits.Pace, traits.AccountTenantIsTeam);
    }

    [Fact]
    public void Slack_is_paced_at_four_messages_a_second_and_one_per_channel_and_its_tenant_is_the_workspace()
    {
        var traits = Traits([]);

        Assert.Equal(ChannelKind.Slack, traits.Channel);
        Assert.Equal(new OutboxPace(4, 1), traits.Pace);
        Assert.True(traits.AccountTenantIsTeam);
    }

    [Fact]
    public void The_former_outbox_keys_still_set_the_pace_and_a_key_in_the_slack_section_wins()
    {
        var former = Traits(new() { ["LearningBot:Outbox:SlackMessagesPerSecond"] = "2", ["LearningBot:Outbox:SlackMessagesPerConversationPerSecond"] = "2" });
        var both = Traits(new() { ["LearningBot:Outbox:SlackMessagesPerSecond"] = "2", ["LearningBot:Outbox:SlackMessagesPerConversationPerSecond"] = "2", ["LearningBot:Slack:MessagesPerConversationPerSecond"] = "3" });

        Assert.Equal(new OutboxPace(2, 2), former.Pace);
        Assert.Equal(new OutboxPace(2, 3), both.Pace);
    }

    [Fact]
    public void A_pace_of_nothing_fails_start_up_naming_the_key()
    {
        using var services = new ServiceCollection()
            .AddSlackChannel(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["LearningBot:Outbox:SlackMessagesPerSecond"] = "0" }).Build())
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SlackOptions>>().Value);
        Assert.Contains("LearningBot:Slack:MessagesPerSecond", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task An_outbox_post_is_not_held_back_again_by_the_pacing_of_replies()
    {
        await using var slack = await FakeSlackApi.StartAsync();
        // Replies into one channel an hour apart: an outbox post that waited for that pacer too would not arrive.
        await using var bot = await SlackBotHost.StartAsync(slack, new Dictionary<string, string?> { ["LearningBot:Slack:PerChannelMessageInterval"] = "01:00:00" });
        await using var scope = bot.Services.CreateAsyncScope();
        var messenger = scope.ServiceProvider.GetServices<IProactiveMessenger>().Single(m => m.Channel == ChannelKind.Slack);
        var conversation = new ConversationReferenceRecord { Channel = ChannelKind.Slack, ConversationId = "C-LEARNING", ConversationType = "Channel", ServiceUrl = slack.ApiBaseUrl, TeamId = FakeSlackApi.TeamId };

        await messenger.SendAsync(conversation, OutboundMessage.FromText("first"), default);
        await messenger.SendAsync(conversation, OutboundMessage.FromText("second"), default);

        Assert.Equal(["first", "second"], slack.CallsTo("chat.postMessage").Select(c => c.Arg("text")));
    }
}
