namespace LearningBot.Slack.Inbound;

/// <summary>A slash command as Slack posts it (slack-protocol.md §3), from the form (HTTP) or the envelope payload (Socket Mode).</summary>
public sealed record SlashCommand(string Command, string Text, string UserId, string ChannelId, string? TeamId, string? EnterpriseId, string? ResponseUrl, string? TriggerId)
{
    public static SlashCommand? From(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var command = field("command");
        var user = field("user_id");
        var channel = field("channel_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }
        return new SlashCommand(command, field("text") ?? "", user, channel, field("team_id"), field("enterprise_id"), field("response_url"), field("trigger_id"));
    }

    /// <summary>The core's text: "/refresher phishing" → "refresher phishing"; "/learn" is the app's help.</summary>
    public string TurnText
    {
        get
        {
            var name = Command.TrimStart('/').ToLowerInvariant();
            return name == "learn" ? "help" : $"{name} {SlackEventProcessor.Unescape(Text)}".Trim();
        }
    }
}
