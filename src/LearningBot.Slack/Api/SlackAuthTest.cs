namespace LearningBot.Slack.Api;

/// <summary>What auth.test says about a token.</summary>
public sealed record SlackAuthTest(string UserId, string? BotId, string? TeamId, string? EnterpriseId);
