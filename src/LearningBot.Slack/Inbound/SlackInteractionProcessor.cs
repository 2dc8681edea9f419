using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;
using LearningBot.Slack.Outbound;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// Interactivity's turn mapper (slack-protocol.md §4): a pressed button (block_actions) and a submitted modal
/// (view_submission) become card-action turns with the verb, its data and the values of the inputs.
/// </summary>
public sealed class SlackInteractionProcessor(
    SlackInstallationStore installations,
    SlackTurnBuilder builder,
    SlackTurnRunner runner,
    SlackReplyDelivery delivery,
    ILogger<SlackInteractionProcessor> logger)
{
    public const string ModalCallbackId = ModalMetadata.CallbackId;

    /// <summary>block_actions, after the ack: run the button's verb, then update the card in place and post replies.</summary>
    public async Task BlockActionsAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (await ButtonTurnAsync(payload, cancellationToken).ConfigureAwait(false) is { } turn)
        {
            await runner.RunAsync(turn, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A valid view_submission, run through the core; null when it is not the bot's modal or was handled already.</summary>
    public async Task<SlackSubmission?> RunSubmissionAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (await SubmissionTurnAsync(payload, cancellationToken).ConfigureAwait(false) is not { ReplyTo: { } replyTo } turn)
        {
            return null;
        }
        return await runner.ProcessAsync(turn, cancellationToken).ConfigureAwait(false) is { } reply ? new SlackSubmission(reply, replyTo) : null;
    }

    /// <summary>Delivers a submission's reply where the modal came from.</summary>
    public Task PostSubmissionAsync(SlackSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return delivery.DeliverAsync(submission.Reply, submission.ReplyTo, cancellationToken);
    }

    private async Task<SlackTurn?> ButtonTurnAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            return null;
        }
        var action = actions[0];
        if (!(action.GetString("action_id") ?? "").StartsWith(BlockKitRenderer.SubmitPrefix, StringComparison.Ordinal)
            || !BlockKitRenderer.TryReadButtonValue(action.GetString("value"), out var verb, out var data))
        {
            // Link buttons and other elements send block_actions too; nothing to do but the ack.
            return null;
        }
        var user = payload.GetObject("user")?.GetString("id");
        if (user is null || await AuthorizeAsync(payload, cancellationToken).ConfigureAwait(false) is not { } auth)
        {
            return null;
        }
        foreach (var (key, value) in SlackInputValues.From(payload))
        {
            data[key] = value;
        }
        var container = payload.GetObject("container");
        var channel = await builder.ChannelOrDirectMessageAsync(payload.GetObject("channel")?.GetString("id") ?? container?.GetString("channel_id"), auth, user, cancellationToken).ConfigureAwait(false);
        var messageTs = container?.GetString("message_ts") ?? payload.GetObject("message")?.GetString("ts");
        var type = SlackTurnBuilder.ConversationTypeOf(channel);
        var replyTo = new SlackReplyTarget(auth, channel)
        {
            // A click is one person's: in a channel its answers are theirs alone (ephemeral), in the card's thread.
            EphemeralTo = type == ConversationType.Personal ? null : user,
            ThreadTs = container?.GetString("thread_ts") ?? payload.GetObject("message")?.GetString("thread_ts"),
            ResponseUrl = Uri.TryCreate(payload.GetString("response_url"), UriKind.Absolute, out var responseUrl) ? responseUrl : null,
            // Answers to a button on an ephemeral message are ephemeral too.
            RepliesThroughResponseUrl = container?.GetBool("is_ephemeral") == true,
            ReplacesCard = true,
            CardTs = messageTs,
            TriggerId = payload.GetString("trigger_id"),
        };
        var eventId = "action:" + (payload.GetString("trigger_id") ?? action.GetString("action_ts") ?? Guid.NewGuid().ToString("N"));
        var turn = await builder.TurnAsync(eventId, TurnKind.CardAction, user, replyTo, type, null, cancellationToken).ConfigureAwait(false);
        return builder.Answered("block_actions", turn with { Action = new CardActionInvocation(verb, data) { CardMessageId = messageTs }, ReplySeenBySenderOnly = replyTo.EphemeralTo is not null }, replyTo);
    }

    /// <summary>
    /// The modal's submit verb with the inputs. The event id includes a digest of the submitted values, so a double
    /// submit counts once while a corrected resubmission is a new event.
    /// </summary>
    private async Task<SlackTurn?> SubmissionTurnAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var view = payload.GetObject("view");
        var user = payload.GetObject("user")?.GetString("id");
        if (view is not { } v || user is null || v.GetString("callback_id") != ModalCallbackId || ModalMetadata.Parse(v.GetString("private_metadata")) is not { } metadata)
        {
            return null;
        }
        if (await AuthorizeAsync(payload, cancellationToken).ConfigureAwait(false) is not { } auth)
        {
            return null;
        }
        var data = new Dictionary<string, string>(metadata.Data, StringComparer.Ordinal);
        var inputs = SlackInputValues.From(payload);
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }
        var channel = await builder.ChannelOrDirectMessageAsync(metadata.Channel, auth, user, cancellationToken).ConfigureAwait(false);
        var type = SlackTurnBuilder.ConversationTypeOf(channel);
        // In a channel the answers are the submitter's alone, as the command's own answer would have been.
        var replyTo = new SlackReplyTarget(auth, channel) { EphemeralTo = type == ConversationType.Personal ? null : user };
        var values = string.Join('\n', inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}"));
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(values)))[..16];
        var eventId = "view:" + (v.GetString("id") ?? "") + ":" + (v.GetString("hash") ?? payload.GetString("trigger_id") ?? "") + ":" + digest;
        var turn = await builder.TurnAsync(eventId, TurnKind.CardAction, user, replyTo, type, null, cancellationToken).ConfigureAwait(false);
        return builder.Answered("view_submission", turn with { Action = new CardActionInvocation(metadata.Verb, data) }, replyTo);
    }

    /// <summary>The installation of the workspace an interaction came from (team, or the user's team), or null — logged — when there is none.</summary>
    private async Task<SlackAuthorization?> AuthorizeAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        var team = payload.GetObject("team")?.GetString("id") ?? payload.GetObject("user")?.GetString("team_id");
        var enterprise = payload.GetObject("enterprise")?.GetString("id");
        var auth = await installations.AuthorizeAsync(team, enterprise, cancellationToken).ConfigureAwait(false);
        if (auth is null)
        {
            Log.NoInstallation(logger, team, enterprise, null);
        }
        return auth;
    }
}

/// <summary>A processed view_submission: the core's reply and where it goes.</summary>
public sealed record SlackSubmission(Reply Reply, SlackReplyTarget ReplyTo);
