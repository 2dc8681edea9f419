using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Core.Conversations;
using LearningBot.Slack.Api;
using LearningBot.Slack.Cards;
using LearningBot.Slack.Outbound;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Slack.Inbound;

/// <summary>
/// How everything Slack sends is acknowledged, the same over HTTP and Socket Mode (slack-protocol.md §2.2, §3, §4, §7):
/// what goes in the ack within Slack's 3 s, and what is queued on <see cref="SlackWorkQueue"/> to run after it.
/// </summary>
public sealed class SlackAcknowledgements(
    SlackWorkQueue queue,
    TimeProvider clock,
    IOptions<SlackOptions> options,
    ILogger<SlackAcknowledgements> logger)
{
    /// <summary>
    /// An Events API envelope: the url_verification challenge, or ack once it is queued and process after (§2.1, §2.2).
    /// A full queue delays the ack (up to the ack budget); still full, the answer is <see cref="SlackAck.Busy"/>, and
    /// Slack sends the event again (X-Slack-Retry-Num; over Socket Mode an envelope without ack is redelivered).
    /// </summary>
    public async Task<SlackAck> EventAsync(JsonElement envelope)
    {
        switch (envelope.ValueKind == JsonValueKind.Object ? envelope.GetString("type") : null)
        {
            case "url_verification":
                // §2.1: echo the challenge (JSON, as bolt-js answers).
                return new SlackAck(new() { ["challenge"] = envelope.GetString("challenge") ?? "" });
            case "event_callback" when envelope.GetString("event_id") is not null && envelope.GetObject("event") is not null:
            {
                // A retry (X-Slack-Retry-Num) is queued too and dropped by the event_id dedupe.
                using var budget = AckBudget();
                return await queue.TryEnqueueAsync((services, ct) => services.GetRequiredService<SlackEventProcessor>().ProcessAsync(envelope, ct), budget.Token).ConfigureAwait(false)
                    ? SlackAck.Empty
                    : Busy("event");
            }
            case "app_rate_limited":
                Log.AppRateLimited(logger, envelope.GetString("team_id"));
                return SlackAck.Empty;
            default:
                return SlackAck.NotUnderstood;
        }
    }

    /// <summary>
    /// A slash command, read field by field (form or envelope payload), run with the ack budget (§3): done in time, the
    /// answer is the ack; otherwise a short "working on it" now and the answer through response_url when it is ready.
    /// </summary>
    public async Task<SlackAck> CommandAsync(Func<string, string?> field)
    {
        if (SlashCommand.From(field) is not { } command)
        {
            return SlackAck.NotUnderstood;
        }
        // One budget for waiting for room and for running: the ack must leave within Slack's 3 s either way.
        using var budget = AckBudget();
        if (await queue.TryRunAsync((services, ct) => services.GetRequiredService<SlackCommandProcessor>().ProcessAsync(command, ct), budget.Token).ConfigureAwait(false) is not { } work)
        {
            // Slack does not resend a command: say plainly that nothing was done, rather than "working on it".
            Busy("slash command");
            return new SlackAck(BlockKitRenderer.Ephemeral(OutboundMessage.FromText(
                $"Sorry, I'm too busy to take {command.Command} right now and nothing was done. Please try again in a minute.")));
        }
        if (await FinishesWithinBudgetAsync(work, budget.Token).ConfigureAwait(false))
        {
            return new SlackAck(work.IsCompletedSuccessfully
                ? await work.ConfigureAwait(false)
                : BlockKitRenderer.Ephemeral(OutboundMessage.FromText("Sorry, something went wrong on my side. Please try again in a minute.")));
        }
        if (Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var responseUrl))
        {
            queue.Enqueue(async (services, ct) =>
            {
                // The answer takes the place of the "Working on it…" note; when the answer was a modal (or nothing to
                // say), the note goes away rather than staying behind the modal.
                var late = await work.ConfigureAwait(false);
                var body = late ?? new JsonObject { ["delete_original"] = true };
                if (late is not null)
                {
                    body["replace_original"] = true;
                }
                await services.GetRequiredService<SlackReplyDelivery>().AnswerLateAsync(responseUrl, body, ct).ConfigureAwait(false);
            });
        }
        return new SlackAck(BlockKitRenderer.Ephemeral(OutboundMessage.FromText("Working on it…")));
    }

    /// <summary>An interaction payload (§4): a button is acked empty and runs after; a modal submission is checked inside the ack.</summary>
    public async Task<SlackAck> InteractionAsync(JsonElement payload)
    {
        switch (payload.ValueKind == JsonValueKind.Object ? payload.GetString("type") : null)
        {
            case "block_actions":
            {
                // Slack does not resend a click; with no room it shows the person an error, so the click is not lost unseen.
                using var budget = AckBudget();
                return await queue.TryEnqueueAsync((services, ct) => services.GetRequiredService<SlackInteractionProcessor>().BlockActionsAsync(payload, ct), budget.Token).ConfigureAwait(false)
                    ? SlackAck.Empty
                    : Busy("button click");
            }
            case "view_submission":
                // With no room the modal stays open with Slack's error, its inputs kept, to submit again.
                return ModalErrors.Validate(payload) is { } problems ? new SlackAck(problems) : await SubmissionAsync(payload).ConfigureAwait(false);
            case "view_closed" or "shortcut" or "message_action" or "block_suggestion":
                // Nothing the core needs (yet); acknowledged so Slack shows no error.
                return SlackAck.Empty;
            default:
                return SlackAck.NotUnderstood;
        }
    }

    /// <summary>
    /// Runs a valid view_submission within the ack budget, so the core's problems with the form land on its fields
    /// (response_action errors) and the modal stays open. Done in time without problems, or too slow: the modal closes
    /// and the reply is posted when ready (a late form with problems arrives as a message).
    /// </summary>
    private async Task<SlackAck> SubmissionAsync(JsonElement payload)
    {
        using var budget = AckBudget();
        if (await queue.TryRunAsync((services, ct) => services.GetRequiredService<SlackInteractionProcessor>().RunSubmissionAsync(payload, ct), budget.Token).ConfigureAwait(false) is not { } work)
        {
            return Busy("modal submission");
        }
        if (await FinishesWithinBudgetAsync(work, budget.Token).ConfigureAwait(false))
        {
            if (!work.IsCompletedSuccessfully || await work.ConfigureAwait(false) is not { } done)
            {
                return SlackAck.Empty;
            }
            if (ModalErrors.Of(done.Reply) is { } problems)
            {
                return new SlackAck(problems);
            }
        }
        queue.Enqueue(async (services, ct) =>
        {
            if (await work.ConfigureAwait(false) is { } submission)
            {
                await services.GetRequiredService<SlackInteractionProcessor>().PostSubmissionAsync(submission, ct).ConfigureAwait(false);
            }
        });
        return SlackAck.Empty;
    }

    /// <summary>The ack budget (CommandAckBudget) on the bot's clock: cancelled when the ack must leave.</summary>
    private CancellationTokenSource AckBudget() => new(options.Value.CommandAckBudget, clock);

    private SlackAck Busy(string kind)
    {
        Log.QueueFull(logger, queue.Capacity, kind);
        return SlackAck.Busy;
    }

    /// <summary>True when <paramref name="work"/> ends (well or not) before <paramref name="budget"/> runs out.</summary>
    private static async Task<bool> FinishesWithinBudgetAsync(Task work, CancellationToken budget)
    {
        if (work.IsCompleted)
        {
            return true;
        }
        var ranOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = budget.Register(() => ranOut.TrySetResult()).ConfigureAwait(false);
        return await Task.WhenAny(work, ranOut.Task).ConfigureAwait(false) == work;
    }
}
