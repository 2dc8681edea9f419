using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Outbound;
using Microsoft.Extensions.Logging;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// The one path of every Slack turn, whatever its payload: <see cref="TurnProcessor"/> (which drops a duplicate by its
/// event id), the log line, then <see cref="SlackReplyDelivery"/>.
/// </summary>
public sealed class SlackTurnRunner(TurnProcessor turns, SlackReplyDelivery delivery, ILogger<SlackTurnRunner> logger)
{
    /// <summary>Runs the turn through the core; null for a duplicate, which is acknowledged without acting.</summary>
    public async Task<Reply?> ProcessAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var reply = await turns.ProcessAsync(turn.Turn, turn.Address, cancellationToken).ConfigureAwait(false);
        if (reply is null)
        {
            Log.Duplicate(logger, turn.Turn.EventId);
            return null;
        }
        Log.Handled(logger, turn.Source, turn.Turn.EventId, turn.Turn.Kind.ToString(), reply.Messages.Count);
        return reply;
    }

    /// <summary>Runs the turn and delivers its reply; returns the ack body when the reply answers in the ack (a slash command).</summary>
    public async Task<JsonObject?> RunAsync(SlackTurn turn, CancellationToken cancellationToken)
    {
        var reply = await ProcessAsync(turn, cancellationToken).ConfigureAwait(false);
        return reply is null || turn.ReplyTo is null
            ? null
            : await delivery.DeliverAsync(reply, turn.ReplyTo, cancellationToken).ConfigureAwait(false);
    }
}
