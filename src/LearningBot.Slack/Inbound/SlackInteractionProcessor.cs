using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Cards;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Inbound;

/// <summary>A slash command as Slack posts it (slack-protocol.md §3), from the form (HTTP) or the envelope payload (Socket Mode).</summary>
public sealed record SlashCommand(string Command, string Text, string UserId, string ChannelId, string? TeamId, string? EnterpriseId, string? ResponseUrl, string? TriggerId)
{
    public static SlashCommand? From(Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var command = field("command");
        var user = field("user_id");
        var channel = field("channel_id");
        if (string.IsNullOrWhiteSpace(command) || string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }
        return new SlashCommand(command, field("text") ?? "", user, channel, field("team_id"), field("enterprise_id"), field("response_url"), field("trigger_id"));
    }

    /// <summary>The core's text: "/refresher phishing" → "refresher phishing"; "/learn" is the app's help.</summary>
    public string TurnText
    {
        get
        {
            var name = Command.TrimStart('/').ToLowerInvariant();
            return name == "learn" ? "help" : $"{name} {Text}".Trim();
        }
    }
}

/// <summary>
/// Slash commands and interactivity (slack-protocol.md §3, §4): turns for the core, answers shaped as Slack expects
/// them — an ephemeral command response, replace_original through response_url for a pressed button, a modal for
/// a card with inputs opened inside the trigger's 3 s, response_action errors for an invalid modal submission.
/// </summary>
public sealed class SlackInteractionProcessor(
    TurnProcessor turns,
    SlackEventProcessor events,
    SlackInstallationStore installations,
    SlackApiClient api,
    SlackMessageSender sender,
    ILogger<SlackInteractionProcessor> logger)
{
    public const string ModalCallbackId = "lb:card";

    /// <summary>Runs a slash command; the first message is the ephemeral response, any further ones follow via response_url.</summary>
    public async Task<JsonObject?> CommandAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var auth = await installations.AuthorizeAsync(command.TeamId, command.EnterpriseId, cancellationToken).ConfigureAwait(false);
        if (auth is null)
        {
            Log.NoInstallation(logger, command.TeamId, command.EnterpriseId, command.TriggerId);
            return Ephemeral(OutboundMessage.FromText("LearningBot is not installed in this workspace yet. Ask an admin to install it."));
        }
        var eventId = "command:" + (command.TriggerId ?? Guid.NewGuid().ToString("N"));
        var turn = await events.TurnAsync(eventId, TurnKind.Message, auth, command.UserId, command.ChannelId,
            SlackEventProcessor.ConversationTypeOf(command.ChannelId, null), null, cancellationToken).ConfigureAwait(false);
        // The command is answered ephemerally (see Ephemeral below): the sender alone sees the reply.
        turn = turn with { Text = command.TurnText, Mentions = await events.WithProfilesAsync(SlackEventProcessor.MentionsIn(command.TurnText, auth.BotUserId), auth, cancellationToken).ConfigureAwait(false), ReplySeenBySenderOnly = true };
        var reply = await turns.ProcessAsync(turn, events.Address(auth), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, eventId);
            return null;
        }
        Log.Handled(logger, "command", eventId, turn.Kind.ToString(), reply.Messages.Count);
        if (reply.Messages.Count == 0)
        {
            return null;
        }
        if (reply.Messages[0].Card is { HasInputs: true } form && command.TriggerId is { } triggerId)
        {
            // A form answers the command as a modal (§4: the trigger is valid for 3 s, and the command is still inside its ack).
            try
            {
                await OpenFormAsync(auth, triggerId, form, command.ChannelId, cancellationToken).ConfigureAwait(false);
                reply = reply with { Messages = [.. reply.Messages.Skip(1)] };
            }
            catch (SlackApiException e)
            {
                // An expired trigger (expired_trigger_id) still gets the form, as a message with the same inputs.
                Log.ModalFailed(logger, e.Error);
            }
            if (reply.Messages.Count == 0)
            {
                return null;
            }
        }
        if (command.ResponseUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var responseUrl))
        {
            foreach (var extra in reply.Messages.Skip(1))
            {
                await api.PostToResponseUrlAsync(responseUrl, Ephemeral(extra), cancellationToken).ConfigureAwait(false);
            }
        }
        return Ephemeral(reply.Messages[0]);
    }

    /// <summary>block_actions, after the ack: run the button's verb, then update the card in place and post replies.</summary>
    public async Task BlockActionsAsync(JsonElement payload, CancellationToken cancellationToken)
    {
        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0)
        {
            return;
        }
        var action = actions[0];
        if (!(action.GetString("action_id") ?? "").StartsWith(BlockKitRenderer.SubmitPrefix, StringComparison.Ordinal)
            || !BlockKitRenderer.TryReadButtonValue(action.GetString("value"), out var verb, out var data))
        {
            // Link buttons and other elements send block_actions too; nothing to do but the ack.
            return;
        }
        var user = payload.GetObject("user")?.GetString("id");
        if (user is null || await AuthorizeAsync(payload, cancellationToken).ConfigureAwait(false) is not { } auth)
        {
            return;
        }
        foreach (var (key, value) in InputValues(payload))
        {
            data[key] = value;
        }
        var container = payload.GetObject("container");
        var channel = payload.GetObject("channel")?.GetString("id") ?? container?.GetString("channel_id")
            ?? await api.OpenConversationAsync(auth.BotToken, user, cancellationToken).ConfigureAwait(false);
        var messageTs = container?.GetString("message_ts") ?? payload.GetObject("message")?.GetString("ts");
        var eventId = "action:" + (payload.GetString("trigger_id") ?? action.GetString("action_ts") ?? Guid.NewGuid().ToString("N"));

        var turn = await events.TurnAsync(eventId, TurnKind.CardAction, auth, user, channel, SlackEventProcessor.ConversationTypeOf(channel, null), null, cancellationToken).ConfigureAwait(false);
        turn = turn with { Action = new CardActionInvocation(verb, data) { CardMessageId = messageTs } };
        var reply = await turns.ProcessAsync(turn, events.Address(auth), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, eventId);
            return;
        }
        Log.Handled(logger, "block_actions", eventId, turn.Kind.ToString(), reply.Messages.Count);

        Uri? responseUrl = Uri.TryCreate(payload.GetString("response_url"), UriKind.Absolute, out var u) ? u : null;
        var ephemeral = container?.GetBool("is_ephemeral") == true;
        if (reply.UpdatedCard is { } updated)
        {
            var replacement = BlockKitRenderer.Message(updated);
            if (responseUrl is not null)
            {
                // §4: replace_original through response_url works for ephemeral messages too, unlike chat.update.
                replacement["replace_original"] = true;
                await api.PostToResponseUrlAsync(responseUrl, replacement, cancellationToken).ConfigureAwait(false);
            }
            else if (messageTs is not null)
            {
                await sender.UpdateAsync(auth, channel, messageTs, replacement, cancellationToken).ConfigureAwait(false);
            }
        }
        var triggerId = payload.GetString("trigger_id");
        foreach (var message in reply.Messages)
        {
            if (message.Card is { } card && triggerId is not null && card.HasInputs)
            {
                // A card that asks for input opens as a modal; the trigger is only valid for 3 s (§4), so do it first.
                await OpenFormAsync(auth, triggerId, card, channel, cancellationToken).ConfigureAwait(false);
                triggerId = null;
            }
            else if (ephemeral && responseUrl is not null)
            {
                var body = Ephemeral(message);
                body["replace_original"] = false;
                await api.PostToResponseUrlAsync(responseUrl, body, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await sender.PostAsync(auth, channel, message, null, cancellationToken).ConfigureAwait(false);
            }
        }
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

    /// <summary>A card with inputs as a modal (views.open); its first submit action, and where to answer, travel in private_metadata.</summary>
    private Task OpenFormAsync(SlackAuthorization auth, string triggerId, Card form, string channel, CancellationToken cancellationToken)
    {
        var submit = form.Actions.FirstOrDefault(a => a.Verb is not null);
        var metadata = new ModalMetadata(submit?.Verb ?? "", submit?.Data ?? new Dictionary<string, string>(), channel);
        return api.OpenViewAsync(auth.BotToken, triggerId, BlockKitRenderer.ModalView(form, ModalCallbackId, metadata), cancellationToken);
    }

    /// <summary>
    /// view_submission, inside the ack: checks the inputs as the modal declared them (required, max_length) and
    /// answers response_action errors per block (§4); null = valid, close the modal and process after the ack.
    /// </summary>
    public static JsonObject? ValidateSubmission(JsonElement payload)
    {
        var view = payload.GetObject("view");
        if (view is not { } v || !v.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Array)
        {
            return null;
        }
        var values = InputValues(payload);
        var errors = new JsonObject();
        foreach (var block in blocks.EnumerateArray())
        {
            if (block.GetString("type") != "input" || block.GetString("block_id") is not { } blockId || block.GetObject("element") is not { } element)
            {
                continue;
            }
            var actionId = element.GetString("action_id") ?? blockId;
            values.TryGetValue(actionId, out var value);
            var optional = block.GetBool("optional");
            if (!optional && string.IsNullOrWhiteSpace(value))
            {
                errors[blockId] = "Please fill this in.";
            }
            else if (element.TryGetProperty("max_length", out var max) && max.TryGetInt32(out var maxLength) && value is not null && value.Length > maxLength)
            {
                errors[blockId] = $"Please keep this to {maxLength} characters.";
            }
        }
        return errors.Count == 0 ? null : new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }

    /// <summary>A processed view_submission: the core's reply and where it goes.</summary>
    public sealed record Submission(Reply Reply, SlackAuthorization Auth, string Channel, string User);

    /// <summary>
    /// A valid view_submission: the modal's submit verb with the inputs, run through the core. The event id includes a
    /// digest of the submitted values, so a double submit counts once while a corrected resubmission is a new event.
    /// </summary>
    public async Task<Submission?> RunSubmissionAsync(JsonElement payload, CancellationToken cancellationToken)
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
        var inputs = InputValues(payload);
        foreach (var (key, value) in inputs)
        {
            data[key] = value;
        }
        var channel = metadata.Channel ?? await api.OpenConversationAsync(auth.BotToken, user, cancellationToken).ConfigureAwait(false);
        var values = string.Join('\n', inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}"));
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(values)))[..16];
        var eventId = "view:" + (v.GetString("id") ?? "") + ":" + (v.GetString("hash") ?? payload.GetString("trigger_id") ?? "") + ":" + digest;
        var turn = await events.TurnAsync(eventId, TurnKind.CardAction, auth, user, channel, SlackEventProcessor.ConversationTypeOf(channel, null), null, cancellationToken).ConfigureAwait(false);
        turn = turn with { Action = new CardActionInvocation(metadata.Verb, data) };
        var reply = await turns.ProcessAsync(turn, events.Address(auth), cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, eventId);
            return null;
        }
        Log.Handled(logger, "view_submission", eventId, turn.Kind.ToString(), reply.Messages.Count);
        return new Submission(reply, auth, channel, user);
    }

    /// <summary>The reply's problems on the modal's own fields (§4 response_action errors), or null when it has none.</summary>
    public static JsonObject? FieldErrors(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.FieldErrors is not { Count: > 0 } problems)
        {
            return null;
        }
        var errors = new JsonObject();
        foreach (var (field, problem) in problems)
        {
            errors[field] = problem;
        }
        return new JsonObject { ["response_action"] = "errors", ["errors"] = errors };
    }

    /// <summary>
    /// Posts a submission's reply where the modal came from — in a channel as ephemeral messages to the submitter, as
    /// the command's own answer would have been.
    /// </summary>
    public async Task PostSubmissionAsync(Submission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var (reply, auth, channel, user) = submission;
        var messages = reply.UpdatedCard is { } updated ? [.. reply.Messages, OutboundMessage.FromCard(updated)] : reply.Messages;
        foreach (var message in messages)
        {
            if (SlackEventProcessor.ConversationTypeOf(channel, null) == ConversationType.Personal)
            {
                await sender.PostAsync(auth, channel, message, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await sender.PostEphemeralAsync(auth, channel, user, message, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Values of inputs (text, select, date, users) in state.values ({block_id: {action_id: {type, value}}}), keyed by action_id (= the card input's id).</summary>
    public static Dictionary<string, string> InputValues(JsonElement payload)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var state = payload.GetObject("view")?.GetObject("state") ?? payload.GetObject("state");
        if (state?.GetObject("values") is not { } blocks)
        {
            return values;
        }
        foreach (var block in blocks.EnumerateObject())
        {
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }
            foreach (var element in block.Value.EnumerateObject())
            {
                if (element.Value.GetString("value") is { } value)
                {
                    values[element.Name] = value;
                }
                else if (element.Value.GetObject("selected_option")?.GetString("value") is { } selected)
                {
                    values[element.Name] = selected;
                }
                else if (element.Value.GetString("selected_date") is { } date)
                {
                    values[element.Name] = date;
                }
                else if (element.Value.TryGetProperty("selected_users", out var users) && users.ValueKind == JsonValueKind.Array)
                {
                    values[element.Name] = string.Join(',', users.EnumerateArray().Select(u => u.GetString()).OfType<string>());
                }
            }
        }
        return values;
    }

    public static JsonObject Ephemeral(OutboundMessage message)
    {
        var body = BlockKitRenderer.Message(message);
        body["response_type"] = "ephemeral";
        return body;
    }
}
