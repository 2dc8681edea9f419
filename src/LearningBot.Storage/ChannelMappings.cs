using LearningBot.Slack.Installations;
using Microsoft.EntityFrameworkCore;

namespace LearningBot.Storage;

/// <summary>The tables a channel keeps for itself (Slack's workspace installations), which the core cannot see.</summary>
internal static class ChannelMappings
{
    public static void Apply(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SlackInstallationRecord).Assembly);
}
