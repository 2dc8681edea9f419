namespace LearningBot.Slack.Installations;

/// <summary>Which bot token and bot user act for a team: the stored installation, or the single-workspace BotToken.</summary>
public sealed record SlackAuthorization(string BotToken, string BotUserId, string? TeamId, string? EnterpriseId)
{
    public override string ToString() => $"SlackAuthorization {{ BotUserId = {BotUserId}, TeamId = {TeamId}, EnterpriseId = {EnterpriseId} }}";
}
