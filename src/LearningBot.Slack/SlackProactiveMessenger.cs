using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;

namespace LearningBot.Slack;

/// <summary>
/// Proactive messages into stored Slack conversations: the token of the conversation's workspace (TeamId, with
/// the enterprise id kept in TenantId), chat.postMessage, chat.update for cards. The message id is Slack's ts.
/// The outbox has held each message to Slack's pace (<see cref="SlackOptions.MessagesPerConversationPerSecond"/>)
/// before it gets here, so it is posted at once rather than waiting again for <see cref="SlackChannelPacer"/>, which
/// paces replies.
/// </summary>
public sealed class SlackProactiveMessenger(SlackInstallationStore installations, SlackMessageSender sender, SlackApiClient api) : IProactiveMessenger
{
    public ChannelKind Channel => ChannelKind.Slack;

    public async Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        var auth = await AuthorizeAsync(conversation, cancellationToken).ConfigureAwait(false);
        return await Call(() => api.PostMessageAsync(auth.BotToken, conversation.ConversationId, BlockKitRenderer.Message(message), null, cancellationToken)).ConfigureAwait(false);
    }

    public async Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var auth = await AuthorizeAsync(conversation, cancellationToken).ConfigureAwait(false);
        await Call(async () =>
        {
            await sender.UpdateAsync(auth, conversation.ConversationId, messageId, BlockKitRenderer.Message(card), cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    public async Task<ConversationReferenceRecord> OpenPersonalAsync(string userId, ConversationReferenceRecord via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(via);
        var auth = await AuthorizeAsync(via, cancellationToken).ConfigureAwait(false);
        var channel = await Call(() => api.OpenConversationAsync(auth.BotToken, userId, cancellationToken)).ConfigureAwait(false);
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

    private async Task<SlackAuthorization> AuthorizeAsync(ConversationReferenceRecord conversation, CancellationToken cancellationToken)
    {
        var auth = await Call(() => installations.AuthorizeAsync(conversation.TeamId, conversation.TenantId, cancellationToken)).ConfigureAwait(false);
        return auth ?? throw new ProactiveDeliveryException($"LearningBot is no longer installed in Slack workspace {conversation.TeamId}.", permanent: true);
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (SlackApiException e)
        {
            throw new ProactiveDeliveryException(e.Message, e.IsPermanent, e.RetryAfter, e);
        }
        catch (HttpRequestException e)
        {
            throw new ProactiveDeliveryException($"Slack could not be reached: {e.Message}", permanent: false, innerException: e);
        }
    }
}
