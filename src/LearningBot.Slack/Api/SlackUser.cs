namespace LearningBot.Slack.Api;

/// <summary>A Slack user as users.info reports it (only the fields the bot uses).</summary>
public sealed record SlackUser(string Id, string Name, string? TimeZone, string? Locale, bool IsBot)
{
    /// <summary>profile.email; only given with the users:read.email scope.</summary>
    public string? Email { get; init; }
}
