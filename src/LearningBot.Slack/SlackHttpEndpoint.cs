using LearningBot.Core.Kernel;
using System.Text;
using System.Text.Json;
using LearningBot.Slack.Inbound;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace LearningBot.Slack;

/// <summary>
/// The three Slack request URLs. Order keeps bad input cheap: switched off (404) → size (413) → signature on the raw
/// bytes (401, slack-protocol.md §1) → parse (400) → answer within 3 s, heavy work after the ack (§2.2). Nothing is
/// stored or sent for a refused request, and bad input never causes a 500. What the ack says is
/// <see cref="SlackAcknowledgements"/>, the same as over Socket Mode.
/// </summary>
public sealed class SlackHttpEndpoint(SlackRequestGate gate, SlackAcknowledgements acks)
{
    public async Task EventsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await gate.AuthenticatedBodyAsync(context).ConfigureAwait(false) is not { } body)
        {
            return;
        }
        if (WellFormedText.ProblemInJson(body) is { } badText)
        {
            await gate.RefuseAsync(context, 400, "Invalid text in event", badText).ConfigureAwait(false);
            return;
        }
        if (Parse(body) is not { } envelope)
        {
            await gate.RefuseAsync(context, 400, "Malformed event", "The body is not JSON; the Events API posts application/json (slack-protocol.md §2.1).").ConfigureAwait(false);
            return;
        }
        await AnswerAsync(context, await acks.EventAsync(envelope).ConfigureAwait(false), "Unknown payload", "Expected url_verification, event_callback or app_rate_limited (slack-protocol.md §2.1).").ConfigureAwait(false);
    }

    public async Task CommandsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!gate.Available(context) || await gate.ReadBodyAsync(context).ConfigureAwait(false) is not { } raw)
        {
            return;
        }
        if (!System.Text.Unicode.Utf8.IsValid(raw) || !FormIsWellFormed(raw))
        {
            await gate.RefuseAsync(context, 400, "Invalid text in slash command", "A form field is not valid UTF-8 (after percent-decoding).").ConfigureAwait(false);
            return;
        }
        var form = ParseForm(raw);
        // §1 ssl_check: Slack checks the certificate with an unsigned form post; answer 200, do nothing.
        if (form.TryGetValue("ssl_check", out var ssl) && ssl == "1")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        if (!gate.Verify(context, raw))
        {
            return;
        }
        var ack = await acks.CommandAsync(name => form.TryGetValue(name, out var value) ? value.ToString() : null).ConfigureAwait(false);
        await AnswerAsync(context, ack, "Malformed slash command", "The form lacks command, user_id or channel_id (slack-protocol.md §3).").ConfigureAwait(false);
    }

    public async Task InteractionsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await gate.AuthenticatedBodyAsync(context).ConfigureAwait(false) is not { } raw)
        {
            return;
        }
        if (!FormIsWellFormed(raw))
        {
            await gate.RefuseAsync(context, 400, "Invalid text in interaction", "A form field is not valid UTF-8 (after percent-decoding).").ConfigureAwait(false);
            return;
        }
        var form = ParseForm(raw);
        var payloadText = form.TryGetValue("payload", out var json) ? json.ToString() : "";
        if (!WellFormedText.IsWellFormed(payloadText) || WellFormedText.ProblemInJson(Encoding.UTF8.GetBytes(payloadText)) is not null)
        {
            await gate.RefuseAsync(context, 400, "Invalid text in interaction", "The payload holds text that is not valid UTF-8/UTF-16 (e.g. an unpaired surrogate).").ConfigureAwait(false);
            return;
        }
        if (Parse(Encoding.UTF8.GetBytes(payloadText)) is not { } payload)
        {
            await gate.RefuseAsync(context, 400, "Malformed interaction", "Expected a form field 'payload' holding JSON (slack-protocol.md §4).").ConfigureAwait(false);
            return;
        }
        var ack = await acks.InteractionAsync(payload).ConfigureAwait(false);
        await AnswerAsync(context, ack, "Unknown interaction", "Expected block_actions, view_submission or view_closed (slack-protocol.md §4).").ConfigureAwait(false);
    }

    /// <summary>The ack as the HTTP response: 200 with its JSON body, an empty 200, 400 when the payload was not understood, 503 when there was no room for it.</summary>
    private Task AnswerAsync(HttpContext context, SlackAck ack, string unknownTitle, string unknownDetail)
    {
        if (!ack.Understood)
        {
            return gate.RefuseAsync(context, 400, unknownTitle, unknownDetail);
        }
        if (ack.NoRoom)
        {
            // Not taken: Slack resends an event after a non-2xx (the event_id dedupe drops any copy), and shows the
            // person an error for a click or a form. Retry-After is a hint for proxies; Slack keeps its own schedule.
            context.Response.Headers.RetryAfter = "1";
            return gate.RefuseAsync(context, 503, "Too busy", "The bot's work queue is full; nothing was taken. Slack retries events; try again in a moment.");
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
        if (ack.Body is not { } body)
        {
            return Task.CompletedTask;
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static JsonElement? Parse(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>True when the raw form and every percent-decoded name and value are valid UTF-8.</summary>
    private static bool FormIsWellFormed(byte[] body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return false;
        }
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&'))
        {
            foreach (var part in pair.Split('=', 2))
            {
                var bytes = System.Net.WebUtility.UrlDecodeToBytes(Encoding.UTF8.GetBytes(part), 0, Encoding.UTF8.GetByteCount(part));
                if (bytes is not null && !System.Text.Unicode.Utf8.IsValid(bytes))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static Dictionary<string, StringValues> ParseForm(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
}
