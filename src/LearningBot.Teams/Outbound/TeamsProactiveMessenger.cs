using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Schema;

namespace LearningBot.Teams.Outbound;

/// <summary>Proactive messages into stored Teams conversations, delivered like any reply (teams-protocol.md §3.3).</summary>
public sealed class TeamsProactiveMessenger(TeamsReplyDelivery delivery) : IProactiveMessenger
{
    public ChannelKind Channel => ChannelKind.Teams;

    public Task<string> SendAsync(ConversationReferenceRecord conversation, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(message);
        return delivery.SendAsync(TeamsConversation.Stored(conversation), message, cancellationToken);
    }

    public Task UpdateAsync(ConversationReferenceRecord conversation, string messageId, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return delivery.UpdateCardAsync(TeamsConversation.Stored(conversation), messageId, card, cancellationToken);
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
        var created = await delivery.CreateConversationAsync(via.ServiceUrl, parameters, cancellationToken).ConfigureAwait(false);
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
}
