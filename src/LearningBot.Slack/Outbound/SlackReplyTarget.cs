using LearningBot.Slack.Installations;

namespace LearningBot.Slack.Outbound;

/// <summary>
/// Where the reply to a Slack turn goes, and how: the facts of the inbound payload that <see cref="SlackReplyDelivery"/>'s
/// rules read (slack-protocol.md §2–§5). A proactive message is a target with only the workspace and the channel.
/// </summary>
public sealed record SlackReplyTarget(SlackAuthorization Auth, string Channel)
{
    /// <summary>The thread to answer in: a mention inside a thread is answered in that thread.</summary>
    public string? ThreadTs { get; init; }

    /// <summary>Messages only this person sees (chat.postEphemeral): answers to a reaction or to a modal submitted in a channel.</summary>
    public string? EphemeralTo { get; init; }

    /// <summary>The response_url of a slash command or an interaction (valid 30 min, 5 uses — §3, §4).</summary>
    public Uri? ResponseUrl { get; init; }

    /// <summary>Messages go ephemeral through <see cref="ResponseUrl"/>: a slash command's, or a button's on an ephemeral message.</summary>
    public bool RepliesThroughResponseUrl { get; init; }

    /// <summary>The first message is the answer in the ack itself (a slash command's response, §3).</summary>
    public bool FirstMessageInAck { get; init; }

    /// <summary>
    /// The turn came from a button on a message: the reply's updated card replaces that message in place (through
    /// <see cref="ResponseUrl"/>, else chat.update at <see cref="CardTs"/>). Otherwise an updated card is sent as a message.
    /// </summary>
    public bool ReplacesCard { get; init; }

    /// <summary>The ts of the card message to update in place.</summary>
    public string? CardTs { get; init; }

    /// <summary>A trigger that can still open a modal (valid for 3 s, §4): the reply's first form opens as one.</summary>
    public string? TriggerId { get; init; }

    /// <summary>
    /// The outbox has already held this message to Slack's pace (<see cref="SlackOptions.MessagesPerConversationPerSecond"/>),
    /// so it is posted at once rather than waiting again for <see cref="Api.SlackChannelPacer"/>, which paces replies.
    /// </summary>
    public bool PacedByOutbox { get; init; }

    /// <summary>App Home: the reply's card is published as this person's Home tab instead of being posted (§2.3 app_home_opened).</summary>
    public string? HomeOf { get; init; }
}
