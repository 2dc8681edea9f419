using System.Net;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Teams.Cards;
using LearningBot.Teams.Connector;
using LearningBot.Teams.Inbound;
using LearningBot.Teams.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LearningBot.Teams.Outbound;

/// <summary>
/// The one way the Teams channel writes: a reply's messages, a card updated in place, the answer to an invoke, a new
/// 1:1 chat. Inline replies and <see cref="TeamsProactiveMessenger"/> both go through it, so a Connector failure means
/// the same everywhere: a <see cref="ProactiveDeliveryException"/>, permanent or worth retrying.
/// </summary>
public sealed class TeamsReplyDelivery(ConnectorClient connector, ILogger<TeamsReplyDelivery> logger)
{
    /// <summary>
    /// Delivers a turn's reply to the activity it answers and returns the HTTP answer Teams waits for. A card the person
    /// acted on is replaced with a PUT (a classic Action.Submit has no invoke response; for an invoke the PUT updates it
    /// for everyone, §4.3); a message action's first message is the invoke's answer, the rest go to the conversation.
    /// </summary>
    public async Task<IResult> ReplyAsync(Activity inbound, ExpectedAnswer answer, Reply? reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        if (reply is not null)
        {
            var delivered = answer == ExpectedAnswer.MessageActionResponse
                ? new Reply { Messages = [.. reply.Messages.Skip(1)] }
                : reply;
            await DeliverInlineAsync(inbound, delivered, cancellationToken).ConfigureAwait(false);
        }
        return answer switch
        {
            ExpectedAnswer.CardActionResponse => InvokeResponses.ForCardAction(reply),
            ExpectedAnswer.MessageActionResponse => InvokeResponses.ForMessageAction(reply),
            _ => Results.Ok(),
        };
    }

    /// <summary>Posts one message to the conversation (cards never share an activity with text, §4.3); returns the Connector's id of it.</summary>
    internal async Task<string> SendAsync(TeamsConversation to, OutboundMessage message, CancellationToken cancellationToken)
    {
        var activity = message.Card is { } card ? AdaptiveCardRenderer.ToActivity(card) : AdaptiveCardRenderer.TextActivity(message.Text ?? "");
        var sent = await DeliverAsync(() => connector.SendToConversationAsync(to.ServiceUrl, to.ConversationId, to.Address(activity), cancellationToken)).ConfigureAwait(false);
        return sent.Id ?? "";
    }

    /// <summary>Replaces the card of a message in the conversation for everyone in it.</summary>
    internal Task UpdateCardAsync(TeamsConversation to, string messageId, Card card, CancellationToken cancellationToken) =>
        DeliverAsync(() => connector.UpdateActivityAsync(to.ServiceUrl, to.ConversationId, messageId, to.Address(AdaptiveCardRenderer.ToActivity(card)), cancellationToken));

    /// <summary><c>POST v3/conversations</c> (§3.3).</summary>
    internal Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        DeliverAsync(() => connector.CreateConversationAsync(serviceUrl, parameters, cancellationToken));

    /// <summary>
    /// A failed reply is logged and the activity still acknowledged: it is recorded as handled, so a redelivery would be
    /// dropped as a duplicate anyway (reliable delivery is the outbox's job). A failed PUT still lets the messages go; the
    /// first failed message stops the rest.
    /// </summary>
    private async Task DeliverInlineAsync(Activity inbound, Reply reply, CancellationToken cancellationToken)
    {
        var to = TeamsConversation.Of(inbound);
        if (reply.UpdatedCard is { } updatedCard && !string.IsNullOrEmpty(inbound.ReplyToId))
        {
            await TryAsync(inbound, () => UpdateCardAsync(to, inbound.ReplyToId, updatedCard, cancellationToken)).ConfigureAwait(false);
        }
        foreach (var message in reply.Messages)
        {
            if (!await TryAsync(inbound, () => SendAsync(to, message, cancellationToken)).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private async Task<bool> TryAsync(Activity inbound, Func<Task> deliver)
    {
        try
        {
            await deliver().ConfigureAwait(false);
            return true;
        }
        // Besides the Connector's refusals: a reply the bot cannot address or get a token for.
        catch (Exception e) when (e is ProactiveDeliveryException or ArgumentException or Microsoft.Identity.Client.MsalException)
        {
            Log.ReplyFailed(logger, inbound.Id, e);
            return false;
        }
    }

    /// <summary>What a failed Connector call means for whoever delivers: give up (permanent) or try again, perhaps after a wait (§3.4).</summary>
    private static async Task<T> DeliverAsync<T>(Func<Task<T>> call)
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
