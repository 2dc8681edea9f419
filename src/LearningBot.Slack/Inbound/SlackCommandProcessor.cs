using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Installations;
using LearningBot.Slack.Outbound;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// The slash command's turn mapper (slack-protocol.md §3): the command is the core's command text, answered to the
/// person only — the first message in the ack, the others through response_url, a form as a modal while the trigger lasts.
/// </summary>
public sealed class SlackCommandProcessor(
    SlackInstallationStore installations,
    SlackTurnBuilder builder,
    SlackTurnRunner runner,
    SlackChannelAccess access,
    ILogger<SlackCommandProcessor> logger)
{
    /// <summary>Runs a slash command; returns the ack body (null: an empty ack, as when the answer opened as a modal).</summary>
    public async Task<JsonObject?> ProcessAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var auth = await installations.AuthorizeAsync(command.TeamId, command.EnterpriseId, cancellationToken).ConfigureAwait(false);
        if (auth is null)
        {
            Log.NoInstallation(logger, command.TeamId, command.EnterpriseId, command.TriggerId);
            return BlockKitRenderer.Ephemeral(OutboundMessage.FromText("LearningBot is not installed in this workspace yet. Ask an admin to install it."));
        }
        if (BindsThisChannel(command.TurnText)
            && await access.ProblemPostingInAsync(auth, command.ChannelId, $"{command.Command} {command.Text.Trim()}", cancellationToken).ConfigureAwait(false) is { } problem)
        {
            // Never accept a channel the bot cannot post in: everything sent there later would be lost.
            return BlockKitRenderer.Ephemeral(OutboundMessage.FromText(problem));
        }
        return await runner.RunAsync(await TurnAsync(command, auth, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"learning channel here", "experts here": commands that make this channel where the bot posts later.</summary>
    public static bool BindsThisChannel(string turnText)
    {
        ArgumentNullException.ThrowIfNull(turnText);
        var words = turnText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length >= 2 && words[^1].Equals("here", StringComparison.OrdinalIgnoreCase)
            && (words[0].Equals("learning", StringComparison.OrdinalIgnoreCase) || words[0].Equals("experts", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<SlackTurn> TurnAsync(SlashCommand command, SlackAuthorization auth, CancellationToken cancellationToken)
    {
        var replyTo = new SlackReplyTarget(auth, command.ChannelId)
        {
            ResponseUrl = Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var responseUrl) ? responseUrl : null,
            RepliesThroughResponseUrl = true,
            FirstMessageInAck = true,
            // The command runs inside its ack, while the trigger can still open a modal (valid for 3 s, §4).
            TriggerId = command.TriggerId,
            EphemeralTo = command.UserId,
        };
        var eventId = "command:" + (command.TriggerId ?? Guid.NewGuid().ToString("N"));
        var turn = await builder.TurnAsync(eventId, TurnKind.Message, command.UserId, replyTo, SlackTurnBuilder.ConversationTypeOf(command.ChannelId), null, cancellationToken).ConfigureAwait(false);
        var mentions = await builder.MentionedAsync(command.TurnText, auth, cancellationToken).ConfigureAwait(false);
        // The command is answered ephemerally: the sender alone sees the reply.
        return builder.Answered("command", turn with { Text = command.TurnText, Mentions = mentions, ReplySeenBySenderOnly = true }, replyTo);
    }
}
