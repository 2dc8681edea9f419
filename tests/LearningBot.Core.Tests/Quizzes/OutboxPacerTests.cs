using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;

namespace LearningBot.Core.Tests.Quizzes;

public sealed class OutboxPacerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    /// <summary>The paces the channels register by default (their own tests check them there).</summary>
    private static OutboxPacer Pacer(double teamsMessagesPerSecond = 20) => new(new Dictionary<ChannelKind, OutboxPace>
    {
        [ChannelKind.Teams] = new(teamsMessagesPerSecond, 7),
        [ChannelKind.Slack] = new(4, 1),
    });

    [Fact]
    public void A_Teams_conversation_takes_seven_messages_a_second_and_a_Slack_channel_one()
    {
        var pacer = Pacer();

        var teams = Enumerable.Range(0, 8).Count(i => pacer.TryTakeConversation(ChannelKind.Teams, "a:1", Now, out _));
        var slack = Enumerable.Range(0, 3).Count(i => pacer.TryTakeConversation(ChannelKind.Slack, "D1", Now, out _));
        var slackLater = pacer.TryTakeConversation(ChannelKind.Slack, "D1", Now.AddSeconds(1), out _);

        Assert.Equal(7, teams);
        Assert.Equal(1, slack);
        Assert.True(slackLater);
    }

    [Fact]
    public void The_global_budget_refills_with_time_and_says_how_long_to_wait()
    {
        var pacer = Pacer(teamsMessagesPerSecond: 20);

        var burst = Enumerable.Range(0, 25).Count(i => pacer.TryTakeGlobal(ChannelKind.Teams, Now, out _));
        pacer.TryTakeGlobal(ChannelKind.Teams, Now, out var wait);
        var halfSecondLater = Enumerable.Range(0, 25).Count(i => pacer.TryTakeGlobal(ChannelKind.Teams, Now.AddMilliseconds(500), out _));

        Assert.Equal(20, burst);
        Assert.Equal(TimeSpan.FromMilliseconds(50), wait);
        Assert.Equal(10, halfSecondLater);
    }

    [Fact]
    public void A_Retry_After_holds_the_conversation_until_then()
    {
        var pacer = Pacer();
        pacer.Hold(ChannelKind.Teams, "a:1", Now.AddSeconds(30));

        Assert.False(pacer.TryTakeConversation(ChannelKind.Teams, "a:1", Now.AddSeconds(29), out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.True(pacer.TryTakeConversation(ChannelKind.Teams, "a:1", Now.AddSeconds(30), out _));
    }
}
