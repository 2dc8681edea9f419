using LearningBot.Core.Conversations;
using LearningBot.Slack.Outbound;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// A Slack payload as the core sees it — the <see cref="Turn"/> and the conversation to remember — together with where
/// its reply goes. <see cref="ReplyTo"/> is null when there is no one to answer (the bot was removed from the workspace).
/// </summary>
/// <param name="Source">What it came from, for the log: event, command, block_actions, view_submission.</param>
/// <param name="Turn">The payload as the core's turn.</param>
/// <param name="Address">The conversation to remember for proactive messages.</param>
/// <param name="ReplyTo">Where the reply goes; null when there is no one to answer.</param>
public sealed record SlackTurn(string Source, Turn Turn, ConversationAddress Address, SlackReplyTarget? ReplyTo);
