using LearningBot.Core.Conversations;
using LearningBot.Slack.Inbound;

namespace LearningBot.Slack.Tests;

public sealed class MentionTests
{
    [Fact]
    public void People_mentioned_in_escaped_command_text_are_listed_once_each_without_the_bot()
    {
        var mentions = SlackEventProcessor.MentionsIn("<@UBOT> debrief Apollo <@U0GRACE|grace> <@U0ADA> <@U0GRACE|grace> by 2026-12-18", "UBOT");

        Assert.Equal([new ChannelUser("U0GRACE", "grace"), new ChannelUser("U0ADA", "")], mentions);
    }

    [Fact]
    public void Channel_and_group_mentions_are_not_people()
    {
        Assert.Empty(SlackEventProcessor.MentionsIn("<!here> <#C123|general> <!subteam^S1|@devs>", "UBOT"));
    }
}
