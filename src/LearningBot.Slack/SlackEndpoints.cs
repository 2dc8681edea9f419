using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Slack.Api;
using LearningBot.Slack.Inbound;
using LearningBot.Slack.Installations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LearningBot.Slack;

public static class SlackEndpoints
{
    /// <summary>
    /// Maps the Slack endpoints: <c>POST /slack/events</c>, <c>/slack/commands</c>, <c>/slack/interactions</c> (the names
    /// ARCHITECTURE.md fixes) and the OAuth install pair <c>GET /slack/install</c>, <c>/slack/oauth/callback</c>.
    /// Each answers 404 while its part is switched off (no SigningSecret, Socket Mode on, no ClientId).
    /// </summary>
    public static IEndpointRouteBuilder MapSlackEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SlackOptions>>().Value;
        if (!options.IsEnabled && !options.SocketMode)
        {
            Log.Disabled(endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("LearningBot.Slack"));
        }
        endpoints.MapPost("/slack/events", (HttpContext context) => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().EventsAsync(context));
        endpoints.MapPost("/slack/commands", (HttpContext context) => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().CommandsAsync(context));
        endpoints.MapPost("/slack/interactions", (HttpContext context) => context.RequestServices.GetRequiredService<SlackHttpEndpoint>().InteractionsAsync(context));
        endpoints.MapGet("/slack/install", (HttpContext context) => context.RequestServices.GetRequiredService<SlackOAuthEndpoint>().InstallAsync(context));
        endpoints.MapGet("/slack/oauth/callback", (HttpContext context) => context.RequestServices.GetRequiredService<SlackOAuthEndpoint>().CallbackAsync(context));
        return endpoints;
    }
}

/// <summary>
/// The three Slack request URLs. Order keeps bad input cheap: switched off (404) → size (413) → signature on the raw
/// bytes (401, slack-protocol.md §1) → parse (400) → answer within 3 s, heavy work after the ack (§2.2). Nothing is
/// stored or sent for a refused request, and bad input never causes a 500.
/// </summary>
public sealed class SlackHttpEndpoint(
    IOptions<SlackOptions> options,
    SlackSignatureVerifier verifier,
    SlackWorkQueue queue,
    TimeProvider clock,
    ILogger<SlackHttpEndpoint> logger)
{
    public async Task EventsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = await AuthenticatedBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }
        JsonElement envelope;
        try
        {
            using var document = JsonDocument.Parse(body);
            envelope = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await ProblemAsync(context, 400, "Malformed event", "The body is not JSON; the Events API posts application/json (slack-protocol.md §2.1).").ConfigureAwait(false);
            return;
        }
        switch (envelope.ValueKind == JsonValueKind.Object ? envelope.GetString("type") : null)
        {
            case "url_verification":
                // §2.1: echo the challenge (JSON, as bolt-js answers).
                await context.Response.WriteAsJsonAsync(new { challenge = envelope.GetString("challenge") ?? "" }, context.RequestAborted).ConfigureAwait(false);
                return;
            case "event_callback" when envelope.GetString("event_id") is not null && envelope.GetObject("event") is not null:
                // §2.2: ack now, process after; a retry (X-Slack-Retry-Num) is queued too and dropped by the event_id dedupe.
                queue.Enqueue((services, ct) => services.GetRequiredService<SlackEventProcessor>().ProcessAsync(envelope, ct));
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            case "app_rate_limited":
                Log.AppRateLimited(logger, envelope.GetString("team_id"));
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            default:
                await ProblemAsync(context, 400, "Unknown payload", "Expected url_verification, event_callback or app_rate_limited (slack-protocol.md §2.1).").ConfigureAwait(false);
                return;
        }
    }

    public async Task CommandsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Available(context))
        {
            return;
        }
        var raw = await ReadBodyAsync(context).ConfigureAwait(false);
        if (raw is null)
        {
            return;
        }
        var form = ParseForm(raw);
        // §1 ssl_check: Slack checks the certificate with an unsigned form post; answer 200, do nothing.
        if (form.TryGetValue("ssl_check", out var ssl) && ssl == "1")
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        if (!Verify(context, raw))
        {
            return;
        }
        var command = SlashCommand.From(name => form.TryGetValue(name, out var value) ? value.ToString() : null);
        if (command is null)
        {
            await ProblemAsync(context, 400, "Malformed slash command", "The form lacks command, user_id or channel_id (slack-protocol.md §3).").ConfigureAwait(false);
            return;
        }
        var answer = await AnswerCommandAsync(queue, clock, options.Value.CommandAckBudget, command).ConfigureAwait(false);
        if (answer is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        await WriteJsonAsync(context, answer).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a command with the 3 s budget (§3): done in time → the answer goes in the HTTP response; otherwise a short
    /// "working on it" now and the answer through response_url when it is ready. Shared with Socket Mode.
    /// </summary>
    public static async Task<JsonObject?> AnswerCommandAsync(SlackWorkQueue queue, TimeProvider clock, TimeSpan budget, SlashCommand command)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(command);
        var work = queue.Run((services, ct) => services.GetRequiredService<SlackInteractionProcessor>().CommandAsync(command, ct));
        if (await FinishesWithinAsync(work, clock, budget).ConfigureAwait(false))
        {
            return work.IsCompletedSuccessfully
                ? work.Result
                : SlackInteractionProcessor.Ephemeral(Core.Conversations.OutboundMessage.FromText("Sorry, something went wrong on my side. Please try again in a minute."));
        }
        if (Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var responseUrl))
        {
            queue.Enqueue(async (services, ct) =>
            {
                if (await work.ConfigureAwait(false) is { } late)
                {
                    await services.GetRequiredService<Api.SlackApiClient>().PostToResponseUrlAsync(responseUrl, late, ct).ConfigureAwait(false);
                }
            });
        }
        return SlackInteractionProcessor.Ephemeral(Core.Conversations.OutboundMessage.FromText("Working on it…"));
    }

    /// <summary>True when <paramref name="work"/> ends (well or not) within the ack budget, measured on the bot's clock.</summary>
    private static async Task<bool> FinishesWithinAsync(Task work, TimeProvider clock, TimeSpan budget)
    {
        using var stopTimer = new CancellationTokenSource();
        var timer = Task.Delay(budget, clock, stopTimer.Token);
        if (await Task.WhenAny(work, timer).ConfigureAwait(false) != work)
        {
            return false;
        }
        await stopTimer.CancelAsync().ConfigureAwait(false);
        return true;
    }

    public async Task InteractionsAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var raw = await AuthenticatedBodyAsync(context).ConfigureAwait(false);
        if (raw is null)
        {
            return;
        }
        var form = ParseForm(raw);
        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(form.TryGetValue("payload", out var json) ? json.ToString() : "");
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            await ProblemAsync(context, 400, "Malformed interaction", "Expected a form field 'payload' holding JSON (slack-protocol.md §4).").ConfigureAwait(false);
            return;
        }
        var (answer, known) = await AnswerInteractionAsync(queue, clock, options.Value.CommandAckBudget, payload).ConfigureAwait(false);
        if (!known)
        {
            await ProblemAsync(context, 400, "Unknown interaction", "Expected block_actions, view_submission or view_closed (slack-protocol.md §4).").ConfigureAwait(false);
            return;
        }
        if (answer is null)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        await WriteJsonAsync(context, answer).ConfigureAwait(false);
    }

    /// <summary>The ack body of an interaction (null = empty 200), queuing the work that follows it. Shared with Socket Mode.</summary>
    public static async Task<(JsonObject? Answer, bool Known)> AnswerInteractionAsync(SlackWorkQueue queue, TimeProvider clock, TimeSpan budget, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(queue);
        switch (payload.ValueKind == JsonValueKind.Object ? payload.GetString("type") : null)
        {
            case "block_actions":
                queue.Enqueue((services, ct) => services.GetRequiredService<SlackInteractionProcessor>().BlockActionsAsync(payload, ct));
                return (null, true);
            case "view_submission":
                if (SlackInteractionProcessor.ValidateSubmission(payload) is { } errors)
                {
                    return (errors, true);
                }
                return (await AnswerSubmissionAsync(queue, clock, budget, payload).ConfigureAwait(false), true);
            case "view_closed" or "shortcut" or "message_action" or "block_suggestion":
                // Nothing the core needs (yet); acknowledged so Slack shows no error.
                return (null, true);
            default:
                return (null, false);
        }
    }

    /// <summary>
    /// Runs a valid view_submission within the ack budget, so the core's problems with the form land on its fields
    /// (response_action errors) and the modal stays open. Done in time without problems, or too slow: the modal closes
    /// and the reply is posted when ready (a late form with problems arrives as a message).
    /// </summary>
    private static async Task<JsonObject?> AnswerSubmissionAsync(SlackWorkQueue queue, TimeProvider clock, TimeSpan budget, JsonElement payload)
    {
        var work = queue.Run((services, ct) => services.GetRequiredService<SlackInteractionProcessor>().RunSubmissionAsync(payload, ct));
        if (await FinishesWithinAsync(work, clock, budget).ConfigureAwait(false))
        {
            if (!work.IsCompletedSuccessfully || work.Result is not { } done)
            {
                return null;
            }
            if (SlackInteractionProcessor.FieldErrors(done.Reply) is { } problems)
            {
                return problems;
            }
        }
        queue.Enqueue(async (services, ct) =>
        {
            if (await work.ConfigureAwait(false) is { } submission)
            {
                await services.GetRequiredService<SlackInteractionProcessor>().PostSubmissionAsync(submission, ct).ConfigureAwait(false);
            }
        });
        return null;
    }

    private async Task<byte[]?> AuthenticatedBodyAsync(HttpContext context)
    {
        if (!Available(context))
        {
            return null;
        }
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        return body is not null && Verify(context, body) ? body : null;
    }

    private bool Available(HttpContext context)
    {
        var settings = options.Value;
        if (settings.IsEnabled && !settings.SocketMode)
        {
            return true;
        }
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return false;
    }

    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var max = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > max)
        {
            await ProblemAsync(context, 413, "Request too large", $"Slack requests are at most {max} bytes here.").ConfigureAwait(false);
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                await ProblemAsync(context, 413, "Request too large", $"Slack requests are at most {max} bytes here.").ConfigureAwait(false);
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private bool Verify(HttpContext context, byte[] body)
    {
        var failure = verifier.Verify(context.Request.Headers["X-Slack-Request-Timestamp"], context.Request.Headers["X-Slack-Signature"], body);
        if (failure is null)
        {
            return true;
        }
        Log.Refused(logger, context.Request.Path, 401, failure);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return false;
    }

    private static Dictionary<string, StringValues> ParseForm(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));

    private static Task WriteJsonAsync(HttpContext context, JsonObject body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private Task ProblemAsync(HttpContext context, int status, string title, string detail)
    {
        Log.Refused(logger, context.Request.Path, status, title);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ProblemDetails { Status = status, Title = title, Detail = detail }, (JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
