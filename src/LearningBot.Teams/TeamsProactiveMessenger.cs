using System.Net;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Cards;
using LearningBot.Teams.Connector;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams;

/// <summary>Proactive messages into stored Teams conversations through the Connector (teams-protocol.md §3.3).</summary>
public sealed class TeamsProactiveMessenger(ConnectorClient connector) : IProactiveMessenger
{
    public ChannelKind Channel => ChannelKind.Teams;

    public async Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        var activity = message.Card is { } card ? AdaptiveCardRenderer.ToActivity(card) : AdaptiveCardRenderer.TextActivity(message.Text ?? "");
        var response = await Call(() => connector.SendToConversationAsync(conversation.ServiceUrl, conversation.ConversationId, activity, cancellationToken)).ConfigureAwait(false);
        return response.Id ?? "";
    }

    public async Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        await Call(() => connector.UpdateActivityAsync(conversation.ServiceUrl, conversation.ConversationId, messageId, AdaptiveCardRenderer.ToActivity(card), cancellationToken)).ConfigureAwait(false);
    }

    public async Task<ConversationReferenceRecord> OpenPersonalAsync(string userId, ConversationReferenceRecord via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(via);
        // §3.3: the bot, the member's 29: id and the tenant (top level and in channelData); Teams returns the a: chat id.
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = via.BotId is { Length: > 0 } bot ? new ChannelAccount { Id = bot } : null,
            Members = [new ChannelAccount { Id = userId }],
            TenantId = via.TenantId,
            ChannelData = via.TenantId is { } tenant ? new TeamsChannelData { Tenant = new TenantInfo { Id = tenant } } : null,
        };
        var created = await Call(() => connector.CreateConversationAsync(via.ServiceUrl, parameters, cancellationToken)).ConfigureAwait(false);
        if (string.IsNullOrEmpty(created.Id))
        {
            throw new ProactiveDeliveryException("Teams created no 1:1 chat.", permanent: false);
        }
        return new ConversationReferenceRecord
        {
            Channel = ChannelKind.Teams,
            ConversationId = created.Id,
            ConversationType = nameof(ConversationType.Personal),
            ServiceUrl = created.ServiceUrl is { Length: > 0 } serviceUrl ? serviceUrl : via.ServiceUrl,
            TenantId = via.TenantId,
            BotId = via.BotId,
        };
    }

    private static async Task<T> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ConnectorException e)
        {
            // 403 (bot blocked or uninstalled) and 404 (conversation gone) will not get better by retrying (§3.4).
            var permanent = e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge;
            throw new ProactiveDeliveryException(e.Message, permanent, e.RetryAfter, e);
        }
        catch (UntrustedServiceUrlException e)
        {
            throw new ProactiveDeliveryException(e.Message, permanent: true, innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new ProactiveDeliveryException($"The Connector could not be reached: {e.Message}", permanent: false, innerException: e);
        }
    }
}
