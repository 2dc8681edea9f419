using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Core.Help;
using LearningBot.Slack.Api;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Outbound;

/// <summary>
/// The one way the bot's messages reach Slack, for replies to turns and proactive messages alike (slack-protocol.md
/// §3–§5). The rules, read from the <see cref="SlackReplyTarget"/>: an updated card replaces the card acted on; a form
/// opens as a modal while a trigger is fresh (a refused trigger sends it as a message); a slash command's first message
/// is its ack; messages go ephemeral through response_url, or to one person with chat.postEphemeral, or into the
/// channel or thread, paced per channel. Every failure leaves as a <see cref="ProactiveDeliveryException"/>.
/// </summary>
public sealed class SlackReplyDelivery(SlackApiClient api, SlackChannelPacer pacer, ILogger<SlackReplyDelivery> logger)
{
    /// <summary>Delivers a turn's reply; returns the body of the ack when the target answers there (null: an empty ack).</summary>
    public async Task<JsonObject?> DeliverAsync(Reply reply, SlackReplyTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(target);
        if (target.HomeOf is { } user)
        {
            await PublishHomeAsync(target.Auth, user, reply, cancellationToken).ConfigureAwait(false);
            return null;
        }
        var messages = reply.Messages;
        if (reply.UpdatedCard is { } updated)
        {
            if (target.ReplacesCard)
            {
                await ReplaceCardAsync(target, updated, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // Nothing to update in place (a modal was submitted): the new state of the card is a message.
                messages = [.. messages, OutboundMessage.FromCard(updated)];
            }
        }
        JsonObject? ack = null;
        var triggerId = target.TriggerId;
        foreach (var message in messages)
        {
            if (message.Card is { HasInputs: true } form && triggerId is not null)
            {
                // The trigger is valid once and for 3 s (§4), so the first form takes it.
                var opened = await TryOpenFormAsync(target, triggerId, form, cancellationToken).ConfigureAwait(false);
                triggerId = null;
                if (opened)
                {
                    continue;
                }
            }
            if (target.FirstMessageInAck && ack is null)
            {
                ack = BlockKitRenderer.Ephemeral(message);
                continue;
            }
            await SendAsync(target, message, cancellationToken).ConfigureAwait(false);
        }
        return ack;
    }

    /// <summary>Sends one message as the target says; returns its ts (Slack's message id), or null for an ephemeral one.</summary>
    public async Task<string?> SendAsync(SlackReplyTarget target, OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (target.RepliesThroughResponseUrl && target.ResponseUrl is { } responseUrl)
        {
            var body = BlockKitRenderer.Ephemeral(message);
            body["replace_original"] = false;
            await SlackDeliveryFailures.MapAsync(() => api.PostToResponseUrlAsync(responseUrl, body, cancellationToken)).ConfigureAwait(false);
            return null;
        }
        if (!target.PacedByOutbox)
        {
            await pacer.WaitTurnAsync(target.Channel, cancellationToken).ConfigureAwait(false);
        }
        var token = target.Auth.BotToken;
        if (target.EphemeralTo is { } user)
        {
            await SlackDeliveryFailures.MapAsync(() => api.PostEphemeralAsync(token, target.Channel, user, BlockKitRenderer.Message(message), cancellationToken, target.ThreadTs)).ConfigureAwait(false);
            return null;
        }
        return await SlackDeliveryFailures.MapAsync(() => api.PostMessageAsync(token, target.Channel, BlockKitRenderer.Message(message), target.ThreadTs, cancellationToken,
            message.IdempotencyKey, message.MayHaveBeenSent)).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces a card the bot sent: through response_url when there is one (replace_original works for ephemeral
    /// messages too, unlike chat.update — §4), else chat.update at the card's ts.
    /// </summary>
    public Task ReplaceCardAsync(SlackReplyTarget target, Card card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var replacement = BlockKitRenderer.Message(card);
        if (target.ResponseUrl is { } responseUrl)
        {
            replacement["replace_original"] = true;
            return SlackDeliveryFailures.MapAsync(() => api.PostToResponseUrlAsync(responseUrl, replacement, cancellationToken));
        }
        return target.CardTs is { } ts
            ? SlackDeliveryFailures.MapAsync(() => api.UpdateMessageAsync(target.Auth.BotToken, target.Channel, ts, replacement, cancellationToken))
            : Task.CompletedTask;
    }

    /// <summary>An ack body that missed Slack's 3 s goes through the response_url when it is ready (§3).</summary>
    public Task AnswerLateAsync(Uri responseUrl, JsonObject answer, CancellationToken cancellationToken) =>
        SlackDeliveryFailures.MapAsync(() => api.PostToResponseUrlAsync(responseUrl, answer, cancellationToken));

    /// <summary>The DM channel with a person (conversations.open), for answers to interactions that came from no channel and for proactive messages.</summary>
    public Task<string> OpenDirectMessageAsync(SlackAuthorization auth, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auth);
        return SlackDeliveryFailures.MapAsync(() => api.OpenConversationAsync(auth.BotToken, userId, cancellationToken));
    }

    /// <summary>A card with inputs as a modal (views.open); false when Slack refuses the trigger (expired_trigger_id), so the form goes as a message.</summary>
    private async Task<bool> TryOpenFormAsync(SlackReplyTarget target, string triggerId, Card form, CancellationToken cancellationToken)
    {
        var view = BlockKitRenderer.ModalView(form, ModalMetadata.CallbackId, ModalMetadata.For(form, target.Channel));
        try
        {
            await api.OpenViewAsync(target.Auth.BotToken, triggerId, view, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SlackApiException e)
        {
            Log.ModalFailed(logger, e.Error);
            return false;
        }
    }

    /// <summary>The Home tab shows the reply's card with the welcome card's buttons (try a question, all commands), so it is a place to start.</summary>
    private Task PublishHomeAsync(SlackAuthorization auth, string user, Reply reply, CancellationToken cancellationToken)
    {
        if (reply.Messages.Select(m => m.Card).FirstOrDefault(c => c is not null) is not { } card)
        {
            return Task.CompletedTask;
        }
        var home = BlockKitRenderer.HomeView(card with { Actions = [.. card.Actions, .. HelpCards.Welcome(inChannel: false).Actions] });
        return SlackDeliveryFailures.MapAsync(() => api.PublishViewAsync(auth.BotToken, user, home, cancellationToken));
    }
}
