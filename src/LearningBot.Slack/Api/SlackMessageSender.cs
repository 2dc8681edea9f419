using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;

namespace LearningBot.Slack.Api;

/// <summary>Posts the core's outbound messages as Block Kit, paced per channel.</summary>
public sealed class SlackMessageSender(SlackApiClient api, SlackChannelPacer pacer)
{
    /// <summary>Posts into a channel or DM; returns the message ts (Slack's message id).</summary>
    public async Task<string> PostAsync(SlackAuthorization auth, string channel, OutboundMessage message, string? threadTs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        await pacer.WaitTurnAsync(channel, cancellationToken).ConfigureAwait(false);
        return await api.PostMessageAsync(auth.BotToken, channel, BlockKitRenderer.Message(message), threadTs, cancellationToken).ConfigureAwait(false);
    }

    public async Task PostEphemeralAsync(SlackAuthorization auth, string channel, string user, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        await pacer.WaitTurnAsync(channel, cancellationToken).ConfigureAwait(false);
        await api.PostEphemeralAsync(auth.BotToken, channel, user, BlockKitRenderer.Message(message), cancellationToken).ConfigureAwait(false);
    }

    public Task UpdateAsync(SlackAuthorization auth, string channel, string ts, JsonObject message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return api.UpdateMessageAsync(auth.BotToken, channel, ts, message, cancellationToken);
    }
}
