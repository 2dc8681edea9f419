using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Installations;
using LearningBot.Slack.Outbound;

namespace LearningBot.Slack;

/// <summary>
/// Proactive messages into stored Slack conversations, through the same <see cref="SlackReplyDelivery"/> as replies:
/// the token of the conversation's workspace (TeamId, with the enterprise id kept in TenantId), chat.postMessage,
/// chat.update for cards. The message id is Slack's ts. The outbox has paced each message already, so it is sent at once.
/// </summary>
public sealed class SlackProactiveMessenger(SlackInstallationStore installations, SlackReplyDelivery delivery) : IProactiveMessenger
{
    public ChannelKind Channel => ChannelKind.Slack;

    public async Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        var target = await TargetAsync(conversation, cancellationToken).ConfigureAwait(false);
        return await delivery.SendAsync(target, message, cancellationToken).ConfigureAwait(false) ?? "";
    }

    public async Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var target = await TargetAsync(conversation, cancellationToken).ConfigureAwait(false);
        await delivery.ReplaceCardAsync(target with { CardTs = messageId }, card, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationReferenceRecord> OpenPersonalAsync(string userId, ConversationReferenceRecord via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(via);
        var target = await TargetAsync(via, cancellationToken).ConfigureAwait(false);
        var channel = await delivery.OpenDirectMessageAsync(target.Auth, userId, cancellationToken).ConfigureAwait(false);
        if (channel.Length == 0)
        {
            throw new ProactiveDeliveryException("Slack opened no DM.", permanent: false);
        }
        return new ConversationReferenceRecord
        {
            Channel = ChannelKind.Slack,
            ConversationId = channel,
            ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = via.ServiceUrl,
            TenantId = via.TenantId,
            TeamId = via.TeamId,
            BotId = via.BotId,
        };
    }

    /// <summary>The stored conversation as a delivery target, with its workspace's token; an uninstalled workspace is a permanent failure.</summary>
    private async Task<SlackReplyTarget> TargetAsync(ConversationReferenceRecord conversation, CancellationToken cancellationToken)
    {
        var auth = await SlackDeliveryFailures.MapAsync(() => installations.AuthorizeAsync(conversation.TeamId, conversation.TenantId, cancellationToken)).ConfigureAwait(false)
            ?? throw new ProactiveDeliveryException($"LearningBot is no longer installed in Slack workspace {conversation.TeamId}.", permanent: true);
        return new SlackReplyTarget(auth, conversation.ConversationId) { PacedByOutbox = true };
    }
}
