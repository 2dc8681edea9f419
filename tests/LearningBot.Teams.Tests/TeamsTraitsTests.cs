using LearningBot.Core.Conversations;
using LearningBot.Core.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Teams.Tests;

/// <summary>What Teams tells the core about itself: its outbox pace (LearningBot:Teams, formerly LearningBot:Outbox) and what a tenant is.</summary>
public sealed class TeamsTraitsTests
{
    private static (ChannelKind Channel, OutboxPace Pace, bool AccountTenantIsTeam) Traits(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddTeamsChannel(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();
        var traits = Assert.Single(provider.GetServices<ChannelTraits>());
        return (traits.Channel, traits.Pace, traits.AccountTenantIsTeam);
    }

    [Fact]
    public void Teams_is_paced_at_twenty_messages_a_second_and_seven_per_conversation_and_its_tenant_spans_teams()
    {
        var traits = Traits([]);

        Assert.Equal(ChannelKind.Teams, traits.Channel);
        Assert.Equal(new OutboxPace(20, 7), traits.Pace);
        Assert.False(traits.AccountTenantIsTeam);
    }

    [Fact]
    public void The_former_outbox_keys_still_set_the_pace_and_a_key_in_the_teams_section_wins()
    {
        var former = Traits(new() { ["LearningBot:Outbox:MessagesPerSecond"] = "10", ["LearningBot:Outbox:MessagesPerConversationPerSecond"] = "3" });
        var both = Traits(new() { ["LearningBot:Outbox:MessagesPerSecond"] = "10", ["LearningBot:Outbox:MessagesPerConversationPerSecond"] = "3", ["LearningBot:Teams:MessagesPerSecond"] = "12.5" });

        Assert.Equal(new OutboxPace(10, 3), former.Pace);
        Assert.Equal(new OutboxPace(12.5, 3), both.Pace);
    }

    [Theory]
    [InlineData("LearningBot:Teams:MessagesPerSecond", "50")]
    [InlineData("LearningBot:Teams:MessagesPerConversationPerSecond", "8")]
    [InlineData("LearningBot:Outbox:MessagesPerConversationPerSecond", "0")]
    public void A_pace_beyond_what_Teams_allows_fails_start_up_naming_the_key(string key, string value)
    {
        var services = new ServiceCollection();
        services.AddTeamsChannel(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TeamsOptions>>().Value);
        Assert.Contains(key.Replace("Outbox", "Teams", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
    }
}
