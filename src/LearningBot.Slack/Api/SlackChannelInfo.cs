namespace LearningBot.Slack.Api;

/// <summary>What conversations.info says about a channel that matters for posting there.</summary>
/// <param name="Id">The channel id.</param>
/// <param name="IsMember">The bot is in the channel and can post there.</param>
/// <param name="IsPrivate">A private channel: the bot cannot join it, someone has to invite it.</param>
/// <param name="IsDirect">A DM or group DM.</param>
/// <param name="IsArchived">Archived: nobody can post there.</param>
public sealed record SlackChannelInfo(string Id, bool IsMember, bool IsPrivate, bool IsDirect, bool IsArchived);
